"""Project the RDF graph onto a networkx graph of what people look at.

Nodes are people, organisations, events (meetings and others), policies and laws, platforms,
places and enterprises; articles, sentences, posts and tenures are not nodes but travel as node
attributes (evidence sentences with their article titles and dates, posts held). Edges carry the
relation's Chinese label (主持, 出席, 讲话, 传达学习, 部署, 表彰, 任职…) and point the way one reads
it: 徐光文 —主持→ 莲都区委常委会会议.

Node attributes: ``kind`` (a key of :data:`KIND_NAMES`), ``subtype`` (Chinese class name),
``label``, ``aliases``, ``posts``, ``roles`` (byline roles), ``date`` (the node's own date, ISO of
any precision), ``reported`` (ISO dates of the articles it appears in), ``evidence`` (up to
:data:`EVIDENCE_LIMIT` ``(article title, article date, sentence)`` triples) and
``evidence_count``. Edge attributes: ``rel`` (a relation key), ``label`` and ``detail``.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS

from kg.rdf.vocab import LG, SDO

EVIDENCE_LIMIT = 5

# Entity kinds shown in views, in legend order, with their Chinese names.
KIND_NAMES: dict[str, str] = {
    "person": "人物",
    "meeting": "会议",
    "event": "活动",
    "organization": "机构",
    "policy": "政策法规",
    "platform": "平台",
    "place": "地点",
    "enterprise": "企业",
}

# RDF class -> (view kind, Chinese subtype). Order matters: a node typed with several classes
# takes the first that matches.
CLASS_KINDS: tuple[tuple[URIRef, str, str], ...] = (
    (SDO.Person, "person", "人物"),
    (LG.Meeting, "meeting", "会议"),
    (LG.Launch, "event", "上线"),
    (LG.Inspection, "event", "调研"),
    (LG.Signing, "event", "签约"),
    (LG.Speech, "event", "讲话"),
    (SDO.Event, "event", "活动"),
    (LG.PartyCommittee, "organization", "党委"),
    (SDO.GovernmentOrganization, "organization", "政府机构"),
    (SDO.NewsMediaOrganization, "organization", "媒体"),
    (ORG.OrganizationalUnit, "organization", "内设机构"),
    (LG.EnterpriseGroup, "enterprise", "企业群体"),
    (SDO.Corporation, "enterprise", "企业"),
    (ORG.Organization, "organization", "机构"),
    (SDO.Legislation, "policy", "法律法规"),
    (LG.Initiative, "policy", "政策举措"),
    (LG.DigitalPlatform, "platform", "数字平台"),
    (SDO.AdministrativeArea, "place", "行政区"),
    (SDO.Place, "place", "地点"),
)
# Classes the emitter uses that are deliberately not nodes of a view (they travel as attributes
# or are intermediate nodes): checked against kg.rdf.emit.CLASSES by the tests.
NOT_NODES: frozenset[URIRef] = frozenset(
    {LG.Commendation, SKOS.Concept, ORG.FormalOrganization, ORG.Post, ORG.Role, LG.Tenure,
     SDO.NewsArticle, LG.Sentence, PROV.Attribution}
)

# Relation predicate -> (key, Chinese label, reversed?). Reversed edges point from the object to
# the subject so that they read naturally (person 主持 meeting, organisation 组织 meeting).
RELATIONS: tuple[tuple[URIRef, str, str, bool], ...] = (
    (LG.chair, "chair", "主持", True),
    (SDO.attendee, "attendee", "出席", True),
    (LG.speaker, "speaker", "讲话", True),
    (SDO.organizer, "organizer", "组织", True),
    (LG.relays, "relays", "传达学习", False),
    (LG.studies, "studies", "学习", False),
    (LG.deploys, "deploys", "部署", False),
    (LG.concerns, "concerns", "涉及", False),
    (SDO.location, "location", "地点", False),
    (LG.launches, "launches", "上线", False),
    (LG.runsOn, "runsOn", "依托", False),
    (SDO.provider, "provider", "提供", False),
    (LG.inspects, "inspects", "调研", False),
    (LG.signatory, "signatory", "签约", False),
    (LG.deliveredAt, "deliveredAt", "发表于", False),
    (LG.jurisdiction, "jurisdiction", "辖区", False),
    (SDO.containedInPlace, "containedInPlace", "位于", False),
)
# Relations of people to events: the co-participation network of `kg stats` is built on them.
PARTICIPATION = frozenset({"chair", "attendee", "speaker"})
EXTRA_RELATIONS = {"tenure": "任职", "commendation": "表彰"}
# Predicates the emitter uses that do not become view edges (articles are not nodes; awards,
# commendation records and the like are folded into other edges).
NOT_EDGES: frozenset[URIRef] = frozenset(
    {SDO.author, LG.awardTitle, LG.commendation, LG.recipient}
)


class Triples:
    """The statements of a graph as plain strings, indexed for the lookups the projection makes.

    IRIs are their strings, blank nodes ``_:id``, literals their lexical form. Much faster to
    build and query than an rdflib Graph (the news corpus: 350 k statements), and it reads a
    Dataset as the union of its graphs without copying it.
    """

    def __init__(self) -> None:
        self._sp: dict[str, dict[str, dict[str, None]]] = {}  # s -> p -> objects, in order
        self._p: dict[str, list[tuple[str, str]]] = {}
        self._reverse: dict[str, dict[str, list[str]]] = {}

    def add(self, s: str, p: str, o: str) -> None:
        objects = self._sp.setdefault(s, {}).setdefault(p, {})
        if o not in objects:
            objects[o] = None
            self._p.setdefault(p, []).append((s, o))
            self._reverse.pop(p, None)

    def __len__(self) -> int:
        return sum(len(pairs) for pairs in self._p.values())

    # Predicates and objects may be given as rdflib terms: an rdflib URIRef does not hash like
    # its string, so every lookup goes through str().
    def objects(self, s: str, p: str) -> list[str]:
        return list(self._sp.get(s, {}).get(str(p), ()))

    def value(self, s: str, p: str) -> str | None:
        """One object of (s, p): the least, so that the choice is stable."""
        objects = self._sp.get(s, {}).get(str(p))
        return min(objects) if objects else None

    def pairs(self, p: str) -> list[tuple[str, str]]:
        return self._p.get(str(p), [])

    def subjects(self, p: str, o: str) -> list[str]:
        p = str(p)
        if p not in self._reverse:
            index: dict[str, list[str]] = {}
            for s, obj in self.pairs(p):
                index.setdefault(obj, []).append(s)
            self._reverse[p] = index
        return self._reverse[p].get(str(o), [])

    @classmethod
    def of(cls, graph: Dataset | Graph | Triples) -> Triples:
        """The statements of an rdflib Graph, or of all the graphs of a Dataset."""
        if isinstance(graph, Triples):
            return graph
        out = cls()
        if isinstance(graph, Dataset):  # a store asked with no context answers for all graphs
            statements = (t for t, _ in graph.store.triples((None, None, None), None))
        else:
            statements = graph.triples((None, None, None))
        add = out.add
        for s, p, o in statements:
            add(_key(s), str(p), _key(o))
        return out


class _P:
    """Predicates looked up per node, as the index's plain-string keys (rdflib's Namespace
    builds a new URIRef on every attribute access)."""

    labels = (str(SDO.name), str(SKOS.prefLabel), str(RDFS.label))
    title, issued, part_of = str(DCTERMS.title), str(DCTERMS.issued), str(DCTERMS.isPartOf)
    dateline, text, reported_in = str(LG.datelineDate), str(LG.text), str(LG.reportedIn)
    derived_from, agent = str(PROV.wasDerivedFrom), str(PROV.agent)
    holds, role_name, alias = str(ORG.holds), str(LG.roleName), str(SDO.alternateName)
    start, part_of_day = str(SDO.startDate), str(LG.partOfDay)


def _key(term) -> str:
    return f"_:{term}" if type(term) is BNode else str(term)


def _label(g: Triples, node: str) -> str:
    for pred in _P.labels:
        value = g.value(node, pred)
        if value is not None:
            return value
    return node.rsplit("/", 1)[-1]


class _Articles:
    """Article titles and dates, and sentence texts, looked up once each."""

    def __init__(self, g: Triples):
        self.g = g
        self._articles: dict[str, tuple[str, str]] = {}
        self._sentences: dict[str, tuple[str, str, str] | None] = {}

    def article(self, node: str) -> tuple[str, str]:
        if node not in self._articles:
            title = self.g.value(node, _P.title) or ""
            issued = self.g.value(node, _P.issued) or self.g.value(node, _P.dateline) or ""
            self._articles[node] = (title, issued)
        return self._articles[node]

    def sentence(self, node: str) -> tuple[str, str, str] | None:
        """(article title, article date, sentence text), or None for a sentence without text."""
        if node not in self._sentences:
            text = self.g.value(node, _P.text)
            article = self.g.value(node, _P.part_of)
            if text is None:
                self._sentences[node] = None
            else:
                title, issued = self.article(article) if article is not None else ("", "")
                self._sentences[node] = (title, issued, text)
        return self._sentences[node]


def _kinds(g: Triples) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for cls, kind, subtype in CLASS_KINDS:
        for node in g.subjects(RDF.type, cls):
            if not node.startswith("_:") and node not in out:
                out[node] = (kind, subtype)
    return out


def _node_attrs(g: Triples, node: str, kind: str, subtype: str, articles: _Articles) -> dict:
    evidence = {articles.sentence(s) for s in g.objects(node, _P.derived_from)}
    evidence.discard(None)
    for article in g.objects(node, _P.reported_in):
        title, issued = articles.article(article)
        if title:
            evidence.add((title, issued, ""))
    ordered = sorted(evidence, key=lambda e: (e[1], e[0], e[2]))
    posts = sorted({_label(g, post) for post in g.objects(node, _P.holds)})
    roles = sorted({g.value(qa, _P.role_name) or "" for qa in g.subjects(_P.agent, node)} - {""})
    label = _label(g, node)
    aliases = sorted(set(g.objects(node, _P.alias)) - {label})
    return {
        "kind": kind,
        "subtype": subtype,
        "label": label,
        "aliases": aliases,
        "posts": posts,
        "roles": roles,
        "date": g.value(node, _P.start) or "",
        "part_of_day": g.value(node, _P.part_of_day) or "",
        "reported": sorted({e[1] for e in ordered if e[1]}),
        "evidence": [e for e in ordered if e[2]][:EVIDENCE_LIMIT],
        "evidence_count": sum(1 for e in ordered if e[2]),
    }


def _edges(g: Triples, nodes: dict) -> Iterable[tuple[str, str, str, dict]]:
    for pred, key, label, reverse in RELATIONS:
        for s, o in g.pairs(pred):
            if s in nodes and o in nodes and s != o:
                a, b = (o, s) if reverse else (s, o)
                yield a, b, key, {"rel": key, "label": label, "detail": ""}
    for person, post in g.pairs(ORG.holds):
        org = g.value(post, ORG.postIn)
        if person in nodes and org in nodes:
            post_label = _label(g, post)
            yield person, org, f"tenure:{post_label}", {
                "rel": "tenure", "label": EXTRA_RELATIONS["tenure"], "detail": post_label}
    for event, honour in g.pairs(LG.commendation):
        title = g.value(honour, LG.awardTitle)
        award = _label(g, title) if title is not None else ""
        for group in g.objects(honour, LG.recipient):
            if event in nodes and group in nodes:
                yield event, group, "commendation", {
                    "rel": "commendation", "label": EXTRA_RELATIONS["commendation"],
                    "detail": award}


def to_networkx(graph: Dataset | Graph | Triples) -> nx.MultiDiGraph:
    """Project *graph* (a Graph, a Dataset read as the union of its graphs, or Triples).

    Node ids are IRIs as strings; parallel edges are kept apart by relation key.
    """
    g = Triples.of(graph)
    kinds = _kinds(g)
    articles = _Articles(g)
    out = nx.MultiDiGraph()
    for node in sorted(kinds):
        kind, subtype = kinds[node]
        out.add_node(node, **_node_attrs(g, node, kind, subtype, articles))
    for a, b, key, data in sorted(_edges(g, kinds), key=lambda e: e[:3]):
        out.add_edge(a, b, key=key, **data)
    return out
