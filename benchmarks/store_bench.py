"""rdflib against the embedded pyoxigraph store on a synthetic, kg-shaped graph (a script, not a test).

    .venv/bin/python benchmarks/store_bench.py [--triples 1000000] [--reps 7] [--template BUILD]
        [--rdflib-timeout 180] [--rdflib-reps 3] [--no-rdflib]

The graph: copies of a real build's article graphs (the bundled sample page, built first, unless
--template names a build folder or .trig), renamed by ``kg.store.synthetic`` until the union holds
at least --triples distinct triples. In one run it prints the load time of each engine, then for
every canned query: the rows; the median time to the whole answer as ``kg query --format json``
prints it (``run_query`` then ``format_result``), with rdflib and with the embedded store, and the
store's CPU time; pyoxigraph alone on the same query text (its own ORDER BY, rows iterated but
not converted); the rdflib/store ratio; and whether both engines gave the same rows.

rdflib loads the union as Turtle into a Dataset, which is what ``kg query --graph graph.ttl`` does;
pyoxigraph loads the article graphs as ``kg build`` does (named graphs plus the set-union default
graph, into a fresh on-disk store). rdflib runs in a forked child, given up after
--rdflib-timeout seconds, with --rdflib-reps runs (fewer when one takes over 10 s); --no-rdflib
skips it, and its 60 s load, for a quick look at the store alone. The CPU column shows, on a
busy machine, how much of the latency is the query's own work rather than waiting for a core.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import select
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from kg.queries import CannedQuery, canned_queries, format_result, listing_texts, load_graph, run_query
from kg.store.embedded import group_quads, open_store, rebuild_store, replace_graphs
from kg.store.params import substitute
from kg.store.query import StoreGraph, parameter_terms, write_listings
from kg.store.remote import canonical_rows, without_rdflib_empty_group
from kg.store.source import article_graphs
from kg.store.synthetic import synthetic_quads, template_size

SLOW = 10.0  # seconds: an rdflib run this long is not repeated


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp_s:
        tmp = Path(tmp_s)
        template = _template(args.template, tmp)
        quads, union = _synthesise(template, args.triples)
        print(f"graph: {len(union):,} distinct triples in the union, {len(quads):,} quads in "
              f"{len({q.graph_name for q in quads}):,} article graphs "
              f"(template: {template_size(template)} quads in {len(template)} graphs)")
        turtle = tmp / "graph.ttl"
        turtle.write_bytes(ox.serialize(union, format=ox.RdfFormat.TURTLE))
        params = _params(template)
        del union
        graphs = group_quads(quads)
        del quads
        gc.collect()

        t = time.perf_counter()
        rebuild_store(tmp / "store", graphs)  # what a first `kg build` does
        ox_load = time.perf_counter() - t
        store = open_store(tmp / "store")
        again = dict(list(graphs.items())[:10])
        t = time.perf_counter()
        replace_graphs(store, again)  # what a build of 10 articles into a big store does
        store.flush()
        replace_10 = time.perf_counter() - t
        del store, graphs
        gc.collect()
        t = time.perf_counter()
        listed = write_listings(tmp / "store", listing_texts())  # what kg build does next
        listings = time.perf_counter() - t
        t = time.perf_counter()
        store = open_store(tmp / "store", read_only=True)
        ox_open = time.perf_counter() - t

        rdf = None
        if args.rdflib:
            t = time.perf_counter()
            rdf = load_graph([turtle])
            rdf_load = f"{time.perf_counter() - t:.1f} s (Turtle, {turtle.stat().st_size / 1e6:.0f} MB)"
        else:
            rdf_load = "not run (--no-rdflib)"
        print(f"load: rdflib {rdf_load}; pyoxigraph {ox_load:.1f} s (kg build's loader, named "
              f"graphs + union), reopen read-only {ox_open * 1000:.0f} ms, re-load of 10 "
              f"articles {replace_10 * 1000:.0f} ms, {listed} listings answered once {listings:.1f} s")
        print(f"parameters: {params}")
        _queries(rdf, store, tmp / "store", params, args)
    return 0


def _args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--triples", type=int, default=1_000_000, help="distinct triples, at least")
    p.add_argument("--reps", type=int, default=7, help="runs per query for the median")
    p.add_argument("--rdflib-timeout", type=float, default=180.0,
                   help="seconds before an rdflib query is given up (default 180)")
    p.add_argument("--rdflib-reps", type=int, default=3, help="runs per query in rdflib (default 3)")
    p.add_argument("--no-rdflib", dest="rdflib", action="store_false",
                   help="time the store only (no rdflib load, no ratio, no row comparison)")
    p.add_argument("--template", type=Path, help="build folder or .trig to copy (default: sample)")
    return p.parse_args(argv)


def _template(path: Path | None, tmp: Path) -> dict[ox.NamedNode, list[ox.Triple]]:
    if path is None:
        from kg.build import BuildOptions, build
        from kg.resources import SAMPLE_DATE, sample_page

        path = tmp / "sample"
        build([sample_page()], path, BuildOptions(issued=SAMPLE_DATE, html=False, store=False))
    source = article_graphs(path)
    return {g: source.triples(g) for g in source.names}


def _synthesise(template, target: int) -> tuple[list[ox.Quad], set[ox.Triple]]:
    t = time.perf_counter()
    probe = list(synthetic_quads(template, 40))
    ratio = len({q.triple for q in probe}) / len(probe)  # distinct triples per quad
    copies = int(target / (template_size(template) * ratio) * 1.02) + 1
    while True:
        quads = list(synthetic_quads(template, copies))
        union = {q.triple for q in quads}
        if len(union) >= target:
            break
        copies = int(copies * target / len(union) * 1.01) + 1
    print(f"generated {copies} copies in {time.perf_counter() - t:.1f} s")
    return quads, union


def _params(template) -> dict[str, str]:
    """Parameter values that exist in the data (names are kept by the generator)."""
    memory = ox.Store()
    memory.extend(ox.Quad(t.subject, t.predicate, t.object) for ts in template.values() for t in ts)

    def first(query: str) -> str:
        return next(iter(memory.query("PREFIX schema: <http://schema.org/> "
                                      "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                                      "PREFIX dcterms: <http://purl.org/dc/terms/> "
                                      "PREFIX lg: <https://kg.example.org/ns/lg#> " + query)))[0].value

    person = first("SELECT ?n WHERE { ?e lg:chair ?p . ?p schema:name ?n } ORDER BY ?n LIMIT 1")
    return {
        "person": person,
        "policy": first("SELECT ?n WHERE { ?e lg:deploys|lg:studies|lg:relays|lg:concerns ?x . "
                        "?x schema:name ?n } ORDER BY ?n LIMIT 1"),
        "post": first("SELECT ?l WHERE { ?t <http://www.w3.org/ns/opengov#post> ?p . "
                      "?p skos:prefLabel ?l } ORDER BY ?l LIMIT 1"),
        "article": first("SELECT ?i WHERE { ?a a schema:NewsArticle ; dcterms:identifier ?i } "
                         "ORDER BY ?i LIMIT 1") + "-c0",
    }


def _queries(rdf, store: ox.Store, folder: Path, params: dict[str, str], args: argparse.Namespace) -> None:
    head = (f"{'query':14} {'rows':>6} {'rdflib ms':>10} {'store ms':>9} {'(cpu ms)':>9} "
            f"{'engine ms':>10} {'ratio':>7}  same rows")
    print(head)
    print("-" * len(head))
    embedded = StoreGraph(store, "bench", folder)
    medians = {name: _query(name, query, rdf, embedded, params, args)
               for name, query in canned_queries().items()}
    slowest = max(medians, key=medians.__getitem__)
    fast = sum(m < 0.1 for m in medians.values())
    print(f"store: {fast} of {len(medians)} canned queries under 100 ms median; slowest "
          f"{slowest} {medians[slowest] * 1000:.1f} ms")
    _listings(embedded, params, args)


def _listings(embedded: StoreGraph, params: dict[str, str], args: argparse.Namespace) -> None:
    """The listings (queries without a parameter) written as JSON whole, and with --limit 100 (kg
    query adds LIMIT to the query; the store reads the page from the listing its build answered
    once, kg.store.listings): rows per second of the whole listing, and the time of the first page
    against the whole."""
    head = f"{'listing':14} {'rows':>7} {'json ms':>9} {'rows/s':>9} {'--limit 100 ms':>15} {'share':>6}"
    print(head)
    print("-" * len(head))
    for name, query in canned_queries().items():
        if query.params:
            continue
        whole, _, rows = _median(lambda q=query: _answer_page(embedded, q, None), args.reps)
        page = _median(lambda q=query: _answer_page(embedded, q, 100), args.reps)[0]
        print(f"{name:14} {rows:>7} {whole * 1000:>9.1f} {rows / whole if whole else 0:>9,.0f} "
              f"{page * 1000:>15.1f} {page / whole if whole else 0:>6.2f}", flush=True)


def _answer_page(graph, query: CannedQuery, limit: int | None) -> int:
    """`kg query NAME --format json [--limit N]` once the graph is open; returns the rows."""
    result = run_query(graph, query, {}, limit=limit)
    format_result(result, "json")
    return len(result.rows) if hasattr(result, "rows") else len(result.bindings)


def _query(name: str, query: CannedQuery, rdf, embedded: StoreGraph, params: dict[str, str],
           args: argparse.Namespace) -> float:
    """Time one canned query in both engines, print its line, return the store's median."""
    values = {k: params[k] for k in query.params}
    text = substitute(query.text, parameter_terms(query, values))
    engine = _median(lambda: len(list(embedded.store.query(text))), args.reps)[0]
    seconds, cpu, rows = _median(lambda: _answer(embedded, query, values), args.reps)
    ours = canonical_rows(json.loads(format_result(run_query(embedded, query, values), "json")))
    found = None
    if rdf is not None:
        found = _in_child(lambda: _rdflib_run(rdf, query, values, args.rdflib_reps),
                          args.rdflib_timeout)
    if rdf is None:
        rdflib_ms, ratio, same = "-", "-", "-"
    elif found is None:
        timeout = args.rdflib_timeout
        rdflib_ms, ratio, same = f">{timeout * 1000:.0f}", f">{timeout / seconds:.0f}x", "n/a (timeout)"
    else:
        rdflib_s, answer = found
        theirs = without_rdflib_empty_group(canonical_rows(json.loads(answer)), query.text)
        rdflib_ms, ratio = f"{rdflib_s * 1000:.1f}", f"{rdflib_s / seconds:.0f}x"
        same = "yes" if ours == theirs else "NO"
    print(f"{name:14} {rows:>6} {rdflib_ms:>10} {seconds * 1000:>9.1f} {cpu * 1000:>9.1f} "
          f"{engine * 1000:>10.1f} {ratio:>7}  {same}", flush=True)
    return seconds


def _answer(graph, query: CannedQuery, values: dict[str, str]) -> int:
    """What `kg query NAME --format json` does once the graph is open; returns the rows."""
    result = run_query(graph, query, values)
    format_result(result, "json")
    return len(result.rows) if hasattr(result, "rows") else len(result.bindings)


def _rdflib_run(rdf, query: CannedQuery, values: dict[str, str], reps: int) -> tuple[float, str]:
    seconds = _median(lambda: _answer(rdf, query, values), reps, budget=SLOW)[0]
    return seconds, format_result(run_query(rdf, query, values), "json")


def _median(run: Callable[[], int], reps: int,
            budget: float | None = None) -> tuple[float, float, int]:
    """Median wall and CPU seconds of *reps* timed runs after one warm-up run, and the rows.

    With a *budget*, a warm-up slower than it is the only run, and fewer runs are made when
    *reps* of them would take over six budgets.
    """
    t, c = time.perf_counter(), time.process_time()
    rows = run()
    first, first_cpu = time.perf_counter() - t, time.process_time() - c
    if budget is not None and first > budget:
        return first, first_cpu, rows
    walls, cpus = [], []
    for _ in range(reps if budget is None or first * reps < 6 * budget else 2):
        t, c = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return statistics.median(walls), statistics.median(cpus), rows


def _in_child(work: Callable[[], object], timeout: float) -> object | None:
    """*work()* run in a forked child (it shares the loaded graphs); None after *timeout* s.

    rdflib cannot be interrupted, and some canned queries take it many minutes at this size.
    """
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        try:
            data = pickle.dumps(work())
            with os.fdopen(write, "wb") as out:
                out.write(data)
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as source:
        ready, _, _ = select.select([source], [], [], timeout)
        if not ready:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return None
        data = source.read()
    os.waitpid(pid, 0)
    return pickle.loads(data) if data else None


if __name__ == "__main__":
    sys.exit(main())
