"""The build report: what was read from each input and what the folder holds, as frozen records,
serialised to ``report.json`` (``to_json``) and read back from it (``from_json``) when the folder
already holds the build."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from kg.build.inputs import HeldInput
from kg.ingest import InputResult
from kg.model import ArticleFacts, Author, Problem


@dataclass(frozen=True)
class ArticleSummary:
    """One article as report.json lists it."""

    id: str
    title: str
    kicker: str | None
    subtitle: str | None
    authors: tuple[Author, ...]
    dateline: str | None
    sentences: int  # how many the article has
    entities: dict[str, int]  # entities by kind; "tenure": tenures
    statements: dict[str, int]  # relations by predicate
    line: int | None = None  # of its JSON Lines file

    @classmethod
    def of(cls, facts: ArticleFacts) -> ArticleSummary:
        a = facts.article
        kinds = Counter(e.kind for e in facts.entities)
        kinds["tenure"] = len(facts.tenures)
        return cls(id=a.id, title=a.title, kicker=a.kicker, subtitle=a.subtitle, authors=tuple(a.authors),
                   dateline=a.dateline_date, sentences=len(a.sentences), entities=dict(sorted(kinds.items())),
                   statements=dict(sorted(Counter(r.predicate for r in facts.relations).items())), line=a.line)

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "kicker": self.kicker, "subtitle": self.subtitle,
                "authors": [{"name": x.name, "role": x.role} for x in self.authors],
                "dateline": self.dateline, "sentences": self.sentences, "entities": self.entities,
                "statements": self.statements, **({"line": self.line} if self.line is not None else {})}

    @classmethod
    def from_json(cls, data: dict) -> ArticleSummary:
        return cls(**{**data, "authors": tuple(Author(**x) for x in data["authors"])})


@dataclass(frozen=True)
class ProblemNote:
    """A problem of an input as report.json lists it (under ``errors`` or ``warnings``)."""

    message: str
    line: int | None = None

    @classmethod
    def of(cls, problem: Problem) -> ProblemNote:
        return cls(problem.message, problem.line)

    def to_json(self) -> dict:
        return {"message": self.message, **({"line": self.line} if self.line else {})}

    @classmethod
    def from_json(cls, data: dict) -> ProblemNote:
        return cls(data["message"], data.get("line"))


@dataclass(frozen=True)
class PageNote:
    """How a newspaper page was laid out: what report.json says of it besides its articles."""

    page: str | None
    section: str | None
    dropped_furniture: tuple[str, ...]
    page_captions: tuple[str, ...]  # captions not attached to any story

    def to_json(self) -> dict:
        return {"page": self.page, "section": self.section, "dropped_furniture": list(self.dropped_furniture),
                "page_captions": list(self.page_captions)}


@dataclass(frozen=True)
class InputReport:
    """One input file: how it was read, its articles and its problems."""

    path: str
    kind: str  # page | article | jsonl | crawl | unknown | skipped …
    encoding: str | None
    articles: tuple[ArticleSummary, ...] = ()
    warnings: tuple[ProblemNote, ...] = ()
    errors: tuple[ProblemNote, ...] = ()
    skipped_records: dict[str, int] = field(default_factory=dict)  # records of a crawl not read, by kind
    layout: PageNote | None = None  # of a newspaper page

    @classmethod
    def of(cls, result: InputResult, articles: tuple[ArticleSummary, ...]) -> InputReport:
        layout = result.layout
        note = None if layout is None else PageNote(layout.page, layout.section, tuple(layout.furniture),
                                                     tuple(layout.captions))
        return cls(path=result.path, kind=result.kind, encoding=result.encoding, articles=articles,
                   warnings=tuple(ProblemNote.of(p) for p in result.problems if p.severity != "error"),
                   errors=tuple(ProblemNote.of(p) for p in result.problems if p.severity == "error"),
                   skipped_records=dict(result.skipped), layout=note)

    def to_json(self) -> dict:
        data = {"path": self.path, "kind": self.kind, "encoding": self.encoding,
                "articles": [a.to_json() for a in self.articles], "warnings": [w.to_json() for w in self.warnings],
                "errors": [e.to_json() for e in self.errors]}
        if self.skipped_records:
            data["skipped_records"] = self.skipped_records
        if self.layout is not None:
            data.update(self.layout.to_json())
        return data

    @classmethod
    def from_json(cls, data: dict) -> InputReport:
        layout = None
        if "page" in data:
            layout = PageNote(data["page"], data["section"], tuple(data["dropped_furniture"]),
                            tuple(data["page_captions"]))
        return cls(path=data["path"], kind=data["kind"], encoding=data.get("encoding"),
                   articles=tuple(ArticleSummary.from_json(a) for a in data.get("articles", [])),
                   warnings=tuple(ProblemNote.from_json(w) for w in data.get("warnings", [])),
                   errors=tuple(ProblemNote.from_json(e) for e in data.get("errors", [])),
                   skipped_records=data.get("skipped_records", {}), layout=layout)


@dataclass(frozen=True)
class CacheUse:
    """Articles whose facts came from the extraction cache, and articles extracted."""

    reused: int
    extracted: int


@dataclass(frozen=True)
class BuildReport:
    holds: tuple[HeldInput, ...] = ()  # what the folder holds after this build
    inputs: tuple[InputReport, ...] = ()
    fingerprint: str = ""  # build_fingerprint: what the outputs were made from
    review: dict[str, int] = field(default_factory=dict)  # suspicious items per check (review.csv)
    cache: CacheUse | None = None  # None: built with --no-cache
    kept_previous_graph: bool = False  # nothing was read: the graph files in the folder were kept
    unchanged: bool = False  # the folder already held this build: nothing was written
    # seconds per stage, filled in by the build's clock as it goes on; not in report.json
    timings: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def failed(self) -> bool:
        """Whether some input could not be read."""
        return any(item.errors for item in self.inputs)

    @property
    def articles(self) -> int:
        return sum(len(item.articles) for item in self.inputs)

    def to_json(self) -> bytes:
        data = {"totals": self._totals(), "failed": self.failed,
                "review": {"file": "review.csv", "items": self.review},
                "holds": [h.to_json() for h in self.holds], "fingerprint": self.fingerprint,
                "inputs": [item.to_json() for item in self.inputs]}
        if self.cache is not None:
            data["cache"] = {"reused": self.cache.reused, "extracted": self.cache.extracted}
        if self.kept_previous_graph:
            data["note"] = "no article could be read; the graph files already in the folder were kept"
        return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")

    def _totals(self) -> dict[str, int]:
        if not self.inputs:
            return {}
        return {"inputs": len(self.inputs), "articles": self.articles,
                "errors": sum(len(item.errors) for item in self.inputs),
                "warnings": sum(len(item.warnings) for item in self.inputs)}
