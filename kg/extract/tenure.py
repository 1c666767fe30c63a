"""People and the posts they are reported holding.

Patterns (ontology.md §3.5a): ``市委常委、区委书记徐光文`` (posts, then the name),
``省委车俊书记`` (organisation, name, title), ``习近平总书记`` (name, title), bylines
``□ 记者 王秋蕊``. Emits schema:Person, lg:Tenure with opengov:post, org:holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.extract import extractor
from kg.extract.bodies import PARTIES, is_enterprise_name
from kg.extract.context import ArticleContext, KnownPerson, OrgName
from kg.extract.orgs import KIND_TYPE, org_entity, place_before, resolve_prefix, written_name
from kg.extract.places import settlements
from kg.model import Entity, Post, Ref, Tenure
from kg.nlp.mentions import government_bodies
from kg.nlp.names import (
    NOT_NAME_TAGS,
    dotted_name_at,
    foreign_name_at,
    is_chinese_name,
    name_after,
    name_before,
    plain_pieces,
    unsurnamed_name_at,
)
from kg.nlp.segment import dictionary_tag, pos_tokens
from kg.nlp.vocabulary import PREFIX_RE, ROLE_RE, ROLES, TOWN_PREFIXES, org_prefixes
from kg.resolve.countries import countries, country_ending, country_short_forms, mentioned_countries
from kg.resolve.gazetteer import Division, gazetteer
from kg.resources import lexicon_lines, lexicon_words

GENERIC_BODIES = frozenset(lexicon_words("generic_bodies.txt"))  # 、政府副总理: no body of its own
# how transcribed foreign names end (…斯, …尔): a bare title after one is no Chinese post
TRANSCRIPTION_ENDINGS = frozenset(lexicon_words("transliteration_chars.txt"))
# the hundred commonest surnames (surnames.txt is ranked): 蔡奇 is no transcription, 巴罗 may be one
COMMON_SURNAMES = frozenset(lexicon_words("surnames.txt")[:100])
# a name does not start with a conjunction, though 和 is a surname (党中央和习主席: jieba's 和习)
_CONJUNCTIONS = "和与同及"
# Titles written after a name (习近平总书记, 张三同志)
TITLE_AFTER_NAME = ("总书记", "书记", "主席", "总理", "委员长", "省长", "市长", "区长", "县长", "常委", "委员", "主任",
                    "镇长", "乡长", "副书记", "副主席", "副省长", "副市长", "副区长", "副县长", "副镇长", "副乡长",
                    "副主任")
NATIONAL_DEFAULT = {
    "national_party": "中共中央", "national_government": "国务院", "national_congress": "全国人大常委会",
    "national_state": "国家主席", "national_military": "中央军委",
}
# Posts China does not have: whoever holds one is foreign (马克龙总统, 某某首相)
FOREIGN_TITLES = ("总统", "副总统", "首相", "前总统", "前副总统", "前首相")
# titles a list goes on with in the body of the one before (区人大常委会主任甲，副主任乙、丙)
BODY_TITLES = frozenset({"主任", "副主任", "主席", "副主席", "常务副主席", "专职副主席", "秘书长", "副秘书长",
                         "党组成员", "党组副书记"})
LEVEL_RANK = {"national": 0, "province": 1, "city": 2, "district": 3, "town": 4, "unknown": 5}


@dataclass(frozen=True)
class PostPhrase:
    start: int
    end: int
    prefix: str | None
    role: str
    place: Division | None = None  # a division written before the prefix: 四川 in 四川省委书记
    org_name: str | None = None  # a body named in full before the title: 某某领导小组 in …组长


# A body written in full right before a title (中央巡视工作领导小组组长, 某某有限公司法定代表人)
WRITTEN_ORG = re.compile(
    r"^[\u4e00-\u9fff]{2,20}?(?:领导小组|工作组|小组|委员会|办公室|有限公司|公司|集团|大学|学院|学校|医院|"
    r"协会|学会|联合会|研究院|研究所|中心|宣讲团|代表团|董事会|理事会|国会|议会|内阁|政府|部|局|厅|署|院|店|厂|银行|馆|劳动党|人民党|"
    r"(?<=[\u4e00-\u9fff]{2})(?<![常党])委|党工委|管委会|"  # 市发展改革委, 卫健委 (not 县委常委, 党委); 某开发区党工委
    r"(?<=[\u4e00-\u9fff]{2})(?<![举主承协创开兴])办|"  # 改革办, 扶贫办 (not 主办, 举办)
    r"工人党|共产党|民主党|共和党|保守党|工党)$"
)
_NOT_IN_ORG = frozenset("对在经由向为是把将被从让给的")  # as words of their own: 经…批准, not 财经, 经济
# verbs of meeting someone or of what is done to him, which no body's name holds (追授某省委组织部原副部长)
_MEETS_SOMEONE = re.compile(r"会见|会晤|接见|拜会|拜访|看望|慰问|走访|陪同|率队|带队|一行|来到|前往"
                            r"|追授|授予|追认|任命|免去")


def _function_word_in(text: str, start: int, end: int) -> bool:
    """jieba reads one of _NOT_IN_ORG as a word of its own between *start* and *end*."""
    return any(start <= s < end and w in _NOT_IN_ORG for w, _, s in pos_tokens(text))


def _clause_start(text: str, end: int, floor: int) -> int:
    """Where the words right before *end* start: after the last delimiter, or at *floor*."""
    return max(floor, max(text.rfind(c, 0, end) for c in "、，,：:；。（(“") + 1)


# bodies whose names hold a conjunction, which would otherwise end a body's name (工业和信息化部)
_BODIES_WITH_AND = tuple(sorted((b for b in government_bodies() if re.search("[和与]", b)), key=len, reverse=True))


def _written_org(text: str, end: int, floor: int = 0) -> tuple[int, str] | None:
    """The body named in full right before *end*, from the last delimiter (or title) on."""
    start = _clause_start(text, end, floor)
    if known := next((b for b in _BODIES_WITH_AND if text.endswith(b, start, end)), None):
        return end - len(known), known  # 对工业和信息化部副部长: a body of the state, whole (not 信息化部)
    seg = text[start:end]
    # …以视频方式同乌兹别克斯坦最高会议参议院: a foreign body starts at its country's name
    hits = [(seg.rfind(c), c) for c in countries() if len(c) >= 2 and c in seg]
    if hits and (at := max(hits)[0]) > 0:
        start, seg = start + at, seg[at:]
    # 法定代表人甲和某公司法定代表人乙: the previous holder's name and the conjunction are not part of
    # it (工业和信息化部 after 成员， is one body)
    before = text[max(0, start - 6):start]
    if ((m := re.match(r"^(?!兼)[\u4e00-\u9fff]{2,3}[和与及]", seg))
            and any(r.end() == len(before) for r in ROLE_RE.finditer(before))):
        start, seg = start + m.end(), seg[m.end():]
    if (cut := max(seg.rfind(c) for c in "了还着兼")) >= 0:  # 领导人还听取了新开发银行行长, 某联邦委员兼经济部长
        start, seg = start + cut + 1, seg[cut + 1:]
    if verbs := list(_MEETS_SOMEONE.finditer(seg)):  # 甲率队拜会某集团董事长乙: the body starts after the verb
        start, seg = start + verbs[-1].end(), seg[verbs[-1].end():]
    if seg.startswith(("兼", "原")) and len(seg) > 3:  # 副总理兼财政部长; 原某某公司: the former company
        start, seg = start + 1, seg[1:]
    if WRITTEN_ORG.match(seg) and not _function_word_in(text, start, end) and not PREFIX_RE.fullmatch(seg):
        return start, _country_sharing_a_character(seg)
    return None


def _country_before(text: str, end: int, role: str = "") -> tuple[int, str] | None:
    """The country written right before *end* and where it starts, a 前 or 原 between allowed
    (埃及前总理: a former post, in the same government); for (中国)驻某国大使, China's embassy."""
    at = end - 1 if text[end - 1:end] in ("前", "原") else end
    country = country_ending(text[:end]) or at < end and country_ending(text[:at])
    if not country:
        return None
    start = (end if text.endswith(country, 0, end) else at) - len(country)
    if not text.endswith("驻", 0, start):
        return start, country
    if role != "大使" or text.endswith("华", 0, end) or text.endswith(tuple(countries()), 0, start - 1):
        return None  # 驻印尼大使 of a title before; 伊朗驻黎巴嫩大使: Iran's
    return start - 1 - (2 if text.endswith("中国", 0, start - 1) else 0), f"中国驻{country}大使馆"


def _country_sharing_a_character(body: str) -> str:
    """美国防部 is 美国 + 国防部, the 国 written once: the body's full name (美国国防部). A reading
    without a shared character wins (以色列 + 国防部, not 以色列国 + 国防部)."""
    if any(body.startswith(c) and body[len(c):] in government_bodies() for c in countries()):
        return body
    for country in countries():
        rest = body[len(country) - 1:]
        if len(country) >= 2 and body.startswith(country) and rest in government_bodies():
            return country + rest
    return body


def _roles_in(text: str) -> list[re.Match]:
    """The titles ROLE_RE finds, a title that begins with the end of a body's short name read as
    that body's title: 镇党委书记 is 镇党委 + 书记 (not 镇 + 党委书记, which leaves 镇 no body)."""
    out = []
    pos = 0
    while (m := ROLE_RE.search(text, pos)) is not None:
        for k in range(1, len(m.group(0))):
            inner = ROLE_RE.match(text, m.start() + k, m.end())
            if (inner is not None and inner.end() == m.end()
                    and any(text.endswith(p.group(0), 0, m.start() + k) and len(p.group(0)) > k
                            for p in PREFIX_RE.finditer(text[max(0, m.start() - 6):m.start() + k]))):
                m = inner
                break
        out.append(m)
        pos = m.end()
    return out


_BARE_BODIES = ("政协", "人大", "政府", "纪委")
_LEVELS = "省市州盟县区旗镇乡"


def _zone_before(text: str, end: int, floor: int) -> tuple[int, str] | None:
    """The zone whose working committee a title belongs to, written right before it from the last
    delimiter on: 宝鸡港务区 (党工委副书记), 红开区, 区."""
    start = _clause_start(text, end, floor)
    seg = text[start:end]
    if re.fullmatch(r"[\u4e00-\u9fff]{0,12}区", seg) and not _function_word_in(text, start, end):
        return start, seg
    return None


def _bare_body_in_list(text: str, start: int, before: list[PostPhrase]) -> str | None:
    """县委常委、政协主席, 县委副书记、政府县长: a body written without its level right before a
    title, in a list whose title before names the level; the body with it (县政协, 县政府)."""
    if not before or not before[-1].prefix or before[-1].prefix[0] not in _LEVELS:
        return None
    if text[before[-1].end:start - 2] != "、":
        return None
    bare = next((b for b in _BARE_BODIES if text.endswith(b, 0, start)), None)
    return before[-1].prefix[0] + bare if bare else None


def post_phrases(text: str) -> list[PostPhrase]:
    """Every title in *text*, with the short organisation name written right before it."""
    out = []
    for m in _roles_in(text):
        prefix = None
        # 省委原常委: a former holder's title, in the same body (the post is 省委常委)
        title_at = m.start() - 1 if text.endswith("原", 0, m.start()) else m.start()
        for p in sorted((m_.group(0) for m_ in PREFIX_RE.finditer(text[max(0, title_at - 8):title_at])),
                        key=len, reverse=True):
            if text[:title_at].endswith(p):
                prefix = p
                break
        if prefix is None:
            title_at = m.start()
        start = title_at - len(prefix) if prefix else m.start()
        place = None
        if prefix and prefix in org_prefixes() and (place := place_before(text, start, org_prefixes()[prefix][0])):
            start -= len(written_name(text, start, place))
        floor = out[-1].end if out else 0
        town_body = None
        if prefix in TOWN_PREFIXES and place is None and prefix[0] in "镇乡":
            town = next((s for s, e in settlements(text) if e == start + 1 and s >= floor), None)
            if town is not None:  # 高沟镇党委书记: the town named, its body written in full
                town_body = (town, text[town:start + len(prefix)])
                prefix, start = None, town
        if prefix is None and text[:start].endswith("中共"):  # 中共中央政治局委员
            start -= 2
        if prefix is None and (bare := _bare_body_in_list(text, start, out)) is not None:
            prefix, start = bare, start - len(bare) + 1  # 县委常委、政协主席: 县政协 (bare is one level char longer)
        role = m.group(0)
        written = town_body or (None if prefix else _written_org(text, start, floor))
        if written is None and prefix is None and role == "部长":
            short = _written_org(text, m.start() + 1, floor)  # 商务部长: one 部 for 商务部 and 部长
            glued = floor and short == (floor, text[floor:m.start() + 1]) and "\u4e00" <= text[floor] <= "\u9fff"
            written = None if glued else short  # not 总统 + 府首席部长
        if written is None and prefix is None and role == "外交部长":  # the ministry, not the body of a
            country = _country_before(text, start)  # title before; a country's when one is written
            written, role = (country[0], country[1] + "外交部") if country else (start, "外交部"), "部长"
        if written is None and prefix is None and role.startswith(("党工委", "管委会", "党委")):
            written = _zone_before(text, start, floor)  # 宝鸡港务区党工委副书记, 区党工委书记, 某开发区党委书记
        if written is not None and text[written[0] - 1:written[0]] == "兼" and out and out[-1].org_name in countries():
            written = (written[0], out[-1].org_name + written[1])  # 德国副总理兼财政部长: 德国财政部
        if written is None and prefix is None:
            written = _country_before(text, start, role)  # 新加坡总理: not 国务院总理
        if written is None and prefix is None and out:
            written = _body_in_list(text, out[-1].end, start, role)
        if written is not None:
            start = written[0]
        out.append(PostPhrase(start, m.end(), prefix, role, place, written[1] or None if written else None))
    return out


_KNOWN_BODIES = frozenset({"党校", "党工委", "管委会", "人武部", "法院", "检察院"})


def _body_in_list(text: str, previous_end: int, start: int, role: str) -> tuple[int, str] | None:
    """A body written between the titles of one list (县委书记、小蓝经开区党工委书记; 县委常委、党校
    校长): 2 to 8 characters after 、 that are no name, no verb and no conjunction."""
    between = text[previous_end:start]
    if not re.fullmatch(r"、[\u4e00-\u9fff]{2,8}", between):
        return None
    body = between[1:]
    if body in GENERIC_BODIES:
        return previous_end + 1, ""  # 县委副书记、政府县长: one list of titles, no body of its own
    if re.search(r"[对在由向为是把将被从让给的和与及同]", body) or is_chinese_name(body) and body not in _KNOWN_BODIES:
        return None
    if any(tag.startswith(("v", "d", "p", "c", "r")) for _, tag, _ in pos_tokens(body)):
        return None
    return previous_end + 1, body


_BEFORE_FOREIGN_NAME = _CONJUNCTIONS + "、"
_NOT_A_FOREIGN_NAME = re.compile(r"[对在经由向为是把将被从让给的前副新老任届兼]")


def _name_before_foreign_title(text: str, end: int) -> tuple[str, int] | None:
    """The name written right before a foreign-only title, after a conjunction or an enumeration
    comma (同马克龙总统, 和米尔济约耶夫总统): jieba reads it as a name or cuts it into single
    characters, never into ordinary words (加蓬过渡总统, 正如某某总统) or a country (柬埔寨总统)."""
    start = max(text.rfind(c, 0, end) for c in _BEFORE_FOREIGN_NAME) + 1
    name = text[start:end]
    if start == 0 or not (2 <= len(name) <= 6 and re.fullmatch(r"[\u4e00-\u9fff·]+", name)):
        return None
    if _NOT_A_FOREIGN_NAME.search(name) or name.endswith("斯坦"):  # 吉尔吉斯斯坦: countries pycountry spells otherwise
        return None
    if country_ending(name) or gazetteer().lookup(name) or ROLE_RE.search(name) or PREFIX_RE.search(name):
        return None
    words = [(w, tag) for w, tag, pos in pos_tokens(text) if start <= pos < end]
    if sum(map(len, (w for w, _ in words))) != len(name):
        return None  # jieba's words cross the name's edges
    for word, tag in words:
        if len(word) > 1 and not (tag.startswith("nr") or tag == "ns" and len(word) == 2):
            return None  # (jieba tags a few foreign names as places: 普京)
    return name, start


SINGLE_HOLDER_HEADS = tuple(w for w in lexicon_lines("single_holder_posts.txt") if not w.startswith("-"))
SHARED_POST_ENDS = tuple(w[1:] for w in lexicon_lines("single_holder_posts.txt") if w.startswith("-"))


def single_holder(post_label: str) -> bool:
    """A post one person holds at a time, written with its body: 某县委书记, not 副书记 or bare 县长."""
    if "副" in post_label or post_label.endswith(SHARED_POST_ENDS):
        return False
    return any(post_label.endswith(h) and len(post_label) >= len(h) + 2 for h in SINGLE_HOLDER_HEADS)


def _only_country(ctx: ArticleContext) -> OrgName | None:
    """The government of the one foreign country the article names, if it names exactly one."""
    found = mentioned_countries("\n".join(s.text for s in ctx.sentences))
    if len(found) != 1:
        return None
    return _government_of(next(iter(found)).name)


def _party_centre(text: str, phrase: PostPhrase) -> OrgName | None:
    """The central committee of a party other than the CPC glued to 中央: a democratic party
    (民盟中央主席, 致公党中央主席) or a foreign party, whose name starts with a country's name or
    short form (越共中央总书记, 老挝人民革命党中央总书记)."""
    if phrase.prefix not in ("中央", "党中央") and not (phrase.prefix is None and phrase.role.startswith("中央")):
        return None  # (越共中央政治局委员: the title starts with 中央)
    head = text[max(0, phrase.start - 12):phrase.start] + ("党" if phrase.prefix == "党中央" else "")
    shorts = country_short_forms()
    for i in range(len(head) - 2, -1, -1):  # shortest party name first
        party = head[i:]
        if party in PARTIES:
            full = f"{PARTIES[party]}中央委员会"
            return OrgName(full, f"{party}中央", full, "PartyCommittee", "national")
        if not party.endswith(("共", "党")) or party == "中共":
            continue
        country = any(party[:k] in countries() for k in range(2, min(7, len(party))))
        if country or len(party) == 2 and party[0] in shorts:
            name = party + "中央"
            return OrgName(name, name, None, "PartyCommittee", "foreign")
    return None


def _name_before_bare_title(ctx: ArticleContext, text: str, end: int, tokens) -> tuple[str, int] | None:
    """The name written right before a bare title (李强总理): one the article already knows wins
    over jieba's reading (范明政总理, where jieba reads 明政)."""
    known = [n for n in ctx.persons if text.endswith(n, 0, end)]
    if known:
        name = max(known, key=len)
        return name, end - len(name)
    return name_before(text, end, tokens)


def _abroad(ctx: ArticleContext, name: str) -> bool:
    """A person the article gave a post abroad (越南总理范明政), or a transcribed foreign name (one
    ending as transcriptions do) in an article about a foreign country: a bare title after their
    name (总理, 主席) is not a Chinese post."""
    ref = ctx.persons.get(name)
    if ref is not None and any(t.person == ref and t.post.label.startswith(tuple(countries()))
                               for t in ctx.tenures.values()):
        return True
    return (name[-1] in TRANSCRIPTION_ENDINGS and name[0] not in COMMON_SURNAMES
            and bool(mentioned_countries("\n".join(s.text for s in ctx.sentences))))


def _government_of(country: str) -> OrgName:
    """A foreign country's government, the body its posts belong to (新加坡总理 in 新加坡政府)."""
    return OrgName(f"{country}政府", f"{country}政府", None, "GovernmentOrganization", "foreign")


def post_org(phrase: PostPhrase, ctx: ArticleContext) -> OrgName | None:
    if phrase.org_name and (country := phrase.org_name.removesuffix("政府")) in countries():
        return _government_of(countries()[country].name)  # 新加坡总理; 老挝政府总理: 老挝总理
    town = next((p for p in TOWN_PREFIXES if phrase.org_name
                 and phrase.org_name.endswith(p) and len(phrase.org_name) > len(p)), None)
    if town is not None:  # 高沟镇党委: the same body as the settlement's (kg.extract.orgs.settlement_bodies)
        kind = KIND_TYPE["party"] if "党" in town else KIND_TYPE["government"]
        return OrgName(ctx.scope_key(phrase.org_name, "town"), phrase.org_name, None, kind, "town")
    if phrase.org_name:
        kind = "Enterprise" if is_enterprise_name(phrase.org_name) else None
        level = "foreign" if _country_of(phrase.org_name, "") else "unknown"  # 朝鲜劳动党, 美国国务院
        return OrgName(phrase.org_name, phrase.org_name, None, kind, level)
    if phrase.prefix:
        return resolve_prefix(phrase.prefix, ctx, phrase.place)
    default = ROLES[phrase.role]
    if default in NATIONAL_DEFAULT:
        short = NATIONAL_DEFAULT[default]
        return resolve_prefix(short, ctx) if short else None
    implied = {"government": {"省": "省政府", "市": "市政府", "区": "区政府", "县": "县政府", "镇": "镇政府",
                              "乡": "乡政府", "州": "州政府", "旗": "旗政府"}}.get(default, {})
    for char, short in implied.items():
        if char in phrase.role:
            return resolve_prefix(short, ctx)
    return None


def _shared_body(orgs: list[tuple[OrgName | None, PostPhrase]], phrase: PostPhrase) -> OrgName | None:
    """The body of the title before, for a title listed without one: 政府党组副书记、副主席; a
    party committee's department heads (县委常委、组织部长: 县委's)."""
    before = orgs[-1][0] if orgs else None
    if before is None:
        return None
    if phrase.role in FOREIGN_TITLES and before.level == "foreign" and not before.label.endswith("政府"):
        # 某国人民民主党主席、总统甲: the state's president, not the party's
        country = _country_of(before.label, "")
        return _government_of(country) if country else None
    if ROLES[phrase.role] == "-" or ROLES[phrase.role] == "party" and before.type == "PartyCommittee":
        return before
    return None


def post_of(org: OrgName | None, phrase: PostPhrase, surface: str) -> Post | None:
    if org is None:
        return None
    role = phrase.role
    ref = Ref("enterprise" if org.type == "Enterprise" else "org", org.key)
    if org.level == "foreign":  # 新加坡总理, in 新加坡政府; 越共中央政治局委员
        return Post(ref, role, _joined(org.label.removesuffix("政府"), role), surface)
    if phrase.org_name and phrase.org_name.endswith("大使馆") and role == "大使":  # 中国驻汤加大使
        return Post(ref, role, phrase.org_name.removesuffix("馆"), surface)
    if phrase.org_name or org.type == "Enterprise":  # 某某公司党组成员、副总经理: the company's
        return Post(ref, role, org.label + role, surface)
    if ROLES[role] == "national_state":  # 国家主席, 国家副主席: the organ is named after its head
        return Post(ref, role, role, surface)
    label = _joined(org.label, role)
    if org.label.endswith("政府") and role.endswith("长"):  # 区政府 + 区长: 莲都区区长, or 区长 unresolved
        place = org.label.removesuffix("政府").removesuffix("人民")  # 州人民政府 + 州长: 州长
        label = role if len(place) <= 1 else place + role
    return Post(ref, role, label, surface)


def _joined(body: str, role: str) -> str:
    """A post's name: 国务院 + 国务院总理, 中共中央 + 中央政治局常委, the shared part written once; one
    shared character is not (商务部 + 部长: 商务部部长, as the post is named when its body is written
    in full)."""
    overlap = max((k for k in range(2, len(role) + 1) if body.endswith(role[:k])), default=0)
    return body + role[overlap:]


def body_entity(org: OrgName, surface: str, ev, implied: bool = False) -> Entity:
    """The entity of the body a post is in: an enterprise, or an organisation written *surface*
    (*implied*: not written, only a post in it: 总书记, 美国总统)."""
    if org.type == "Enterprise":
        return Entity("enterprise", org.key, org.label, ev, (org.label,))
    return org_entity(org, surface, ev, implied)


# the nominee for a post (县政协副主席提名人选): the title still tells who the person is
NOMINEE = "提名人选"


def _groups(phrases: list[PostPhrase], text: str) -> list[list[PostPhrase]]:
    """Titles joined by 、 (市委常委、区委书记) describe one person, and so do titles in another
    body after a comma, when no name came between (自治区党委常委，自治区政府副主席某某)."""
    groups: list[list[PostPhrase]] = []
    for p in phrases:
        between = text[groups[-1][-1].end:p.start] if groups else None
        if groups and between.removeprefix(NOMINEE) in ("、", "", "兼", "，"):  # 主席提名人选、…部长某某
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


@dataclass(frozen=True)
class Holder:
    """The person a group of titles describes, where the name is written, and the titles."""

    name: str
    start: int  # of the titles and the name together
    end: int
    group: tuple[PostPhrase, ...]
    foreign: bool = False  # 同马克龙总统: a foreign title with no country written
    others: tuple[tuple[str, int, int], ...] = ()  # the rest of a list the titles are each one's


# the names a title is served by: 执行主席由甲、乙、丙担任
_SERVED_BY = re.compile(r"由(?P<list>[\u4e00-\u9fff]{2,4}(?:、[\u4e00-\u9fff]{2,4})*)(?:等?同志)?(?:共同|分别)?担任")
# a list of names counted before the title they share: 甲、乙、丙3名县政协委员, 甲、乙等5位代表
_COUNTED_LIST = re.compile(r"(?P<list>[\u4e00-\u9fff]{2,3}(?:、[\u4e00-\u9fff]{2,3})+)等?"
                           r"(?:\d+|[一二三四五六七八九十两]+)[名位]$")


def _holder(ctx: ArticleContext, text: str, group: list[PostPhrase]) -> Holder | None:
    """Whom a group of titles describes: the name after the last title (市委常委、区委书记徐光文),
    between a body and its title (省委车俊书记), or before a title written after the name
    (习近平总书记, 范明政总理: none when he holds a post abroad)."""
    last = group[-1]
    if (counted := _counted_list_before(text, group[0].start) or _serving_after(text, last.end)) is not None:
        first, *others = counted
        return Holder(first[0], min(first[1], group[0].start), max(first[2], last.end), tuple(group),
                      others=tuple(others))
    if len(group) == 1 and last.prefix is None and last.org_name is None and not last.role.startswith("总"):
        if (between := _name_between_body_and_title(text, last)) is not None:
            return between  # 省政协牛立文副主席, 县委王刚副书记: any title after a body and a name
    if (len(group) == 1 and last.prefix is None and last.org_name is None
            and (listed := _listed_name_before(text, last.start)) is not None
            and _name_title_order_before(text, listed[1] - 1)):
        # 县政府李明副县长、张华副县长: a list written name first, title after, goes on that way
        return Holder(listed[0], listed[1], last.end, tuple(group))
    if len(group) == 1 and last.prefix is None and last.org_name is None and last.role in TITLE_AFTER_NAME:
        # 习近平总书记殷殷嘱托, 金正恩总书记关怀: a name right before the title holds it, and what
        # follows is no name
        if (before := _holder_before_title(ctx, text, group)) is not None:
            return before[0]
    name_at = last.end + len(NOMINEE) if text.startswith(NOMINEE, last.end) else last.end
    n = name_after(text, name_at)
    n = _dotted_whole(text, name_at, n)  # 伊萨姆·沙拉夫, 州长叶尔夏提·吐尔逊拜
    if last.org_name in countries() or last.role in FOREIGN_TITLES:  # 某国总统米尔济约耶夫
        if (whole := foreign_name_at(text, last.end)) is not None and len(whole) > len(n or ""):
            n = whole
    if n is None and last.org_name:
        n = foreign_name_at(text, last.end)  # 某国总理内塔尼亚胡
    if _local(group):
        n = _whole_item(text, name_at, n)  # 州政协秘书长拥措出席: a name with no surname of our list
    if n is not None:
        return Holder(n, group[0].start, name_at + len(n), tuple(group))
    if last.prefix is None and last.role in TITLE_AFTER_NAME and text[max(0, last.start - 5):last.start]:
        if (before := _holder_before_title(ctx, text, group)) is not None:
            return before[0]
    elif len(group) > 1 and group[0].prefix is None and group[0].role in TITLE_AFTER_NAME:
        if (hit := name_before(text, group[0].start, pos_tokens(text))) is not None:
            return Holder(hit[0], hit[1], last.end, tuple(group))  # 习近平总书记、国家主席
    if last.prefix is None and last.org_name is None and last.role in FOREIGN_TITLES:
        if (hit := _name_before_foreign_title(text, last.start)) is not None:
            return Holder(hit[0], hit[1], last.end, tuple(group), foreign=True)  # 同马克龙总统
    return None


Titled = list[tuple[OrgName | None, PostPhrase]]


def _former_over_list(orgs: Titled, text: str) -> Titled:
    """原 or 前 before the first title of a list is each title's: 某省人大常委会原党组成员、副主任 is a
    former 副主任 too (原副主任), as 原 before a body written in full is (原某某公司党组成员、副总经理)."""
    former, out = "", []
    for org, phrase in orgs:
        if (not former and phrase.org_name and text[phrase.start - 1:phrase.start] == "原"
                and "原" + phrase.role in ROLES):
            former, phrase = "原", replace(phrase, role="原" + phrase.role)
        elif phrase.role[:1] in ("原", "前") and phrase.role[1:] in ROLES:
            former = phrase.role[0]
        elif former and former + phrase.role in ROLES and "原" not in (phrase.org_name or ""):  # 原总后勤部部长
            phrase = replace(phrase, role=former + phrase.role)
        out.append((org, phrase))
    return out


def _local(group: list[PostPhrase]) -> bool:
    """Titles of a body below the national level, written with it (州政协秘书长, 临渭区人民政府区长):
    where names with no surname of our list are read (not after 政府总理, a leader abroad's)."""
    return any(p.place is not None or org_prefixes().get(p.prefix or "", ("national",))[0] != "national"
               for p in group)


def _whole_item(text: str, pos: int, name: str | None) -> str | None:
    """*name* read at *pos*, or the longer name with no surname of our list that runs to the end of
    the list's item (阿旺平措、: not 阿旺平), or that name when none was read (拥措出席)."""
    other = unsurnamed_name_at(text, pos)
    if name is None or (other is not None and len(other) > len(name) and "·" not in name
                        and text[pos + len(other):pos + len(other) + 1] in ("、", "，", "。", "；")):
        return other or name
    return name


def _dotted_whole(text: str, pos: int, name: str | None) -> str | None:
    """The name written with a dot at *pos*, whole, where one is (伊萨姆·沙拉夫, not 伊萨姆), else *name*."""
    if (dotted := dotted_name_at(text, pos)) is not None and (name is not None or _plain_first_part(text, pos)):
        return dotted
    return name


def _serving_after(text: str, pos: int) -> list[tuple[str, int, int]] | None:
    """The names of a list the title at *pos* is served by (执行主席由甲、乙、丙担任), of a Chinese
    name's shape or with no surname of our list (read as an item of a list)."""
    m = _SERVED_BY.match(text, pos)
    return _list_items(m, lambda item: is_chinese_name(item) or unsurnamed_name_at(item + "、", 0) == item)


def _counted_list_before(text: str, end: int) -> list[tuple[str, int, int]] | None:
    """The names of a list counted right before *end*, where titles start (甲、乙、丙3名县政协委员):
    each of a Chinese name's shape."""
    return _list_items(_COUNTED_LIST.search(text, 0, end), is_chinese_name)


def _list_items(m: re.Match | None, is_name) -> list[tuple[str, int, int]] | None:
    """The items of *m*'s list (甲、乙、丙) with where each is, when each is a name by *is_name*."""
    if m is None:
        return None
    out, at = [], m.start("list")
    for item in m["list"].split("、"):
        if not is_name(item) or ROLE_RE.search(item):
            return None
        out.append((item, at, at + len(item)))
        at += len(item) + 1
    return out


def _plain_first_part(text: str, pos: int) -> bool:
    """The part of a dotted name before its first dot holds no word of two characters or more that
    jieba reads as a verb, a particle or a common noun (联系上了赛·某某, 对话·敦煌: no names)."""
    end = min(i for i in (text.find(c, pos) for c in "·•・") if i >= 0)
    return not any(len(word) > 1 and (tag.startswith(NOT_NAME_TAGS) or tag in ("n", "vn") and dictionary_tag(word))
                   for word, tag, start in pos_tokens(text) if pos <= start < end)


def _listed_name_before(text: str, end: int) -> tuple[str, int] | None:
    """The name that is a whole item of a list (after 、) and ends at *end*, where a title starts:
    a surname jieba reads as a name, then the given name in words that do not cross its edges
    (葛 淑芬, 韦 建国)."""
    start = text.rfind("、", 0, end) + 1
    cand = text[start:end]
    if start == 0 or not is_chinese_name(cand):
        return None
    inside = [(w, t, s) for w, t, s in pos_tokens(text) if start <= s < end]
    if not inside or inside[0][2] != start or inside[-1][2] + len(inside[-1][0]) != end:
        return None
    if not inside[0][1].startswith("nr") or any(t.startswith(NOT_NAME_TAGS) for _, t, _ in inside[1:]):
        return None
    return cand, start


def _name_title_order_before(text: str, end: int) -> bool:
    """The item of a list that ends at *end* is a name followed by its title (李明副县长)."""
    item = text[max(text.rfind(c, 0, end) for c in "、，；：") + 1:end]
    m = ROLE_RE.search(item)
    if m is None or m.end() != len(item):
        return False
    start = next((i for i in (m.start() - 3, m.start() - 2) if i >= 0 and is_chinese_name(item[i:m.start()])), None)
    if start is None:
        return False
    return (plain_pieces(item, start, m.start() - start)  # jieba's pieces of a name (韦 建国)
            or any(t.startswith("nr") for _, t, s in pos_tokens(item) if s == start))


def _holder_before_title(ctx: ArticleContext, text: str, group: list[PostPhrase]) -> tuple[Holder | None] | None:
    """A name written before the group's last title: between a body and the title (省委车俊书记)
    or right before it (习近平总书记); (None,) when that name is of a person abroad (范明政总理:
    the title of his post abroad, not 国务院总理); None when no name is written there."""
    last = group[-1]
    if (between := _name_between_body_and_title(text, last)) is not None:
        return (between,)
    if (hit := _name_before_bare_title(ctx, text, last.start, pos_tokens(text))) is not None:
        return (None if _abroad(ctx, hit[0]) else Holder(hit[0], hit[1], last.end, tuple(group)),)
    return None


POSITION_MODIFIERS = frozenset(lexicon_lines("position_modifiers.txt"))  # 常务, 专职 before a title
BODY_ENDS = frozenset("团组会委部局办队处室所院校厅司社站")  # what a body's name ends with (中央宣讲团)


def common_word_at(text: str, start: int, word: str) -> bool:
    """jieba reads *word* at *start* as a word that is no name, or as the start of one (相关, 计划,
    班子 of 班子成员): a word of the language, not a person, where only the shape of a name was seen."""
    # (a transcribed name jieba calls a place or a proper noun, 哈尼亚/ns, may still be a name)
    return any(s == start and len(w) >= len(word) and not t.startswith(("nr", "ns", "nz"))
               for w, t, s in pos_tokens(text))


def _name_between_body_and_title(text: str, last: PostPhrase) -> Holder | None:
    """省委车俊书记: a body, a name, the title (not 县政府相关负责人)."""
    before = text[:last.start]
    for m in PREFIX_RE.finditer(before[-8:]):
        cand = before[-8:][m.end():]
        if (is_chinese_name(cand) and cand[0] not in _CONJUNCTIONS and cand[-1] not in BODY_ENDS
                and not common_word_at(text, last.start - len(cand), cand)
                and cand not in POSITION_MODIFIERS):  # 致公党中央常务副主席: 常务 is part of the title
            phrase = PostPhrase(last.start, last.end, m.group(0), last.role)
            return Holder(cand, len(before) - len(cand) - len(m.group(0)), last.end, (phrase,))
    return None


def _group_bodies(ctx: ArticleContext, text: str, holder: Holder, abroad, body: OrgName | None,
                  place: Division | None = None):
    """The body of each title of a group: the one written, the party centre, the body of the title
    before (政府党组副书记、副主席), the foreign government of a list abroad (越南国家主席甲、总理乙),
    the body of the titles before a comma (区人大常委会主任甲，副主任乙)."""
    # 越南国家主席甲、(政府)总理乙: listed after a holder of a post abroad, with no body or a generic one
    between = text[abroad[1]:holder.start] if abroad is not None else ""
    listed_abroad = abroad is not None and (between[:1] in ("、", "和", "与") and (
        len(between) == 1 or between[1:] in GENERIC_BODIES and not holder.group[0].prefix)
        # 马来西亚总理甲，外交部部长穆罕默德: after a comma only a name not of Chinese shape says so
        # (a Chinese minister is often named next: 会见越南总理甲，外交部长王毅参加)
        or between == "，" and not is_chinese_name(holder.name))
    orgs: list[tuple[OrgName | None, PostPhrase]] = []
    for p in holder.group:
        if listed_abroad and p.prefix is None and p.org_name is None:
            orgs.append((abroad[0], p))
            continue
        if listed_abroad and _implied_national(p):  # 越南总理甲、外交部长乙: 越南外交部
            orgs.append((_abroad_body(abroad[0], p, text), p))
            continue
        if (party := _party_centre(text, p)) is not None:
            orgs.append((party, p))
            continue
        org = _government_of_place(ctx, p, place) if text[:holder.start].endswith(("和", "、")) else None
        org = org or post_org(p, ctx) or _shared_body(orgs, p)
        if org is not None and org.label in org_prefixes() and orgs and (before := orgs[-1][0]) is not None \
                and before.type == org.type and before.label.endswith(org.label):
            org = before  # 呼和浩特市政府党组成员、副市长: the city government just named, not an unknown one
        if org is None and p.role in FOREIGN_TITLES and p.org_name is None:
            org = _only_country(ctx)
        orgs.append((org, p))
    joined = text[:holder.start].endswith(("和", "及")) and body is not None and body.label.endswith(("常委会", "政协"))
    if body is not None and (text[:holder.start].endswith(("，", "、", "；")) or joined):  # …副主任甲和秘书长乙
        if all(o is None and p.role in BODY_TITLES for o, p in orgs):
            orgs = [(body, p) for _, p in orgs]
        else:  # 镇党委书记甲、党委副书记乙、宣传委员丙: the party committee's titles, in the one before
            orgs = [(body if o is None and _party_title_of(p, body) else o, p) for o, p in orgs]
    foreign = next((o for o, _ in orgs if o is not None and o.level == "foreign"), None)
    if foreign is not None:  # 越共中央政治局委员、外交部长: the other titles are of the same country
        orgs = [(_abroad_body(foreign, p, text) if o is not None and o.level != "foreign" and _implied_national(p)
                 else o, p) for o, p in orgs]
    return orgs


def _government_of_place(ctx: ArticleContext, phrase: PostPhrase, place: Division | None) -> OrgName | None:
    """The government of the division the holder before was named with, for a bare governor's
    title joined to his (河南省委书记甲和省长乙: 河南's governor, whatever the article's locality)."""
    if place is None or phrase.prefix or phrase.org_name or ROLES[phrase.role] != "government":
        return None
    short = next((f"{c}政府" for c in phrase.role if f"{c}政府" in org_prefixes()), None)  # 省长: 省政府
    if short is None or org_prefixes()[short][0] != place.level:
        return None
    return resolve_prefix(short, ctx, place)


def _party_title_of(phrase: PostPhrase, body: OrgName) -> bool:
    """A title written with no body of its own that is a party committee's (党委副书记, 宣传委员,
    组织委员), listed after a holder in *body*, a party committee."""
    if phrase.prefix or phrase.org_name or not (body.label.endswith(("党委", "党工委"))
                                                 or body.type == KIND_TYPE["party"]):
        return False
    return ROLES[phrase.role] == "party" or phrase.role.startswith(("党委", "党工委"))


def _implied_national(phrase: PostPhrase) -> bool:
    """A title whose body, a Chinese central one, is not written (总理: 国务院; 外交部长: 外交部)."""
    if phrase.prefix is not None:
        return False
    if phrase.org_name is None:
        return ROLES[phrase.role] in NATIONAL_DEFAULT
    return phrase.org_name in government_bodies()


def _abroad_body(foreign: OrgName, phrase: PostPhrase, text: str) -> OrgName | None:
    """The body of a title listed with a post abroad (越南国家主席、总理; 越共中央政治局委员、外交部长):
    the same country's government or ministry; none when the country is not known."""
    country = _country_of(foreign.label, text)
    if country is None:
        return None
    if phrase.org_name:
        body = country + phrase.org_name
        return OrgName(body, body, None, "GovernmentOrganization", "foreign")
    return _government_of(country)


def _country_of(body: str, text: str) -> str | None:
    """The country of a foreign body: the one its name starts with (越南政府), or for a party named
    by a country's short form (越共中央) the one country of that initial *text* names."""
    for n in range(min(len(body), 12), 1, -1):
        if body[:n] in countries():
            return countries()[body[:n]].name
    initial = {c.name for c in mentioned_countries(text) if c.name.startswith(body[:1])}
    return next(iter(initial)) if len(initial) == 1 else None


@extractor("lg.tenure.v1", assigns=("persons", "tenures", "organizations"), after=("lg.org.v1",))
def extract_tenures(ctx: ArticleContext):
    name = "lg.tenure.v1"
    # the posts in a Chinese central body that is not written (总理, 外交部长), kept until the whole
    # article is read, and the people it gives a post abroad (越南总理范明政)
    held: list[tuple[str, tuple]] = []
    abroad_people: set[str] = set()
    for sentence in ctx.sentences:
        text = sentence.text
        phrases = post_phrases(text)
        abroad: tuple[OrgName, int] | None = None  # the last foreign government and where its holder's name ends
        body: OrgName | None = None  # the body of the last titles read: 区人大常委会主任甲，副主任乙
        place: Division | None = None  # the division the last titles named: 河南 (省委书记甲和省长乙)
        for group in _groups(phrases, text) if phrases else ():
            holder = _holder(ctx, text, group)
            if holder is None:
                continue
            orgs = _group_bodies(ctx, text, holder, abroad, body, place)
            # 主席提名人选: nominated, not holding it; the title only tells who he is
            orgs = _former_over_list([(o, p) for o, p in orgs if not text.startswith(NOMINEE, p.end)], text)
            body = next((o for o, _ in reversed(orgs) if o is not None and o.level != "foreign"), body)
            place = next((p.place for p in reversed(holder.group) if p.place is not None), None)
            level = min((o.level for o, _ in orgs if o), key=lambda lv: LEVEL_RANK.get(lv, 9), default="unknown")
            if (all(org is None for org, _ in orgs) and all(ROLES[p.role] == "-" for p in holder.group)
                    and not holder.foreign and not holder.others and not any(w == holder.name and tag.startswith("nr")
                                                       for w, tag, _ in pos_tokens(text))):
                continue  # a bare 成员 or 主任 says little: the name must be one jieba also reads as a name
            people = [(holder.name, holder.start, holder.end), *holder.others]
            if holder.end > holder.group[-1].end:  # 全国政协副主席甲、乙、丙: the title is each name's
                people += _listed_after(text, holder.end, pos_tokens(text))
            foreign_org = orgs[-1][0] if orgs and orgs[-1][0] is not None and orgs[-1][0].level == "foreign" else None
            abroad = (foreign_org, people[-1][2]) if foreign_org is not None else None
            if any(o is not None and o.level == "foreign" for o, _ in orgs):
                abroad_people.update(who for who, _, _ in people)
            for who, wstart, wend in people:
                yield from _tenures_of(ctx, sentence, who, (holder.start if who == holder.name else wstart, wend),
                                       level, orgs, name, held)
    first_holder: dict[tuple[int, str], str] = {}
    for who, records in held:  # 阮富仲总书记: no Chinese post for a person the article places abroad
        tenure = records[-1]
        holder = first_holder.setdefault((tenure.evidence.sentence_index, tenure.post.label), who)
        if holder != who and single_holder(tenure.post.label):
            continue  # 习近平总书记和金正恩总书记: the second holder of a one-holder title is a counterpart
        if who not in abroad_people and not _abroad(ctx, who):
            yield from records


def _tenures_of(ctx: ArticleContext, sentence, who: str, span: tuple[int, int], level: str, orgs, name: str,
                held: list):
    """The person *who* and the posts *orgs* give him, with the bodies they are in; posts in an
    unwritten Chinese central body go to *held*."""
    body = next((o for o, _ in orgs if o is not None and o.level == level), None)
    if sentence.text[max(0, span[0] - 2):span[0]] in ("时任", "曾任"):
        level = "unknown"  # 时任福州市委书记习近平: a post he held then does not place him now
    pref = Ref("person", ctx.person_key(who, level, body))
    ev = ctx.evidence(sentence, span[0], span[1], name)
    yield Entity("person", pref.key, who, ev, (who,))
    yield KnownPerson(who, pref)
    for org, phrase in orgs:
        post = post_of(org, phrase, sentence.text[phrase.start:phrase.end])
        if post is not None and org is not None:
            # 总书记, 国家主席, 美国总统: a post in a body the sentence does not name
            written = phrase.prefix or phrase.org_name
            implied = ((written is None or written in countries())
                       and org.label not in sentence.text[phrase.start:phrase.end])  # 国务院总理: named
            records = (body_entity(org, phrase.prefix or org.label, ev, implied), Tenure(pref, post, ev))
            if org.level != "foreign" and _implied_national(phrase):
                held.append((who, records))
            else:
                yield from records


def _listed_after(text: str, pos: int, tokens) -> list[tuple[str, int, int]]:
    """Names listed after the first one: 、乙、丙 (each a name by itself, or tagged one by jieba)."""
    out = []
    while text.startswith("、", pos):
        pos += 1
        n = name_after(text, pos)
        if n is None:
            n = next((w for w, tag, start in tokens if start == pos and tag in ("nr", "nrfg")
                      and is_chinese_name(w)), None)
        if n is None and (item := re.match(r"[\u4e00-\u9fff]{2,3}(?=、)", text[pos:])) is not None:
            n = item.group(0) if is_chinese_name(item.group(0)) else None  # 、于某某、: an item between two 、
        n = _dotted_whole(text, pos, n)  # 、戈教·云登嘉措、
        n = _whole_item(text, pos, n)  # 、阿基布珠、, 、阿旺平措、: a name with no surname of our list
        if n is None or ROLE_RE.match(text, pos) or PREFIX_RE.match(text, pos) or ROLE_RE.match(text, pos + len(n)):
            break  # (国会主席乙: a body before its title, not a name)
        out.append((n, pos, pos + len(n)))
        pos += len(n)
    return out
