"""Saved web pages and web crawls: the article a government or newspaper site's page holds.

A page's title, publication date and main text are taken with trafilatura (its date with
htmldate, which it calls), and its canonical URL becomes the article's address. What trafilatura
leaves of a page's furniture in the text (来源/发布时间/浏览次数 lines, 【打印本页】…) is dropped
here; bylines stay in the text, where the article reader finds them (（记者 甲 乙）, 作者：甲).
A page that holds a list of links rather than an article gives no article.

A WARC file (``.warc``, ``.warc.gz``) is read record by record as it streams (warcio): every
HTML response is a saved page with the record's URL; redirects and other records are counted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from kg.ingest.article import article_from_text
from kg.model import Article, Author

# A line that is a page's furniture, not the article's: the metadata line (来源：… 发布时间：…
# 浏览次数：…), font-size and print/close/share controls, editors' credits. 作者：… is a byline.
_FURNITURE = re.compile(
    r"^\s*(?:[【\[]?\s*(?:字体|字号)\s*[:：]|[【\[]\s*(?:打印|关闭|收藏|返回|大\s*中\s*小)"
    r"|(?:分享到|打印本页|关闭窗口|责任编辑|编辑|审核|审校|校对|初审|复审|终审)\s*[:：]?"
    r"|当前位置\s*[:：]|(?:版权所有|主办单位|承办单位|技术支持|网站标识码|备案号|ICP备)\s*[:：]?)"
)
_META_FIELD = re.compile(r"(?:来源|发布时间|发布日期|时间|浏览次数|阅读次数|点击数|点击率|访问量|信息来源)\s*[:：]")
# the date a site's template prints with the article: 发布时间：2024-05-10 10:20, 发布日期：2023年08月15日
_TEMPLATE_DATE = re.compile(
    r"(?:发布|更新|成文)?(?:时间|日期)\s*[:：]\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
_TEXT_MIN = 20  # Han characters: less than this is no article


@dataclass(frozen=True)
class Page:
    """What one saved page gave: its article, or why it gave none."""

    article: Article | None
    skipped: str | None = None  # why no article: "list of links", "no text"


def is_furniture(line: str) -> bool:
    """A metadata or control line of a site's article template (see the module doc)."""
    if _FURNITURE.match(line):
        return True
    return len(_META_FIELD.findall(line)) >= 2 or bool(re.match(r"^\s*(?:信息)?来源\s*[:：]\s*\S{0,30}$", line))


def page_article(html: bytes | str, *, article_id: str, path: str, issued: str | None = None,
                 source: str | None = None, url: str | None = None) -> Page:
    """The article of a saved page. *issued* is used when the page carries no date; *url* when
    it names no canonical address (a crawl record's URL)."""
    import lxml.html  # here: only web inputs need it

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return Page(None, "not an HTML page")
    anchors = [re.sub(r"\s+", "", a.text_content()) for a in tree.iter("a")]
    doc = _extract(html, url, precision=True)
    lines = _article_lines(doc, set(anchors))
    if _han(lines) < _TEXT_MIN:  # some templates (tables for layout) need trafilatura's recall mode
        doc = _extract(html, url, precision=False)
        lines = _article_lines(doc, set(anchors))
    if _han(lines) < _TEXT_MIN:
        listed = sum(1 for a in anchors if len(_HAN.findall(a)) >= 6)
        return Page(None, "a list of links, not an article" if listed >= 10 else "no article text")
    if _mostly_links(lines, anchors):
        return Page(None, "a list of links, not an article")
    title = (doc.title or "").strip() or None
    if title and lines and re.sub(r"\s+", "", lines[0]) == re.sub(r"\s+", "", title):
        lines.pop(0)
    authors = tuple(Author(n, "") for n in _names(doc.author)) if doc.author else ()
    article = article_from_text("\n".join(lines), article_id=article_id, path=path, title=title,
                                issued=_template_date(tree) or doc.date or issued, source=source or None,
                                url=doc.url or url, authors=authors)
    return Page(article)


def _extract(html: bytes | str, url: str | None, precision: bool):
    import trafilatura  # imported here: a second to load, and only web inputs need it

    # htmldate's extensive search reads any year in the text as a date (2023 -> 2023-01-01);
    # markup, URL and kg's own reading of the template's date line (below) are trusted instead
    return trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                       include_tables=False, favor_precision=precision,
                                       favor_recall=not precision,
                                       date_extraction_params={"extensive_search": False, "original_date": True})


def _article_lines(doc, anchors: set[str]) -> list[str]:
    """The text's lines less the template's: furniture, and short lines that are a link's text
    (menus, breadcrumbs: what trafilatura's recall mode keeps of them)."""
    text = (doc.text if doc is not None else "") or ""
    lines = [ln.strip() for ln in text.splitlines()]
    return [ln for ln in lines if ln and ln not in ("|", "｜", ">", "›") and not is_furniture(ln)
            and not (len(ln) < 30 and re.sub(r"\s+", "", ln) in anchors)]


def _mostly_links(lines: list[str], anchors: list[str]) -> bool:
    """Whether most lines of the text are a link's text, give or take a date or a bullet (a
    column's list page)."""
    titles = [a for a in anchors if len(_HAN.findall(a)) >= 6]

    def linked(line: str) -> bool:
        flat = re.sub(r"\s+", "", line)
        return any(a in flat and len(flat) <= len(a) + 16 for a in titles)

    count = sum(1 for ln in lines if linked(ln))
    return count >= 3 and count * 2 > len(lines)


def _han(lines: list[str]) -> int:
    return len(_HAN.findall("".join(lines)))


def _template_date(tree) -> str | None:
    """The date on the template's metadata line (发布时间：…), the first one on the page."""
    m = _TEMPLATE_DATE.search(tree.text_content())
    if m is None:
        return None
    year, month, day = (int(g) for g in m.groups())
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def _names(author: str) -> list[str]:
    """Personal names in trafilatura's author field, when it holds nothing else."""
    parts = [p for p in re.split(r"[\s,，、;；/|]+", author.strip()) if p]
    return parts if parts and all(_NAME.fullmatch(p) for p in parts) else []


@dataclass(frozen=True)
class Record:
    """An HTML response of a crawl: the record's target URL and its body."""

    url: str
    html: bytes


def crawl_pages(stream: BinaryIO, skipped: Counter) -> Iterator[Record]:
    """The HTML responses of a WARC *stream* (plain or gzipped), one at a time; every other
    record is counted in *skipped* by kind (redirect, not HTML, error status, request…)."""
    from warcio.archiveiterator import ArchiveIterator  # here: only crawl inputs need warcio

    for record in ArchiveIterator(stream):
        if record.rec_type != "response":
            skipped[f"{record.rec_type} record"] += 1
            continue
        status = record.http_headers.get_statuscode() if record.http_headers else None
        kind = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
        if status and status.startswith("3"):
            skipped["redirect"] += 1
        elif status and not status.startswith("2"):
            skipped[f"HTTP {status}"] += 1
        elif "html" not in kind.lower():
            skipped[f"not HTML ({kind.split(';')[0].strip() or 'no type'})"] += 1
        else:
            yield Record(record.rec_headers.get_header("WARC-Target-URI") or "", record.content_stream().read())
