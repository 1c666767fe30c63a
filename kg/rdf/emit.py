"""Extraction records to RDF: the only module that builds triples (ontology.md §3).

Every extracted node gets ``prov:wasDerivedFrom`` its sentence(s); each sentence is
``dcterms:isPartOf`` its article. Each article's statements go into a named graph of its own
(the article's IRI), so TriG output carries statement-level provenance and the union is the
whole graph.
"""

from __future__ import annotations

import hashlib
import re

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD

from kg.iri import compose, iri_key
from kg.model import Article, ArticleFacts, Entity, Evidence, Ref, Relation, Tenure
from kg.rdf.vocab import DEFAULT_BASE, INSTANCE_PREFIXES, LG, OPENGOV, SDO, STANDARD_PREFIXES

ZH = "zh"

# Relation predicates that extractors may use, and the RDF property each becomes.
PREDICATES = {
    "chair": LG.chair,
    "attendee": SDO.attendee,
    "speaker": LG.speaker,
    "relays": LG.relays,
    "studies": LG.studies,
    "deploys": LG.deploys,
    "concerns": LG.concerns,
    "organizer": SDO.organizer,
    "location": SDO.location,
    "launches": LG.launches,
    "runsOn": LG.runsOn,
    "provider": SDO.provider,
    "commendation": LG.commendation,
    "recipient": LG.recipient,
    "awardTitle": LG.awardTitle,
    "inspects": LG.inspects,
    "signatory": LG.signatory,
    "author": SDO.author,
    "deliveredAt": LG.deliveredAt,
    "jurisdiction": LG.jurisdiction,
    "containedInPlace": SDO.containedInPlace,
}

# Entity kind (and its "type" attribute) -> RDF classes; the IRI namespace is per kind.
CLASSES = {
    ("person", None): (SDO.Person,),
    ("org", None): (ORG.Organization,),
    ("org", "PartyCommittee"): (LG.PartyCommittee,),
    ("org", "GovernmentOrganization"): (SDO.GovernmentOrganization, ORG.Organization),
    ("org", "OrganizationalUnit"): (ORG.OrganizationalUnit,),
    ("org", "Newspaper"): (SDO.NewsMediaOrganization, ORG.Organization),
    ("event", None): (SDO.Event,),
    ("event", "Meeting"): (LG.Meeting,),
    ("event", "Launch"): (LG.Launch,),
    ("event", "Inspection"): (LG.Inspection,),
    ("event", "Signing"): (LG.Signing,),
    ("policy", None): (LG.Initiative,),
    ("law", None): (SDO.Legislation,),
    ("platform", None): (LG.DigitalPlatform,),
    ("place", None): (SDO.Place,),
    ("place", "AdministrativeArea"): (SDO.AdministrativeArea,),
    ("enterprise", None): (SDO.Corporation, ORG.FormalOrganization),
    ("group", None): (LG.EnterpriseGroup,),
    ("honour", None): (LG.Commendation,),
    ("award", None): (SKOS.Concept,),
    ("speech", None): (LG.Speech,),
}
KIND_NAMESPACE = {"speech": "event"}


class Emitter:
    """Mints IRIs under one base and adds records to an rdflib Dataset."""

    def __init__(self, base: str = DEFAULT_BASE, dataset: Dataset | None = None):
        if not re.match(r"^https?://\S+[/#]$", base):
            raise ValueError(f"the IRI base must be an http(s) IRI ending in / or #: {base!r}")
        self.base = base
        self.ds = dataset if dataset is not None else new_dataset(base)

    # ---- IRIs -------------------------------------------------------------------------
    def iri(self, kind: str, key: str) -> URIRef:
        ns = INSTANCE_PREFIXES[KIND_NAMESPACE.get(kind, kind)]
        return URIRef(f"{self.base}{_path(ns)}/{key}")

    def ref(self, ref: Ref) -> URIRef:
        return self.iri(ref.kind, iri_key(ref.key))

    def article_iri(self, article: Article) -> URIRef:
        return self.iri("article", iri_key(article.id))

    def sentence_iri(self, article_id: str, index: int) -> URIRef:
        return self.iri("sentence", f"{iri_key(article_id)}_s{index:03d}")

    def evidence_iri(self, ev: Evidence) -> URIRef:
        return self.sentence_iri(ev.article_id, ev.sentence_index)

    # ---- records ------------------------------------------------------------------------
    def emit_article_facts(self, facts: ArticleFacts) -> URIRef:
        """Add the article's statements to the dataset, in the article's named graph."""
        return self._emit_all(self.ds.graph(self.article_iri(facts.article)), facts)

    def article_nquads(self, facts: ArticleFacts) -> bytes:
        """The statements emit_article_facts would add, each once, as N-Quads in the article's
        named graph, without an rdflib store: what ``kg build`` keeps of an article (an rdflib
        Dataset of the news corpus takes 600 MB and a third of the build's time)."""
        sink = _Statements()
        self._emit_all(sink, facts)
        g = f" <{self.article_iri(facts.article)}> .\n"
        lines = dict.fromkeys(f"{_nt(s)} {_nt(p)} {_nt(o)}{g}" for s, p, o in sink.triples)
        return "".join(lines).encode("utf-8")

    def _emit_all(self, g: Graph, facts: ArticleFacts) -> URIRef:
        article = facts.article
        a = self.emit_article(g, article)
        for e in facts.entities:
            self.emit_entity(g, e)
        for t in facts.tenures:
            self.emit_tenure(g, t)
        for r in facts.relations:
            self.emit_relation(g, r)
        return a

    def emit_article(self, g: Graph, article: Article) -> URIRef:
        a = self.article_iri(article)
        g.add((a, RDF.type, SDO.NewsArticle))
        g.add((a, DCTERMS.identifier, Literal(article.id)))
        g.add((a, DCTERMS.title, Literal(article.title, lang=ZH)))
        g.add((a, DCTERMS.language, Literal("zh")))
        if article.publication_date:
            g.add((a, DCTERMS.issued, date_literal(article.publication_date)))
        if article.dateline_date:
            g.add((a, LG.datelineDate, date_literal(article.dateline_date)))
        if article.part_of_day:
            g.add((a, LG.partOfDay, Literal(article.part_of_day, lang=ZH)))
        for pred, value in (
            (LG.kicker, article.kicker),
            (LG.subtitle, article.subtitle),
            (SDO.printSection, article.section),
        ):
            if value:
                g.add((a, pred, Literal(value, lang=ZH)))
        if article.page:
            g.add((a, SDO.printPage, Literal(article.page)))
        if article.source:
            g.add((a, DCTERMS.publisher, Literal(article.source, lang=ZH)))
        if article.url and re.match(r"^https?://[^\s<>\"{}|\\^`]+$", article.url):
            g.add((a, SDO.url, URIRef(article.url)))
        # the input file's name, not its path: the same input builds the same graph anywhere
        g.add((a, DCTERMS.source, Literal(article.source_path.replace("\\", "/").rsplit("/", 1)[-1])))
        if article.line is not None:
            g.add((a, LG.sourceLine, Literal(article.line)))
        for caption in article.captions:
            g.add((a, LG.caption, Literal(caption, lang=ZH)))
        for n, author in enumerate(article.authors, start=1):
            person = self.iri("person", author_key(author.name, article))
            g.add((a, DCTERMS.creator, person))
            qa = self.iri("attribution", f"{iri_key(article.id)}_{n}")
            g.add((a, PROV.qualifiedAttribution, qa))
            g.add((qa, RDF.type, PROV.Attribution))
            g.add((qa, PROV.agent, person))
            role = author.role or "作者"  # (甲 乙): an author, with no role written to name
            g.add((qa, PROV.hadRole, self.iri("role", iri_key(role))))
            self._role(g, role)
            if author.role:
                g.add((qa, LG.roleName, Literal(author.role, lang=ZH)))
            g.add((person, RDF.type, SDO.Person))
            g.add((person, SDO.name, Literal(author.name, lang=ZH)))
        for s in article.sentences:
            node = self.sentence_iri(article.id, s.index)
            g.add((node, RDF.type, LG.Sentence))
            g.add((node, DCTERMS.isPartOf, a))
            g.add((node, LG["index"], Literal(s.index)))
            g.add((node, LG.text, Literal(s.text, lang=ZH)))
            g.add((node, LG.charStart, Literal(s.start)))
            g.add((node, LG.charEnd, Literal(s.end)))
            if s.kind != "body":
                g.add((node, LG.sentenceKind, Literal(s.kind)))
        return a

    def emit_entity(self, g: Graph, e: Entity) -> URIRef:
        node = self.ref(e.ref)
        etype = e.attr("type")
        for cls in CLASSES.get((e.kind, etype)) or CLASSES[(e.kind, None)]:
            g.add((node, RDF.type, cls))
        label = Literal(e.label, lang=ZH)
        if e.kind in ("policy", "award"):
            # one prefLabel per concept whatever the article's punctuation (亲、诚、惠、容 / 亲诚惠容):
            # the normalised key; each spelling stays in schema:name
            g.add((node, SKOS.prefLabel, Literal(iri_key(e.key), lang=ZH)))
            g.add((node, SKOS.inScheme, LG.PolicyScheme if e.kind == "policy" else LG.AwardScheme))
        g.add((node, SDO.name, label))
        g.add((node, RDFS.label, label))
        for alias in e.aliases:
            if alias != e.label:
                g.add((node, SDO.alternateName, Literal(alias, lang=ZH)))
        for name, value in e.attrs:
            self._attr(g, node, name, value)
        g.add((node, PROV.wasDerivedFrom, self.evidence_iri(e.evidence)))
        if e.attr("implied"):  # derived from a sentence that gives a post in it, not its name
            g.add((node, LG.impliedIn, self.evidence_iri(e.evidence)))
        return node

    def _attr(self, g: Graph, node: URIRef, name: str, value: str) -> None:
        if name in ("type", "level", "implied"):  # level: the build's log; implied: lg:impliedIn
            return
        if name == "date":
            g.add((node, SDO.startDate, date_literal(value)))
        elif name == "part_of_day":
            g.add((node, LG.partOfDay, Literal(value, lang=ZH)))
        elif name == "adcode":
            g.add((node, LG.adminCode, Literal(value)))
        elif name == "full_name":
            g.add((node, SDO.legalName, Literal(value, lang=ZH)))
        elif name == "count":
            g.add((node, LG.memberCount, Literal(int(value))))
        elif name == "year":
            g.add((node, LG.awardYear, Literal(value, datatype=XSD.gYear)))
        elif name == "reported_in":
            g.add((node, LG.reportedIn, self.iri("article", iri_key(value))))
        else:
            raise ValueError(f"unknown entity attribute {name!r}")

    def emit_relation(self, g: Graph, r: Relation) -> None:
        s, o = self.ref(r.subject), self.ref(r.object)
        g.add((s, PREDICATES[r.predicate], o))
        g.add((s, PROV.wasDerivedFrom, self.evidence_iri(r.evidence)))
        self.emit_derivation(g, (s, PREDICATES[r.predicate], o), r.evidence)

    def emit_derivation(self, g: Graph, statement: tuple[URIRef, URIRef, URIRef], ev: Evidence) -> None:
        """Which sentence a statement comes from and which extractor rule made it: a
        prov:Derivation qualifying the statement's subject (ontology.md §3.6), naming the
        statement (rdf:subject, rdf:predicate, rdf:object) so a wrong fact leads to its rule."""
        s, p, o = statement
        digest = hashlib.sha1(f"{s} {p} {o}".encode()).hexdigest()[:16]
        d = self.iri("derivation", f"{iri_key(ev.article_id)}_{ev.sentence_index}_{digest}")
        g.add((s, PROV.qualifiedDerivation, d))
        g.add((d, RDF.type, PROV.Derivation))
        g.add((d, PROV.entity, self.evidence_iri(ev)))
        g.add((d, RDF.subject, s))
        g.add((d, RDF.predicate, p))
        g.add((d, RDF.object, o))
        g.add((d, LG.extractor, Literal(ev.extractor)))

    def post_iri(self, org_key: str, role: str) -> URIRef:
        return self.iri("post", compose(org_key, role))

    def tenure_iri(self, person_key: str, org_key: str, role: str) -> URIRef:
        return self.iri("tenure", f"{iri_key(person_key)}_{compose(org_key, role)}")

    def emit_tenure(self, g: Graph, t: Tenure) -> URIRef:
        person = self.ref(t.person)
        org = self.ref(t.post.org)
        post = self.post_iri(t.post.org.key, t.post.role)
        tenure = self.tenure_iri(t.person.key, t.post.org.key, t.post.role)
        role = self._role(g, t.post.role)
        g.add((post, RDF.type, ORG.Post))
        g.add((post, ORG.postIn, org))
        g.add((post, ORG.role, role))
        g.add((post, SKOS.prefLabel, Literal(t.post.label, lang=ZH)))
        g.add((post, RDFS.label, Literal(t.post.label, lang=ZH)))
        if t.post.surface != t.post.label:
            g.add((post, SKOS.altLabel, Literal(t.post.surface, lang=ZH)))
        g.add((tenure, RDF.type, LG.Tenure))
        g.add((tenure, ORG.member, person))
        g.add((tenure, ORG.organization, org))
        g.add((tenure, ORG.role, role))
        g.add((tenure, OPENGOV.post, post))
        g.add((tenure, PROV.wasDerivedFrom, self.evidence_iri(t.evidence)))
        self.emit_derivation(g, (tenure, OPENGOV.post, post), t.evidence)
        if t.starts:
            g.add((tenure, SDO.validFrom, date_literal(t.starts)))
        if t.ends:
            g.add((tenure, SDO.validUntil, date_literal(t.ends)))
        g.add((person, ORG.holds, post))
        return tenure

    def _role(self, g: Graph, role: str) -> URIRef:
        node = self.iri("role", iri_key(role))
        g.add((node, RDF.type, ORG.Role))
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.inScheme, LG.RoleScheme))
        g.add((node, SKOS.prefLabel, Literal(role, lang=ZH)))
        return node


class _Statements:
    """Stands in for an rdflib Graph as the emitter's target: keeps what is added, in order."""

    __slots__ = ("add", "triples")

    def __init__(self) -> None:
        self.triples: list[tuple] = []
        self.add = self.triples.append


_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _nt(term: URIRef | Literal | BNode) -> str:
    """A term as N-Triples writes it; a literal keeps rdflib's lexical form. IRIs are checked
    when the N-Quads are parsed (as rdflib's N-Quads writer left them to be)."""
    if type(term) is URIRef:
        return f"<{term}>"
    if isinstance(term, Literal):
        text = f'"{term.translate(_NT_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    return f"<{term}>"


def author_key(name: str, article: Article) -> str:
    """Authors are keyed by name and publication, so two reporters of one name at two papers
    stay apart."""
    return iri_key(name) if not article.source else compose(article.source, name)


def _path(prefix_name: str) -> str:
    return {"orgn": "org", "art": "article", "sent": "sentence"}.get(prefix_name, prefix_name)


def new_dataset(base: str = DEFAULT_BASE) -> Dataset:
    ds = Dataset()
    bind_prefixes(ds, base)
    return ds


def bind_prefixes(g: Graph, base: str = DEFAULT_BASE) -> None:
    for prefix, ns in STANDARD_PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    for _, prefix in INSTANCE_PREFIXES.items():
        g.bind(prefix, f"{base}{_path(prefix)}/", override=True, replace=True)


_DATE_TYPES = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date),
    (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
    (re.compile(r"^\d{4}$"), XSD.gYear),
    (re.compile(r"^--\d{2}-\d{2}$"), XSD.gMonthDay),
)


def date_literal(value: str) -> Literal:
    """An ISO date of any precision as the matching XSD literal.

    >>> date_literal("--06-02").datatype.endswith("gMonthDay")
    True
    """
    for pattern, dtype in _DATE_TYPES:
        if pattern.match(value):
            return Literal(value, datatype=dtype)
    raise ValueError(f"not an ISO date: {value!r}")


def union_graph(ds: Dataset) -> Graph:
    """All statements of all article graphs in one Graph, with the dataset's prefixes."""
    g = Graph()
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns, override=True, replace=True)
    for quad in ds.quads((None, None, None, None)):
        g.add(quad[:3])
    return g
