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


@pytest.mark.slow
def test_interrupts_at_random_moments_stop_a_two_job_build_cleanly(tmp_path):
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it) or SIGTERM at 20 random
    moments of a --jobs 2 build: each stops within 10 s with exit 130, one line and no traceback,
    and leaves the folder's previous outputs as they were (issue #19)."""
    import random
    import signal
    import time

    good, out = tmp_path / "good.txt", tmp_path / "out"
    good.write_text(ARTICLE, encoding="utf-8")

    def previous_build() -> dict[str, bytes]:
        assert kg("build", str(good), "-o", str(out)).returncode == 0
        return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}

    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for i in range(250):
            text = ARTICLE.replace("防汛", f"第{i}次防汛").split("\n", 1)[1] * 3
            f.write(json.dumps({"id": f"a{i}", "title": f"第{i}次会议", "date": "2021-06-02", "text": text},
                               ensure_ascii=False) + "\n")
    before = previous_build()
    rng = random.Random(19)
    interrupted = 0
    for _ in range(20):
        process = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "--jobs", "2",
                                    "--no-cache"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   start_new_session=True)
        time.sleep(rng.uniform(0.2, 4.0))
        if rng.random() < 0.5:
            os.killpg(process.pid, signal.SIGINT)
        else:
            process.send_signal(signal.SIGTERM)
        sent = time.monotonic()
        try:
            _, err = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            raise AssertionError("the build did not stop within 10 s") from None
        assert time.monotonic() - sent < 10
        if "now holds" in err:  # it had finished (a SIGTERM as Python exits ends it with -15): start again
            before = previous_build()
            continue
        interrupted += 1
        assert process.returncode == 130, err
        assert err.strip().splitlines() == [
            "kg: interrupted; outputs are written only at the end, so nothing was changed"]
        assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
        assert not [p for p in out.iterdir() if p.name.startswith(".") and p.name != ".kg-cache"]
    assert interrupted >= 12, "most signals should come while the build runs"



def test_a_stop_while_outputs_are_moved_into_place_waits_until_all_are_moved(tmp_path):
    """The interrupt test above once caught a Ctrl-C between two moves (half the folder new, half
    old). write_all_atomic moves the finished files and folders with stops held off; a stop after
    that stops again."""
    import signal
    import time

    from kg.rdf.serialize import stops_deferred, write_all_atomic

    made = tmp_path / "made"
    made.mkdir()
    (made / "inner").write_text("new", encoding="utf-8")
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "inner").write_text("old", encoding="utf-8")
    write_all_atomic({tmp_path / "a.ttl": b"new a"}, {tmp_path / "store": made})
    assert (tmp_path / "store" / "inner").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ttl", "store"]

    finished = False
    with stops_deferred():
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)
        finished = True
    assert finished
    with pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(1)
