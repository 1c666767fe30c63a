"""A build's article graphs, read from its store, its ``graph.trig``, or a TriG/N-Quads file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.store.embedded import (
    StoreError,
    article_graph_names,
    graph_triples,
    group_quads,
    has_store,
    open_store,
    store_dir,
)

QUAD_FORMATS = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS}


@dataclass
class ArticleGraphs:
    """The names of a build's article graphs, and a way to fetch each one's triples."""

    where: str
    names: list[ox.NamedNode]
    fetch: Callable[[ox.NamedNode], list[ox.Triple]]

    def triples(self, name: ox.NamedNode) -> list[ox.Triple]:
        return self.fetch(name)


def article_graphs(path: Path) -> ArticleGraphs:
    """The article graphs behind *path*: a build folder (its store, else its graph.trig) or a
    .trig/.nq file. Graph-less formats (.ttl, .nt) cannot be pushed graph by graph."""
    if has_store(path):
        store = open_store(store_dir(path), read_only=True)
        return ArticleGraphs(str(store_dir(path)), article_graph_names(store),
                             lambda g: graph_triples(store, g))
    if path.is_dir():
        trig = path / "graph.trig"
        if not trig.exists():
            raise StoreError(f"{path} has neither store/ nor graph.trig: is it a kg build folder?")
        path = trig
    fmt = QUAD_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise StoreError(f"{path}: give a build folder, a .trig or a .nq file "
                         f"(article graphs need a format with named graphs)")
    if not path.exists():
        raise StoreError(f"{path}: no such file")
    try:
        graphs = group_quads(ox.parse(path=str(path), format=fmt))
    except SyntaxError as err:
        raise StoreError(f"{path}: cannot parse: {err}") from err
    return ArticleGraphs(str(path), sorted(graphs, key=str), lambda g: graphs[g])
