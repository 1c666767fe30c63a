"""A query's final ORDER BY, applied in Python to the rows the embedded store returns.

Oxigraph sorts by comparing terms, and on its on-disk store every comparison of two IRIs or two
long literals reads both strings from RocksDB again: sorting 12,920 event rows by date and label
took longer than finding them (docs/stores.md, "Query shapes"). The rows have to be decoded for
the caller anyway, so :class:`kg.store.query.StoreGraph` runs the query without its final
``ORDER BY`` and sorts the decoded rows here, with the SPARQL 1.1 ordering (15.1):

* unbound < blank nodes < IRIs < literals;
* IRIs and blank nodes by their string; strings and language-tagged strings by their value
  (code point order, as oxigraph compares them), then by language tag;
* numbers by value, whatever their numeric datatype; booleans false < true;
* ``xsd:date``, ``xsd:gMonthDay``, ``xsd:gYear`` and the like by value, each type on its own.

SPARQL leaves the order of incomparable literals (a date against a string) open, and so does
oxigraph, which calls them equal; here they are ordered by kind, so the answer stays
deterministic. Any literal this module cannot place with certainty (a date with a time zone, a
number that does not parse, an unknown datatype) raises :class:`Unsortable`, and the caller lets
the engine sort instead. Only an ORDER BY at the very end of a SELECT, made of projected
variables with optional ``ASC``/``DESC``, is taken over (a ``LIMIT``/``OFFSET`` after it is then
applied to the sorted rows: :func:`split_window`); anything else (expressions) stays with the engine.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from kg.rdf.io import RDF_LANG_STRING, XSD, XSD_STRING
from kg.store.params import Token, projected_variables, tokens

INTEGERS = {"integer", "nonPositiveInteger", "negativeInteger", "long", "int", "short", "byte",
            "nonNegativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
            "unsignedByte", "positiveInteger"}
DECIMALS = INTEGERS | {"decimal"}
FLOATS = {"double", "float"}
# calendar types without a time zone: their lexical forms sort as their values do
CALENDAR = {
    "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "dateTime": re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}"),
    "gYearMonth": re.compile(r"\d{4}-\d{2}"),
    "gYear": re.compile(r"\d{4}"),
    "gMonthDay": re.compile(r"--\d{2}-\d{2}"),
    "gMonth": re.compile(r"--\d{2}"),
    "gDay": re.compile(r"---\d{2}"),
}
Key = tuple


class Unsortable(ValueError):
    """A term whose place in the SPARQL order this module does not know."""


def split_order_by(text: str) -> tuple[str, list[tuple[str, bool]]] | None:
    """*text* without its final ORDER BY, and that clause as ``[(variable, descending)]``.

    None when the query has no ORDER BY this module takes over (see the module doc).
    """
    toks = tokens(text)
    start = _final_order_by(toks)
    if start is None:
        return None
    keys: list[tuple[str, bool]] = []
    i = start + 2
    while i < len(toks):
        t = toks[i]
        if t.kind == "var":
            keys.append((t.text[1:], False))
            i += 1
        elif (t.kind == "word" and t.text.upper() in ("ASC", "DESC") and _is(toks, i + 1, "(")
              and _kind(toks, i + 2) == "var" and _is(toks, i + 3, ")")):
            keys.append((toks[i + 2].text[1:], t.text.upper() == "DESC"))
            i += 4
        else:
            return None  # an expression, LIMIT, OFFSET …
    if not keys or not {k for k, _ in keys} <= projected_variables(text):
        return None
    return text[: toks[start].start] + text[toks[-1].end:], keys


@dataclass(frozen=True)
class Window:
    """A query's final ``OFFSET``/``LIMIT``: which of its rows are asked for."""

    offset: int = 0
    limit: int | None = None

    def apply(self, rows: list) -> list:
        return rows[self.offset: None if self.limit is None else self.offset + self.limit]


def split_window(text: str) -> tuple[str, Window | None]:
    """*text* without a final ``LIMIT n`` and/or ``OFFSET m`` (in either order), and those as a
    :class:`Window`; ``(text, None)`` when the query ends with neither."""
    toks = tokens(text)
    values: dict[str, int] = {}
    end = len(toks)
    while end > 0 and len(values) < 2:
        first = end
        while first > 0 and toks[first - 1].text.isdigit() and (
                first == end or toks[first - 1].end == toks[first].start):
            first -= 1  # digits are one-character tokens; a number is a run of adjacent ones
        if first == end or first == 0 or toks[first - 1].kind != "word":
            break
        keyword = toks[first - 1].text.upper()
        if keyword not in ("LIMIT", "OFFSET") or keyword in values:
            break
        values[keyword] = int("".join(t.text for t in toks[first:end]))
        end = first - 1
    if not values:
        return text, None
    return text[: toks[end].start], Window(values.get("OFFSET", 0), values.get("LIMIT"))


def _final_order_by(toks: Sequence[Token]) -> int | None:
    """Index of the ORDER token of an ORDER BY outside any brace or parenthesis, if it is the
    last such clause of a SELECT query."""
    form = next((t.text.upper() for t in toks if t.kind == "word"
                 and t.text.upper() in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")), None)
    if form != "SELECT":
        return None
    depth, found = 0, None
    for i, t in enumerate(toks):
        if t.text in ("{", "("):
            depth += 1
        elif t.text in ("}", ")"):
            depth -= 1
        elif (depth == 0 and t.kind == "word" and t.text.upper() == "ORDER"
              and _kind(toks, i + 1) == "word" and toks[i + 1].text.upper() == "BY"):
            found = i
    return found


def _is(toks: Sequence[Token], i: int, text: str) -> bool:
    return i < len(toks) and toks[i].text == text


def _kind(toks: Sequence[Token], i: int) -> str:
    return toks[i].kind if i < len(toks) else ""


def sort_rows(rows: list[tuple], columns: Sequence[str], keys: Sequence[tuple[str, bool]]) -> list[tuple]:
    """*rows* (tuples of pyoxigraph terms or None, in *columns* order) sorted by *keys*.

    Stable: rows the keys do not tell apart keep their order. Raises Unsortable.
    """
    memo: dict[object, Key] = {}

    def key_of(term) -> Key:
        found = memo.get(term)
        if found is None:
            found = memo[term] = term_key(term)
        return found

    if len({descending for _, descending in keys}) == 1:  # one direction: one sort
        at = [columns.index(name) for name, _ in keys]
        return sorted(rows, key=lambda row: tuple(key_of(row[i]) for i in at), reverse=keys[0][1])
    for name, descending in reversed(keys):  # stable sorts, last key first
        i = columns.index(name)
        rows = sorted(rows, key=lambda row: key_of(row[i]), reverse=descending)
    return rows


def term_key(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> Key:
    """A Python sort key that orders terms as SPARQL ORDER BY does (see the module doc)."""
    if term is None:
        return (0,)
    if isinstance(term, ox.BlankNode):
        return (1, term.value)
    if isinstance(term, ox.NamedNode):
        return (2, term.value)
    if not isinstance(term, ox.Literal):
        raise Unsortable(f"cannot order {term}")
    value, datatype = term.value, term.datatype.value
    if term.language or datatype in (XSD_STRING, RDF_LANG_STRING):
        return (3, 0, value, term.language or "")
    if not datatype.startswith(XSD):
        raise Unsortable(f"cannot order a literal of datatype {datatype}")
    local = datatype[len(XSD):]
    if local in DECIMALS or local in FLOATS:
        try:
            number = Decimal(value.strip()) if local in DECIMALS else float(value)
        except (InvalidOperation, ValueError):
            raise Unsortable(f"not a number: {value!r}^^xsd:{local}") from None
        if number != number:  # NaN
            raise Unsortable("NaN")
        return (3, 1, number)
    if local == "boolean" and value in ("true", "false", "1", "0"):
        return (3, 2, value in ("true", "1"))
    pattern = CALENDAR.get(local)
    if pattern is not None and pattern.fullmatch(value):
        return (3, 3, local, value)
    raise Unsortable(f"cannot order {value!r}^^xsd:{local}")
