"""Records of meetings laid out as labelled fields (会议时间：…  主持人：甲  参会领导：乙、丙
列席人员：某局丁): which sentences are fields (data/rules/minutes_fields.tsv) and the people they
list. Read by the minutes extractor (the meeting, its roles) and the persons extractor (the names)."""

from __future__ import annotations

import re
from functools import cache

from kg.extract.context import ArticleContext
from kg.nlp.names import is_chinese_name
from kg.resources import rule_table

_FIELD = re.compile(r"^(?P<label>[\u4e00-\u9fff]{2,6})：(?P<value>.+)$")
# where a unit written before a name ends (区政府办公室甲, 区司法局乙, 区政府法律顾问丙)
_UNIT_END = re.compile(r"(?:办公室|办|局|委|部|厅|处|科|室|中心|院|所|站|队|会|联|社|政府|顾问|公司|集团)$")


@cache
def _fields() -> dict[str, tuple[str, str]]:
    """Each label: (rule id, field)."""
    return {label: (rule_id, field) for rule_id, field, labels in rule_table("minutes_fields.tsv", 3)
            for label in labels.split("|")}


def field_of(text: str) -> tuple[str, str, str, int] | None:
    """(rule id, field, value, where the value starts) of a sentence that is a field of minutes."""
    m = _FIELD.match(text)
    if m is None or m["label"] not in _fields():
        return None
    rule_id, field = _fields()[m["label"]]
    return rule_id, field, m["value"], m.start("value")


def listed_names(value: str) -> list[tuple[str, int, int]]:
    """The people a field lists (甲、乙，某局丙): each name, where it starts and ends in *value*;
    a name printed with a space inside (崔 赟) is read whole."""
    out = []
    for m in re.finditer(r"[^、，；。,]+", value):
        item, at = m.group(0).strip(), m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        squeezed = item.replace(" ", "").replace("\u3000", "")
        for size in (3, 2):  # the name ends the item; a unit may come before it
            name, unit = squeezed[-size:], squeezed[:-size]
            if is_chinese_name(name) and (not unit or _UNIT_END.search(unit)):
                out.append((name, at, at + len(item)))
                break
    return out


def fields_of(ctx: ArticleContext) -> list:
    """The report's sentences that are fields of minutes, each with (rule id, field, value, where
    the value starts); [] when fewer than two: a report, not a record."""
    fields = [(s, f) for s in ctx.sentences if s.kind == "body" and (f := field_of(s.text)) is not None]
    return fields if len(fields) >= 2 else []
