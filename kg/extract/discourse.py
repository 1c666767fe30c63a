"""Who is speaking in a sentence: the reporter (narrative) or a meeting or person whose words
are reported (会议强调，…; 徐光文指出，…). Relations such as relays are read only from narrative;
what a meeting says it wants is still the meeting's agenda."""

from __future__ import annotations

import re

from kg.model import Sentence
from kg.resources import lexicon_alternation

REPORTING_VERBS = lexicon_alternation("speech_verbs")
_REPORTED_OPENING = re.compile(r"^[\u4e00-\u9fff]{1,12}?" + REPORTING_VERBS + r"[，：:]")
# a sentence that only says who was there (县领导甲、乙、丙参加活动。): no speaker's words
_WHO_WAS_THERE = re.compile(r"^[^，。；：“”]{2,60}?(?:等)?(?:参加|出席|列席|陪同)(?:了)?"
                            r"(?:活动|会议|调研|考察|视察|仪式|开工仪式|座谈会|签约仪式)?[。！]?$")


def reported_sentences(sentences: tuple[Sentence, ...]) -> frozenset[int]:
    """Indexes of sentences that report someone's words: from a '…指出，' opening to the end of
    its paragraph, and quotations."""
    out: set[int] = set()
    current_paragraph, reporting = None, False
    for s in sentences:
        if s.paragraph != current_paragraph:
            current_paragraph, reporting = s.paragraph, False
        if _REPORTED_OPENING.match(s.text) or s.text.startswith(("“", "「")):
            reporting = True
        elif reporting and _WHO_WAS_THERE.match(s.text):
            reporting = False  # …加油助力。县领导甲、乙参加活动。: the reporter again
        if reporting:
            out.add(s.index)
    return frozenset(out)
