"""Graph I/O below every command that reads a graph (query, validate, view, stats, serve, push):
which file a path argument names, reading RDF files into rdflib graphs, and turning pyoxigraph's
terms into rdflib's and back. Written once here; kg.store, kg.queries, kg.view and kg.rdf.validate
build on it.

A *graph path* is a graph file (:data:`GRAPH_FORMATS`) or a build folder: its ``graph.ttl``, else
its ``graph.trig`` (callers that keep one graph per article ask for ``graph.trig`` alone); a build
folder may also hold an embedded store (``store/``, see kg.store.embedded), which the store-aware
callers look for first (:func:`build_store`).

pyoxigraph parses Turtle, N-Triples, TriG and N-Quads (about 2 s for the 460 k statements of the
news corpus, against 15 s for rdflib's Turtle parser) and its terms are turned into rdflib's here;
other formats (JSON-LD) go through rdflib. Named graphs are merged into one graph.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Identifier

from kg.errors import UsageError

# IRIs compared as plain strings (pyoxigraph terms, SPARQL JSON results), where rdflib's XSD
# namespace would cost a URIRef per comparison
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
XSD_DATE = XSD + "date"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# a graph file's suffix -> its rdflib format name
GRAPH_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld",
                 ".trig": "trig", ".nq": "nquads"}
BUILD_FILES = ("graph.ttl", "graph.trig")  # a build folder's graph, in order of preference
BUILD_DATASET = "graph.trig"  # a build folder's article graphs (one named graph per article)
STORE_DIRNAME = "store"  # a build folder's embedded store (kg.store.embedded)
# rdflib's format names -> pyoxigraph's, for the formats read_into parses with pyoxigraph
OXIGRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
                    "nquads": ox.RdfFormat.N_QUADS}
STORE_FORMATS = {**OXIGRAPH_FORMATS, "json-ld": ox.RdfFormat.JSON_LD}  # a store reads JSON-LD too
QUAD_FORMATS = frozenset({"trig", "nquads"})


class GraphPathError(UsageError, ValueError):
    code = "E601"
    """The path names no graph kg can read (a usage error, not a failure of the graph)."""


def build_store(path: Path) -> Path | None:
    """The embedded store of the build folder *path* (``path/store/``), or None if it has none."""
    store = path / STORE_DIRNAME
    return store if path.is_dir() and store.is_dir() else None


def graph_file(path: Path, *, named_graphs: bool = False) -> tuple[Path, str]:
    """The file a graph path names and its rdflib format: a graph file, or a build folder's
    graph.ttl (graph.trig when it has none); with *named_graphs*, a build folder's graph.trig only
    (its article graphs). Raises GraphPathError for a path that names no graph."""
    if path.is_dir():
        names = (BUILD_DATASET,) if named_graphs else BUILD_FILES
        for name in names:
            if (path / name).is_file():
                return path / name, GRAPH_FORMATS[Path(name).suffix]
        has = f"neither {STORE_DIRNAME}/ nor {BUILD_DATASET}" if named_graphs else f"no {' or '.join(names)}"
        raise GraphPathError(f"{path} has {has}: is it a kg build folder?")
    if not path.exists():
        raise GraphPathError(f"{path}: no such file or folder")
    fmt = GRAPH_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise GraphPathError(f"{path}: unknown graph format (expected a build folder or "
                             f"{', '.join(GRAPH_FORMATS)})")
    return path, fmt


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Identifier:
    """A pyoxigraph term as rdflib's (a plain literal for xsd:string, as rdflib writes them)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"kg does not handle RDF-star terms: {term}")


def to_oxigraph(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as pyoxigraph's (the inverse of :func:`to_rdflib`)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot bind {term!r}: not an IRI, blank node or literal")


def read_into(g: Graph, file: Path, fmt: str) -> Graph:
    """Add every statement of *file* (rdflib format name *fmt*) to *g*; named graphs merged.
    Raises the parsers' own errors for a file that does not parse."""
    if fmt in OXIGRAPH_FORMATS:
        seen: dict = {}  # one rdflib term per distinct term: fewer objects, faster adds

        def term(t):
            got = seen.get(t)
            if got is None:
                got = seen[t] = to_rdflib(t)
            return got

        for q in ox.parse(path=str(file), format=OXIGRAPH_FORMATS[fmt]):
            g.add((term(q.subject), term(q.predicate), term(q.object)))
    elif fmt in QUAD_FORMATS:
        ds = Dataset()
        ds.parse(file, format=fmt)
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
    else:
        g.parse(file, format=fmt)
    return g
