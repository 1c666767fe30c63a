"""Commendations: 会议表彰了 10 家 2019 年度十强工业企业、8 家优秀外贸企业. Each honoured group is
a node with its count and year (the article names no enterprise), linked from the meeting by
lg:commendation (ontology.md §3.5e)."""

from __future__ import annotations

import re

from kg.extract import extractor
from kg.extract.context import ArticleContext
from kg.iri import compose
from kg.model import Entity, Relation

COMMEND = re.compile(r"表彰了?(?P<list>[^。；]+)")
ITEM = re.compile(r"^\s*(?P<count>\d+)\s*(?:家|个|名|位|所)\s*(?P<label>.+?)\s*(?:等)?$")
YEAR = re.compile(r"(?P<year>\d{4})\s*年度?")


@extractor("lg.commendation.v1", requires=("story",), assigns=("details",))
def extract_commendations(ctx: ArticleContext):
    name = "lg.commendation.v1"
    if ctx.main_event is None:
        return
    for sentence in ctx.sentences:
        for m in COMMEND.finditer(sentence.text):
            offset = m.start("list")
            for part in re.finditer(r"[^、，]+", m["list"]):
                item = ITEM.match(part.group(0))
                if not item:
                    continue
                label = re.sub(r"\s+", " ", item["label"]).strip()
                start, end = offset + part.start(), offset + part.end()
                ev = ctx.evidence(sentence, start, end, name)
                attrs = [("count", item["count"])]
                if y := YEAR.search(label):
                    attrs.append(("year", y["year"]))
                group = Entity("group", compose(ctx.scope_name("district"), label), label, ev,
                               (label,), tuple(sorted(attrs)))
                honour = Entity("honour", compose(ctx.main_event.key, label), f"表彰：{label}", ev)
                yield group
                yield honour
                yield Relation(ctx.main_event, "commendation", honour.ref, ev)
                yield Relation(honour.ref, "recipient", group.ref, ev)
