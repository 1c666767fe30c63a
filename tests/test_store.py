"""The embedded pyoxigraph store: what a build writes, incremental loading, and canned queries
answering the same rows through pyoxigraph as through rdflib, with parameters bound safely."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.query import Result

from kg.queries import canned_queries, format_result, load_graph, load_query, run_query
from kg.store import StoreError, StoreGraph, update_store
from kg.store.embedded import STAGING_PREFIX, article_graph_names, open_store
from kg.store.order import Unsortable, split_order_by, term_key
from kg.store.params import projected_variables, substitute
from kg.store.query import parameter_terms
from kg.store.remote import canonical_rows, without_rdflib_empty_group

SDO = "http://schema.org/"
BASE = "https://kg.example.org/id/"


def rows(graph, name: str, params: dict[str, str]):
    query = load_query(name)
    found = canonical_rows(json.loads(format_result(run_query(graph, query, params), "json")))
    if isinstance(graph, StoreGraph):
        return found
    return without_rdflib_empty_group(found, query.text)  # RDFLib/rdflib#3382


@pytest.fixture(scope="module")
def engines(store_sample_build):
    """(store, rdflib) views of the sample build: its store/, and its graph.ttl."""
    store = load_graph([store_sample_build])
    assert isinstance(store, StoreGraph)
    return store, load_graph([store_sample_build / "graph.ttl"])


@pytest.fixture(scope="module")
def params(engines) -> dict[str, str]:
    """Parameter values taken from the sample's own data, so the queries have rows to return."""
    _, rdf = engines

    def first(query: str) -> str:
        found = sorted(str(r[0]) for r in rdf.query(
            "PREFIX schema: <http://schema.org/> PREFIX lg: <https://kg.example.org/ns/lg#> "
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            "PREFIX dcterms: <http://purl.org/dc/terms/> " + query))
        assert found, query
        return found[0]

    return {
        "person": first("SELECT ?n WHERE { ?e lg:chair ?p . ?p schema:name ?n }"),
        "policy": first("SELECT ?n WHERE { ?e lg:deploys|lg:studies|lg:relays|lg:concerns ?x . "
                        "?x schema:name ?n }"),
        "post": first("SELECT ?l WHERE { ?t <http://www.w3.org/ns/opengov#post>/skos:prefLabel ?l }"),
        "article": first("SELECT ?i WHERE { ?a a schema:NewsArticle ; dcterms:identifier ?i }"),
    }


# ---- what a build writes -------------------------------------------------------------------

def test_build_writes_one_named_graph_per_article_and_their_union(store_sample_build):
    trig = Dataset()
    trig.parse(store_sample_build / "graph.trig", format="trig")
    expected = {str(g.identifier): len(g) for g in trig.graphs() if len(g)}
    store = open_store(store_sample_build / "store", read_only=True)
    got = {g.value: len(list(store.quads_for_pattern(None, None, None, g)))
           for g in article_graph_names(store)}
    assert got == expected and len(got) >= 3
    default = {(q.subject, q.predicate, q.object)
               for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    union = {(q.subject, q.predicate, q.object)
             for q in store if not isinstance(q.graph_name, ox.DefaultGraph)}
    assert default == union  # each triple once, however many articles state it
    ttl = list(ox.parse(path=str(store_sample_build / "graph.ttl"), format=ox.RdfFormat.TURTLE))
    assert len(default) == len(ttl)


# ---- same rows through both engines ----------------------------------------------------------

@pytest.mark.parametrize("name", sorted(canned_queries()))
def test_canned_query_same_rows_in_store_and_rdflib(engines, params, name):
    store, rdf = engines
    query = load_query(name)
    args = {k: params[k] for k in query.params}
    got, want = rows(store, name, args), rows(rdf, name, args)
    assert got == want


def test_the_comparison_is_not_vacuous(engines, params):
    store, _ = engines
    for name, args in [("people", {}), ("events", {}), ("participation", {}), ("articles", {}),
                       ("timeline", {"person": params["person"]}),
                       ("audit", {"article": params["article"]})]:
        assert sum(rows(store, name, args).values()) > 0, name


def test_query_command_reads_the_store(store_sample_build, tmp_path):
    """With graph.ttl and graph.trig gone, `kg query --graph DIR` still answers, from store/."""
    only_store = tmp_path / "build"
    shutil.copytree(store_sample_build / "store", only_store / "store")
    done = subprocess.run([sys.executable, "-m", "kg", "query", "people", "--graph", str(only_store),
                           "--format", "json"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    want = rows(load_graph([store_sample_build / "graph.ttl"]), "people", {})
    assert canonical_rows(json.loads(done.stdout)) == want


def test_several_inputs_with_a_store_are_queried_together(store_sample_build, tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text(f'<{BASE}person/x> a <{SDO}Person> ; <{SDO}name> "测试人"@zh .\n', encoding="utf-8")
    both = load_graph([store_sample_build, extra])
    assert isinstance(both, StoreGraph)
    want = rows(load_graph([store_sample_build / "graph.ttl", extra]), "people", {})
    assert rows(both, "people", {}) == want
    assert any(("name", ("literal", "测试人", "zh", "")) in r for r in want)


# ---- the store's answer: sorted in Python, written without rdflib terms -----------------------

@pytest.mark.parametrize("name", sorted(canned_queries()))
def test_store_rows_come_in_the_order_of_the_engines_order_by(engines, params, name):
    """kg sorts the store's rows itself (kg.store.order); the sort keys come out in the sequence
    oxigraph's own ORDER BY gives them."""
    store, _ = engines
    query = load_query(name)
    args = {k: params[k] for k in query.params}
    text = substitute(query.text, parameter_terms(query, args))
    split = split_order_by(text)
    assert split is not None, name  # every canned query ends with a plain ORDER BY
    engine = store.store.query(text)
    columns = [v.value for v in engine.variables]
    keys = [columns.index(k) for k, _ in split[1]]
    want = [tuple(s[i] for i in keys) for s in engine]
    got = [tuple(row[i] for i in keys) for row in run_query(store, query, args).rows]
    assert got == want


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
@pytest.mark.parametrize("name", sorted(canned_queries()))
def test_store_output_is_written_as_rdflib_writes_it(engines, params, name, fmt):
    store, _ = engines
    query = load_query(name)
    answer = run_query(store, query, {k: params[k] for k in query.params})
    plain = Result("SELECT")  # the same rows as rdflib terms, written by rdflib's serialisers
    plain.vars, plain.bindings = answer.vars, answer.bindings
    assert format_result(answer, fmt) == format_result(plain, fmt)


XSD = "http://www.w3.org/2001/XMLSchema#"
COMPARABLE = {  # values SPARQL orders among themselves, in VALUES syntax
    "numbers": ['10', '2.5', '"1e0"^^<{x}double>', '-3', '"007"^^<{x}integer>', '2.50'],
    "strings": ['"b"', '"a"', '"ab"', '"徐光文"', '"Z"', '""'],
    "tagged": ['"b"@zh', '"a"@zh', '"a"@en', '"徐光文"@zh'],
    "dates": ['"2020-06-02"^^<{x}date>', '"2019-12-31"^^<{x}date>', '"2020-06-01"^^<{x}date>'],
    "month-days": ['"--06-02"^^<{x}gMonthDay>', '"--01-15"^^<{x}gMonthDay>'],
    "kinds": ['UNDEF', '<http://x/b>', '<http://x/a>', '"a"', 'UNDEF'],
}


@pytest.mark.parametrize("order", ["?v", "DESC(?v)"])
@pytest.mark.parametrize("kind", sorted(COMPARABLE))
def test_python_order_is_sparql_order(kind, order):
    values = " ".join(v.format(x=XSD) for v in COMPARABLE[kind])
    text = f"SELECT ?v ?i WHERE {{ VALUES ?v {{ {values} }} BIND (STR(?v) AS ?i) }} ORDER BY {order}"
    store = ox.Store()
    want = [s["v"] for s in store.query(text)]
    got = [row[0] for row in StoreGraph(store, "memory").query(text).rows]
    assert got == want


def test_terms_without_a_known_order_are_sorted_by_the_engine():
    text = (f'SELECT ?v WHERE {{ VALUES ?v {{ "2020-06-02+08:00"^^<{XSD}date> '
            f'"2020-06-02Z"^^<{XSD}date> "x"^^<http://x/type> }} }} ORDER BY ?v')
    with pytest.raises(Unsortable):
        term_key(ox.Literal("2020-06-02Z", datatype=ox.NamedNode(f"{XSD}date")))
    store = ox.Store()
    want = [s["v"] for s in store.query(text)]
    assert [row[0] for row in StoreGraph(store, "memory").query(text).rows] == want


@pytest.mark.parametrize("text, expected", [
    ("SELECT ?a ?b WHERE { ?a ?p ?b } ORDER BY ?a DESC(?b)", [("a", False), ("b", True)]),
    ("select ?a where { ?a ?p ?b } order by asc ( ?a )", [("a", False)]),
    ("SELECT ?a (COUNT(*) AS ?n) WHERE { ?a ?p ?b } GROUP BY ?a ORDER BY DESC(?n) ?a",
     [("n", True), ("a", False)]),
    ("SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?b", None),  # not projected
    ("SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a LIMIT 3", None),  # the engine slices
    ("SELECT ?a WHERE { ?a ?p ?b } ORDER BY STR(?a)", None),  # an expression
    ("SELECT * WHERE { ?a ?p ?b } ORDER BY ?a", None),
    ("SELECT ?a WHERE { { SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a } }", None),  # not final
    ("SELECT ?a WHERE { ?a ?p ?b }", None),
    ("CONSTRUCT { ?a ?p ?b } WHERE { { SELECT ?a ?p ?b WHERE { ?a ?p ?b } } } ORDER BY ?a", None),
])
def test_split_order_by(text, expected):
    split = split_order_by(text)
    if expected is None:
        assert split is None
    else:
        rest, keys = split
        assert keys == expected
        assert "ORDER" not in rest.upper() and text.startswith(rest.rstrip())


def test_a_parameter_can_be_declared_as_a_tagged_literal():
    query = load_query("timeline")
    assert query.params == {"person": "personName"} and query.languages == {"person": "zh"}
    assert query.bindings({"person": "徐光文"}) == {"personName": Literal("徐光文", lang="zh")}
    assert load_query("audit").bindings({"article": "x"}) == {"articleId": Literal("x")}


# ---- parameters are data, never query text -------------------------------------------------

NAMES = ['普通', 'a"} UNION { ?s ?p ?o } #', "x' . } #", 'back\\slash\\"', 'line\nbreak',
         '?personName', '\\u0022 }', '<http://evil>', '"""', "末尾 "]
WHO = """# people by name; parameter who=NAME
# param who: who
PREFIX schema: <http://schema.org/>
SELECT {projection} WHERE {{
  ?p schema:name ?n .
  FILTER (STR(?n) = STR(?who))
}}
"""


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory) -> Path:
    """A build folder whose people are named with quotes, braces, newlines and backslashes."""
    out = tmp_path_factory.mktemp("hostile")
    ds = Dataset()
    g = ds.graph(URIRef(f"{BASE}article/hostile"))
    for i, name in enumerate(NAMES):
        g.add((URIRef(f"{BASE}person/h{i}"), RDF.type, URIRef(f"{SDO}Person")))
        g.add((URIRef(f"{BASE}person/h{i}"), URIRef(f"{SDO}name"), Literal(name, lang="zh")))
    update_store(out / "store", ds)
    (out / "graph.trig").write_bytes(ds.serialize(format="trig", encoding="utf-8"))
    return out


@pytest.mark.parametrize("projection", ["?p", "?p ?who"], ids=["filter-only", "projected"])
@pytest.mark.parametrize("name", NAMES)
def test_hostile_parameter_finds_exactly_its_person(hostile_build, tmp_path, projection, name):
    rq = tmp_path / "who.rq"
    rq.write_text(WHO.format(projection=projection), encoding="utf-8")
    query = load_query(str(rq))
    store = load_graph([hostile_build])
    rdf = load_graph([hostile_build / "graph.trig"])
    answer = run_query(store, query, {"who": name})
    got = canonical_rows(json.loads(format_result(answer, "json")))
    want = canonical_rows(json.loads(format_result(run_query(rdf, query, {"who": name}), "json")))
    assert got == want
    plain = Result("SELECT")  # the store writes JSON and CSV itself, byte for byte as rdflib
    plain.vars, plain.bindings = answer.vars, answer.bindings
    for fmt in ("json", "csv", "table"):
        assert format_result(answer, fmt) == format_result(plain, fmt), fmt
    person = f"{BASE}person/h{NAMES.index(name)}"
    assert [dict(r)["p"][1] for r in got.elements()] == [person]


def test_parameters_are_substituted_as_terms():
    text = WHO.format(projection="?p ?who")
    assert projected_variables(text) == {"p", "who"}
    bound = substitute(text, {"who": ox.Literal('x" } #')})
    assert 'SELECT ?p ("x\\" } #" AS ?who) WHERE' in bound
    assert 'FILTER (STR(?n) = STR("x\\" } #"))' in bound
    assert "# param who: who" in bound  # comments are not touched
    assert substitute('SELECT ?a WHERE { ?a ?b "?who" }', {"who": ox.Literal("x")}) == \
        'SELECT ?a WHERE { ?a ?b "?who" }'  # nor strings


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=30))
def test_any_value_is_bound_as_one_literal(value):
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(f"{BASE}person/a"), ox.NamedNode(f"{SDO}name"), ox.Literal(value)))
    store.add(ox.Quad(ox.NamedNode(f"{BASE}person/b"), ox.NamedNode(f"{SDO}name"), ox.Literal(value + "x")))
    text = substitute(WHO.format(projection="?p"), {"who": ox.Literal(value)})
    found = [s["p"].value for s in store.query(text)]
    assert found == [f"{BASE}person/a"]


# ---- incremental loading ---------------------------------------------------------------------

def _article(ds: Dataset, name: str, triples: list[tuple[str, str]]) -> None:
    g = ds.graph(URIRef(f"{BASE}article/{name}"))
    for s, o in triples:
        g.add((URIRef(f"{BASE}person/{s}"), URIRef(f"{SDO}knows"), URIRef(f"{BASE}person/{o}")))


def _state(path: Path) -> tuple[dict[str, set], set]:
    store = open_store(path, read_only=True)
    graphs = {g.value.rsplit("/", 1)[1]: {(q.subject.value[-1], q.object.value[-1])
                                         for q in store.quads_for_pattern(None, None, None, g)}
              for g in store.named_graphs()}
    default = {(q.subject.value[-1], q.object.value[-1])
               for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    return graphs, default


def test_a_new_build_replaces_only_its_own_articles(tmp_path):
    path = tmp_path / "store"
    first = Dataset()
    _article(first, "a1", [("x", "y"), ("s", "t")])  # s-t is stated by a1 and the first a2
    _article(first, "a2", [("s", "t"), ("u", "v")])  # u-v only by the first a2
    update_store(path, first)
    second = Dataset()
    _article(second, "a2", [("w", "z")])  # a2 rewritten
    _article(second, "a3", [("w", "z")])  # a new article stating the same as the new a2
    change = update_store(path, second)
    assert (change.added, change.replaced) == (1, 1)
    graphs, default = _state(path)
    assert graphs == {"a1": {("x", "y"), ("s", "t")}, "a2": {("w", "z")}, "a3": {("w", "z")}}
    assert default == {("x", "y"), ("s", "t"), ("w", "z")}  # u-v gone, s-t kept for a1


def test_rebuilding_the_same_articles_starts_a_fresh_store(tmp_path):
    path = tmp_path / "store"
    ds = Dataset()
    _article(ds, "a1", [("x", "y")])
    update_store(path, ds)
    ds = Dataset()
    _article(ds, "a1", [("p", "q")])
    change = update_store(path, ds)
    assert (change.added, change.replaced) == (0, 1)
    assert _state(path) == ({"a1": {("p", "q")}}, {("p", "q")})
    assert [p.name for p in tmp_path.iterdir()] == ["store"]  # no temporary folder left


def test_graphs_loaded_in_several_batches_are_whole(tmp_path, monkeypatch):
    # the store is loaded in batches (memory); every quad of every batch must land, on a fresh
    # store and on an incremental load
    monkeypatch.setattr("kg.store.embedded.BULK_BATCH", 3)  # quads, incremental loads
    monkeypatch.setattr("kg.rdf.serialize.BATCH_BYTES", 200)  # bytes of N-Quads, fresh stores
    path = tmp_path / "store"
    first = Dataset()
    _article(first, "a1", [("a", "b"), ("c", "d"), ("e", "f")])
    _article(first, "a2", [("g", "h"), ("c", "d")])
    update_store(path, first)
    assert _state(path) == ({"a1": {("a", "b"), ("c", "d"), ("e", "f")}, "a2": {("g", "h"), ("c", "d")}},
                            {("a", "b"), ("c", "d"), ("e", "f"), ("g", "h")})
    second = Dataset()
    _article(second, "a3", [("i", "j"), ("k", "l"), ("m", "n"), ("o", "p")])
    update_store(path, second)
    graphs, default = _state(path)
    assert graphs["a3"] == {("i", "j"), ("k", "l"), ("m", "n"), ("o", "p")}
    assert len(default) == 8


def test_staging_graphs_left_by_a_crash_are_dropped(tmp_path):
    path = tmp_path / "store"
    ds = Dataset()
    _article(ds, "a1", [("x", "y")])
    update_store(path, ds)
    store = open_store(path)
    leftover = ox.NamedNode(f"{STAGING_PREFIX}crashed")
    store.add(ox.Quad(ox.NamedNode(f"{BASE}person/q"), ox.NamedNode(f"{SDO}knows"),
                      ox.NamedNode(f"{BASE}person/r"), leftover))
    del store
    ds = Dataset()
    _article(ds, "a2", [("m", "n")])
    update_store(path, ds)
    graphs, default = _state(path)
    assert set(graphs) == {"a1", "a2"} and ("q", "r") not in default


def test_an_appending_build_adds_its_articles_to_the_store(store_sample_build, tmp_path):
    from kg.build import BuildOptions, build

    out = tmp_path / "out"
    shutil.copytree(store_sample_build, out)
    before = _state(out / "store")[0]
    report = build([Path(__file__).parent / "data" / "tiny_article.txt"], out,
                   BuildOptions(issued="2021-03-06", html=False, append=True))
    assert not report.failed
    after = _state(out / "store")[0]
    assert set(after) == set(before) | {"tiny-article"} and len(after) == len(before) + 1
    assert all(after[name] == triples for name, triples in before.items())


def test_a_store_in_use_gives_a_clear_error(tmp_path):
    path = tmp_path / "store"
    holder = open_store(path)
    try:
        ds = Dataset()
        _article(ds, "a1", [("x", "y")])
        with pytest.raises(StoreError, match="in use by another process"):
            update_store(path, ds)
    finally:
        del holder


# ---- listings answered once by the build (kg.store.listings) ----

def _page(graph, name: str, limit: int | None, offset: int | None) -> list:
    return json.loads(format_result(run_query(graph, load_query(name), {}, limit=limit, offset=offset),
                                    "json"))["results"]["bindings"]


@pytest.mark.parametrize("name", [n for n, q in canned_queries().items() if not q.params])
def test_a_page_of_a_listing_is_the_page_of_its_live_answer(store_sample_build, name):
    folder = store_sample_build / "store"
    kept = StoreGraph(open_store(folder, read_only=True), str(folder), folder)  # pages from listings
    live = StoreGraph(kept.store, "live")  # no folder: every page answered by the engine
    every = _page(live, name, None, None)
    for limit, offset in [(1, None), (3, 2), (None, max(len(every) - 1, 0)), (100, None), (0, 0), (2, len(every))]:
        assert _page(kept, name, limit, offset) == _page(live, name, limit, offset) \
            == every[offset or 0:None if limit is None else (offset or 0) + limit]


def test_a_store_changed_after_its_build_answers_pages_live(tmp_path):
    from kg.store.query import write_listings
    path = tmp_path / "store"
    first = Dataset()
    _article(first, "a1", [("x", "y")])
    update_store(path, first)
    query = f"SELECT ?s ?o WHERE {{ ?s <{SDO}knows> ?o }} ORDER BY ?s"
    assert write_listings(path, [query]) == 1
    second = Dataset()
    _article(second, "a2", [("u", "v")])
    update_store(path, second)  # incremental: a1 stays, a2 added
    graph = StoreGraph(open_store(path, read_only=True), str(path), path)
    page = graph.query(query + "\nLIMIT 5")
    assert sorted(r[0].value[-1] for r in page.rows) == ["u", "x"]
