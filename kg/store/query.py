"""Querying a build through pyoxigraph, with the same calling convention and result type as rdflib.

``kg query --graph DIR`` reads ``DIR/store/`` when it exists: ``load_graph`` returns a
:class:`StoreGraph`, whose ``query(text, initBindings=…)`` answers with an ``rdflib.query.Result``,
so formatting (table, CSV, JSON) stays rdflib's and the rows are the same whichever engine ran.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Identifier

from kg.store.embedded import has_store, load_file, open_store, store_dir
from kg.store.params import substitute

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
              "json-ld": ox.RdfFormat.JSON_LD, "trig": ox.RdfFormat.TRIG,
              "nquads": ox.RdfFormat.N_QUADS}


class StoreGraph:
    """A pyoxigraph store seen through rdflib's ``Graph.query`` interface."""

    def __init__(self, store: ox.Store, where: str):
        self.store = store
        self.where = where  # for messages: the store folder, or "memory"

    def query(self, text: str, initBindings: Mapping[str, Identifier] | None = None) -> Result:  # noqa: N803 (rdflib's name)
        values = {str(k): to_oxigraph(v) for k, v in (initBindings or {}).items()}
        return to_rdflib_result(self.store.query(substitute(text, values)))

    def __len__(self) -> int:
        return len(self.store)


def open_for_query(paths: list[Path]) -> StoreGraph | None:
    """A StoreGraph over *paths* if one of them is a build folder with a store, else None.

    One build folder: its store, opened read-only. Several inputs among which a store: all of
    them copied into an in-memory pyoxigraph store, laid out like a build store.
    """
    if not any(has_store(p) for p in paths):
        return None
    if len(paths) == 1:
        return StoreGraph(open_store(store_dir(paths[0]), read_only=True), str(store_dir(paths[0])))
    memory = ox.Store()
    for p in paths:
        if has_store(p):
            source = open_store(store_dir(p), read_only=True)
            memory.extend(q for q in source if not isinstance(q.graph_name, ox.DefaultGraph))
            memory.extend(q for q in source.quads_for_pattern(None, None, None, ox.DefaultGraph()))
            del source
        else:
            _load_file_into(memory, p)
    return StoreGraph(memory, "memory")


def _load_file_into(memory: ox.Store, path: Path) -> None:
    from kg.queries import graph_files  # the query runner's rules for --graph paths

    for f, fmt in graph_files(path):
        load_file(memory, f, OX_FORMATS[fmt])


def parameter_terms(query, args: Mapping[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """The pyoxigraph term each parameter of a canned *query* binds (for ``substitute`` and
    ``kg.store.remote.select``): the same literals ``run_query`` binds in rdflib."""
    return {var: to_oxigraph(term) for var, term in query.bindings(dict(args)).items()}


# ---- terms and results ----------------------------------------------------------------------

def to_oxigraph(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
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


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Identifier:
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


def to_rdflib_result(answer: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> Result:
    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
        return result
    if isinstance(answer, ox.QueryTriples):
        result = Result("CONSTRUCT")
        result.graph = _graph(answer)
        return result
    names = [(v.value, Variable(v.value)) for v in answer.variables]
    result = Result("SELECT")
    result.vars = [var for _, var in names]
    seen: dict[ox.NamedNode | ox.BlankNode | ox.Literal, Identifier] = {}  # rows repeat terms

    def term(t: ox.NamedNode | ox.BlankNode | ox.Literal) -> Identifier:
        found = seen.get(t)
        if found is None:
            found = seen[t] = to_rdflib(t)
        return found

    result.bindings = [
        {var: term(t) for name, var in names if (t := solution[name]) is not None}
        for solution in answer
    ]
    return result


def _graph(triples: Iterable[ox.Triple]) -> Graph:
    g = Graph()
    for t in triples:
        g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g
