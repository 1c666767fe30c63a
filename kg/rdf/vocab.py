"""RDF namespaces used by kg (ontology.md §3.7). Only kg.rdf imports this module."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

LG = Namespace("https://kg.example.org/ns/lg#")
SDO = Namespace("http://schema.org/")  # not rdflib.namespace.SDO, which is https://schema.org/
OPENGOV = Namespace("http://www.w3.org/ns/opengov#")
DEFAULT_BASE = "https://kg.example.org/id/"

# Instance namespaces, one per kind, so Turtle shows readable prefixed names (person:徐光文).
INSTANCE_PREFIXES = {
    "person": "person",
    "org": "orgn",
    "post": "post",
    "tenure": "tenure",
    "role": "role",
    "event": "event",
    "policy": "policy",
    "law": "law",
    "platform": "platform",
    "place": "place",
    "enterprise": "enterprise",
    "group": "group",
    "honour": "honour",
    "award": "award",
    "article": "art",
    "sentence": "sent",
    "attribution": "attribution",
    "derivation": "derivation",
}

STANDARD_PREFIXES = {
    "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "org": ORG, "opengov": OPENGOV,
    "schema": SDO, "prov": PROV, "skos": SKOS, "dcterms": DCTERMS, "lg": LG,
}
