"""Organisations: short names (区委, 市政府) resolved against the article's locality, units
(区委组织部, 区委常委会) and local bodies (区经商局).

Emits schema:name = the name with its locality (莲都区委组织部), schema:legalName = the full
name where it can be derived (中共丽水市莲都区委员会组织部), aliases as written.
"""

from __future__ import annotations

import re

from kg.extract import extractor
from kg.extract.context import ArticleContext, OrgName
from kg.extract.places import settlements
from kg.model import Entity, Evidence
from kg.nlp.segment import pos_tokens
from kg.nlp.vocabulary import PREFIX_RE, org_prefixes
from kg.resolve.gazetteer import Division, gazetteer, short_name
from kg.resources import lexicon_lines

NATIONAL = {
    "中共中央": ("中国共产党中央委员会", "中共中央", "PartyCommittee"),
    "党中央": ("中国共产党中央委员会", "中共中央", "PartyCommittee"),
    "中央": ("中国共产党中央委员会", "中共中央", "PartyCommittee"),
    "国务院": ("中华人民共和国国务院", "国务院", "GovernmentOrganization"),
    "全国人大常委会": ("全国人民代表大会常务委员会", "全国人大常委会", None),
    "全国人大": ("全国人民代表大会", "全国人大", None),
    "全国政协": ("中国人民政治协商会议全国委员会", "全国政协", None),
    "中央军委": ("中共中央军事委员会", "中央军委", None),
    # the head of state is a state organ of its own (Constitution, chapter 3, section 2)
    "国家主席": ("中华人民共和国主席", "中华人民共和国主席", "GovernmentOrganization"),
}
LEVEL_CHAR = {"province": "省", "city": "市", "district": "区县", "town": "镇乡"}
KIND_TYPE = {"party": "PartyCommittee", "government": "GovernmentOrganization", "discipline": None,
             "congress": None, "cppcc": None}


UNITS = sorted(lexicon_lines("org_units.txt"), key=len, reverse=True)
SUFFIXES = sorted(lexicon_lines("org_suffixes.txt"), key=len, reverse=True)


def _full(path: str, kind: str) -> str:
    return {
        "party": f"中共{path}委员会",
        "government": f"{path}人民政府",
        "congress": f"{path}人民代表大会常务委员会",
        "cppcc": f"中国人民政治协商会议{path}委员会",
        "discipline": f"中共{path}纪律检查委员会",
    }[kind]


PREFECTURE_STARTS = "地州盟自"  # short names of a prefecture's bodies: 地委, 州党委, 盟委, 自治州党委


def _prefecture_label(div: Division, short: str) -> str:
    """The body *short* of prefecture *div* as written: 阿勒泰地区 + 地区行署 = 阿勒泰地区行署,
    + 地委 = 阿勒泰地委; 伊犁哈萨克自治州 + 自治州党委 = 伊犁哈萨克自治州党委; 锡林郭勒盟 + 盟委."""
    k = next((k for k in range(len(short), 0, -1) if div.name.endswith(short[:k])), 0)
    return div.name + short[k:] if k else (short_name(div.name) or div.name) + short


def place_before(text: str, pos: int, level: str) -> Division | None:
    """The division written right before *pos* that a short name of *level* belongs to:
    四川 in 四川省委, 北京 in 北京市委, 银川 in 银川市委."""
    g = gazetteer()
    ends = LEVEL_CHAR.get(level, "") + ("市" if level == "province" else "")
    # 阿勒泰地委, 伊犁哈萨克自治州党委, 锡林郭勒盟委: a prefecture's own bodies, not a city's (阿勒泰市)
    prefecture = level == "city" and text[pos:pos + 1] in PREFECTURE_STARTS
    for n in range(min(8, pos), 1, -1):
        cand = text[pos - n:pos]
        # 新疆维吾尔 + 自治区党委: the region's name is written up to its own ending
        found = g.lookup(cand) or (g.lookup(cand + "自治区") if text.startswith("自治区", pos) else ())
        hits = [d for d in found  # 河北 (省), not 河北 (区) of Tianjin; 西藏 (自治区)
                if (d.level == "city" if prefecture
                    else d.name[-1] in ends or level == "province" and d.name.endswith("自治区"))]
        if len(hits) == 1:
            return hits[0]
    return None


def resolve_prefix(short: str, ctx: ArticleContext, written: Division | None = None) -> OrgName:
    """区委 on a 莲都 page -> 莲都区委 (中共丽水市莲都区委员会); *written* is a division named in the
    text right before the short name (四川 in 四川省委), which wins over the article's locality."""
    if short in NATIONAL:
        full, label, otype = NATIONAL[short]
        return OrgName(full, label, full, otype, "national")
    level, kind = org_prefixes()[short]
    div = written or (ctx.locality.at(level) if level in ("province", "city", "district") else None)
    region = short.startswith("自治区")  # 自治区党委: the 自治区 is the division's own ending
    if written is not None and written.level == "city" and short[0] in PREFECTURE_STARTS:
        full = _full(written.name, kind)
        return OrgName(full, _prefecture_label(written, short), full, KIND_TYPE.get(kind), level)
    if div is None or not (div.name[-1] in LEVEL_CHAR.get(level, "") + ("市" if written else "")
                           or region and div.name.endswith("自治区")):
        return OrgName(ctx.scope_key(short, level), short, None, KIND_TYPE.get(kind), level)
    # 兴县 + 县委 = 兴县县委 as written: a one-character name keeps its ending before its party
    # committee (平昌县 + 县委 = 平昌县委; 兴县人民政府)
    label = div.name + (short if len(div.name) == 2 and short[1:] == "委" else short[3 if region else 1:])
    city = gazetteer().parent(div, "city") if written else ctx.locality.city
    parts = [d.name for d in (city, div) if d is not None] if level == "district" else [div.name]
    full = _full("".join(dict.fromkeys(parts)), kind)
    return OrgName(full, label, full, KIND_TYPE.get(kind), level)


def resolve_unit(parent: OrgName, unit: str) -> OrgName:
    """A unit of a party committee or government: 区委 + 组织部."""
    label = parent.label + unit
    if unit == "常委会" and parent.full and parent.full.endswith("委员会"):
        full = parent.full + "常务委员会"
    else:
        full = (parent.full + unit) if parent.full else None
    return OrgName(full or f"{parent.key}{unit}", label, full, "OrganizationalUnit", parent.level)


def org_entity(org: OrgName, surface: str, ev: Evidence, implied: bool = False) -> Entity:
    """The entity of a body written *surface* at *ev*; *implied*: the sentence only gives a post in
    it (习近平总书记: 中共中央), without naming it."""
    attrs = [("type", org.type)] if org.type else []
    if implied:
        attrs.append(("implied", "true"))
    if org.full:
        attrs.append(("full_name", org.full))
    if org.level == "foreign":  # for the build's log: who holds a post abroad (kg.review)
        attrs.append(("level", "foreign"))
    return Entity("org", org.key, org.label, ev, (surface,), tuple(sorted(attrs)))


_UNIT_RE = re.compile(
    rf"(?P<place>[\u4e00-\u9fff]{{2,6}}?)?(?P<prefix>{PREFIX_RE.pattern})(?P<unit>{'|'.join(UNITS)})"
)
_LOCAL_BODY_RE = re.compile(
    rf"(?P<level>[区县市])(?P<name>[\u4e00-\u9fff]{{2,6}}?)(?P<suffix>{'|'.join(SUFFIXES)})"
    rf"(?P<office>(?<=[委会])办公室)?(?=[\u4e00-\u9fff、，,。；;：:）)《“]|$)"
)
_NOT_LOCAL_BODY = re.compile(r"^(直|内|里|委|政府|场|民|级|长|域)")
_NOT_IN_A_NAME = re.compile(r"[的之有是在与及对省市县区]|[一二三四五六七八九十]分")  # 区四分之三的医院, 市县医院


def find_orgs(ctx: ArticleContext, sentence, extractor_name: str):
    text = sentence.text
    for m in _UNIT_RE.finditer(text):
        if m["unit"] == "常委会" and text.startswith("会议", m.end()):
            continue  # 区委常委会会议 is a meeting; its organiser is emitted by the meeting extractor
        parent = resolve_prefix(m["prefix"], ctx)
        place = m["place"] or ""
        if place and not any(place.endswith(d.name) or place.endswith(d.name[:-1]) for d in
                             (ctx.locality.province, ctx.locality.city, ctx.locality.district) if d):
            place = ""
        start = m.start("prefix") - len(place)
        org = resolve_unit(parent, m["unit"])
        yield org_entity(org, text[start:m.end()], ctx.evidence(sentence, start, m.end(), extractor_name))
    for m in _LOCAL_BODY_RE.finditer(text):
        if _NOT_LOCAL_BODY.match(m["name"]) or PREFIX_RE.match(text, m.start()) or _NOT_IN_A_NAME.search(m["name"]):
            continue
        if not (_may_start_a_body(text, m.start()) or text.endswith("了", 0, m.start())):
            continue  # 全区安全生产委员会: the whole district, no body named 区安全…; 审议了区某局: one
        level = "city" if m["level"] == "市" else "district"
        div = ctx.locality.at(level)
        body = m["name"] + m["suffix"] + (m["office"] or "")  # 区安委会办公室: the office, a body of its own
        if div is not None:
            path = "".join(d.name for d in (ctx.locality.city, div) if d) if level == "district" else div.name
            org = OrgName(path + body, div.name + body, path + body, "GovernmentOrganization", level)
        else:
            org = OrgName(ctx.scope_key(m.group(0), level), m.group(0), None, "GovernmentOrganization", level)
        yield org_entity(org, m.group(0), ctx.evidence(sentence, m.start(), m.end(), extractor_name))


# a body named by itself, as the one that acts or is acted with (县政府印发…, 道县人民政府与…签约,
# 县人大、县政府、县政协等): its short name, then no title, unit or number of its own
_BODY_BEFORE = re.compile(r"[，。、；：（“”和与及在由经对向同把被为是]$")
_BODY_AFTER = re.compile(
    r"[，。、；：）”和与及同在将已等的]|召开|举行|印发|出台|研究|部署|关于|高度|决定|联合|党组(?!书记|成员|副书记)"
)


# a short name that is an adjective of a fixed phrase (中央和国家机关, 省市县三级, 市县两级): no body
_NOT_A_BODY_AFTER = re.compile(r"和国家机关|和地方|[、和]?(?:省|市|县|区|乡|镇)*[两三四五]级")


def acting_bodies(ctx: ArticleContext, sentence, extractor_name: str):
    """Party committees, governments, congresses and CPPCCs named by themselves."""
    text = sentence.text
    for m in PREFIX_RE.finditer(text):
        level = org_prefixes()[m.group(0)][0]
        if not _BODY_AFTER.match(text, m.end()) or _NOT_A_BODY_AFTER.match(text, m.end()):
            continue
        written, start = None, m.start()
        if level in ("province", "city", "district"):  # 四川省委; 道县人民政府 (道县 and 县人民政府 share 县)
            written = place_before(text, m.start(), level) or place_before(text, m.start() + 1, level)
            if written is not None and (form := written_name(text, m.start() + 1, written)):
                start = m.start() + 1 - len(form)
        if not _may_start_a_body(text, start):
            continue
        org = resolve_prefix(m.group(0), ctx, written)
        yield org_entity(org, text[start:m.end()], ctx.evidence(sentence, start, m.end(), extractor_name))


def _may_start_a_body(text: str, start: int) -> bool:
    """A body's short name starts here on its own: at the start, after punctuation, a conjunction or
    a preposition, or after a verb jieba reads (审议县人民政府…); not inside a longer name (美国国务院,
    全县政府系统)."""
    if start == 0 or _BODY_BEFORE.search(text, 0, start):
        return True
    return any(pos + len(word) == start and tag.startswith("v") for word, tag, pos in pos_tokens(text))


def written_name(text: str, end: int, d: Division) -> str:
    """How the text writes division *d* right before *end* (四川省 or 四川), or "" when it does not."""
    for form in sorted({d.name, short_name(d.name) or d.name}, key=len, reverse=True):
        if text[:end].endswith(form):
            return form
    return ""


@extractor("lg.org.v1", assigns=("organizations",))
def extract_orgs(ctx: ArticleContext):
    """Organisations and their units named in any sentence (captions included)."""
    for sentence in ctx.sentences:
        yield from find_orgs(ctx, sentence, "lg.org.v1")
        yield from acting_bodies(ctx, sentence, "lg.org.v1")
        yield from settlement_bodies(ctx, sentence, "lg.org.v1")
        yield from same_town_bodies(ctx, sentence, "lg.org.v1")
        yield from delegations(ctx, sentence, "lg.org.v1")


_DELEGATION_WORDS = "|".join(map(re.escape, sorted(lexicon_lines("delegation_words.txt"), key=len, reverse=True)))
# a group named as the one who goes, comes or meets: it opens a clause or is led (率领…), and an
# act follows (一行, 来, 到, 赴, 在, 召开…)
DELEGATION = re.compile(
    rf"(?:^|(?<=[，；：])|(?<=率领)|(?<=带领)|(?<=率)|(?<=的))(?P<name>[\u4e00-\u9fff]{{2,16}}?(?:{_DELEGATION_WORDS}))"
    r"(?=一行|来|到|赴|在|召开|举行|深入|先后|实地|，)")


_LEAD_WORDS = ("率领", "带领", "率", "的")
# words after which a group's name starts: who leads it, and verbs or conjunctions before it
# (这也是中国代表团, 我和越南代表团, 用好联合工作组), not at the start (和田地区代表团)
_BEFORE_GROUP = _LEAD_WORDS + ("是", "和", "与", "在", "带", "用好", "我", "他", "她", "同", "向", "对")


def delegations(ctx: ArticleContext, sentence, extractor_name: str):
    """某市党政考察团一行来我旗考察, 县长甲率领县党政代表团赴…, 省发改委…率领的某工作组来…: the
    group, an organisation of this article (its name alone does not say which body sent it)."""
    for m in DELEGATION.finditer(sentence.text):
        at = {w: m["name"].rfind(w) for w in _BEFORE_GROUP}
        cut = max((i + len(w) for w, i in at.items() if i > 0 or i == 0 and w in _LEAD_WORDS), default=0)
        name, start = m["name"][cut:], m.start("name") + cut  # 县长甲率领县党政代表团: the group
        if len(name) < 4:
            continue
        if re.search(r"[派成组建]", name[:-3]) or name.startswith(("全体", "各", "多")):
            continue  # 派出的工作组, 组建调研组: no name of a group
        org = OrgName(f"{ctx.article.id}_{name}", name, None, None, "unknown")
        yield org_entity(org, name, ctx.evidence(sentence, start, m.end("name"), extractor_name))


SETTLEMENT_BODIES = re.compile("|".join(sorted(map(re.escape, lexicon_lines("settlement_bodies.txt")),
                                               key=len, reverse=True)))


def settlement_bodies(ctx: ArticleContext, sentence, extractor_name: str):
    """The bodies of a settlement named right after it: 某某镇党委, 某某村党支部, 某某街道办事处."""
    text = sentence.text
    for start, end in settlements(text):
        if (m := SETTLEMENT_BODIES.match(text, end)) is None:
            continue
        label = text[start:m.end()]
        kind = KIND_TYPE["party"] if "党" in m.group(0) else KIND_TYPE["government"]
        org = OrgName(ctx.scope_key(label, "town"), label, None, kind, "town")
        yield org_entity(org, label, ctx.evidence(sentence, start, m.end(), extractor_name))


# a town's body, then its other bodies named by the town's ending alone (红墩界镇党委、镇人大主席团、镇政府)
_TOWN_BODIES = re.compile(
    rf"(?:^|(?<=[，；：、。]))(?P<town>[\u4e00-\u9fff]{{2,5}}?(?P<ending>街道|镇|乡))(?:{SETTLEMENT_BODIES.pattern})"
    rf"(?P<rest>(?:、(?P=ending)(?:{SETTLEMENT_BODIES.pattern})(?:主席团)?)+)")


def same_town_bodies(ctx: ArticleContext, sentence, extractor_name: str):
    """The bodies listed after a town's by the town's ending alone (、镇人大主席团、镇政府): the same
    town's, named with it."""
    text = sentence.text
    for m in _TOWN_BODIES.finditer(text):
        pos = m.start("rest")
        for item in m["rest"][1:].split("、"):
            start, end = pos + 1, pos + 1 + len(item)
            label = m["town"] + item[len(m["ending"]):]
            kind = KIND_TYPE["party"] if "党" in item else KIND_TYPE["government"]
            org = OrgName(ctx.scope_key(label, "town"), label, None, kind, "town")
            yield org_entity(org, item, ctx.evidence(sentence, start, end, extractor_name))
            pos = end
