"""E-paper PDFs (issue #20): the bundled sample page laid out in three columns and printed to PDF
by headless Chromium (Debian's, with the Noto CJK fonts CI installs) builds to the same articles,
titles, bylines, datelines and people as the .txt; a file of several pages; a scan without a text
layer and a damaged file are named with a clear message."""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.ingest import read_file
from kg.resources import SAMPLE_DATE, sample_page

pytestmark = pytest.mark.slow  # PDFs printed by headless Chromium: the full suite (the README's command) runs it

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("Debian chromium is required in CI (apt-get install chromium fonts-noto-cjk)")
    pytest.skip("Debian chromium is not installed", allow_module_level=True)

STYLE = """@page { size: A2; margin: 12mm; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 8pt; margin: 0; }
.page { column-count: 3; column-gap: 8mm; }
.page + .page { break-before: page; }
.brief { column-count: 1; }
.line { white-space: nowrap; line-height: 1.5; }"""

SECOND_PAGE = ["06综合", "□ 记者 林晓岚", "本报讯 6 月 2 日上午，区长邵光明主持召开区政府常务会议，",
               "研究部署防汛工作。副区长程远出席会议。"]


def columns_page(lines: list[str], kind: str = "page") -> str:
    """A newspaper page: the lines of a page as printed, flowing down three columns (a brief page
    of a few lines: one column, as balancing four lines over three columns would scatter them)."""
    return f'<div class="{kind}">' + "".join(f'<div class="line">{html.escape(ln)}</div>' for ln in lines) + "</div>"


def print_pdf(pages_html: list[str], path: Path) -> None:
    document = f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{STYLE}</style></head>' \
               f'<body>{"".join(pages_html)}</body></html>'
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page()
            page.set_content(document)
            page.pdf(path=str(path), prefer_css_page_size=True)
        finally:
            browser.close()


def sample_lines() -> list[str]:
    return [ln.strip() for ln in sample_page().read_text(encoding="utf-8").splitlines() if ln.strip()]


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=300)


def rows(out: Path, query: str) -> set[tuple]:
    done = kg("query", query, "--graph", str(out), "--format", "json")
    assert done.returncode == 0, done.stderr
    bindings = json.loads(done.stdout)["results"]["bindings"]
    return {tuple(sorted((k, v["value"]) for k, v in b.items() if not v["value"].startswith("http"))) for b in bindings}


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "sample.pdf"
    print_pdf([columns_page(sample_lines())], path)
    return path


def test_the_sample_printed_in_columns_builds_as_the_text_does(sample_pdf, tmp_path):
    from_text, from_pdf = tmp_path / "text", tmp_path / "pdf"
    assert kg("build", str(sample_page()), "-o", str(from_text), "--date", SAMPLE_DATE).returncode == 0
    done = kg("build", str(sample_pdf), "-o", str(from_pdf), "--date", SAMPLE_DATE)
    assert done.returncode == 0, done.stderr
    for query in ("articles", "people", "participation", "events"):
        assert rows(from_pdf, query) == rows(from_text, query), query
    report = json.loads((from_pdf / "report.json").read_text(encoding="utf-8"))
    assert report["inputs"][0]["kind"] == "pdf" and len(report["inputs"][0]["articles"]) == 3


def test_every_page_of_a_file_is_read(tmp_path):
    path = tmp_path / "two_pages.pdf"
    print_pdf([columns_page(sample_lines()), columns_page(SECOND_PAGE, "page brief")], path)
    result = read_file(path, issued=SAMPLE_DATE)
    assert not [p for p in result.problems if p.severity == "error"]
    ids = [a.id for a in result.articles]
    assert len(ids) == 4 and ids[-1].startswith("two_pages-p2")
    second = result.articles[-1]
    assert [a.name for a in second.authors] == ["林晓岚"] and second.dateline_date == "2020-06-02"


def test_a_scan_without_text_is_named_with_what_to_do(tmp_path):
    scan = tmp_path / "scan.pdf"
    print_pdf(['<div style="width:120mm;height:80mm;background:#333"></div>'], scan)
    done = kg("build", str(scan), "-o", str(tmp_path / "out"))
    assert done.returncode == 1
    assert "scan.pdf: error: page 1 of 1 has no text layer" in done.stderr and "OCR" in done.stderr


def test_a_damaged_pdf_is_an_error_naming_the_file(tmp_path):
    bad = tmp_path / "notes.pdf"
    bad.write_bytes(b"%PDF-1.4 not really a PDF")
    done = kg("build", str(bad), "-o", str(tmp_path / "out"))
    assert done.returncode == 1 and "notes.pdf: error: cannot open as a PDF" in done.stderr
