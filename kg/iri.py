"""Readable, stable IRI keys for Chinese names (ontology.md §3.6). Pure functions, no rdflib.

>>> iri_key("《中华人民共和国民法典》")
'中华人民共和国民法典'
>>> iri_key("２０１９年度 十强工业企业")
'2019年度十强工业企业'
>>> compose("中共丽水市莲都区委员会", "书记")
'中共丽水市莲都区委员会_书记'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_DOTS = dict.fromkeys(map(ord, "•‧・･∙⋅"), "·")
# Whitespace, quotes, brackets, Chinese punctuation, and every character that is reserved in IRIs
# or needs escaping in Turtle local names; control characters too.
_DROP = re.compile(
    r"[\s\"'“”‘’「」『』《》〈〉【】〔〕()（）\[\]{}<>,，、。;；:：!！?？|\\^`/#%&*+=~$@.…—–]"
    r"|[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]"
)
# RFC 3987 allows only these non-ASCII code points in an IRI path (ucschar); pyoxigraph rejects the
# rest (private use, U+FFF0–U+FFFF, noncharacters, surrogates).
_UCSCHAR = ((0xA0, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFEF)) + tuple(
    (plane, plane + 0xFFFD) for plane in range(0x10000, 0xE0000, 0x10000)
) + ((0xE1000, 0xEFFFD),)


def _iri_char(c: str) -> bool:
    o = ord(c)
    if o < 0x80 or 0xA0 <= o <= 0xD7FF:  # ASCII, and the first range: every Chinese character
        return True
    return any(lo <= o <= hi for lo, hi in _UCSCHAR)


MAX_KEY = 80  # longer keys are cut and suffixed with a hash, so IRIs stay readable and unique


@lru_cache(maxsize=1 << 16)  # the same names recur across a corpus's articles
def iri_key(label: str) -> str:
    """Canonical local name for *label*: NFKC, no punctuation, '_' reserved (idempotent)."""
    s = label
    for _ in range(3):  # dropping characters can make new NFKC compositions (A + ´ -> Á): repeat
        previous = s
        s = unicodedata.normalize("NFKC", s).translate(_DOTS)
        s = "".join(filter(_iri_char, _DROP.sub("", s))).replace("_", "-").strip("-")
        if s == previous:
            break
    if not s:
        s = "x" + hashlib.sha1(label.encode("utf-8")).hexdigest()[:10]
    if len(s) > MAX_KEY:
        s = s[: MAX_KEY - 11] + "h" + hashlib.sha1(s.encode("utf-8")).hexdigest()[:10]
    return s


def compose(*parts: str) -> str:
    return "_".join(iri_key(p) for p in parts if p)
