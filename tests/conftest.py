"""Shared test fixtures. Append yours in a block of its own."""

from __future__ import annotations

import pytest


# ---- kg view / kg stats (issue #6) -----------------------------------------------------------
@pytest.fixture(scope="session")
def view_sample_build(tmp_path_factory):
    """The bundled sample page built by ``kg build`` into a temporary folder (graph.ttl,
    graph.trig, graph.html, report.json); returns the folder."""
    from kg.build import BuildOptions, build
    from kg.resources import SAMPLE_DATE, sample_page

    out = tmp_path_factory.mktemp("view_sample_build")
    report = build([sample_page()], out, BuildOptions(issued=SAMPLE_DATE))
    assert not report.failed
    return out


@pytest.fixture(scope="session")
def view_sample_graph(view_sample_build):
    """The sample build's statements as one rdflib Graph (read back from graph.trig)."""
    from kg.view.load import load_graph

    return load_graph(view_sample_build / "graph.trig")


HOSTILE = "<script>alert(1)</script>"
HOSTILE_ALIAS = "<img src=x onerror=alert(2)>"


@pytest.fixture(scope="session")
def view_hostile_graph(view_sample_graph):
    """The sample graph plus a person whose name, alias, evidence sentence and article title are
    markup: ``<script>alert(1)</script>`` attends 莲都区委常委会会议."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import DCTERMS, PROV, RDF

    from kg.rdf.vocab import LG, SDO

    g = Graph()
    for triple in view_sample_graph:
        g.add(triple)
    base = "https://kg.example.org/id/"
    person, article, sentence = (URIRef(base + x) for x in ("person/hostile", "article/hostile",
                                                           "sentence/hostile_s000"))
    meeting = next(s for s, name in g.subject_objects(SDO.name)
                   if str(name) == "莲都区委常委会会议" and (s, RDF.type, LG.Meeting) in g)
    g.add((person, RDF.type, SDO.Person))
    g.add((person, SDO.name, Literal(HOSTILE, lang="zh")))
    g.add((person, SDO.alternateName, Literal(HOSTILE_ALIAS, lang="zh")))
    g.add((person, PROV.wasDerivedFrom, sentence))
    g.add((sentence, LG.text, Literal(f"{HOSTILE}出席会议。<b>粗体</b>", lang="zh")))
    g.add((sentence, DCTERMS.isPartOf, article))
    g.add((article, DCTERMS.title, Literal("<i>标题</i>&amp;", lang="zh")))
    g.add((article, DCTERMS.issued, Literal("2020-06-03")))
    g.add((meeting, SDO.attendee, person))
    return g


def synthetic_graph(people: int = 800, meetings: int = 300, orgs: int = 100, seed: int = 1):
    """A seeded random graph shaped like a corpus build: people chair and attend meetings that
    organisations organise; half the people hold a post. Few hubs, many leaves."""
    import random

    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import ORG, RDF, SKOS

    from kg.rdf.vocab import LG, SDO

    rnd = random.Random(seed)
    base = "https://kg.example.org/id/"
    g = Graph()
    ps = [URIRef(f"{base}person/p{i}") for i in range(people)]
    ms = [URIRef(f"{base}event/m{i}") for i in range(meetings)]
    os_ = [URIRef(f"{base}org/o{i}") for i in range(orgs)]
    for i, p in enumerate(ps):
        g.add((p, RDF.type, SDO.Person))
        g.add((p, SDO.name, Literal(f"人物{i}", lang="zh")))
    for i, o in enumerate(os_):
        g.add((o, RDF.type, ORG.Organization))
        g.add((o, SDO.name, Literal(f"机构{i}", lang="zh")))
    weights = [1 / (i + 1) for i in range(people)]
    for i, m in enumerate(ms):
        g.add((m, RDF.type, LG.Meeting))
        g.add((m, SDO.name, Literal(f"会议{i}", lang="zh")))
        g.add((m, SDO.startDate, Literal(f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}")))
        g.add((m, LG.chair, rnd.choices(ps, weights)[0]))
        for p in rnd.choices(ps, weights, k=3):
            g.add((m, SDO.attendee, p))
        g.add((m, SDO.organizer, rnd.choice(os_)))
    for i, p in enumerate(ps[: people // 2]):
        post = URIRef(f"{base}post/x{i}")
        g.add((p, ORG.holds, post))
        g.add((post, ORG.postIn, rnd.choice(os_)))
        g.add((post, SKOS.prefLabel, Literal(f"职务{i}", lang="zh")))
    return g


@pytest.fixture(scope="session")
def view_large_graph():
    """A 1,200-node synthetic graph (see :func:`synthetic_graph`)."""
    return synthetic_graph()


# ---- ontology, SHACL shapes, kg validate (issue #4) ------------------------------------------
@pytest.fixture(scope="session")
def lg_sample_build(tmp_path_factory):
    """The bundled sample page built into a temporary folder (graph.ttl, graph.trig,
    report.json; no HTML, so these tests do not depend on kg.view); returns the folder."""
    from kg.build import BuildOptions, build
    from kg.resources import SAMPLE_DATE, sample_page

    out = tmp_path_factory.mktemp("lg_sample_build")
    report = build([sample_page()], out, BuildOptions(issued=SAMPLE_DATE, html=False))
    assert not report.failed
    return out


# ---- triple stores: kg/store, kg push, kg serve (issue #5) -----------------------------------
@pytest.fixture(scope="session")
def store_sample_build(tmp_path_factory):
    """The bundled sample page built into a temporary folder with its embedded store
    (graph.ttl, graph.trig, store/; no HTML); returns the folder. Treat it as read-only."""
    from kg.build import BuildOptions, build
    from kg.resources import SAMPLE_DATE, sample_page

    out = tmp_path_factory.mktemp("store_sample_build")
    report = build([sample_page()], out, BuildOptions(issued=SAMPLE_DATE, html=False))
    assert not report.failed and (out / "store").is_dir()
    return out


@pytest.fixture
def oxigraph_server(tmp_path):
    """A fresh read-write oxigraph server (PyPI ``oxigraph``) on 127.0.0.1 and a free port, its
    data in tmp_path/oxigraph; stopped after the test."""
    from kg.store.server import start_oxigraph

    server = start_oxigraph(tmp_path / "oxigraph", port=0)
    yield server
    server.stop()
