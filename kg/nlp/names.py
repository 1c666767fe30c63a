"""The name reader: where a personal name starts and ends in running text.

One reader for extraction (the holder of a post, the items of a list, a speaker) and for
``kg mentions``: a Chinese name (a surname from surnames.txt and one or two characters) read
after a title (区委书记徐光文主持), before one (习近平总书记), and a transcribed foreign name
(内塔尼亚胡, 伊萨姆·沙拉夫). jieba's tags decide where a name ends when characters alone do not
(韩正将出席: 韩正; 王明确表示: no name 王明). What may follow a name is data
(boundary_after_name.txt, words_after_titles.txt, speaking_documents.txt).
"""

from __future__ import annotations

import re

from kg.nlp.segment import common_word, dictionary_tag, has_surname, pos_tokens
from kg.nlp.vocabulary import BOUNDARY, PREFIX_RE, ROLE_RE
from kg.resolve.countries import country_short_forms
from kg.resources import lexicon_lines, lexicon_words

WORDS_AFTER_TITLES = frozenset(lexicon_words("words_after_titles.txt"))  # 总理官邸, 部长人选: no names
NAME_CHARS = re.compile(r"^[\u4e00-\u9fff]{2,3}$")
DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{1,8}(?:[·•・][\u4e00-\u9fff]{1,8})+")  # 伊萨姆·沙拉夫
SPEAKING_DOCUMENTS = frozenset(lexicon_lines("speaking_documents.txt"))  # 贺信指出, 主席贺信: not people
TRANSCRIPTION_CHARS = frozenset(lexicon_words("transcription_chars.txt"))
# a name does not start with a conjunction, though 和 is a surname (党中央和习主席: jieba's 和习)
_CONJUNCTIONS = "和与同及"
_HONORIFICS = ("先生", "女士", "小姐")
_PLACE_ENDINGS = frozenset("岛湾港")  # endings of places that end no given name


def is_chinese_name(word: str) -> bool:
    """Two or three Chinese characters starting with a surname: the shape of a Chinese name."""
    return bool(NAME_CHARS.match(word)) and has_surname(word)


def is_boundary(text: str, pos: int) -> bool:
    if pos >= len(text) or not ("\u4e00" <= text[pos] <= "\u9fff"):
        return True
    return text.startswith(BOUNDARY, pos) or bool(ROLE_RE.match(text, pos))


_ONE_CHAR_BOUNDARIES = frozenset("在说到来就对为向是也作同率")
_LONG_BOUNDARIES = tuple(w for w in BOUNDARY if len(w) > 1 and w[0] in _ONE_CHAR_BOUNDARIES)  # 来到, 在京


CONJUNCTIONS = frozenset("和与及同并")  # after a title they join, never start a name: 总书记和大家说


_NAME_STOPS = frozenset("同和与及在对为向是也作说等致称将互已自的")


def travels_to_a_country(text: str, pos: int) -> bool:
    """来华, 访华, 赴美, 来菲: a trip to a country written right after a title (某副主席来菲出席),
    which a name cannot start with."""
    return text[pos:pos + 1] in "来赴访抵" and text[pos + 1:pos + 2] in ("华", *country_short_forms())


def foreign_name_at(text: str, pos: int) -> str | None:
    """A transcribed name after a foreign post or a named body's title (某国总统, 某某委员会主席),
    read over jieba's pieces from one it tags as a name (某国总统米尔济约耶夫表示: 米尔 济 约耶夫;
    拉赫 蒙): longer pieces must be names, places or
    abbreviations to jieba, and a one-character verb or particle only ends the name (蒙 before
    表示, not 致 before another name). At most 8 characters."""
    if travels_to_a_country(text, pos):
        return None
    tokens = [t for t in pos_tokens(text) if t[2] >= pos]
    name, end = "", pos
    for i, (word, tag, start) in enumerate(tokens):
        if start != end or name and is_boundary(text, start) or not re.fullmatch(r"[\u4e00-\u9fff·]+", word):
            break
        if not name:
            glued = (len(word) == 1 and tag in ("j", "ng") and i + 1 < len(tokens)
                     and tokens[i + 1][2] == start + 1 and tokens[i + 1][1].startswith("nr"))
            if not (tag.startswith("nr") or glued) or word in WORDS_AFTER_TITLES:
                return None  # jieba reads no name here (总统通电话), or a title's word (总理顾问)
            # (国会主席昆索达莉: jieba's 昆 + 索达莉, one name)
        elif len(word) > 1:
            if not tag.startswith(("nr", "ns", "j", "nz")):
                break  # 马克龙 通电话, 卢拉 举行会谈
        elif tag.startswith(NOT_NAME_TAGS) and (tag != "v" or not name_ends_at(text, start + 1, tokens[i + 1:i + 2])):
            break  # 马科斯 致 某某, 卢拉 的 独家, 某某 互 致贺电
        name, end = name + word, start + len(word)
        if len(name) > 8:
            return None
    cut = next((k for k, ch in enumerate(name) if k >= 2 and ch in _NAME_STOPS), len(name))
    if cut < 2:
        return None
    found = _transcription_run(text, pos, name[:cut])
    after = [t for t in tokens if t[2] == pos + len(found)]
    if tokens and tokens[0][1] in ("j", "ng") and not name_ends_at(text, pos + len(found), after):
        return None  # 阿 纳斯塔 夏季 斯: a name read from a glued piece must end where a name can
    return found


def _transcription_run(text: str, pos: int, name: str) -> str:
    """*name* at *pos* run on over the characters of transcriptions, and a dot or hyphen between
    two of them, where jieba cut it (扎尔 达 里, 努内 兹 5日, 阿库福-阿多); at most 16 characters."""
    end = pos + len(name)
    while end < len(text) and end - pos < 16:
        if text[end] in TRANSCRIPTION_CHARS or (text[end] in "·•・-－" and text[end + 1:end + 2]
                                                 and text[end + 1] in TRANSCRIPTION_CHARS):
            end += 1
        else:
            break
    return text[pos:end] if end - pos <= 16 else name


def dotted_name_at(text: str, pos: int) -> str | None:
    """A transcribed name written with dots from *pos* (伊萨姆·沙拉夫), its last part ending where
    a boundary or a verb starts (沙拉夫 before 接受)."""
    m = DOTTED_NAME.match(text, pos)
    if m is None:
        return None
    first = pos + min(i for i in (m[0].find(c) for c in "·•・") if i >= 0)
    if any(ends_name(text, k) for k in range(pos + 1, first)):
        return None  # 习近平致电亚科夫·米拉托维奇: a name, then a verb, then the dotted name
    last = max(m[0].rfind(c) for c in "·•・") + pos + 1
    return text[pos:next((k for k in range(last + 1, m.end()) if ends_name(text, k)), m.end())]


def ends_name(text: str, pos: int) -> bool:
    return is_boundary(text, pos) or verb_at(text, pos) or text[pos] in _NAME_STOPS or preposition_at(text, pos)


def preposition_at(text: str, pos: int) -> bool:
    """jieba reads a preposition or a conjunction of two characters or more at *pos* (通过, 按照)."""
    return any(start == pos and len(word) > 1 and tag.startswith(("p", "c"))
               for word, tag, start in pos_tokens(text))


def name_ends_at(text: str, pos: int, following: list[tuple[str, str, int]]) -> bool:
    """What follows *pos* ends a name: a boundary, or a verb of two characters or more (表示, 会见)."""
    return is_boundary(text, pos) or any(len(w) > 1 and t.startswith("v") for w, t, _ in following)


def tagged_name(text: str, word: str) -> bool:
    """jieba tags *word* as a personal name, whole or in pieces it tags as names (李 石松)."""
    tokens = pos_tokens(text)
    for i in range(len(tokens)):
        joined = ""
        for piece, tag, _ in tokens[i:i + len(word)]:
            if not tag.startswith("nr") or not word.startswith(joined + piece):
                break
            joined += piece
            if joined == word:
                return True
    return False


def verb_at(text: str, pos: int) -> bool:
    """jieba reads a verb, an adjective or an adverb of two characters or more starting at *pos*
    (进行, 出席; 严重 in 某某严重违纪违法)."""
    return any(start == pos and len(word) > 1 and tag.startswith(("v", "a", "d"))
               for word, tag, start in pos_tokens(text))


def plain_pieces(text: str, pos: int, n: int) -> bool:
    """jieba reads the *n* characters at *pos* as pieces of a name: words that start and end
    inside it, each a name or a single character (王明确表示: 明确 is an adverb; 巴厘岛 a place)."""
    inside = [(w, t, s) for w, t, s in pos_tokens(text) if pos <= s < pos + n]
    return (bool(inside) and inside[0][2] == pos and inside[-1][2] + len(inside[-1][0]) == pos + n
            and not any(t.startswith(("v", "d", "a", "p", "c", "u", "r")) for _, t, _ in inside)
            and all(t.startswith("nr") or len(w) == 1 for w, t, _ in inside))  # not 巴厘岛 (a place)


def name_then_adverb(text: str, pos: int, n: int = 2) -> bool:
    """jieba reads the *n* characters at *pos* as one personal name and then a one-character
    adverb, preposition or conjunction, or a two-character adverb (韩正 将 出席, 王毅 亦 指出,
    习近平 以 视频方式, 甲 分别 领学)."""
    at = {start: (word, tag) for word, tag, start in pos_tokens(text)}
    first, then = at.get(pos), at.get(pos + n)
    return (first is not None and len(first[0]) == n and first[1].startswith("nr") and then is not None
            and (len(then[0]) == 1 and then[1].startswith(("d", "p", "c")) or len(then[0]) == 2 and then[1] == "d"))


def name_after(text: str, pos: int) -> str | None:
    """The personal name starting at *pos*, if one does: 徐光文 in 区委书记徐光文主持…"""
    if text[pos:pos + 1] in CONJUNCTIONS or travels_to_a_country(text, pos):
        return None  # 国家主席和通伦总书记: the conjunction joins two people (和, 同 as surnames are rare)
    for n in (3, 2):
        cand = text[pos:pos + n]
        # …、赵明星、姜青和应邀出席: nothing is joined after 和, so it is the name's
        # (not 李明和出席会议的领导合影: 和 joins those who attended)
        his_he = (n == 3 and cand[-1:] == "和" and text.startswith(_AFTER_A_LIST, pos + 3)
                  and "的" not in re.match(r"[^，。；]*", text[pos + 3:]).group(0))
        if cand[-1:] in ("和", "与", "及", "等", "的") and not his_he:
            continue  # 李强和省长赵刚: the conjunction ends the name; 官等: 等 closes a list
        if (n == 3 and cand[-1:] in _ONE_CHAR_BOUNDARIES and is_boundary(text, pos + 2)
                and (not tagged_name(text, cand) or text.startswith(_LONG_BOUNDARIES, pos + 2))):
            continue  # 杨震在参加…: 在 starts what follows unless jieba reads 杨震在 as one name
            # (左军来到: 来到 follows the name, however jieba reads it)
        if (tag := dictionary_tag(cand)) and tag.startswith(("v", "d", "p", "c", "u")):
            continue  # 副县长应邀出席: a verb of the language, though 应 is a surname
        if n == 3 and (name_then_adverb(text, pos) and not his_he or cand[-1:] in ("案", "所")):
            continue  # 韩正将出席: jieba reads 韩正 and then 将; 张琦案: the case of 张琦; 汪洋所作的报告
        if cand[-1:] in _PLACE_ENDINGS and any(start == pos and word == cand and tag == "ns"
                                              for word, tag, start in pos_tokens(text)):
            continue  # 总统巴厘岛会晤: a place jieba reads whole (not 普京, which it also tags ns)
        if n == 3 and text.startswith(_HONORIFICS, pos + 3) and has_surname(text[pos + 2:pos + 4]):
            continue  # 孙晶孙女士: the name, then the surname with an honorific
        # 习近平同…: a conjunction ends a name jieba also reads as one
        ends = (is_boundary(text, pos + n) or (text[pos + n:pos + n + 1] in ("同", "和", "与")
                                                and tagged_name(text, cand))
                or name_then_adverb(text, pos, n)  # 韩正将出席, 习近平以视频方式
                or text.startswith(_BY_WHOM, pos + n)  # 汪洋所作的报告
                or his_he
                or tagged_name(text, cand) and verb_at(text, pos + n)  # 赵旭辉进行问责
                or plain_pieces(text, pos, n) and verb_at(text, pos + n))  # 胡晓海现场视察
        if any(pos < start < pos + n < start + len(word) and tag.startswith(("c", "p", "u"))
               for word, tag, start in pos_tokens(text)):
            continue  # 阿比以及: the name would end inside a function word jieba reads (以及; not 民主, 平等)
        if is_chinese_name(cand) and ends:
            if (not PREFIX_RE.match(cand) and not ROLE_RE.match(cand) and not word_not_name_at(text, pos)
                    and cand not in SPEAKING_DOCUMENTS):
                return cand
    return None


# what follows the last name of a list of attendees
_AFTER_A_LIST = ("应邀出席", "应邀参加", "出席", "参加", "列席", "陪同")
# 所 and a verb after a name: what he made or said (汪洋所作的报告, 甲所提的要求)
_BY_WHOM = ("所作", "所做", "所提", "所讲", "所述", "所说")
# what follows a name written without a surname of our list, where only a name can stand
_AFTER_UNSURNAMED = ("出席", "参加", "主持", "带队", "率队", "一行", "陪同", "列席", "讲话", "致辞", "发言", "等")
_UNSURNAMED = re.compile(r"[\u4e00-\u9fff]{2,4}")
# what ends a body, a meeting, a place or a case rather than a name
_NOT_UNSURNAMED_END = frozenset("案们议会团组委部局办队处室所院校厅司社站科行馆镇乡村区县市旗省州盟")


def unsurnamed_name_at(text: str, pos: int) -> str | None:
    """A name of two to four characters with no surname of our list, right after a Chinese title
    (州政协秘书长拥措出席, 副主席多吉扎西、孙飞, 区长菊峰带队): many Tibetan, Uygur or Yi names
    have none. Read only where a list or a clause goes on after it (、，。；) or an attendance verb
    follows, and only when jieba's dictionary holds no word of the language there (副主席高度重视,
    书记一行: none)."""
    tokens = pos_tokens(text)
    for n in (4, 3, 2):
        cand = text[pos:pos + n]
        if not _UNSURNAMED.fullmatch(cand):
            continue
        after = text[pos + n:pos + n + 1]
        if not ((after and after in "、，。；") or text.startswith(_AFTER_UNSURNAMED, pos + n)):
            continue
        if any(ch in _NAME_STOPS for ch in cand) or ROLE_RE.search(cand) or PREFIX_RE.match(cand):
            continue
        if dictionary_tag(cand) not in (None, "nr", "nrfg", "nrt"):
            continue
        inside = [(w, t, s) for w, t, s in tokens if pos <= s < pos + n]
        if not inside or inside[0][2] != pos or inside[-1][2] + len(inside[-1][0]) != pos + n:
            continue  # jieba reads a word across its edges
        if any(len(w) > 1 and (common_word(w) or dictionary_tag(w) and t.startswith(NOT_NAME_TAGS))
               for w, t, _ in inside):
            continue  # 记者见面交流, 总统一道努力: words of the language
        if len(inside[0][0]) == 1 and (inside[0][1].startswith(("p", "c", "u", "r")) or inside[0][0] in "有是为"):
            continue  # 成员有习近平、: a function word or 有, then a name
        if any(t.startswith("v") and len(w) > 1 for w, t, _ in inside[1:]):
            continue  # 李强监誓: a name, then a verb
        if cand[-1] in _NOT_UNSURNAMED_END:
            continue  # 周江勇案: the case of a person; 常委扩大会议: a meeting, not a name
        return cand
    return None


# jieba's tags of words that do not start a name: verbs, adverbs, prepositions, pronouns, particles…
NOT_NAME_TAGS = ("v", "d", "p", "c", "u", "r", "f", "q", "y", "e", "o")


def word_not_name_at(text: str, pos: int) -> bool:
    """jieba reads the word at *pos* as something other than a name: 总书记强调 (强 is a surname),
    总书记和大家, 总书记来了. (A single character jieba calls a verb or a pronoun may still start a
    name: 何卫东, 安瓦尔.)"""
    for word, tag, start in pos_tokens(text):
        if start == pos:
            if len(word) > 1 and tag in ("q", "m") and has_surname(text[pos:pos + 3]) and is_boundary(text, pos + 3):
                return False  # 副市长马元永出席: jieba's 马元 (a measure word), then where names end
            if len(word) > 1:  # 总理官邸时: a word that follows titles (官邸) starts no name either
                return tag.startswith(NOT_NAME_TAGS) or word in WORDS_AFTER_TITLES
            if text[pos - 1:pos] == "、" and any(s == pos + 1 and t.startswith("nr") for _, t, s in pos_tokens(text)):
                return False  # 、于 桂平、: a surname jieba read as a preposition, in a list of names
            if (tag.startswith(("p", "c")) and text[pos] not in CONJUNCTIONS and has_surname(text[pos:pos + 3])
                    and (is_boundary(text, pos + 3) or is_boundary(text, pos + 2))):
                return False  # 主席于东明出席: a name that ends where names end (出席, 、, 。)
            if tag == "d":  # 总书记都要深入…: an adverb before a verb (a surname too: 都)
                return any(s == pos + 1 and t.startswith("v") for _, t, s in pos_tokens(text))
            return tag.startswith(("c", "p", "u")) or tag == "v" and text[pos + 1:pos + 2] in ("了", "着", "过")
    return False


def name_before(text: str, end: int, tokens: list[tuple[str, str, int]]) -> tuple[str, int] | None:
    """A name ending at *end* that jieba also tags as a personal name (习近平总书记), or that a
    surname jieba cut off opens (朱 + 林森市长, 唐 + 大军区长: its surname tagged a name, alone)."""
    for i, (word, tag, start) in enumerate(tokens):
        if start + len(word) != end:
            continue
        surname = tokens[i - 1] if i else None
        if (surname is not None and len(surname[0]) == 1 and surname[1] == "nr" and len(word) == 2
                and is_chinese_name(surname[0] + word) and surname[0] not in _CONJUNCTIONS):
            return surname[0] + word, surname[2]
        if tag in ("nr", "nrfg") and is_chinese_name(word) and word[0] not in _CONJUNCTIONS:  # 和习主席: jieba's 和习
            return word, start
    return None
