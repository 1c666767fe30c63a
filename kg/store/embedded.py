"""The embedded store: a persistent pyoxigraph (RocksDB) database in ``<build>/store/``.

Layout
    * one named graph per article, exactly the graphs of ``graph.trig``;
    * the default graph holds the union of all article graphs **as a set**. Queries read the
      default graph, so a triple stated by two articles counts once, as it does in rdflib over
      ``graph.ttl``. (Oxigraph's own "union default graph" option is a multiset: a triple stated
      by two articles would match twice.)

Loading is incremental: a build replaces the graphs of its own articles and leaves every other
article graph alone. When the store holds only articles of the build at hand (a first build, or a
rebuild of the same inputs), a new store is bulk-loaded beside it and moved into place. Otherwise
the build's graphs are staged under temporary graph names, then swapped in by one SPARQL update
(one transaction), which also removes from the default graph the triples no other article still
states. Staging graphs left behind by a crash between the two steps are dropped the next time the
store is written.
"""

from __future__ import annotations

import itertools
import shutil
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import KgError
from kg.rdf.io import STORE_DIRNAME, build_store
from kg.rdf.serialize import RDFLIB_DEFAULT_GRAPH, Statements, new_folder_beside, replace_folder
from kg.store.listings import LISTINGS

if TYPE_CHECKING:
    from rdflib import Dataset

STAGING_PREFIX = "urn:kg:staging:"


GraphName = ox.NamedNode
ArticleGraphs = Mapping[GraphName, Sequence[ox.Triple]]

# oxigraph's bulk loader sorts and writes everything one call gives it in memory at once: on the
# corpus build one call for all quads was the build's memory peak (1.4 GiB), calls of this many
# quads keep it near 0.5 GiB at about the same speed (docs/scale.md).
BULK_BATCH = 200_000


class StoreError(KgError, RuntimeError):
    code = "E301"
    """The store cannot be opened or written; the message says what to do."""


@dataclass(frozen=True)
class StoreChange:
    added: int  # article graphs new to the store
    replaced: int  # article graphs that were already there
    triples: int  # triples in the graphs written


def store_dir(build: Path) -> Path:
    return build / STORE_DIRNAME


def has_store(build: Path) -> bool:
    return build_store(build) is not None


def open_store(path: Path, *, read_only: bool = False) -> ox.Store:
    """Open (or create, unless *read_only*) the store at *path*."""
    try:
        if read_only:
            return ox.Store.read_only(str(path))
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except OSError as err:
        if "lock" in str(err).lower():
            raise StoreError(
                f"{path} is in use by another process (another `kg build`, or an oxigraph "
                f"server started read-write on it); stop that process and try again"
            ) from err
        raise StoreError(f"cannot open the store {path}: {err}") from err


def update_store(path: Path, data: Dataset | Statements) -> StoreChange:
    """Write the article graphs of *data* (an rdflib Dataset, or a build's statements) into the
    store at *path* (see the module doc)."""
    statements = data if isinstance(data, Statements) else Statements.of_dataset(data)
    names = {ox.NamedNode(n) for n in statements.graph_names()}
    replaced = 0
    if path.exists():
        store = open_store(path)
        try:
            present = set(article_graph_names(store))
            if not present <= names:  # the store holds other articles too: incremental
                shutil.rmtree(path / LISTINGS, ignore_errors=True)  # answers of what it held
                change = replace_graphs(store, group_quads(statements.quads()))
                store.flush()
                return change
            replaced = len(present)
        finally:
            del store  # releases the RocksDB lock
    triples = rebuild_store(path, statements)
    return StoreChange(len(names) - replaced, replaced, triples)


def store_free(path: Path) -> None:
    """Raises StoreError while another process has the store at *path* open."""
    if path.exists():
        del_me = open_store(path)
        del del_me  # releases the RocksDB lock


def rebuild_store(path: Path, graphs: ArticleGraphs | Statements) -> int:
    """A new store holding exactly *graphs*, bulk-loaded beside *path* and then moved there;
    returns the number of statements in the graphs."""
    new = new_folder_beside(path)
    try:
        count = load_new_store(new, graphs)
        replace_folder(new, path)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    return count


def load_new_store(folder: Path, graphs: ArticleGraphs | Statements) -> int:
    """A store made in the empty *folder*, holding exactly *graphs*; returns their number of
    statements. (A build loads its store this way into a folder it names, and moves it into place
    with its files: kg/build/run.py.)"""
    store = ox.Store(str(folder))
    if isinstance(graphs, Mapping):
        add_graphs(store, graphs)
        count = sum(len(ts) for ts in graphs.values())
    else:
        count = load_statements(store, graphs)
    store.flush()
    del store
    return count


def load_statements(store: ox.Store, statements: Statements) -> int:
    """Bulk-load a build's graphs into a store nobody reads yet, and their union into its default
    graph, straight from their N-Quads (pyoxigraph parses them; on the news corpus this is three
    times faster than making a Python object of each statement). Returns the statements count."""
    lines = 0
    for batch in statements.store_batches():
        store.bulk_load(batch, format=ox.RdfFormat.N_QUADS)
        lines += batch.count(b"\n")
    return lines // 2  # each statement comes twice: in its article's graph and in the union


def add_graphs(store: ox.Store, graphs: ArticleGraphs) -> None:
    """Bulk-add graphs new to *store*, and their union to its default graph. Not atomic: for
    stores nobody reads yet (a store being built, a temporary or in-memory one)."""
    bulk_extend(store, _with_union(graphs))


def bulk_extend(store: ox.Store, quads: Iterable[ox.Quad]) -> None:
    """``store.bulk_extend`` in batches of BULK_BATCH quads (see there why)."""
    it = iter(quads)
    while batch := list(itertools.islice(it, BULK_BATCH)):
        store.bulk_extend(batch)


def load_file(store: ox.Store, path: Path, fmt: ox.RdfFormat) -> None:
    """Add an RDF file to a store nobody reads yet: its named graphs as article graphs (union
    included), its default-graph triples to the default graph."""
    try:
        quads = list(ox.parse(path=str(path), format=fmt))
    except (SyntaxError, OSError) as err:
        raise StoreError(f"{path}: cannot read as {fmt}: {err}") from err
    bulk_extend(store, (q for q in quads if isinstance(q.graph_name, ox.DefaultGraph)))
    graphs = group_quads(quads)
    if any(store.contains_named_graph(g) for g in graphs):
        replace_graphs(store, graphs)
    else:
        add_graphs(store, graphs)


def graphs_from_nquads(data: bytes) -> dict[GraphName, list[ox.Triple]]:
    return group_quads(ox.parse(data, format=ox.RdfFormat.N_QUADS))


def group_quads(quads: Iterable[ox.Quad]) -> dict[GraphName, list[ox.Triple]]:
    """Triples by named graph; statements in the default graph are not article statements."""
    out: dict[GraphName, list[ox.Triple]] = {}
    for q in quads:
        g = q.graph_name
        if isinstance(g, ox.DefaultGraph) or (isinstance(g, ox.NamedNode)
                                              and g.value == RDFLIB_DEFAULT_GRAPH):
            continue
        if not isinstance(g, ox.NamedNode):
            raise StoreError(f"article graphs are named by IRIs, not by a blank node ({g})")
        out.setdefault(g, []).append(ox.Triple(q.subject, q.predicate, q.object))
    return out


def replace_graphs(store: ox.Store, graphs: ArticleGraphs) -> StoreChange:
    """Put each graph of *graphs* into a live *store*, replacing any graph of the same name.

    The graphs are staged under temporary names first (bulk, invisible to queries of the
    default graph), then swapped in by one SPARQL update: readers see all of the change or none.
    """
    drop_staging(store)
    existing = sum(1 for g in graphs if store.contains_named_graph(g))
    staged = {g: ox.NamedNode(f"{STAGING_PREFIX}{uuid.uuid4()}") for g in sorted(graphs, key=str)}
    bulk_extend(store, (ox.Quad(t.subject, t.predicate, t.object, staged[g])
                        for g, triples in graphs.items() for t in triples))
    if staged:
        store.update(swap_update(staged))
    return StoreChange(len(graphs) - existing, existing, sum(len(ts) for ts in graphs.values()))


def _with_union(graphs: ArticleGraphs) -> Iterator[ox.Quad]:
    default = ox.DefaultGraph()
    for g, triples in graphs.items():
        for t in triples:
            yield ox.Quad(t.subject, t.predicate, t.object, g)
            yield ox.Quad(t.subject, t.predicate, t.object, default)


def swap_update(staged: Mapping[GraphName, ox.NamedNode]) -> str:
    """The SPARQL update that swaps each staged graph in for the article graph it replaces.

    Only graph names go into the text, serialised by pyoxigraph (a NamedNode is a validated
    IRI, so it cannot close the ``<…>`` early).
    """
    ops = []
    for g, stage in staged.items():
        ops += [
            # the default graph keeps a triple while any other graph (the staged new version
            # included) still states it
            f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER (?h != {g}) }} }}",
            f"ADD {stage} TO DEFAULT",
            f"MOVE {stage} TO {g}",
        ]
    return " ;\n".join(ops)


def drop_staging(store: ox.Store) -> None:
    """Remove staging graphs a crashed build left behind (see the module doc)."""
    for g in list(store.named_graphs()):
        if isinstance(g, ox.NamedNode) and g.value.startswith(STAGING_PREFIX):
            store.remove_graph(g)


def article_graph_names(store: ox.Store) -> list[GraphName]:
    return sorted(
        (g for g in store.named_graphs()
         if isinstance(g, ox.NamedNode) and not g.value.startswith(STAGING_PREFIX)),
        key=str,
    )


def graph_triples(store: ox.Store, graph: GraphName) -> list[ox.Triple]:
    return [ox.Triple(q.subject, q.predicate, q.object)
            for q in store.quads_for_pattern(None, None, None, graph)]
