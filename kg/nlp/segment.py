"""jieba, loaded once with kg's general vocabulary, so that titles, meeting types and place
names are not cut apart (区委书记, 推进会, 莲都区)."""

from __future__ import annotations

import logging
import os
import tempfile
from functools import cache, lru_cache

from kg.resources import lexicon_lines, lexicon_table, lexicon_words


@cache
def _tokenizer():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    # A private cache file: the default /tmp/jieba.cache is shared by every user of the machine.
    jieba.dt.tmp_dir = os.environ.get("KG_JIEBA_CACHE_DIR") or tempfile.gettempdir()
    jieba.dt.cache_file = f"kg-jieba-{os.getuid() if hasattr(os, 'getuid') else 0}.cache"
    for row in lexicon_table("roles.txt"):
        jieba.add_word(row[0], tag="n")
    for row in lexicon_table("org_prefixes.txt"):
        jieba.add_word(row[0], tag="nt")
    for word in lexicon_lines("meeting_types.txt"):
        jieba.add_word(word, tag="n")
    from kg.resolve.gazetteer import gazetteer

    for name, divisions in gazetteer().by_name.items():
        if len(name) >= 2 and len(divisions) == 1:
            jieba.add_word(name, tag="ns")
    return jieba.posseg.POSTokenizer(jieba.dt)


@lru_cache(maxsize=4096)
def pos_tokens(text: str, hmm: bool = True) -> tuple[tuple[str, str, int], ...]:
    """(word, tag, start offset) for *text*. jieba's HMM finds unknown personal names but makes
    tagging about five times slower; dictionary words (places, titles) need no HMM. Cached,
    since several extractors look at the same sentence."""
    out, pos = [], 0
    for pair in _tokenizer().lcut(text, HMM=hmm):
        out.append((pair.word, pair.flag, pos))
        pos += len(pair.word)
    return tuple(out)


@cache
def surnames() -> frozenset[str]:
    return frozenset(lexicon_words("surnames.txt"))


def has_surname(name: str) -> bool:
    return name[:2] in surnames() or name[:1] in surnames()
