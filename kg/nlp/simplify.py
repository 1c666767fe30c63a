"""Traditional characters are matched through their simplified form (OpenCC t2s); the article
itself, and so the evidence, keeps the original text. Offsets stay valid because the simplified
view has the same length as the original, character for character."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from kg.model import Article


@cache
def _converter():
    import opencc

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


def simplified_view(article: Article) -> Article | None:
    """The article with simplified text, or None when it has nothing to convert."""
    sample = article.title + "".join(s.text for s in article.sentences[:20])
    if to_simplified(sample) == sample:
        return None
    return replace(
        article,
        title=to_simplified(article.title),
        kicker=to_simplified(article.kicker) if article.kicker else None,
        subtitle=to_simplified(article.subtitle) if article.subtitle else None,
        section=to_simplified(article.section) if article.section else None,
        paragraphs=tuple(replace(p, text=to_simplified(p.text)) for p in article.paragraphs),
        sentences=tuple(replace(s, text=to_simplified(s.text)) for s in article.sentences),
    )
