"""Where an article is from, so short forms resolve: on a 莲都 page 区委 is 中共丽水市莲都区委员会.

The locality is read from the page section (要闻·莲都) and the divisions the text names most;
it is only used when it is unambiguous.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from kg.model import Article
from kg.resolve.countries import country_short_forms
from kg.resolve.gazetteer import Division, gazetteer


@dataclass(frozen=True)
class Locality:
    province: Division | None = None
    city: Division | None = None
    district: Division | None = None

    def at(self, level: str) -> Division | None:
        return {"province": self.province, "city": self.city, "district": self.district}.get(level)

    @property
    def finest(self) -> Division | None:
        return self.district or self.city or self.province


NO_LOCALITY = Locality()
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def is_written_form(name: str, d: Division, near: Division | None = None) -> bool:
    """Accept a division's short form (莲都 for 莲都区) only for provinces and cities, or for
    districts in the province of *near*: short forms of districts are often common words
    (振兴, 资源, 惠民). Two countries' one-character short forms side by side (巴中 in 巴中关系, 中巴合作)
    name the two countries, never a division by its short form (巴中市 must be written whole)."""
    if name != d.name and len(name) == 2 and all(c in country_short_forms() for c in name):
        return False
    if name == d.name or d.level in ("province", "city") or name.endswith(("县", "旗")) and len(name) >= 3:
        return True  # 积石山县 for 积石山保安族东乡族撒拉族自治县: a county's own word, no common one
    return near is not None and d.province_code == near.province_code


@cache
def _name_heads() -> frozenset[str]:
    """The first two characters of every division name."""
    return frozenset(name[:2] for name in gazetteer().by_name if len(name) >= 2)


def mentioned_divisions(text: str, near: Division | None = None) -> Counter[Division]:
    """Divisions named in *text* by full name, or by an accepted short form."""
    g = gazetteer()
    heads = _name_heads()
    counts: Counter[Division] = Counter()
    for run in _CJK_RUN.findall(text):
        i = 0
        while i < len(run):
            if run[i:i + 2] not in heads:  # most characters start no division's name
                i += 1
                continue
            for n in range(min(8, len(run) - i), 1, -1):
                hits = g.lookup(run[i:i + n])
                if len(hits) == 1 and is_written_form(run[i:i + n], hits[0], near):
                    counts[hits[0]] += 1
                    i += n
                    break
            else:
                i += 1
    return counts


def _district_short_forms(place_words: Iterable[str]) -> Counter[Division]:
    """Districts written by their short form (临沭, 利州) among the words a tagger reads as place
    names, when the short form names one district only."""
    g = gazetteer()
    counts: Counter[Division] = Counter()
    for word in place_words:
        if len(word) == 2 and len(hits := g.lookup(word)) == 1 and hits[0].level == "district":
            counts[hits[0]] += 1
    return counts


def _bodies_bare(article: Article, d: Division) -> bool:
    """The article names the bodies of a division of *d*'s kind bare, as its own paper does (县委,
    全县, 我县 for a county; 区政府, 全区 for a district)."""
    kind = d.name[-1]
    return re.search(f"{kind}(?:委|政府|人大|政协|领导)|[全我本]{kind}", article.title + article.text) is not None


def article_locality(article: Article, place_words: Iterable[str] = ()) -> Locality:
    """The district (or city, or province) the article is about, when the evidence agrees.
    *place_words*: the words of the article a tagger reads as place names, each time written; a
    district written short twice settles it when nothing else does."""
    g = gazetteer()
    section_hits: list[Division] = []
    if article.section:
        for part in re.split(r"[·・•\s]", article.section):
            section_hits += list(g.lookup(part))
    near = section_hits[0] if len(section_hits) == 1 else None
    counts = mentioned_divisions(article.title + "\n" + article.text, near)
    if len(section_hits) == 1:
        anchor = section_hits[0]
    else:
        district_counts = Counter({d: c for d, c in counts.items() if d.level == "district"})
        top = district_counts.most_common(2)
        if top and (len(top) == 1 or top[0][1] >= 2 * top[1][1]) and top[0][1] >= 2:
            anchor = top[0][0]
        else:
            city_counts = Counter({d: c for d, c in counts.items() if d.level == "city"})
            top = city_counts.most_common(2)
            if not top or (len(top) > 1 and top[0][1] < 2 * top[1][1]) or top[0][1] < 2:
                short = _district_short_forms(place_words).most_common(2)
                if not short or len(short) > 1 or short[0][1] < 2 or not _bodies_bare(article, short[0][0]):
                    return NO_LOCALITY
                anchor = short[0][0]  # a county paper writes its county short: 推动临沭高质量发展
            else:
                anchor = top[0][0]
    path = {d.level: d for d in g.path(anchor)}
    return Locality(path.get("province"), path.get("city"), path.get("district"))
