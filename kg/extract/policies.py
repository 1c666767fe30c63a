"""Policies, initiatives, slogans and laws: quoted names (“二次创业”), book-title marks
(《民法典》) and named programmes (…专项行动, …工程). Emits lg:Initiative (skos:Concept) or
schema:Legislation, and, in a meeting's article, lg:deploys / lg:studies from the meeting."""

from __future__ import annotations

import re

from kg.extract import EVENT_DETAILS, extractor
from kg.extract.context import ArticleContext
from kg.model import Entity, Relation
from kg.resources import lexicon_lines, lexicon_table

POLICY_SUFFIXES = {row[0]: row[1] for row in lexicon_table("policy_suffixes.txt")}
METHOD_WORDS = tuple(lexicon_lines("method_words.txt"))
PLATFORM_END = ("平台", "系统", "APP", "App", "小程序", "钉", "码", "网")
QUOTE = re.compile(r"[“\"](?P<q>[^”\"“]{1,40})[”\"]")
BOOK = re.compile(r"《(?P<q>[^》《]{2,40})》")
SUFFIX_AFTER_QUOTE = re.compile("(?P<s>" + "|".join(sorted(POLICY_SUFFIXES, key=len, reverse=True)) + ")")
# A quoted word after these is a role to play or an image, not a policy (成为“实干家”).
ROLE_CUES = ("成为", "当好", "争当", "争做", "做好", "当", "做")


def policy_kind(label: str) -> str:
    """law or initiative.

    >>> policy_kind("民法典"), policy_kind("五皮招商法"), policy_kind("二次创业")
    ('law', 'initiative', 'initiative')
    """
    if label.endswith(METHOD_WORDS):
        return "initiative"
    for suffix, kind in sorted(POLICY_SUFFIXES.items(), key=lambda x: -len(x[0])):
        if label.endswith(suffix):
            return kind
    return "initiative"


def is_platform_name(text: str, q_end: int, label: str) -> bool:
    return label.endswith(PLATFORM_END) or text.startswith(("平台", "系统", "APP"), q_end)


def _quoted_chains(text: str):
    """Quoted spans; adjacent quotes (“甲”“乙”“丙”) share the cue before the first."""
    cue_of_chain = ""
    prev_end = -1
    for m in QUOTE.finditer(text):
        if m.start() != prev_end:
            cue_of_chain = text[max(0, m.start() - 2):m.start()]
        prev_end = m.end()
        yield m, cue_of_chain


def acceptable(label: str) -> bool:
    """Quoted text that can name a policy: 3–30 characters, no sentence punctuation."""
    core = re.sub(r"[、\s]", "", label)
    return 3 <= len(core) <= 30 and not re.search(r"[，。！？；：,.!?;:]", label)


@extractor("lg.policy.v1", EVENT_DETAILS)
def extract_policies(ctx: ArticleContext):
    name = "lg.policy.v1"
    meeting = ctx.main_event if ctx.main_event and ctx.entities[ctx.main_event].attr("type") == "Meeting" else None
    for sentence in ctx.sentences:
        text = sentence.text
        found = []
        for m, cue in _quoted_chains(text):
            label = m["q"].strip()
            if not acceptable(label) or cue.endswith(ROLE_CUES) or is_platform_name(text, m.end(), label):
                continue
            start, end = m.start(), m.end()
            suffix = SUFFIX_AFTER_QUOTE.match(text, m.end())
            alias = label
            if suffix and POLICY_SUFFIXES[suffix["s"]] == "initiative":
                label, end = label + suffix["s"], suffix.end()
            found.append((label, alias, start, end))
        for m in BOOK.finditer(text):
            label = m["q"].strip()
            if policy_kind(label) == "law" or label.endswith(("规划", "纲要", "意见", "方案", "决定", "通知")):
                found.append((label, label, m.start(), m.end()))
        for label, alias, start, end in found:
            kind = policy_kind(label)
            ev = ctx.evidence(sentence, start, end, name)
            ent = Entity("law" if kind == "law" else "policy", label, label, ev, (alias,))
            yield ent
            if meeting is not None:
                yield Relation(meeting, "studies" if kind == "law" else "deploys", ent.ref, ev)
