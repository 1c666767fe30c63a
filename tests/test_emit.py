"""The emitter: golden graph by isomorphism, determinism, and incremental builds."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, to_isomorphic

from kg.extract import extract_article
from kg.ingest import read_file
from kg.rdf.emit import Emitter, date_literal, union_graph

DATA = Path(__file__).parent / "data"


def emit(paths: list[Path], issued: str = "2021-03-06") -> Dataset:
    emitter = Emitter()
    for p in paths:
        for article in read_file(p, issued=issued).articles:
            emitter.emit_article_facts(extract_article(article))
    return emitter.ds


def assert_same_graph(got: Graph, want: Graph) -> None:
    iso_got, iso_want = to_isomorphic(got), to_isomorphic(want)
    if iso_got != iso_want:
        _, only_got, only_want = graph_diff(iso_got, iso_want)
        raise AssertionError("unexpected:\n" + only_got.serialize(format="nt")
                             + "\nmissing:\n" + only_want.serialize(format="nt"))


def test_emit_tiny_article_matches_golden_graph():
    got = union_graph(emit([DATA / "tiny_article.txt"]))
    want = Graph().parse(DATA / "tiny_article.golden.ttl", format="turtle")
    assert_same_graph(got, want)


def test_emit_is_deterministic():
    a = union_graph(emit([DATA / "tiny_article.txt"]))
    b = union_graph(emit([DATA / "tiny_article.txt"]))
    assert_same_graph(a, b)


def test_building_a_then_b_equals_building_both(tmp_path):
    second = tmp_path / "second.txt"
    second.write_text("区政府召开防汛会议\n6 月 1 日下午，区长陈刚主持召开全区防汛工作会议。\n", encoding="utf-8")
    together = union_graph(emit([DATA / "tiny_article.txt", second]))
    one, two = union_graph(emit([DATA / "tiny_article.txt"])), union_graph(emit([second]))
    assert_same_graph(together, one + two)


def test_each_article_in_its_own_named_graph():
    ds = emit([DATA / "tiny_article.txt"])
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert names == {"https://kg.example.org/id/article/tiny-article"}


def test_every_extracted_node_is_derived_from_a_sentence():
    from rdflib.namespace import PROV, RDF

    g = union_graph(emit([DATA / "tiny_article.txt"]))
    sentence_class = "https://kg.example.org/ns/lg#Sentence"
    sentences = set(g.subjects(RDF.type, None)) & {s for s in g.subjects() if (s, RDF.type, None) in g}
    for node in g.subjects(PROV.wasDerivedFrom, None):
        for s in g.objects(node, PROV.wasDerivedFrom):
            assert str(g.value(s, RDF.type)) == sentence_class
    assert sentences


def test_partial_dates_get_partial_datatypes():
    assert str(date_literal("2020-06-02").datatype).endswith("#date")
    assert str(date_literal("2020-06").datatype).endswith("#gYearMonth")
    assert str(date_literal("--06-02").datatype).endswith("#gMonthDay")


def test_characters_not_allowed_in_iris_are_dropped_from_keys():
    from kg.iri import iri_key

    assert iri_key("甲\ufff0乙\ue000丙\ufdd0") == "甲乙丙"
