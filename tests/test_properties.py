"""Property-based tests: arbitrary text never crashes the reader, the extractors or the emitter;
the output always parses; the same input always gives the same graph."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph

from kg.extract import extract_article
from kg.ingest.article import article_from_text
from kg.ingest.page import read_page
from kg.iri import iri_key
from kg.rdf.emit import Emitter
from kg.rdf.serialize import serialize

# Text made of the pieces news pages are made of, plus arbitrary Unicode.
PIECES = st.sampled_from([
    "□ 记者 王明", "本报讯 6 月 2 日下午，", "市委常委、区委书记", "主持召开", "区委常委会会议", "。", "，",
    "会议传达学习", "全市工作会议精神", "“二次创业”", "《民法典》", "\n", "\n\n", " ", "、", "表彰了 3 家",
    "正式上线", "依托“浙政钉”系统", "<script>", '"', "\\", "{}|^`", "\x00", "\u202e", "05要闻·城区", "阅读提示",
])
NEWS_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _graph_bytes(text: str) -> tuple[bytes, bytes]:
    articles, _ = read_page(text, "p.txt", "p", "2021-03-06")
    articles.append(article_from_text(text, article_id="a", path="a.txt", issued="2021-03-06"))
    emitter = Emitter()
    for article in articles:
        emitter.emit_article_facts(extract_article(article))
    return serialize(emitter.ds, "ttl"), serialize(emitter.ds, "trig")


@SETTINGS
@given(NEWS_TEXT)
def test_reader_offsets_always_point_into_the_input(text):
    articles, _ = read_page(text, "p.txt", "p", "2021-03-06")
    for a in articles:
        for s in a.sentences:
            assert 0 <= s.start <= s.end <= len(text)


@SETTINGS
@given(NEWS_TEXT)
def test_any_text_gives_parseable_turtle_and_trig(text):
    ttl, trig = _graph_bytes(text)
    Graph().parse(data=ttl, format="turtle")
    Dataset().parse(data=trig, format="trig")


@SETTINGS
@given(NEWS_TEXT)
def test_same_input_same_graph(text):
    assert _graph_bytes(text) == _graph_bytes(text)


@SETTINGS
@given(st.text())
def test_iri_key_is_idempotent_and_safe(label):
    key = iri_key(label)
    assert key and iri_key(key) == key
    assert not set(key) & set(' <>"{}|^`\\#%/?')
