"""Dates as news text writes them: 6 月 2 日下午, 2020年6月2日, resolved against the issue date.

Dates are ISO strings of the precision the text supports: ``2020-06-02``, ``2020-06``, ``2020``,
or ``--06-02`` (a month and day whose year nothing tells). Nothing is invented.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

PARTS_OF_DAY = ("凌晨", "早上", "上午", "中午", "下午", "傍晚", "晚上", "当晚", "晚")

DATE_RE = re.compile(
    r"(?:(?P<year>\d{4})\s*年\s*)?(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"
    r"(?:\s*(?P<part>" + "|".join(PARTS_OF_DAY) + r"))?"
)


# 28日, 22日至25日: the day alone, in the month of the issue (news writes this for recent days)
DAY_RE = re.compile(
    r"(?<![\d月号])(?P<day>\d{1,2})\s*日(?:\s*(?:至|到|—|-)\s*\d{1,2}\s*日)?"
    r"(?:\s*(?P<part>" + "|".join(PARTS_OF_DAY) + r"))?"
)


@dataclass(frozen=True)
class DateMention:
    date: str
    part_of_day: str | None
    start: int
    end: int


def resolve_month_day(month: int, day: int, issued: str | None) -> str:
    """Give a month and day the year of the issue date; a day after the issue is last year's.

    >>> resolve_month_day(6, 2, "2020-06-03")
    '2020-06-02'
    >>> resolve_month_day(12, 30, "2021-01-02")
    '2020-12-30'
    >>> resolve_month_day(6, 2, None)
    '--06-02'
    """
    if not issued or not re.match(r"^\d{4}-\d{2}-\d{2}$", issued):
        return f"--{month:02d}-{day:02d}"
    year = int(issued[:4])
    if (month, day) > (int(issued[5:7]), int(issued[8:10])):
        year -= 1
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return f"--{month:02d}-{day:02d}"


def find_dates(text: str, issued: str | None) -> list[DateMention]:
    """All explicit dates in *text*, resolved against *issued*.

    >>> find_dates("本报讯 6 月 2 日下午，会议召开", "2020-06-03")[0]
    DateMention(date='2020-06-02', part_of_day='下午', start=4, end=13)
    """
    out = []
    for m in DATE_RE.finditer(text):
        month, day = int(m["month"]), int(m["day"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        if m["year"]:
            try:
                date = dt.date(int(m["year"]), month, day).isoformat()
            except ValueError:
                continue
        else:
            date = resolve_month_day(month, day, issued)
        out.append(DateMention(date, m["part"], m.start(), m.end()))
    taken = [(d.start, d.end) for d in out]
    for m in RELATIVE_RE.finditer(text):  # 昨日上午: the day before the issue
        if (date := resolve_relative(m["rel"], issued)) is not None and not any(s <= m.start() < e for s, e in taken):
            part = m["part"] or {"晚": "晚上", "晨": "早上"}.get(m["rel"][-1])
            out.append(DateMention(date, part, m.start(), m.end()))
    for m in DAY_RE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        if (date := resolve_day(int(m["day"]), issued)) is not None:
            out.append(DateMention(date, m["part"], m.start(), m.end()))
    return sorted(out, key=lambda d: d.start)


# days named relative to the issue: 今天, 昨日, 前天 (当天 is the day of the event just reported, not
# of the issue, and 近日/日前 name no day)
RELATIVE_DAYS = {"今天": 0, "今日": 0, "今晨": 0, "今晚": 0, "昨天": 1, "昨日": 1, "昨晚": 1, "前天": 2, "前日": 2}
RELATIVE_RE = re.compile(
    r"(?<![如至迄而现当])(?P<rel>" + "|".join(RELATIVE_DAYS) + r")(?:\s*(?P<part>" + "|".join(PARTS_OF_DAY) + r"))?"
)


def resolve_relative(word: str, issued: str | None) -> str | None:
    """The date a relative day names, counted back from the issue date.

    >>> resolve_relative("昨日", "2024-05-01"), resolve_relative("今天", None)
    ('2024-04-30', None)
    """
    if not issued or not re.match(r"^\d{4}-\d{2}-\d{2}$", issued):
        return None
    return (dt.date.fromisoformat(issued) - dt.timedelta(days=RELATIVE_DAYS[word])).isoformat()


def resolve_day(day: int, issued: str | None) -> str | None:
    """A day of the month alone, in the issue's month (or the month before, if it is later).

    >>> resolve_day(28, "2022-09-28"), resolve_day(30, "2022-10-02"), resolve_day(5, None)
    ('2022-09-28', '2022-09-30', None)
    """
    if not issued or not re.match(r"^\d{4}-\d{2}-\d{2}$", issued) or not 1 <= day <= 31:
        return None
    year, month = int(issued[:4]), int(issued[5:7])
    if day > int(issued[8:10]):
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def is_iso_date(value: str | None) -> bool:
    return bool(value) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None
