"""ontology/shapes.ttl rejects broken graphs: each fixture breaks one rule of a small graph that
conforms, and validation must report a violation at that node and path (ontology.md §3.8)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from rdflib import Graph, Literal

from kg.rdf.emit import bind_prefixes
from kg.rdf.validate import ValidationResult, validate_graph

PREFIXES = """
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix opengov: <http://www.w3.org/ns/opengov#> .
@prefix schema:  <http://schema.org/> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix lg:      <https://kg.example.org/ns/lg#> .
@prefix person:  <https://kg.example.org/id/person/> .
@prefix orgn:    <https://kg.example.org/id/org/> .
@prefix post:    <https://kg.example.org/id/post/> .
@prefix tenure:  <https://kg.example.org/id/tenure/> .
@prefix role:    <https://kg.example.org/id/role/> .
@prefix event:   <https://kg.example.org/id/event/> .
@prefix policy:  <https://kg.example.org/id/policy/> .
@prefix honour:  <https://kg.example.org/id/honour/> .
@prefix group:   <https://kg.example.org/id/group/> .
@prefix art:     <https://kg.example.org/id/article/> .
@prefix sent:    <https://kg.example.org/id/sentence/> .
"""

# A small graph in the shape kg/rdf/emit.py writes: an article and its sentence, a meeting with a
# chair and an organizer unit, a tenure with its post and role, a policy and a commendation.
BASE = PREFIXES + """
art:a1 a schema:NewsArticle ; dcterms:identifier "a1" ; dcterms:title "区委常委会召开会议"@zh ;
    dcterms:issued "2020-06-03"^^xsd:date .
sent:a1_s000 a lg:Sentence ; dcterms:isPartOf art:a1 ; lg:index 0 ; lg:charStart 0 ; lg:charEnd 30 ;
    lg:text "6月2日，区委书记张三主持召开区委常委会会议，表彰了10家十强企业。"@zh .
event:2020-06-02_区委常委会会议 a lg:Meeting ; schema:name "区委常委会会议"@zh ;
    schema:startDate "2020-06-02"^^xsd:date ; lg:chair person:张三 ;
    schema:organizer orgn:区委常委会 ; lg:deploys policy:二次创业 ; lg:reportedIn art:a1 ;
    lg:commendation honour:h1 ; prov:wasDerivedFrom sent:a1_s000 .
person:张三 a schema:Person ; schema:name "张三"@zh ; org:holds post:区委_书记 ;
    prov:wasDerivedFrom sent:a1_s000 .
orgn:区委 a lg:PartyCommittee ; schema:name "区委"@zh ; prov:wasDerivedFrom sent:a1_s000 .
orgn:区委常委会 a org:OrganizationalUnit ; schema:name "区委常委会"@zh ; prov:wasDerivedFrom sent:a1_s000 .
role:书记 a org:Role , skos:Concept ; skos:inScheme lg:RoleScheme ; skos:prefLabel "书记"@zh .
post:区委_书记 a org:Post ; org:postIn orgn:区委 ; org:role role:书记 ; skos:prefLabel "区委书记"@zh .
tenure:张三_区委_书记 a lg:Tenure ; org:member person:张三 ; org:organization orgn:区委 ;
    org:role role:书记 ; opengov:post post:区委_书记 ; prov:wasDerivedFrom sent:a1_s000 .
policy:二次创业 a lg:Initiative ; schema:name "二次创业"@zh ; skos:prefLabel "二次创业"@zh ;
    skos:inScheme lg:PolicyScheme ; prov:wasDerivedFrom sent:a1_s000 .
honour:h1 a lg:Commendation ; schema:name "表彰：十强企业"@zh ; lg:recipient group:十强企业 ;
    prov:wasDerivedFrom sent:a1_s000 .
group:十强企业 a lg:EnterpriseGroup ; schema:name "十强企业"@zh ; lg:memberCount 10 ;
    prov:wasDerivedFrom sent:a1_s000 .
"""

MEETING = "event:2020-06-02_区委常委会会议"


@dataclass(frozen=True)
class Breakage:
    name: str
    remove: tuple[str, ...]  # Turtle triples (with BASE's prefixes) taken out of BASE
    add: str  # Turtle added to BASE
    focus: str  # expected focus node of a violation, as a prefixed name
    path: str  # expected result path, "" for a node-level result


BREAKAGES = [
    Breakage("tenure without org:member",
             ("tenure:张三_区委_书记 org:member person:张三 .",), "",
             "tenure:张三_区委_书记", "org:member"),
    Breakage("sentence without article", ("sent:a1_s000 dcterms:isPartOf art:a1 .",), "",
             "sent:a1_s000", "dcterms:isPartOf"),
    Breakage("sentence in two articles", (),
             "sent:a1_s000 dcterms:isPartOf art:a2 . art:a2 a schema:NewsArticle ; "
             "dcterms:identifier \"a2\" ; dcterms:title \"另一篇\"@zh .",
             "sent:a1_s000", "dcterms:isPartOf"),
    Breakage("ill-typed event date",
             ("event:2020-06-02_区委常委会会议 schema:startDate \"2020-06-02\"^^xsd:date .",),
             "event:2020-06-02_区委常委会会议 schema:startDate \"2020年6月2日\"^^xsd:date .",
             MEETING, "schema:startDate"),
    Breakage("event date as a plain string",
             ("event:2020-06-02_区委常委会会议 schema:startDate \"2020-06-02\"^^xsd:date .",),
             "event:2020-06-02_区委常委会会议 schema:startDate \"2020-06-02\" .",
             MEETING, "schema:startDate"),
    Breakage("event with two dates", (),
             "event:2020-06-02_区委常委会会议 schema:startDate \"2020-06\"^^xsd:gYearMonth .",
             MEETING, "schema:startDate"),
    Breakage("event with a part of day that is not a language-tagged string", (),
             "event:2020-06-02_区委常委会会议 lg:partOfDay \"上午\" .",
             MEETING, "lg:partOfDay"),
    Breakage("article with two titles", (), "art:a1 dcterms:title \"第二个标题\"@zh .", "art:a1",
             "dcterms:title"),
    Breakage("article without title", ("art:a1 dcterms:title \"区委常委会召开会议\"@zh .",), "",
             "art:a1", "dcterms:title"),
    Breakage("article issued as a year",
             ("art:a1 dcterms:issued \"2020-06-03\"^^xsd:date .",),
             "art:a1 dcterms:issued \"2020\"^^xsd:gYear .", "art:a1", "dcterms:issued"),
    Breakage("article with two issue dates", (),
             "art:a1 dcterms:issued \"2020-06-04\"^^xsd:date .", "art:a1", "dcterms:issued"),
    Breakage("extracted node without evidence",
             ("policy:二次创业 prov:wasDerivedFrom sent:a1_s000 .",), "",
             "policy:二次创业", "prov:wasDerivedFrom"),
    Breakage("evidence that is not a sentence",
             ("orgn:区委 prov:wasDerivedFrom sent:a1_s000 .",),
             "orgn:区委 prov:wasDerivedFrom art:a1 .", "orgn:区委", "prov:wasDerivedFrom"),
    Breakage("chair that is an organisation",
             ("event:2020-06-02_区委常委会会议 lg:chair person:张三 .",),
             "event:2020-06-02_区委常委会会议 lg:chair orgn:区委 .", MEETING, "lg:chair"),
    Breakage("meeting without a name",
             ("event:2020-06-02_区委常委会会议 schema:name \"区委常委会会议\"@zh .",), "",
             MEETING, "schema:name"),
    Breakage("name without a language tag",
             ("orgn:区委 schema:name \"区委\"@zh .",), "orgn:区委 schema:name \"区委\" .",
             "orgn:区委", "schema:name"),
    Breakage("tenure organisation differs from its post's",
             ("tenure:张三_区委_书记 org:organization orgn:区委 .",),
             "tenure:张三_区委_书记 org:organization orgn:区委常委会 .",
             "tenure:张三_区委_书记", "opengov:post/org:postIn"),
    Breakage("post with two Chinese prefLabels", (), "post:区委_书记 skos:prefLabel \"莲都区委书记\"@zh .",
             "post:区委_书记", "skos:prefLabel"),
    Breakage("post in no organisation", ("post:区委_书记 org:postIn orgn:区委 .",), "",
             "post:区委_书记", "org:postIn"),
    Breakage("holds shortcut without a tenure", (),
             "person:张三 org:holds post:区委_常委 . post:区委_常委 a org:Post ; org:postIn orgn:区委 ; "
             "org:role role:书记 ; skos:prefLabel \"区委常委\"@zh .",
             "person:张三", "org:holds"),
    Breakage("person with no evidence and no byline",
             ("person:张三 prov:wasDerivedFrom sent:a1_s000 .",), "", "person:张三", ""),
    Breakage("commendation without recipient",
             ("honour:h1 lg:recipient group:十强企业 .",), "", "honour:h1", "lg:recipient"),
    Breakage("commendation conferred at no event",
             (f"{MEETING} lg:commendation honour:h1 .",), "", "honour:h1", "^lg:commendation"),
    Breakage("group with a non-integer count",
             ("group:十强企业 lg:memberCount 10 .",), "group:十强企业 lg:memberCount \"十\" .",
             "group:十强企业", "lg:memberCount"),
    Breakage("initiative with two Chinese prefLabels", (),
             "policy:二次创业 skos:prefLabel \"“二次创业”\"@zh .", "policy:二次创业", "skos:prefLabel"),
    Breakage("initiative outside the policy scheme",
             ("policy:二次创业 skos:inScheme lg:PolicyScheme .",), "", "policy:二次创业", "skos:inScheme"),
    Breakage("sentence ending before it starts",
             ("sent:a1_s000 lg:charEnd 30 .",), "sent:a1_s000 lg:charEnd -1 .",
             "sent:a1_s000", "lg:charStart"),
]


def graph_of(remove: tuple[str, ...] = (), add: str = "") -> Graph:
    g = Graph()
    bind_prefixes(g)
    g.parse(data=BASE, format="turtle")
    for text in remove:
        gone = Graph().parse(data=PREFIXES + text, format="turtle")
        assert len(gone) == 1 and all(t in g for t in gone), f"not a triple of BASE: {text}"
        for t in gone:
            g.remove(t)
    if add:
        g.parse(data=PREFIXES + add, format="turtle")
    return g


def located(result: ValidationResult, focus: str, path: str) -> list[str]:
    return [f.message for f in result.violations if f.focus == focus and f.path == path]


def test_shapes_negative_base_graph_conforms():
    result = validate_graph(graph_of())
    assert result.conforms, result.report()
    assert result.findings == ()


@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda b: b.name)
def test_shapes_negative_breakage_is_a_violation(breakage: Breakage):
    result = validate_graph(graph_of(breakage.remove, breakage.add))
    assert not result.conforms
    assert located(result, breakage.focus, breakage.path), result.report()


def test_shapes_negative_subclasses_need_the_mixed_in_ontology():
    """sh:class org:Organization accepts BASE's lg:PartyCommittee and org:OrganizationalUnit only
    because lg.ttl's subclass axioms are mixed into the data graph (ontology.md §1.10, pitfall 2);
    without them the tenure's organisation is rejected."""
    from pyshacl import validate
    from rdflib.namespace import ORG, SH

    from kg.rdf.validate import shapes_graph

    g = graph_of()
    assert validate_graph(g).conforms
    conforms, results, _ = validate(g, shacl_graph=shapes_graph(), inference="none", allow_warnings=True)
    assert not conforms
    committee = next(s for s in g.subjects() if str(s).endswith("/org/区委"))
    rejected = {(results.value(r, SH.resultPath), results.value(r, SH.value))
                for r in results.objects(None, SH.result)}
    assert (ORG.organization, committee) in rejected


def test_shapes_negative_month_day_dates_stay_valid():
    """A dateline without a year is xsd:gMonthDay ("--06-02"); validation must accept it and
    must not leave rdflib rejecting it afterwards (owlrl's RDFS closure does both)."""
    from rdflib.namespace import XSD

    g = graph_of((), 'art:a1 lg:datelineDate "--06-02"^^xsd:gMonthDay .')
    assert validate_graph(g).conforms
    assert not Literal("--06-02", datatype=XSD.gMonthDay).ill_typed


def test_shapes_negative_future_event_date_is_only_a_warning():
    g = graph_of(("event:2020-06-02_区委常委会会议 schema:startDate \"2020-06-02\"^^xsd:date .",),
                 "event:2020-06-02_区委常委会会议 schema:startDate \"2020-07-01\"^^xsd:date .")
    result = validate_graph(g)
    assert result.conforms
    [warning] = result.warnings
    assert (warning.focus, warning.path) == (MEETING, "schema:startDate")
    assert "2020-07-01" in warning.message and "2020-06-03" in warning.message


def test_shapes_negative_two_chairs_are_only_a_warning():
    """甲和乙共同主持: a co-chaired meeting is valid, and flagged for a look."""
    g = graph_of((), "event:2020-06-02_区委常委会会议 lg:chair person:李四 . "
                     "person:李四 a schema:Person ; schema:name \"李四\"@zh ; prov:wasDerivedFrom sent:a1_s000 .")
    result = validate_graph(g)
    assert result.conforms
    [warning] = result.warnings
    assert (warning.focus, warning.path) == (MEETING, "lg:chair")


def test_shapes_negative_referenced_meeting_needs_no_date():
    g = graph_of((), "event:2020_全市领导干部会议 a lg:Meeting ; schema:name \"全市领导干部会议\"@zh ; "
                     "prov:wasDerivedFrom sent:a1_s000 . "
                     f"{MEETING} lg:relays event:2020_全市领导干部会议 .")
    assert validate_graph(g).conforms


@pytest.mark.parametrize("date", ['"2020-06"^^xsd:gYearMonth', '"2020"^^xsd:gYear', '"--06-02"^^xsd:gMonthDay'])
def test_shapes_negative_partial_dates_are_accepted(date):
    g = graph_of((f'{MEETING} schema:startDate "2020-06-02"^^xsd:date .',),
                 f"{MEETING} schema:startDate {date} .")
    assert validate_graph(g).conforms
