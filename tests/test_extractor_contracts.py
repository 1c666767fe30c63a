"""Extractor contracts: each extractor declares what it reads and adds; the run order follows from
the declarations, and one extractor can run alone with what it needs."""

from __future__ import annotations

import pytest
from helpers import make_article

from kg.extract import EXTRACTORS, FACETS, ExtractorSpec, extract_article, needed_for, run_order


def spec(name, requires=(), assigns=(), after=()):
    return ExtractorSpec(name, lambda ctx: (), frozenset(requires), frozenset(assigns), tuple(after))


def test_an_extractor_runs_after_those_that_assign_what_it_requires():
    order = run_order([spec("a.roles", requires=["events"], assigns=["participation"]),
                       spec("b.meeting", requires=["persons"], assigns=["events"]),
                       spec("c.people", assigns=["persons"])])
    assert [s.name for s in order] == ["c.people", "b.meeting", "a.roles"]


def test_free_extractors_run_by_name_and_after_is_honoured():
    order = run_order([spec("z.first"), spec("m.second", after=["z.first"]), spec("a.any")])
    assert [s.name for s in order] == ["a.any", "z.first", "m.second"]


def test_extractors_that_wait_on_each_other_are_an_error_naming_them():
    with pytest.raises(ValueError, match="wait on each other.*x.one.*x.two"):
        run_order([spec("x.one", requires=["events"], assigns=["persons"]),
                   spec("x.two", requires=["persons"], assigns=["events"])])


def test_every_registered_extractor_declares_known_results_and_the_order_is_total():
    assert all(s.assigns and s.assigns <= FACETS and s.requires <= FACETS for s in EXTRACTORS.values())
    order = [s.name for s in run_order(EXTRACTORS.values())]
    assert sorted(order) == sorted(EXTRACTORS)
    for s in EXTRACTORS.values():  # nobody runs before what it reads
        readers_first = [a.name for a in EXTRACTORS.values() if a is not s and a.assigns & s.requires]
        assert all(order.index(a) < order.index(s.name) for a in readers_first + list(s.after))


def test_one_extractor_runs_alone_with_what_it_needs():
    article = make_article("县委书记周明远主持召开县委常委会会议。县委副书记吴佳宁出席会议。")
    alone = extract_article(article, only=["lg.roles.v1"])
    names = {s.name for s in needed_for(["lg.roles.v1"])}
    assert "lg.meeting.v1" in names and "lg.policy.v1" not in names
    labels = {e.ref: e.label for e in alone.entities}
    roles = {(r.predicate, labels[r.object]) for r in alone.relations if r.predicate in ("chair", "attendee")}
    assert roles == {("chair", "周明远"), ("attendee", "吴佳宁")}
    assert not any(e.kind == "policy" for e in alone.entities)


def test_an_unknown_extractor_name_is_an_error():
    with pytest.raises(ValueError, match="no extractor named"):
        needed_for(["lg.nothing.v1"])


def test_each_extractor_module_holds_one_extractor():
    from collections import Counter

    from kg.extract import EXTRACTORS

    modules = Counter(spec.func.__module__ for spec in EXTRACTORS.values())
    assert all(n == 1 for n in modules.values()), modules
