"""Sentence splitting with offsets, for text whose characters map back to the original input."""

from __future__ import annotations

import re

# A sentence ends at 。！？ (or ；!?) and any closing quotes or brackets right after them.
_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』）)]*")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences in *text*, whitespace trimmed.

    >>> t = "会议指出，要抓好落实。“要团结！”他说。"
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['会议指出，要抓好落实。', '“要团结！”', '他说。']
    """
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
