"""The role engine on cases written for the tests (tests/data/extract/roles.jsonl): each case gives
a short report and every (person, role) it must yield at the report's event, and nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import make_article

from kg.extract import extract_article
from kg.extract.roles import role_rules

CASE_FILE = Path(__file__).parent / "data" / "extract" / "roles.jsonl"
CASES = [json.loads(line) for line in CASE_FILE.open(encoding="utf-8")]


def roles_of(text: str) -> set[tuple[str, str]]:
    facts = extract_article(make_article(text))
    names = {e.ref: e.label for e in facts.entities}
    return {(names[r.object], r.predicate) for r in facts.relations
            if r.predicate in ("chair", "attendee", "speaker", "signatory")}


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_roles(case):
    assert roles_of(case["text"]) == {tuple(x) for x in case["roles"]}


def test_every_role_fact_names_the_rule_that_made_it():
    facts = extract_article(make_article(CASES[3]["text"]))
    made_by = {r.evidence.extractor for r in facts.relations if r.predicate == "attendee"}
    assert made_by == {"lg.roles.v1:attend"}


def test_rule_ids_are_unique():
    ids = [rule.id for rule in role_rules()]
    assert len(ids) == len(set(ids))
