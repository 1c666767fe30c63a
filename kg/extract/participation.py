"""Speakers at the article's meeting named the ways the role rules (kg/extract/roles.py) do not
read: 甲、乙在座谈会上介绍…, 甲、乙围绕…作了发言 (a topic between the names and the verb)."""

from __future__ import annotations

import re

from kg.extract import extractor
from kg.extract.context import ArticleContext
from kg.extract.discourse import reported_sentences
from kg.extract.lists import name_list_before
from kg.extract.meetings import person_before
from kg.extract.persons import people_of
from kg.model import Relation

# 甲、乙先后作了交流发言: speakers at the article's meeting
SPOKE = re.compile(
    r"(?:先后|分别|也|还)?(?:在会上)?(?:作了?|进行了?)?(?:交流|典型|大会|书面)?(?:发言|致辞)(?=[，。；]|$)"
)


@extractor("lg.participation.v1", requires=("persons", "events", "story"), assigns=("participation",))
def extract_participation(ctx: ArticleContext):
    """Speakers at the article's meeting named the ways the role rules (kg/extract/roles.py) do not
    read: 甲、乙在座谈会上介绍…, 甲、乙围绕…作了发言 (a topic between the names and the verb)."""
    name = "lg.participation.v1"
    reported = reported_sentences(ctx.sentences)
    is_meeting = ctx.main_event is not None and ctx.entities[ctx.main_event].attr("type") == "Meeting"
    for sentence in ctx.sentences:
        if sentence.index in reported or ctx.main_event is None:
            continue
        text = sentence.text
        for m in ON_STAGE.finditer(text) if is_meeting else ():
            clause = re.split(r"[，。；：]", text[:m.start()])[-1]  # 某某主席甲、某某主席乙在座谈会上介绍…
            for person in dict.fromkeys(ref for n, ref in ctx.persons.items() if n in clause):
                ev = ctx.evidence(sentence, 0, m.end(), name)
                yield Relation(ctx.main_event, "attendee", person, ev)
                yield Relation(ctx.main_event, "speaker", person, ev)
        for m in SPOKE.finditer(text):
            at = _topic_start(text, m.start())
            people = person_before(ctx, text, at)
            listed = list(name_list_before(ctx, sentence, at, name))
            entities = people_of(listed)
            if len(entities) > len(people):
                yield from listed
                people = [(p.label, p.ref) for p in entities]
            for _, person in people:
                yield Relation(ctx.main_event, "speaker", person, ctx.evidence(sentence, 0, m.end(), name))


# 甲、乙在座谈会上介绍调研成果: who spoke at the article's meeting, named before 在…会上
ON_STAGE = re.compile(r"在(?:会上|[^，。；]{0,12}?会议?上)(?:介绍|发言|讲话|汇报|作了?[^，。；]{0,8}?(?:发言|报告))")
# what the speakers spoke about, between their names and 作了发言: 甲、乙围绕…作了发言
_TOPIC = re.compile(r"(?:围绕|结合|针对|就)[^，。；：]{1,40}$")


def _topic_start(text: str, pos: int) -> int:
    """Where a topic clause (围绕…, 就…) ending at *pos* starts; *pos* when there is none."""
    m = _TOPIC.search(text, 0, pos)
    return m.start() if m else pos
