"""jieba, loaded once with kg's general vocabulary, so that titles, meeting types and place
names are not cut apart (区委书记, 推进会, 莲都区)."""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from functools import cache, lru_cache
from pathlib import Path

from kg.resolve.gazetteer import gazetteer
from kg.resources import lexicon_lines, lexicon_table, lexicon_words


def _cache_dir() -> Path:
    # A private folder: jieba's default /tmp/jieba.cache is shared by every user of the machine.
    path = Path(os.environ.get("KG_CACHE_DIR") or Path(tempfile.gettempdir()) / f"kg-cache-{_uid()}")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _uid() -> int:
    return os.getuid() if hasattr(os, "getuid") else 0


def _kg_words() -> list[tuple[str, str]]:
    """kg's vocabulary as (word, POS tag): titles, organisation short names, meeting types and
    every unambiguous place name of the gazetteer."""
    words = [(row[0], "n") for row in lexicon_table("roles.txt")]
    words += [(row[0], "nt") for row in lexicon_table("org_prefixes.txt")]
    words += [(w, "n") for w in lexicon_lines("meeting_types.txt")]
    words += [(name, "ns") for name, ds in sorted(gazetteer().by_name.items()) if len(name) >= 2 and len(ds) == 1]
    return words


def _dictionary(jieba) -> Path:
    """jieba's dictionary with kg's words appended, written once per vocabulary version; jieba
    then caches its prefix dictionary, so later processes start in well under a second instead of
    adding thousands of words one by one."""
    words = _kg_words()
    recipe = "v2|" + jieba.__version__ + "|" + "\n".join(f"{w} {t}" for w, t in words)  # bump v on rule changes
    digest = hashlib.sha1(recipe.encode()).hexdigest()[:12]
    path = _cache_dir() / f"kg-jieba-{digest}.dict"
    if path.exists():
        return path
    base = jieba.Tokenizer()
    base.tmp_dir = str(_cache_dir())
    base.initialize()
    main = _main_dictionary(jieba)
    # A place's short form that jieba already knows as an ordinary word (比如 of 比如县, 合作 of
    # 合作市) keeps jieba's reading; extractors that need the place look it up in the gazetteer.
    known = {parts[0]: parts[2] for parts in (ln.split(" ") for ln in main.splitlines()) if len(parts) == 3}
    words = [(w, t) for w, t in words if not (t == "ns" and known.get(w, "ns") != "ns")]
    lines = [f"{w} {max(base.FREQ.get(w, 0), base.suggest_freq(w, False))} {t}" for w, t in words]
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(main.rstrip("\n") + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path


def _main_dictionary(jieba) -> str:
    with jieba.get_dict_file() as fh:
        return fh.read().decode("utf-8")


@cache
def _tokenizer():
    # on first use: importing jieba and loading its dictionary costs start-up time
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer(dictionary=str(_dictionary(jieba)))
    tokenizer.tmp_dir = str(_cache_dir())
    tokenizer.initialize()
    return _memo_tokenizer_class(jieba.posseg.POSTokenizer)(tokenizer)


def _memo_tokenizer_class(base: type) -> type:
    """jieba's POSTokenizer remembering what its HMM made of each run of unknown characters.

    Tagging spends about 70 % of its time in the HMM (a pure-Python Viterbi over every
    (position, tag) state) on the runs of single characters its dictionary does not cover, and
    news repeats those runs: over the 4,026-article corpus 70,614 runs hold 28,417 distinct
    strings (110,569 of 228,316 characters). The Viterbi result depends on the run alone (jieba's
    HMM tables are constants), so it is kept per run. The override uses jieba's own (name-mangled)
    method name: if a jieba release renames it, tagging stays correct, only slower.
    """
    original = base._POSTokenizer__cut_detail

    @lru_cache(maxsize=1 << 16)
    def detail(tokenizer, run: str) -> tuple:
        return tuple(original(tokenizer, run))

    class MemoPOSTokenizer(base):
        def _POSTokenizer__cut_detail(self, run):
            return iter(detail(self, run))

    return MemoPOSTokenizer


@lru_cache(maxsize=4096)
def pos_tokens(text: str) -> tuple[tuple[str, str, int], ...]:
    """(word, tag, start offset) for *text*, with jieba's HMM on (it finds unknown personal
    names). Cached, since several extractors look at the same sentence."""
    out, pos = [], 0
    for pair in _tokenizer().lcut(text):
        out.append((pair.word, pair.flag, pos))
        pos += len(pair.word)
    return tuple(out)


@cache
def surnames() -> frozenset[str]:
    return frozenset(lexicon_words("surnames.txt"))


def has_surname(name: str) -> bool:
    return name[:2] in surnames() or name[:1] in surnames()


@cache
def _dictionary_tags() -> dict[str, tuple[str, int]]:
    """jieba's own dictionary, word -> (tag, count), before kg added its words (the gazetteer's
    short names, titles): tells ordinary words (比如, 平局, 晋级) from names jieba had to guess."""
    import jieba  # on first use: importing jieba costs start-up time every command would pay

    tags = {}
    with jieba.dt.get_dict_file() as fh:
        for raw in fh:
            parts = raw.decode("utf-8").split()
            if len(parts) == 3 and len(parts[0]) <= 6:
                tags[parts[0]] = (parts[2], int(parts[1]))
    return tags


def dictionary_tag(word: str) -> str | None:
    entry = _dictionary_tags().get(word)
    return entry[0] if entry else None


def common_word(word: str) -> bool:
    """A word jieba's dictionary counts often (100 times or more) and not as a name or a place:
    见面, 一道, 高度 (基布, 多吉, 扎西: rare, or names)."""
    entry = _dictionary_tags().get(word)
    return entry is not None and entry[1] >= 100 and not entry[0].startswith(("nr", "ns"))
