"""Writing graphs: serialise to bytes first, then move into place, so a failure never leaves a
truncated file (rdflib raises mid-write on a bad IRI)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Dataset

from kg.rdf.emit import union_graph

FORMATS = {"ttl": "turtle", "trig": "trig", "nq": "nquads", "nt": "nt", "jsonld": "json-ld"}


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.fchmod(fd, 0o666 & ~umask)  # mkstemp makes 0600 files; outputs are ordinary files
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def serialize(ds: Dataset, fmt: str) -> bytes:
    """The dataset as bytes: quads formats keep one named graph per article, the others the union."""
    rdf_format = FORMATS[fmt]
    if fmt in ("trig", "nq"):
        return ds.serialize(format=rdf_format, encoding="utf-8")
    graph = union_graph(ds)
    if fmt == "jsonld":
        return graph.serialize(format="json-ld", encoding="utf-8", auto_compact=True)
    return graph.serialize(format=rdf_format, encoding="utf-8")
