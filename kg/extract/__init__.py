"""Extractors: one module per news pattern, registered under versioned names.

``extract_article`` runs every registered extractor, in registration order, over one article
and returns its facts. Extractors take an ArticleContext and return records; none imports rdflib.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from kg.model import ArticleFacts, Entity, Relation, Tenure

Record = Entity | Relation | Tenure


@dataclass(frozen=True)
class ExtractorSpec:
    name: str  # "lg.meeting.v1": bump the version when behaviour changes
    func: Callable[..., Iterable[Record]]
    stage: int  # extractors run by stage: later ones use what earlier ones found (people, events)


EXTRACTORS: dict[str, ExtractorSpec] = {}


# Stages: 10 names (people, organisations, places), 20 reported events, 30 what happened at them.
NAMES, EVENTS, EVENT_DETAILS = 10, 20, 30


def extractor(name: str, stage: int):
    def register(func):
        if name in EXTRACTORS:
            raise ValueError(f"extractor {name!r} is already registered")
        EXTRACTORS[name] = ExtractorSpec(name, func, stage)
        return func

    return register


def extract_article(article) -> ArticleFacts:
    """All facts of one article. Traditional characters and half-width punctuation are read through
    their simplified and full-width forms; the facts keep the original article, so evidence quotes
    the text as written."""
    from kg.extract.context import ArticleContext
    from kg.nlp.reading import reading_view

    view = reading_view(article)
    ctx = ArticleContext.of(view or article)
    for spec in sorted(EXTRACTORS.values(), key=lambda x: x.stage):  # stable within a stage
        for record in spec.func(ctx):
            ctx.add(record)
    facts = ctx.facts()
    if view is None:
        return facts
    return replace(facts, article=article, entities=tuple(_with_original_surface(e, article) for e in facts.entities))


def _with_original_surface(entity: Entity, original) -> Entity:
    sentence = original.sentences[entity.evidence.sentence_index]
    surface = sentence.text[entity.evidence.start:entity.evidence.end]
    aliases = entity.aliases + ((surface,) if surface and surface not in entity.aliases else ())
    return replace(entity, aliases=aliases, evidence=replace(entity.evidence, surface=surface))


# Registers the extractors (after `extractor` exists, which their modules import).
from kg.extract import patterns  # noqa: E402, F401
