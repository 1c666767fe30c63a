#!/usr/bin/env python3
"""Draw a fixed random sample of facts from a corpus build for a precision audit (issue #18):
100 person–post pairs, 100 event–person–role triples and 100 other facts (policies,
organisations, enterprises, places, relays), each with the sentence it was read from and the rule
that made it. Annotators who did not write the rules judge each fact against its sentence.

    .venv/bin/python scripts/audit_sample.py CORPUS.jsonl private/audit/sample.jsonl [--seed 18]
    python3 scripts/audit_sample.py --score private/audit/sample.jsonl private/audit/judged*.jsonl

The sample quotes third-party text: keep it (and the judgements) out of the repository.
A judgement file holds one JSON object per line: {"id": ..., "verdict": "correct"|"wrong", "why": ...}.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
from pathlib import Path

PER_CLASS = 100
ROLE_PREDICATES = {"chair", "attendee", "speaker", "lead", "accompanying", "signatory", "honoree",
                   "host", "guest", "inspector", "visitor"}
OTHER_KINDS = {"policy": "policy or initiative", "org": "organisation", "enterprise": "enterprise",
               "place": "place"}


def _sentence(article, evidence) -> str:
    return article.sentences[evidence.sentence_index].text if evidence.sentence_index >= 0 else article.title


def facts_of(article, facts) -> dict[str, list[dict]]:
    """Every auditable fact of one article, in three classes, as plain statements."""
    names = {(e.kind, e.key): e.label for e in facts.entities}
    pools: dict[str, list[dict]] = collections.defaultdict(list)

    def item(cls: str, statement: str, ev) -> None:
        pools[cls].append({"class": cls, "article": article.id, "title": article.title,
                           "statement": statement, "sentence": _sentence(article, ev),
                           "surface": ev.surface, "rule": ev.extractor})

    for t in facts.tenures:
        who = names.get(("person", t.person.key), t.person.key)
        since = f" from {t.starts}" if t.starts else ""
        until = f" until {t.ends} (the sentence removes him from it)" if t.ends else ""
        verb = "held" if t.ends else "holds"
        item("person-post", f"{who} {verb} the post {t.post.label}{since}{until}", t.evidence)
    for r in facts.relations:
        subj = names.get((r.subject.kind, r.subject.key), r.subject.key)
        obj = names.get((r.object.kind, r.object.key), r.object.key)
        if r.subject.kind == "event" and r.object.kind == "person" and r.predicate in ROLE_PREDICATES:
            item("event-person-role", f"{obj} takes part in the event {subj} as {r.predicate}", r.evidence)
        elif r.predicate == "relays":
            item("other", f"the event {subj} relays (传达学习) the event {obj}", r.evidence)
    for e in facts.entities:
        if e.kind in OTHER_KINDS and not e.attr("implied"):  # a body implied by a post is not claimed named
            item("other", f"{e.label} is a {OTHER_KINDS[e.kind]} named in the sentence", e.evidence)
    return pools


def draw(corpus: str, out_path: str, seed: int) -> None:
    from kg.extract import extract_article
    from kg.ingest import read_file

    pools: dict[str, list[dict]] = collections.defaultdict(list)
    for article in read_file(Path(corpus)).articles:
        for cls, items in facts_of(article, extract_article(article)).items():
            pools[cls].extend(items)
    rng = random.Random(seed)
    sample = []
    for cls in ("person-post", "event-person-role", "other"):
        chosen = rng.sample(pools[cls], min(PER_CLASS, len(pools[cls])))
        sample += [{"id": f"{cls}-{i:03d}", **x} for i, x in enumerate(chosen, 1)]
        print(f"{cls:18} {len(pools[cls]):6} facts, {len(chosen)} drawn")
    Path(out_path).parent.mkdir(parents=True, exist_ok=True)
    with open(out_path, "w", encoding="utf-8") as out:
        for x in sample:
            out.write(json.dumps(x, ensure_ascii=False) + "\n")


def score(sample_path: str, judged_paths: list[str]) -> None:
    sample = {x["id"]: x for x in map(json.loads, open(sample_path, encoding="utf-8"))}
    verdicts = {}
    for p in judged_paths:
        for line in open(p, encoding="utf-8"):
            if line.strip():
                j = json.loads(line)
                verdicts[j["id"]] = j
    by_class: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for fid, x in sample.items():
        v = verdicts.get(fid, {}).get("verdict", "unjudged")
        by_class[x["class"]][v] += 1
    for cls, c in by_class.items():
        judged = c["correct"] + c["wrong"]
        p = c["correct"] / judged if judged else 0.0
        print(f"{cls:18} precision {p:.3f} ({c['correct']}/{judged} judged, {c['unjudged']} unjudged)")
    for fid, j in sorted(verdicts.items()):
        if j.get("verdict") == "wrong":
            x = sample[fid]
            print(f"  WRONG {fid} [{x['rule']}] {x['statement']} — {j.get('why', '')}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--score", action="store_true", help="score judgements: SAMPLE JUDGED...")
    a = ap.parse_args()
    if a.score:
        score(a.paths[0], a.paths[1:])
    else:
        draw(a.paths[0], a.paths[1], a.seed)


if __name__ == "__main__":
    main()
