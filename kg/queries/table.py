"""The ``table`` format of ``kg query``: an answer laid out for a person in a terminal.

Identifiers (IRIs) say nothing to a reader and make rows hundreds of columns wide, so a column
whose values are all IRIs is left out unless asked for (``--iris``, or named in ``--columns``);
CJK characters count two columns wide; a long answer shows its first rows and says how many
more there are and how to get them. ``--format json|csv`` always give every column and row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.errors import UsageError

_WIDE = re.compile("[\u2e81-\U0010ffff]")  # drawn two columns wide: CJK and beyond


@dataclass(frozen=True)
class Cell:
    text: str
    is_iri: bool = False


@dataclass(frozen=True)
class TableOptions:
    iris: bool = False  # show columns of identifiers too
    columns: tuple[str, ...] = ()  # only these columns, in this order (empty: all)
    max_rows: int | None = None  # show at most this many rows, then say how many more


class UnknownColumn(UsageError, ValueError):
    code = "E403"


def width(s: str) -> int:
    return len(s) + len(_WIDE.findall(s))


def chosen_columns(names: Sequence[str], rows: Sequence[Sequence[Cell | None]],
                   options: TableOptions) -> list[int]:
    """Indices of the columns to show, in the order to show them."""
    if options.columns:
        unknown = [c for c in options.columns if c not in names]
        if unknown:
            raise UnknownColumn(f"no column {', '.join(unknown)} in this answer (columns: {', '.join(names)})")
        return [names.index(c) for c in options.columns]
    if options.iris:
        return list(range(len(names)))
    shown = [i for i in range(len(names))
             if not any(r[i] is not None for r in rows)
             or not all(r[i].is_iri for r in rows if r[i] is not None)]
    return shown or list(range(len(names)))


def render(names: Sequence[str], rows: Sequence[Sequence[Cell | None]], options: TableOptions,
           more_hint: str = "") -> str:
    """*rows* (one Cell or None per column) as an aligned text table with a closing count line."""
    columns = chosen_columns(names, rows, options)
    total = len(rows)
    shown_rows = rows if options.max_rows is None else rows[: options.max_rows]
    header = [names[i] for i in columns]
    body = [["" if r[i] is None else r[i].text for i in columns] for r in shown_rows]
    sizes = [[width(c) for c in r] for r in body]
    widths = [max([width(h)] + [s[k] for s in sizes]) for k, h in enumerate(header)]
    out = [" | ".join(h + " " * (w - width(h)) for h, w in zip(header, widths, strict=True)).rstrip(),
           "-+-".join("-" * w for w in widths)]
    out += [" | ".join(c + " " * (w - cw) for c, cw, w in zip(r, s, widths, strict=True)).rstrip()
            for r, s in zip(body, sizes, strict=True)]
    hidden = len(names) - len(columns)
    note = f"({total} row{'s' if total != 1 else ''}"
    if len(shown_rows) < total:
        note += f"; the first {len(shown_rows)} shown{more_hint}"
    if hidden and not options.columns:
        note += f"; {hidden} identifier column{'s' if hidden != 1 else ''} hidden: --iris shows them"
    out.append(note + ")")
    return "\n".join(out)
