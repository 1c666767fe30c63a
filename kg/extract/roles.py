"""Who chaired, attended and spoke: one engine applying the role rules of ``data/rules/roles.tsv``.

A sentence is read clause by clause (clauses end at ，；。：). A clause that ends with a rule's verb
phrase (出席会议, 主持, 在主席台就座, 陪同) gives the people named before the phrase the rule's
roles at the event the sentence reports (the one it names, else the article's own); a clause of
names alone (甲、乙等区领导) shares the verb of the clause after it. A clause that opens with a
person and a speech verb (甲强调) makes that person a speaker. Each fact records its rule id.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from functools import cache

from kg.extract import extractor
from kg.extract.context import ArticleContext
from kg.extract.discourse import reported_sentences
from kg.extract.lists import name_list_before
from kg.model import Entity, Ref, Relation, Sentence
from kg.nlp.segment import pos_tokens
from kg.nlp.vocabulary import ROLE_RE
from kg.resources import rule_table

NAME = "lg.roles.v1"
ROLES = frozenset({"chair", "attendee", "speaker", "signatory"})  # relation predicates the rules may give
# a clause of names alone: it ends with a name, or with the group the names belong to
GROUP_END = re.compile(r"(?:等|等人|等同志)?[\u4e00-\u9fff]{0,14}?(?:领导|负责人|负责同志|同志|代表|委员|成员|干部)$")
CLAUSE = re.compile(r"[^，；。：！？]+")


@dataclass(frozen=True)
class RoleRule:
    id: str
    roles: tuple[str, ...]  # () gives nobody a role
    at: str  # end | start | whole
    events: frozenset[str] | None  # the event types it applies to; None for every type
    pattern: re.Pattern

    def applies_to(self, event_type: str | None) -> bool:
        return self.events is None or (event_type or "Event") in self.events


@cache
def role_rules() -> tuple[RoleRule, ...]:
    rules = []
    for rule_id, roles, at, events, pattern in rule_table("roles.tsv", 5):
        wanted = () if roles == "-" else tuple(roles.split("+"))
        if not set(wanted) <= ROLES or at not in ("end", "start", "whole", "inside"):
            raise ValueError(f"roles.tsv: rule {rule_id!r} has roles {roles!r} or position {at!r} unknown")
        anchored = {"end": f"(?:{pattern})$", "start": f"(?:{pattern})", "whole": f"^(?:{pattern})$",
                    "inside": f"(?:{pattern})"}[at]
        kinds = None if events == "*" else frozenset(events.split("+"))
        rules.append(RoleRule(rule_id, wanted, at, kinds, re.compile(anchored)))
    return tuple(rules)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    person: Ref


# events counted, none named: 出席一系列重要会议, 历次全会, 多场活动
_EVENTS_COUNTED = re.compile(r"一系列|历次|(?:多|数|几)(?:场|次)(?:[^，。；]{0,8}?)(?:会议?|活动|论坛)")
# a person whose envoy acts: 甲主席特别代表, 甲主席特使, 甲的特使
_ENVOY_OF = re.compile(r"(?:总书记|主席|总统|总理|国王|首相)?(?:的)?(?:特别代表|特使)")


def mentions(ctx: ArticleContext, text: str, start: int, end: int) -> list[Mention]:
    """The known people named between *start* and *end*, longest names first, none overlapping."""
    out: list[Mention] = []
    taken: set[int] = set()
    for name in sorted(ctx.persons, key=len, reverse=True):
        for m in re.finditer(re.escape(name), text[start:end]):
            span = range(start + m.start(), start + m.end())
            if _ENVOY_OF.match(text, span.stop):
                continue  # 作为甲主席特别代表出席: 甲 sent someone, he is not there
            if taken.isdisjoint(span):
                taken.update(span)
                out.append(Mention(span.start, span.stop, ctx.persons[name]))
    return sorted(out, key=lambda x: x.start)


# where what the people before it spoke or acted on starts (围绕…作了发言, 结合学习…谈体会)
_TOPIC = re.compile(r"围绕|结合|就(?=[^，。；]{2,}?(?:发言|讲话|谈|作))|关于|学习贯彻")
# what, before a list of people, makes them those someone acted on (jieba calls 会见 a noun)
_ACTED_ON = re.compile(r"会见|会晤|会谈|接见|看望|慰问|拜会|拜访|宴请|表彰|^(?:分别|并|还|先后)?[向为同对给]")


def _names_alone(clause: str, found: list[Mention], offset: int) -> bool:
    """A clause that only names people (甲、乙, 区人大常委会主任甲、区政协主席乙等区四套班子领导)."""
    head = clause[:found[0].start - offset]
    if _ACTED_ON.search(head):  # (not any verb: 合作 and 组织 in 上海合作组织成员国某国总统甲 are none)
        return False  # 分别会见甲、乙: whom someone met, not a list of those who did what follows
    tail = clause[found[-1].end - offset:]
    return re.fullmatch(r"(?:等|同志|等同志)?", tail) is not None or bool(GROUP_END.search(clause))


# a clause listing the bodies whose heads are there too (及各乡镇政府、县政府各部门、省州驻县各单位)
_BODIES_LISTED = re.compile(r"^[^，。；]{0,8}?(?:及|和|以及)?(?:各|有关|相关)[^，。；]{1,60}(?:单位|部门|政府|机关)$")


def _has_verb(clause: str) -> bool:
    return any(tag.startswith("v") for _, tag, _ in pos_tokens(clause))


def events_of(ctx: ArticleContext, sentence: Sentence) -> list[Ref]:
    """The events a sentence is about: the ones it reports (a joint session reports two), else one
    it names that the article reports elsewhere, else the article's own and the ones reported
    with it."""
    here = [e.ref for e in ctx.entities.values()
            if e.kind == "event" and e.attr("reported_in") and e.evidence.sentence_index == sentence.index]
    # 甲在座谈会上强调: a sentence that names another event the article reports is about that one
    named = [e.ref for e in ctx.entities.values() if e.kind == "event" and e.attr("reported_in")
             and e.ref != ctx.main_event and e.label in sentence.text]
    if not here and not named and _JOINED_THE_MEETING.search(sentence.text):
        return _last_talks(ctx, sentence)
    return here or named or _meeting_before(ctx, sentence) or _forum_on_the_visit(ctx, sentence) or joint_events(ctx)


# 甲、乙等参加会见: the 会见 (会晤, 会谈: one meeting, whichever word the report uses) reported
# before, not the article's main event (an opening ceremony the guest came for)
_TALKS = "会见|会谈|会晤"
_JOINED_THE_MEETING = re.compile(rf"(?:参加|出席|陪同|参与)(?:了)?(?:{_TALKS})(?=[，。；]|$)")


def _last_talks(ctx: ArticleContext, sentence: Sentence) -> list[Ref]:
    before = [e for e in ctx.entities.values() if e.kind == "event" and e.attr("reported_in")
              and re.search(_TALKS, e.label) and e.evidence.sentence_index <= sentence.index]
    last = max(before, key=lambda e: e.evidence.sentence_index, default=None)
    return [last.ref] if last is not None else []


def _meeting_before(ctx: ArticleContext, sentence: Sentence) -> list[Ref]:
    """会上，甲…: a sentence opening with 会上 is about the last meeting reported before it (a
    forum held on a visit), when that is not the article's own event."""
    if not sentence.text.startswith(("会上", "座谈会上", "会议上")):
        return []
    before = [e for e in ctx.entities.values() if e.kind == "event" and e.attr("reported_in")
              and e.attr("type") == "Meeting" and e.evidence.sentence_index < sentence.index]
    last = max(before, key=lambda e: e.evidence.sentence_index, default=None)
    return [last.ref] if last is not None and last.ref != ctx.main_event else []


def _forum_on_the_visit(ctx: ArticleContext, sentence: Sentence) -> list[Ref]:
    """A visit, then a forum on it (在随后召开的座谈会上，甲汇报…): what is said after the forum is
    reported is said at the forum, until another event is reported. Only when the article's own
    event is a visit (a meeting's or a ceremony's report goes on about it), and not for those who
    joined the visit (甲、乙参加调研)."""
    main = _the_visit(ctx)
    if main is None or _JOINED_A_VISIT.search(sentence.text):
        return []  # 甲、乙参加调研: the visit
    before = [e for e in ctx.entities.values() if e.kind == "event" and e.attr("reported_in")
              and main.evidence.sentence_index < e.evidence.sentence_index < sentence.index]
    last = max(before, key=lambda e: e.evidence.sentence_index, default=None)
    return [last.ref] if last is not None and last.attr("type") == "Meeting" else []


def _the_visit(ctx: ArticleContext) -> Entity | None:
    """The article's own event when it is a visit (lg:Inspection)."""
    main = ctx.entities.get(ctx.main_event) if ctx.main_event else None
    return main if main is not None and main.attr("type") == "Inspection" else None


def _held_on_the_visit(ctx: ArticleContext, event: Ref, sentence: Sentence) -> bool:
    """*event* is a meeting held on the article's visit, reported in *sentence* or before it."""
    main, held = _the_visit(ctx), ctx.entities[event]
    return (main is not None and event != main.ref and held.attr("type") == "Meeting"
            and main.evidence.sentence_index < held.evidence.sentence_index <= sentence.index)


def joint_events(ctx: ArticleContext) -> list[Ref]:
    """The article's own event and the events reported in the same sentence (a joint session)."""
    if ctx.main_event is None:
        return []
    at = ctx.entities[ctx.main_event].evidence.sentence_index
    return [ctx.main_event] + [e.ref for e in ctx.entities.values() if e.kind == "event" and e.attr("reported_in")
                               and e.evidence.sentence_index == at and e.ref != ctx.main_event]


def _speaks_at(ctx: ArticleContext, event: Ref, person: Ref, sentence: Sentence) -> bool:
    """Whose words a sentence gives spoke at the article's event when they had a part in it already
    (several delegations, several speakers), or when the article reports that one event only,
    unless the words are not of that event (_said_elsewhere)."""
    if _another_brief(ctx, event, sentence):
        return False
    if any(r.subject == event and r.object == person for r in ctx.relations.values()):
        return True
    if _held_on_the_visit(ctx, event, sentence):
        return not _said_elsewhere(ctx, person, sentence)  # 座谈会上，甲汇报…; 乙强调…
    reported = [e for e in ctx.entities.values() if e.kind == "event" and e.attr("reported_in")]
    return len(reported) <= 1 and not _said_elsewhere(ctx, person, sentence)


# a digest of briefs: each item its own story (国际快讯, 要闻简讯)
_DIGEST_TITLE = re.compile(r"快讯|简讯|速览|一览|综述")


def _titles(ctx: ArticleContext) -> list[str]:
    return [ctx.article.title or ""] + [s.text for s in ctx.sentences if s.kind == "title"]


def _digest(ctx: ArticleContext) -> bool:
    return any(_DIGEST_TITLE.search(t) for t in _titles(ctx))


def _another_brief(ctx: ArticleContext, event: Ref, sentence: Sentence) -> bool:
    """In a digest of briefs, a paragraph other than the event's is another story."""
    at = ctx.entities[event].evidence.sentence_index
    paragraph = next((s.paragraph for s in ctx.sentences if s.index == at), sentence.paragraph)
    return paragraph != sentence.paragraph and _digest(ctx)


def _said_elsewhere(ctx: ArticleContext, person: Ref, sentence: Sentence) -> bool:
    """The words come from a media report (据某媒体报道，甲表示), from one item of a digest of briefs,
    or from instructions the person gave (甲作出重要指示…甲强调): not a speech at the event."""
    if sentence.text.startswith("据") and "报道" in sentence.text:
        return True
    if _digest(ctx):
        return True
    name = re.escape(ctx.entities[person].label)
    # …or a letter he sent: 甲致信祝贺某论坛开幕…甲强调 (the letter's words, not a speech there)
    gave = re.compile(rf"{name}[^。；]{{0,40}}?(?:(?:作出|做出|作)[^。；]{{0,8}}?(?:指示|批示)"
                      rf"|致信|致贺信|发来贺信|致贺电|回信)")
    return any(gave.search(t) for t in _titles(ctx) + [s.text for s in ctx.sentences])


def _first_rule(clause: str, event_type: str | None) -> tuple[RoleRule, re.Match] | None:
    """The first rule for events of *event_type* whose phrase closes (or is) *clause*."""
    for rule in role_rules():
        m = rule.pattern.search(clause) if rule.at != "start" and rule.applies_to(event_type) else None
        if m is not None:
            return rule, m
    return None


# titles after a name by which a speech quotes a leader (习近平总书记强调…, 李强总理指出…): his words
# quoted there, not a speech at the event reported
_QUOTED_LEADERS = frozenset({"总书记", "主席", "总理", "委员长", "副主席", "副总理"})


def _speaker_opening(ctx: ArticleContext, clause: str, offset: int) -> tuple[RoleRule, list[Mention]] | None:
    """甲强调 / 区委书记甲在讲话中指出 / 甲、乙分别介绍了…: the people named first, when a start rule
    follows their names."""
    found = mentions(ctx, clause, 0, len(clause))
    if not found or re.search(r"[在对向给把和与同]", clause[: found[0].start]):
        return None
    people, after = [found[0]], found[0].end
    for more in found[1:]:  # 甲、乙分别介绍了…: each of them
        if not re.fullmatch(r"[、和与及]", clause[after:more.start]):
            break
        people, after = people + [more], more.end
    if len(people) > 1:
        after += len(re.match(r"(?:分别|先后|也|都|还)?", clause[after:]).group(0))
    elif (title := ROLE_RE.match(clause, after)) is not None and title.group(0) not in _QUOTED_LEADERS:
        after = title.end()  # 甲委员通报了…, 甲书记强调: the title written after the name
    for rule in role_rules():
        if rule.at == "start" and rule.pattern.match(clause, after):
            return rule, [Mention(p.start + offset, p.end + offset, p.person) for p in people]
    return None


def sentence_roles(ctx: ArticleContext, sentence: Sentence, event: Ref,
                   carried: list[Mention] | None = None) -> Generator[Relation, None, list[Mention]]:
    """The role facts one sentence gives at *event*; returns the people it names alone at its end
    (甲；乙、丙出席: a list that runs on over a semicolon), *carried* being those of the sentence
    before."""
    text = sentence.text
    pending: list[Mention] = list(carried or ())
    for c in CLAUSE.finditer(text):
        clause, offset = c.group(0), c.start()
        hit = _first_rule(clause, ctx.entities[event].attr("type"))
        if hit is None:
            if (opening := _speaker_opening(ctx, clause, offset)) is not None:
                # 甲，乙，丙分别领学: the names alone before share the verb (each checked as the opener is)
                for who in opening[1] + pending:
                    yield from _opening_facts(ctx, sentence, event, (opening[0], who), c)
                pending = []
                continue
            found = mentions(ctx, text, offset, c.end())
            if found and _names_alone(clause, found, offset):
                pending = pending + found
            elif found or _has_verb(clause) and not _BODIES_LISTED.search(clause) and not GROUP_END.search(clause):
                pending = []  # 县人大常委会副县级干部某某 (no one known, no verb) keeps the list going, and
                # so does a clause of the bodies invited (及各乡镇政府、省州驻县各单位) or of the groups
                # there (各部门、各社区负责人)
            continue
        rule, m = hit
        if _EVENTS_COUNTED.search(clause):  # 甲出席一系列重要会议并讲话: at none of them in particular
            pending = []
            continue
        if rule.at == "inside":  # 会议听取了甲的工作汇报: the people the phrase names
            yield from _facts(ctx, sentence, event, rule, mentions(ctx, text, offset + m.start(), offset + m.end()), c)
            pending = []
            continue
        if rule.roles and not rule.roles == ("speaker",):  # 韩正、孙春兰、胡春华出席: names known or not
            yield from name_list_before(ctx, sentence, offset + m.start(), NAME)
        # 甲、乙围绕学习贯彻丙的讲话精神作了发言: 丙 is what they spoke about, not a speaker
        topic = _TOPIC.search(clause, 0, m.start())
        end = offset + (topic.start() if topic else m.start())
        who = [] if not rule.roles else mentions(ctx, text, offset, end) + pending
        pending = []
        yield from _facts(ctx, sentence, event, rule, who, c)
    return pending


# a clause that only names the meeting the sentence is about (座谈会上，甲…)
_AT_THE_MEETING = frozenset({"会上", "会议上", "座谈会上", "在座谈会上", "在会上"})


def _opening_clause(text: str) -> re.Match | None:
    """The clause a sentence of reported words opens with, after a frame naming where (座谈会上，)."""
    first = CLAUSE.match(text)
    if first is not None and first.group(0) in _AT_THE_MEETING:
        return CLAUSE.search(text, first.end())
    return first


def _opening_facts(ctx, sentence, event, opening: tuple[RoleRule, Mention], clause: re.Match):
    """The speaker a clause opens with, when he speaks at *event* (_speaks_at)."""
    rule, who = opening
    if _speaks_at(ctx, event, who.person, sentence) or ctx.entities[event].label in clause.group(0):  # 甲在座谈会上强调
        yield from _facts(ctx, sentence, event, rule, [who], clause)


# 甲、乙参加调研: the visit, not a meeting held on it
_JOINED_A_VISIT = re.compile(r"(?:出席|参加|陪同)了?(?:调研|考察|视察|检查|督导)(?:活动)?(?=[，。；]|$)")


def _facts(ctx, sentence, event, rule: RoleRule, who: list[Mention], clause: re.Match) -> Iterator[Relation]:
    etype = ctx.entities[event].attr("type")
    if not rule.applies_to(etype) or etype != "Inspection" and _JOINED_A_VISIT.search(clause.group(0)):
        return
    ev = ctx.evidence(sentence, clause.start(), clause.end(), f"{NAME}:{rule.id}")
    # who speaks at a forum held on a visit is there (at a meeting of its own, the chair may speak
    # for an absent one: 受甲委托)
    present = "speaker" in rule.roles and "attendee" not in rule.roles and _held_on_the_visit(ctx, event, sentence)
    for mention in who:
        for role in rule.roles + (("attendee",) if present else ()):
            yield Relation(event, role, mention.person, ev)


@extractor(NAME, requires=("persons", "events", "story", "participation"), assigns=("participation",))
def extract_roles(ctx: ArticleContext):
    """Roles at the events of the article, from the clauses of its narrative sentences (also when
    no titled person is known yet: 甲、乙、丙等县领导出席 names its people itself)."""
    if not any(e.kind == "event" for e in ctx.entities.values()):
        return
    reported = reported_sentences(ctx.sentences)
    running_on: dict[Ref, list[Mention]] = {}  # names alone at the end of the sentence before
    for sentence in ctx.sentences:
        carried, running_on = running_on, {}
        for event in events_of(ctx, sentence) if sentence.kind == "body" else ():
            if sentence.index not in reported:
                left = yield from sentence_roles(ctx, sentence, event, carried.get(event))
                if sentence.text.endswith("；") and left:
                    running_on[event] = left
            elif (first := _opening_clause(sentence.text)) and (opening := _speaker_opening(ctx, first.group(0),
                                                                                          first.start())):
                for who in opening[1]:  # 甲强调，“…”; 座谈会上，甲、乙分别介绍了…
                    yield from _opening_facts(ctx, sentence, event, (opening[0], who), first)
