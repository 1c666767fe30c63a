"""The form of an article the rules read: traditional characters through their simplified form
(OpenCC t2s), half-width punctuation inside Chinese text through its full-width form. The article
itself, and so the evidence, keeps the original text. Offsets stay valid because the reading
view has the same length as the original, character for character."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from kg.ingest.text import full_width_punctuation
from kg.model import Article


@cache
def _converter():
    import opencc  # on first use: only traditional-character text needs it

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Simplified form of *text* with the same length (phrase conversion when it keeps the length,
    character by character otherwise).

    >>> to_simplified("區委書記主持召開會議")
    '区委书记主持召开会议'
    """
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(c := _converter().convert(ch)) == 1 else ch for ch in text)


def reading_form(text: str, traditional: bool = True) -> str:
    """*text* as the rules read it, same length: full-width punctuation, simplified characters.

    >>> reading_form("區委書記(代)主持會議,強調")
    '区委书记（代）主持会议，强调'
    """
    text = full_width_punctuation(text)
    return to_simplified(text) if traditional else text


def reading_view(article: Article) -> Article | None:
    """The article as the rules read it, or None when that is the article as written."""
    sample = article.title + "".join(s.text for s in article.sentences[:20])
    traditional = to_simplified(sample) != sample
    texts = [article.title] + [p.text for p in article.paragraphs] + [s.text for s in article.sentences]
    if not traditional and all(full_width_punctuation(t) == t for t in texts):
        return None

    def read(text: str | None) -> str | None:
        return reading_form(text, traditional) if text else text

    return replace(
        article,
        title=read(article.title),
        kicker=read(article.kicker),
        subtitle=read(article.subtitle),
        section=read(article.section),
        paragraphs=tuple(replace(p, text=read(p.text)) for p in article.paragraphs),
        sentences=tuple(replace(s, text=read(s.text)) for s in article.sentences),
    )
