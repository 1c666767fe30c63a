"""jieba, loaded once with kg's general vocabulary, so that titles, meeting types and place
names are not cut apart (区委书记, 推进会, 莲都区)."""

from __future__ import annotations

import logging
import os
import tempfile
from functools import cache

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


def pos_tokens(text: str) -> list[tuple[str, str, int]]:
    """(word, tag, start offset) for *text*, with jieba's HMM for unknown names."""
    out, pos = [], 0
    for pair in _tokenizer().lcut(text):
        out.append((pair.word, pair.flag, pos))
        pos += len(pair.word)
    return out


@cache
def surnames() -> frozenset[str]:
    return frozenset(lexicon_words("surnames.txt"))


def has_surname(name: str) -> bool:
    return name[:2] in surnames() or name[:1] in surnames()
