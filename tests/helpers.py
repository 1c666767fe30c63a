"""Small builders shared by tests: articles from hand-written text."""

from __future__ import annotations

from kg.ingest.article import article_from_text
from kg.model import Article, Author


def make_article(body: str, *, title: str = "测试标题", issued: str | None = "2021-03-06",
                 section: str | None = None, article_id: str = "t1", authors: tuple = ()) -> Article:
    art = article_from_text(body, article_id=article_id, path="test.txt", title=title, issued=issued,
                            authors=tuple(Author(n, r) for n, r in authors))
    if section is not None:
        from dataclasses import replace

        art = replace(art, section=section)
    return art
