"""``kg build``: read inputs, extract facts, emit RDF, write the outputs and a report.

Outputs are rendered in memory and then moved into the output folder file by file, so a failing
run leaves what was there before untouched.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from kg.extract import extract_article
from kg.ingest import read_inputs
from kg.model import ArticleFacts
from kg.rdf.emit import Emitter
from kg.rdf.serialize import serialize, write_all_atomic
from kg.rdf.vocab import DEFAULT_BASE


@dataclass(frozen=True)
class BuildOptions:
    issued: str | None = None  # --date: publication date for inputs that carry none
    source: str | None = None  # --source: the paper's name
    base: str = DEFAULT_BASE
    formats: tuple[str, ...] = ("ttl", "trig")
    html: bool = True
    jobs: int = 1  # extraction processes; the graph is the same for any number
    progress: bool = False  # a progress bar on stderr
    store: bool = True  # issue #5: keep <out>/store/, the embedded pyoxigraph store, in step


@dataclass
class BuildReport:
    inputs: list[dict] = field(default_factory=list)
    failed: bool = False
    kept_previous_graph: bool = False

    def to_json(self) -> bytes:
        totals = Counter()
        for item in self.inputs:
            totals["inputs"] += 1
            totals["articles"] += len(item["articles"])
            totals["errors"] += len(item["errors"])
            totals["warnings"] += len(item["warnings"])
        data = {"totals": dict(totals), "failed": self.failed, "inputs": self.inputs}
        if self.kept_previous_graph:
            data["note"] = "no article could be read; the graph files already in the folder were kept"
        return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _article_summary(facts: ArticleFacts) -> dict:
    a = facts.article
    kinds = Counter(e.kind for e in facts.entities)
    kinds["tenure"] = len(facts.tenures)
    return {
        "id": a.id,
        "title": a.title,
        "kicker": a.kicker,
        "subtitle": a.subtitle,
        "authors": [{"name": x.name, "role": x.role} for x in a.authors],
        "dateline": a.dateline_date,
        "sentences": len(a.sentences),
        "entities": dict(sorted(kinds.items())),
        "statements": dict(sorted(Counter(r.predicate for r in facts.relations).items())),
        **({"line": a.line} if a.line is not None else {}),
    }


def _extracted(articles: list, pool) -> Iterator[ArticleFacts]:
    """Facts of each article, in input order whatever the number of processes."""
    if pool is None:
        yield from map(extract_article, articles)
    else:
        yield from pool.map(extract_article, articles, chunksize=8)


def build(paths: list[Path], out: Path, options: BuildOptions, on_problem=None) -> BuildReport:
    emitter = Emitter(options.base)
    report = BuildReport()
    all_facts: list[ArticleFacts] = []
    pool = ProcessPoolExecutor(options.jobs) if options.jobs > 1 else None
    bar = tqdm(unit=" articles", disable=not options.progress, dynamic_ncols=True)
    try:
        for result in read_inputs(paths, options.issued, options.source):
            item = {"path": result.path, "kind": result.kind, "encoding": result.encoding, "articles": [],
                    "warnings": [], "errors": []}
            if result.layout is not None:
                item["page"] = result.layout.page
                item["section"] = result.layout.section
                item["dropped_furniture"] = list(result.layout.furniture)
                item["page_captions"] = list(result.layout.captions)
            for problem in result.problems:
                entry = {"message": problem.message, **({"line": problem.line} if problem.line else {})}
                item["errors" if problem.severity == "error" else "warnings"].append(entry)
                if on_problem:
                    on_problem(problem)
            for facts in _extracted(result.articles, pool):
                emitter.emit_article_facts(facts)
                all_facts.append(facts)
                item["articles"].append(_article_summary(facts))
                bar.update()
            report.failed |= result.failed
            report.inputs.append(item)
    finally:
        bar.close()
        if pool is not None:
            pool.shutdown(cancel_futures=True)

    rendered: dict[str, bytes] = {}
    if all_facts or not (out / "graph.ttl").exists():
        rendered = {f"graph.{fmt}": serialize(emitter.ds, fmt) for fmt in options.formats}
        if options.html:
            from kg.view import overview_html

            rendered["graph.html"] = overview_html(emitter.ds).encode("utf-8")
    else:  # nothing was read: keep the graph already in the folder rather than empty it
        report.kept_previous_graph = True
    rendered["report.json"] = report.to_json()
    if options.store:  # issue #5 (kg/store/, docs/stores.md): before the files, so they never
        from kg.store import update_store  # get ahead of the store; raises StoreError

        update_store(out / "store", emitter.ds)
    write_all_atomic({out / name: data for name, data in rendered.items()})
    return report
