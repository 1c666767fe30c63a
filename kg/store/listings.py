"""Listings answered in order once, when the store is made, so that a page of one is cheap.

A listing (``kg query events``: every row, ordered) costs the same whatever page is asked for: the
first hundred rows in label order are known only once every row has been found, decoded and
sorted (docs/stores.md, "Session 15"). A build therefore answers each listing once, in the store
it has just loaded, and keeps the ordered rows in the store folder (``kg-listings/``, one JSON
Lines file per query, named by a digest of the query text). A listing asked of the embedded store
is then read from its file, and ``--limit``/``--offset`` read only the lines of the page asked for
(reading a whole listing is also two to eight times faster than answering it: docs/stores.md).

A listing is the answer of one query text to one store: the file is named by the text, so a query
changed by a new kg version finds none and is answered live; the store is never changed after its
build made it and its listings (kg.store.embedded.update_store removes them when it changes a store).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

LISTINGS = "kg-listings"  # inside the store folder; RocksDB leaves files it did not make alone

Term = ox.NamedNode | ox.BlankNode | ox.Literal | None


def listing_path(store: Path, body: str) -> Path:
    """Where the ordered rows of the query *body* (without LIMIT/OFFSET) are kept for *store*."""
    digest = hashlib.sha256(body.strip().encode("utf-8")).hexdigest()[:24]
    return store / LISTINGS / f"{digest}.jsonl"


def write_listing(path: Path, columns: list[str], rows: Iterable[tuple[Term, ...]]) -> None:
    """The rows, in their order, one JSON array of encoded terms a line, after a header line with
    the columns."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"columns": columns}, ensure_ascii=False) + "\n")
        for row in rows:
            out.write(json.dumps([_encode(t) for t in row], ensure_ascii=False) + "\n")


def read_page(path: Path, offset: int, limit: int | None) -> tuple[list[str], list[tuple[Term, ...]]] | None:
    """The columns and the rows *offset* … *offset* + *limit* of the listing at *path*, reading no
    line after them; None when there is no such listing."""
    try:
        with path.open(encoding="utf-8") as lines:
            columns = json.loads(next(lines))["columns"]
            stop = None if limit is None else offset + limit
            return columns, [tuple(_decode(t) for t in json.loads(line))
                             for line in islice(lines, offset, stop)]
    except (OSError, StopIteration, ValueError, KeyError, TypeError):
        return None  # none, or not one this kg wrote: the query is answered live


def _encode(term: Term) -> list | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ["i", term.value]
    if isinstance(term, ox.BlankNode):
        return ["b", term.value]
    if term.language:
        return ["l", term.value, term.language]
    return ["d", term.value, term.datatype.value]


def _decode(cell: list | None) -> Term:
    if cell is None:
        return None
    kind, value, *rest = cell
    if kind == "i":
        return ox.NamedNode(value)
    if kind == "b":
        return ox.BlankNode(value)
    if kind == "l":
        return ox.Literal(value, language=rest[0])
    if kind == "d":
        return ox.Literal(value, datatype=ox.NamedNode(rest[0]))
    raise ValueError(f"unknown term kind {kind!r}")
