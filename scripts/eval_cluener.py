#!/usr/bin/env python3
"""Score ``kg mentions`` on a CLUENER2020 file, per label, by exact span match.

A mention counts as correct when its label, start and (inclusive) end equal a reference mention
of the same record, which is how CLUENER2020's own scorer counts. Only the six labels kg
recognises are scored; the other four (book, game, movie, scene) are ignored on both sides.

    python scripts/eval_cluener.py ../shared/data/cluener2020/train.json     # develop on this
    python scripts/eval_cluener.py ../shared/data/cluener2020/dev.json       # report only
    python scripts/eval_cluener.py FILE --backend lac                        # needs kg[lac]
    python scripts/eval_cluener.py FILE --errors company --limit 2000        # list misses

Tune on train.json only. dev.json is for reporting: never read its errors to write rules.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from kg.nlp.mentions import LABELS, recognise

# Per-label F1 of the BiLSTM+CRF baseline in the CLUENER2020 paper (Xu et al. 2020,
# arXiv:2001.04351), as tabulated in the README of CLUEbenchmark/CLUENER2020 ("各个实体的评测结果
# (F1 score)", column bilstm+crf). The paper reports them on CLUENER's test set, whose labels are
# not public; kg is scored on dev.json, so the comparison is indicative, not like for like.
BILSTM_CRF_F1 = {
    "name": 74.04,
    "organization": 75.96,
    "position": 70.16,
    "company": 72.27,
    "address": 45.50,
    "government": 77.25,
}
TARGETS = ("name", "position", "government", "company")


def spans(label_field: dict) -> set[tuple[str, int, int]]:
    out = set()
    for label, surfaces in (label_field or {}).items():
        if label not in LABELS:
            continue
        for positions in surfaces.values():
            for start, end in positions:
                out.add((label, start, end))
    return out


def predicted(text: str, backend: str) -> dict[tuple[str, int, int], str]:
    """Predicted spans, each with the rule that found it."""
    return {(m.label, m.start, m.end - 1): m.rule for m in recognise(text, backend=backend)}


def score(path: Path, backend: str, limit: int | None, errors: str | None, max_errors: int):
    gold_n, pred_n, right_n = Counter(), Counter(), Counter()
    rule_pred, rule_right = Counter(), Counter()
    shown = records = 0
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if limit is not None and lineno > limit:
                break
            record = json.loads(line)
            records += 1
            text = record["text"]
            gold = spans(record.get("label"))
            rules = predicted(text, backend)
            pred = set(rules)
            for key, rule in rules.items():
                rule_pred[rule] += 1
                rule_right[rule] += key in gold
            for label, *_ in gold:
                gold_n[label] += 1
            for label, *_ in pred:
                pred_n[label] += 1
            for label, *_ in gold & pred:
                right_n[label] += 1
            if errors and shown < max_errors:
                missed = sorted(x for x in gold - pred if x[0] == errors)
                wrong = sorted(x for x in pred - gold if x[0] == errors)
                if missed or wrong:
                    shown += 1
                    print(f"{lineno}: {text}", file=sys.stderr)
                    for tag, group in (("  miss", missed), ("  false", wrong)):
                        for _, s, e in group:
                            print(f"{tag} {text[s:e + 1]} [{s},{e}]", file=sys.stderr)
    return gold_n, pred_n, right_n, records, (rule_pred, rule_right)


def prf(right: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = right / pred if pred else 0.0
    r = right / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def table(gold_n: Counter, pred_n: Counter, right_n: Counter) -> str:
    head = f"{'label':<13}{'gold':>6}{'pred':>6}{'right':>7}{'P':>8}{'R':>8}{'F1':>8}{'BiLSTM-CRF':>12}  vs baseline"
    rows = [head, "-" * len(head)]
    f1s = []
    for label in LABELS:
        p, r, f = prf(right_n[label], pred_n[label], gold_n[label])
        f1s.append(f)
        base = BILSTM_CRF_F1[label]
        delta = 100 * f - base
        mark = f"{delta:+.2f}" + (" (target)" if label in TARGETS else "")
        rows.append(f"{label:<13}{gold_n[label]:>6}{pred_n[label]:>6}{right_n[label]:>7}"
                    f"{100 * p:>8.2f}{100 * r:>8.2f}{100 * f:>8.2f}{base:>12.2f}  {mark}")
    tp, tpred, tgold = (sum(c[x] for x in LABELS) for c in (right_n, pred_n, gold_n))
    p, r, f = prf(tp, tpred, tgold)
    rows.append("-" * len(head))
    rows.append(f"{'micro':<13}{tgold:>6}{tpred:>6}{tp:>7}{100 * p:>8.2f}{100 * r:>8.2f}{100 * f:>8.2f}")
    macro_base = sum(BILSTM_CRF_F1.values()) / len(BILSTM_CRF_F1)
    rows.append(f"{'macro':<13}{'':>6}{'':>6}{'':>7}{'':>8}{'':>8}{100 * sum(f1s) / len(f1s):>8.2f}"
                f"{macro_base:>12.2f}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file", type=Path, help="a CLUENER2020 JSON Lines file with labels")
    ap.add_argument("--backend", default="rules", choices=["rules", "lac"])
    ap.add_argument("--limit", type=int, help="score only the first N records")
    ap.add_argument("--errors", metavar="LABEL", choices=LABELS,
                    help="print missed and false mentions of LABEL to stderr (use on train.json only)")
    ap.add_argument("--by-rule", action="store_true", help="precision of each rule")
    ap.add_argument("--max-errors", type=int, default=200, help="records shown with --errors")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    gold_n, pred_n, right_n, n, (rule_pred, rule_right) = score(
        args.file, args.backend, args.limit, args.errors, args.max_errors)
    elapsed = time.perf_counter() - t0
    print(f"{args.file} ({n} records), backend {args.backend}, exact span match, {elapsed:.1f} s")
    print(table(gold_n, pred_n, right_n))
    if args.by_rule:
        print(f"\n{'rule':<34}{'pred':>6}{'right':>7}{'P':>8}")
        for rule, k in sorted(rule_pred.items()):
            print(f"{rule:<34}{k:>6}{rule_right[rule]:>7}{100 * rule_right[rule] / k:>8.2f}")
    print("BiLSTM-CRF: per-label F1 on CLUENER2020 test, Xu et al. 2020 (arXiv:2001.04351), "
          "README of CLUEbenchmark/CLUENER2020.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
