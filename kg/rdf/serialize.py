"""Writing graphs: serialise to bytes first, then move into place, so a failure never leaves a
truncated file (rdflib raises mid-write on a bad IRI)."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import tempfile
import threading
import uuid
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from kg.rdf.emit import new_dataset, union_graph
from kg.rdf.io import to_rdflib
from kg.rdf.vocab import DEFAULT_BASE, INSTANCE_PREFIXES, STANDARD_PREFIXES

FORMATS = {"ttl": "turtle", "trig": "trig", "nq": "nquads", "nt": "nt", "jsonld": "json-ld"}


def write_atomic(path: Path, data: bytes) -> None:
    write_all_atomic({path: data})


def write_all_atomic(files: dict[Path, bytes], folders: dict[Path, Path] | None = None) -> None:
    """Write every file to a temporary name next to its target, then move them all into place,
    and the finished *folders* (target: the folder made to replace it) with them: if any write
    fails (a full disk, say), no target is touched. Ctrl-C or SIGTERM while they are moved is
    ignored (stops_deferred): the work is done by then, and the targets are all old or all new."""
    staged: list[tuple[str, Path]] = []
    umask = os.umask(0)
    os.umask(umask)
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            staged.append((tmp, path))
            os.fchmod(fd, 0o666 & ~umask)  # mkstemp makes 0600 files; outputs are ordinary files
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
    try:
        with stops_deferred():
            for path, new in (folders or {}).items():
                replace_folder(new, path)
            for tmp, path in staged:
                os.replace(tmp, path)
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)


def new_folder_beside(path: Path) -> Path:
    """An empty hidden folder next to *path*, to be moved there by replace_folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{path.name}-new-", dir=path.parent))


def replace_folder(new: Path, path: Path) -> None:
    """The folder *new* moved to *path*, in place of what was there (removed)."""
    if path.exists():
        old = path.with_name(f".{path.name}-old-{uuid.uuid4().hex[:8]}")
        os.rename(path, old)
        os.rename(new, path)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(new, path)


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def stops_deferred() -> Iterator[None]:
    """Ctrl-C and SIGTERM are ignored while the block runs: it is the last, short step of a
    command (moving finished outputs into place), and a stop that came during it finds the work
    done. Python runs signal handlers in the main thread only, whatever thread the signal reached,
    so swapping the handlers (not a thread's signal mask) is what holds them off."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, signal.SIG_IGN) for s in STOP_SIGNALS}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def dataset_quads(ds: Dataset) -> list[ox.Quad]:
    """The dataset's statements as pyoxigraph quads (through N-Quads, rdflib's fastest writer)."""
    return list(ox.parse(ds.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS))


def output_prefixes(graph: Graph | None = None, base: str = DEFAULT_BASE) -> dict[str, str]:
    """The prefixes the graph files declare: kg's vocabularies and instance namespaces, as bound
    in *graph* (by default, as a new dataset under *base* binds them)."""
    ours = set(STANDARD_PREFIXES) | set(INSTANCE_PREFIXES.values())
    graph = new_dataset(base) if graph is None else graph
    return {p: str(ns) for p, ns in graph.namespaces() if p in ours}


# Bytes of N-Quads handed to the store's bulk loader at a time: it sorts each piece in memory.
BATCH_BYTES = 64 << 20
RDFLIB_DEFAULT_GRAPH = "urn:x-rdflib:default"  # how rdflib names a Dataset's default graph


class Statements:
    """A build's statements kept compact, graph by graph: each article's N-Quads, compressed
    (the news corpus: 430 k quads in about 20 MB, against 600 MB as an rdflib Dataset and 200 MB
    as pyoxigraph quads). Writers parse them again as they go, which pyoxigraph does at about a
    million quads a second."""

    def __init__(self, prefixes: dict[str, str] | None = None):
        self.prefixes = output_prefixes() if prefixes is None else prefixes
        self._graphs: dict[str, list[bytes]] = {}  # str(graph name), "<iri>" -> zlib'd N-Quads

    @classmethod
    def of_dataset(cls, ds: Dataset) -> Statements:
        out = cls(output_prefixes(ds))
        by_graph: dict[str, list[ox.Quad]] = {}
        for q in dataset_quads(ds):
            by_graph.setdefault(str(q.graph_name), []).append(q)
        for name, quads in by_graph.items():
            out._graphs[name] = [zlib.compress(ox.serialize(quads, format=ox.RdfFormat.N_QUADS), 1)]
        return out

    def add(self, graph_iri: str, nquads: bytes) -> None:
        """Add N-Quads (each statement once) of the graph named *graph_iri*; a graph added twice
        (two articles of one identifier) is the union of both, as in an rdflib Dataset."""
        if nquads:
            self._graphs.setdefault(f"<{graph_iri}>", []).append(zlib.compress(nquads, 1))

    def __bool__(self) -> bool:
        return bool(self._graphs)

    def digest(self) -> str:
        """A digest of the statements as kept (graph by graph, in name order) and the prefixes:
        equal digests, equal outputs (kg.build.reuse)."""
        h = hashlib.sha256(repr(sorted(self.prefixes.items())).encode())
        for name in sorted(self._graphs):
            h.update(name.encode())
            for chunk in self._graphs[name]:
                h.update(len(chunk).to_bytes(8, "big"))
                h.update(chunk)
        return h.hexdigest()

    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs (the default graph, which kg's builds leave empty, and
        rdflib's name for it are not among them)."""
        return [name[1:-1] for name in self._graphs
                if name.startswith("<") and name != f"<{RDFLIB_DEFAULT_GRAPH}>"]

    def store_batches(self, size: int | None = None) -> Iterator[bytes]:
        """The named graphs' N-Quads, each graph followed by the same statements without a graph
        name (so in the default graph: the union, with repeats), in pieces of about *size* bytes
        (default BATCH_BYTES) of whole lines: input for pyoxigraph's bulk loader, which parses
        them without a Python object per statement."""
        def pieces() -> Iterator[bytes]:
            for name in self.graph_names():
                # every line ends with " <graph> .\n" and no literal holds a raw newline
                # (N-Quads escapes it), so this removes the graph names and nothing else
                suffix = f" <{name}> .\n".encode()
                for c in self._graphs[f"<{name}>"]:
                    quads = zlib.decompress(c)
                    yield quads + quads.replace(suffix, b" .\n")
        return _batched(pieces(), size)

    def rename(self, iris: dict[str, str]) -> None:
        """Write each IRI in *iris* as the IRI it maps to, in every graph (nodes found to be one:
        kg.resolve.identity). An IRI is written <…> in N-Quads, so replacing "<old>" changes that
        node and no other."""
        pairs = [(f"<{a}>".encode(), f"<{b}>".encode()) for a, b in iris.items()]
        for chunks in self._graphs.values():
            for i, c in enumerate(chunks):
                quads = zlib.decompress(c)
                renamed = quads
                for old, new in pairs:
                    if old in renamed:
                        renamed = renamed.replace(old, new)
                if renamed is not quads:  # a statement made of both nodes is now written twice
                    lines = dict.fromkeys(renamed.splitlines(keepends=True))
                    chunks[i] = zlib.compress(b"".join(lines), 1)

    def drop(self, nodes: set[str], triples: set[tuple[str, str, str]], orphans: set[str] = frozenset()) -> int:
        """Remove every statement about or pointing to one of *nodes* (IRIs), the derivations
        naming such a statement, and the *triples* (subject, predicate, object IRIs); then, in each
        graph, the statements about one of *orphans* that nothing in that graph points to any more
        (a post whose only tenure there was dropped). Returns the number of statements removed. A
        node is written <…> in N-Quads, so matching "<iri>" as a line's subject or object finds its
        statements and no other's."""
        about = [f"<{n}> ".encode() for n in nodes]
        pointing = [f" <{n}> <".encode() for n in nodes]  # object, then the graph name
        exact = [f"<{s}> <{p}> <{o}> ".encode() for s, p, o in triples]
        removed = 0
        for chunks in self._graphs.values():
            for i, c in enumerate(chunks):
                quads = zlib.decompress(c)
                if not any(n in quads for n in about + exact):
                    continue
                lines = quads.splitlines(keepends=True)
                # derivations whose rdf:subject is a dropped node go with it
                derived = {ln.split(b" ", 1)[0] + b" " for ln in lines if any(p in ln for p in pointing)
                           and b"22-rdf-syntax-ns#subject>" in ln}
                kept = [ln for ln in lines if not (ln.startswith(tuple(about)) or ln.startswith(tuple(derived))
                                                    or any(p in ln for p in pointing) or ln.startswith(tuple(exact)))]
                for orphan in orphans:
                    subject, mention = f"<{orphan}> ".encode(), f" <{orphan}> <".encode()
                    if not any(mention in ln for ln in kept):
                        kept = [ln for ln in kept if not ln.startswith(subject)]
                removed += len(lines) - len(kept)
                chunks[i] = zlib.compress(b"".join(kept), 1)
        return removed

    def graph_quads(self, name: str) -> list[ox.Quad]:
        chunks = [ox.parse(zlib.decompress(c), format=ox.RdfFormat.N_QUADS) for c in self._graphs[name]]
        if len(chunks) == 1:
            return list(chunks[0])
        return list(dict.fromkeys(q for chunk in chunks for q in chunk))

    def quads(self, ordered: bool = False) -> Iterator[ox.Quad]:
        """Every quad, graph by graph; *ordered*: graphs by name and statements within a graph
        sorted, as sorting all quads by (graph, subject, predicate, object) would give."""
        for name in sorted(self._graphs) if ordered else self._graphs:
            quads = self.graph_quads(name)
            # str(quad) orders like (subject, predicate, object) strings within one graph
            yield from sorted(quads, key=str) if ordered else quads

    def triples(self) -> list[ox.Triple]:
        """The union of all graphs, each triple once, sorted by (subject, predicate, object)."""
        distinct = {q.triple for q in self.quads()}
        return sorted(distinct, key=str)  # "s p o" orders like the (s, p, o) strings

    def union_graph(self) -> Graph:
        """The union as an rdflib Graph (for rdflib's JSON-LD writer)."""
        g = Graph()
        for prefix, ns in self.prefixes.items():
            g.bind(prefix, ns, override=True, replace=True)
        for t in self.triples():
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return g


def _batched(pieces: Iterator[bytes], size: int | None) -> Iterator[bytes]:
    size = size or BATCH_BYTES
    batch: list[bytes] = []
    length = 0
    for piece in pieces:
        batch.append(piece)
        length += len(piece)
        if length >= size:
            yield b"".join(batch)
            batch, length = [], 0
    if batch:
        yield b"".join(batch)


def _adding_triples(quads: Iterator[ox.Quad], union: set[ox.Triple]) -> Iterator[ox.Quad]:
    for q in quads:
        union.add(q.triple)
        yield q


def serialize(ds: Dataset | Statements, fmt: str) -> bytes:
    return serialize_all(ds, (fmt,))[fmt]


def serialize_all(data: Dataset | Statements, formats: tuple[str, ...]) -> dict[str, bytes]:
    """The statements in each of *formats*: quad formats keep one named graph per article, the
    others hold the union. Turtle, TriG and N-Triples/N-Quads are written by pyoxigraph's
    serialisers, which are many times faster than rdflib's on large graphs; statements are sorted,
    so the same graph always gives the same bytes."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown output format {unknown[0]!r}")
    statements = data if isinstance(data, Statements) else Statements.of_dataset(data)
    out: dict[str, bytes] = {}
    if "jsonld" in formats:
        union = union_graph(data) if isinstance(data, Dataset) else statements.union_graph()
        out["jsonld"] = union.serialize(format="json-ld", encoding="utf-8", auto_compact=True)
    prefixes = statements.prefixes
    union: set[ox.Triple] | None = None  # gathered by the first quad writer, when the union is wanted
    for fmt, form in (("trig", ox.RdfFormat.TRIG), ("nq", ox.RdfFormat.N_QUADS)):
        if fmt in formats:
            quads = statements.quads(ordered=True)
            if union is None and {"ttl", "nt"} & set(formats):
                union = set()
                quads = _adding_triples(quads, union)
            out[fmt] = ox.serialize(quads, format=form, prefixes=prefixes if fmt == "trig" else None)
    if {"ttl", "nt"} & set(formats):
        triples = statements.triples() if union is None else sorted(union, key=str)
        del union
        if "ttl" in formats:
            out["ttl"] = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
        if "nt" in formats:
            out["nt"] = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    return {fmt: out[fmt] for fmt in formats}
