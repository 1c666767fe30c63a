"""Relays: the meetings and speeches whose 精神 an event relayed or studied.

``会议传达学习了甲会议精神、乙在丙大会上的重要讲话精神和丁、戊主要精神，研究了…``: after a relay
verb come items, each closed by 精神 and joined by 、，和及 (a list may run over commas, as pages
with half-width punctuation write it). What each item stands for (a meeting, the meeting a
speech was given at, the occasion of a speech, or nothing) is said by data/rules/relays.tsv; an
item no rule claims is a list of meetings. An event relayed and not yet known is made here, as a
meeting referred to. Who relays: the article's meeting (会议/会上 opening the clause, or a person
named there), and in a speech at it, what the meeting is to study (要深入学习贯彻…精神).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract import extractor
from kg.extract.context import ArticleContext
from kg.extract.discourse import reported_sentences
from kg.extract.meetings import (
    LEADING_DAY,
    LISTED_PLENUMS,
    MEETING_WORDS,
    MW,
    NAMED_SESSION,
    SPEAKER_BEFORE,
    Meetings,
    listed_plenums,
)
from kg.extract.roles import joint_events
from kg.model import Ref, Relation, Sentence
from kg.nlp.segment import pos_tokens
from kg.resources import rule_table

NAME = "lg.relay.v1"
RULES = tuple((rule_id, gives, re.compile(pattern)) for rule_id, gives, pattern in rule_table("relays.tsv", 3))
_RELAY_VERBS = "传达学习|学习贯彻|传达贯彻|学习传达|学习领会|传达|领学|学习|宣讲"  # longer first; 领学: leads the study
VERB = re.compile(rf"(?:分别|先后|依次)?(?:深入|认真|集中|专题|及时)?(?:{_RELAY_VERBS})了?")
# a verb opening an item (传达学习了甲精神和贯彻落实乙精神): not part of what is relayed
ITEM_VERB = re.compile(rf"(?:深入|认真|全面)?(?:贯彻落实|{_RELAY_VERBS}|贯彻|落实|领会)了?")
# in a speech at the meeting, what the meeting is to study: (某某)要深入学习贯彻…精神
SPEECH_RELAY = re.compile(r"^[^“”]{0,12}?要(?:深入|认真|全面)*(?=学习贯彻|学习领会)")
# 精神 closes an item when a separator, a conjunction or the end follows (not 二十大精神研讨班)
ITEM_END = re.compile(r"精神(?=[、，；。和及与等]|以及|$)")
CONNECTORS = re.compile(r"^(?:[、，；和及与]|以及|并|还|了)+")
# the item's own words before 精神 that name no part of the event (主要精神, 会议精神 of 某推进会)
TRAILING = re.compile(r"(?:的(?:主要|重要)?会议|(?:的)?(?:主要|重要|有关|相关)?)$")  # 市“两会”的会议精神
SESSION = re.compile(r"(?:党的)?[一二三四五六七八九十]{1,3}大")  # 党的二十大
MEETING_END = re.compile(rf"^.*{MW}")  # the longest start of a text that ends with a meeting word
MAX_ITEM = 160  # characters from one 精神 to the next: a long list of meetings runs over 100


def relay_items(text: str, pos: int) -> list[tuple[int, int, str]]:
    """The items relayed after a relay verb ending at *pos*: (start, end, text before 精神). The
    list ends at the end of the sentence, at a semicolon, or where a clause after a comma starts
    with a verb (…精神，研究部署了…)."""
    clause = re.match(r"[^，。；]*", text[pos:]).group(0)
    rest = re.match(r"[^。；]*", text[pos:]).group(0)
    if not ITEM_END.search(rest) and (named := _meeting_alone(clause)) is not None:
        start = pos + len(clause) - len(named)
        return [(start, pos + len(clause), named)]  # 传达学习了全市某某工作会议，研究…: the meeting itself
    out = []
    for m in ITEM_END.finditer(text, pos):
        raw = text[pos:m.start()]
        lead = CONNECTORS.match(raw)
        start = pos + (lead.end() if lead else 0)
        if len(raw) > MAX_ITEM or _new_clause(text, pos, m.start()):
            break
        if (verb := ITEM_VERB.match(text, start)) is not None:
            start = verb.end()  # 传达学习了甲精神和学习贯彻乙精神; 贯彻落实丙精神
        start = _list_start(text, start, m.start())
        out.append((start, m.start(), text[start:m.start()].replace("，", "、")))
        pos = m.end()
    return out


def _meeting_alone(clause: str) -> str | None:
    """The meeting a relay verb's clause names with no 精神 after it (传达学习了全市某某工作会议),
    that clause being only the meeting's name."""
    m = re.fullmatch(rf"(?:了)?(?P<ev>[^，。；、]{{2,60}}?{MW})", clause)
    return m["ev"] if m and m["ev"] not in MEETING_WORDS else None


def _list_start(text: str, start: int, end: int) -> int:
    """Where the item ending at *end* starts: after the last comma that closes something other
    than a meeting (传达学习了有关文件，某某调研某工作座谈会议精神: the item is the second)."""
    for comma in range(end - 1, start - 1, -1):
        if text[comma] == "，" and not text[start:comma].endswith(tuple(MEETING_WORDS)):
            return comma + 1
    return start


def _new_clause(text: str, start: int, end: int) -> bool:
    """A clause after a comma or a semicolon between *start* and *end* opens with a verb other than
    a relay verb (…精神，研究部署了…; …精神；审议了…): the list of items has ended. (A list of
    items may run over semicolons: 传达学习甲会议精神；乙在丙会上的讲话精神.)"""
    return any(not _item_continues(text, i + 1) for i in range(start, end) if text[i] in "，；")


def _item_continues(text: str, at: int) -> bool:
    """The clause at *at* goes on with the list: it names a meeting or something whose 精神 is
    relayed (省经济工作例会，…), or opens with no verb, or with a relay verb."""
    clause = re.match(r"[^，；。]*", text[at:]).group(0)
    if "精神" in clause or clause.endswith(tuple(MEETING_WORDS)):
        return True
    first = next(((w, t) for w, t, s in pos_tokens(text) if s == at), None)
    return first is None or not first[1].startswith("v") or VERB.match(text, at) is not None


def relayed(item: str) -> list[tuple[str, str]]:
    """What one item stands for: (label, rule id) for each event, none for an instruction or a
    vague reference."""
    item = LISTED_PLENUMS.sub(lambda m: "、".join(listed_plenums(m.group(0))), TRAILING.sub("", item))
    titled = ["《" in p for p in _pieces(item)]
    # 甲在某会议上的讲话、《某通知》等文件: a document listed beside a speech is no part of it
    if not (any(titled) and not all(titled)) and (whole := _by_rule(item)) is not None:
        return whole
    out = []
    for piece in _distributed(_pieces(item)):  # 甲会议、乙会议; 某某在甲会上的讲话和全会; 给甲的回信、致乙的贺信
        if (by_rule := _by_rule(piece)) is not None:
            out += by_rule
        else:
            out += [(label, "meetings") for label in meetings_in(piece)]
    return out


def meetings_in(text: str) -> list[str]:
    """The meetings *text* names: each piece of a list (甲会议、乙会议; 二十届二中、三中全会) that is
    a meeting's name (ends with a meeting word, or a numbered session: 党的二十大), cut after its
    meeting word (省委常委会会议听取汇报: 省委常委会会议); a bare 全会 or 会议 names none."""
    out = []
    for piece in _distributed(_pieces(text)):  # (lists of plenums are spelt out by relayed)
        piece = piece[m.end():] if (m := LEADING_DAY.match(piece)) else piece  # 2月21日某会议
        if piece in MEETING_WORDS:
            continue  # 讲话和全会精神: the meeting named before
        if SESSION.fullmatch(piece) or NAMED_SESSION.fullmatch(piece):
            out.append(piece)
        elif (m := MEETING_END.search(piece)) is not None and m.end() > 2:
            closes = piece.startswith("”", m.end()) and piece.count("“", 0, m.end()) > piece.count("”", 0, m.end())
            end = m.end() + closes
            named = re.sub(r"^[^“”]*在(?=[^在]{2,}$)", "", piece[:end])  # 某某在某峰会: the 峰会; 自治区“两会”
            named = SPEAKER_BEFORE.sub("", named)  # 某某总书记全国两会期间的讲话: the 两会
            out.append(_without_repeated_word(named))
    return out


LEVEL_CHARS = "省市县区州镇乡"


def _distributed(pieces: list[str]) -> list[str]:
    """Pieces that share the name after them: 省委、市委经济工作会议 -> 省委经济工作会议, 市委经济工作会议;
    省第十二次、市第十二次党代会 -> 省第十二次党代会, 市第十二次党代会. A piece shares the next one's
    name when it is that piece's start with another level (省 for 市) and names no meeting itself."""
    out = list(pieces)
    for i in range(len(out) - 2, -1, -1):
        piece, after = out[i], out[i + 1]
        if (piece and after and piece[0] in LEVEL_CHARS and after[0] in LEVEL_CHARS and piece[0] != after[0]
                and len(piece) < len(after) and piece[1:] == after[1:len(piece)]
                and not MEETING_END.search(piece)):
            out[i] = piece + after[len(piece):]
    return out


def _pieces(item: str) -> list[str]:
    """*item* cut at 、和及 outside quotation marks and titles (“腾笼换鸟、凤凰涅槃”攻坚行动现场会 is
    one, and so is 《关于甲和乙的意见》)."""
    out, depth, start = [], 0, 0
    for m in re.finditer(r"[“”《》]|、|和|及|以及", item):
        if m.group(0) in "“”《》":
            depth += 1 if m.group(0) in "“《" else -1
        elif depth <= 0:
            out.append(item[start:m.start()])
            start = m.end()
    return [p for p in out + [item[start:]] if p]


def _by_rule(item: str) -> list[tuple[str, str]] | None:
    """The event the first matching rule finds in *item* ([] for none); None when no rule does."""
    for rule_id, gives, pattern in RULES:
        if (m := pattern.search(item)) is not None:
            if gives == "none":
                return []
            if gives == "whole":  # 在某地考察时的讲话 shared with a speaker before: 某地考察时的讲话
                return [(item.removeprefix("在"), rule_id)]
            # 在甲大会、乙会议上的讲话: each meeting; 在主持某会议时
            event = re.sub(r"^(?:主持|出席|参加)", "", m["event"])
            if not all(meetings_in(piece) for piece in _pieces(event)):
                # 在学习贯彻某思想和某精神研讨班上: 和 inside one name, not between two meetings
                whole = MEETING_END.search(event)
                return [(_without_repeated_word(whole.group(0)) if whole else event, rule_id)]
            return [(label, rule_id) for label in meetings_in(event) or [event]]
    return None


def _without_repeated_word(label: str) -> str:
    """某推进会会议 (the 会议 of a 推进会): the meeting's name."""
    if label.endswith("会议") and label[:-2].endswith(tuple(w for w in MEETING_WORDS if w.endswith("会"))):
        return label[:-2]
    return label


def _relay_positions(ctx: ArticleContext, sentence, in_speech: bool, main_sentence: int) -> Iterator[int]:
    """Where the relay verbs of *sentence* end, for relays by the article's meeting."""
    text = sentence.text
    for clause in re.finditer(r"[^，。；]+", text):
        part = clause.group(0)
        at = _subject_end(ctx, part, in_speech)
        if at is None and clause.start() > 0 and (sentence.index == main_sentence or re.match(r"^(?:会议|会上)", text)):
            at = 0  # 某党组召开会议，传达学习…精神; 会议以…形式，深入学习…精神: the clause goes on
        elif at is None and clause.start() == 0 and _goes_on(ctx, sentence):
            at = 0  # 会议深入学习…精神；传达学习…精神: the sentence before, cut at its semicolon
            if ctx.sentences[sentence.index - 1].text.endswith("精神；") and ITEM_END.search(text):
                yield 0  # 会议传达学习甲会议精神；乙在丙会上的讲话精神: the list goes on
                continue
        verb = VERB.match(part, at) if at is not None else None
        if verb is not None and ("精神" in text[clause.start() + verb.end():]
                                 or _meeting_alone(part[verb.end():]) is not None):
            yield clause.start() + verb.end()


def _goes_on(ctx: ArticleContext, sentence) -> bool:
    """*sentence* goes on from the one before it, cut at a semicolon, whose subject is the meeting."""
    index = sentence.index
    while index > 0:  # back over the pieces of one sentence cut at its semicolons
        before = ctx.sentences[index - 1]
        if before.paragraph != sentence.paragraph or not before.text.endswith("；"):
            return False
        if re.match(r"^(?:会议|会上)", before.text) is not None:
            return True
        index -= 1
    return False


def _subject_end(ctx: ArticleContext, clause: str, in_speech: bool) -> int | None:
    """Where who relays ends at the start of *clause*: 会议/会上, a person named there, or in a
    speech at the meeting, 要深入… before the verb; None when the clause opens otherwise."""
    if in_speech:
        m = SPEECH_RELAY.search(clause)
        return m.end() if m else None
    attendees = r"(?:全体)?与会(?:人员|同志|者)|参会(?:人员|同志)"  # 与会人员集中学习了…精神
    if (m := re.match(rf"^(?:会议|会上|会前|会后|{attendees})还?", clause)) is not None and VERB.match(clause, m.end()):
        return m.end()
    return _relaying_person(ctx, clause) or (m.end() if m else None)  # 会议首先由主席甲传达…


def _relaying_person(ctx: ArticleContext, clause: str) -> int | None:
    """区人大常委会副主任甲传达学习了…精神: where a person named (with titles) at the start of the
    clause, right before the relay verb, ends."""
    for name in sorted(ctx.persons, key=len, reverse=True):
        at = clause.find(name)
        if 0 <= at <= (24 if "由" in clause[:at] else 16) and VERB.match(clause, at + len(name)):
            return at + len(name)
    return None


# what a lecture is about: 宣讲党的二十大精神; a lecture group named by it, 学习贯彻某全会精神宣讲团
LECTURE_ON = re.compile(r"宣讲(?:了|好)?(?=[^，。；]{2,60}?精神)")
LECTURE_GROUP = re.compile(r"(?:学习宣传贯彻|学习贯彻|宣传贯彻)(?P<item>[^，。；“”]{2,40}?)精神[^，。；]{0,12}?宣讲")


def lectured(ctx: ArticleContext) -> Iterator[tuple[object, int, int, str]]:
    """What the article's lectures are about: (sentence, start, end, item) for each item lectured
    on (宣讲党的二十大精神) or naming the lecture group (学习贯彻党的二十大精神中央宣讲团)."""
    for sentence in ctx.sentences:
        for m in LECTURE_ON.finditer(sentence.text):
            for start, end, item in relay_items(sentence.text, m.end())[:4]:
                yield sentence, start, end, item
        for m in LECTURE_GROUP.finditer(sentence.text):
            yield sentence, m.start("item"), m.end("item"), m["item"]


def _relayed_event(known: dict[str, Ref], meetings: Meetings, sentence, start: int, end: int,
                   label: str) -> tuple[list, Ref]:
    """The event an item between *start* and *end* names: one known by *label*, or one made here as
    a meeting referred to (returned with its records, and known from then on)."""
    if (ref := known.get(label)) is not None:
        return [], ref
    at = sentence.text.find(label, start, end)
    span = (at, at + len(label)) if at >= 0 else (start, end)
    records = meetings.event(sentence, *span, label, False)
    known[label] = records[0].ref
    return records, records[0].ref


def _lecture_relays(ctx: ArticleContext, known: dict[str, Ref], meetings: Meetings):
    """A lecture (宣讲报告, 到某镇宣讲) relays what it lectures on: what its own sentence says it
    lectures on, or else what the article says its lectures are about where it reports no lecture
    (the lecture group's name, 宣讲某精神 in the lead)."""
    lectures = [e for e in ctx.entities.values() if e.kind == "event" and e.attr("reported_in")
                and "宣讲" in e.label + "".join(e.aliases)]
    if not lectures:
        return
    items = list(lectured(ctx))
    lecturing = {e.evidence.sentence_index for e in lectures}
    shared = [i for i in items if i[0].index not in lecturing]  # 学习贯彻某精神宣讲团成员分别在各地宣讲
    for lecture in lectures:
        own = [i for i in items if i[0].index == lecture.evidence.sentence_index]
        for sentence, start, end, item in own or shared:
            for label, _ in relayed(item):
                records, target = _relayed_event(known, meetings, sentence, start, end, label)
                yield from records
                if target != lecture.ref:
                    yield Relation(lecture.ref, "relays", target, ctx.evidence(sentence, start, end, f"{NAME}:lecture"))


@extractor(NAME, requires=("persons", "events", "story"), assigns=("referenced", "details"))
def extract_relays(ctx: ArticleContext):
    """会议传达学习A精神、B精神 / 会上还传达学习了C精神 (narrative, and the meeting's speeches);
    宣讲报告 relaying what is lectured on."""
    known: dict[str, Ref] = {}
    for e in ctx.entities.values():
        if e.kind == "event":
            for alias in e.aliases + (e.label,):
                known.setdefault(alias, e.ref)
    meetings = Meetings(ctx, NAME)
    yield from _lecture_relays(ctx, known, meetings)
    if ctx.main_event is None:
        return
    yield from _named_relays(ctx, known, meetings)
    reported = reported_sentences(ctx.sentences)
    main_sentence = ctx.entities[ctx.main_event].evidence.sentence_index
    is_meeting = ctx.entities[ctx.main_event].attr("type") == "Meeting"
    for sentence in ctx.sentences:
        in_speech = sentence.index in reported
        if in_speech and not is_meeting:
            continue
        for pos in _relay_positions(ctx, sentence, in_speech, main_sentence):
            for start, end, item in relay_items(sentence.text, pos):
                for label, rule_id in relayed(item):
                    records, target = _relayed_event(known, meetings, sentence, start, end, label)
                    yield from records
                    ev = ctx.evidence(sentence, start, end, f"{NAME}:{rule_id}")
                    for event in relaying_events(ctx, sentence):
                        if target != event:
                            yield Relation(event, "relays", target, ev)


# a meeting named after what it relays: 传达学习区两会精神专题会议, 学习贯彻省委全会精神座谈会
_NAMED_FOR = re.compile(r"(?:传达学习|学习贯彻|传达贯彻|学习传达)(?P<item>[^，。；]{2,40}?)精神")


def _named_relays(ctx: ArticleContext, known: dict[str, Ref], meetings: Meetings):
    """The items a reported meeting's own name says it relays (召开传达学习区两会精神专题会议)."""
    for e in [e for e in ctx.entities.values() if e.kind == "event" and e.attr("reported_in")
              and e.attr("type") == "Meeting"]:
        m = _NAMED_FOR.search(e.label)
        sentence = ctx.sentences[e.evidence.sentence_index]
        if m is None or (at := sentence.text.find(m["item"])) < 0:
            continue
        for label, rule_id in relayed(m["item"]):
            records, target = _relayed_event(known, meetings, sentence, at, at + len(m["item"]), label)
            yield from records
            if target != e.ref:
                ev = ctx.evidence(sentence, at, at + len(m["item"]), f"{NAME}:named-{rule_id}")
                yield Relation(e.ref, "relays", target, ev)


def relaying_events(ctx: ArticleContext, sentence: Sentence) -> list[Ref]:
    """The meetings a relay sentence is about: those reported in the last sentence that reports
    meetings, at or before it (又讯 5月29日，…召开…会议。会议传达…: the second report's meeting;
    both meetings of a joint session), else the article's own event."""
    reported = [e for e in ctx.entities.values() if e.kind == "event" and e.attr("reported_in")
                and e.attr("type") == "Meeting" and e.evidence.sentence_index <= sentence.index]
    last = max((e.evidence.sentence_index for e in reported), default=None)
    main = ctx.entities[ctx.main_event].evidence.sentence_index if ctx.main_event else None
    if last is None or main is None or last <= main:
        return joint_events(ctx)
    return [e.ref for e in reported if e.evidence.sentence_index == last]
