"""Synthetic corpora shaped like kg output, for benchmarks and load tests.

A real build's article graphs serve as the template; copy *k* renames its nodes so that:

* article-level nodes (articles and their graphs, sentences, attributions, events, tenures,
  honours) are new in every copy;
* entities (people, organisations, posts, places, policies, groups, platforms, laws) come from a
  pool of about ``copies / recurrence`` variants each, so the same person or organisation shows
  up in about *recurrence* articles, as officials do across a paper's issues;
* roles stay as they are (a small vocabulary); names stay as written, so a name is shared by
  several people, as common names are; article identifiers get the copy number and dates move
  forward one day per copy.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Mapping, Sequence

import pyoxigraph as ox

PER_ARTICLE = {"article", "sentence", "attribution", "event", "tenure", "honour"}
UNCHANGED = {"role"}
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
IDENTIFIER = "http://purl.org/dc/terms/identifier"

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
        rename = _Renamer(base, f"-c{k}", f"-p{k % pool}", k)
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
    def __init__(self, base: str, copy_suffix: str, pool_suffix: str, k: int):
        self.base, self.copy_suffix, self.pool_suffix, self.k = base, copy_suffix, pool_suffix, k
        self.cache: dict[str, ox.NamedNode] = {}

    def term(self, node):
        if not isinstance(node, ox.NamedNode) or not node.value.startswith(self.base):
            return node
        found = self.cache.get(node.value)
        if found is None:
            kind = node.value[len(self.base):].split("/", 1)[0]
            suffix = ("" if kind in UNCHANGED
                      else self.copy_suffix if kind in PER_ARTICLE else self.pool_suffix)
            found = self.cache[node.value] = ox.NamedNode(node.value + suffix)
        return found

    def obj(self, t: ox.Triple):
        o = t.object
        if not isinstance(o, ox.Literal):
            return self.term(o)
        if o.datatype.value == XSD_DATE:
            day = dt.date.fromisoformat(o.value) + dt.timedelta(days=self.k)
            return ox.Literal(day.isoformat(), datatype=o.datatype)
        if t.predicate.value == IDENTIFIER:
            return ox.Literal(o.value + self.copy_suffix)
        return o
