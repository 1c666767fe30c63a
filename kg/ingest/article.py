"""Read one clean article: a title line, then one paragraph per line."""

from __future__ import annotations

import re

from kg.ingest.byline import closing_byline, lead_byline, trailing_byline
from kg.ingest.dates import find_dates
from kg.ingest.layout import TextBuilder, lines_of, paragraphs_and_sentences
from kg.ingest.page import DATELINE_RE
from kg.model import Article


def article_from_text(
    text: str,
    *,
    article_id: str,
    path: str,
    title: str | None = None,
    issued: str | None = None,
    source: str | None = None,
    url: str | None = None,
    page: str | None = None,
    section: str | None = None,
    line: int | None = None,
    authors: tuple = (),
) -> Article:
    """An Article from clean text. Without *title*, the first line is the title, unless it reads
    as the text itself (a page saved without its headline): it opens with a dateline (本报讯…) or
    runs over sentences (…召开。县长…出席。).

    Offsets refer to *text* as given.
    """
    lines = lines_of(text)
    if title is None and lines:
        title = lines.pop(0).text if _headline(lines[0].text) else ""
    builders = []
    for i, ln in enumerate(lines):
        if i and _FIELD_LABEL.fullmatch(lines[i - 1].text):
            builders[-1].add(ln.text, ln.start)  # 会议时间：/ 2024年9月3日: a field's value on the line after its label
            continue
        b = TextBuilder.empty()
        b.add(ln.text, ln.start)
        builders.append(b)
    dateline_date = part = None
    head: list = []  # authors written before the text, and after it
    tail: list = []
    while builders and (closing := closing_byline(builders[-1].text)) is not None:
        tail[:0] = closing  # （通讯员 甲）, 来源：… closing the article: not its text
        builders.pop()
    if builders and (trailing := trailing_byline(builders[-1].text)) is not None:
        tail[:0] = trailing.authors  # …其他事项。（甲 乙）
        builders[-1].drop_suffix(trailing.end)
    for at in (0, 1):  # 作者：甲 乙, a line of its own before the text (来源：…, no author), maybe after a subtitle
        if at == 1 and not (builders and _subtitle(builders[0].text)):
            break
        while len(builders) > at + 1 and (opening := closing_byline(builders[at].text)) is not None:
            head += opening
            builders.pop(at)
    lead = lead_byline(builders[0].text) if builders else None
    first = 0  # the paragraph the text opens with, after a subtitle (副题) printed under the title
    subtitle = len(builders) > 1 and _subtitle(builders[0].text)
    if lead is None and subtitle:
        if (lead := lead_byline(builders[1].text)) is not None:
            first = 1
    if builders and lead is None and (m := DATELINE_RE.match(builders[0].text)):
        builders[0].drop_prefix(m.end())
    if builders:
        opening_text = builders[first].text[: lead.end + 40] if lead else builders[0].text[:40]
        skip = lead.end if lead else 0
        dates = [d for d in find_dates(opening_text, issued) if d.start <= skip + 12 and (d.start >= skip or lead.when)]
        if dates:
            dateline_date, part = dates[0].date, dates[0].part_of_day
    if lead is not None:
        head += lead.authors
        builders[first].drop_prefix(lead.end)
    if not authors:  # authors a record gives win over the ones written in its text
        authors = tuple(dict.fromkeys(head + tail))
    paragraphs, sentences = paragraphs_and_sentences(builders)
    return Article(
        id=article_id,
        title=title or "",
        paragraphs=paragraphs,
        sentences=sentences,
        source_path=path,
        authors=tuple(authors),
        publication_date=issued,
        dateline_date=dateline_date,
        part_of_day=part,
        section=section,
        page=page,
        source=source,
        url=url,
        line=line,
    )


# a line that is only a field's label (会议时间：, 参会领导:), as records of meetings are laid out
_FIELD_LABEL = re.compile(r"[\u4e00-\u9fff]{2,6}[：:]\s*")


def _headline(line: str) -> bool:
    """A first line that can be a headline: no dateline opening it, no sentence ending inside it."""
    return not _runs_over_sentences(line) and lead_byline(line) is None


def _subtitle(line: str) -> bool:
    """A line that can be a subtitle (副题) printed under the title: short, one phrase."""
    return len(line) <= 40 and not _runs_over_sentences(line)


def _runs_over_sentences(line: str) -> bool:
    body = line.strip().rstrip("。.！!")
    return "。" in body or len(body) > 80
