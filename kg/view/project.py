"""Project the RDF graph onto a networkx graph of the things people look at: people, posts'
organisations, events, policies, places, platforms and enterprises, with the relations between
them and the evidence sentences of each node."""

from __future__ import annotations

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import ORG, PROV, RDF

from kg.rdf.vocab import LG, SDO

KINDS = {
    SDO.Person: "person",
    LG.Meeting: "meeting",
    LG.Launch: "event",
    LG.Inspection: "event",
    LG.Signing: "event",
    SDO.Event: "event",
    ORG.Organization: "organization",
    LG.PartyCommittee: "organization",
    ORG.OrganizationalUnit: "organization",
    SDO.GovernmentOrganization: "organization",
    LG.Initiative: "policy",
    SDO.Legislation: "policy",
    LG.DigitalPlatform: "platform",
    SDO.Place: "place",
    SDO.AdministrativeArea: "place",
    SDO.Corporation: "enterprise",
    LG.EnterpriseGroup: "enterprise",
}
EDGE_LABELS = {
    LG.chair: "主持", SDO.attendee: "出席", LG.speaker: "讲话", LG.relays: "传达学习",
    LG.deploys: "部署", LG.studies: "学习", LG.concerns: "涉及", SDO.organizer: "组织",
    LG.launches: "上线", LG.runsOn: "依托", SDO.containedInPlace: "位于", LG.inspects: "调研",
}


def _name(g: Graph, node) -> str:
    return str(g.value(node, SDO.name) or node.rsplit("/", 1)[-1])


def to_networkx(g: Graph) -> nx.MultiDiGraph:
    out = nx.MultiDiGraph()
    for cls, kind in KINDS.items():
        for node in g.subjects(RDF.type, cls):
            if node in out:
                continue
            evidence = []
            for s in g.objects(node, PROV.wasDerivedFrom):
                text = g.value(s, LG.text)
                article = g.value(s, URIRef("http://purl.org/dc/terms/isPartOf"))
                title = g.value(article, URIRef("http://purl.org/dc/terms/title")) if article else None
                if text:
                    evidence.append((str(title or ""), str(text)))
            posts = sorted(str(g.value(p, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")) or "")
                           for p in g.objects(node, ORG.holds))
            aliases = sorted({str(a) for a in g.objects(node, SDO.alternateName)})
            date = g.value(node, SDO.startDate)
            out.add_node(str(node), kind=kind, label=_name(g, node), posts=posts, aliases=aliases,
                         date=str(date) if date else "", evidence=sorted(set(evidence))[:5])
    for pred, label in EDGE_LABELS.items():
        for s, o in g.subject_objects(pred):
            if str(s) in out and str(o) in out:
                out.add_edge(str(s), str(o), key=label, label=label)
    # people hold posts in organisations: one 任职 edge per organisation
    for person, post in g.subject_objects(ORG.holds):
        org = g.value(post, ORG.postIn)
        if org is not None and str(person) in out and str(org) in out:
            role = g.value(post, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))
            out.add_edge(str(person), str(org), key=f"任职:{role}", label="任职")
    # commendations: event -> honoured group
    for event, honour in g.subject_objects(LG.commendation):
        for group in g.objects(honour, LG.recipient):
            if str(event) in out and str(group) in out:
                out.add_edge(str(event), str(group), key="表彰", label="表彰")
    return out
