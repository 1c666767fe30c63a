"""China's administrative divisions, read from the table that the cpca package maintains, with the
divisions renamed since (data/lexicon/division_changes.tsv).

Each division has its GB/T 2260 code; province and city are derived from the code's prefix.
Short forms (莲都 for 莲都区, 丽水 for 丽水市) are indexed too, since news writes them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from kg.resources import lexicon_table, lexicon_words

LEVELS = ("province", "city", "district")
_PLACEHOLDERS = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")
_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县",
             "地区", "省", "市", "区", "县", "盟", "旗")


@dataclass(frozen=True)
class Division:
    code: str  # six digits
    name: str  # 莲都区
    level: str  # province | city | district

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"

    @property
    def city_code(self) -> str:
        return self.code[:4] + "00"


def short_name(name: str) -> str | None:
    """莲都区 -> 莲都; a short form needs two characters at least.

    >>> short_name("莲都区"), short_name("浙江省"), short_name("城区")
    ('莲都', '浙江', None)
    """
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


def _ethnic_short_forms(name: str) -> tuple[str, ...]:
    """凉山 and 凉山州 for 凉山彝族自治州, 长阳 and 长阳县 for 长阳土家族自治县."""
    short = short_name(name)
    if short is None or not name.endswith(("自治州", "自治县")):
        return ()
    base = short
    while base.endswith("族") and (hit := next((e for e in _ethnic_groups() if base[:-1].endswith(e)), None)):
        base = base[: -len(hit) - 1]  # 黔东南苗族侗族 -> 黔东南
    return (base, base + name[-1]) if len(base) >= 2 and base != short else ()


@cache
def _ethnic_groups() -> tuple[str, ...]:
    return tuple(sorted(lexicon_words("ethnic_groups.txt"), key=len, reverse=True))


@dataclass(frozen=True)
class Gazetteer:
    by_code: dict[str, Division]
    by_name: dict[str, tuple[Division, ...]]  # full and short names

    def lookup(self, name: str) -> tuple[Division, ...]:
        return self.by_name.get(name, ())

    def parent(self, d: Division, level: str) -> Division | None:
        """The division of *level* that *d* is in (itself at its own level); a municipality's
        district is in the municipality (天津市), not in cpca's placeholder row (市辖区)."""
        code = d.province_code if level == "province" else d.city_code
        found = self.by_code.get(code) if code != d.code else d
        if found is not None and found.name in _PLACEHOLDERS and level != "province":
            return self.by_code.get(d.province_code)
        return found

    def path(self, d: Division) -> tuple[Division, ...]:
        """Province, city, district down to *d* (municipalities have no separate city row)."""
        out: list[Division] = []
        for level in LEVELS:
            p = self.parent(d, level) if level != d.level else d
            if p is not None and p not in out and p.name not in _PLACEHOLDERS:
                out.append(p)
            if level == d.level:
                break
        return tuple(out)

    def full_name(self, d: Division) -> str:
        return "".join(x.name for x in self.path(d))


def _level_of(code: str) -> str:
    return "province" if code.endswith("0000") else "city" if code.endswith("00") else "district"


@cache
def gazetteer() -> Gazetteer:
    text = (files("cpca") / "resources" / "adcodes.csv").read_text(encoding="utf-8")
    by_code: dict[str, Division] = {}
    for row in csv.DictReader(io.StringIO(text)):
        code = row["adcode"][:6]
        by_code[code] = Division(code, row["name"], _level_of(code))
    renamed: dict[str, Division] = {}  # old name -> the division as it now is
    for old, new, name, _year in lexicon_table("division_changes.tsv"):
        if (was := by_code.pop(old, None)) is None:
            continue
        by_code[new] = renamed[was.name] = Division(new, name, _level_of(new))
        if _level_of(old) == _level_of(new) == "city":  # 那曲地区 -> 那曲市: its counties move with it
            for code in [c for c in by_code if c[:4] == old[:4]]:
                child = by_code.pop(code)
                by_code[new[:4] + code[4:]] = Division(new[:4] + code[4:], child.name, child.level)
    by_name: dict[str, list[Division]] = {}
    for d in by_code.values():
        by_name.setdefault(d.name, []).append(d)
    for old_name, d in renamed.items():  # 漠河县 in an older report: today's 漠河市
        if d not in (known := by_name.setdefault(old_name, [])):
            known.append(d)
    for d in by_code.values():
        short = short_name(d.name)
        if short and short not in by_name:  # a full name always wins over someone's short form
            by_name.setdefault(short, []).append(d)
        elif short and all(short_name(x.name) == short for x in by_name[short]):
            by_name[short].append(d)
    for d in by_code.values():  # 凉山, 凉山州: only where no other division is written so
        for short in _ethnic_short_forms(d.name):
            by_name.setdefault(short, [d])
    return Gazetteer(by_code, {k: tuple(sorted(v, key=lambda x: x.code)) for k, v in by_name.items()})
