"""Which PDF text reader keeps a multi-column newspaper page's reading order (issue #20): prints
figures, asserts nothing.

    .venv/bin/python benchmarks/pdf_reading_order.py [PAGE.txt] [--columns 3]

The page (default: the bundled sample, a page as extracted from an e-paper PDF, one printed line
a line) is laid out line for line in columns and printed to PDF by headless Chromium (Debian's,
through Playwright, with the Noto CJK fonts). Each reader's text is compared with the page's lines:
how many lines it gives, how many come out whole and at their place in the reading order, and the
longest run of consecutive lines in order; and the time it takes (three runs, the fastest).
"""

from __future__ import annotations

import argparse
import html
import shutil
import tempfile
import time
from pathlib import Path


def printed(lines: list[str], columns: int, path: Path) -> None:
    from playwright.sync_api import sync_playwright

    style = ("@page { size: A2; margin: 12mm; } body { font-family: 'Noto Serif CJK SC', serif; font-size: 8pt; }"
             f" .page {{ column-count: {columns}; column-gap: 8mm; }}"
             " .line { white-space: nowrap; line-height: 1.5; }")
    body = "".join(f'<div class="line">{html.escape(ln)}</div>' for ln in lines)
    document = (f'<html><head><meta charset="utf-8"><style>{style}</style></head>'
                f'<body><div class="page">{body}</div></body></html>')
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page()
        page.set_content(document)
        page.pdf(path=str(path), prefer_css_page_size=True)
        browser.close()


def pdfium_text(path: Path) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


def pdfplumber_text(path: Path) -> str:
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    with pdfplumber.open(str(path)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def pdfminer_text(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(path))


def agreement(text: str, lines: list[str]) -> tuple[int, int, int]:
    got = [ln.strip() for ln in text.replace("\r", "\n").split("\n") if ln.strip()]
    in_place = sum(1 for a, b in zip(got, lines, strict=False) if a == b)
    run = best = 0
    for a, b in zip(got, lines, strict=False):
        run = run + 1 if a == b else 0
        best = max(best, run)
    return len(got), in_place, best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("page", nargs="?", type=Path)
    ap.add_argument("--columns", type=int, default=3)
    args = ap.parse_args()
    if args.page is None:
        from kg.resources import sample_page

        args.page = sample_page()
    lines = [ln.strip() for ln in args.page.read_text(encoding="utf-8").splitlines() if ln.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "page.pdf"
        printed(lines, args.columns, pdf)
        print(f"{args.page.name}: {len(lines)} lines in {args.columns} columns, printed to PDF by Chromium")
        print(f"{'reader':12} {'lines':>6} {'in place':>9} {'longest run':>12} {'seconds':>8}")
        for name, read in (("pypdfium2", pdfium_text), ("pdfplumber", pdfplumber_text), ("pdfminer", pdfminer_text)):
            try:
                times = []
                for _ in range(3):
                    start = time.perf_counter()
                    text = read(pdf)
                    times.append(time.perf_counter() - start)
            except ImportError:
                print(f"{name:12} (not installed)")
                continue
            got, in_place, best = agreement(text, lines)
            print(f"{name:12} {got:6d} {in_place:9d} {best:12d} {min(times):8.3f}")


if __name__ == "__main__":
    main()
