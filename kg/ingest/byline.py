"""Bylines and datelines of clean articles, as news sites write them.

At the start of the first paragraph: ``本报讯（记者 甲 乙 通讯员 丙）``, ``某某网5月10日讯（记者 甲）``,
``中新网四川新闻2月13日电（记者 甲）``, ``国际在线陕西频道报道（甲）``, or a bare ``（记者 甲）``;
at the end of the article, a paragraph that is only a byline: ``（通讯员 甲 乙）``, ``作者：甲``,
``记者 甲 通讯员 乙``. Lines of the site's furniture (``来源：``, ``编辑：``, ``责任编辑：``) are not
article text either. Everything is read on the full-width form of the text (same offsets).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.ingest.text import full_width_punctuation
from kg.model import Author
from kg.resources import lexicon_words

ROLES: dict[str, str | None] = {
    "本报记者": "记者", "记者": "记者", "见习记者": "记者", "特约记者": "记者", "实习记者": "记者",
    "融媒记者": "记者", "融媒体记者": "记者", "全媒体记者": "记者", "图": "摄影",
    "通讯员": "通讯员", "本报通讯员": "通讯员",
    "特约通讯员": "通讯员", "实习生": "实习生", "摄影": "摄影", "摄": "摄影", "图片": "摄影",
    # who wrote it, with no job named: an author with no role ("" as in ANNOTATING.md)
    "作者": "", "文": "", "文/图": "", "图/文": "", "文图": "", "图文": "", "撰稿": "", "撰文": "", "供稿": "",
    # editors are credited beside the authors; the names after them are not authors'
    "责任编辑": None, "编辑": None, "审核": None, "校对": None, "一审": None, "二审": None, "三审": None,
}
_ROLE = re.compile("^(" + "|".join(sorted(map(re.escape, ROLES), key=len, reverse=True)) + ")")
# 记 者 and 通 讯 员: roles printed with spaces between their characters
_SPACED_ROLE = re.compile(r"(?<![\u4e00-\u9fff])(记)\s+(者)|(通)\s*(讯)\s*(员)")
_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")
# a role after the unit, the name maybe glued after it (道县站记者, 新天水·天水日报记者马放)
_UNIT_ROLE = re.compile(r"^[\u4e00-\u9fff·]{1,16}?(?:站|中心|台|社|报|网|融媒|客户端|在线)("
                        + "|".join(sorted((r for r in ROLES if r.endswith(("记者", "通讯员"))), key=len, reverse=True))
                        + ")")
# the unit an author writes for, printed before his name after a role (图文：区政协联络科 甲)
_AFFILIATION = re.compile(r"^[\u4e00-\u9fff]{2,16}(?:科|处|室|办|部|中心|站|所|局|委|会|院|馆|队|报社|融媒|网)$")
# a source that reports: 本报, 某某日报, 某某网, 新华社, 某某融媒体中心, 某某频道, 某某客户端
_SOURCE = r"[\u4e00-\u9fffA-Za-z]{0,14}?(?:报|网|社|台|频道|新闻|中心|融媒|客户端|在线)"
DATELINE = re.compile(
    rf"^(?P<source>(?:{_SOURCE}[-－—·])?{_SOURCE}|[\u4e00-\u9fff]{{2,6}}(?=讯[（【]))\s*"
    # the day, or its digits run together (某某融媒731日讯: 7月31日 as some sites print it)
    rf"(?P<when>[\u4e00-\u9fff]{{0,6}}?\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|\d{{3,4}}日)?\s*"
    r"(?:讯|电|报道|消息)[：:]?\s*"
)
# the paper a site's dateline takes the report from (某某网1月7日讯 据某某日报报道（记者 甲）)
_TAKEN_FROM = re.compile(rf"据{_SOURCE}报道[：:，]?\s*")
_REPORTED_BY = re.compile(r"(?P<who>(?:本报|融媒体?|全媒体|见习|特约)?(?:记者|通讯员)[^：:，。（）]{2,30}?)"
                          r"报道[：:]?\s*")
_BRACKETED = re.compile(r"[（【](?P<who>[^（）【】]{2,60})[）】]\s*")
# a source named before a bracketed byline with no 讯 or 电: 某某新闻网-某某融媒体中心（记者 甲）
_SOURCE_BEFORE_BRACKET = re.compile(rf"^{_SOURCE}(?:[-－—·]{_SOURCE})?(?=[（【](?:[^（）]{{0,16}}?)(?:记者|通讯员))")
# furniture lines of a saved page: not article text, and no author
FURNITURE = re.compile(r"^(?:来源|编辑|责任编辑|责编|审核|初审|复审|终审|[一二三]审|审校|校对|监制|出品)\s*[：:]")


# a mark printed before a byline of its own line (■ 记者 甲)
_MARKER = re.compile(r"^[□■◇◆▲△☆★●○丨│|｜▏]\s*")
# a line of a saved page's particulars: its date, source or clicks, and maybe its author (作者：甲)
_META_LINE = re.compile(r"^[【\[]?(?:[（(]?\d{4}\s*[-年/.]\s*\d{1,2}|(?:信息)?来源\s*：|发布(?:时间|日期|时期)"
                        r"|作者\s*：)"
                        r"(?=[^。]{0,80}$)"
                        r"(?=.*(?:(?:来源|发布|浏览|点击|作者)\s*：|\s(?:本报|融媒体?|全媒体|见习|特约)?(?:记者|通讯员)))")
# the role that opens the byline in a line of particulars (2019-06-05 《某某日报》 记者 甲)
_META_ROLE = re.compile(r"(?<=\s)(?:本报|融媒体?|全媒体|见习|特约)?(?:记者|通讯员)")
# who sent an article, after its source (来源：某区政协 甲)
_SOURCE_SENDER = re.compile(r"^来源\s*：\s*[^\s：]{2,20}\s+(?P<who>[\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4})*)$")
_META_AUTHOR = re.compile(r"作者\s*：\s*(?P<who>[^：]{2,20}?)(?=\s+[\u4e00-\u9fff]{2,4}\s*：|\s*$)")


# a closing line naming the source, then its authors (来源某某融媒（记者 甲）, 某某融媒 甲 乙)
_SOURCE_THEN_BYLINE = re.compile(rf"(?:来源)?{_SOURCE}(?:（(?P<bracketed>[^（）]{{2,40}})）"
                                 r"|\s+(?P<names>[\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4})*))")


@dataclass(frozen=True)
class Byline:
    authors: tuple[Author, ...]
    end: int  # where the article text goes on
    when: str | None = None  # the date written in the dateline (某某网5月10日讯), as written


@cache
def _surnames() -> frozenset[str]:
    return frozenset(lexicon_words("surnames.txt"))


def _looks_like_name(token: str) -> bool:
    return bool(_NAME.match(token)) and (token[:1] in _surnames() or token[:2] in _surnames())


def parse_authors(text: str, need_role: bool = False) -> tuple[Author, ...]:
    """Authors from a byline's text; () when any word is neither a role nor a name.

    >>> parse_authors("记 者:王明 李红 见习记者 赵强")
    (Author(name='王明', role='记者'), Author(name='李红', role='记者'), Author(name='赵强', role='记者'))
    >>> parse_authors("扩大")
    ()
    >>> parse_authors("图文：区政协联络科 钟明")
    (Author(name='钟明', role=''),)
    >>> [a.name for a in parse_authors("文：市政府办/王明 园区管委会/李红 图：园区管委会/李红")]
    ['王明', '李红']
    """
    text = _SPACED_ROLE.sub(lambda m: "".join(g for g in m.groups() if g), text.replace("\\", "/"))
    tokens = re.split(r"[\s：:、，,|｜丨▏/]+", text.replace("文/图", "文图").replace("图/文", "文图"))
    authors, role, saw_role = [], "", False  # (甲 乙): authors with no role written
    for token in _joined_halves(list(filter(None, tokens))):
        while token:
            if m := _ROLE.match(token):
                role, saw_role, token = ROLES[m.group(1)], True, token[m.end():]
            elif m := _UNIT_ROLE.match(token):  # 道县站记者: a reporter of a station
                role, saw_role, token = ROLES[m.group(1)], True, token[m.end():]
            elif _looks_like_name(token) or _two_names(token):
                if role is not None:  # names after 编辑 are the editors', not authors
                    authors += [Author(n, role) for n in _two_names(token) or (token,)]
                token = ""
            elif saw_role and _AFFILIATION.match(token):
                token = ""  # the unit the author writes for: he is the author
            else:
                return ()
    if need_role and not saw_role:
        return ()
    first: dict[str, Author] = {}  # 文：甲 图：甲: one author, credited once
    for author in authors:
        first.setdefault(author.name, author)
    return tuple(first.values())


def _two_names(token: str) -> tuple[str, str] | None:
    """Two three-character names printed with no space between them (黄明贤龚立新)."""
    if len(token) == 6 and _looks_like_name(token[:3]) and _looks_like_name(token[3:]):
        return token[:3], token[3:]
    return None


def _joined_halves(tokens: list[str]) -> list[str]:
    """A two-character name printed with a space inside (顾 辉) read as one token."""
    out: list[str] = []
    for token in tokens:
        if out and len(token) == 1 and len(out[-1]) == 1 and re.match(r"[\u4e00-\u9fff]", token):
            out[-1] += token
        else:
            out.append(token)
    return out


def lead_byline(paragraph: str) -> Byline | None:
    """The dateline and byline that open the first paragraph, or None.

    >>> lead_byline("本网讯(记者 王明 通讯员 李红)12月5日,区委召开会议。").end
    17
    >>> lead_byline("某某网5月10日讯（记者 张强）区委召开会议。").when
    '5月10日'
    >>> lead_byline("本报讯 通讯员王明、李红报道：近日，村里热闹非凡。").authors[1].name
    '李红'
    >>> lead_byline("央视网消息（新闻联播）：会议召开。").end
    12
    >>> lead_byline("（扩大）会议召开。") is None
    True
    """
    text = full_width_punctuation(paragraph)
    end, when, authors = 0, None, ()
    if m := DATELINE.match(text):
        end, when = m.end(), m["when"]
        if taken := _TAKEN_FROM.match(text, end):
            end = taken.end()
    if r := _REPORTED_BY.match(text, end):  # 记者甲报道：, 通讯员甲、乙报道：
        if who := parse_authors(r["who"]):
            return Byline(who, r.end(), when)
    if end == 0 and (m := _SOURCE_BEFORE_BRACKET.match(text)):  # 某某新闻网-某融媒体中心（记者 甲）
        end = m.end()
    if b := _BRACKETED.match(text, end):
        if who := parse_authors(b["who"], need_role=end == 0 and " " not in b["who"].strip()):
            authors, end = who, b.end()
        elif end > 0:  # 央视网消息（新闻联播）：the programme, part of the dateline
            end = b.end() + (1 if text.startswith("：", b.end()) else 0)
    if end == 0:
        return None
    return Byline(authors, end, when)


def trailing_byline(paragraph: str) -> Byline | None:
    """A byline in brackets or after a mark closing the last paragraph (…其他事项。（甲 乙）,
    …建言献策。□ 甲): its authors, and where it starts (as ``end``).

    >>> trailing_byline("会议还研究了其他事项。 (朱明 李红)").end
    11
    >>> trailing_byline("会议审议了有关事项（草案）") is None
    True
    >>> [a.name for a in trailing_byline("开好大会。（王明、李红）").authors]
    ['王明', '李红']
    >>> [a.name for a in trailing_byline("开好大会。（组宣平 李红）").authors]
    ['组宣平', '李红']
    >>> [a.name for a in trailing_byline("开好大会。□ 李红").authors]
    ['李红']
    """
    text = full_width_punctuation(paragraph).rstrip()
    if marked := re.search(r"(?<=[。！？”])\s*[□■]\s*(?P<who>[\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4})*)$", text):
        who = parse_authors(marked["who"])
        return Byline(who, marked.start()) if who else None
    m = re.search(r"\s*（(?P<who>[^（）]{2,60})）$", text)
    if m is None or m.start() == 0:
        return None
    inner = m["who"].strip()
    listed = re.fullmatch(r"[\u4e00-\u9fff]{2,4}(?:、[\u4e00-\u9fff]{2,4})+", inner) is not None  # （甲、乙）
    who = parse_authors(inner, need_role=" " not in inner and not listed and not _looks_like_name(inner))
    if not who and text[m.start() - 1] in "。！？”":
        who = _with_pen_names(inner)
    return Byline(who, m.start()) if who else None


def _with_pen_names(inner: str) -> tuple[Author, ...]:
    """（某组轩 甲）after the last sentence: names apart, one a person's, the others pen names
    (a department writing as 某组轩) — all authors, with no role."""
    tokens = inner.split()
    if len(tokens) < 2 or not all(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", t) for t in tokens):
        return ()
    return tuple(Author(t, "") for t in tokens) if any(_looks_like_name(t) for t in tokens) else ()


# a line of particulars closed by its source and who sent it (2021-02-07 来源：某县电视台 甲;
# 2020-02-06  某县政协办  甲)
_SENDING_UNIT = r"[\u4e00-\u9fff]{2,16}(?:办|室|科|处|中心|台|社|站|局|委)"
_SENDERS = r"(?P<who>[\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4})*)"
_SENT_BY = re.compile(rf"(?:来源\s*：\s*[^\s：]{{2,20}}|\s{_SENDING_UNIT})\s+{_SENDERS}\]?$")
# …or a line of only a day (and time), the unit and who sent it
_DAY_UNIT_SENDERS = re.compile(rf"\d{{4}}-\d{{1,2}}-\d{{1,2}}(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?"
                               rf"\s+{_SENDING_UNIT}\s+{_SENDERS}")


def _senders(who: str) -> tuple[Author, ...]:
    """Who sent an article, named after its source or unit: authors with no role."""
    return tuple(Author(a.name, "") for a in parse_authors(who))


def _meta_authors(line: str) -> tuple[Author, ...]:
    """The author a line of particulars names after 作者： (a name with no surname in our list
    too: 作者 is certain there), after a reporter's role (… 记者 甲), or after its source."""
    if (m := _META_AUTHOR.search(line)) is None:
        role = _META_ROLE.search(line)
        if role is None and (sent := _SENT_BY.search(line)):
            return _senders(sent["who"])
        return parse_authors(line[role.start():]) if role else ()
    who = m["who"].strip()
    return parse_authors(who) or ((Author(who, ""),) if _NAME.match(who) else ())


def closing_byline(paragraph: str) -> tuple[Author, ...] | None:
    """Authors of a last paragraph that is only a byline (（通讯员 甲）, 作者：甲), () for a line
    of furniture (来源：…), None for article text."""
    text = _MARKER.sub("", full_width_punctuation(paragraph).strip())  # ■ 记者 甲
    if _META_LINE.match(text):  # 2025年2月21日 来源：某某日报 作者：记者 甲
        return _meta_authors(text)
    if sent := _DAY_UNIT_SENDERS.fullmatch(text):  # 2020-02-06  某县政协办  甲
        return _senders(sent["who"])
    if m := re.fullmatch(r"（([^（）]{2,60})）", text):
        text = m.group(1)
        if not parse_authors(text) and (pen := _with_pen_names(text)):
            return pen  # （某艺 某洲）: names alone, one of them a pen name
    elif m := _SOURCE_THEN_BYLINE.fullmatch(text):  # 来源某某融媒（记者 甲 图片 乙）, 某某融媒 甲
        return parse_authors(m["bracketed"] or m["names"]) or None
    elif len(text) > 40 or not (_ROLE.match(text) or _UNIT_ROLE.match(text) or FURNITURE.match(text)):
        names = parse_authors(text) if len(text) <= 20 else ()
        return names if len(names) >= 2 else None  # 张明 李 红: names alone on the last line
    if FURNITURE.match(text):
        sender = _SOURCE_SENDER.match(text)  # 来源：某区政协 甲: the source, then who sent it
        names = parse_authors(sender["who"]) if sender else ()
        return tuple(Author(a.name, "") for a in names)
    return parse_authors(text) or None
