"""Per-article state shared by the extractors: locality, what was found so far, and how short
organisation names resolve in this article."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from kg.model import Article, ArticleFacts, Entity, Evidence, Ref, Relation, Sentence, Tenure
from kg.nlp.segment import pos_tokens
from kg.resolve.gazetteer import Division, gazetteer
from kg.resolve.locality import Locality, article_locality, mentioned_divisions


@dataclass(frozen=True)
class KnownPerson:
    """A name as written in this article and the person it names: later extractors read the name
    as that person (ctx.persons)."""

    name: str
    ref: Ref


@dataclass(frozen=True)
class StoryEvent:
    """The event the article reports (ctx.main_event): the first one claimed, unless a claim
    *replaces* it (a visit told before the meeting held on it is the story)."""

    ref: Ref
    replaces: bool = False


Record = Entity | Relation | Tenure | KnownPerson | StoryEvent


def _merged(old: Entity, new: Entity) -> Entity:
    """One entity found twice in an article: the first evidence where it is named (a body named
    later wins over one only implied by a post before), aliases and attributes gathered."""
    first, second = (new, old) if old.attr("implied") and not new.attr("implied") else (old, new)
    aliases = tuple(dict.fromkeys(first.aliases + second.aliases))
    attrs = dict(second.attrs)
    attrs.update(dict(first.attrs))
    if not first.attr("implied"):
        attrs.pop("implied", None)
    return Entity(old.kind, old.key, old.label, first.evidence, aliases, tuple(sorted(attrs.items())))


@dataclass(frozen=True)
class OrgName:
    key: str  # identity: the full canonical name, or a scoped short name when unresolvable
    label: str  # readable name with locality: 莲都区委
    full: str | None  # 中共丽水市莲都区委员会
    type: str | None  # PartyCommittee | GovernmentOrganization | OrganizationalUnit | None
    level: str  # national | province | city | district | town | unknown


@lru_cache(maxsize=4096)  # the same bodies recur across a corpus's articles
def _division_named(body: str) -> Division | None:
    """The finest division a body's name names (中共陕西省委员会: 陕西省), if exactly one is."""
    found = mentioned_divisions(body)
    if not found:
        return None
    rank = {"district": 0, "city": 1, "province": 2}
    finest = min(found, key=lambda d: rank.get(d.level, 3))
    return finest if sum(1 for d in found if d.level == finest.level) == 1 else None


@dataclass
class ArticleContext:
    article: Article
    locality: Locality
    entities: dict[Ref, Entity] = field(default_factory=dict)
    relations: dict[tuple, Relation] = field(default_factory=dict)
    tenures: dict[tuple, Tenure] = field(default_factory=dict)
    # what extractors returned, read by later ones: never written by an extractor itself
    persons: dict[str, Ref] = field(default_factory=dict)  # name as written -> person (KnownPerson)
    main_event: Ref | None = None  # the event the article reports (StoryEvent)

    @classmethod
    def of(cls, article: Article) -> ArticleContext:
        places = (w for s in article.sentences for w, tag, _ in pos_tokens(s.text) if tag == "ns")
        return cls(article, article_locality(article, places))

    # ---- collecting -----------------------------------------------------------------------
    def add(self, record: Record) -> None:
        if isinstance(record, Entity):
            old = self.entities.get(record.ref)
            self.entities[record.ref] = record if old is None else _merged(old, record)
        elif isinstance(record, Relation):
            self.relations.setdefault((record.subject, record.predicate, record.object), record)
        elif isinstance(record, Tenure):
            self.tenures.setdefault((record.person, record.post.org, record.post.role), record)
        elif isinstance(record, KnownPerson):
            self.persons.setdefault(record.name, record.ref)
        elif isinstance(record, StoryEvent):
            if self.main_event is None or record.replaces:
                self.main_event = record.ref
        else:
            raise TypeError(f"not an extraction record: {record!r}")

    def facts(self) -> ArticleFacts:
        return ArticleFacts(
            self.article,
            tuple(self.entities.values()),
            tuple(self.relations.values()),
            tuple(self.tenures.values()),
        )

    def evidence(self, sentence: Sentence, start: int, end: int, extractor: str) -> Evidence:
        return Evidence(self.article.id, sentence.index, start, end, sentence.text[start:end], extractor)

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return self.article.sentences

    # ---- names in this article's locality ---------------------------------------------------
    def scope_key(self, name: str, level: str) -> str:
        """Identity key for something local: prefixed with the division that makes it unique."""
        div = None
        if level in ("district", "town"):
            div = self.locality.district or self.locality.city
        elif level == "city":
            div = self.locality.city
        elif level == "province":
            div = self.locality.province
        if div is not None:
            return f"{div.name}_{name}" if level == "town" else name
        scope = self.article.source or self.article.id
        return f"{scope}_{name}"

    def scope_name(self, level: str) -> str:
        """Name of the division at *level* (district, city, province) of this article, or of
        the paper/article when the locality is unknown: keeps 全市领导干部会议 of two cities apart."""
        div = self.locality.at("district" if level == "town" else level)
        if div is not None:
            return div.name
        return self.article.source or self.article.id

    def person_key(self, name: str, level: str = "unknown", body: OrgName | None = None) -> str:
        """People are told apart by name and the place their reported posts belong to (city or
        province): the place the post's body names (陕西省委书记甲 is 陕西省's whatever the
        article's locality), else the article's locality. National posts, and people named without
        any post, are keyed by name alone, so 习近平 is one node whatever the article's locality."""
        if level.startswith("national") or level in ("unknown", "foreign"):
            return name
        named = _division_named(body.full or body.label) if body is not None else None
        if named is not None:
            div = gazetteer().parent(named, "province" if level == "province" else "city") or named
            return f"{div.name}_{name}"
        div = self.locality.province if level == "province" else (self.locality.city or self.locality.province)
        if div is not None:
            return f"{div.name}_{name}"
        return name if not self.article.source else f"{self.article.source}_{name}"
