"""kg build end to end: outputs, determinism across job counts, the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.build import BuildOptions, build
from kg.build.report import CacheUse, InputReport

DATA = Path(__file__).parent / "data"


def test_same_graph_for_any_number_of_jobs(tmp_path):
    inputs = [DATA / "page_two_stories.txt", DATA / "tiny_article.txt"]
    build(inputs, tmp_path / "one", BuildOptions(issued="2021-03-06", html=False))
    build(inputs, tmp_path / "two", BuildOptions(issued="2021-03-06", html=False, jobs=2))
    for name in ("graph.ttl", "graph.trig"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_report_lists_articles_with_titles_entities_and_statements(tmp_path):
    report = build([DATA / "page_two_stories.txt"], tmp_path, BuildOptions(issued="2021-03-06", html=False))
    assert not report.failed
    saved = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    (item,) = saved["inputs"]
    assert item["kind"] == "page" and item["section"] == "要闻·城区"
    assert [a["title"] for a in item["articles"]] == ["张建国主持召开区委常委会会议", "城区“智慧停车平台”上线"]
    assert item["articles"][0]["entities"]["person"] == 1
    assert item["articles"][0]["statements"]["chair"] == 1
    assert saved["totals"] == {"inputs": 1, "articles": 2, "errors": 0, "warnings": 0}


def test_report_json_keeps_its_keys_in_order_and_reads_back(tmp_path):
    build([DATA / "page_two_stories.txt"], tmp_path, BuildOptions(issued="2021-03-06", html=False, store=False))
    saved = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert list(saved) == ["totals", "failed", "review", "holds", "fingerprint", "inputs", "cache"]
    (item,) = saved["inputs"]
    assert list(item) == ["path", "kind", "encoding", "articles", "warnings", "errors", "page", "section",
                          "dropped_furniture", "page_captions"]
    assert list(item["articles"][0]) == ["id", "title", "kicker", "subtitle", "authors", "dateline", "sentences",
                                         "entities", "statements"]
    assert InputReport.from_json(item).to_json() == item  # what a build the folder already holds reports


def test_optional_formats_are_written(tmp_path):
    build([DATA / "tiny_article.txt"], tmp_path, BuildOptions(html=False, formats=("ttl", "trig", "jsonld", "nq")))
    from rdflib import Dataset, Graph

    assert len(Graph().parse(tmp_path / "graph.jsonld", format="json-ld")) > 10
    assert len(Dataset().parse(tmp_path / "graph.nq", format="nquads")) >= 0


def test_rerun_reuses_cached_extraction_and_only_extracts_new_articles(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text((DATA / "tiny_article.txt").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    first = build([folder], out, BuildOptions(html=False, store=False))
    assert first.cache == CacheUse(reused=0, extracted=1)
    graph_before = (out / "graph.ttl").read_bytes()
    second_article = "区政府召开防汛会议\n6 月 1 日下午，区长陈刚主持召开全区防汛工作会议。\n"
    (folder / "b.txt").write_text(second_article, encoding="utf-8")
    second = build([folder], out, BuildOptions(html=False, store=False))
    assert second.cache == CacheUse(reused=1, extracted=1)
    third = build([folder], tmp_path / "fresh", BuildOptions(html=False, store=False, cache=False))
    assert third.cache is None
    assert (out / "graph.ttl").read_bytes() == (tmp_path / "fresh" / "graph.ttl").read_bytes() != graph_before


def test_merge_report_names_nodes_found_in_several_articles(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("甲\n3 月 5 日上午，区长陈刚主持召开全区防汛工作会议。\n", encoding="utf-8")
    b.write_text("乙\n3 月 9 日上午，区长陈刚出席全区植树活动。\n", encoding="utf-8")
    build([a, b], tmp_path / "out", BuildOptions(html=False, store=False))
    merges = json.loads((tmp_path / "out" / "merges.json").read_text(encoding="utf-8"))
    people = [m for m in merges["merged"] if m["kind"] == "person"]
    assert [(m["label"], m["articles"]) for m in people] == [("陈刚", ["a", "b"])]


def test_dask_engine_writes_the_same_graph_as_the_local_engine(tmp_path):
    inputs = [DATA / "page_two_stories.txt", DATA / "tiny_article.txt"]
    build(inputs, tmp_path / "local", BuildOptions(issued="2021-03-06", html=False, store=False))
    build(inputs, tmp_path / "dask", BuildOptions(issued="2021-03-06", html=False, store=False, engine="dask",
                                                  jobs=2, cache=False))
    assert (tmp_path / "local" / "graph.trig").read_bytes() == (tmp_path / "dask" / "graph.trig").read_bytes()


def test_graph_files_rendered_in_the_background_are_the_same(tmp_path):
    inputs = [DATA / "page_two_stories.txt", DATA / "tiny_article.txt"]
    one = build(inputs, tmp_path / "one", BuildOptions(issued="2021-03-06", store=False))
    two = build(inputs, tmp_path / "two", BuildOptions(issued="2021-03-06", store=False, jobs=2,
                                                       formats=("ttl", "trig", "nq")))
    assert "waiting for the graph files" in two.timings and "waiting for the graph files" not in one.timings
    for name in ("graph.ttl", "graph.trig", "graph.html"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    assert (tmp_path / "two" / "graph.nq").stat().st_size > 0


def test_a_background_failure_is_raised_in_the_build():
    from kg.build.background import InBackground

    job = InBackground(int, "not a number")
    try:
        with pytest.raises(ValueError, match="not a number"):
            job.result()
    finally:
        job.cancel()


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_store_that_cannot_be_written_leaves_the_graph_files_as_they_were(tmp_path, jobs):
    # the files never get ahead of the store, also when the store is loaded beside the rendering
    from kg.store import StoreError
    from kg.store.embedded import open_store

    out = tmp_path / "out"
    build([DATA / "tiny_article.txt"], out, BuildOptions(issued="2021-03-06", html=False))
    before = {name: (out / name).read_bytes() for name in ("graph.ttl", "graph.trig", "report.json")}
    holder = open_store(out / "store")  # another process would hold its lock the same way
    try:
        with pytest.raises(StoreError, match="in use"):
            build([DATA / "page_two_stories.txt"], out, BuildOptions(issued="2021-03-06", jobs=jobs))
    finally:
        del holder
    assert {name: (out / name).read_bytes() for name in before} == before
    assert not (out / "graph.html").exists()


# ---- what an output folder holds (issue #19) --------------------------------------------------

def _labels(out: Path, query: str, var: str) -> set[str]:
    from kg.queries import load_graph, load_query, run_query

    return {str(row[var]) for row in run_query(load_graph([out]), load_query(query), {})}


def _titles(out: Path) -> set[str]:
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {a["title"] for i in report["inputs"] for a in i["articles"]}


@pytest.fixture()
def two_articles(tmp_path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("甲区召开防汛会议\n3 月 5 日上午，区长陈刚主持召开全区防汛工作会议。\n", encoding="utf-8")
    b.write_text("乙县召开植树会议\n3 月 9 日上午，县长周立平主持召开全县植树造林工作会议。\n", encoding="utf-8")
    return a, b


def test_a_build_into_a_used_folder_holds_only_its_own_inputs(two_articles, tmp_path):
    a, b = two_articles
    out = tmp_path / "out"
    build([a], out, BuildOptions())
    build([b], out, BuildOptions())
    assert _labels(out, "people", "name") == {"周立平"}  # the store answers: it was rebuilt too
    assert "陈刚" not in (out / "graph.ttl").read_text(encoding="utf-8")
    assert "陈刚" not in (out / "graph.html").read_text(encoding="utf-8")
    assert _titles(out) == {"乙县召开植树会议"}
    holds = json.loads((out / "report.json").read_text(encoding="utf-8"))["holds"]
    assert [h["path"] for h in holds] == [str(b.absolute())]


def test_append_adds_to_what_the_folder_holds_and_every_output_covers_both(two_articles, tmp_path):
    a, b = two_articles
    out = tmp_path / "out"
    build([a], out, BuildOptions(issued="2021-03-06"))
    second = build([b], out, BuildOptions(append=True))
    assert second.cache == CacheUse(reused=1, extracted=1)  # the held article is not extracted again
    assert _labels(out, "people", "name") == {"陈刚", "周立平"}
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "陈刚" in ttl and "周立平" in ttl and "2021-03-05" in ttl  # a's --date kept: its full date
    assert "陈刚" in (out / "graph.html").read_text(encoding="utf-8")
    assert _titles(out) == {"甲区召开防汛会议", "乙县召开植树会议"}
    holds = json.loads((out / "report.json").read_text(encoding="utf-8"))["holds"]
    assert holds == [{"path": str(a.absolute()), "date": "2021-03-06"}, {"path": str(b.absolute())}]
    fresh = tmp_path / "fresh"
    build([a], fresh, BuildOptions(issued="2021-03-06"))
    build([b], fresh, BuildOptions(append=True, cache=False))
    assert (out / "graph.trig").read_bytes() == (fresh / "graph.trig").read_bytes()


def test_append_refuses_when_a_held_input_is_gone_and_changes_nothing(two_articles, tmp_path):
    from kg.build import BuildError

    a, b = two_articles
    out = tmp_path / "out"
    build([a], out, BuildOptions())
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    a.unlink()
    with pytest.raises(BuildError, match="no longer exist"):
        build([b], out, BuildOptions(append=True))
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_a_build_the_folder_already_holds_writes_nothing_again(two_articles, tmp_path):
    a, b = two_articles
    out = tmp_path / "out"
    build([a, b], out, BuildOptions())
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
    again = build([a, b], out, BuildOptions())
    assert again.unchanged and again.cache == CacheUse(reused=2, extracted=0)
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()} == stamps
    assert not build([a, b], out, BuildOptions(cache=False)).unchanged  # --no-cache: built again
    (out / "graph.html").unlink()
    assert not build([a, b], out, BuildOptions()).unchanged and (out / "graph.html").is_file()
    b.write_text(b.read_text(encoding="utf-8").replace("周立平", "周立安"), encoding="utf-8")
    changed = build([a, b], out, BuildOptions())
    assert not changed.unchanged and _labels(out, "people", "name") == {"陈刚", "周立安"}


def test_a_leader_abroad_named_with_a_bare_title_holds_no_chinese_post(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("会见越方代表团\n越共中央总书记阮国平会见中方代表团。\n", encoding="utf-8")
    b.write_text("会见越南国会主席\n4月8日，国家主席习近平会见越南国会主席王庭光。习近平请王庭光转达对阮国平总书记的亲切问候。\n",
                 encoding="utf-8")
    out = tmp_path / "out"
    build([a, b], out, BuildOptions(html=False))
    from kg.queries import load_graph, load_query, run_query

    rows = run_query(load_graph([out]), load_query("holders"), {"post": "中共中央总书记"})
    assert "阮国平" not in {str(r["name"]) for r in rows}
    posts = {(str(r["name"]), str(r["position"])) for r in run_query(load_graph([out]), load_query("people"), {})}
    assert ("阮国平", "越共中央总书记") in posts and ("阮国平", "中共中央总书记") not in posts
    dropped = json.loads((out / "merges.json").read_text(encoding="utf-8"))["posts_dropped"]
    assert [(d["person"], d["post"], d["article"]) for d in dropped] == [("阮国平", "中共中央总书记", "b")]
    alone = tmp_path / "alone"
    build([b], alone, BuildOptions(html=False))  # nothing in the build says he is abroad: kept
    assert "阮国平" in {str(r["name"]) for r in run_query(load_graph([alone]), load_query("holders"),
                                                        {"post": "中共中央总书记"})}


def test_dropping_a_leaders_post_abroad_leaves_a_graph_that_conforms(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("会见越方代表团\n越共中央总书记阮国平会见中方代表团。\n", encoding="utf-8")
    b.write_text("转达问候\n4月8日，习近平请王庭光转达对阮国平总书记的亲切问候。\n", encoding="utf-8")
    out = tmp_path / "out"
    build([a, b], out, BuildOptions(html=False))
    from kg.rdf.validate import validate_path

    assert validate_path(out).conforms


def test_a_rebuild_of_unchanged_statements_writes_what_a_fresh_build_writes(two_articles, tmp_path):
    # every article from the cache, so the store and graph files can be taken from the folder
    # (kg.build.reuse); a graph file edited by hand is made again
    a, b = two_articles
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    build([a, b], out, BuildOptions())
    (out / "graph.ttl").write_text("# edited by hand\n", encoding="utf-8")
    options = BuildOptions(formats=("ttl", "trig", "nt"))  # one format more: not the same build
    again = build([b, a], out, options)
    assert not again.unchanged and again.cache == CacheUse(reused=2, extracted=0)
    build([b, a], fresh, BuildOptions(formats=("ttl", "trig", "nt"), cache=False))
    for name in ("graph.ttl", "graph.trig", "graph.nt"):
        assert (out / name).read_bytes() == (fresh / name).read_bytes()
    assert _labels(out, "people", "name") == {"陈刚", "周立平"}
    b.write_text(b.read_text(encoding="utf-8").replace("周立平", "周立安"), encoding="utf-8")
    build([a, b], out, options)  # other statements: nothing is taken from the folder
    assert _labels(out, "people", "name") == {"陈刚", "周立安"}
    assert "周立平" not in (out / "graph.trig").read_text(encoding="utf-8")
