"""``kg stats``: the co-participation network, its analytics, the tables and the CSV files."""

from __future__ import annotations

import csv

import networkx as nx
import pytest

from kg.cli import main
from kg.view.stats import (
    Table,
    _width,
    co_participation,
    communities,
    compute,
    event_month,
    events_by_month,
    format_table,
    kind_counts,
)


def _node(kind: str, label: str, date: str = "", reported: tuple[str, ...] = ()) -> dict:
    return {"kind": kind, "label": label, "date": date, "reported": list(reported)}


@pytest.fixture()
def small() -> nx.MultiDiGraph:
    """甲 chairs 会1 with 乙 attending; 乙 and 丙 attend 会2; 丁 and 戊 speak at 会3; 己 none."""
    g = nx.MultiDiGraph()
    for p in "甲乙丙丁戊己":
        g.add_node(p, **_node("person", p))
    g.add_node("会1", **_node("meeting", "会1", "2021-03-05"))
    g.add_node("会2", **_node("meeting", "会2", "", ("2021-04-01",)))
    g.add_node("会3", **_node("event", "会3", "2021-03"))
    g.add_node("会4", **_node("meeting", "会4"))
    g.add_node("政", **_node("policy", "政"))
    rels = [("甲", "会1", "chair", "主持"), ("乙", "会1", "attendee", "出席"),
            ("乙", "会2", "attendee", "出席"), ("丙", "会2", "attendee", "出席"),
            ("丁", "会3", "speaker", "讲话"), ("戊", "会3", "speaker", "讲话"),
            ("会1", "政", "deploys", "部署")]
    for a, b, rel, label in rels:
        g.add_edge(a, b, key=rel, rel=rel, label=label, detail="")
    return g


def test_co_participation_links_people_of_one_event(small):
    cp = co_participation(small)
    assert set(cp) == set("甲乙丙丁戊己")
    assert {frozenset(e) for e in cp.edges()} == {frozenset("甲乙"), frozenset("乙丙"), frozenset("丁戊")}
    assert cp.nodes["乙"]["events"] == 2 and cp.nodes["己"]["events"] == 0
    assert all(w == 1 for _, _, w in cp.edges(data="weight"))


def test_shared_events_are_counted_as_weight(small):
    small.add_edge("甲", "会2", key="attendee", rel="attendee", label="出席", detail="")
    assert co_participation(small).edges["甲", "乙"]["weight"] == 2


def test_communities_are_seeded_and_leave_out_loners(small):
    cp = co_participation(small)
    groups = communities(cp)
    assert groups == communities(cp)
    assert sorted(map(sorted, groups)) == [["丁", "戊"], ["丙", "乙", "甲"]]
    assert groups[0][0] == "乙"  # the most connected member first


def test_central_people_ranks_by_degree_then_betweenness(small):
    tables = {t.name: t for t in compute(small, top=10)}
    people = tables["people"]
    assert people.rows[0][1] == "乙"  # two co-participants, and between 甲 and 丙
    assert people.rows[0][5] == pytest.approx(0.1)  # 1 of the 10 pairs of the 6 people
    assert "己" not in [r[1] for r in people.rows]  # took part in nothing
    assert [r[0] for r in people.rows] == list(range(1, len(people.rows) + 1))


def test_event_month_prefers_own_date():
    assert event_month(_node("meeting", "x", "2021-03-05", ("2021-04-01",))) == "2021-03"
    assert event_month(_node("meeting", "x", "--03-05", ("2021-04-01",))) == "2021-04"
    assert event_month(_node("meeting", "x")) == ""


def test_events_by_month_and_kind_counts(small):
    rows = events_by_month(small).rows
    assert rows == (("2021-03", 1, 1, 2), ("2021-04", 1, 0, 1), ("unknown", 1, 0, 1))
    counts = {r[0]: r[2] for r in kind_counts(small).rows}
    assert counts["person"] == 6 and counts["meeting"] == 3 and counts["total"] == 11


def test_format_table_aligns_wide_characters():
    t = Table("x", "Title", ("name", "n", "iri"), (("徐光文", 12, "i1"), ("Ann", 3, "i2")))
    lines = format_table(t).splitlines()
    assert lines[0] == "== Title ==" and "iri" not in lines[1]
    assert len({_width(line) for line in lines[1:4]}) == 1  # header, rule, first row
    assert lines[3].endswith("12") and lines[4].endswith(" 3")


def test_kg_stats_on_the_sample_build(view_sample_build, tmp_path, capsys):
    out = tmp_path / "stats"
    assert main(["stats", str(view_sample_build), "-o", str(out), "--top", "5"]) == 0
    printed = capsys.readouterr().out
    assert "== Nodes by kind ==" in printed and "徐光文" in printed
    names = sorted(p.name for p in out.iterdir())
    assert names == ["communities.csv", "events_by_month.csv", "kinds.csv", "people.csv",
                     "relations.csv"]
    with open(out / "people.csv", encoding="utf-8", newline="") as f:
        people = list(csv.DictReader(f))
    assert people[0]["name"] == "徐光文" and people[0]["events"] == "2"
    assert people[0]["iri"].startswith("https://kg.example.org/id/person/")
    with open(out / "kinds.csv", encoding="utf-8", newline="") as f:
        kinds = {r["kind"]: int(r["nodes"]) for r in csv.DictReader(f)}
    assert kinds["person"] >= 3 and kinds["meeting"] >= 2


def test_kg_stats_default_folder_and_errors(view_sample_build, tmp_path, capsys):
    ttl = tmp_path / "graph.ttl"
    ttl.write_bytes((view_sample_build / "graph.ttl").read_bytes())
    assert main(["stats", str(ttl)]) == 0
    assert (tmp_path / "stats" / "people.csv").exists()
    assert main(["stats", str(tmp_path / "nothing")]) == 2
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    assert main(["stats", str(bad)]) == 1
    assert "cannot parse" in capsys.readouterr().err
