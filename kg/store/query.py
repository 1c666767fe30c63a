"""Querying a build through pyoxigraph, with the same calling convention and result type as rdflib.

``kg query --graph DIR`` reads ``DIR/store/`` when it exists: ``load_graph`` returns a
:class:`StoreGraph`, whose ``query(text, initBindings=…)`` answers with an ``rdflib.query.Result``,
so formatting (table, CSV, JSON) stays rdflib's and the rows are the same whichever engine ran.

A final ``ORDER BY ?a DESC(?b) …`` is applied in Python to the decoded rows (``kg.store.order``),
and a ``LIMIT``/``OFFSET`` after it to the sorted rows: the on-disk store re-reads both strings of
every comparison, which made sorting costlier than the query itself. Without an ORDER BY, a
``LIMIT`` stays in the query, so the engine stops early. A listing the build answered once, or a
page of it (``LIMIT``/``OFFSET``), is read from the store folder instead (kg.store.listings).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Variable
from rdflib.query import Result, ResultRow
from rdflib.term import Identifier

from kg.rdf.io import STORE_FORMATS, XSD_STRING, graph_file, to_oxigraph, to_rdflib
from kg.store.embedded import has_store, load_file, open_store, store_dir
from kg.store.listings import listing_path, read_page, write_listing
from kg.store.order import Unsortable, Window, sort_rows, split_order_by, split_window
from kg.store.params import substitute

_json_string = json.encoder.encode_basestring  # a str as json.dumps(…, ensure_ascii=False) writes it


class StoreGraph:
    """A pyoxigraph store seen through rdflib's ``Graph.query`` interface."""

    def __init__(self, store: ox.Store, where: str, folder: Path | None = None):
        self.store = store
        self.where = where  # for messages: the store folder, or "memory"
        self.folder = folder  # the store's folder, whose listings answer pages (kg.store.listings)

    def query(self, text: str, initBindings: Mapping[str, Identifier] | None = None) -> Result:  # noqa: N803 (rdflib's name)
        values = {str(k): to_oxigraph(v) for k, v in (initBindings or {}).items()}
        text = substitute(text, values)
        body, window = split_window(text)
        window = window or Window()  # every row
        if self.folder is not None:
            page = read_page(listing_path(self.folder, body), window.offset, window.limit)
            if page is not None:
                return StoreResult(*page)
        split = split_order_by(body)
        if split is not None:
            unordered, keys = split
            answer = self.store.query(unordered)
            if isinstance(answer, ox.QuerySolutions):
                columns = [v.value for v in answer.variables]
                try:
                    rows = sort_rows([tuple(s) for s in answer], columns, keys)
                except Unsortable:
                    pass  # a term kg.store.order cannot place: the engine sorts
                else:
                    return StoreResult(columns, window.apply(rows))
        return to_rdflib_result(self.store.query(text))

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
        folder = store_dir(paths[0])
        return StoreGraph(open_store(folder, read_only=True), str(folder), folder)
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


def write_listings(folder: Path, texts: Iterable[str]) -> int:
    """Answer each query of *texts* (listings: no parameter) in the store at *folder*, which
    nobody else has open, and keep its ordered rows there for pages (kg.store.listings); a listing
    already kept is not answered again. Returns how many were written."""
    graph = StoreGraph(open_store(folder, read_only=True), str(folder))
    written = 0
    for text in texts:
        body, _ = split_window(substitute(text, {}))
        path = listing_path(folder, body)
        if path.exists():
            continue
        answer = graph.query(body)
        if isinstance(answer, StoreResult):
            write_listing(path, [str(v) for v in answer.vars], answer.rows)
            written += 1
    del graph
    return written


def _load_file_into(memory: ox.Store, path: Path) -> None:
    f, fmt = graph_file(path)
    load_file(memory, f, STORE_FORMATS[fmt])


def parameter_terms(query, args: Mapping[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """The pyoxigraph term each parameter of a canned *query* binds (for ``substitute`` and
    ``kg.store.remote.select``): the same literals ``run_query`` binds in rdflib."""
    return {var: to_oxigraph(term) for var, term in query.bindings(dict(args)).items()}


# ---- terms and results ----------------------------------------------------------------------

def to_rdflib_result(answer: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> Result:
    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
        return result
    if isinstance(answer, ox.QueryTriples):
        result = Result("CONSTRUCT")
        result.graph = _graph(answer)
        return result
    return StoreResult([v.value for v in answer.variables], [tuple(s) for s in answer])


class StoreResult(Result):
    """A SELECT answer of the store: an ``rdflib.query.Result`` whose rows stay pyoxigraph terms
    until someone asks for rdflib ones (``bindings``, iteration).

    Converting every term to rdflib cost more than the query on large listings (58,000 terms for
    ``events`` at 1 M triples), and the JSON, CSV and table outputs need only each term's kind,
    value, datatype and language. ``serialize`` writes JSON and CSV from the pyoxigraph terms,
    byte for byte as rdflib's serialisers write them; other formats go through rdflib.
    """

    def __init__(self, columns: list[str], rows: list[tuple]):
        super().__init__("SELECT")
        self.vars = [Variable(c) for c in columns]
        self.rows = rows  # tuples of pyoxigraph terms in column order, None where unbound
        self._converted: list[dict[Variable, Identifier]] | None = None

    @property
    def bindings(self) -> list[dict[Variable, Identifier]]:
        if self._converted is None:
            self._converted = rdflib_bindings(self.vars, self.rows)
        return self._converted

    @bindings.setter
    def bindings(self, value: Iterable[dict[Variable, Identifier]]) -> None:
        """Replaces the rows (as rdflib's setter does); the pyoxigraph rows are then derived."""
        self._converted = list(value)
        self.rows = [tuple(None if (t := b.get(v)) is None else to_oxigraph(t) for v in self.vars)
                     for b in self._converted]

    def __iter__(self):
        for b in self.bindings:
            if b:  # as rdflib: a row with nothing bound is not a row
                yield ResultRow(b, self.vars)

    def serialize(self, destination=None, encoding: str = "utf-8", format: str = "xml", **args):  # noqa: A002 (rdflib's name)
        if destination is None and format in ("json", "csv"):
            text = self._json() if format == "json" else self._csv()
            return text.encode(encoding)
        return super().serialize(destination, encoding=encoding, format=format, **args)

    def _json(self) -> str:
        """SPARQL 1.1 Query Results JSON, exactly as rdflib's JSONResultSerializer writes it
        (``json.dumps`` with its default separators). Each distinct term is written once."""
        names = [str(v) for v in self.vars]
        keys = [json.dumps(n, ensure_ascii=False) + ": " for n in names]
        seen: dict[ox.NamedNode | ox.BlankNode | ox.Literal, str] = {}

        def term(t: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
            found = seen.get(t)
            if found is None:  # what json.dumps writes for term_json(t), without its overhead
                found = seen[t] = "{" + ", ".join(f'"{k}": {_json_string(v)}'
                                                  for k, v in term_json(t).items()) + "}"
            return found

        rows = ", ".join("{" + ", ".join(k + term(t) for k, t in zip(keys, row, strict=True)
                                         if t is not None) + "}"
                         for row in self.rows)
        head = json.dumps({"vars": names}, ensure_ascii=False)
        return f'{{"results": {{"bindings": [{rows}]}}, "head": {head}}}'

    def _csv(self) -> str:
        """SPARQL 1.1 Query Results CSV, exactly as rdflib's CSVResultSerializer writes it."""
        out = io.StringIO()
        writer = csv.writer(out, delimiter=",")
        writer.writerow([str(v) for v in self.vars])
        writer.writerows(["" if t is None else f"_:{t.value}" if isinstance(t, ox.BlankNode)
                          else t.value for t in row] for row in self.rows)
        return out.getvalue()


def term_json(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> dict[str, str]:
    """A term in SPARQL JSON results, with rdflib's keys and key order."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    raise TypeError(f"kg does not handle RDF-star terms: {term}")


def rdflib_bindings(variables: list[Variable], rows: Iterable[tuple]) -> list[dict[Variable, Identifier]]:
    """*rows* of pyoxigraph terms as rdflib bindings: ``{variable: term}``, unbound left out."""
    seen: dict[ox.NamedNode | ox.BlankNode | ox.Literal, Identifier] = {}  # rows repeat terms

    def term(t: ox.NamedNode | ox.BlankNode | ox.Literal) -> Identifier:
        found = seen.get(t)
        if found is None:
            found = seen[t] = to_rdflib(t)
        return found

    return [{var: term(t) for var, t in zip(variables, row, strict=True) if t is not None}
            for row in rows]


def _graph(triples: Iterable[ox.Triple]) -> Graph:
    g = Graph()
    for t in triples:
        g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g
