"""Who is speaking in a sentence: the reporter (narrative) or a meeting or person whose words
are reported (会议强调，…; 徐光文指出，…). Relations such as relays are read only from narrative;
what a meeting says it wants is still the meeting's agenda."""

from __future__ import annotations

import re

from kg.model import Sentence
from kg.resources import lexicon_alternation

REPORTING_VERBS = lexicon_alternation("speech_verbs")
_REPORTED_OPENING = re.compile(r"^[\u4e00-\u9fff]{1,12}?" + REPORTING_VERBS + r"[，：:]")


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
        if reporting:
            out.add(s.index)
    return frozenset(out)
