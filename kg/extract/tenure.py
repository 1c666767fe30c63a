"""People and the posts they are reported holding.

Patterns (ontology.md §3.5a): ``市委常委、区委书记徐光文`` (posts, then the name),
``省委车俊书记`` (organisation, name, title), ``习近平总书记`` (name, title), bylines
``□ 记者 王秋蕊``. Emits schema:Person, lg:Tenure with opengov:post, org:holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract import NAMES, extractor
from kg.extract.context import ArticleContext, OrgName
from kg.extract.orgs import PREFIX_RE, org_entity, org_prefixes, place_before, resolve_prefix
from kg.model import Entity, Post, Ref, Tenure
from kg.nlp.segment import has_surname, pos_tokens
from kg.resolve.gazetteer import Division, short_name
from kg.resources import lexicon_lines, lexicon_table

ROLES = {row[0]: row[1] for row in lexicon_table("roles.txt")}
ROLE_RE = re.compile("(?:" + "|".join(sorted(map(re.escape, ROLES), key=len, reverse=True)) + ")(?!会|员会|处)")
BOUNDARY = tuple(sorted(lexicon_lines("boundary_after_name.txt"), key=len, reverse=True))
NAME_CHARS = re.compile(r"^[\u4e00-\u9fff]{2,3}$")
# Titles written after a name (习近平总书记, 张三同志)
TITLE_AFTER_NAME = ("总书记", "书记", "主席", "总理", "委员长", "省长", "市长", "区长", "县长")
NATIONAL_DEFAULT = {
    "national_party": "中共中央", "national_government": "国务院", "national_congress": "全国人大常委会",
    "national_state": None, "national_military": "中央军委",
}
LEVEL_RANK = {"national": 0, "province": 1, "city": 2, "district": 3, "town": 4, "unknown": 5}


@dataclass(frozen=True)
class PostPhrase:
    start: int
    end: int
    prefix: str | None
    role: str
    place: Division | None = None  # a division written before the prefix: 四川 in 四川省委书记


def post_phrases(text: str) -> list[PostPhrase]:
    """Every title in *text*, with the short organisation name written right before it."""
    out = []
    for m in ROLE_RE.finditer(text):
        prefix = None
        for p in sorted((m_.group(0) for m_ in PREFIX_RE.finditer(text[max(0, m.start() - 8):m.start()])),
                        key=len, reverse=True):
            if text[:m.start()].endswith(p):
                prefix = p
                break
        start = m.start() - len(prefix) if prefix else m.start()
        place = None
        if prefix and prefix in org_prefixes() and (place := place_before(text, start, org_prefixes()[prefix][0])):
            start -= len(_written_name(text, start, place))
        out.append(PostPhrase(start, m.end(), prefix, m.group(0), place))
    return out


def _written_name(text: str, end: int, d: Division) -> str:
    for form in sorted({d.name, short_name(d.name) or d.name}, key=len, reverse=True):
        if text[:end].endswith(form):
            return form
    return ""


def _is_boundary(text: str, pos: int) -> bool:
    if pos >= len(text) or not ("\u4e00" <= text[pos] <= "\u9fff"):
        return True
    return text.startswith(BOUNDARY, pos) or bool(ROLE_RE.match(text, pos))


def name_after(text: str, pos: int) -> str | None:
    """The personal name starting at *pos*, if one does: 徐光文 in 区委书记徐光文主持…"""
    for n in (3, 2):
        cand = text[pos:pos + n]
        if n == 3 and cand[-1:] in ("和", "与", "及", "等"):
            continue  # 李强和省长赵刚: the conjunction ends the name
        if NAME_CHARS.match(cand) and has_surname(cand) and _is_boundary(text, pos + n):
            if not PREFIX_RE.match(cand) and not ROLE_RE.match(cand):
                return cand
    return None


def name_before(text: str, end: int, tokens: list[tuple[str, str, int]]) -> tuple[str, int] | None:
    """A name ending at *end* that jieba also tags as a personal name (习近平总书记)."""
    for word, tag, start in tokens:
        if start + len(word) == end and tag in ("nr", "nrfg") and NAME_CHARS.match(word) and has_surname(word):
            return word, start
    return None


def _post_org(phrase: PostPhrase, ctx: ArticleContext) -> OrgName | None:
    if phrase.prefix:
        return resolve_prefix(phrase.prefix, ctx, phrase.place)
    default = ROLES[phrase.role]
    if default in NATIONAL_DEFAULT:
        short = NATIONAL_DEFAULT[default]
        return resolve_prefix(short, ctx) if short else None
    implied = {"government": {"省": "省政府", "市": "市政府", "区": "区政府", "县": "县政府", "镇": "镇政府",
                              "乡": "乡政府"}}.get(default, {})
    for char, short in implied.items():
        if char in phrase.role:
            return resolve_prefix(short, ctx)
    return None


def _post(org: OrgName | None, phrase: PostPhrase, surface: str) -> Post | None:
    if org is None:
        return None
    role = phrase.role
    overlap = max((k for k in range(1, len(role) + 1) if org.label.endswith(role[:k])), default=0)
    label = org.label + role[overlap:]  # 国务院 + 国务院总理, 中共中央 + 中央政治局常委
    if org.label.endswith("政府") and role.endswith("长"):  # 区政府 + 区长: 莲都区区长, or 区长 unresolved
        place = org.label[: -len("政府")]
        label = role if len(place) <= 1 else place + role
    return Post(Ref("org", org.key), role, label, surface)


def _groups(phrases: list[PostPhrase], text: str) -> list[list[PostPhrase]]:
    """Titles joined by 、 (市委常委、区委书记) describe one person."""
    groups: list[list[PostPhrase]] = []
    for p in phrases:
        if groups and text[groups[-1][-1].end:p.start] in ("、", "", "兼"):
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


@extractor("lg.tenure.v1", NAMES)
def extract_tenures(ctx: ArticleContext):
    name = "lg.tenure.v1"
    for sentence in ctx.sentences:
        text = sentence.text
        phrases = post_phrases(text)
        if not phrases:
            continue
        tokens = None
        for group in _groups(phrases, text):
            last = group[-1]
            person, pstart, pend = None, None, None
            if (n := name_after(text, last.end)) is not None:
                person, pstart, pend = n, group[0].start, last.end + len(n)
            elif last.prefix is None and text[max(0, last.start - 5):last.start]:
                # 省委车俊书记: organisation, name, title
                before = text[:last.start]
                for m in PREFIX_RE.finditer(before[-8:]):
                    cand = before[-8:][m.end():]
                    if NAME_CHARS.match(cand) and has_surname(cand):
                        person = cand
                        last = PostPhrase(last.start, last.end, m.group(0), last.role)
                        group = [last]
                        pstart, pend = len(before) - len(cand) - len(m.group(0)), last.end
                        break
                if person is None and last.role in TITLE_AFTER_NAME:
                    tokens = tokens or pos_tokens(text)
                    if (hit := name_before(text, last.start, tokens)) is not None:
                        person, pstart = hit
                        pend = last.end
            if person is None:
                continue
            orgs = [(_post_org(p, ctx), p) for p in group]
            level = min((o.level for o, _ in orgs if o), key=lambda lv: LEVEL_RANK.get(lv, 9), default="city")
            pref = Ref("person", ctx.person_key(person, level))
            ev = ctx.evidence(sentence, pstart, pend, name)
            yield Entity("person", pref.key, person, ev, (person,))
            ctx.persons.setdefault(person, pref)
            for org, phrase in orgs:
                surface = text[phrase.start:phrase.end]
                post = _post(org, phrase, surface)
                if post is None or org is None:
                    continue
                yield org_entity(org, phrase.prefix or org.label, ev)
                yield Tenure(pref, post, ev)


SPEECH_VERBS = ("指出", "强调", "表示", "说", "主持", "出席", "参加", "讲话", "要求", "介绍", "调研", "一行")


@extractor("lg.person.v1", NAMES + 1)
def extract_persons(ctx: ArticleContext):
    """Bylines' authors, and names jieba tags as persons right before a speech or attendance verb
    (张三指出…). Names already known in the article are linked by string."""
    name = "lg.person.v1"
    for sentence in ctx.sentences:
        text = sentence.text
        if not any(v in text for v in SPEECH_VERBS):
            continue
        for word, tag, start in pos_tokens(text):
            end = start + len(word)
            if (tag in ("nr", "nrfg") and NAME_CHARS.match(word) and has_surname(word)
                    and text.startswith(SPEECH_VERBS, end) and word not in ctx.persons):
                pref = Ref("person", ctx.person_key(word, "unknown"))
                ctx.persons[word] = pref
                yield Entity("person", pref.key, word, ctx.evidence(sentence, start, end, name), (word,))
