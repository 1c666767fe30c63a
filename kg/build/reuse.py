"""Outputs a rebuild takes from the folder instead of making them again.

The graph files and the store are functions of the build's statements alone: when a rebuild's
statements are those the folder's outputs were made from (every article from the cache, the same
identities), loading the store again (6-8 s for the news corpus) and serialising the graph files
(4-5 s) would give the same outputs. The folder keeps, in ``.kg-cache/outputs.json``, a digest of
the statements its outputs were made from and the size of each graph file; a rebuild with the same
digest copies the store and reads the files back instead. The record is removed before outputs
are moved into place and written after, so it never describes outputs it was not made with; a
graph file whose size differs from the record's (edited by hand) is made again. ``--no-cache``
makes everything again. The view is always drawn again: it depends on kg's view code too.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from kg.rdf.serialize import write_atomic

RECORD = Path(".kg-cache") / "outputs.json"


@dataclass(frozen=True)
class Reused:
    """What a build takes from the folder: graph files by name, and the store to copy."""

    files: dict[str, bytes] = field(default_factory=dict)
    store: Path | None = None


def reusable(out: Path, statements_digest: str, file_names: list[str], with_store: bool) -> Reused:
    """The outputs of *out* made from statements with *statements_digest*, among *file_names*
    (graph.ttl, …) and the store (when *with_store*)."""
    try:
        record = json.loads((out / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Reused()
    if not isinstance(record, dict) or record.get("statements") != statements_digest:
        return Reused()
    sizes = record.get("files") or {}
    files = {}
    for name in file_names:
        path = out / name
        try:
            if sizes.get(name) == path.stat().st_size:
                files[name] = path.read_bytes()
        except OSError:
            continue
    store = with_store and bool(record.get("store")) and (out / "store").is_dir()
    return Reused(files, out / "store" if store else None)


def copy_store(store: Path, into: Path) -> None:
    """*store* copied into the empty folder *into* (nobody has it open: kg checks before the
    build starts)."""
    shutil.copytree(store, into, dirs_exist_ok=True)


def forget(out: Path) -> None:
    """Remove the record before the outputs it describes are replaced."""
    (out / RECORD).unlink(missing_ok=True)


def remember(out: Path, statements_digest: str, files: dict[str, bytes], store: bool) -> None:
    """Record what the outputs just moved into place were made from."""
    record = {"statements": statements_digest, "files": {name: len(data) for name, data in files.items()},
              "store": store}
    write_atomic(out / RECORD, json.dumps(record, ensure_ascii=False).encode("utf-8"))
