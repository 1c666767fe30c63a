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


def dataset_quads(ds: Dataset) -> list[ox.Quad]:
    """The dataset's statements as pyoxigraph quads (through N-Quads, rdflib's fastest writer).
    Convert once and hand the quads to every writer that needs them."""
    return list(ox.parse(ds.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS))


def serialize(ds: Dataset, fmt: str) -> bytes:
    return serialize_all(ds, (fmt,))[fmt]


def serialize_all(ds: Dataset, formats: tuple[str, ...], quads: list[ox.Quad] | None = None) -> dict[str, bytes]:
    """The dataset in each of *formats*: quad formats keep one named graph per article, the others
    hold the union. Turtle, TriG and N-Triples/N-Quads are written by pyoxigraph's serialisers, which
    are many times faster than rdflib's on large graphs; statements are sorted, so the same graph
    always gives the same bytes. *quads* are the dataset's quads when the caller has them already."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown output format {unknown[0]!r}")
    out: dict[str, bytes] = {}
    if "jsonld" in formats:
        out["jsonld"] = union_graph(ds).serialize(format="json-ld", encoding="utf-8", auto_compact=True)
    if not set(formats) - {"jsonld"}:
        return out
    quads = dataset_quads(ds) if quads is None else quads
    ours = set(STANDARD_PREFIXES) | set(INSTANCE_PREFIXES.values())
    prefixes = {p: str(ns) for p, ns in ds.namespaces() if p in ours}
    if {"trig", "nq"} & set(formats):
        ordered_quads = sorted(quads, key=lambda q: (str(q.graph_name), *map(str, q.triple)))
        if "trig" in formats:
            out["trig"] = ox.serialize(ordered_quads, format=ox.RdfFormat.TRIG, prefixes=prefixes)
        if "nq" in formats:
            out["nq"] = ox.serialize(ordered_quads, format=ox.RdfFormat.N_QUADS)
    if {"ttl", "nt"} & set(formats):
        triples = sorted({q.triple for q in quads}, key=lambda t: tuple(map(str, t)))
        if "ttl" in formats:
            out["ttl"] = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
        if "nt" in formats:
            out["nt"] = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    return out
