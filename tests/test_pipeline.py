"""kg build end to end: outputs, determinism across job counts, the report."""

from __future__ import annotations

import json
from pathlib import Path

from kg.pipeline import BuildOptions, build

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


def test_optional_formats_are_written(tmp_path):
    build([DATA / "tiny_article.txt"], tmp_path, BuildOptions(html=False, formats=("ttl", "trig", "jsonld", "nq")))
    from rdflib import Dataset, Graph

    assert len(Graph().parse(tmp_path / "graph.jsonld", format="json-ld")) > 10
    assert len(Dataset().parse(tmp_path / "graph.nq", format="nquads")) >= 0
