"""Foreign countries by their Chinese names, from ISO 3166 as pycountry ships it (with its zh_CN
translations): 新加坡, 乌兹别克斯坦, 韩国 (common name) and 大韩民国 (name). China itself, Hong Kong,
Macao and Taiwan are places of the gazetteer, not foreign countries."""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import cache

import pycountry

from kg.resources import lexicon_table, lexicon_words

_CHINESE = {"CN", "HK", "MO", "TW"}


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name: str  # the usual Chinese name: 韩国, 新加坡


@cache
def country_short_forms() -> frozenset[str]:
    """One-character short forms of countries in compounds (美军, 日方, 中美): the lexicon's
    country_short_forms.txt, the one reader of it."""
    return frozenset(lexicon_words("country_short_forms.txt"))


@cache
def countries() -> dict[str, Country]:
    """Chinese name (every form pycountry translates) -> country."""
    zh = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True)
    out: dict[str, Country] = {}
    for c in pycountry.countries:
        if c.alpha_2 in _CHINESE:
            continue
        forms = [zh.gettext(getattr(c, attr)) for attr in ("common_name", "name", "official_name") if hasattr(c, attr)]
        forms = [f for f in forms if f and not f.isascii()]
        if not forms:
            continue
        country = Country(c.alpha_2, forms[0])
        for form in forms:
            out.setdefault(form, country)
    # the usual names pycountry lacks or misspells (孟加拉国, 柬埔寨) are the countries' names
    usual: dict[str, Country] = {}
    for name, code in lexicon_table("country_names.txt"):
        usual.setdefault(code, Country(code, name))
    out = {form: usual.get(c.code, c) for form, c in out.items()}
    for country in usual.values():
        out.setdefault(country.name, country)
    return out


def country_ending(text: str) -> str | None:
    """The country name *text* ends with (乌兹别克斯坦 in …同乌兹别克斯坦), longest first."""
    names = countries()
    for n in range(min(len(text), 12), 1, -1):
        if text[-n:] in names:
            return text[-n:]
    return None


@cache
def _country_re() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(countries(), key=len, reverse=True))))


def mentioned_countries(text: str) -> frozenset[Country]:
    """The foreign countries *text* names (longest names first: 刚果民主共和国, not 刚果)."""
    return frozenset(countries()[m.group(0)] for m in _country_re().finditer(text))
