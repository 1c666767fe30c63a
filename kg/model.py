"""Records that flow between the stages. Frozen dataclasses only: no rdflib here."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Author:
    name: str
    role: str  # as written: 记者, 通讯员, 摄影…; "" when the byline names no job (作者：甲, (甲 乙))


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article: its text and where it sits in the original input.

    ``start``/``end`` are character offsets into the decoded input (for JSON Lines, into the
    record's ``text`` field); the text itself has PDF line breaks removed, so
    ``end - start`` may exceed ``len(text)``.
    """

    index: int
    text: str
    start: int
    end: int
    paragraph: int  # -1 for captions and headlines
    kind: str = "body"  # body | caption | title


@dataclass(frozen=True)
class Paragraph:
    index: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    source_path: str
    kicker: str | None = None
    subtitle: str | None = None
    authors: tuple[Author, ...] = ()
    publication_date: str | None = None  # ISO date of the issue
    dateline_date: str | None = None  # ISO date, or --MM-DD when the year is unknown
    part_of_day: str | None = None  # 上午, 下午, ...
    section: str | None = None
    page: str | None = None
    source: str | None = None
    url: str | None = None
    captions: tuple[str, ...] = ()
    line: int | None = None  # line number in a JSON Lines input

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class Problem:
    """Something in the input that could not be read; it names the file and, where known, line."""

    path: str
    message: str
    line: int | None = None
    severity: str = "error"  # error: input skipped | warning: read, with a caveat

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class Evidence:
    """Where a fact comes from: article, sentence, offsets inside the sentence, extractor."""

    article_id: str
    sentence_index: int
    start: int
    end: int
    surface: str
    extractor: str


@dataclass(frozen=True)
class Ref:
    """A reference to an entity by kind and identity key (the key is its canonical name)."""

    kind: str
    key: str


@dataclass(frozen=True)
class Entity:
    """A person, organisation, place, policy, law, platform, enterprise (group) or event.

    ``attrs`` holds extra typed values as sorted (name, value) pairs, e.g. ("date", "2020-06-02"),
    ("adcode", "331102"), ("count", "10").
    """

    kind: str
    key: str
    label: str
    evidence: Evidence
    aliases: tuple[str, ...] = ()
    attrs: tuple[tuple[str, str], ...] = ()

    @property
    def ref(self) -> Ref:
        return Ref(self.kind, self.key)

    def attr(self, name: str) -> str | None:
        return dict(self.attrs).get(name)


@dataclass(frozen=True)
class Relation:
    """subject --predicate--> object, e.g. (event, "chair", person); predicates are listed in
    kg.rdf.emit.PREDICATES."""

    subject: Ref
    predicate: str
    object: Ref
    evidence: Evidence


@dataclass(frozen=True)
class Post:
    org: Ref  # the organisation the post is in
    role: str  # 书记, 常委, 记者 ...
    label: str  # readable post name with locality: 莲都区委书记
    surface: str  # as written: 区委书记


@dataclass(frozen=True)
class Tenure:
    person: Ref
    post: Post
    evidence: Evidence
    starts: str | None = None  # ISO date a decision reported appointed the person (增补…为)
    ends: str | None = None  # ISO date a decision reported removed the person (免去…职务)


@dataclass(frozen=True)
class ArticleFacts:
    article: Article
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    tenures: tuple[Tenure, ...] = ()
    warnings: tuple[str, ...] = field(default=())
