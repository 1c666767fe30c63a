"""Build-speed benchmark (issue #8): prints figures, asserts nothing.

    .venv/bin/python benchmarks/build_bench.py [CORPUS.jsonl] [--limit N] [--synthetic TRIPLES]

On the same text, in one run: jieba.lcut and jieba.posseg.lcut alone (characters per second), kg's
whole build, the ratios, peak memory, and the time split by stage. With --synthetic, also times
Turtle writing by rdflib and by pyoxigraph on a synthetic graph shaped like kg's output.
"""

from __future__ import annotations

import argparse
import logging
import resource
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "xinwenlianbo" / "articles.jsonl"


def timed(label: str, times: dict, func, *args):
    t = time.perf_counter()
    result = func(*args)
    times[label] = times.get(label, 0.0) + time.perf_counter() - t
    return result


def bench_build(corpus: Path, limit: int | None) -> None:
    from kg.extract import extract_article
    from kg.ingest import read_file
    from kg.nlp.segment import _tokenizer, pos_tokens
    from kg.rdf.emit import Emitter
    from kg.rdf.serialize import serialize
    from kg.resolve.locality import article_locality

    times: dict[str, float] = {}
    _tokenizer()  # start-up is not throughput
    result = timed("reading", times, read_file, corpus)
    articles = result.articles[:limit] if limit else result.articles
    text = "\n".join(a.title + "\n" + a.text for a in articles)
    chars = len(text)
    print(f"corpus: {corpus.name}, {len(articles)} articles, {chars:,} characters")

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    t = time.perf_counter()
    jieba.lcut(text)
    lcut_s = time.perf_counter() - t
    t = time.perf_counter()
    jieba.posseg.lcut(text)
    posseg_s = time.perf_counter() - t

    # kg's own segmentation, as the extractors ask for it (HMM only where names are sought)
    sentences = [s.text for a in articles for s in a.sentences]
    t = time.perf_counter()
    for s in sentences:
        pos_tokens.__wrapped__(s, hmm=False)
    times["segmentation"] = time.perf_counter() - t
    timed("resolution (locality)", times, lambda: [article_locality(a) for a in articles])
    facts = timed("extraction (incl. segmentation, resolution)", times,
                  lambda: [extract_article(a) for a in articles])
    emitter = Emitter()
    timed("RDF emission", times, lambda: [emitter.emit_article_facts(f) for f in facts])
    for fmt in ("ttl", "trig", "nq"):
        timed(f"serialisation {fmt}", times, serialize, emitter.ds, fmt)
    build_s = times["extraction (incl. segmentation, resolution)"] + times["RDF emission"] + times["reading"]
    build_s += sum(v for k, v in times.items() if k.startswith("serialisation"))
    print(f"{'':<46}{'seconds':>9}{'chars/s':>12}")
    for label, secs in (("jieba.lcut alone", lcut_s), ("jieba.posseg.lcut alone", posseg_s),
                        ("kg build (read+extract+emit+serialise)", build_s)):
        print(f"{label:<46}{secs:>9.2f}{chars / secs:>12,.0f}")
    print(f"ratio kg build / jieba.lcut time:   {build_s / lcut_s:6.2f}")
    print(f"ratio kg build / jieba.posseg time: {build_s / posseg_s:6.2f}")
    print("time by stage:")
    for label, secs in times.items():
        print(f"  {label:<44}{secs:>9.2f}")
    print(f"triples: {len(emitter.ds):,}")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB")


def bench_turtle(n: int) -> None:
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF

    from kg.rdf.emit import new_dataset
    from kg.rdf.serialize import serialize
    from kg.rdf.vocab import LG, SDO

    ds = new_dataset()
    g = ds.graph(URIRef("https://kg.example.org/id/article/synthetic"))
    base = "https://kg.example.org/id/"
    for i in range(n // 4):
        s = URIRef(f"{base}person/人物{i}")
        g.add((s, RDF.type, SDO.Person))
        g.add((s, SDO.name, Literal(f"人物{i}", lang="zh")))
        g.add((s, LG.chair, URIRef(f"{base}event/会议{i % 5000}")))
        g.add((s, LG["index"], Literal(i)))
    print(f"synthetic graph: {len(g):,} triples")
    t = time.perf_counter()
    serialize(ds, "ttl")
    print(f"  pyoxigraph Turtle (kg's writer): {time.perf_counter() - t:8.2f} s")
    t = time.perf_counter()
    g.serialize(format="turtle")
    rdflib_s = time.perf_counter() - t
    print(f"  rdflib Turtle:                   {rdflib_s:8.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, help="only the first N articles")
    ap.add_argument("--synthetic", type=int, help="also time Turtle writers on a synthetic graph of N triples")
    args = ap.parse_args()
    bench_build(args.corpus, args.limit)
    if args.synthetic:
        bench_turtle(args.synthetic)


if __name__ == "__main__":
    main()
