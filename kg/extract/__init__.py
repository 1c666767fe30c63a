"""Extractors: one module per news pattern, registered under versioned names.

``extract_article`` runs every registered extractor over one article and returns its facts.
Extractors take an ArticleContext and return records; none imports rdflib. Each declares what it
reads and adds (``requires``/``assigns``); the order they run in follows from that (``run_order``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from kg.model import ArticleFacts, Entity

if TYPE_CHECKING:
    from kg.extract.context import Record


@dataclass(frozen=True)
class ExtractorSpec:
    """An extractor and its contract: the kinds of result it reads from earlier extractors
    (*requires*) and adds (*assigns*), and the extractors that must have made the same kind of result
    before it (*after*: the first claim of the article's event, the first evidence of a name)."""

    name: str  # "lg.meeting.v1": bump the version when behaviour changes
    func: Callable[..., Iterable[Record]]
    requires: frozenset[str]
    assigns: frozenset[str]
    after: tuple[str, ...]


# What extractors read and add (ArticleContext gathers their records into these):
FACETS = frozenset({
    "persons",        # people and the names they are known by (KnownPerson)
    "tenures",        # posts people hold
    "organizations",  # bodies, with the spans they are named at
    "places",
    "events",         # events the article reports
    "story",          # the one event the article is about (StoryEvent)
    "participation",  # who chaired, attended, spoke
    "referenced",     # meetings and speeches named but not reported (relayed, cited)
    "details",        # policies, honours, platforms: facts nothing else reads
})

EXTRACTORS: dict[str, ExtractorSpec] = {}


def extractor(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str], after: Iterable[str] = ()):
    """Registers an extractor with its contract; the run order is derived from the contracts
    (run_order)."""
    spec = ExtractorSpec(name, lambda ctx: (), frozenset(requires), frozenset(assigns), tuple(after))
    if unknown := (spec.requires | spec.assigns) - FACETS:
        raise ValueError(f"extractor {name!r} names unknown results {sorted(unknown)}")

    def register(func):
        if name in EXTRACTORS:
            raise ValueError(f"extractor {name!r} is already registered")
        EXTRACTORS[name] = replace(spec, func=func)
        return func

    return register


def run_order(specs: Iterable[ExtractorSpec]) -> tuple[ExtractorSpec, ...]:
    """Extractors in an order that honours their contracts: an extractor runs after every other
    that assigns what it requires, and after those it names in *after*; among extractors free to
    run, by name (so the order never depends on import order). A cycle is an error naming them."""
    specs = {s.name: s for s in specs}
    before: dict[str, set[str]] = {name: set() for name in specs}
    for b in specs.values():
        before[b.name] |= {a for a in b.after if a in specs}
        before[b.name] |= {a.name for a in specs.values() if a is not b and a.assigns & b.requires}
    order: list[ExtractorSpec] = []
    while before:
        ready = sorted(name for name, deps in before.items() if not deps)
        if not ready:
            raise ValueError(f"extractors wait on each other: {sorted(before)}")
        order.append(specs[ready[0]])
        del before[ready[0]]
        for deps in before.values():
            deps.discard(ready[0])
    return tuple(order)


def needed_for(names: Iterable[str]) -> tuple[ExtractorSpec, ...]:
    """The extractors *names* and every extractor they depend on, in run order: one extractor run
    alone on a sentence with what it needs (tests, debugging)."""
    wanted = set(names)
    if unknown := wanted - EXTRACTORS.keys():
        raise ValueError(f"no extractor named {sorted(unknown)}")
    grew = True
    while grew:
        deps = {a.name for b in wanted for a in EXTRACTORS.values()
                if a.name != b and (a.assigns & EXTRACTORS[b].requires or a.name in EXTRACTORS[b].after)}
        grew = not deps <= wanted
        wanted |= deps
    return run_order(EXTRACTORS[n] for n in wanted)


def extract_article(article, only: Iterable[str] | None = None) -> ArticleFacts:
    """All facts of one article. Traditional characters and half-width punctuation are read through
    their simplified and full-width forms; the facts keep the original article, so evidence quotes
    the text as written. *only*: run just these extractors and what they need (needed_for)."""
    # (imported here: kg.extract.context imports kg.resolve, and the extractor modules import this
    # package's names first)
    from kg.extract.context import ArticleContext
    from kg.nlp.reading import reading_view

    view = reading_view(article)
    ctx = ArticleContext.of(view or article)
    for spec in needed_for(only) if only is not None else _order():
        for record in spec.func(ctx):
            ctx.add(record)
    facts = ctx.facts()
    if view is None:
        return facts
    return replace(facts, article=article, entities=tuple(_with_original_surface(e, article) for e in facts.entities))


@cache
def _order() -> tuple[ExtractorSpec, ...]:
    return run_order(EXTRACTORS.values())


def _with_original_surface(entity: Entity, original) -> Entity:
    sentence = original.sentences[entity.evidence.sentence_index]
    surface = sentence.text[entity.evidence.start:entity.evidence.end]
    aliases = entity.aliases + ((surface,) if surface and surface not in entity.aliases else ())
    return replace(entity, aliases=aliases, evidence=replace(entity.evidence, surface=surface))


# Registers the extractors (after `extractor` exists, which their modules import).
from kg.extract import patterns  # noqa: E402, F401
