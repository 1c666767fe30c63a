"""Extractors on cases written for the tests (tests/data/extract/facts.jsonl, invented names): each
case gives a short report, the facts it must yield ("has") and facts it must not ("lacks"), and
names the extractor it exercises ("title": the headline, when the case needs one). A case a rule
must not fire on sits beside each positive one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import entities, facts_of, posts, relations

from kg.extract import EXTRACTORS

CASE_FILE = Path(__file__).parent / "data" / "extract" / "facts.jsonl"
CASES = [json.loads(line) for line in CASE_FILE.open(encoding="utf-8")]
RELATIONS = ("relays", "chair", "attendee", "speaker", "containedInPlace")


def found(facts, kind: str) -> set:
    """The facts of one *kind*: entity labels (event, person, enterprise…), posts, or relations."""
    if kind == "posts":
        return posts(facts)
    if kind in RELATIONS:
        return relations(facts, kind)
    return entities(facts, kind)


def as_set(items: list) -> set:
    return {tuple(x) if isinstance(x, list) else x for x in items}


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_case(case):
    assert case["extractor"] in EXTRACTORS
    facts = facts_of(case["text"], **({"title": case["title"]} if "title" in case else {}))
    for kind, items in case.get("has", {}).items():
        assert as_set(items) <= found(facts, kind), kind
    for kind, items in case.get("lacks", {}).items():
        assert not as_set(items) & found(facts, kind), kind


def test_each_extractor_with_cases_has_a_negative_case():
    named = {c["extractor"] for c in CASES}
    negative = {c["extractor"] for c in CASES if c["case"].startswith("negative")}
    assert named == negative
