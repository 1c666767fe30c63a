#!/usr/bin/env python3
"""Score ``kg mentions`` on a CLUENER2020 file, per label, by exact span match.

A mention counts as correct when its label, start and (inclusive) end equal a reference mention
of the same record, which is how CLUENER2020's own scorer counts. Only the six labels kg
recognises are scored; the other four (book, game, movie, scene) are ignored on both sides.

    python scripts/eval_cluener.py ../shared/data/cluener2020/train.json     # develop on this
    python scripts/eval_cluener.py ../shared/data/cluener2020/dev.json       # report only
    python scripts/eval_cluener.py FILE --backend lac                        # needs kg[lac]
    python scripts/eval_cluener.py FILE --errors company --limit 2000        # list misses

The crf backend (needs kg[crf]) is a tagger trained with kg.nlp.tagger, as ``kg train-tagger`` does:

    python scripts/eval_cluener.py ../shared/data/cluener2020/train.json --backend crf --holdout 10
    python scripts/eval_cluener.py ../shared/data/cluener2020/dev.json --backend crf
    python scripts/eval_cluener.py ../shared/data/cluener2020/dev.json --backend crf --model MODEL

With ``--holdout N`` every N-th record of FILE is scored and the model is trained on the others
(tuning on train.json); otherwise the model is ``--model``, or one trained on ``--train`` (default:
train.json beside FILE). Trained models and the analysers' output (jieba, rules, LAC) are cached in
kg's cache folder ($KG_CACHE_DIR), keyed by the data, the options and a digest of kg/nlp and the
lexicons, so that only the first run of a configuration trains.

Tune on train.json only. dev.json is for reporting: never read its errors to write rules.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import time
from collections import Counter
from collections.abc import Callable
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


Recogniser = Callable[[int, str], dict[tuple[str, int, int], str]]


def predictor(backend: str) -> Recogniser:
    """(line number, text) -> predicted spans, each with the rule that found it."""
    return lambda _lineno, text: {(m.label, m.start, m.end - 1): m.rule for m in recognise(text, backend=backend)}


def score(path: Path, predict: Recogniser, limit: int | None, errors: str | None, max_errors: int,
          keep: Callable[[int], bool] = lambda _lineno: True):
    gold_n, pred_n, right_n = Counter(), Counter(), Counter()
    rule_pred, rule_right = Counter(), Counter()
    shown = records = 0
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if limit is not None and lineno > limit:
                break
            if not keep(lineno):
                continue
            record = json.loads(line)
            records += 1
            text = record["text"]
            gold = spans(record.get("label"))
            rules = predict(lineno, text)
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


# --------------------------------------------------------------------------------------------
# the crf backend: a model trained on train.json (or the kept part of it), cached


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()[:16]


def _code_digest() -> bytes:
    """kg/nlp and the lexicons: what the features depend on."""
    import kg

    root = Path(kg.__file__).parent
    files = sorted([*(root / "nlp").glob("*.py"), *(root / "data" / "lexicon").glob("*")])
    return b"".join(f.name.encode() + f.read_bytes() for f in files if f.is_file())


def _cache_dir() -> Path:
    from kg.nlp.segment import _cache_dir as kg_cache

    path = kg_cache() / "eval-cluener"
    path.mkdir(parents=True, exist_ok=True)
    return path


def annotations(path: Path, stack: tuple[str, ...]) -> list:
    """kg.nlp.tagger.annotate for every record of *path*, cached."""
    from kg.nlp.tagger import annotate

    data = path.read_bytes()
    cache = _cache_dir() / f"ann-{_digest(data, ','.join(stack).encode(), _code_digest())}.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    t0 = time.perf_counter()
    out = [annotate(json.loads(line)["text"], stack) for line in data.decode("utf-8").splitlines()]
    print(f"annotated {len(out)} records of {path.name} ({', '.join(stack) or 'jieba only'}) "
          f"in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    tmp = cache.with_suffix(".tmp")
    tmp.write_bytes(pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL))
    tmp.replace(cache)
    return out


def crf_model(train: Path, options, keep: Callable[[int], bool], tag: str) -> Path:
    """A model trained on the kept records of *train* with *options* (a TrainOptions), cached."""
    from kg.nlp.tagger import FEATURES_VERSION, parse_example
    from kg.nlp.tagger import train as train_crf

    data = train.read_bytes()
    key = _digest(data, repr(options).encode(), tag.encode(), str(FEATURES_VERSION).encode(), _code_digest())
    model = _cache_dir() / f"crf-{key}.model"
    if model.exists():
        print(f"model: {model} (cached)", file=sys.stderr)
        return model
    anns = annotations(train, options.stack)
    examples = []
    for lineno, (line, ann) in enumerate(zip(data.decode("utf-8").splitlines(), anns, strict=True), 1):
        if keep(lineno):
            examples.append((parse_example(json.loads(line), options.labels), ann))
    t0 = time.perf_counter()
    train_crf(examples, model, options)
    print(f"model: trained on {len(examples)} records of {train.name} in {time.perf_counter() - t0:.0f} s "
          f"-> {model}", file=sys.stderr)
    return model


def crf_predictor(args: argparse.Namespace) -> tuple[Recogniser, Callable[[int], bool], str]:
    from kg.commands.train_tagger import _labels, _stack
    from kg.nlp.tagger import CrfTagger, TrainOptions

    keep: Callable[[int], bool] = lambda _lineno: True  # noqa: E731
    if args.model:
        model, about = args.model, f"model {args.model}"
    else:
        options = TrainOptions(stack=_stack(args.stack), labels=_labels(args.labels), c1=args.c1, c2=args.c2,
                               max_iterations=args.iterations)
        if args.holdout:
            n = args.holdout
            model = crf_model(args.file, options, lambda lineno: lineno % n != 0, f"holdout {n}")
            keep = lambda lineno: lineno % n == 0  # noqa: E731
            about = f"every {n}th record scored, trained on the others"
        else:
            train = args.train or args.file.with_name("train.json")
            model = crf_model(train, options, lambda _lineno: True, "all")
            about = f"trained on {train}"
        about += (f"; stack {','.join(options.stack) or 'none'}, labels {args.labels}, c1 {options.c1}, "
                  f"c2 {options.c2}, {options.max_iterations} iterations")
    tagger = CrfTagger(model)
    anns = annotations(args.file, tagger.stack)

    def predict(lineno: int, text: str) -> dict[tuple[str, int, int], str]:
        return {(m.label, m.start, m.end - 1): m.rule for m in tagger.recognise(text, anns[lineno - 1])}

    return predict, keep, about


def main(argv: list[str] | None = None) -> int:
    from kg.nlp.tagger import DEFAULT_C1, DEFAULT_C2, DEFAULT_ITERATIONS

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file", type=Path, help="a CLUENER2020 JSON Lines file with labels")
    ap.add_argument("--backend", default="rules", choices=["rules", "lac", "crf"])
    crf = ap.add_argument_group("crf backend")
    crf.add_argument("--model", type=Path, help="a model made by kg train-tagger (default: train one)")
    crf.add_argument("--train", type=Path, help="training file (default: train.json beside FILE)")
    crf.add_argument("--holdout", type=int, metavar="N",
                     help="tuning: score every N-th record of FILE, train on the others")
    crf.add_argument("--stack", default="auto", help="as kg train-tagger --stack (default auto)")
    crf.add_argument("--labels", default="kg", help="as kg train-tagger --labels (default kg)")
    crf.add_argument("--c1", type=float, default=DEFAULT_C1)
    crf.add_argument("--c2", type=float, default=DEFAULT_C2)
    crf.add_argument("--iterations", type=int, default=DEFAULT_ITERATIONS)
    ap.add_argument("--limit", type=int, help="score only the first N records")
    ap.add_argument("--errors", metavar="LABEL", choices=LABELS,
                    help="print missed and false mentions of LABEL to stderr (use on train.json only)")
    ap.add_argument("--by-rule", action="store_true", help="precision of each rule")
    ap.add_argument("--max-errors", type=int, default=200, help="records shown with --errors")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    keep: Callable[[int], bool] = lambda _lineno: True  # noqa: E731
    about = ""
    if args.backend == "crf":
        predict, keep, about = crf_predictor(args)
    else:
        predict = predictor(args.backend)
    gold_n, pred_n, right_n, n, (rule_pred, rule_right) = score(
        args.file, predict, args.limit, args.errors, args.max_errors, keep)
    elapsed = time.perf_counter() - t0
    print(f"{args.file} ({n} records), backend {args.backend}, exact span match, {elapsed:.1f} s")
    if about:
        print(f"crf: {about}")
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
