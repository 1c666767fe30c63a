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


# Half-width punctuation many sites serve inside Chinese text, and the full-width form the rules
# read. One character for one: offsets into the original stay valid.
_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’《》]")


def _is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] in " \t":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def full_width_punctuation(text: str) -> str:
    """*text* with half-width punctuation inside Chinese text read as its full-width form, and
    ASCII double quotes paired into “ ”, character for character (numbers keep theirs: 1,000, 8:30).

    >>> full_width_punctuation('本网讯(记者 王明)5月10日,区委召开会议:学习"两山"理念。共1,000人')
    '本网讯（记者 王明）5月10日，区委召开会议：学习“两山”理念。共1,000人'
    """
    chars = list(text)
    opened: list[int] = []
    for i, ch in enumerate(chars):
        if ch == "(":
            opened.append(i)
        elif ch == ")" and opened:
            start = opened.pop()
            inside = text[start + 1:i]
            if any(map(_is_cjk, inside)) or _is_cjk(_neighbour(text, start, -1)):
                chars[start], chars[i] = "（", "）"
        elif ch in ",:;?!" and (_is_cjk(_neighbour(text, i, -1)) or _is_cjk(_neighbour(text, i, 1))):
            chars[i] = _FULL_WIDTH[ch]
    return _paired_quotes("".join(chars))


def _paired_quotes(text: str) -> str:
    """ASCII double quotes of a line with Chinese text, taken in pairs as “ and ”."""
    if '"' not in text:
        return text
    out = []
    for line in text.split("\n"):
        if line.count('"') % 2 == 0 and any(map(_is_cjk, line)):
            parts = line.split('"')
            line = "".join(p + ("“" if k % 2 == 0 else "”") for k, p in enumerate(parts[:-1])) + parts[-1]
        out.append(line)
    return "\n".join(out)
