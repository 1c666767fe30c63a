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

from kg.cache import FactsCache
from kg.extract import extract_article
from kg.ingest import read_inputs
from kg.model import ArticleFacts
from kg.rdf.emit import Emitter
from kg.rdf.serialize import dataset_quads, serialize_all, write_all_atomic
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
    cache: bool = True  # reuse extraction results kept in <out>/.kg-cache/
    engine: str = "local"  # local | dask
    scheduler: str | None = None  # dask scheduler address; None starts a local cluster
    store: bool = True  # issue #5: keep <out>/store/, the embedded pyoxigraph store, in step


@dataclass
class BuildReport:
    inputs: list[dict] = field(default_factory=list)
    failed: bool = False
    kept_previous_graph: bool = False
    cache: dict | None = None

    def to_json(self) -> bytes:
        totals = Counter()
        for item in self.inputs:
            totals["inputs"] += 1
            totals["articles"] += len(item["articles"])
            totals["errors"] += len(item["errors"])
            totals["warnings"] += len(item["warnings"])
        data = {"totals": dict(totals), "failed": self.failed, "inputs": self.inputs}
        if self.cache is not None:
            data["cache"] = self.cache
        if self.kept_previous_graph:
            data["note"] = "no article could be read; the graph files already in the folder were kept"
        return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def merge_report(all_facts: list[ArticleFacts]) -> bytes:
    """What cross-article resolution did, for review: every node found in two or more articles
    with the forms it was written in, and labels shared by distinct nodes (possible homonyms that
    were kept apart, or one thing not merged)."""
    seen: dict[tuple[str, str], dict] = {}
    for facts in all_facts:
        for e in facts.entities:
            node = seen.setdefault((e.kind, e.key), {"kind": e.kind, "key": e.key, "label": e.label,
                                                      "aliases": set(), "articles": set()})
            node["aliases"].update(e.aliases)
            node["articles"].add(facts.article.id)
    merged = [
        {**n, "aliases": sorted(n["aliases"]), "articles": sorted(n["articles"])}
        for n in sorted(seen.values(), key=lambda n: (n["kind"], n["key"]))
        if len(n["articles"]) > 1
    ]
    by_label: dict[tuple[str, str], list[str]] = {}
    for (kind, key), n in sorted(seen.items()):
        by_label.setdefault((kind, n["label"]), []).append(key)
    apart = [{"kind": k, "label": label, "keys": keys} for (k, label), keys in by_label.items() if len(keys) > 1]
    data = {"merged": merged, "kept_apart": apart}
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


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


class _Runner:
    """Runs extract_article over a list of articles, in order: in this process, in a pool of
    processes, or on a Dask cluster."""

    def __init__(self, options: BuildOptions):
        self.pool = self.client = self.cluster = None
        if options.engine == "dask":
            from dask.distributed import Client, LocalCluster

            if options.scheduler:
                self.client = Client(options.scheduler)
            else:
                self.cluster = LocalCluster(n_workers=max(1, options.jobs), threads_per_worker=1,
                                            processes=True, dashboard_address=None)
                self.client = Client(self.cluster)
        elif options.jobs > 1:
            self.pool = ProcessPoolExecutor(options.jobs)

    def map(self, articles: list) -> Iterator[ArticleFacts]:
        if self.client is not None:
            for future in self.client.map(extract_article, articles, pure=False):
                yield future.result()
        elif self.pool is not None:
            yield from self.pool.map(extract_article, articles, chunksize=8)
        else:
            yield from map(extract_article, articles)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _extracted(articles: list, runner: _Runner, cache: FactsCache | None) -> Iterator[ArticleFacts]:
    """Facts of each article in input order; cached ones are not extracted again."""
    keys = [cache.key(a) for a in articles] if cache else [None] * len(articles)
    cached = [cache.get(k) for k in keys] if cache else [None] * len(articles)
    fresh = runner.map([a for a, c in zip(articles, cached, strict=True) if c is None])
    for key, hit in zip(keys, cached, strict=True):
        if hit is not None:
            yield hit
            continue
        facts = next(fresh)
        if cache:
            cache.put(key, facts)
        yield facts


def build(paths: list[Path], out: Path, options: BuildOptions, on_problem=None) -> BuildReport:
    emitter = Emitter(options.base)
    report = BuildReport()
    all_facts: list[ArticleFacts] = []
    runner = _Runner(options)
    cache = FactsCache(out / ".kg-cache" / "facts") if options.cache else None
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
            for facts in _extracted(result.articles, runner, cache):
                emitter.emit_article_facts(facts)
                all_facts.append(facts)
                item["articles"].append(_article_summary(facts))
                bar.update()
            report.failed |= result.failed
            report.inputs.append(item)
    finally:
        bar.close()
        runner.close()
    if cache is not None:
        report.cache = {"reused": cache.hits, "extracted": cache.misses}
    rendered_merges = merge_report(all_facts)

    rendered: dict[str, bytes] = {}
    quads = dataset_quads(emitter.ds)  # converted once, for the graph files and the store
    if all_facts or not (out / "graph.ttl").exists():
        files = serialize_all(emitter.ds, options.formats, quads)
        rendered = {f"graph.{fmt}": files[fmt] for fmt in options.formats}
        if options.html:
            from kg.view import overview_html

            rendered["graph.html"] = overview_html(emitter.ds).encode("utf-8")
    else:  # nothing was read: keep the graph already in the folder rather than empty it
        report.kept_previous_graph = True
    rendered["report.json"] = report.to_json()
    rendered["merges.json"] = rendered_merges
    if options.store:  # issue #5 (kg/store/, docs/stores.md): before the files, so they never
        from kg.store import update_store  # get ahead of the store; raises StoreError

        update_store(out / "store", emitter.ds, quads)
    write_all_atomic({out / name: data for name, data in rendered.items()})
    return report
