"""Places: administrative divisions from the gazetteer (莲都区, 丽水), and named zones such as
…新区, …开发区, …产业园: after a division or a word jieba tags as a place, or named by the words
before their ending (凤阳循环产业园, 到化工产业集聚区调研). Emits schema:AdministrativeArea with
lg:adminCode, schema:Place, schema:containedInPlace."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import extractor
from kg.extract.context import ArticleContext
from kg.model import Entity, Ref, Relation
from kg.nlp.segment import common_word, has_surname, pos_tokens
from kg.nlp.vocabulary import ROLE_RE
from kg.resolve.countries import countries
from kg.resolve.gazetteer import gazetteer
from kg.resolve.locality import is_written_form
from kg.resources import lexicon_lines

ZONE_SUFFIXES = tuple(sorted(lexicon_lines("zone_suffixes.txt"), key=len, reverse=True))
VENUE_ENDINGS = tuple(sorted(lexicon_lines("venue_endings.txt"), key=len, reverse=True))
_CJK = re.compile(r"[\u4e00-\u9fff]+")
_LEVEL_ENDS = frozenset("省市县区旗州盟")  # a division's full name ends with its level
_TITLE_AT_END = re.compile(f"(?:{ROLE_RE.pattern})$")


# a town or street and a village or community written after their county: 某县某镇某村
_BELOW_COUNTY = re.compile(
    r"(?P<town>[\u4e00-\u9fff]{2,5}?(?:街道|镇|乡))?(?P<village>[\u4e00-\u9fff]{2,4}?(?:社区|村))?"
)
_NOT_VILLAGE = re.compile(r"(?:农村|乡村|城乡|新村|族村)$|^(?:一|这|那|该|每|各|全)")


def _below_county(ctx: ArticleContext, sentence, county, pos: int, name: str):
    """Towns, streets, villages and communities named right after a county at *pos*."""
    m = _BELOW_COUNTY.match(sentence.text, pos)
    if not m or not (m["town"] or m["village"]) or any(m[p] and _NOT_VILLAGE.search(m[p]) for p in ("town", "village")):
        return
    g = gazetteer()
    parent = Ref("place", g.full_name(county))
    key = g.full_name(county)
    for part in ("town", "village"):
        if not m[part]:
            continue
        key += m[part]
        ev = ctx.evidence(sentence, m.start(part), m.end(part), name)
        yield Entity("place", key, m[part], ev, (m[part],))
        yield Relation(Ref("place", key), "containedInPlace", parent, ev)
        parent = Ref("place", key)


def _venue_city(word: str, tag: str, finest):
    """The division that starts a venue's name jieba keeps whole (北京人民大会堂: 北京), and
    its length; None when the word is not such a venue."""
    if tag not in ("ns", "nt", "nz") or not word.endswith(VENUE_ENDINGS):
        return None
    g = gazetteer()
    for size in (4, 3, 2):
        hits = g.lookup(word[:size])
        if len(word) - size >= 3 and len(hits) == 1 and is_written_form(word[:size], hits[0], finest):
            return hits[0], size
    return None


def _division(d, surface: str, ev) -> Entity:
    """The entity of an administrative division of the gazetteer, named as *surface*."""
    return Entity("place", gazetteer().full_name(d), d.name, ev, (surface,),
                  (("adcode", d.code), ("type", "AdministrativeArea")))


def _disambiguated(hits, previous):
    """通州区 after 北京市 is Beijing's: the division written before settles a shared name. With
    none written, a city shares its short name with districts only (西安: 西安市, and 西安区 of two
    other cities): the city, which is what news means by it."""
    if previous is None:
        higher = tuple(d for d in hits if d.level in ("province", "city"))
        return higher if len(higher) == 1 else hits
    if provinces := tuple(d for d in hits if d.level == "province"):
        return provinces  # 北京、天津、河北: the province, not Tianjin's 河北区
    inside = tuple(d for d in hits if previous.code in (d.province_code, d.city_code))
    if not inside and previous.level == "district":  # 沂水、河东: a county beside one of its city's
        inside = tuple(d for d in hits if d.city_code == previous.city_code)
    return inside or hits


_SETTLEMENT_LINES = lexicon_lines("settlements.txt")
_SETTLEMENT_ENDINGS = _SETTLEMENT_LINES[: _SETTLEMENT_LINES.index("---")]
_NOT_SETTLEMENTS = frozenset(w.lstrip("…") for w in _SETTLEMENT_LINES[_SETTLEMENT_LINES.index("---") + 1:])
_NOT_SETTLEMENT_ENDINGS = tuple(w[1:] for w in _SETTLEMENT_LINES if w.startswith("…"))
_SETTLEMENT_NAME = re.compile(r"[\u4e00-\u9fff]{2,3}?(?:" + "|".join(_SETTLEMENT_ENDINGS) + ")")
# where a place's name can start: the sentence's start, punctuation, a conjunction, a verb of going
_PLACE_CAN_START = re.compile(r"(?:^|[，、：；（“”\s和与及在到赴往]|深入|走进|来到|前往|走访|看望)$")
_NOT_IN_A_SETTLEMENT = ("v", "d", "p", "c", "u", "r", "m", "q", "f", "t")


def _starts_with_a_division(word: str) -> bool:
    """The gazetteer knows the word, or a province or city starting it (江西萍乡, 山西碧村)."""
    g = gazetteer()
    return bool(g.lookup(word)) or any(d.level in ("province", "city") for n in (2, 3) for d in g.lookup(word[:n]))


# names of villages or towns listed before the kind they share (走访了甲、乙、丙等村)
_NAMES_OF_ONE_KIND = re.compile(r"(?P<items>[\u4e00-\u9fff]{2,3}(?:、[\u4e00-\u9fff]{2,3})+)等"
                                r"(?P<kind>村|社区|镇|乡)(?![\u4e00-\u9fff])")
# a town (or street) and a village (or community) of it written together: 某某镇某某村
_TOWN_THEN_VILLAGE = re.compile(r"([\u4e00-\u9fff]{2,3}?(?:镇|乡|街道))([\u4e00-\u9fff]{2,3}?(?:村|社区))")


def _settlement(text: str, tokens, start: int, end: int) -> bool:
    """*text[start:end]* reads as a settlement's name: not a common word (全国农村), not starting
    with a level or a division (县中川乡, 江西萍乡: 萍乡 is a city), and the words jieba starts
    inside its proper name are no function words."""
    word = text[start:end]
    ending = next(e for e in _SETTLEMENT_ENDINGS if word.endswith(e))
    if (word in _NOT_SETTLEMENTS or word[: -len(ending)] in _NOT_SETTLEMENTS or word.endswith(_NOT_SETTLEMENT_ENDINGS)
            or word[0] in "省市县区镇乡村全各该本和与及" or _starts_with_a_division(word)):
        return False
    inside = [t for _, t, pos in tokens if start <= pos < end - len(ending)]
    return bool(inside) and not any(t.startswith(_NOT_IN_A_SETTLEMENT) for t in inside)


@lru_cache(maxsize=4096)  # read by the place extractor and again by the bodies named after them
def settlements(text: str) -> tuple[tuple[int, int], ...]:
    """Towns, streets, villages and communities named by themselves (戴庙镇召开…, 到孟垓村、前张庄村):
    spans that start where a place can and end on one of jieba's word boundaries."""
    tokens = pos_tokens(text)
    bounds = {pos for _, _, pos in tokens} | {pos + len(w) for w, _, pos in tokens}
    out: list[tuple[int, int]] = []
    for start in range(len(text)):
        if out and start < out[-1][1]:
            continue
        if not (_PLACE_CAN_START.search(text, 0, start) or out and out[-1][1] == start):
            continue  # (a village may follow its town: 青石镇柳树村)
        m = _SETTLEMENT_NAME.match(text, start)
        if m is not None and m.end() not in bounds and (pair := _TOWN_THEN_VILLAGE.match(text, start)):
            if pair.end() in bounds and all(_settlement(text, tokens, a, b) for a, b in pair.regs[1:]):
                out += pair.regs[1:]  # 潘家堡镇于家台村: jieba's 镇于 hides where the town's name ends
                continue
        if m is not None and m.end() in bounds and _settlement(text, tokens, start, m.end()):
            out.append((start, m.end()))
    return tuple(sorted(set(out) | _listed_beside(text, out)))


def _listed_beside(text: str, found: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """Settlements listed right after one found, with its ending (渔阳镇、许家台镇、别山镇): an item
    of the list is a settlement too whatever jieba made of its name (许家 a numeral, 别 a pronoun)."""
    out: set[tuple[int, int]] = set()
    for start, end in found:
        ending = next(e for e in _SETTLEMENT_ENDINGS if text[start:end].endswith(e))
        while text.startswith("、", end) and (m := _LISTED_ITEM.match(text, end + 1)) and _rank(m[2]) == _rank(ending):
            word = m[1] + m[2]
            if word in _NOT_SETTLEMENTS or m[1] in _NOT_SETTLEMENTS or word.endswith(_NOT_SETTLEMENT_ENDINGS):
                break
            out.add((m.start(), m.end()))
            end = m.end()
    return out


def _rank(ending: str) -> str:
    """Whether a settlement's ending is a town's (镇, 乡, 街道, 苏木) or a village's (村, 社区, 嘎查)."""
    return "village" if ending in ("村", "社区", "嘎查") else "town"


# an item after 、: a name, an ending, then the end of the item
_LISTED_ITEM = re.compile(r"([\u4e00-\u9fff]{2,4}?)(" + "|".join(_SETTLEMENT_ENDINGS) + r")"
                          r"(?=[、，。；和及等调考视走]|$)")


@extractor("lg.place.v1", assigns=("places",))
def extract_places(ctx: ArticleContext):
    name = "lg.place.v1"
    g = gazetteer()
    for sentence in ctx.sentences:
        text = sentence.text
        for start, end in settlements(text):
            settlement = text[start:end]
            ev = ctx.evidence(sentence, start, end, name)
            yield Entity("place", ctx.scope_key(settlement, "town"), settlement, ev, (settlement,))
        for m in _NAMES_OF_ONE_KIND.finditer(text):  # 走访了甲、乙、丙等村: 甲村, 乙村, 丙村
            if not _PLACE_CAN_START.search(text, 0, m.start()):
                continue
            at, items = m.start(), m["items"].split("、")
            if len(items[0]) == 3 and items[0][0] in "了的到在和与及对向把将":
                at, items[0] = at + 1, items[0][1:]  # 走访了甲、乙等村
            for item in items:
                settlement = item + m["kind"]
                if not common_word(item) and item not in _NOT_SETTLEMENTS:
                    ev = ctx.evidence(sentence, at, at + len(item), name)
                    yield Entity("place", ctx.scope_key(settlement, "town"), settlement, ev, (item, settlement))
                at += len(item) + 1
        tokens = pos_tokens(text)
        previous = None  # the division named by the token before
        within = None  # a province or city right before, or before a list this word is in: 重庆九龙坡、江北
        province = None  # the last province the sentence named
        named: set[str] = set()  # zones read after a place word
        for word, tag, start in tokens:
            near = previous or within  # the division written right before (湖南 in 湖南湘江新区)
            if word[-1] not in "省市县区州旗" and _STREET_AFTER.match(text, start + len(word)):
                previous = None
                continue  # 北京路, 云江西街: a street named after a place
            hits = _disambiguated(g.lookup(word), previous or within) if len(word) >= 2 else ()
            previous = None
            if len(hits) == 1 and (  # jieba calls some places names (安吉, 沙坪坝): the province settles it
                    tag in ("ns", "nz", "n") and is_written_form(word, hits[0], ctx.locality.finest)
                    or word == hits[0].name and len(word) >= 3 and word[-1] in _LEVEL_ENDS  # 卓尼县 (jieba: nr)
                    or tag in ("ns", "nz", "n", "nr") and within is not None and is_written_form(word, hits[0], within)
                    or tag == "nr" and hits[0].level == "city" and province is not None
                    and hits[0].province_code == province.code):  # 河北省…，张家口赛区
                d = previous = hits[0]
                if d.level in ("province", "city") or text.startswith("、", start + len(word)):
                    within = d  # 到费县、沂南、沂水: a list of one city's counties, the rest short
                if d.level == "province":
                    province = d
                yield _division(d, word, ctx.evidence(sentence, start, start + len(word), name))
                if (suffix := _zone_suffix_at(text, start + len(word))) is not None:  # 广元经开区
                    yield from _zone(ctx, sentence, start, word + suffix, d, name)
                    named.add(word + suffix)
                if d.level == "district" and word == d.name:
                    yield from _below_county(ctx, sentence, d, start + len(word), name)
                continue
            if word not in ("、", "和", "及"):
                within = None  # 河南地处中原腹地: 中原 is no district of Zhengzhou
            if (venue := _venue_city(word, tag, ctx.locality.finest)) is not None:
                d, size = venue
                yield _division(d, word[:size], ctx.evidence(sentence, start, start + size, name))
                continue
            if (country := countries().get(word)) is not None and not _in_a_name(text, start):
                ev = ctx.evidence(sentence, start, start + len(word), name)
                yield Entity("place", f"country_{country.code}", country.name, ev, (word,),
                             (("type", "AdministrativeArea"),))
                continue
            if (tag in ("ns", "nr", "nz") and 2 <= len(word) <= 4 and _CJK.fullmatch(word)
                    and (suffix := _zone_suffix_at(text, start + len(word))) is not None):
                yield from _zone(ctx, sentence, start, word + suffix, near or ctx.locality.finest, name)
                named.add(word + suffix)
        for start, end in named_zones(text):
            if not any(z.endswith(text[start:end]) for z in named):  # not one read above
                yield from _zone(ctx, sentence, start, text[start:end], ctx.locality.finest, name)


def _in_a_name(text: str, start: int) -> bool:
    """The word at *start* ends a name written after a title, its surname before it (副书记张瑞士),
    or continues a transliterated name joined by a hyphen or a dot (参谋长阿尔-古马里)."""
    if _AFTER_JOINED_NAME.search(text, max(0, start - 5), start):
        return True
    if start < 2 or not has_surname(text[start - 1:start + 2]):
        return False
    if not any(pos == start - 1 and len(word) == 1 for word, _, pos in pos_tokens(text)):
        return False  # 主席国老挝: the character is part of a word
    return _TITLE_AT_END.search(text, max(0, start - 10), start - 1) is not None


_STREET_AFTER = re.compile(r"大街(?!小巷)|大道|路(?!线|径|上|过|边|演)|街(?![头道])|巷(?!子)|胡同")
_AFTER_JOINED_NAME = re.compile(r"[-－·‧•][\u4e00-\u9fff]{0,3}$")
_ZONE_END = re.compile("|".join(map(re.escape, ZONE_SUFFIXES)))
# the words a zone's name is made of (凤阳 循环 产业园, 县 盐化 工业园, 陇东 国家 现代 能源经济 示范区)
_ZONE_WORD = ("ns", "nz", "nr", "j", "n", "vn", "t", "zg", "ng", "nt")
_PROPER = ("ns", "nz", "nr", "j")
# where a zone's name written with no place word may start: after punctuation or a verb of going
_ZONE_CAN_START = re.compile(r"(?:^|[，,、：:；;（(“\s和及]|到|赴|在|来到|前往|深入|走进|走访)$")
# verbs jieba tags as nouns of action or abbreviations (深化: j), which start what is done there, not a
# name (调研永桐新城, 深化自贸区改革)
_NOT_IN_A_ZONE = frozenset(
    "调研 考察 视察 检查 督导 建设 推进 打造 发展 参观 调度 服务 深化 推动 加快 支持 依托 建好 "
    "前往 来到 深入 走进 赶赴".split())  # (jieba tags 前往 a time word)
_GONE_TO = re.compile(r"(?:到|赴|在|来到|前往|深入|走进)$")
_BARE_ZONES = frozenset({"高新区", "开发区", "经开区", "新区"})  # 赴高新区调研: the local one


def named_zones(text: str) -> list[tuple[int, int]]:
    """Zones and parks named by the words before their ending: from a place word (凤阳循环产业园;
    not 加快建设现代产业园, where no word names it), or from where a name can start when it is
    gone to or listed (到化工产业集聚区调研, 县盐化工业园的某公司); a bare 高新区 only when gone to."""
    tokens = pos_tokens(text)
    ending_at = {pos + len(w): i for i, (w, _, pos) in enumerate(tokens)}
    starts = {pos for _, _, pos in tokens}
    out = []
    for m in _ZONE_END.finditer(text):
        if m.start() not in ending_at and m.start() not in starts or m.end() not in ending_at:
            continue
        run, i = [], ending_at.get(m.start())
        while (i is not None and tokens[i][1].startswith(_ZONE_WORD) and tokens[i][0] not in _NOT_IN_A_ZONE
               and m.start() - tokens[i][2] <= 14):
            run.insert(0, tokens[i])
            i = ending_at.get(tokens[i][2])
        if not run:
            if m.group(0) in _BARE_ZONES and _GONE_TO.search(text, 0, m.start()):
                out.append(m.span())
            continue
        proper = [k for k, (_, tag, _) in enumerate(run) if tag.startswith(_PROPER)]
        if _ZONE_CAN_START.search(text, 0, run[0][2]) and (proper or _GONE_TO.search(text, 0, run[0][2])
                                                           and all(t.startswith(("n", "j")) for _, t, _ in run)):
            out.append((run[0][2], m.end()))
        elif proper:  # 加快建设凤阳循环产业园: from the first word that names it
            out.append((run[proper[0]][2], m.end()))
    return out


def _zone_suffix_at(text: str, pos: int) -> str | None:
    """The ending of a zone or park written at *pos* (经济技术开发区, 经开区, 高新区, 园区)."""
    return next((z for z in ZONE_SUFFIXES if text.startswith(z, pos)), None)


def _zone(ctx: ArticleContext, sentence, start: int, zone: str, where, name: str):
    """A development zone or park named *zone* at *start*, in the division *where* if known."""
    g = gazetteer()
    key = f"{g.full_name(where)}{zone}" if where else ctx.scope_key(zone, "district")
    ev = ctx.evidence(sentence, start, start + len(zone), name)
    yield Entity("place", key, zone, ev, (zone,))
    if where is not None:
        yield Relation(Ref("place", key), "containedInPlace", Ref("place", g.full_name(where)), ev)
        yield _division(where, where.name, ev)
