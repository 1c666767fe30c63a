"""Signings told as a clause, with no ceremony named: 某区与某区签署深化合作协议, 县政府与某集团签订
项目投资合同. The clause is the event's name (as the report writes it), a lg:Signing dated by its
sentence; the role rules then read who witnessed and who signed (见证, 代表双方签署). A report
that names its ceremony (签约仪式) has its event already (data/rules/frames.tsv), and a signing
a meeting only asks for (要求各单位签订责任书) is no event: only narrative sentences are read,
and only a signing by named parties of an agreement, contract or memorandum.
"""

from __future__ import annotations

import re

from kg.extract import extractor
from kg.extract.context import ArticleContext, StoryEvent
from kg.extract.discourse import reported_sentences
from kg.extract.meetings import Meetings

_PARTY = r"[^，。；：、“”《》\s]{2,24}?"
SIGNED = re.compile(
    rf"(?:^|(?<=[，。；：]))(?:\d{{1,2}}月\d{{1,2}}日(?:上午|下午|晚上)?，?)?"
    rf"(?P<ev>{_PARTY}(?:与|和|同){_PARTY}(?:正式|成功|现场)?签(?:署|订)(?!的)了?"
    r"(?:[^，。；：]{0,40}?)(?:协议|协议书|合同|备忘录|协定))(?=[，。；]|$)"
)
_NOT_A_PARTY = re.compile(r"^(?:要|将|需|应|并|还|会议|会上|双方|各方|大家|我们|根据|依据|按照)")
# a signing to come, or wished for: 某国将与该组织签署…, 希望与某国签署… (no event yet)
_NOT_YET = re.compile(r"(?:将|希望|愿意?|拟|计划|准备|打算|有望|同意|寻求)(?:与|和|同)")


@extractor("lg.signing.v1", requires=("events",), assigns=("events", "story", "participation"))
def extract_signings(ctx: ArticleContext):
    name = "lg.signing.v1"
    if any(e.kind == "event" and e.attr("type") == "Signing" and e.attr("reported_in")
           for e in ctx.entities.values()):
        return  # the ceremony is the event
    meetings = Meetings(ctx, name)
    reported = reported_sentences(ctx.sentences)
    for sentence in ctx.sentences:
        if sentence.kind != "body" or sentence.index in reported:
            continue
        m = SIGNED.search(sentence.text)
        if m is None or _NOT_A_PARTY.match(m["ev"]) or _NOT_YET.search(m["ev"]):
            continue
        date, part = meetings.date_for(sentence)
        records = meetings.event(sentence, m.start("ev"), m.end("ev"), m["ev"], True, "Signing", date, part)
        yield from records
        yield StoryEvent(records[0].ref)
        return  # one signing a report
