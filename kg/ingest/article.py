"""Read one clean article: a title line, then one paragraph per line."""

from __future__ import annotations

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
    """An Article from clean text. Without *title*, the first line is the title.

    Offsets refer to *text* as given.
    """
    lines = lines_of(text)
    if title is None and lines:
        title = lines.pop(0).text
    builders = []
    for ln in lines:
        b = TextBuilder.empty()
        b.add(ln.text, ln.start)
        builders.append(b)
    dateline_date = part = None
    if builders and (m := DATELINE_RE.match(builders[0].text)):
        builders[0].drop_prefix(m.end())
    if builders:
        dates = [d for d in find_dates(builders[0].text[:40], issued) if d.start <= 12]
        if dates:
            dateline_date, part = dates[0].date, dates[0].part_of_day
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
