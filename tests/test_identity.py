"""Person identity across articles (kg.resolve.identity) and the build's review report (kg.review)."""

import csv
import json

from rdflib import Graph, Literal

from kg.build import BuildOptions, build
from kg.extract.tenure import single_holder
from kg.rdf.vocab import SDO
from kg.resolve.identity import PersonNode, decide, renames


def test_a_name_only_node_is_the_only_located_node_of_its_name():
    nodes = [PersonNode("陕西省_赵一德", "赵一德", frozenset({"陕西省委书记"})), PersonNode("赵一德", "赵一德")]
    assert renames(decide(nodes)) == {"赵一德": "陕西省_赵一德"}


def test_a_short_form_of_the_located_post_does_not_keep_them_apart():
    nodes = [PersonNode("海南省_冯飞", "冯飞", frozenset({"海南省委书记"})),
             PersonNode("冯飞", "冯飞", frozenset({"省委书记"}))]
    assert renames(decide(nodes)) == {"冯飞": "海南省_冯飞"}


def test_a_post_the_located_node_does_not_hold_keeps_two_people_apart():
    nodes = [PersonNode("西藏自治区_王勇", "王勇", frozenset({"西藏自治区政府副主席"})),
             PersonNode("王勇", "王勇", frozenset({"国务院国务委员"}))]
    (decision,) = decide(nodes)
    assert decision.merged == () and "国务院国务委员" in decision.reason


def test_two_places_are_never_merged_and_the_reason_is_given():
    nodes = [PersonNode("保定市_殷勇", "殷勇"), PersonNode("安康市_殷勇", "殷勇"), PersonNode("殷勇", "殷勇")]
    (decision,) = decide(nodes)
    assert decision.merged == () and "保定市" in decision.reason and "安康市" in decision.reason


def test_a_reporter_of_the_same_name_is_not_merged_into_an_official():
    nodes = [PersonNode("某县_陈明", "陈明", frozenset({"某县县长"})), PersonNode("陈明", "陈明", is_author=True)]
    assert renames(decide(nodes)) == {}


def test_single_holder_posts_need_their_body_and_exclude_deputies_and_shared_posts():
    assert single_holder("平川区委书记") and single_holder("国务院总理") and single_holder("交通运输部部长")
    assert not single_holder("青禾县委副书记")
    assert not single_holder("县长")  # no body: two counties' 县长 are not one post
    assert not single_holder("中共中央书记处书记")


def test_the_build_merges_a_name_only_person_and_reports_it(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("甲\n3 月 5 日上午，陕西省委书记韩若晨主持召开全省防汛工作会议。\n", encoding="utf-8")
    b.write_text("乙\n3 月 9 日上午，全省植树工作会议召开，会议由韩若晨主持。\n", encoding="utf-8")
    build([a, b], tmp_path / "out", BuildOptions(html=False, store=False))
    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    nodes = {str(p).rsplit("/", 1)[1] for p in graph.subjects(SDO.name, Literal("韩若晨", lang="zh"))}
    assert nodes == {"陕西省-韩若晨"}
    merges = json.loads((tmp_path / "out" / "merges.json").read_text(encoding="utf-8"))
    (decision,) = [d for d in merges["person_identity"] if d["label"] == "韩若晨"]
    assert decision["merged"] == [{"key": "韩若晨", "into": "陕西省_韩若晨"}]


def test_the_review_report_lists_two_holders_of_one_post_at_once(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("甲\n3 月 5 日上午，平川区委书记韩若晨主持召开全区防汛工作会议，平川区委书记程立新出席。\n",
                 encoding="utf-8")
    build([a], tmp_path / "out", BuildOptions(issued="2021-03-06", html=False, store=False))
    rows = list(csv.DictReader((tmp_path / "out" / "review.csv").open(encoding="utf-8")))
    (row,) = [r for r in rows if r["check"] == "many_holders"]
    assert row["label"] == "平川区委书记" and "韩若晨" in row["detail"] and "程立新" in row["detail"]
    assert row["articles"] == "a"
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["review"]["items"]["many_holders"] == 1
