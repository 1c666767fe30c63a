"""rdflib against the embedded pyoxigraph store on a synthetic, kg-shaped graph (a script, not a test).

    .venv/bin/python benchmarks/store_bench.py [--triples 1000000] [--reps 7] [--template BUILD]

The graph: copies of a real build's article graphs (the bundled sample page, built first, unless
--template names a build folder or .trig), renamed by ``kg.store.synthetic`` until the union holds
at least --triples distinct triples. In one run it prints the load time of each engine, then for
every canned query the rows, the median latency in rdflib, in pyoxigraph (the engine alone) and
through ``kg query``'s store path (pyoxigraph plus conversion to rdflib results), the
rdflib/pyoxigraph ratio, and whether both engines gave the same rows.

rdflib loads the union as Turtle into a Dataset, which is what ``kg query --graph graph.ttl`` does;
pyoxigraph loads the article graphs as ``kg build`` does (named graphs plus the set-union default
graph, into a fresh on-disk store). rdflib runs in a forked child, given up after
--rdflib-timeout seconds, with fewer runs when one takes over 10 s. The "(cpu ms)" column is
pyoxigraph's CPU time: on a busy machine it shows how much of the latency is waiting.
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

from kg.queries import CannedQuery, canned_queries, format_result, load_graph, run_query
from kg.store.embedded import group_quads, open_store, rebuild_store, replace_graphs
from kg.store.params import substitute
from kg.store.query import StoreGraph, parameter_terms
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
        store = open_store(tmp / "store", read_only=True)
        ox_open = time.perf_counter() - t

        t = time.perf_counter()
        rdf = load_graph([turtle])
        rdf_load = time.perf_counter() - t
        print(f"load: rdflib {rdf_load:.1f} s (Turtle, {turtle.stat().st_size / 1e6:.0f} MB); "
              f"pyoxigraph {ox_load:.1f} s (kg build's loader, named graphs + union), "
              f"reopen read-only {ox_open * 1000:.0f} ms, re-load of 10 articles "
              f"{replace_10 * 1000:.0f} ms")
        print(f"parameters: {params}")
        _queries(rdf, store, params, args.reps, args.rdflib_timeout)
    return 0


def _args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--triples", type=int, default=1_000_000, help="distinct triples, at least")
    p.add_argument("--reps", type=int, default=7, help="runs per query for the median")
    p.add_argument("--rdflib-timeout", type=float, default=180.0,
                   help="seconds before an rdflib query is given up (default 180)")
    p.add_argument("--template", type=Path, help="build folder or .trig to copy (default: sample)")
    return p.parse_args(argv)


def _template(path: Path | None, tmp: Path) -> dict[ox.NamedNode, list[ox.Triple]]:
    if path is None:
        from kg.pipeline import BuildOptions, build
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


def _queries(rdf, store: ox.Store, params: dict[str, str], reps: int, timeout: float) -> None:
    head = (f"{'query':14} {'rows':>6} {'rdflib ms':>10} {'pyoxigraph ms':>14} {'(cpu ms)':>9} "
            f"{'kg+store ms':>12} {'ratio':>7}  same rows")
    print(head)
    print("-" * len(head))
    embedded = StoreGraph(store, "bench")
    slowest = max(_query(name, query, rdf, embedded, params, reps, timeout)
                  for name, query in canned_queries().items())
    print(f"slowest pyoxigraph median: {slowest * 1000:.1f} ms")


def _query(name: str, query: CannedQuery, rdf, embedded: StoreGraph, params: dict[str, str],
           reps: int, timeout: float) -> float:
    """Time one canned query in both engines, print its line, return pyoxigraph's median."""
    args = {k: params[k] for k in query.params}
    text = substitute(query.text, parameter_terms(query, args))
    engine, cpu, rows = _median(lambda: len(list(embedded.store.query(text))), reps)
    via_kg = _median(lambda: len(run_query(embedded, query, args).bindings), reps)[0]
    ours = canonical_rows(json.loads(format_result(run_query(embedded, query, args), "json")))
    found = _in_child(lambda: _rdflib_run(rdf, query, args, reps), timeout)
    if found is None:
        rdflib_ms, ratio, same = f">{timeout * 1000:.0f}", f">{timeout / engine:.0f}x", "n/a (timeout)"
    else:
        seconds, answer = found
        theirs = without_rdflib_empty_group(canonical_rows(json.loads(answer)), query.text)
        rdflib_ms, ratio = f"{seconds * 1000:.1f}", f"{seconds / engine:.0f}x"
        same = "yes" if ours == theirs else "NO"
    print(f"{name:14} {rows:>6} {rdflib_ms:>10} {engine * 1000:>14.2f} {cpu * 1000:>9.2f} "
          f"{via_kg * 1000:>12.2f} {ratio:>7}  {same}", flush=True)
    return engine


def _rdflib_run(rdf, query: CannedQuery, args: dict[str, str], reps: int) -> tuple[float, str]:
    seconds = _median(lambda: len(list(run_query(rdf, query, args))), reps, budget=SLOW)[0]
    return seconds, format_result(run_query(rdf, query, args), "json")


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
