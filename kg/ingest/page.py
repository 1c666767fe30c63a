"""Read a newspaper page as extracted from a PDF into Article records.

A page mixes furniture (``05要闻·莲都``, the ``阅读提示`` box), bylines (``□ 记者 王秋蕊``),
datelines (``本报讯 6 月 2 日下午，``), story bodies broken into short lines, headlines printed
away from their stories and photo captions. The reader walks the lines once with a small state
machine (inside a story / outside), then attaches headlines and captions to stories by content.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from kg.ingest.dates import find_dates
from kg.ingest.layout import (
    Line,
    TextBuilder,
    ends_sentence,
    lines_of,
    paragraphs_and_sentences,
    visual_width,
)
from kg.model import Article, Author, Sentence

HEADER_RE = re.compile(
    r"^(?P<page>\d{1,3})\s*(?:版\s*)?(?P<section>[\u4e00-\u9fff]{1,8}(?:\s*[·・•]\s*[\u4e00-\u9fff]{1,8})?)$"
)
PULL_QUOTE_TITLES = ("阅读提示", "核心提示", "内容提要", "閱讀提示", "內容提要")
BYLINE_RE = re.compile(r"^[□■◇◆▲△☆★]\s*(?P<body>\S.*)$")
AUTHOR_ROLES = {
    "本报记者": "记者", "记者": "记者", "见习记者": "记者", "特约记者": "记者", "实习记者": "记者",
    "通讯员": "通讯员", "本报通讯员": "通讯员", "实习生": "实习生", "摄影": "摄影", "摄": "摄影",
    # the same roles in traditional characters
    "本報記者": "记者", "記者": "记者", "見習記者": "记者", "特約記者": "记者", "實習記者": "记者",
    "通訊員": "通讯员", "本報通訊員": "通讯员", "實習生": "实习生", "攝影": "摄影", "攝": "摄影",
}
_ROLE_PREFIX = re.compile("^(" + "|".join(sorted(AUTHOR_ROLES, key=len, reverse=True)) + ")")
DATELINE_RE = re.compile(
    r"^(?:本[报報][讯訊]|本[报報][\u4e00-\u9fff]{1,8}[电電]|新[华華]社[\u4e00-\u9fff]{1,10}[电電])\s*(?:（[^）]{0,30}）)?\s*"
)
NAME_RE = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")

# A line is a headline rather than body text when its printed width is off the column width.
NARROW, WIDE = 0.85, 1.2


@dataclass
class _Story:
    lines: list[Line] = field(default_factory=list)
    authors: tuple[Author, ...] = ()
    headlines: list[Line] = field(default_factory=list)
    captions: list[Line] = field(default_factory=list)


@dataclass(frozen=True)
class PageLayout:
    page: str | None
    section: str | None
    furniture: tuple[str, ...]
    captions: tuple[str, ...]  # captions not attached to any story
    warnings: tuple[str, ...]


def parse_byline(body: str) -> tuple[Author, ...]:
    """Authors and their roles from the text after □.

    >>> parse_byline("通讯员 吴群 张雯婧")
    (Author(name='吴群', role='通讯员'), Author(name='张雯婧', role='通讯员'))
    >>> parse_byline("记者王秋蕊 通讯员 李四")
    (Author(name='王秋蕊', role='记者'), Author(name='李四', role='通讯员'))
    """
    authors, role = [], ""  # no role written: an author with no job named
    for token in body.split():
        while token:
            m = _ROLE_PREFIX.match(token)
            if m:
                role = AUTHOR_ROLES[m.group(1)]
                token = token[m.end():]
                continue
            if NAME_RE.match(token):
                authors.append(Author(token, role))
            token = ""
    return tuple(authors)


def is_byline(line: str) -> bool:
    m = BYLINE_RE.match(line)
    return bool(m and parse_byline(m["body"]))


def looks_like_page(text: str) -> bool:
    """True when *text* has the marks of a newspaper page rather than one clean article."""
    lines = [ln.text for ln in lines_of(text)[:400]]
    if any(is_byline(x) or x in PULL_QUOTE_TITLES for x in lines) or bool(lines and HEADER_RE.match(lines[0])):
        return True
    # 本报讯 opens the first paragraph of clean articles too; a page's lines are cut by its columns
    return any(DATELINE_RE.match(x) for x in lines) and _lines_cut_by_columns(lines[1:])


def _lines_cut_by_columns(lines: list[str]) -> bool:
    """True when most lines stop mid-sentence, as the lines of a printed column do."""
    return sum(not ends_sentence(x) for x in lines) > len(lines) / 2


def _bigrams(s: str) -> set[str]:
    s = re.sub(r"[\s“”‘’\"'《》、，。：；！？·]", "", s)
    return {s[i:i + 2] for i in range(len(s) - 1)}


def _relatedness(line: str, story: _Story) -> float:
    """Share of the line's character bigrams found in the story, the lead counting double."""
    grams = _bigrams(line)
    if not grams:
        return 0.0
    body = "".join(x.text for x in story.lines)
    lead = "".join(x.text for x in story.lines[:4])
    return (len(grams & _bigrams(body)) + len(grams & _bigrams(lead))) / (2 * len(grams))


def _column_width(lines: list[Line]) -> float:
    widths = [visual_width(x.text) for x in lines if not ends_sentence(x.text)]
    widths = [w for w in widths if w >= 8] or [visual_width(x.text) for x in lines] or [20.0]
    return statistics.median(widths)


def _off_width(line: Line, width: float, narrow: float = NARROW) -> bool:
    w = visual_width(line.text)
    return w < narrow * width or w > WIDE * width


def layout(text: str) -> tuple[list[_Story], PageLayout]:
    """Split the page's lines into stories, headlines, captions and furniture."""
    lines = lines_of(text)
    page = section = None
    furniture: list[str] = []
    warnings: list[str] = []
    if lines and (m := HEADER_RE.match(lines[0].text)):
        page, section = m["page"], re.sub(r"\s", "", m["section"])
        furniture.append(lines.pop(0).text)

    # The pull-quote box repeats a sentence of a story: drop it, up to its first sentence end.
    kept: list[Line] = []
    in_quote = False
    for ln in lines:
        if ln.text in PULL_QUOTE_TITLES:
            in_quote = True
            furniture.append(ln.text)
            continue
        if in_quote and not (is_byline(ln.text) or DATELINE_RE.match(ln.text)):
            furniture.append(ln.text)
            in_quote = not ends_sentence(ln.text)
            continue
        in_quote = False
        kept.append(ln)

    width = _column_width([x for x in kept if not is_byline(x.text)])
    stories: list[_Story] = []
    loose_headlines: list[Line] = []
    loose_captions: list[Line] = []
    current: _Story | None = None
    pending_authors: tuple[Author, ...] | None = None
    for ln in kept:
        if (m := BYLINE_RE.match(ln.text)) and parse_byline(m["body"]):
            pending_authors = parse_byline(m["body"])
            current = None
            continue
        if DATELINE_RE.match(ln.text) or pending_authors is not None:
            current = _Story(authors=pending_authors or ())
            pending_authors = None
            stories.append(current)
            current.lines.append(ln)
            continue
        if current is not None:
            after_paragraph = ends_sentence(current.lines[-1].text)
            if after_paragraph and not ends_sentence(ln.text) and _off_width(ln, width):
                current = None
                loose_headlines.append(ln)
            else:
                current.lines.append(ln)
            continue
        # Outside any story: headlines, captions, or a story printed without byline or dateline.
        if not ends_sentence(ln.text) and _off_width(ln, width, narrow=0.95):
            loose_headlines.append(ln)
        elif ends_sentence(ln.text):
            loose_captions.append(ln)  # a lone sentence between headlines: a photo caption
        else:
            current = _Story()
            stories.append(current)
            current.lines.append(ln)

    for h in loose_headlines:
        scored = sorted(((_relatedness(h.text, s), k) for k, s in enumerate(stories)), reverse=True)
        if scored and scored[0][0] >= 0.2:
            stories[scored[0][1]].headlines.append(h)
        else:
            warnings.append(f"line {h.number}: headline {h.text!r} matches no story")
    unattached = []
    for c in loose_captions:
        scored = sorted(((_relatedness(c.text, s), k) for k, s in enumerate(stories)), reverse=True)
        if scored and scored[0][0] >= 0.3:
            stories[scored[0][1]].captions.append(c)
        else:
            unattached.append(c.text)
    return stories, PageLayout(page, section, tuple(furniture), tuple(unattached), tuple(warnings))


_TWO_PHRASES = re.compile(r"[\u4e00-\u9fff”’]\s+[\u4e00-\u9fff“‘]")


def headline_roles(lines: list[str]) -> tuple[str, str | None, str | None]:
    """(title, kicker, subtitle) from a story's headline lines in page order.

    A kicker (引题) stands above the title and is typically two parallel phrases or longer than
    the title; a subtitle (副题) stands below it.

    >>> headline_roles(["努力实现高质量发展 勇当发展头雁", "某区召开推进会"])
    ('某区召开推进会', '努力实现高质量发展 勇当发展头雁', None)
    >>> headline_roles(["某区平台上线", "三千余名干部参与"])
    ('某区平台上线', None, '三千余名干部参与')
    """
    if len(lines) == 1:
        return lines[0], None, None
    if len(lines) >= 3:
        return lines[1], lines[0], " ".join(lines[2:])
    first, second = lines
    if _TWO_PHRASES.search(first) or visual_width(first) > 1.3 * visual_width(second):
        return second, first, None
    return first, None, second


def _paragraph_builders(story: _Story, width: float) -> list[TextBuilder]:
    builders, current = [], TextBuilder.empty()
    for ln in story.lines:
        current.add(ln.text, ln.start)
        if ends_sentence(ln.text) and visual_width(ln.text) < width - 1:
            builders.append(current)
            current = TextBuilder.empty()
    if current.chars:
        builders.append(current)
    return builders


def read_page(
    text: str,
    path: str,
    stem: str,
    issued: str | None = None,
    source: str | None = None,
) -> tuple[list[Article], PageLayout]:
    """Articles of one page. *issued* is the publication date used to resolve datelines."""
    stories, page_layout = layout(text)
    articles = []
    for n, story in enumerate(stories, start=1):
        width = _column_width(story.lines)
        builders = _paragraph_builders(story, width)
        dateline_date = part = None
        if builders and (m := DATELINE_RE.match(builders[0].text)):
            builders[0].drop_prefix(m.end())
            lead = builders[0].text[:24]
            dates = [d for d in find_dates(lead, issued) if d.start <= 2]
            if dates:
                dateline_date, part = dates[0].date, dates[0].part_of_day
        paragraphs, sentences = paragraphs_and_sentences(builders)
        heads = sorted(story.headlines, key=lambda x: x.number)
        title = kicker = subtitle = None
        if heads:
            title, kicker, subtitle = headline_roles([x.text for x in heads])
        elif sentences:
            title = sentences[0].text[:40]
        captions = tuple(c.text for c in story.captions)
        caption_sentences = tuple(
            Sentence(len(sentences) + k, c.text, c.start, c.start + len(c.text), -1, "caption")
            for k, c in enumerate(story.captions)
        )
        articles.append(
            Article(
                id=f"{stem}_{n:02d}",
                title=title or "",
                paragraphs=paragraphs,
                sentences=sentences + caption_sentences,
                source_path=path,
                kicker=kicker,
                subtitle=subtitle,
                authors=story.authors,
                publication_date=issued,
                dateline_date=dateline_date,
                part_of_day=part,
                section=page_layout.section,
                page=page_layout.page,
                source=source,
                captions=captions,
            )
        )
    return articles, page_layout
