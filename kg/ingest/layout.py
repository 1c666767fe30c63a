"""Joining PDF lines into paragraphs while remembering where every character came from."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.ingest.text import split_sentences
from kg.model import Paragraph, Sentence

TERMINAL = re.compile(r"[。！？!?…]+[”’」』）)]*$")


@dataclass(frozen=True)
class Line:
    text: str  # stripped
    start: int  # offset of text[0] in the input
    number: int  # 1-based line number in the input


def lines_of(text: str) -> list[Line]:
    """The non-blank lines of *text*, stripped, with their offsets and line numbers."""
    out, pos = [], 0
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        stripped = raw.strip()
        if stripped:
            out.append(Line(stripped, pos + raw.index(stripped[0]), number))
        pos += len(raw)
    return out


def visual_width(s: str) -> float:
    """Printed width in CJK character cells: ASCII is half a cell, spaces are PDF artefacts.

    >>> visual_width("3000 余名")
    4.0
    """
    return sum(0.0 if ch.isspace() else 0.5 if ord(ch) < 128 else 1.0 for ch in s)


def ends_sentence(s: str) -> bool:
    return bool(TERMINAL.search(s))


@dataclass
class TextBuilder:
    """Concatenates pieces of the input, keeping one source offset per character."""

    chars: list[str]
    offsets: list[int]

    @classmethod
    def empty(cls) -> TextBuilder:
        return cls([], [])

    def add(self, text: str, start: int) -> None:
        if self.chars and text and _ascii_word(self.chars[-1]) and _ascii_word(text[0]):
            self.chars.append(" ")  # a word broken across lines of Latin text keeps its space
            self.offsets.append(start - 1)
        self.chars.extend(text)
        self.offsets.extend(range(start, start + len(text)))

    def drop_prefix(self, n: int) -> None:
        del self.chars[:n]
        del self.offsets[:n]
        while self.chars and self.chars[0].isspace():
            del self.chars[0]
            del self.offsets[0]

    def drop_suffix(self, n: int) -> None:
        """Keep the first *n* characters."""
        del self.chars[n:]
        del self.offsets[n:]

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def span(self, s: int, e: int) -> tuple[int, int]:
        return self.offsets[s], self.offsets[e - 1] + 1


def _ascii_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def paragraphs_and_sentences(
    builders: list[TextBuilder],
) -> tuple[tuple[Paragraph, ...], tuple[Sentence, ...]]:
    """Paragraph and sentence records, with input offsets, from joined paragraph texts."""
    paragraphs, sentences = [], []
    for b in builders:
        text = b.text
        if not text.strip():
            continue
        p_index = len(paragraphs)
        p_start, p_end = b.span(0, len(text))
        paragraphs.append(Paragraph(p_index, text, p_start, p_end))
        for s, e in split_sentences(text):
            start, end = b.span(s, e)
            sentences.append(Sentence(len(sentences), text[s:e], start, end, p_index))
    return tuple(paragraphs), tuple(sentences)
