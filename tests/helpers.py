"""Small builders shared by tests: articles from hand-written text."""

from __future__ import annotations

from kg.extract import extract_article
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


# facts of one short article, and the labels a test compares them by
def facts_of(body: str, **kw):
    return extract_article(make_article(body, **kw))


def entities(facts, kind):
    return {e.label for e in facts.entities if e.kind == kind}


def relations(facts, predicate):
    labels = {e.ref: e.label for e in facts.entities}
    return {(labels.get(r.subject, r.subject.key), labels.get(r.object, r.object.key))
            for r in facts.relations if r.predicate == predicate}


def posts(facts):
    labels = {e.ref: e.label for e in facts.entities}
    return {(labels[t.person], t.post.label) for t in facts.tenures}
