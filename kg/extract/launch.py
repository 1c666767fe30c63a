"""Launches of platforms: 莲都区“党建智治平台”正式上线运行, and the platform they run on
(依托“浙政钉”系统开发). Emits lg:Launch, lg:launches, lg:DigitalPlatform, lg:runsOn."""

from __future__ import annotations

import re

from kg.extract import extractor
from kg.extract.context import ArticleContext, StoryEvent
from kg.extract.meetings import Meetings
from kg.model import Entity, Relation

LAUNCH = re.compile(
    r"(?:“(?P<q>[^”]{2,20})”|(?P<p>[\u4e00-\u9fff]{2,12}?(?:平台|系统|APP|小程序)))"
    r"(?:正式)?(?P<verb>上线|启动|开通|发布)(?:运行|仪式)?"
)
RUNS_ON = re.compile(r"依托(?:“(?P<q>[^”]{2,12})”|(?P<p>[\u4e00-\u9fff]{2,8}?))(?:系统|平台|APP)")


@extractor("lg.launch.v1", assigns=("events", "story", "details"), after=("lg.meeting.v1",))
def extract_launches(ctx: ArticleContext):
    name = "lg.launch.v1"
    meetings = Meetings(ctx, name)
    launched = None
    for sentence in ctx.sentences:
        text = sentence.text
        if sentence.kind != "body":
            continue
        for m in LAUNCH.finditer(text):
            platform = m["q"] or m["p"]
            ev = ctx.evidence(sentence, m.start(), m.end(), name)
            pf = Entity("platform", platform, platform, ev, (platform,))
            yield pf
            if launched is None:
                date, part = meetings.date_for(sentence)
                records = meetings.event(sentence, m.start(), m.end(), f"{platform}上线", True, "Launch", date, part)
                yield from records
                launched = pf.ref
                yield Relation(records[0].ref, "launches", pf.ref, ev)
                yield StoryEvent(records[0].ref)
        for m in RUNS_ON.finditer(text):
            if launched is None:
                continue
            host = m["q"] or m["p"]
            ev = ctx.evidence(sentence, m.start(), m.end(), name)
            host_entity = Entity("platform", host, host, ev, (host,))
            yield host_entity
            yield Relation(launched, "runsOn", host_entity.ref, ev)
