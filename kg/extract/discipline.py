"""Discipline cases: an investigation opened by a discipline commission (中央纪委国家监委对某某严重违纪
违法问题进行了立案审查调查) and the expulsion it ends in (给予某某开除党籍处分). Each is an event
(schema:Event) named after the body and the person, dated from the sentence when it says when."""

from __future__ import annotations

import re

from kg.extract import extractor
from kg.extract.context import ArticleContext
from kg.extract.meetings import Meetings

# the body that investigates: the central commission and state commission, or a local 纪委监委
_BODY = r"(?P<body>中央纪委国家监委|中央纪委|国家监委|[\u4e00-\u9fff]{2,10}?纪委监委)"
INVESTIGATED = re.compile(
    rf"{_BODY}(?:依纪依法)?对(?P<who>[^。；]{{2,80}}?)(?:涉嫌)?(?:严重违纪违法|严重违纪|严重违法)?问题?"
    r"(?:进行了?|予以)?(?P<verb>立案审查调查|纪律审查和监察调查|立案审查|审查调查|纪律审查)"
)
EXPELLED = re.compile(r"给予(?P<who>[\u4e00-\u9fff]{2,4}?)(?:同志)?开除党籍(?:、开除公职)?处分")


@extractor("lg.discipline.v1", requires=("persons",), assigns=("events", "participation"))
def extract_discipline_cases(ctx: ArticleContext):
    name = "lg.discipline.v1"
    meetings = Meetings(ctx, name)
    for sentence in ctx.sentences:
        text = sentence.text
        for m in INVESTIGATED.finditer(text):
            people = _named(ctx, m["who"])
            if not people:
                continue
            label = f"{m['body']}对{'、'.join(people)}{m['verb']}"
            date, part = meetings.date_for(sentence)
            yield from meetings.event(sentence, m.start(), m.end(), label, True, "Event", date, part)
        for m in EXPELLED.finditer(text):
            if m["who"] not in ctx.persons:
                continue
            also = "和公职" if "开除公职" in text[m.start():] else ""
            label = f"{m['who']}被开除党籍{also}"
            date, part = meetings.date_for(sentence)
            yield from meetings.event(sentence, m.start(), m.end(), label, True, "Event", date, part)


def _named(ctx: ArticleContext, span: str) -> list[str]:
    """The people known in the article that *span* names, in the order it names them (the longest
    name where one holds another)."""
    found = sorted((span.find(n), n) for n in ctx.persons if n in span)
    return [n for _, n in found if not any(n != o and n in o for _, o in found)]
