"""build(): the stages of a build in order. Read, extract and emit article by article, keeping each
article's statements compactly (Statements) and the facts only as long as it takes to summarise
them; tell people of one name apart; then write the graph files, the view and the store from the
statements, and last the report.

Outputs are rendered in memory (the store in a hidden folder) and then moved into the output folder
all at once, so a failing or interrupted run leaves what was there before untouched.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from kg.build.background import InBackground
from kg.build.cache import FactsCache, extracted
from kg.build.clock import Clock, say_on_stderr
from kg.build.fingerprint import build_fingerprint, up_to_date
from kg.build.inputs import HeldInput, held_inputs, inputs_to_build, survey_inputs
from kg.build.options import BuildOptions
from kg.build.render import rendered_graph
from kg.build.report import ArticleSummary, BuildReport, CacheUse, InputReport
from kg.build.reuse import Reused, copy_store, forget, remember, reusable
from kg.build.runners import runner_for
from kg.ingest import read_inputs
from kg.model import Problem, Ref
from kg.queries import listing_texts
from kg.rdf.emit import Emitter
from kg.rdf.serialize import Statements, new_folder_beside, output_prefixes, write_all_atomic
from kg.rdf.vocab import ORG
from kg.resolve.identity import renames
from kg.review import BuildLog, review_csv, review_summary
from kg.store.embedded import load_new_store, store_free
from kg.store.query import write_listings


def build(paths: list[Path], out: Path, options: BuildOptions,
          on_problem: Callable[[Problem], None] | None = None) -> BuildReport:
    """Build the inputs *paths* into the folder *out*; *on_problem* hears of each problem of an
    input as it is read. Returns the report, also written to report.json."""
    todo = inputs_to_build(paths, out, options)
    survey = survey_inputs(todo)
    fingerprint = build_fingerprint(survey, options)
    if options.cache and (previous := up_to_date(out, fingerprint, options)) is not None:
        return previous  # the folder already holds exactly this build
    if options.store:
        store_free(out / "store")  # refused before the work while a server has it open (StoreError)
    timings: dict[str, float] = {}
    clock = Clock(timings, say_on_stderr if options.progress else None)
    emitter = Emitter(options.base)
    cache = FactsCache(out / ".kg-cache" / "facts", options.base) if options.cache else None
    read = _read(todo, options, emitter, cache, clock, survey.articles, on_problem)
    identities, counterparts = _tell_people_apart(read, emitter, clock)
    review = read.log.review(identities)
    fresh = bool(read.articles) or not (out / "graph.ttl").exists()
    report = BuildReport(
        # nothing was read: the folder keeps what it held, and its graph is not this build's
        holds=tuple(todo) if fresh else tuple(held_inputs(out)), inputs=tuple(read.inputs),
        fingerprint=fingerprint if fresh else "", review=review_summary(review),
        cache=None if cache is None else CacheUse(reused=cache.hits, extracted=cache.misses),
        kept_previous_graph=not fresh, timings=timings)
    store = out / "store" if fresh and options.store else None
    new_store = new_folder_beside(store) if store is not None else None
    digest = read.statements.digest() if fresh else ""
    graph_files = [f"graph.{fmt}" for fmt in options.formats]
    kept = reusable(out, digest, graph_files, store is not None) if fresh and options.cache else Reused()
    try:
        rendered = _graph_and_store(read.statements, new_store, options, clock, kept) if fresh else {}
        rendered["report.json"] = report.to_json()
        if fresh:  # else the graph, and what reviews it, are kept as they were
            rendered["merges.json"] = read.log.merges_json(identities, counterparts)
            rendered["review.csv"] = review_csv(review)
            forget(out)
        with clock("writing"):
            write_all_atomic({out / name: data for name, data in rendered.items()},
                             {store: new_store} if store is not None else None)
        if fresh:
            remember(out, digest, {n: rendered[n] for n in graph_files}, store is not None)
    finally:
        if new_store is not None:
            shutil.rmtree(new_store, ignore_errors=True)  # moved into place, or never to be
    return report


@dataclass
class _Read:
    """What reading the inputs and extracting their articles gave."""

    statements: Statements  # each article's, emitted
    log: BuildLog  # what identity and review need of the facts
    inputs: list[InputReport] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return sum(len(item.articles) for item in self.inputs)


def _read(todo: list[HeldInput], options: BuildOptions, emitter: Emitter, cache: FactsCache | None,
          clock: Clock, total: int | None, on_problem: Callable[[Problem], None] | None) -> _Read:
    """Read each input, extract its articles (through the cache) and emit their statements."""
    read = _Read(Statements(output_prefixes(emitter.ds)), BuildLog())
    results = (result for held in todo
               for result in read_inputs([Path(held.path)], held.issued, held.source))
    # the bar closes before the runner, which may wait for its workers
    with runner_for(options) as runner, tqdm(unit=" articles", disable=not options.progress,
                                             dynamic_ncols=True, total=total) as bar:
        for result in clock.each("reading", results):
            for problem in result.problems:
                if on_problem:
                    on_problem(problem)
            articles = []
            emitted = extracted(result.articles, runner, cache, emitter.article_nquads)
            for facts, nquads in clock.each("extraction", emitted):
                with clock("emission"):
                    read.statements.add(emitter.article_iri(facts.article), nquads)
                    read.log.add(facts)
                    articles.append(ArticleSummary.of(facts))
                bar.update()
            read.inputs.append(InputReport.of(result, tuple(articles)))
    return read


def _tell_people_apart(read: _Read, emitter: Emitter, clock: Clock) -> tuple[dict, list]:
    """Merge the nodes of one person found in several articles, and drop the Chinese posts read
    for a leader abroad; returns the identities and those leaders (for merges.json)."""
    identities = read.log.identities()
    with clock("identity"):
        read.statements.rename({str(emitter.ref(Ref("person", a))): str(emitter.ref(Ref("person", b)))
                                for a, b in renames(identities).items()})
    counterparts = read.log.counterparts(identities)
    with clock("identity"):  # 阮富仲总书记: a leader abroad holds no Chinese post (BuildLog.counterparts)
        final = renames(identities)
        read.statements.drop(
            {str(emitter.tenure_iri(c.person, c.org, c.role)) for c in counterparts},
            {(str(emitter.ref(Ref("person", final.get(c.person, c.person)))), str(ORG.holds),
              str(emitter.post_iri(c.org, c.role))) for c in counterparts},
            {str(emitter.post_iri(c.org, c.role)) for c in counterparts})
    return identities, counterparts


def _graph_and_store(statements: Statements, new_store: Path | None, options: BuildOptions,
                     clock: Clock, kept: Reused) -> dict[str, bytes]:
    """The graph files and the view, rendered; the store (issue #5, kg/store/, docs/stores.md: it
    holds exactly this build's articles, as the graph files do) loaded into the empty folder
    *new_store*, which the build then moves into place with the files (raises StoreError).

    With more than one job, this runs side by side: the store is loaded and the graph files are
    rendered by new processes while this one renders the view. (A thread for the store was slower:
    it waits for the GIL between the bulk loader's calls.) With one job, one after the other."""
    store = None
    if new_store is not None and kept.store is not None:
        with clock("store"):  # made from these very statements (kg.build.reuse)
            copy_store(kept.store, new_store)
    elif new_store is not None:
        if options.jobs > 1:
            store = InBackground(load_new_store, new_store, statements)
        else:
            with clock("store"):
                load_new_store(new_store, statements)
    try:
        rendered = rendered_graph(statements, options, clock, kept.files)
        if store is not None:
            with clock("waiting for the store"):
                store.result()
            clock.timings["store"] = store.seconds
        if new_store is not None:  # each listing answered once, so that a page reads only its rows
            with clock("listings"):  # (a copied store has those of queries unchanged since)
                write_listings(new_store, listing_texts())
    except KeyboardInterrupt:
        if store is not None:  # stopped at once; the caller removes its folder
            store.cancel()
        raise
    except BaseException:
        if store is not None:  # let it finish rather than kill it mid-write
            store.wait()
        raise
    return rendered
