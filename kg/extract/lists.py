"""People listed after the group they are drawn from: 区领导甲、乙、丙出席会议, 县四套班子领导甲、乙
参加, 有关负责人甲陪同. The group word (data/lexicon/group_words.txt) gives no post; each item must
have the shape of a Chinese name, and the last must end where a name can end (before 等, a verb,
punctuation)."""

from __future__ import annotations

import re

from kg.extract import extractor
from kg.extract.context import ArticleContext
from kg.extract.persons import listed_people
from kg.extract.tenure import BODY_ENDS, common_word_at
from kg.nlp.names import NAME_CHARS, is_chinese_name, name_after
from kg.nlp.segment import dictionary_tag, has_surname, pos_tokens
from kg.nlp.vocabulary import PREFIX_RE, ROLE_RE
from kg.resolve.countries import countries
from kg.resolve.gazetteer import gazetteer
from kg.resources import lexicon_lines

NAME = "lg.group_list.v1"
GROUP_WORDS = sorted(lexicon_lines("group_words.txt"), key=len, reverse=True)
# the group word, then names joined by 、 (the last one read by name_after)
LISTED = re.compile("(?:" + "|".join(map(re.escape, GROUP_WORDS)) + r")(?P<list>(?:[\u4e00-\u9fff]{2,6}、)*)")
_LONG_LAST = re.compile(r"(?![^，。；]*?(?:干部|负责|同志|全体|有关|相关|机关|部门|单位|人员|代表|群众|党员|职工|委员"
                        r"|领导|成员))[\u4e00-\u9fff]{4,6}(?=[，。；]|等)")
_NO_NAME_START = frozenset("为和与同向对给由在是有把被将从及人")  # 全体同志为毛泽东、周恩来…: no name
# what a word of a list that is no name ends with: a body, a unit, a place (旗政府办, 教育局, 某镇)
_NOT_A_NAME_END = BODY_ENDS | frozenset("科行馆镇乡村区县市旗省州盟")


def _no_body(word: str) -> bool:
    return word[-1] not in _NOT_A_NAME_END and not word.endswith("中心")


def _may_be_name(word: str) -> bool:
    """Not a word of jieba's dictionary other than a name: 赖立峰 may be a name, 能源 is none."""
    return dictionary_tag(word) in (None, "nr", "nrfg", "nrt")


def listed_names(text: str, at: int) -> list[str]:
    """The names of a list starting at *at*: 甲、乙、丙 followed by where a name ends."""
    m = LISTED.match(text, at)
    if m is None:
        return []
    if any(s < m.start("list") < s + len(w) for w, _, s in pos_tokens(text)):
        return []  # 领导班子: the group word is the start of a word of the language
    items = [x for x in m["list"].split("、") if x]
    last = name_after(text, m.end("list"))
    if last is None and len(items) >= 2 and (long := _LONG_LAST.match(text, m.end("list"))):
        last = long.group(0)  # 甲、乙、额登毕力格，…: a name of another script's shape ends the list
    if last is not None and not items and common_word_at(text, m.end("list"), last):
        return []  # 以及计划和预算审查委员会: a word, not a name
    if last is None and len(items) < 2:
        return []  # 甲、乙、某开发区党工委书记丙: the bare names before a titled one still count
    names = items + ([last] if last else [])
    if any(n in countries() or any(d.name == n for d in gazetteer().lookup(n)) for n in names):
        return []  # 印度、阿根廷外长: countries listed, not people; 代表罗源县与…: a county
    chinese = [n for n in names if is_chinese_name(n)]
    if len(chinese) < 2 and len(chinese) < len(names):
        return []
    # a name of another script's shape (宝音满都呼), or with a surname rarer than our list's (支现伟),
    # among Chinese-shaped ones of the same list
    if not all((n in chinese or (2 <= len(n) <= 3 and len(chinese) >= 2 and _may_be_name(n) or 4 <= len(n) <= 6)
                and _no_body(n) and n[0] not in _NO_NAME_START)
               and not ROLE_RE.search(n) and not PREFIX_RE.match(n) for n in names):
        return []
    return names


# a bare list starts a clause or follows the group it is drawn from: 受表彰代表甲、乙作了发言
_BARE_LIST = re.compile(r"(?:^|[，；：\s]|代表|负责人|嘉宾|专家|委员|院士|同志)"
                        r"(?P<list>[\u4e00-\u9fff]{2,3}(?:、[\u4e00-\u9fff]{2,3})+)$")
# what closes a bare list before its verb: 等, 等人, 同志, 等市领导, 等市级领导, 等县四套班子领导, 等负责同志
# …and others joined to them: 等县四套班子领导和项目企业负责人
_GROUP_AFTER = re.compile(r"(?:等?同志|等(?:人|(?:[省市区县旗镇乡州盟]级?|全国|四套班子|有关|相关)*(?:"
                          + "|".join(map(re.escape, GROUP_WORDS)) + r"))?)?"
                          r"(?:(?:和|及|以及)[^，。；、]{1,20}?(?:负责人|负责同志|代表|干部|群众|职工|人员|嘉宾|成员|委员))?$")
_ADVERB_AT_END = re.compile(r"(?:也|还|均|都|亦|分别|一同|一起)$")  # 甲、乙也出席了会议
_DAY_AT_END = re.compile(r"(?:\d{1,2}\s*(?:月\s*\d{1,2}\s*)?日(?:上午|下午|晚上|晚)?)$")


def name_list_before(ctx: ArticleContext, sentence, pos: int, extractor_name: str):
    """People listed without titles right before a verb at *pos* (甲、乙、丙出席): each item must have
    the shape of a personal name (a surname, two or three characters, no title)."""
    head = _GROUP_AFTER.sub("", _ADVERB_AT_END.sub("", _DAY_AT_END.sub("", sentence.text[:pos])))
    m = _BARE_LIST.search(head)
    if not m:
        return
    items = m["list"].split("、")
    if not all(NAME_CHARS.match(x) and has_surname(x) and not ROLE_RE.search(x) for x in items):
        return
    yield from listed_people(ctx, sentence, items, m.start("list"), extractor_name)


@extractor(NAME, assigns=("persons",), after=("lg.tenure.v1",))
def extract_group_lists(ctx: ArticleContext):
    for sentence in ctx.sentences:
        text = sentence.text
        for m in LISTED.finditer(text):
            names = listed_names(text, m.start())
            if names:
                yield from listed_people(ctx, sentence, names, m.start("list"), NAME)
