"""Named organisations and enterprises beyond the local short forms of lg.org.v1: people's
organisations at every level (全国妇联, 市总工会), national bodies (中央纪委, 应急管理部),
schools, hospitals and museums (…大学, …人民医院, …博物馆) and enterprises (…有限公司, …集团).

Spans come from the mention recogniser (kg.nlp.mentions) and a few endings; a span already
claimed by a person, a post's organisation or a place found earlier is left alone.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract import extractor
from kg.extract.context import ArticleContext, OrgName
from kg.extract.orgs import NATIONAL, org_entity, resolve_prefix
from kg.model import Entity, Sentence
from kg.nlp.mentions import government_bodies, recognise, trade_words
from kg.nlp.segment import common_word, pos_tokens
from kg.nlp.vocabulary import PREFIX_RE
from kg.resolve.countries import country_short_forms
from kg.resources import lexicon_lines, lexicon_words

ENTERPRISE_ENDINGS = tuple(sorted(lexicon_lines("enterprise_suffixes.txt"), key=len, reverse=True))
# legal forms first, then other enterprise words (工厂, 合作社)
ENDING_GROUPS = (
    tuple(s for s in ENTERPRISE_ENDINGS if s.endswith("公司")),
    tuple(s for s in ENTERPRISE_ENDINGS if s in ("集团", "银行")),
    tuple(s for s in ENTERPRISE_ENDINGS if not s.endswith("公司") and s not in ("集团", "银行")),
)
INSTITUTION_ENDINGS = tuple(sorted(lexicon_lines("institution_endings.txt"), key=len, reverse=True))
MASS_ORGS = sorted(lexicon_lines("mass_organisations.txt"), key=len, reverse=True)
_MASS_RE = re.compile(rf"(?P<scope>全国|中华全国|中国|省|市|区|县)(?P<type>{'|'.join(MASS_ORGS)})")
PARTIES = {w: line.split()[0] for line in lexicon_lines("parties.txt") for w in line.split()}
_PARTY_RE = re.compile("|".join(sorted(map(re.escape, PARTIES), key=len, reverse=True)))
_SCOPE_LEVEL = {"省": "province", "市": "city", "区": "district", "县": "district"}
_TITLE_END = re.compile(r"(?:书记|常委|委员|主任|主席|部长|局长|长|员)$")
_INSTITUTION_RE = re.compile(rf"(?:{'|'.join(map(re.escape, INSTITUTION_ENDINGS))})")
# national bodies named by themselves (中共中央、国务院印发…, 全国人大代表); 党中央 only where it is
# the CPC's (维护党中央权威), not a glued party's (某国人民革命党中央: jieba reads 革命党 as one word)
_NATIONAL_BODY_RE = re.compile(r"中共中央|全国人大常委会|全国人大|全国政协|国务院|中央军委|党中央")
# 联合国, 欧盟, 东盟…: full name or short form -> (full name, the short form news uses, the label)
INTERNATIONAL = {w: (line.split()[0], line.split()[1]) for line in lexicon_lines("international_bodies.txt")
                 for w in line.split()}
_INTERNATIONAL_RE = re.compile("|".join(sorted(map(re.escape, INTERNATIONAL), key=len, reverse=True)))
_PROPER_TAGS = ("ns", "nt", "nz", "nr", "n", "j", "m", "vn")


def _body_named(surface: str, ctx: ArticleContext) -> OrgName:
    """One node per body however it is written: 全国人大 the same node as the body of a post,
    教科文组织 the same as 联合国教科文组织; any other name as written."""
    if surface in NATIONAL:
        return resolve_prefix(surface, ctx)
    if surface in INTERNATIONAL:
        full, short = INTERNATIONAL[surface]
        return OrgName(full, short, full, None, "international")
    return OrgName(surface, surface, None, None, "national")


def _claimed(ctx: ArticleContext, sentence: Sentence) -> list[tuple[int, int]]:
    return [(e.evidence.start, e.evidence.end) for e in ctx.entities.values()
            if e.evidence.sentence_index == sentence.index and e.kind in ("org", "person", "enterprise")]


def _free(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e in spans)


def _mass_org(ctx: ArticleContext, m: re.Match) -> OrgName:
    scope, body = m["scope"], m["type"]
    if scope in ("全国", "中华全国", "中国"):
        return OrgName(m.group(0), m.group(0), None, None, "national")
    level = _SCOPE_LEVEL[scope]
    div = ctx.locality.at(level)
    if div is None:
        return OrgName(ctx.scope_key(m.group(0), level), m.group(0), None, None, level)
    return OrgName(div.name + body, div.name + body, None, None, level)


def is_enterprise_name(name: str) -> bool:
    """某某有限公司, 某某集团, 某某烧烤店: a business, not a public body (中国人民银行 is the
    central bank, one of the government bodies)."""
    return name.endswith(ENTERPRISE_ENDINGS + ("店", "厂")) and name not in government_bodies()


def _enterprise_end(surface: str) -> int | None:
    """End of an enterprise's name: its legal form wins over a word like 工厂 after it
    (…集团有限公司智能工厂 names the company, then one of its plants)."""
    for group in ENDING_GROUPS:
        ends = [surface.find(s) + len(s) for s in group if s in surface]
        if ends and (end := min(ends)) > 2:
            return end
    return None


def _place_before(text: str, start: int) -> int:
    for word, tag, pos in pos_tokens(text):
        if pos + len(word) == start and tag == "ns":
            return pos
    return start


def _institution_start(text: str, end_word_start: int) -> int | None:
    """Where an institution's name starts: the proper words right before its ending
    (筠连县 人民 医院, 中国 大运河 博物馆)."""
    start = end_word_start
    for word, tag, pos in reversed(pos_tokens(text)):
        if pos + len(word) > start:
            continue
        if pos + len(word) != start or not tag.startswith(_PROPER_TAGS) or not re.match(r"^[\u4e00-\u9fff]+$", word):
            break
        start = pos
        if end_word_start - start >= 10:
            break
    return start if start < end_word_start else None


# a company named in full where a name starts (after punctuation, a conjunction, a verb of going
# or 与 of a signing): 旌德县万方日用品有限公司, 五矿二十三冶建设集团有限公司
_COMPANY = re.compile(
    r"(?:(?<=[，、：；（“与和及同])|(?<=深入|来到|走进|走访|前往|到访|考察|调研|参观|看望))"
    r"(?P<name>[\u4e00-\u9fff\d]{2,22}?(?:股份有限公司|有限责任公司|有限公司|集团有限公司))"
)


def listed_companies(text: str) -> list[tuple[int, int]]:
    """Companies written in full with the ending of a company registered under law, wherever a
    name can start; the name holds no verb (深入某某有限公司: the verb is not part of it)."""
    out = []
    for m in _COMPANY.finditer(text):
        start = m.start("name")
        first = next((tag for _, tag, pos in pos_tokens(text) if pos == start), "")
        if not first.startswith(("v", "d", "p", "c", "r")) and not re.search(r"[的了在对将和与]|相关|有关", m["name"]):
            out.append((start, m.end("name")))
    return out


# 甲、乙、丙等企业, 甲、乙等5家企业: a list the kind word after it says are enterprises
# (等园区企业, 等规上工业企业: a word or two may say which enterprises; not 等地企业 or 等新能源企业,
# whose items are places and trades)
_WHICH_ENTERPRISES = ("重点|骨干|规上|规模以上|民营|龙头|园区|辖区|入驻|本地|外资|科技型|工业|制造业|外贸|国有"
                      "|中小微|中小|小微")
_KIND_OF_LIST = re.compile(rf"等(?:\d+|[一二三四五六七八九十两]+)?[家个户批]?"  # 等5家, 等5户, 等一批
                           rf"(?:{_WHICH_ENTERPRISES}){{0,2}}(?:企业|公司)")
# the verbs that open such a list (来到甲、乙等企业; 表彰了甲、乙等企业)
_LIST_OPENERS = frozenset({"来到", "深入", "走进", "走访", "前往", "赴", "到", "考察", "调研", "参观", "察看", "视察",
                           "看望", "慰问", "表彰", "奖励", "包括", "有", "是", "如", "引进", "签约", "落户", "聚集",
                           "入驻"})
_LIST_ITEM = re.compile(r"[\u4e00-\u9fffA-Za-z\d（）()]{2,16}")


def companies_listed_as_enterprises(text: str) -> list[tuple[int, int]]:
    """The items of a list closed by 等企业 (来到甲、乙、丙等企业走访): short names written without a
    legal ending; the first item starts after the clause's last verb or preposition (来到)."""
    out = []
    for m in _KIND_OF_LIST.finditer(text):
        start = max(text.rfind(c, 0, m.start()) for c in "，。；：！？") + 1
        items, pos = [], start
        for piece in text[start:m.start()].split("、"):
            items.append((pos, pos + len(piece)))
            pos += len(piece) + 1
        if len(items) < 2:
            continue
        first_start, first_end = items[0]
        words = [(w, t, p) for w, t, p in pos_tokens(text) if first_start <= p and p + len(w) <= first_end]
        cut = [p + len(w) for w, t, p in words if w in _LIST_OPENERS or t.startswith(("p", "u"))]
        if cut:
            items[0] = (max(cut), first_end)
        elif any(t.startswith("v") for _, t, _ in words):
            continue  # a verb that opens no list: where the first name starts is unknown
        if all(_LIST_ITEM.fullmatch(text[a:b]) and not re.search(r"[的了和与及在]", text[a:b]) for a, b in items):
            if all(common_word(text[a:b]) or text[a:b] in _TRADES for a, b in items):
                continue  # 深入矿产、食品、农业、医药等企业: the trades of the firms, no firm named
            out += items
    return out


# a list of places visited, after a verb of going, to its 等 or the clause's end (先后到甲、乙、丙等地调研)
_VISITED_LIST = re.compile(r"(?:来到|到|前往|走进|走访|深入|赴)"
                           r"(?P<items>(?:(?!调研|考察|视察|检查|察看|了解|走访|参观|慰问|指导)[^，。；：]){2,120}?)"
                           r"(?=等|调研|考察|视察|检查|察看|了解|走访|参观|慰问|指导|[，。；]|$)")
_TRADE_WORDS = "(?:" + "|".join(map(re.escape, sorted(
    trade_words() | set(lexicon_lines("company_endings.txt")), key=len, reverse=True))) + ")"
_TRADE_END = re.compile(_TRADE_WORDS + "$")
# a firm's short name opening the name of its project (某某实业再生铜技术改造项目)
_FIRM_OF_PROJECT = re.compile(rf"(?P<firm>[\u4e00-\u9fff]{{2,4}}?{_TRADE_WORDS})[\u4e00-\u9fff]{{4,30}}项目")


_TRADES = trade_words()


def companies_visited(text: str) -> list[tuple[int, int]]:
    """Short company names in a list of places visited (先后到某某食品、某某新材料等地调研): the
    items of two or more that end with a trade word (trade_endings.txt, company_endings.txt)."""
    out = []
    for m in _VISITED_LIST.finditer(text):
        pieces, pos = [], m.start("items")
        for piece in m["items"].split("、"):
            pieces.append((pos, pos + len(piece)))
            pos += len(piece) + 1
        if len(pieces) < 2:
            continue
        for a, b in pieces:
            if (firm := _FIRM_OF_PROJECT.fullmatch(text, a, b)) and not common_word(firm["firm"][:2]):
                out.append((a, a + len(firm["firm"])))  # 某某实业再生铜循环利用技术改造项目: 某某实业's
                continue
            trade = _TRADE_END.search(text[a:b])
            if (trade and re.fullmatch(r"[\u4e00-\u9fff]{2,12}", text[a:b]) and b - a > len(trade.group(0)) + 1
                    and not re.search(r"[和与及的]", text[a:b])
                    and not (trade.group(0) in _TRADES and common_word(text[a:b - len(trade.group(0))]))):
                out.append((a, b))  # a name before the trade word (not 新材料 alone, nor 家庭农场)
    return out


# verbs of meeting or going that the tagger sometimes reads into a body's name: the name starts after
_AFTER_AN_ACT = re.compile(r"^.*(?:会见|会晤|接见|拜会|拜访|会谈|访问|出席|参加|来到|前往|致电|致信|陪同)")


def _starts_with_a_verb(text: str, start: int) -> bool:
    """jieba reads an adverb, a conjunction or a preposition (not a country's short form) where a
    body's name would start (将同步进行…)."""
    return any(pos == start and (tag in ("d", "c") or tag == "p" and word not in country_short_forms())
               for word, tag, pos in pos_tokens(text))  # 以军方: 以 is Israel; 审计署, 住建局: verbs may


def _unnamed_local(surface: str, first_word: str) -> bool:
    """市公安局, 区财政局: a level and a body, whose place the article's locality gives (jieba reads
    the level as a word of its own, or a short prefix: 市纪委; 乡镇卫生院 names no body either).
    市场监管总局, a government body of the lexicon, names its own."""
    return surface[0] in "省市区县镇乡" and (surface not in government_bodies() or len(first_word) <= 1
                                           or bool(PREFIX_RE.match(first_word)))


# a list closed by the kind of thing its items are, which are no bodies (甲、乙医院等领域)
_FIELDS_AFTER = re.compile(r"(?:、[^，。；、]{1,12})*等(?:领域|行业|方面|产业|业态|方向)")
_QUOTED = re.compile(r"^“[^“”]+”$")
_KINDS_OF_BODIES = frozenset(lexicon_words("kinds_of_bodies.txt"))
# the body a 中央委员会 is the central committee of, written right before it (中国共产主义青年团)
_OWNER_BEFORE = re.compile(r"(?:^|(?<=[，、；：（“]))[\u4e00-\u9fff]{2,12}(?:团|党|同盟|联盟|协会)$")


@extractor("lg.body.v1", requires=("persons", "places"), assigns=("organizations",),
           after=("lg.org.v1", "lg.tenure.v1"))
def extract_bodies(ctx: ArticleContext):
    name = "lg.body.v1"
    for sentence in ctx.sentences:
        text = sentence.text
        claimed = _claimed(ctx, sentence)
        found: list[tuple[int, int, str, str]] = []  # start, end, kind, surface
        for m in _MASS_RE.finditer(text):
            if _free(claimed, m.start(), m.end()):
                org = _mass_org(ctx, m)
                yield org_entity(org, m.group(0), ctx.evidence(sentence, m.start(), m.end(), name))
                claimed.append((m.start(), m.end()))
        words = {pos: word for word, _, pos in pos_tokens(text)}  # jieba's words by where they start
        for m in _PARTY_RE.finditer(text):  # 民盟 is 中国民主同盟
            if m.start() not in words:
                continue  # 人民革命党: jieba's words cross 民革
            if _free(claimed, m.start(), m.end()) and not text.startswith("界", m.end()):
                full = PARTIES[m.group(0)]
                ev = ctx.evidence(sentence, m.start(), m.end(), name)
                yield org_entity(OrgName(full, m.group(0), full, None, "national"), m.group(0), ev)
                claimed.append((m.start(), m.end()))
        for mention in recognise(text):
            if (cut := _AFTER_AN_ACT.search(mention.surface)) is not None:  # 纽约会见美国某基金会
                mention = replace(mention, start=mention.start + cut.end(), surface=mention.surface[cut.end():])
            surface = mention.surface
            if mention.label == "company":
                end = _enterprise_end(surface)
                if end is None:
                    continue
                start = _place_before(text, mention.start)  # 南京 钢铁集团有限公司
                found.append((start, mention.start + end, "enterprise", text[start:mention.start + end]))
            elif mention.label in ("government", "organization"):
                if (PREFIX_RE.fullmatch(surface) or _TITLE_END.search(surface) or len(surface) < 3
                        or re.fullmatch(r"[东西南北中]+部", surface)  # 中西部 is a region
                        or _starts_with_a_verb(text, mention.start)):  # 将同步进行党组织
                    continue  # 区委 (resolved by lg.org.v1), 自治区党委常委 (a post)
                start = mention.start
                if surface.startswith("中国") and surface[2:].startswith(("全国", "中央")):
                    start, surface = start + 2, surface[2:]  # 中国全国人大 is 全国人大
                if _QUOTED.match(text[start - 1:mention.end + 1]):
                    continue  # “川渝通办”: a scheme's name
                if text.endswith("国家", 0, start) and re.search(r"(?:局|署|委|办)$", surface):
                    start, surface = start - 2, "国家" + surface  # 国家林草局, not 林草局
                if surface.startswith("中央") and (owner := _OWNER_BEFORE.search(text, 0, start)):
                    start, surface = owner.start(), text[owner.start():mention.end]  # 某青年团中央委员会
                found.append((start, mention.end, "org", surface))
        for start, end in listed_companies(text) + companies_listed_as_enterprises(text) + companies_visited(text):
            found.append((start, end, "enterprise", text[start:end]))  # 来到甲有限公司、乙有限公司; 甲、乙等企业
        for m in _INSTITUTION_RE.finditer(text):
            start = _institution_start(text, m.start())
            if start is not None and m.end() - start >= 4:
                found.append((start, m.end(), "org", text[start:m.end()]))
        for start, end, kind, surface in sorted(found, key=lambda x: (x[0], -(x[1] - x[0]))):
            if not _free(claimed, start, end) or _unnamed_local(surface, words.get(start, "")):
                continue  # unnamed local bodies (市公安局) need lg.org.v1's locality
            if kind == "org" and _FIELDS_AFTER.match(text, end):
                continue  # 增值电信、外商独资医院等领域: fields, not bodies
            if kind == "org" and surface in _KINDS_OF_BODIES:
                continue  # 村党支部, 社区居委会: a kind of body, not one
            claimed.append((start, end))
            ev = ctx.evidence(sentence, start, end, name)
            if kind == "enterprise":
                yield Entity("enterprise", surface, surface, ev, (surface,))
            else:
                yield org_entity(_body_named(surface, ctx), surface, ev)
        # bodies named by themselves, after the longer names that hold them (联合国开发计划署,
        # 国务院新闻办公室, 美国国务院)
        alone = [m for m in _INTERNATIONAL_RE.finditer(text) if m.start() in words]
        for m in alone + list(_NATIONAL_BODY_RE.finditer(text)):
            if m.group(0) == "党中央" and not any(pos == m.start() for _, _, pos in pos_tokens(text)):
                continue  # 某国人民革命党中央: the 党 ends a party's name
            if _free(claimed, m.start(), m.end()):
                claimed.append((m.start(), m.end()))
                ev = ctx.evidence(sentence, m.start(), m.end(), name)
                yield org_entity(_body_named(m.group(0), ctx), m.group(0), ev)
