"""People named without a title: names jieba tags as persons before a speech or attendance verb
(张三指出…, 甲、乙等参加), and the people of a list (甲、乙、丙) that other extractors read."""

from __future__ import annotations

import re

from kg.extract import extractor
from kg.extract.bodies import INTERNATIONAL
from kg.extract.context import ArticleContext, KnownPerson
from kg.extract.fields import fields_of, listed_names
from kg.extract.tenure import BODY_ENDS
from kg.model import Entity, Ref
from kg.nlp.mentions import government_bodies
from kg.nlp.names import SPEAKING_DOCUMENTS, is_chinese_name, travels_to_a_country
from kg.nlp.segment import dictionary_tag, has_surname, pos_tokens
from kg.resolve.countries import countries, country_short_forms
from kg.resolve.gazetteer import gazetteer
from kg.resources import lexicon_words


def people_of(records) -> list[Entity]:
    """The person entities among what listed_people yields (it also yields the names they are
    known by, KnownPerson)."""
    return [r for r in records if isinstance(r, Entity)]


def listed_people(ctx: ArticleContext, sentence, items: list[str], offset: int, extractor_name: str):
    """A person for each name of a list written from *offset* on (甲、乙、丙), known ones reused."""
    for item in items:
        start = sentence.text.index(item, offset)
        offset = start + len(item)
        ref = ctx.persons.get(item) or Ref("person", ctx.person_key(item, "unknown"))
        yield KnownPerson(item, ref)
        yield Entity("person", ref.key, item, ctx.evidence(sentence, start, offset, extractor_name), (item,))


# verbs a name stands right before (张三指出…, 甲、乙等参加): saying, and taking part
SPEECH_VERBS = lexicon_words("speech_verbs.txt") + ("主持", "出席", "参加", "讲话", "调研", "一行", "宣布", "宣读")
COMRADE = "同志"  # 结合甲同志的讲话: a name jieba tags, called comrade, is a person's too
_CUES = SPEECH_VERBS + (COMRADE,)


@extractor("lg.person.v1", assigns=("persons",), after=("lg.personnel.v1",))
def extract_persons(ctx: ArticleContext):
    """Names jieba tags as persons right before a speech or attendance verb (张三指出…) or 同志,
    alone or listed (甲、乙等参加), and the names a record of a meeting lists in its fields (参会领导：
    甲、乙). Names already known in the article are linked by string."""
    name = "lg.person.v1"
    for sentence, word, start, end, rule in _named(ctx, name):
        if word not in ctx.persons:
            pref = Ref("person", ctx.person_key(word, "unknown"))
            yield KnownPerson(word, pref)
            yield Entity("person", pref.key, word, ctx.evidence(sentence, start, end, rule), (word,))


def _named(ctx: ArticleContext, name: str):
    """Each name read, with its sentence, span and rule: before a verb, called comrade, or listed
    in a field of minutes (kg.extract.fields)."""
    for sentence in ctx.sentences:
        text = sentence.text
        if any(v in text for v in _CUES):
            for word, start, end in _names_before_verbs(text, pos_tokens(text), ctx.persons) + _comrades(text):
                yield sentence, word, start, end, name
    for sentence, (rule_id, field, value, at) in fields_of(ctx):  # 参会领导：甲、乙
        for word, start, end in listed_names(value) if field in ("chair", "attendee") else ():
            yield sentence, word, at + start, at + end, f"{name}:{rule_id}"


# a clause that opens with a name called comrade (孙新军同志18日走访…), whatever jieba made of it
# (孙 + 新军, a new army)
_COMRADE_OPENING = re.compile(r"(?:^|(?<=[，。；：]))(?P<name>[\u4e00-\u9fff]{2,3}?)同志")


def _comrades(text: str) -> list[tuple[str, int, int]]:
    return [(m["name"], m.start("name"), m.end("name")) for m in _COMRADE_OPENING.finditer(text)
            if is_chinese_name(m["name"]) and m["name"] not in government_bodies()
            and (dictionary_tag(m["name"]) or "nr").startswith("nr")]  # not 全体同志, 党员同志


_LIST_JOINS = ("、", "和", "及", "与")


def _names_before_verbs(text: str, tokens, known) -> list[tuple[str, int, int]]:
    """The names of a list (甲、乙和丙, or one name) that ends right before a speech or attendance
    verb, 等 or 等人 allowed between: each a name known in the article, or one jieba tags as a
    person that is not a document (贺信指出), a place (在莫斯科出席) or the tail of a known name
    (泽连斯基 read as 泽 + 连斯基)."""
    found: list[tuple[str, int, int]] = []
    listed: list[tuple[str, int, int]] = []
    for word, tag, start in _names_joined(text, tokens, known):
        end = start + len(word)
        if word in _LIST_JOINS:
            continue
        if not (word in known or _tagged_person(text, word, tag, start, known)):
            listed = []
            continue
        if listed and text[listed[-1][2]:start] not in _LIST_JOINS:
            listed = []
        listed.append((word, start, end))
        after = end + (2 if text.startswith("等人", end) else 1 if text.startswith("等", end) else 0)
        if text.startswith(SPEECH_VERBS, after) or text.startswith(COMRADE, end):
            found += listed
            listed = []
    return found


_TRANSCRIBED = "nr-transcribed"  # the tag of a name joined from pieces jieba tags as names
_CUT = "nr-cut"  # the same, when the name starts before the first piece: no name read


def _names_joined(text: str, tokens, known) -> list[tuple[str, str, int]]:
    """*tokens* with the names jieba cut in pieces joined again: a one-character surname that a
    list separator or the start comes before (何 卫东), and a transcribed name (拉斯 穆森, 拉里 贾尼),
    pieces tagged as names that are not a Chinese name each (王沪宁 蔡奇 stay two)."""
    out: list[tuple[str, str, int]] = []
    for word, tag, start in tokens:
        if out:
            head, htag, hstart = out[-1]
            glued = hstart + len(head) == start and tag.startswith("nr")
            if (glued and len(head) == 1 and len(word) == 2 and not htag.startswith(("p", "c", "u", "d"))
                    and has_surname(head + word) and not text[hstart - 1:hstart].strip("、，：；。 ")):
                out[-1] = (head + word, tag, hstart)
                continue
            if (glued and htag.startswith("nr") and head not in known and word not in known
                    and not is_chinese_name(head) and len(head) + len(word) <= 8):
                before = out[-2] if len(out) > 1 else None
                cut = (before is not None and len(before[0]) == 1 and before[2] + 1 == hstart
                       and "\u4e00" <= before[0] <= "\u9fff")  # 别 尔德 穆哈…: the name starts earlier
                out[-1] = (head + word, _CUT if cut or htag == _CUT else _TRANSCRIBED, hstart)
                continue
        out.append((word, tag, start))
    return out


def _tagged_person(text: str, word: str, tag: str, start: int, known) -> bool:
    end = start + len(word)
    if tag == _TRANSCRIBED:
        shape = 3 <= len(word) <= 8
    else:  # 阿方, 美方: a country's side; 乌军: its army
        shape = (tag in ("nr", "nrfg") and is_chinese_name(word)
                 and not (len(word) == 2 and word[1] in "方军" and word[0] in country_short_forms()))
    glued = start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff" and any(
        p + len(w) == start and len(w) == 1 and t in ("j", "ng") for w, t, p in pos_tokens(text))
    return (shape and not glued  # 昆索达莉表示: jieba's 昆 + 索达莉, a name that starts before
            and word not in SPEAKING_DOCUMENTS and not text.endswith(("在", "首都", "首府"), 0, start)
            and not travels_to_a_country(text, start)  # 某副主席来菲出席
            and word not in countries() and word not in INTERNATIONAL  # 应乌克兰要求, 欧佩克宣布
            and word not in government_bodies()  # 白宫称
            and word[-1] not in BODY_ENDS  # 国家林草局表示
            and not (tag != _TRANSCRIBED and gazetteer().lookup(word))  # 联系点宿松调研: a county
            and not any(len(p) > len(word) and text.endswith(p, 0, end) for p in known))
