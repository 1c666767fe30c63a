"""``kg train-tagger TRAIN.jsonl [...] -o MODEL``: train the crf backend of ``kg mentions``.

Reads annotated JSON Lines in CLUENER2020's format (``{"text", "label": {label: {surface:
[[start, end]]}}}``, inclusive ends) and trains a character-level CRF (python-crfsuite, extra
``kg[crf]``) over character n-grams, jieba's words and the rule recogniser's (and LAC's) output;
see :mod:`kg.nlp.tagger`. Every line is checked before training starts: a line that is not such a
record is reported with its file and line number, and nothing is trained (exit status 1). Exit
status 2: usage error (unreadable input, python-crfsuite or LAC not installed).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kg.argtypes import non_negative_float, positive_int
from kg.commands.mentions import records
from kg.model import Problem


def register(subparsers) -> None:
    from kg.nlp.tagger import DEFAULT_C1, DEFAULT_C2, DEFAULT_ITERATIONS  # here: kg starts without jieba (start-up)

    p = subparsers.add_parser(
        "train-tagger",
        help="train the crf backend of kg mentions on annotated JSON Lines (CLUENER2020 format)",
        description="Train a character-level CRF mention tagger on JSON Lines records in CLUENER2020's "
                    "format ({\"text\", \"label\": {label: {surface: [[start, end]]}}}, inclusive ends). "
                    "Use it with: kg mentions INPUT.jsonl --backend crf --model MODEL.",
    )
    p.add_argument("inputs", nargs="+", type=Path, metavar="TRAIN.jsonl", help="annotated JSON Lines")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="MODEL", help="model file to write")
    p.add_argument("--stack", default="auto",
                   help="recognisers whose output the CRF sees as features: comma-separated from rules, lac; "
                        "'none'; or 'auto' (default: rules, and lac when kg[lac] is installed)")
    p.add_argument("--labels", default="kg",
                   help="labels to learn: 'kg' (default: name, position, government, organization, company, "
                        "address), 'all' (every label of the data) or a comma-separated list")
    p.add_argument("--c1", type=non_negative_float, default=DEFAULT_C1, help=f"L1 penalty (default {DEFAULT_C1})")
    p.add_argument("--c2", type=non_negative_float, default=DEFAULT_C2, help=f"L2 penalty (default {DEFAULT_C2})")
    p.add_argument("--iterations", type=positive_int, default=DEFAULT_ITERATIONS,
                   help=f"at most this many L-BFGS iterations (default {DEFAULT_ITERATIONS})")
    p.set_defaults(func=run)


def _stack(value: str) -> tuple[str, ...]:
    from kg.nlp.tagger import STACKS, available_stacks  # here: start-up

    if value == "auto":
        return available_stacks()
    if value == "none":
        return ()
    names = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    unknown = [n for n in names if n not in STACKS]
    if unknown:
        raise ValueError(f"unknown --stack {', '.join(unknown)}: choose from rules, lac, none, auto")
    return names


def _labels(value: str) -> tuple[str, ...] | str | None:
    if value == "kg":
        return "kg"
    if value == "all":
        return None
    names = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    if not names:
        raise ValueError("--labels names no label")
    return names


def run(args: argparse.Namespace) -> int:
    from kg.nlp.tagger import TaggerError, TrainOptions, annotate, available_stacks, parse_example, train  # start-up

    def say(message: str) -> None:
        print(f"kg train-tagger: {message}", file=sys.stderr)

    try:
        stack, labels = _stack(args.stack), _labels(args.labels)
    except ValueError as err:
        say(str(err))
        return 2
    if "lac" in stack and "lac" not in available_stacks():
        say("--stack lac needs the optional extra: pip install 'kg[lac]'")
        return 2
    try:
        from kg.nlp.tagger import _crfsuite  # here: start-up

        _crfsuite()
    except TaggerError as err:
        say(str(err))
        return 2

    examples, problems, dropped = [], 0, 0
    for path in args.inputs:
        try:
            source = path.open("rb")
        except OSError as err:
            say(f"cannot read {path}: {err.strerror}")
            return 2
        with source:
            for lineno, record, problem in records(source, str(path)):
                if problem is None:
                    try:
                        example = parse_example(record, labels)
                    except ValueError as err:
                        problem = Problem(str(path), str(err), lineno)
                if problem is not None:
                    problems += 1
                    say(str(problem).replace("; line skipped", ""))
                    continue
                examples.append(example)
                dropped += example.dropped
    if problems:
        say(f"{problems} line(s) are not CLUENER2020 records; fix them and train again (no model written)")
        return 1
    if dropped:
        say(f"{dropped} overlapping annotation(s) dropped (the longer span of each overlap is kept)")
    say(f"{len(examples)} text(s); stacked recognisers: {', '.join(stack) or 'none'}")
    options = TrainOptions(stack=stack, labels=labels, c1=args.c1, c2=args.c2, max_iterations=args.iterations)
    t0 = time.perf_counter()
    try:
        analysed = []
        for k, example in enumerate(examples, 1):
            analysed.append((example, annotate(example.text, stack)))
            if k % 2000 == 0:
                say(f"{k} texts analysed")
        t1 = time.perf_counter()
        say(f"texts analysed (jieba{''.join(', ' + s for s in stack)}) in {t1 - t0:.0f} s")
        meta = train(analysed, args.output, options, progress=say)
    except TaggerError as err:
        say(str(err))
        return 2
    say(f"labels {', '.join(meta['labels']) or '(none)'}; CRF fitted in {time.perf_counter() - t1:.0f} s "
        f"-> {args.output}")
    return 0
