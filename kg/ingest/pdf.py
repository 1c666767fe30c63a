"""E-paper PDFs: the text layer of each page, in the order the page draws it.

pypdfium2 (PDFium's text API) gives a page's characters in the order of its content stream, which
for a newspaper page is column by column, article by article: on the sample page laid out in three
columns and printed by Chromium, 156 of its 157 lines come out whole and in order, where
pdfplumber's ``extract_text`` (lines sorted top to bottom across the page) interleaves the columns
and gives none (``benchmarks/pdf_reading_order.py``). Each page's text is then read like a ``.txt``
page (kg.ingest.page).

A page without a text layer (a scan) has nothing to read: it is named, so the user can run OCR.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError


class PdfError(KgError, ValueError):
    code = "E102"
    """The file cannot be opened as a PDF (damaged, encrypted, not a PDF)."""


@dataclass(frozen=True)
class PdfPage:
    number: int  # 1-based, as viewers count
    text: str  # lines separated by "\n"; empty when the page has no text layer


def pdf_pages(path: Path) -> list[PdfPage]:
    """The text of every page of the PDF at *path*."""
    import pypdfium2 as pdfium  # imported here: only PDF inputs need it

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as err:
        raise PdfError(f"cannot open as a PDF ({err})") from err
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            text = page.get_textpage().get_text_range()
            pages.append(PdfPage(index + 1, text.replace("\r\n", "\n").replace("\r", "\n").strip("\ufeff")))
        return pages
    finally:
        document.close()
