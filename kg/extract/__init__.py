"""Extractors: one module per news pattern, registered under versioned names.

``extract_article`` runs every registered extractor, in registration order, over one article
and returns its facts. Extractors take an ArticleContext and return records; none imports rdflib.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kg.model import ArticleFacts, Entity, Relation, Tenure

Record = Entity | Relation | Tenure


@dataclass(frozen=True)
class ExtractorSpec:
    name: str  # "lg.meeting.v1": bump the version when behaviour changes
    func: Callable[..., Iterable[Record]]


EXTRACTORS: dict[str, ExtractorSpec] = {}


def extractor(name: str):
    def register(func):
        if name in EXTRACTORS:
            raise ValueError(f"extractor {name!r} is already registered")
        EXTRACTORS[name] = ExtractorSpec(name, func)
        return func

    return register


def extract_article(article) -> ArticleFacts:
    from kg.extract.context import ArticleContext

    ctx = ArticleContext.of(article)
    for spec in EXTRACTORS.values():
        for record in spec.func(ctx):
            ctx.add(record)
    return ctx.facts()


# Registers the extractors (after `extractor` exists, which their modules import).
from kg.extract import patterns  # noqa: E402, F401
