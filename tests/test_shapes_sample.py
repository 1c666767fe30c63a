"""The bundled sample page builds into a graph that conforms to ontology/shapes.ttl, and the
shapes cover every class the emitter can write (ontology.md §3.8)."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import ORG, PROV, RDF, RDFS, SH

from kg.rdf.emit import CLASSES
from kg.rdf.validate import ontology_graph, shapes_graph, validate_path
from kg.rdf.vocab import LG, SDO

# Classes emit.py writes outside the CLASSES table (articles, sentences, bylines, posts, tenures).
OTHER_EMITTED = {SDO.NewsArticle, LG.Sentence, PROV.Attribution, SDO.Person, ORG.Post, ORG.Role,
                 LG.Tenure}


@pytest.mark.parametrize("name", ["graph.ttl", "graph.trig"])
def test_shapes_sample_build_conforms(lg_sample_build, name):
    result = validate_path(lg_sample_build / name)
    assert result.conforms, result.report()
    assert result.violations == ()
    assert result.triples > 500
    assert result.summary().endswith("conforms")


def test_shapes_sample_build_folder_is_read_through_graph_ttl(lg_sample_build):
    result = validate_path(lg_sample_build)
    assert result.source == str(lg_sample_build / "graph.ttl")
    assert result.conforms


def targeted_classes(shapes: Graph, ontology: Graph) -> set[URIRef]:
    """Classes whose instances some shape targets, directly or as a subclass of a target."""
    targets = set(shapes.objects(None, SH.targetClass))
    classes = set(ontology.subjects(RDFS.subClassOf, None)) | targets
    return {c for c in classes
            if set(ontology.transitive_objects(c, RDFS.subClassOf)) & targets}


def emitted_classes() -> set[URIRef]:
    return {c for classes in CLASSES.values() for c in classes} | OTHER_EMITTED


def test_shapes_sample_every_emitted_class_has_a_shape():
    covered = targeted_classes(shapes_graph(), ontology_graph())
    assert sorted(emitted_classes() - covered) == []


def test_shapes_sample_every_class_in_the_build_has_a_shape(lg_sample_build):
    data = Graph().parse(lg_sample_build / "graph.ttl", format="turtle")
    used = set(data.objects(None, RDF.type))
    assert LG.Meeting in used and LG.Tenure in used
    assert sorted(used - targeted_classes(shapes_graph(), ontology_graph())) == []


def test_shapes_sample_shapes_graph_is_well_formed():
    """Every shape has a target, and sh:severity sits on shapes, never on a SPARQL constraint
    node, where pyshacl ignores it (ontology.md §1.10, pitfall 1)."""
    shapes = shapes_graph()
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    assert len(node_shapes) > 20
    untargeted = [s for s in node_shapes
                  if not any((s, p, None) in shapes for p in (SH.targetClass, SH.targetNode,
                                                              SH.targetSubjectsOf, SH.targetObjectsOf))]
    assert untargeted == []
    constraints = set(shapes.objects(None, SH.sparql))
    assert constraints and all((c, SH.severity, None) not in shapes for c in constraints)
    assert (URIRef("https://kg.example.org/ns/lg/shapes#EventDateWarningShape"), SH.severity,
            SH.Warning) in shapes
