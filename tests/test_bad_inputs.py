"""Bad input never loses data: a folder mixing good files with every bad kind, made by the test."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE = "区政府召开防汛会议\n6 月 1 日下午，区长陈刚主持召开全区防汛工作会议。会议传达学习全省防汛工作会议精神。\n"
TRADITIONAL = ("區政府召開防汛會議\n"
               "6 月 1 日下午，區長陳剛主持召開全區防汛工作會議。會議傳達學習全省防汛工作會議精神。\n")


def kg(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


@pytest.fixture()
def bad_inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "bad_inputs"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "good_bom.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("防汛", "抗旱").encode("utf-8"))
    (folder / "gbk.txt").write_bytes(ARTICLE.replace("防汛", "安全生产").encode("gb18030"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    (folder / "README.md").write_text("# 说明\n这些是测试文件。\n", encoding="utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a picture")
    (folder / "huge.txt").write_text(ARTICLE * 50, encoding="utf-8")
    lines = [
        json.dumps({"id": "a1", "title": "第一篇", "date": "2021-06-02", "text": "区长陈刚出席会议并讲话。"},
                   ensure_ascii=False),
        '{"id": "a2", "title": "断了的一行", "text": "区长',
        json.dumps({"id": "a3", "title": "没有正文"}, ensure_ascii=False),
        json.dumps({"id": "a4", "title": "第四篇", "date": "2021-06-03", "text": "会议召开。"}, ensure_ascii=False),
    ]
    (folder / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_folder_with_bad_files_builds_the_good_ones_and_names_the_bad(bad_inputs, tmp_path):
    out = tmp_path / "out"
    done = kg("build", str(bad_inputs), "-o", str(out), "--date", "2021-06-05",
              env={"KG_MAX_INPUT_BYTES": "2000"})
    assert done.returncode == 1
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    by_name = {Path(i["path"]).name: i for i in report["inputs"]}
    for name in ("empty.txt", "binary.txt", "notes.pdf", "huge.txt"):
        assert by_name[name]["errors"], name
        assert name in done.stderr
    for name in ("README.md", "photo.jpg"):  # not articles: skipped with a warning, not failures
        assert by_name[name]["kind"] == "skipped" and not by_name[name]["errors"], name
        assert "skipped" in by_name[name]["warnings"][0]["message"]
    assert "empty" in by_name["empty.txt"]["errors"][0]["message"]
    assert "binary" in by_name["binary.txt"]["errors"][0]["message"]
    corpus_errors = {e["line"]: e["message"] for e in by_name["corpus.jsonl"]["errors"]}
    assert set(corpus_errors) == {2, 3}
    assert "corpus.jsonl:2" in done.stderr
    assert [a["id"] for a in by_name["corpus.jsonl"]["articles"]] == ["a1", "a4"]
    assert by_name["gbk.txt"]["encoding"] == "gb18030"
    titles = {a["title"] for i in report["inputs"] for a in i["articles"]}
    assert {"区政府召开防汛会议", "区政府召开抗旱会议", "区政府召开安全生产会议"} <= titles
    graph = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "全区防汛工作会议" in graph and "全区安全生产工作会议" in graph


def test_a_folder_with_articles_and_other_files_builds_and_exits_zero(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "README.md").write_text("说明\n", encoding="utf-8")
    (folder / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    done = kg("build", str(folder), "-o", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert "README.md: warning: not an input kg reads" in done.stderr and "scan.png" in done.stderr
    named = kg("build", str(folder / "scan.png"), "-o", str(tmp_path / "out2"))
    assert named.returncode == 1 and "unknown extension" in named.stderr


def test_gb18030_and_traditional_copies_yield_the_same_people_posts_and_events(tmp_path):
    def people_and_events(path: Path) -> tuple[set, set]:
        out = path.parent / (path.stem + "_out")
        assert kg("build", str(path), "-o", str(out), "--date", "2021-06-05").returncode == 0
        people = kg("query", "people", "--graph", str(out), "--format", "json")
        events = kg("query", "events", "--graph", str(out), "--format", "json")
        rows = lambda done: json.loads(done.stdout)["results"]["bindings"]  # noqa: E731
        return ({(r["name"]["value"], r.get("position", {}).get("value")) for r in rows(people)},
                {(r["label"]["value"], r.get("date", {}).get("value")) for r in rows(events)})

    utf8, gbk, trad = tmp_path / "utf8.txt", tmp_path / "gbk.txt", tmp_path / "trad.txt"
    utf8.write_text(ARTICLE, encoding="utf-8")
    gbk.write_bytes(ARTICLE.encode("gb18030"))
    trad.write_text(TRADITIONAL, encoding="utf-8")
    want = people_and_events(utf8)
    assert want[0] == {("陈刚", "区长")} and ("全区防汛工作会议", "2021-06-01") in want[1]
    assert people_and_events(gbk) == want
    assert people_and_events(trad) == want


def test_traditional_evidence_keeps_the_original_text(tmp_path):
    trad = tmp_path / "trad.txt"
    trad.write_text(TRADITIONAL, encoding="utf-8")
    out = tmp_path / "out"
    assert kg("build", str(trad), "-o", str(out)).returncode == 0
    graph = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "區長陳剛主持召開全區防汛工作會議" in graph


def test_a_run_that_reads_nothing_keeps_the_previous_graph(tmp_path):
    good, out = tmp_path / "good.txt", tmp_path / "out"
    good.write_text(ARTICLE, encoding="utf-8")
    assert kg("build", str(good), "-o", str(out)).returncode == 0
    before = (out / "graph.ttl").read_bytes()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    done = kg("build", str(empty), "-o", str(out))
    assert done.returncode == 1
    assert (out / "graph.ttl").read_bytes() == before
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["failed"] is True


def test_unwritable_output_fails_cleanly_and_keeps_old_files(tmp_path):
    good, out = tmp_path / "good.txt", tmp_path / "out"
    good.write_text(ARTICLE, encoding="utf-8")
    assert kg("build", str(good), "-o", str(out)).returncode == 0
    before = (out / "graph.ttl").read_bytes()
    out.chmod(0o500)
    try:
        if os.access(out, os.W_OK):  # root ignores permissions: make the target a directory instead
            out.chmod(0o700)
            (out / "report.json").unlink()
            (out / "report.json").mkdir()
        done = kg("build", str(good), "-o", str(out))
    finally:
        out.chmod(0o700)
    assert done.returncode == 1
    assert "cannot write" in done.stderr
    assert (out / "graph.ttl").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.startswith(".") and p.name != ".kg-cache"]  # no staged temp files


def test_hostile_text_gives_valid_rdf_and_inert_html(tmp_path):
    from rdflib import Dataset, Graph

    hostile = tmp_path / "hostile.txt"
    hostile.write_text('<script>alert(1)</script>标题\n'
                       '区长<b>"王\\五"</b>主持召开全区\x07工作会议。“<img src=x onerror=alert(1)>”\n',
                       encoding="utf-8")
    out = tmp_path / "out"
    assert kg("build", str(hostile), "-o", str(out)).returncode == 0
    Graph().parse(out / "graph.ttl", format="turtle")
    Dataset().parse(out / "graph.trig", format="trig")
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html


def test_sigterm_mid_build_exits_non_zero_and_keeps_previous_outputs(tmp_path):
    import signal
    import time

    good, out = tmp_path / "good.txt", tmp_path / "out"
    good.write_text(ARTICLE, encoding="utf-8")
    assert kg("build", str(good), "-o", str(out)).returncode == 0
    before = (out / "graph.ttl").read_bytes()
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(3000):  # enough work that the build is still extracting when the signal comes (~12 s idle)
        (folder / f"p{i:03d}.txt").write_text(ARTICLE.replace("防汛", f"防汛{i}"), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(folder), "-o", str(out), "--no-cache"],
                            stderr=subprocess.PIPE, text=True)
    time.sleep(4)
    assert proc.poll() is None, "the build finished before it could be interrupted"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "interrupted" in err
    assert (out / "graph.ttl").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.startswith(".") and p.name != ".kg-cache"]
