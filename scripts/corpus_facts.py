#!/usr/bin/env python3
"""Every fact extracted from each article of a JSON Lines corpus, one line per article, to diff
two versions of kg's extraction (run each version with its own PYTHONPATH):

    PYTHONPATH=OLD_CHECKOUT python -P scripts/corpus_facts.py CORPUS.jsonl old.jsonl
    .venv/bin/python scripts/corpus_facts.py CORPUS.jsonl new.jsonl
    python3 scripts/corpus_facts.py --diff old.jsonl new.jsonl [KIND [gained|lost]]
"""

from __future__ import annotations

import collections
import json
import random
import sys
from pathlib import Path


def extract(corpus: str, out_path: str) -> None:
    from kg.extract import extract_article
    from kg.ingest import read_file

    with open(out_path, "w", encoding="utf-8") as out:
        for art in read_file(Path(corpus)).articles:
            f = extract_article(art)
            names = {e.ref: e.label for e in f.entities}
            rec = {
                "id": art.id,
                "entities": sorted({f"{e.kind}:{e.label}" for e in f.entities}),
                "relations": sorted({f"{r.predicate}:{names.get(r.subject, r.subject.key)}->"
                                     f"{names.get(r.object, r.object.key)}" for r in f.relations}),
                "tenures": sorted({f"{names.get(t.person)}:{t.post.label}" for t in f.tenures}),
            }
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")


def _kind(field: str, fact: str) -> str:
    """entity:person, relation:attendee or tenures: what a fact is, for counting."""
    if field == "tenures":
        return field
    return f"{'entity' if field == 'entities' else 'relation'}:{fact.split(':')[0]}"


def diff(old_path: str, new_path: str, kind: str | None = None, which: str = "gained") -> None:
    old = {r["id"]: r for r in map(json.loads, open(old_path, encoding="utf-8"))}
    new = {r["id"]: r for r in map(json.loads, open(new_path, encoding="utf-8"))}
    gained, lost = collections.defaultdict(list), collections.defaultdict(list)
    for aid, before in old.items():
        after = new.get(aid, {"entities": [], "relations": [], "tenures": []})
        for field in ("entities", "relations", "tenures"):
            for facts, bucket in ((set(after[field]) - set(before[field]), gained),
                                  (set(before[field]) - set(after[field]), lost)):
                for x in facts:
                    bucket[_kind(field, x)].append((aid, x))
    for key in sorted(set(gained) | set(lost)):
        print(f"{key:28} +{len(gained[key]):6} -{len(lost[key]):6}")
    if kind:
        pool = (gained if which == "gained" else lost)[kind]
        for aid, x in random.Random(1).sample(pool, min(25, len(pool))):
            print(aid, x)


if __name__ == "__main__":
    if sys.argv[1] == "--diff":
        diff(*sys.argv[2:])
    else:
        extract(sys.argv[1], sys.argv[2])
