"""The networkx projection, the view filters, the layout and the HTML page (no browser here;
see test_view_browser.py)."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from kg.cli import main
from kg.view import overview_html
from kg.view.filters import (
    Omitted,
    ViewError,
    ViewSpec,
    cap,
    ego,
    find_nodes,
    in_period,
    make_view,
    of_kinds,
    parse_kinds,
)
from kg.view.html import _script_json, network_data, render, short_label, view_html
from kg.view.layout import PHYSICS_MAX_NODES, positions
from kg.view.project import CLASS_KINDS, NOT_EDGES, NOT_NODES, RELATIONS, to_networkx

HOSTILE = "<script>alert(1)</script>"


def node_named(g: nx.MultiDiGraph, label: str) -> str:
    (node,) = [n for n, d in g.nodes(data=True) if d["label"] == label]
    return node


def edge_labels(g: nx.MultiDiGraph, a: str, b: str) -> set[str]:
    return {d["label"] for d in g.get_edge_data(a, b, default={}).values()}


@pytest.fixture(scope="module")
def sample(view_sample_graph) -> nx.MultiDiGraph:
    return to_networkx(view_sample_graph)


# ---- projection --------------------------------------------------------------------------------
def test_projection_kinds_of_the_sample(sample):
    kinds = {d["kind"] for _, d in sample.nodes(data=True)}
    assert {"person", "meeting", "organization", "policy"} <= kinds
    assert sample.nodes[node_named(sample, "徐光文")]["kind"] == "person"
    assert sample.nodes[node_named(sample, "莲都区委常委会会议")]["kind"] == "meeting"
    # articles, sentences, posts and tenures are attributes, not nodes
    assert not [n for n in sample if "/sentence/" in n or "/article/" in n or "/post/" in n]


def test_projection_edges_read_person_to_event(sample):
    xu = node_named(sample, "徐光文")
    assert edge_labels(sample, xu, node_named(sample, "莲都区委常委会会议")) == {"主持"}
    assert {"出席", "讲话"} <= edge_labels(sample, xu, node_named(sample, "莲都区生态工业高质量发展推进会"))
    relays = {d["label"] for _, _, d in sample.edges(data=True)}
    assert {"主持", "出席", "讲话", "传达学习", "部署", "表彰", "任职"} <= relays


def test_projection_posts_tenures_and_evidence(sample):
    xu = sample.nodes[node_named(sample, "徐光文")]
    assert "莲都区委书记" in xu["posts"]
    tenures = [d for _, _, d in sample.out_edges(node_named(sample, "徐光文"), data=True)
               if d["rel"] == "tenure"]
    assert {d["detail"] for d in tenures} >= {"莲都区委书记"}
    titles = {ev[0] for ev in xu["evidence"]}
    assert any("徐光文" in t for t in titles), titles
    assert all(ev[1] == "2020-06-03" for ev in xu["evidence"])
    assert any("徐光文" in ev[2] for ev in xu["evidence"])
    meeting = sample.nodes[node_named(sample, "莲都区委常委会会议")]
    assert meeting["date"] == "2020-06-02" and "区委常委会会议" in meeting["aliases"]


def test_projection_knows_every_class_and_predicate_the_emitter_uses():
    from kg.rdf.emit import CLASSES, PREDICATES

    known_classes = {c for c, _, _ in CLASS_KINDS} | NOT_NODES
    emitted = {c for classes in CLASSES.values() for c in classes}
    assert emitted - known_classes == set(), "add new classes to kg/view/project.py"
    known_predicates = {p for p, *_ in RELATIONS} | NOT_EDGES
    assert set(PREDICATES.values()) - known_predicates == set()


def test_projection_of_a_dataset_is_the_union_of_its_graphs(view_sample_build):
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(view_sample_build / "graph.trig", format="trig")
    g = to_networkx(ds)
    assert "徐光文" in {d["label"] for _, d in g.nodes(data=True)}


# ---- filters -------------------------------------------------------------------------------------
def test_parse_kinds_accepts_keys_and_chinese_names():
    assert parse_kinds("person,会议， policy") == ("person", "meeting", "policy")
    with pytest.raises(ViewError, match="unknown kind 'robot'"):
        parse_kinds("robot")


def test_find_nodes_exact_then_alias_then_substring(sample):
    assert [sample.nodes[n]["label"] for n in find_nodes(sample, "徐光文")] == ["徐光文"]
    assert find_nodes(sample, "区委常委会会议", ["meeting"]) == [node_named(sample, "莲都区委常委会会议")]
    assert node_named(sample, "莲都区委常委会会议") in find_nodes(sample, "常委会会议", ["meeting"])
    assert find_nodes(sample, "徐光文", ["meeting"]) == []


def test_ego_network_radius(sample):
    xu = node_named(sample, "徐光文")
    one = ego(sample, [xu], 1)
    assert {one.nodes[n]["label"] for n in one} == {
        "徐光文", "莲都区委常委会会议", "莲都区生态工业高质量发展推进会", "丽水市委", "莲都区委"}
    two = ego(sample, [xu], 2)
    assert set(one) < set(two) and "胡海峰" in {two.nodes[n]["label"] for n in two}
    assert list(ego(sample, [xu], 0)) == [xu]


def test_period_filter_uses_own_date_then_article_dates(sample):
    june2 = in_period(sample, "2020-06-02", "2020-06-02")
    labels = {june2.nodes[n]["label"] for n in june2}
    assert "莲都区委常委会会议" in labels and "莲都区生态工业高质量发展推进会" not in labels
    assert "徐光文" not in labels  # reported on 2020-06-03
    assert len(in_period(sample, "2021-01-01", None)) == 0
    assert len(in_period(sample, None, None)) == len(sample)


def test_kind_filter_keeps_the_centre(sample):
    xu = node_named(sample, "徐光文")
    only_meetings = of_kinds(sample, ["meeting"], keep=[xu])
    assert {d["kind"] for n, d in only_meetings.nodes(data=True) if n != xu} == {"meeting"}
    assert xu in only_meetings


def test_cap_keeps_centres_and_best_connected_and_says_what_is_left_out(sample):
    kept, omitted = cap(sample, 5)
    assert len(kept) == 5
    degrees = sorted((sample.degree(n) for n in sample), reverse=True)
    assert sorted((sample.degree(n) for n in kept), reverse=True) == degrees[:5]
    assert omitted.nodes == len(sample) - 5
    assert omitted.edges == sample.number_of_edges() - kept.number_of_edges()
    assert sum(n for _, n in omitted.by_kind) == omitted.nodes
    assert len(omitted.top) == 5
    hu = node_named(sample, "胡海峰")
    kept, _ = cap(sample, 2, centres=[hu])
    assert hu in kept and node_named(sample, "丽水市委") in kept
    assert cap(sample, 1000)[1] == Omitted()


def test_person_view_shows_meetings_posts_and_organisations(sample):
    view = make_view(sample, ViewSpec(person="徐光文"))
    g = view.graph
    by_kind: dict[str, set[str]] = {}
    for _, d in g.nodes(data=True):
        by_kind.setdefault(d["kind"], set()).add(d["label"])
    assert by_kind["meeting"] == {"莲都区委常委会会议", "莲都区生态工业高质量发展推进会"}
    assert by_kind["organization"] == {"丽水市委", "莲都区委"}
    assert view.centres == (node_named(sample, "徐光文"),)
    assert "徐光文" in view.title


def test_event_view_and_unknown_names(sample):
    view = make_view(sample, ViewSpec(event="莲都区委常委会会议", kinds=("person", "policy")))
    kinds = {d["kind"] for _, d in view.graph.nodes(data=True)}
    assert kinds == {"meeting", "person", "policy"}
    with pytest.raises(ViewError, match="no person named '无名氏'"):
        make_view(sample, ViewSpec(person="无名氏"))


# ---- layout and page -------------------------------------------------------------------------------
def test_layout_is_deterministic_and_spread(view_large_graph):
    g = make_view(to_networkx(view_large_graph), ViewSpec(max_nodes=400)).graph
    first, second = positions(g), positions(g)
    assert first == second and set(first) == set(g)
    assert len(set(first.values())) == len(g)  # no two nodes on one spot


def test_large_view_has_positions_and_no_physics(view_large_graph):
    view = make_view(to_networkx(view_large_graph))
    assert len(view.graph) == 300 > PHYSICS_MAX_NODES
    data = network_data(view)
    assert data["physics"] is False and data["options"]["physics"] == {"enabled": False}
    assert all("x" in n and "y" in n for n in data["nodes"])
    page = render(view, source="out/")
    assert "图较大，只显示连接最多的 300 个节点" in page
    assert "省略了 900 个节点" in page and "kg view out/ --person 姓名" in page


def test_small_view_uses_seeded_physics(sample):
    data = network_data(make_view(sample))
    assert data["physics"] is True
    assert data["options"]["layout"]["randomSeed"] == 7
    assert data["options"]["physics"]["stabilization"]["enabled"] is True


def test_same_graph_same_page(view_sample_graph):
    assert overview_html(view_sample_graph) == overview_html(view_sample_graph)


def test_page_is_self_contained(view_sample_graph):
    page = overview_html(view_sample_graph)
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page, re.I)
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page and "node_modules" not in page
    assert "vis.Network" in page and "徐光文" in page


def test_markup_in_the_graph_never_reaches_the_page_as_markup(view_hostile_graph):
    page = overview_html(view_hostile_graph)
    assert HOSTILE not in page and "<img src=x" not in page and "<i>标题</i>" not in page
    data = json.loads(re.search(
        r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(1))
    labels = {i["label"] for i in data["info"].values()}
    assert HOSTILE in labels  # the text itself survives, escaped


def test_script_json_cannot_close_the_script_element():
    text = _script_json({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_short_label():
    assert short_label("徐光文") == "徐光文"
    assert short_label("一二三四五六七八九十") == "一二三四五六七八九十"
    assert short_label("一二三四五六七八九十一") == "一二三四五六七八九十…"
    assert short_label("  ") == "?"


# ---- command line --------------------------------------------------------------------------------
def test_build_writes_the_overview(view_sample_build):
    page = (view_sample_build / "graph.html").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "全图概览" in page


def test_kg_view_person(view_sample_build, tmp_path, capsys):
    out = tmp_path / "xu.html"
    assert main(["view", str(view_sample_build), "--person", "徐光文", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "人物“徐光文”的关系网（1 步以内）" in page
    assert "5 nodes" in capsys.readouterr().err


def test_kg_view_filters_and_default_output(view_sample_build, tmp_path):
    ttl = tmp_path / "g.ttl"
    ttl.write_bytes((view_sample_build / "graph.ttl").read_bytes())
    assert main(["view", str(ttl), "--type", "人物,机构", "--since", "2020-06-03",
                 "--max-nodes", "4"]) == 0
    page = (tmp_path / "view.html").read_text(encoding="utf-8")
    assert "类型：人物、机构" in page and "显示 <b>4</b> 个节点" in page


def test_kg_view_errors(view_sample_build, tmp_path, capsys):
    assert main(["view", str(view_sample_build), "--person", "无名氏", "-o",
                 str(tmp_path / "x.html")]) == 1
    assert "no person named '无名氏'" in capsys.readouterr().err
    assert main(["view", str(tmp_path / "missing")]) == 2
    assert main(["view", str(view_sample_build), "--since", "2020-07-01", "--until", "2020-06-01"]) == 2
    for bad in (["--type", "robot"], ["--max-nodes", "0"], ["--radius", "-1"], ["--since", "6月"]):
        with pytest.raises(SystemExit) as exc:
            main(["view", str(view_sample_build), *bad])
        assert exc.value.code == 2


def test_view_html_of_an_empty_graph():
    from rdflib import Graph

    page = view_html(Graph())
    assert "显示 <b>0</b> 个节点" in page


def test_fast_loader_reads_the_same_statements(view_sample_build):
    from kg.view.load import load_graph, load_triples

    slow = to_networkx(load_graph(view_sample_build / "graph.trig"))
    for path in (view_sample_build, view_sample_build / "graph.trig"):
        fast = to_networkx(load_triples(path))
        assert dict(fast.nodes(data=True)) == dict(slow.nodes(data=True))
        assert sorted(fast.edges(keys=True)) == sorted(slow.edges(keys=True))


def test_dated_events_show_their_date_and_tenure_edges_their_post(sample):
    data = network_data(make_view(sample))
    labels = {n["label"] for n in data["nodes"]}
    assert "莲都区委常委会会议\n2020-06-02" in labels  # many meetings of one name are told apart
    assert any(e["label"].startswith("任职 ") and "莲都区委书记" in e["label"] for e in data["edges"])


def test_a_period_view_has_no_isolated_nodes(sample):
    view = make_view(sample, ViewSpec(since="2020-06-01", until="2020-06-03"))
    g = view.graph
    assert len(g) > 0 and all(g.degree(n) > 0 for n in g)
    whole = in_period(sample, "2020-06-01", "2020-06-03")
    assert any(whole.degree(n) == 0 for n in whole), "the period alone leaves some nodes loose"


# ---- the people overview (kg view --people, issue #21) -------------------------------------------
def _shared_events(g: nx.MultiDiGraph, since: str = "", until: str = "9999") -> dict[frozenset, int]:
    """Pairs of people and the number of events (dated in the period) they took part in together."""
    from kg.view.filters import node_dates

    people_at: dict[str, set[str]] = {}
    for a, b, rel in g.edges(data="rel"):
        if rel in ("chair", "attendee", "speaker") and g.nodes[a]["kind"] == "person":
            dates = node_dates(g.nodes[b])
            if not since or any(since <= d <= until for d in dates):
                people_at.setdefault(b, set()).add(a)
    pairs: dict[frozenset, int] = {}
    for people in people_at.values():
        for a in people:
            for b in people:
                if a < b:
                    pairs[frozenset((a, b))] = pairs.get(frozenset((a, b)), 0) + 1
    return pairs


def test_people_view_links_people_by_their_shared_events(view_hostile_graph):
    from kg.view.people import people_view

    sample = to_networkx(view_hostile_graph)  # the sample, and someone at 徐光文's meeting
    pv = people_view(sample)
    want = _shared_events(sample)
    assert want
    assert {frozenset(e): w for *e, w in pv.graph.edges(data="weight")} == want
    xu = node_named(sample, "徐光文")
    assert xu in pv.graph and all(pv.graph.degree(n) for n in pv.graph)  # nobody alone
    assert all(pv.graph.nodes[n]["community"] >= 1 for n in pv.graph)
    assert pv.graph.nodes[xu]["strength"] == sum(w for e, w in want.items() if xu in e)


def test_people_view_of_a_period_counts_only_its_events(view_large_graph):
    from kg.view.people import people_view

    g = to_networkx(view_large_graph)
    pv = people_view(g, since="2021-03-01", until="2021-03-31", max_nodes=2000)
    want = _shared_events(g, "2021-03-01", "2021-03-31")
    assert want and {frozenset(e): w for *e, w in pv.graph.edges(data="weight")} == want
    assert pv.title.startswith("人物共同参与网络（2021-03-01 至 2021-03-31）")
    assert len(pv.graph) < len(people_view(g, max_nodes=2000).graph)


def test_people_view_is_capped_by_shared_events_and_says_who_is_left_out(view_large_graph):
    from kg.view.people import people_view, render_people

    g = to_networkx(view_large_graph)
    pv = people_view(g, max_nodes=100)
    assert len(pv.graph) == 100 and pv.omitted.nodes == pv.total_people - 100
    strongest = sorted(pv.graph, key=lambda n: -pv.graph.nodes[n]["strength"])[0]
    assert pv.graph.nodes[strongest]["label"] == "人物0"  # the synthetic graph's busiest person
    page = render_people(g, pv, source="out/")
    assert "图较大，只显示连接最多的 100 个节点" in page and "最核心的人物" in page
    assert "社群 1" in page and "共同参加" in page


def test_people_page_is_self_contained_and_escaped(view_hostile_graph):
    from kg.view.people import people_view, render_people

    g = to_networkx(view_hostile_graph)
    page = render_people(g, people_view(g))
    assert HOSTILE not in page and "<img src=x" not in page
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page, re.I)
    data = json.loads(re.search(
        r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(1))
    assert HOSTILE in {i["label"] for i in data["info"].values()}
    assert data["physics"] is False and all("x" in n and "lpx" in n and "rank" in n for n in data["nodes"])


def test_kg_view_people(view_sample_build, tmp_path, capsys):
    out = tmp_path / "people.html"
    assert main(["view", str(view_sample_build), "--people", "-o", str(out)]) == 0
    assert "人物共同参与网络" in out.read_text(encoding="utf-8")
    assert "people" in capsys.readouterr().err
    assert main(["view", str(view_sample_build), "--people", "--since", "2020-06-01", "--until",
                 "2020-06-30", "-o", str(out)]) == 0
    assert main(["view", str(view_sample_build), "--people", "--person", "徐光文"]) == 2


def test_layout_of_a_weighted_graph_places_leaves_around_their_hub():
    star = nx.Graph()
    star.add_edge("hub", "other", weight=3)
    star.add_edge("other", "third", weight=1)
    star.add_edge("hub", "third", weight=1)
    for i in range(12):
        star.add_edge("hub", f"leaf{i}", weight=1)
    pos = positions(star)
    assert pos == positions(star) and len(set(pos.values())) == len(star)
    hub = pos["hub"]
    dist = sorted(((x - hub[0]) ** 2 + (y - hub[1]) ** 2) ** 0.5 for n, (x, y) in pos.items() if n.startswith("leaf"))
    assert dist[-1] < 3 * dist[0]  # the leaves ring their hub
