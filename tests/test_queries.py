"""Each canned query of the contract on a small fixture build, with the rows expected."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.queries import CONTRACT_QUERIES, canned_queries

DATA = Path(__file__).parent / "data"


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build")
    done = kg("build", str(DATA / "page_two_stories.txt"), "-o", str(out), "--date", "2021-03-06")
    assert done.returncode == 0, done.stderr
    return out


def rows(build: Path, name: str, *params: str) -> list[dict]:
    args = ["query", name, "--graph", str(build), "--format", "json"]
    for p in params:
        args += ["--param", p]
    done = kg(*args)
    assert done.returncode == 0, done.stderr
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(done.stdout)["results"]["bindings"]]


def test_every_contract_query_is_shipped():
    assert set(CONTRACT_QUERIES) <= set(canned_queries())


def test_people_with_posts_and_byline_roles(build):
    got = {(r["name"], r.get("position")) for r in rows(build, "people")}
    assert got == {("张建国", "市委常委"), ("张建国", "区委书记"), ("李明", "记者"), ("周红", "通讯员"),
                   ("何亮", "通讯员")}


def test_events_with_types_and_dates(build):
    got = {(r["label"], r["type"], r.get("date")) for r in rows(build, "events")}
    assert got == {("区委常委会会议", "Meeting", "2021-03-05"), ("智慧停车平台上线", "Launch", "2021-03-04")}


def test_participation_roles(build):
    got = {(r["label"], r["name"], r["role"]) for r in rows(build, "participation")}
    assert got == {("区委常委会会议", "张建国", "chair")}


def test_provenance_names_the_sentence_and_the_rule_of_each_role(build):
    got = rows(build, "provenance", "person=张建国")
    assert [(r["label"], r["role"]) for r in got] == [("区委常委会会议", "chair")]
    assert got[0]["rule"].startswith("lg.") and "张建国" in got[0]["sentence"]


def test_timeline_binds_the_person_parameter(build):
    got = [(r["date"], r["label"], r["role"]) for r in rows(build, "timeline", "person=张建国")]
    assert got == [("2021-03-05", "区委常委会会议", "chair")]
    assert rows(build, "timeline", "person=无此人") == []


def test_parameter_values_cannot_change_the_query(build):
    hostile = 'x") } UNION { ?event ?p ?o } #'
    assert rows(build, "timeline", f"person={hostile}") == []


def test_articles_one_row_per_author(build):
    got = {(r["title"], r.get("author"), r.get("dateline")) for r in rows(build, "articles")}
    assert got == {("张建国主持召开区委常委会会议", "李明", "2021-03-05"),
                   ("城区“智慧停车平台”上线", "周红", "2021-03-04"),
                   ("城区“智慧停车平台”上线", "何亮", "2021-03-04")}


def test_organizations_policies_places_enterprises_relays_answer(build):
    assert {r["label"] for r in rows(build, "organizations")} == {"市委", "区委", "区委常委会"}
    assert rows(build, "policies") == []
    assert rows(build, "enterprises") == []
    assert rows(build, "relays") == []
    assert isinstance(rows(build, "places"), list)


def test_csv_and_table_formats(build):
    done = kg("query", "people", "--graph", str(build), "--format", "csv")
    assert done.returncode == 0 and done.stdout.splitlines()[0] == "person,name,position"
    done = kg("query", "people", "--graph", str(build))
    assert done.returncode == 0 and "张建国" in done.stdout and "(5 rows;" in done.stdout


def test_unknown_query_and_missing_parameter_are_usage_errors(build):
    assert kg("query", "nosuch", "--graph", str(build)).returncode == 2
    assert kg("query", "timeline", "--graph", str(build)).returncode == 2


def test_list_shows_every_canned_query():
    done = kg("query", "--list")
    assert done.returncode == 0
    for name in canned_queries():
        assert name in done.stdout


def test_holders_gives_the_dates_of_the_decisions_that_appointed_and_removed(tmp_path):
    corpus = tmp_path / "decisions.jsonl"
    corpus.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in (
        {"id": "d1", "title": "市政协常委会会议", "date": "2023-01-10",
         "text": "会议经表决，增补王大明同志为经济委员会副主任。"},
        {"id": "d2", "title": "市政协常委会会议", "date": "2025-06-20",
         "text": "会议通过关于免去王大明同志的经济委员会副主任职务的决定。"},
    )), encoding="utf-8")
    out = tmp_path / "out"
    assert kg("build", str(corpus), "-o", str(out)).returncode == 0
    got = rows(out, "holders", "post=经济委员会副主任")
    assert [(r["name"], r["since"], r["until"]) for r in got] == [("王大明", "2023-01-10", "2025-06-20")]


def test_organizations_lists_bodies_named_not_those_only_implied_by_a_post(tmp_path):
    # 总书记 and 美国总统 give posts in 中共中央 and 美国政府 without naming them; 县政府 is named
    # by its meeting; a body implied in one article and named in another is listed
    corpus = tmp_path / "bodies.jsonl"
    corpus.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in (
        {"id": "b1", "title": "会见", "date": "2024-05-02",
         "text": "习近平总书记强调，要办好自己的事。美国总统米勒表示欢迎。"},
        {"id": "b2", "title": "会议", "date": "2024-05-03",
         "text": "县长贺平主持召开县政府第8次常务会议。国家主席习近平发来贺信。"},
        {"id": "b3", "title": "会议", "date": "2024-05-04", "text": "中共中央印发了一份通知。"},
    )), encoding="utf-8")
    out = tmp_path / "out"
    assert kg("build", str(corpus), "-o", str(out)).returncode == 0
    listed = {r["label"] for r in rows(out, "organizations")}
    assert "县政府" in listed and "中共中央" in listed
    assert not listed & {"美国政府", "中华人民共和国主席"}
