"""Synthetic corpora shaped like kg output, for benchmarks and load tests.

A real build's article graphs serve as the template; copy *k* renames its nodes so that:

* article-level nodes (articles and their graphs, sentences, attributions, events, tenures,
  honours) are new in every copy;
* entities (people, organisations, posts, places, policies, groups, platforms, laws) come from a
  pool of about ``copies / recurrence`` variants each, so the same person or organisation shows
  up in about *recurrence* articles, as officials do across a paper's issues;
* each entity variant has a name of its own: variant 0 keeps the template's names, the others
  add their variant number (``徐光文`` and ``徐光文-p7``), so a name picks one entity that occurs in
  about *recurrence* articles, as a real official does, rather than a third of the corpus;
* roles stay as they are (a small vocabulary); article identifiers get the copy number and dates
  move forward one day per copy.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Mapping, Sequence

import pyoxigraph as ox

from kg.rdf.io import XSD_DATE

PER_ARTICLE = {"article", "sentence", "attribution", "event", "tenure", "honour"}
UNCHANGED = {"role"}
IDENTIFIER = "http://purl.org/dc/terms/identifier"
NAMES = {"http://schema.org/name", "http://www.w3.org/2000/01/rdf-schema#label",
         "http://www.w3.org/2004/02/skos/core#prefLabel",
         "http://www.w3.org/2004/02/skos/core#altLabel", "http://schema.org/alternateName",
         "http://schema.org/legalName"}

Template = Mapping[ox.NamedNode, Sequence[ox.Triple]]


def template_size(template: Template) -> int:
    return sum(len(ts) for ts in template.values())


def copies_for(template: Template, triples: int) -> int:
    """How many copies of *template* make at least *triples* quads."""
    return max(1, math.ceil(triples / template_size(template)))


def synthetic_quads(template: Template, copies: int, recurrence: int = 20) -> Iterator[ox.Quad]:
    """The quads of *copies* renamed copies of *template* (see the module doc)."""
    base = _base(template)
    pool = max(1, copies // max(1, recurrence))
    for k in range(copies):
        rename = _Renamer(base, f"-c{k}", k % pool, k)
        for graph, triples in template.items():
            g = rename.term(graph)
            for t in triples:
                yield ox.Quad(rename.term(t.subject), t.predicate, rename.obj(t), g)


def _base(template: Template) -> str:
    for g in template:
        if "/article/" in g.value:
            return g.value[: g.value.index("/article/") + 1]
    raise ValueError("the template's graphs are not kg article graphs (…/article/…)")


class _Renamer:
    def __init__(self, base: str, copy_suffix: str, variant: int, k: int):
        self.base, self.copy_suffix, self.variant, self.k = base, copy_suffix, variant, k
        self.pool_suffix = f"-p{variant}" if variant else ""  # for names: variant 0 keeps them
        self.cache: dict[str, ox.NamedNode] = {}

    def kind(self, node) -> str:
        if not isinstance(node, ox.NamedNode) or not node.value.startswith(self.base):
            return ""
        return node.value[len(self.base):].split("/", 1)[0]

    def pooled(self, node) -> bool:
        kind = self.kind(node)
        return bool(kind) and kind not in UNCHANGED and kind not in PER_ARTICLE

    def term(self, node):
        kind = self.kind(node)
        if not kind:
            return node
        found = self.cache.get(node.value)
        if found is None:
            suffix = ("" if kind in UNCHANGED
                      else self.copy_suffix if kind in PER_ARTICLE else f"-p{self.variant}")
            found = self.cache[node.value] = ox.NamedNode(node.value + suffix)
        return found

    def obj(self, t: ox.Triple):
        o = t.object
        if not isinstance(o, ox.Literal):
            return self.term(o)
        if self.pool_suffix and t.predicate.value in NAMES and self.pooled(t.subject):
            return _suffixed(o, self.pool_suffix)
        if o.datatype.value == XSD_DATE:
            day = dt.date.fromisoformat(o.value) + dt.timedelta(days=self.k)
            return ox.Literal(day.isoformat(), datatype=o.datatype)
        if t.predicate.value == IDENTIFIER:
            return ox.Literal(o.value + self.copy_suffix)
        return o


def _suffixed(literal: ox.Literal, suffix: str) -> ox.Literal:
    if literal.language:
        return ox.Literal(literal.value + suffix, language=literal.language)
    return ox.Literal(literal.value + suffix, datatype=literal.datatype)
