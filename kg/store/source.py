"""A build's article graphs, read from its store, its ``graph.trig``, or a TriG/N-Quads file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.rdf.io import QUAD_FORMATS, STORE_FORMATS, GraphPathError, graph_file
from kg.store.embedded import (
    StoreError,
    article_graph_names,
    graph_triples,
    group_quads,
    has_store,
    open_store,
    store_dir,
)


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
    try:
        path, fmt = graph_file(path, named_graphs=True)
    except GraphPathError as err:
        raise StoreError(str(err)) from err
    if fmt not in QUAD_FORMATS:
        raise StoreError(f"{path}: give a build folder, a .trig or a .nq file "
                         f"(article graphs need a format with named graphs)")
    try:
        graphs = group_quads(ox.parse(path=str(path), format=STORE_FORMATS[fmt]))
    except SyntaxError as err:
        raise StoreError(f"{path}: cannot parse: {err}") from err
    return ArticleGraphs(str(path), sorted(graphs, key=str), lambda g: graphs[g])
