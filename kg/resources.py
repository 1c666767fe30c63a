"""Package data, read through importlib.resources (with a fallback for source checkouts)."""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from pathlib import Path


@cache
def lexicon_lines(name: str) -> tuple[str, ...]:
    """Non-comment, non-blank lines of kg/data/lexicon/<name>."""
    text = (files("kg") / "data" / "lexicon" / name).read_text(encoding="utf-8")
    return tuple(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#"))


def lexicon_table(name: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(ln.split("\t")) for ln in lexicon_lines(name))


def lexicon_words(name: str) -> tuple[str, ...]:
    return tuple(w for ln in lexicon_lines(name) for w in ln.split())


@cache
def lexicon_alternation(name: str) -> str:
    """The words of kg/data/lexicon/<name>.txt as one regular-expression group, longer words first
    (so 说道 is read whole, not as 说)."""
    words = sorted(lexicon_words(f"{name}.txt"), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in words) + ")"


_LEXICON_REF = re.compile(r"\{lexicon:(\w+)\}")


def expand_lexicons(pattern: str) -> str:
    """A rule's pattern with each {lexicon:NAME} replaced by the words of lexicon NAME (rules written
    in data share word lists instead of copying them)."""
    return _LEXICON_REF.sub(lambda m: lexicon_alternation(m[1]), pattern)


def ontology_path(name: str) -> Path:
    """Path of an ontology file: kg/ontology/ in a wheel, ../ontology/ in a source checkout."""
    packaged = files("kg") / "ontology" / name
    if packaged.is_file():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parent.parent / "ontology" / name
    if checkout.is_file():
        return checkout
    raise FileNotFoundError(f"ontology file {name!r} is missing from the installation")


def sample_page() -> Path:
    """The bundled sample newspaper page (published 2020-06-03)."""
    return Path(str(files("kg") / "data" / "sample" / "000_c419a3a3a1dc4505.txt"))


SAMPLE_DATE = "2020-06-03"


@cache
def rule_table(name: str, columns: int) -> tuple[tuple[str, ...], ...]:
    """Rows of kg/data/rules/<name>: tab-separated, comment and blank lines skipped, each
    {lexicon:NAME} replaced by that lexicon's words; a row without exactly *columns* columns stops kg,
    naming the file and the row's id."""
    text = (files("kg") / "data" / "rules" / name).read_text(encoding="utf-8")
    rows = tuple(tuple(expand_lexicons(cell) for cell in ln.split("\t"))
                 for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))
    for row in rows:
        if len(row) != columns:
            raise ValueError(f"{name}: {row[0]!r} has {len(row)} tab-separated columns, not {columns}")
    return rows
