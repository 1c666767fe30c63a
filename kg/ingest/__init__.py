"""Readers: files and folders in, Article records (and clear Problems) out.

Formats are chosen by extension and content (CONTRACT.md): ``.txt`` is a newspaper page when it
has bylines, datelines or a page header, otherwise one clean article; ``.jsonl`` holds one
article per line; ``.pdf`` holds e-paper pages (kg.ingest.pdf), each read like a ``.txt`` page;
``.html``/``.htm`` is a saved web page and ``.warc``/``.warc.gz`` a crawl of
them (kg.ingest.web). Folders are walked in sorted order.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.ingest.article import article_from_text
from kg.ingest.decode import DecodeError, decode_bytes
from kg.ingest.page import PageLayout, looks_like_page, read_page
from kg.ingest.pdf import PdfError, pdf_pages
from kg.ingest.web import crawl_pages, page_article
from kg.model import Article, Author, Problem

SUFFIXES = (".txt", ".jsonl", ".pdf", ".html", ".htm", ".warc", ".warc.gz")
MAX_BYTES = 64 * 1024 * 1024  # a larger single input is refused rather than exhausting memory


def max_bytes() -> int:
    """The size limit for one input file; KG_MAX_INPUT_BYTES overrides it."""
    value = os.environ.get("KG_MAX_INPUT_BYTES", "")
    return int(value) if value.isdigit() else MAX_BYTES


@dataclass
class InputResult:
    """What one input file gave: its articles, its problems, and how it was read."""

    path: str
    kind: str  # page | article | jsonl | unknown | skipped
    encoding: str | None = None
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    layout: PageLayout | None = None
    skipped: dict[str, int] = field(default_factory=dict)  # records of a crawl not read, by kind

    @property
    def failed(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


def iter_input_files(paths: Iterable[Path]) -> Iterator[tuple[Path, bool]]:
    """Files to read: named files, and the files in named folders (hidden ones excepted), each
    with whether it was found in a folder."""
    for p in paths:
        if p.is_dir():
            for f in sorted(x for x in p.rglob("*") if x.is_file()):
                if not any(part.startswith(".") for part in f.relative_to(p).parts):
                    yield f, True
        else:
            yield p, False


def read_inputs(
    paths: Iterable[Path], issued: str | None = None, source: str | None = None
) -> Iterator[InputResult]:
    """What each input file gave. A file of another kind found in a folder (a README, an image)
    is skipped with a warning; one named on its own is an error."""
    for f, in_folder in iter_input_files(paths):
        if in_folder and input_suffix(f) not in SUFFIXES:
            why = f"not an input kg reads ({f.suffix or 'no extension'}; it reads {', '.join(SUFFIXES)}); skipped"
            yield InputResult(str(f), "skipped", problems=[Problem(str(f), why, severity="warning")])
        else:
            yield read_file(f, issued=issued, source=source)


def _stem(path: Path) -> str:
    return re.sub(r"[^\w\-]", "-", path.stem) or "input"


def input_suffix(path: Path) -> str:
    """The extension that says what *path* holds (``.warc.gz`` for a gzipped crawl)."""
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def read_file(path: Path, issued: str | None = None, source: str | None = None) -> InputResult:
    spath = str(path)
    suffix = input_suffix(path)
    if suffix not in SUFFIXES:
        msg = f"unknown extension {path.suffix or '(none)'!r}: expected {', '.join(SUFFIXES)}"
        return InputResult(spath, "unknown", problems=[Problem(spath, msg)])
    if not path.exists():
        return InputResult(spath, "unknown", problems=[Problem(spath, "no such file")])
    if suffix in (".warc", ".warc.gz"):  # streamed: a crawl may be larger than memory
        return _read_warc(path, issued, source)
    size = path.stat().st_size
    if size > max_bytes():
        msg = f"the file has {size:,} bytes, over the limit of {max_bytes():,} for one input; split it"
        return InputResult(spath, "unknown", problems=[Problem(spath, msg)])
    if suffix in (".html", ".htm"):
        return _read_html(path, issued, source)
    if suffix == ".pdf":
        return _read_pdf(path, issued, source)
    try:
        decoded = decode_bytes(path.read_bytes())
    except DecodeError as err:
        return InputResult(spath, "unknown", problems=[Problem(spath, str(err))])
    except OSError as err:
        return InputResult(spath, "unknown", problems=[Problem(spath, f"cannot read: {err.strerror}")])
    if suffix == ".jsonl":
        result = _read_jsonl(decoded.text, spath, _stem(path), source)
    elif looks_like_page(decoded.text):
        articles, layout = read_page(decoded.text, spath, _stem(path), issued, source)
        result = InputResult(spath, "page", articles=articles, layout=layout)
        result.problems += [Problem(spath, w, severity="warning") for w in layout.warnings]
        if not articles:
            result.problems.append(Problem(spath, "no article found on the page"))
    else:
        art = article_from_text(decoded.text, article_id=_stem(path), path=spath, issued=issued, source=source)
        result = InputResult(spath, "article", articles=[art])
        if not art.sentences:
            result.problems.append(Problem(spath, "the article has a title but no text"))
    result.encoding = decoded.encoding
    if decoded.encoding not in ("utf-8", "utf-8-sig"):
        result.problems.append(Problem(spath, f"decoded as {decoded.encoding}", severity="warning"))
    return result


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _authors(value: object) -> tuple[Author, ...]:
    if isinstance(value, str):
        value = [value]
    out = []
    for a in value if isinstance(value, list) else []:
        if isinstance(a, str) and a.strip():
            out.append(Author(a.strip(), ""))
        elif isinstance(a, dict) and isinstance(a.get("name"), str):
            out.append(Author(a["name"].strip(), str(a.get("role") or "")))
    return tuple(out)


def _read_jsonl(text: str, path: str, stem: str, source: str | None) -> InputResult:
    result = InputResult(path, "jsonl")
    seen: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            rec = json.loads(raw)
        except json.JSONDecodeError as err:
            result.problems.append(Problem(path, f"not valid JSON ({err.msg} at column {err.colno})", number))
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
            result.problems.append(Problem(path, "a record needs a non-empty string field 'text'", number))
            continue
        rid = str(rec.get("id") or f"{stem}-{number}")
        if rid in seen:
            result.problems.append(Problem(path, f"duplicate id {rid!r}; the later record is skipped", number))
            continue
        seen.add(rid)
        date = rec.get("date")
        if date is not None and not (isinstance(date, str) and _ISO.match(date)):
            result.problems.append(Problem(path, f"date {date!r} is not YYYY-MM-DD; ignored", number, "warning"))
            date = None
        result.articles.append(
            article_from_text(
                rec["text"],
                article_id=rid,
                path=path,
                title=str(rec.get("title") or ""),
                issued=date,
                source=str(rec.get("source") or source or "") or None,
                url=rec.get("url") if isinstance(rec.get("url"), str) else None,
                page=str(rec["page"]) if rec.get("page") is not None else None,
                section=rec.get("section") if isinstance(rec.get("section"), str) else None,
                line=number,
                authors=_authors(rec.get("authors")),
            )
        )
    if not result.articles and result.problems:
        result.problems.append(Problem(path, "no line is a JSON record with a non-empty 'text' field: "
                                             "is this JSON Lines (one {\"text\": …} object a line)?"))
    return result


def _read_html(path: Path, issued: str | None, source: str | None) -> InputResult:
    spath = str(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        return InputResult(spath, "unknown", problems=[Problem(spath, f"cannot read: {err.strerror}")])
    page = page_article(data, article_id=_stem(path), path=spath, issued=issued, source=source)
    result = InputResult(spath, "web page")
    if page.article is None:
        result.problems.append(Problem(spath, f"no article on the page ({page.skipped}); skipped", severity="warning"))
    else:
        result.articles.append(page.article)
    return result


def _read_warc(path: Path, issued: str | None, source: str | None) -> InputResult:
    """Every HTML response of a crawl as a saved page (kg.ingest.web); the file is streamed."""
    from warcio.exceptions import ArchiveLoadFailed  # here: only crawl inputs need warcio

    spath = str(path)
    result = InputResult(spath, "crawl")
    skipped: Counter = Counter()
    try:
        with path.open("rb") as stream:
            for number, record in enumerate(crawl_pages(stream, skipped), start=1):
                page = page_article(record.html, article_id=f"{_stem(path)}-{number}", path=spath,
                                    issued=issued, source=source, url=record.url or None)
                if page.article is None:
                    skipped[page.skipped or "no article"] += 1
                else:
                    result.articles.append(page.article)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as err:
        read = f" after {len(result.articles)} article(s)" if result.articles else ""
        result.problems.append(Problem(spath, f"not a readable WARC file{read}: {err}"))
    result.skipped = dict(sorted(skipped.items()))
    if not result.articles and not result.problems:
        result.problems.append(Problem(spath, "the crawl holds no HTML page with an article"))
    return result


def _read_pdf(path: Path, issued: str | None, source: str | None) -> InputResult:
    """Each page of an e-paper PDF read as a page (kg.ingest.page); articles of a file of several
    pages are numbered by page (stem-p2-…)."""
    spath = str(path)
    result = InputResult(spath, "pdf")
    try:
        pages = pdf_pages(path)
    except PdfError as err:
        result.problems.append(Problem(spath, str(err)))
        return result
    scans = [p.number for p in pages if not p.text.strip()]
    for page in pages:
        if not page.text.strip():
            continue
        stem = _stem(path) if len(pages) == 1 else f"{_stem(path)}-p{page.number}"
        articles, layout = read_page(page.text, spath, stem, issued, source)
        result.articles += articles
        result.layout = result.layout or layout
        result.problems += [Problem(spath, f"page {page.number}: {w}", severity="warning") for w in layout.warnings]
        if not articles:
            result.problems.append(Problem(spath, f"page {page.number}: no article found on the page",
                                           severity="warning"))
    if scans:
        which = ", ".join(map(str, scans))
        message = (f"page{'s' if len(scans) > 1 else ''} {which} of {len(pages)} {'have' if len(scans) > 1 else 'has'} "
                   "no text layer (a scan?): kg reads a PDF's text, not its images; run OCR on it first")
        result.problems.append(Problem(spath, message, severity="error" if len(scans) == len(pages) else "warning"))
    elif not result.articles:
        result.problems.append(Problem(spath, "no article found in the PDF"))
    return result
