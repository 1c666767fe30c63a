"""Minutes: a meeting reported as a record of labelled fields (会议时间：…  主持人：甲  参会领导：
乙、丙  列席人员：某局丁、某办戊), as government sites publish their executive meetings. The fields
and their labels are data (data/rules/minutes_fields.tsv, read by kg.extract.fields); a report
with two of them or more is the record of one meeting: named by its 会议名称 field or by its
headline when that names a meeting (2024年度第9次区政府常务会议), dated by its 会议时间 field, its
chair and attendees those its fields list (the persons extractor reads their names)."""

from __future__ import annotations

import re

from kg.extract import extractor
from kg.extract.context import ArticleContext, StoryEvent
from kg.extract.fields import fields_of, listed_names
from kg.extract.meetings import MW, Meetings
from kg.ingest.dates import find_dates
from kg.model import Relation

NAME = "lg.minutes.v1"


@extractor(NAME, requires=("persons",), assigns=("events", "story", "participation"),
           after=("lg.meeting.v1", "lg.inspection.v1", "lg.diplomacy.v1", "lg.launch.v1"))
def extract_minutes(ctx: ArticleContext):
    fields = fields_of(ctx)
    if not fields or ctx.main_event is not None:
        return
    named = [f[2] for _, f in fields if f[1] == "name"]
    label = named[0] if named else (ctx.article.title or "").strip()
    if not re.search(rf"{MW}$", label):
        return  # no meeting named: a record of something else
    meetings = Meetings(ctx, NAME)
    first = fields[0][0]
    dates = [d for _, f in fields if f[1] == "date" for d in find_dates(f[2], ctx.article.publication_date)]
    date, part = (dates[0].date, dates[0].part_of_day) if dates else meetings.date_for(first)
    records = meetings.event(first, 0, len(first.text), label, True, "Meeting", date, part)
    yield from records
    event = records[0].ref
    yield StoryEvent(event, replaces=True)
    for sentence, (rule_id, field, value, at) in fields:
        if field not in ("chair", "attendee"):
            continue
        for name, start, end in listed_names(value):
            if (person := ctx.persons.get(name)) is not None:
                yield Relation(event, field, person, ctx.evidence(sentence, at + start, at + end, f"{NAME}:{rule_id}"))
