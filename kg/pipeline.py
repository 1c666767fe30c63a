"""``kg build``: read inputs, extract facts, emit RDF, write the outputs and a report.

Outputs are rendered in memory and then moved into the output folder file by file, so a failing
run leaves what was there before untouched.

A folder holds exactly the inputs of the build that wrote it: its ``report.json`` records them
(``holds``: each input's path, with the --date and --source it was read with). ``--append``
builds the inputs the folder holds together with the new ones, so every output (graph files,
view, store, report, merges, review) covers the union; the content-hash cache keeps the
articles already extracted from being extracted again.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path

import pyoxigraph as ox
from tqdm import tqdm

from kg.cache import FactsCache, code_digest
from kg.errors import UsageError
from kg.extract import extract_article
from kg.ingest import input_suffix, iter_input_files, read_inputs
from kg.model import ArticleFacts, Ref
from kg.rdf.emit import Emitter
from kg.rdf.serialize import Statements, output_prefixes, serialize_all, write_all_atomic
from kg.rdf.vocab import DEFAULT_BASE, ORG
from kg.resolve.identity import renames
from kg.review import BuildLog, review_csv, review_summary
from kg.store.embedded import replace_store
from kg.view import overview_html
from kg.view.project import Triples


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
    append: bool = False  # --append: build the inputs the folder already holds too


class BuildError(UsageError, ValueError):
    code = "E701"
    """The build cannot start as asked (an --append whose earlier inputs are gone); nothing was written."""


@dataclass(frozen=True)
class HeldInput:
    """An input a build folder holds: its absolute path and the options it was read with."""

    path: str
    issued: str | None = None
    source: str | None = None

    def to_json(self) -> dict:
        return {"path": self.path, **({"date": self.issued} if self.issued else {}),
                **({"source": self.source} if self.source else {})}

    @classmethod
    def from_json(cls, data: dict) -> HeldInput:
        return cls(data["path"], data.get("date"), data.get("source"))


def held_inputs(out: Path) -> list[HeldInput]:
    """The inputs the build folder *out* holds, from its report.json (none for a new folder).
    A report written before ``holds`` existed names each input file under ``inputs``."""
    try:
        data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as err:
        raise BuildError(f"{out}/report.json cannot be read ({err}); rebuild the folder without --append") from err
    if "holds" in data:
        return [HeldInput.from_json(h) for h in data["holds"]]
    return [HeldInput(str(Path(i["path"]).absolute())) for i in data.get("inputs", [])]


def inputs_to_build(paths: list[Path], out: Path, options: BuildOptions) -> list[HeldInput]:
    """This build's inputs: the paths given, and with --append first those the folder holds
    (a path given again is read with the new options)."""
    given = [HeldInput(str(p.absolute()), options.issued, options.source) for p in paths]
    if not options.append:
        return given
    new = {h.path for h in given}
    kept = [h for h in held_inputs(out) if h.path not in new]
    gone = [h.path for h in kept if not Path(h.path).exists()]
    if gone:
        raise BuildError(f"{out} holds input{'s' if len(gone) > 1 else ''} that no longer exist: "
                         f"{', '.join(gone)}; restore them, or build the folder again without --append")
    return kept + given


def _to_stderr(message: str) -> None:
    tqdm.write(message, file=sys.stderr)  # above a progress bar, if one is drawn


@dataclass(frozen=True)
class InputSurvey:
    """What a build learns of its inputs before reading them as articles, in one pass over them."""

    digest: str  # each input's path, reading options and bytes
    # the articles they hold when that is known before reading them (a JSON Lines file's non-blank
    # lines, one a saved page); None when a page, PDF or crawl is among them, so that the progress
    # bar shows no total rather than a wrong one
    articles: int | None


def survey_inputs(todo: list[HeldInput]) -> InputSurvey:
    h = hashlib.sha256()
    total, known = 0, True
    for held in todo:
        h.update(repr((held.path, held.issued, held.source)).encode())
        for f, _ in iter_input_files([Path(held.path)]):
            h.update(str(f).encode() + b"\0")
            suffix = input_suffix(f)
            known = known and suffix in (".jsonl", ".html", ".htm")
            try:
                with f.open("rb") as fh:
                    if suffix == ".jsonl":
                        for line in fh:
                            h.update(line)
                            total += bool(line.strip())
                    else:
                        for block in iter(lambda fh=fh: fh.read(1 << 20), b""):
                            h.update(block)
                        total += 1
            except OSError:
                h.update(b"unreadable")
                known = False
    return InputSurvey(h.hexdigest(), total if known else None)


def build_fingerprint(inputs: InputSurvey, options: BuildOptions) -> str:
    """A digest of everything a build's outputs depend on: kg's code and data (all of the
    package), the options that shape the outputs, and the inputs. Two builds with one fingerprint
    write the same outputs."""
    shape = (code_digest(("",)), options.base, sorted(options.formats), options.html, options.store)
    return hashlib.sha256(repr(shape).encode() + inputs.digest.encode()).hexdigest()


def up_to_date(out: Path, fingerprint: str, options: BuildOptions) -> BuildReport | None:
    """The report of the build already in *out* when it has *fingerprint* and all its outputs are
    there (a rebuild would write the same files); else None."""
    try:
        data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    wanted = [f"graph.{fmt}" for fmt in options.formats] + ["merges.json", "review.csv"]
    wanted += ["graph.html"] if options.html else []
    if (data.get("fingerprint") != fingerprint or not all((out / name).is_file() for name in wanted)
            or options.store and not (out / "store").is_dir()):
        return None
    if data.get("failed") or any(i.get("errors") or i.get("warnings") for i in data.get("inputs", [])):
        return None  # built again, so that what was wrong with the inputs is said again
    holds = [HeldInput.from_json(h) for h in data.get("holds", [])]
    inputs = data.get("inputs", [])
    reused = {"reused": sum(len(i.get("articles", [])) for i in inputs), "extracted": 0}
    return BuildReport(holds=holds, inputs=inputs, failed=False, cache=reused,
                       review=data.get("review", {}).get("items", {}), fingerprint=fingerprint, unchanged=True)


@dataclass
class BuildReport:
    holds: list[HeldInput] = field(default_factory=list)  # what the folder holds after this build
    inputs: list[dict] = field(default_factory=list)
    failed: bool = False
    kept_previous_graph: bool = False
    cache: dict | None = None
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage; not in report.json
    review: dict[str, int] = field(default_factory=dict)  # suspicious items per check (review.csv)
    fingerprint: str = ""  # build_fingerprint: what the outputs were made from
    unchanged: bool = False  # the folder already held this build: nothing was written

    def to_json(self) -> bytes:
        totals = Counter()
        for item in self.inputs:
            totals["inputs"] += 1
            totals["articles"] += len(item["articles"])
            totals["errors"] += len(item["errors"])
            totals["warnings"] += len(item["warnings"])
        data = {"totals": dict(totals), "failed": self.failed,
                "review": {"file": "review.csv", "items": self.review},
                "holds": [h.to_json() for h in self.holds], "fingerprint": self.fingerprint,
                "inputs": self.inputs}
        if self.cache is not None:
            data["cache"] = self.cache
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


Extracted = tuple[ArticleFacts, bytes | None]  # facts, and their N-Quads when already emitted


class _Runner:
    """Runs extract_article over a list of articles, in order: in this process, in a pool of
    processes, or on a Dask cluster. Other processes also emit each article's N-Quads, which
    would otherwise be this process's work while it waits for them."""

    def __init__(self, options: BuildOptions):
        self.pool = self.client = self.cluster = None
        self.work = partial(extract_and_emit, options.base)
        if options.engine == "dask":
            from dask.distributed import Client, LocalCluster  # an optional extra

            if options.scheduler:
                self.client = Client(options.scheduler)
            else:
                self.cluster = LocalCluster(n_workers=max(1, options.jobs), threads_per_worker=1,
                                            processes=True, dashboard_address=None)
                self.client = Client(self.cluster)
        elif options.jobs > 1:
            self.pool = ProcessPoolExecutor(options.jobs)

    def map(self, articles: list) -> Iterator[Extracted]:
        if self.client is not None:
            for future in self.client.map(self.work, articles, pure=False):
                yield future.result()
        elif self.pool is not None:
            # chunks of neighbouring articles: a worker then meets the same names again, which
            # kg.nlp.segment remembers (on the news corpus, chunks of 32 instead of 8 took about
            # a tenth less CPU time)
            yield from self.pool.map(self.work, articles, chunksize=32)
        else:
            for article in articles:
                yield extract_article(article), None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def extract_and_emit(base: str, article) -> Extracted:
    """What a worker process does with an article: its facts and their N-Quads."""
    facts = extract_article(article)
    return facts, _emitter(base).article_nquads(facts)


@lru_cache(maxsize=4)
def _emitter(base: str) -> Emitter:
    return Emitter(base)


def _extracted(articles: list, runner: _Runner, cache: FactsCache | None) -> Iterator[Extracted]:
    """Facts of each article in input order; cached ones are not extracted again. Cached facts
    are loaded as their turn comes, not all at once."""
    if cache is None:
        yield from runner.map(articles)
        return
    keys = [cache.key(a) for a in articles]
    stored = [cache.has(k) for k in keys]
    cache.misses += stored.count(False)
    fresh = runner.map([a for a, known in zip(articles, stored, strict=True) if not known])
    for article, key, known in zip(articles, keys, stored, strict=True):
        facts = cache.get(key) if known else None
        nquads = None
        if facts is None:  # not cached, or an entry that cannot be read: extracted here
            facts, nquads = next(fresh) if not known else (extract_article(article), None)
            cache.put(key, facts)
        yield facts, nquads


# what a person waiting at a terminal is told when a stage after extraction starts
PHASES = {"identity": "telling people of one name apart", "store": "loading the store",
          "serialisation": "writing the graph files", "view": "drawing the overview",
          "waiting for the store": "finishing the store", "writing": "writing the outputs"}


class _Clock:
    """Seconds spent per stage of a build (BuildReport.timings); with *say*, each stage of PHASES
    is announced as it starts, so a long build is never silent."""

    def __init__(self, timings: dict[str, float], say=None):
        self.timings = timings
        self.say = say
        self.start = time.perf_counter()

    @contextmanager
    def __call__(self, stage: str):
        if self.say is not None and stage in PHASES:
            self.say(f"kg: {PHASES[stage]} ({time.perf_counter() - self.start:.0f} s in)")
        t = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - t

    def each(self, stage: str, items: Iterable):
        """The items of *items*, the time taken to produce each counted under *stage*."""
        it = iter(items)
        while True:
            with self(stage):
                item = next(it, _END)
            if item is _END:
                return
            yield item


_END = object()


def _view_index(statements: Statements):
    """The union of *statements* in the index the HTML view projects."""
    index = Triples()
    add = index.add
    for q in statements.quads():
        s, o = q.subject, q.object
        add(f"_:{s.value}" if isinstance(s, ox.BlankNode) else s.value, q.predicate.value,
            f"_:{o.value}" if isinstance(o, ox.BlankNode) else o.value)
    return index


def build(paths: list[Path], out: Path, options: BuildOptions, on_problem=None) -> BuildReport:
    """Read, extract and emit article by article, keeping each article's statements compactly
    (Statements) and the facts only as long as it takes to summarise them; then write the graph
    files, the view and the store from the statements."""
    todo = inputs_to_build(paths, out, options)
    inputs = survey_inputs(todo)
    fingerprint = build_fingerprint(inputs, options)
    if options.cache and (previous := up_to_date(out, fingerprint, options)) is not None:
        return previous  # the folder already holds exactly this build
    emitter = Emitter(options.base)
    statements = Statements(output_prefixes(emitter.ds))
    log = BuildLog()
    report = BuildReport(holds=todo, fingerprint=fingerprint)
    bar = tqdm(unit=" articles", disable=not options.progress, dynamic_ncols=True,
               total=inputs.articles)
    clock = _Clock(report.timings, _to_stderr if options.progress else None)
    articles = 0
    runner = _Runner(options)
    cache = FactsCache(out / ".kg-cache" / "facts") if options.cache else None
    results = (result for held in todo
               for result in read_inputs([Path(held.path)], held.issued, held.source))
    try:
        for result in clock.each("reading", results):
            item = {"path": result.path, "kind": result.kind, "encoding": result.encoding, "articles": [],
                    "warnings": [], "errors": []}
            if result.skipped:
                item["skipped_records"] = result.skipped
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
            for facts, nquads in clock.each("extraction", _extracted(result.articles, runner, cache)):
                with clock("emission"):
                    if nquads is None:
                        nquads = emitter.article_nquads(facts)
                    statements.add(emitter.article_iri(facts.article), nquads)
                    log.add(facts)
                    item["articles"].append(_article_summary(facts))
                articles += 1
                bar.update()
            report.failed |= result.failed
            report.inputs.append(item)
    finally:
        bar.close()
        runner.close()
    if cache is not None:
        report.cache = {"reused": cache.hits, "extracted": cache.misses}

    identities = log.identities()
    with clock("identity"):
        statements.rename({str(emitter.ref(Ref("person", a))): str(emitter.ref(Ref("person", b)))
                           for a, b in renames(identities).items()})
    counterparts = log.counterparts(identities)
    with clock("identity"):  # 阮富仲总书记: a leader abroad holds no Chinese post (BuildLog.counterparts)
        final = renames(identities)
        statements.drop({str(emitter.tenure_iri(c.person, c.org, c.role)) for c in counterparts},
                        {(str(emitter.ref(Ref("person", final.get(c.person, c.person)))), str(ORG.holds),
                          str(emitter.post_iri(c.org, c.role))) for c in counterparts},
                        {str(emitter.post_iri(c.org, c.role)) for c in counterparts})
    review = log.review(identities)
    report.review = review_summary(review)

    # With more than one job, what follows extraction runs side by side: the store is loaded and
    # the graph files are rendered by new processes while this one renders the view. (A thread
    # for the store was slower: it waits for the GIL between the bulk loader's calls.) With one
    # job, one after the other.
    fresh = bool(articles) or not (out / "graph.ttl").exists()
    if not fresh:  # nothing was read: the folder keeps what it held
        report.holds = held_inputs(out)
        report.fingerprint = ""  # its graph is not this build's
    store = None
    if options.store and fresh:  # issue #5 (kg/store/, docs/stores.md): the files are written only once
        # the store is replaced (raises StoreError); it holds exactly this build's articles, as the
        # graph files do

        if options.jobs > 1:
            store = _InBackground(replace_store, out / "store", statements)
        else:
            with clock("store"):
                replace_store(out / "store", statements)
    try:
        rendered = _rendered(statements, options, clock, report, fresh)
        if store is not None:
            with clock("waiting for the store"):
                store.result()
            clock.timings["store"] = store.seconds
    except KeyboardInterrupt:
        if store is not None:  # stopped at once; it removes what it had begun to write
            store.cancel()
        raise
    except BaseException:
        if store is not None:  # let it finish (or clean up after itself) rather than kill it mid-write
            store.wait()
        raise
    rendered["report.json"] = report.to_json()
    if fresh:  # else the graph, and what reviews it, are kept as they were
        rendered["merges.json"] = log.merges_json(identities, counterparts)
        rendered["review.csv"] = review_csv(review)
    with clock("writing"):
        write_all_atomic({out / name: data for name, data in rendered.items()})
    return report


def _rendered(statements: Statements, options: BuildOptions, clock: _Clock, report: BuildReport,
              fresh: bool) -> dict[str, bytes]:
    """graph.ttl, graph.trig (and the other formats asked for) and graph.html; none of them when
    nothing was read (*fresh* false): the graph already in the folder is kept rather than emptied."""
    if not fresh:
        report.kept_previous_graph = True
        return {}
    rendered: dict[str, bytes] = {}
    background = options.jobs > 1 and options.html
    files = _InBackground(serialize_all, statements, options.formats) if background else None
    try:
        if files is None:
            with clock("serialisation"):
                graph_files = serialize_all(statements, options.formats)
        if options.html:
            with clock("view"):
                rendered["graph.html"] = overview_html(_view_index(statements)).encode("utf-8")
        if files is not None:
            with clock("waiting for the graph files"):
                graph_files = files.result()
            clock.timings["serialisation"] = files.seconds
    finally:
        if files is not None:
            files.cancel()
    rendered.update((f"graph.{fmt}", data) for fmt, data in graph_files.items())
    return rendered


class _InBackground:
    """``func(*args)`` in a new Python process, while this one goes on; result() waits for its
    value (or raises its exception).

    The process is a new interpreter (``python -c``), not a fork: a forked child would share this
    process's memory on paper but count it twice in resident sets, would inherit threads it does
    not have (RocksDB's, once a store was opened here), and multiprocessing's spawn re-imports the
    caller's main module. *func* and *args* travel pickled on its stdin, the outcome on its stdout.
    """

    def __init__(self, func, *args):
        self.seconds = 0.0
        self.process = subprocess.Popen(
            [sys.executable, "-c", "import signal; signal.signal(signal.SIGINT, signal.SIG_IGN); "
                                   "from kg.pipeline import _background_main; _background_main()"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        request = pickle.dumps((func, args), protocol=pickle.HIGHEST_PROTOCOL)
        self._sender = threading.Thread(target=_send, args=(self.process.stdin, request), daemon=True)
        self._sender.start()  # a pipe holds 64 kB: the child reads the rest as it starts

    def result(self):
        answer = self.process.stdout.read()
        self.process.wait()
        self._sender.join()
        try:
            outcome, value, self.seconds = pickle.loads(answer)
        except Exception as err:  # noqa: BLE001 - the child died before it could answer
            raise RuntimeError(f"a kg build process stopped (exit code {self.process.returncode})") from err
        if outcome == "error":
            raise value
        return value

    def wait(self) -> None:
        """Wait for the process to end, whatever its outcome."""
        try:
            self.result()
        except Exception:  # noqa: BLE001, S110 - the caller is already failing for another reason
            pass

    def cancel(self) -> None:
        """Stop the process if it is still running (the build failed or was interrupted)."""
        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            if not pipe.closed:
                pipe.close()


def _send(pipe, data: bytes) -> None:
    try:
        pipe.write(data)
        pipe.close()
    except OSError:  # the child is gone; result() says why
        pass


def _interrupted(signum, frame):
    raise KeyboardInterrupt


def _background_main() -> None:
    """The main of an _InBackground process: (func, args) pickled on stdin; (outcome, value,
    seconds) pickled on stdout."""
    # Ctrl-C reaches the whole process group: the parent decides (SIGINT is ignored from the
    # process's first line, see _InBackground), and cancels this process with SIGTERM, which
    # unwinds it like an interrupt (a half-written store folder is removed) and ends it quietly
    signal.signal(signal.SIGTERM, _interrupted)
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write to the answer channel
    try:
        func, args = pickle.load(sys.stdin.buffer)
        t = time.perf_counter()
        try:
            answer = ("ok", func(*args), time.perf_counter() - t)
        except Exception as err:  # noqa: BLE001 - every failure goes back to the parent
            answer = ("error", err, time.perf_counter() - t)
    except KeyboardInterrupt:
        sys.exit(130)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # from here on, a cancel has nothing to clean up
    try:
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an exception that cannot be pickled
        data = pickle.dumps(("error", RuntimeError(f"{type(answer[1]).__name__}: {answer[1]}"), answer[2]))
    out.write(data)
    out.flush()
