"""Writing graphs: serialise to bytes first, then move into place, so a failure never leaves a
truncated file (rdflib raises mid-write on a bad IRI)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from kg.rdf.emit import union_graph
from kg.rdf.vocab import INSTANCE_PREFIXES, STANDARD_PREFIXES

FORMATS = {"ttl": "turtle", "trig": "trig", "nq": "nquads", "nt": "nt", "jsonld": "json-ld"}


def write_atomic(path: Path, data: bytes) -> None:
    write_all_atomic({path: data})


def write_all_atomic(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary name next to its target, then move them all into place:
    if any write fails (a full disk, say), no target is touched."""
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
        for tmp, path in staged:
            os.replace(tmp, path)
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)


def serialize(ds: Dataset, fmt: str) -> bytes:
    """The dataset as bytes: quad formats keep one named graph per article, the others hold the
    union. Turtle, TriG and N-Triples/N-Quads are written by pyoxigraph's serialisers, which are
    many times faster than rdflib's on large graphs; statements are sorted, so the same graph
    always gives the same bytes."""
    if fmt == "jsonld":
        return union_graph(ds).serialize(format="json-ld", encoding="utf-8", auto_compact=True)
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r}")
    quads = ox.parse(ds.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
    ours = set(STANDARD_PREFIXES) | set(INSTANCE_PREFIXES.values())
    prefixes = {p: str(ns) for p, ns in ds.namespaces() if p in ours}
    if fmt in ("trig", "nq"):
        ordered = sorted(quads, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
        out_format = ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS
        return ox.serialize(ordered, format=out_format, **({"prefixes": prefixes} if fmt == "trig" else {}))
    triples = {q.triple for q in quads}
    ordered = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    if fmt == "nt":
        return ox.serialize(ordered, format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
