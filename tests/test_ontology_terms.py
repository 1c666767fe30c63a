"""ontology/lg.ttl declares every lg: term kg uses, labels it in English and Chinese, and anchors
minted terms to the standard vocabularies (ontology.md §3.2–§3.4)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.rdf.vocab import LG, OPENGOV, SDO
from kg.resources import ontology_path

ROOT = Path(__file__).resolve().parent.parent
EMIT = ROOT / "kg" / "rdf" / "emit.py"
QUERIES = sorted((ROOT / "kg" / "queries").glob("*.rq"))
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
DECLARING_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                   SKOS.ConceptScheme}


@pytest.fixture(scope="module")
def lg() -> Graph:
    return Graph().parse(ontology_path("lg.ttl"), format="turtle")


def declared(g: Graph) -> set[URIRef]:
    return {s for t in DECLARING_TYPES for s in g.subjects(RDF.type, t)
            if isinstance(s, URIRef) and s.startswith(str(LG))}


def terms_in_python(text: str) -> set[URIRef]:
    """lg: terms a module uses as ``LG.name`` or ``LG["name"]``."""
    names = re.findall(r"\bLG\.([A-Za-z_]\w*)", text) + re.findall(r"\bLG\[\s*[\"'](\w+)[\"']\s*\]", text)
    return {LG[n] for n in names}


def terms_in_sparql(text: str) -> set[URIRef]:
    """lg: terms a query uses as prefixed names (comments stripped)."""
    body = "\n".join(line.split("#", 1)[0] if not line.lstrip().startswith("PREFIX") else ""
                     for line in text.splitlines())
    return {LG[n] for n in re.findall(r"(?<![\w:])lg:([A-Za-z_]\w*)", body)}


def test_ontology_terms_scanners_find_known_terms():
    assert terms_in_python('g.add((a, LG.chair, b)); LG["index"]') == {LG.chair, LG["index"]}
    assert terms_in_sparql("# lg:NotThis\nSELECT * { ?e lg:chair ?p ; a lg:Meeting }") == {LG.chair, LG.Meeting}


def test_ontology_terms_emitter_uses_are_declared(lg):
    used = terms_in_python(EMIT.read_text(encoding="utf-8"))
    assert len(used) > 40, "the scan found too few terms: has emit.py stopped using LG.x?"
    assert sorted(used - declared(lg)) == []


def test_ontology_terms_query_uses_are_declared(lg):
    assert QUERIES, "no canned queries found"
    used = set().union(*(terms_in_sparql(q.read_text(encoding="utf-8")) for q in QUERIES))
    assert LG.chair in used and LG.Tenure in used
    assert sorted(used - declared(lg)) == []


def test_ontology_terms_sample_build_uses_only_declared_terms(lg, lg_sample_build):
    data = Graph().parse(lg_sample_build / "graph.ttl", format="turtle")
    used = {t for triple in data for t in triple if isinstance(t, URIRef) and t.startswith(str(LG))}
    assert LG.Meeting in used and LG.Sentence in used
    assert sorted(used - declared(lg)) == []


def test_ontology_terms_have_english_and_chinese_labels(lg):
    missing = []
    for term in sorted(declared(lg)):
        langs = {lit.language for lit in lg.objects(term, RDFS.label) if isinstance(lit, Literal)}
        if not {"en", "zh"} <= langs:
            missing.append((term, sorted(filter(None, langs))))
    assert missing == []


@pytest.mark.parametrize(("term", "anchor"), [
    (LG.Meeting, SDO.Event), (LG.Launch, SDO.Event), (LG.Inspection, SDO.Event),
    (LG.Signing, SDO.Event), (LG.Speech, SDO.Event), (LG.Tenure, URIRef(ORG + "Membership")),
    (LG.PartyCommittee, URIRef(ORG + "Organization")), (LG.Initiative, SKOS.Concept),
    (LG.DigitalPlatform, SDO.SoftwareApplication), (LG.Sentence, URIRef(PROV + "Entity")),
])
def test_ontology_terms_minted_class_is_anchored(lg, term, anchor):
    assert (term, RDFS.subClassOf, anchor) in lg


@pytest.mark.parametrize(("term", "anchor"), [
    (LG.chair, SDO.attendee), (LG.speaker, SDO.attendee), (LG.concerns, SDO.about),
    (LG.relays, LG.concerns), (LG.studies, LG.concerns), (LG.deploys, LG.concerns),
    (LG.reportedIn, SDO.subjectOf), (LG.jurisdiction, OPENGOV.area),
])
def test_ontology_terms_minted_property_is_anchored(lg, term, anchor):
    assert (term, RDFS.subPropertyOf, anchor) in lg


def test_ontology_terms_copied_org_axioms_present(lg):
    """The ORG subclass axioms sh:class org:Organization relies on (ontology.md §1.10)."""
    organization = URIRef(ORG + "Organization")
    for sub in ("OrganizationalUnit", "FormalOrganization"):
        assert (URIRef(ORG + sub), RDFS.subClassOf, organization) in lg
    assert (SDO.AdministrativeArea, RDFS.subClassOf, SDO.Place) in lg


def test_ontology_terms_subproperty_chain_reaches_schema_about(lg):
    """CQ6 walks rdfs:subPropertyOf* from lg:deploys to lg:concerns and schema:about."""
    supers = set(lg.transitive_objects(LG.deploys, RDFS.subPropertyOf))
    assert {LG.concerns, SDO.about} <= supers


def test_ontology_terms_no_rdfs_domain_or_range(lg):
    """Domains and ranges are schema:domainIncludes/rangeIncludes: under the RDFS inference that
    kg validate runs, an rdfs:range would make the shapes' sh:class checks pass by entailment."""
    assert [(s, p) for p in (RDFS.domain, RDFS.range) for s in lg.subjects(p, None)] == []
    assert (LG.chair, SDO.rangeIncludes, SDO.Person) in lg


def test_ontology_terms_concept_schemes_declared(lg):
    for scheme in (LG.RoleScheme, LG.PolicyScheme, LG.AwardScheme):
        assert (scheme, RDF.type, SKOS.ConceptScheme) in lg
        assert {lit.language for lit in lg.objects(scheme, SKOS.prefLabel)} >= {"en", "zh"}
