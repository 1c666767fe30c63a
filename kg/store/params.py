"""Binding query parameters to RDF terms without pasting user text into a query.

pyoxigraph's ``substitutions`` (SPARQL-dev SEP-0007) replace a variable by a term, but only a
variable the query *projects*: ``SELECT ?event …`` cannot take ``?personName`` when that variable
only appears inside a ``FILTER``, which is how the canned queries use their parameters. So:

* a parameter whose variable is projected goes through ``substitutions``;
* any other parameter is bound by a ``VALUES`` block opening the query's top-level group, whose
  terms are written by pyoxigraph's own serialiser (quotes, braces and newlines in a value stay
  inside the literal). Within that group, including its FILTERs, the effect is the same as
  rdflib's ``initBindings``. The same block binds parameters for remote SPARQL endpoints, where
  the protocol has no parameters at all.

The scanner below only needs to find the query form, the projection and the group's opening
brace, so it knows strings, IRIs, comments, variables, brackets and words, nothing more.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

import pyoxigraph as ox

_TOKEN = re.compile(
    r"""
      (?P<ws>\s+)
    | (?P<escape>\\.)
    | (?P<comment>\#[^\n]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F\u2040]+)
    | (?P<word>[A-Za-z_][\w-]*)
    | (?P<other>.)
    """,
    re.X | re.S,
)
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


class ParameterError(ValueError):
    pass


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    end: int


def tokens(text: str) -> list[Token]:
    """The significant tokens of a SPARQL query (whitespace and comments dropped)."""
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind not in ("ws", "comment"):
            out.append(Token(kind, m.group(), m.end()))
    return out


def _form(toks: list[Token]) -> int:
    for i, t in enumerate(toks):
        if t.kind == "word" and t.text.upper() in _FORMS:
            return i
    raise ParameterError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")


def projected_variables(text: str) -> set[str]:
    """Names of the variables a SELECT query projects (empty for ``SELECT *`` and other forms)."""
    toks = tokens(text)
    i = _form(toks)
    if toks[i].text.upper() != "SELECT":
        return set()
    out: set[str] = set()
    depth = 0
    for prev, t in pairwise(toks[i:]):
        if depth == 0 and (t.text == "{" or t.text.upper() in ("WHERE", "FROM")):
            break
        if t.text == "*" and depth == 0:
            return set()
        depth += (t.text == "(") - (t.text == ")")
        if t.kind == "var" and (depth == 0 or prev.text.upper() == "AS"):
            out.add(t.text[1:])
    return out


def _pattern_brace(toks: list[Token]) -> Token:
    """The brace opening the query pattern (the WHERE clause)."""
    i = _form(toks)
    needs_where = toks[i].text.upper() in ("CONSTRUCT", "DESCRIBE")
    depth = 0
    for t in toks[i + 1:]:
        if needs_where:
            needs_where = not (t.kind == "word" and t.text.upper() == "WHERE")
            continue
        if t.text == "{" and depth == 0:
            return t
        depth += (t.text == "(") - (t.text == ")")
    raise ParameterError("the query has no WHERE clause to bind parameters in")


def values_block(bindings: Mapping[str, ox.Term]) -> str:
    names = sorted(bindings)
    for name in names:
        if not re.fullmatch(r"\w+", name):
            raise ParameterError(f"not a variable name: {name!r}")
        if not isinstance(bindings[name], ox.NamedNode | ox.Literal):
            raise ParameterError(f"?{name}: only IRIs and literals can be bound")
    variables = " ".join(f"?{n}" for n in names)
    terms = " ".join(str(bindings[n]) for n in names)  # pyoxigraph's N-Triples serialisation
    return f"VALUES ({variables}) {{ ({terms}) }}"


def inject_values(text: str, bindings: Mapping[str, ox.Term]) -> str:
    """*text* with a VALUES block binding *bindings* at the start of its top-level group."""
    if not bindings:
        return text
    brace = _pattern_brace(tokens(text))
    return f"{text[:brace.end]} {values_block(bindings)}{text[brace.end:]}"


def bind(text: str, bindings: Mapping[str, ox.Term]) -> tuple[str, dict[ox.Variable, ox.Term]]:
    """Split *bindings* into pyoxigraph substitutions and a VALUES block (see the module doc).

    Returns the query text to run and the substitutions to pass with it.
    """
    projected = projected_variables(text) if bindings else set()
    subs = {ox.Variable(k): v for k, v in bindings.items() if k in projected}
    inline = {k: v for k, v in bindings.items() if k not in projected}
    return inject_values(text, inline), subs
