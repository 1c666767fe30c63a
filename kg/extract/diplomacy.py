"""Meetings between leaders: 甲在北京会见乙, 甲率队拜会乙, 甲以视频方式同乙举行会谈, 甲为乙举行欢迎仪式,
甲应邀访问某国，分别会见乙、丙. Each is an event (lg:Meeting) named after the two sides as written (甲会见某国总统乙),
dated from the sentence, with every side as attendee; it becomes the article's event when the
article reports no other, so 丙、丁参加 attend it. A visit (甲应邀访问某国, 甲对某国进行国事访问) is an
event too (lg:Inspection: a visit by officials to a place), with its visitor as attendee."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import extractor
from kg.extract.context import ArticleContext, StoryEvent
from kg.extract.discourse import reported_sentences
from kg.extract.inspections import WHEN
from kg.extract.meetings import Meetings
from kg.model import Relation
from kg.nlp.vocabulary import ROLE_RE

_CUES = ("会见", "会晤", "接见", "拜会", "拜访", "会谈", "通话", "举行", "访问", "座谈")  # the verbs of the patterns
# what a host holds for a guest: 为某某举行欢迎仪式
_HOSTED = "欢迎仪式|欢送仪式|欢迎宴会|欢迎午宴|欢迎晚宴|国宴|宴会|午宴|晚宴"
_PLACE = r"(?:还|也|又|随后)?(?:在[^，。；]{1,20}?)?(?:以视频方式|通过视频|以视频连线方式)?"


@lru_cache(maxsize=512)  # the same leaders recur across articles; compiling costs ~5 ms
def _patterns(names: frozenset[str]) -> tuple[re.Pattern, re.Pattern]:
    who = "|".join(map(re.escape, sorted(names, key=lambda n: (-len(n), n))))
    # the one who meets may open an earlier clause of the sentence: 甲应邀访问某国，分别会见乙、丙
    # …or lead a delegation that calls on someone: 甲率队在某地拜会乙
    meets = re.compile(rf"(?P<a>{who})(?:总书记|主席|总理)?{WHEN}(?:率队|带队|一行)?{_PLACE}"
                       rf"(?P<lead>[^。；]{{0,30}}?，)??"
                       rf"(?:分别|并|还|随后|期间)?(?(lead){_PLACE}(?:亲切)?)(?P<verb>会见|会晤|接见|拜会|拜访)(?!期间|时(?!任))(?P<rest>[^，。；]{{2,60}})")
    talks = re.compile(rf"(?P<a>{who})(?:总书记|主席|总理)?{WHEN}{_PLACE}(?:同|与)(?P<rest>[^，。；]{{2,40}}?)"
                       rf"(?:举行|进行)(?:视频)?(?P<verb>会谈|会晤|通话)")
    hosts = re.compile(rf"(?P<a>{who})(?:总书记|主席|总理)?{WHEN}{_PLACE}为(?P<rest>[^，。；]{{2,40}}?)"
                       rf"举行(?P<verb>{_HOSTED})")
    # 甲应邀访问某国, 甲对某国进行国事访问: the visit is an event of its own
    visits = re.compile(rf"(?P<a>{who})(?:总书记|主席|总理)?{WHEN}(?:应邀)?"
                        rf"(?:(?:出访|访问)(?P<to>[^，。；并“”的]{{2,12}}?)|对(?P<to2>[^，。；“”]{{2,12}}?)进行(?:国事|正式|友好|工作)*访问)(?=[，。；并]|$)")
    # 甲与乙一行座谈交流: a forum of the two sides, as a reception is
    confers = re.compile(rf"(?P<a>{who})(?:总书记|主席|总理)?{WHEN}{_PLACE}(?:同|与|和)(?P<rest>[^，。；]{{2,60}}?)"
                         rf"(?:一行)?(?:进行了?|举行了?)?(?P<verb>座谈)(?:交流)?(?=[，。；]|$)")
    return meets, talks, hosts, visits, confers


def _meeting_label(text: str, m: re.Match, who: str, b, meets: bool, hosts: bool) -> str:
    """甲会见越南总理乙, 甲为乙举行欢迎仪式, 甲同乙举行会谈: the other side as written, with the post
    before the name and without what comes before it in a list (、总理丙: 甲会见总理丙)."""
    at = text.find(b.label, m.start("rest"))
    side = text[m.start("rest"):at + len(b.label)] if at >= 0 else b.label
    side = re.split(r"的|、|了", side)[-1] or b.label  # 来华出席某论坛的越南总理范明政
    if meets:
        return f"{who}{m['verb']}{side}"
    return f"{who}为{side}举行{m['verb']}" if hosts else f"{who}同{side}举行{m['verb']}"


def _lead_before(ctx: ArticleContext, sentence, start: int):
    """The person named right before the titles of the one at *start*, a comma between
    (县委书记甲，县委副书记、县长乙与丙座谈): he leads the same side."""
    text = sentence.text
    titles = re.search(r"，(?:[\u4e00-\u9fff]{2,12}、)*[\u4e00-\u9fff]{2,12}$", text[:start])
    if titles is None or not ROLE_RE.search(titles.group(0)):
        return None
    name = next((n for n, r in ctx.persons.items() if text.endswith(n, 0, titles.start())), None)
    return ctx.persons[name] if name else None


def _last_named(text: str, persons) -> str | None:
    """The name of *persons* that *text* names last."""
    found = [(text.rfind(n), -len(n), n) for n in persons if n in text]
    return max(found)[2] if found else None


def _one_subject(lead: str, name: str) -> bool:
    """Whether *lead* (what follows the first name, up to the clause that meets) only adds a
    second person to the subject (，市委副书记、市长乙深入某园区调研，): no full stop, no verb
    between the first name and the second one's titles."""
    before = lead[:lead.rfind(name)]
    return before.startswith("，") and "，" not in before[1:] and len(before) <= 16


def _listed(text: str, others: list) -> list:
    """The people of a list (某国总统乙、总理丙和副总理丁), from its first one on: each joined to
    the one before by 、和及与 (not 布朗-皮韦, a name with a hyphen, nor 乙的女儿丙)."""
    found = sorted(((at, e) for at, e in others if e is not None and at >= 0), key=lambda x: x[0])
    out, end = [], None
    for at, e in found:
        if e in out:
            continue
        if end is not None:
            between = text[end:at]
            if not re.search(r"[、和及与]", between) or re.search(r"[-－—的]", between):
                break
        out.append(e)
        end = at + len(e.label)
    return out or [e for _, e in found[:1]]


@extractor("lg.diplomacy.v1", requires=("persons",), assigns=("events", "story", "participation"),
           after=("lg.inspection.v1",))
def extract_leader_meetings(ctx: ArticleContext):
    name = "lg.diplomacy.v1"
    if not ctx.persons or not any(w in s.text for s in ctx.sentences for w in _CUES):
        return
    meetings = Meetings(ctx, name)
    meets, talks, hosts, visits, confers = _patterns(frozenset(ctx.persons))
    reported = reported_sentences(ctx.sentences)  # 甲表示，习主席应邀访问某国…: what he said
    for sentence in ctx.sentences:
        if sentence.kind != "body":
            continue
        for m in visits.finditer(sentence.text) if sentence.index not in reported else ():
            date, part = meetings.date_for(sentence)
            label = f"{m['a']}访问{m['to'] or m['to2']}"
            # a visit, as an inspection is: nobody speaks at it (ANNOTATING.md)
            records = meetings.event(sentence, m.start(), m.end(), label, True, "Inspection", date, part)
            yield from records
            ev = ctx.evidence(sentence, m.start(), m.end(), name)
            yield Relation(records[0].ref, "attendee", ctx.persons[m["a"]], ev)
        for pattern in (meets, talks, hosts, confers):
            for m in pattern.finditer(sentence.text):
                who, also = m["a"], []
                if (lead := _lead_before(ctx, sentence, m.start("a"))) is not None:
                    also = [lead]  # 县委书记甲，县长乙与丙座谈: both hold it
                if m.groupdict().get("lead") and (inside := _last_named(m["lead"], ctx.persons)):
                    if inside == who or not _one_subject(m["lead"], inside):
                        continue  # another person opens the clause that meets
                    who, also = inside, [ctx.persons[who]]  # 甲，市长乙深入某园区调研，并会见丙: both meet
                a = ctx.persons[who]
                others = [(e.evidence.start, e) for e in ctx.entities.values()
                          if e.kind == "person" and e.ref != a and e.evidence.sentence_index == sentence.index
                          and m.start("rest") <= e.evidence.start < m.end("rest")]
                others += [(sentence.text.find(n, m.start("rest")), ctx.entities.get(r)) for n, r in ctx.persons.items()
                           if r != a and n in m["rest"] and r in ctx.entities]
                if not others:
                    continue
                b = min(others, key=lambda x: x[0])[1]
                # 会见乙、丙: each met; 同乙举行会谈: one other side
                met = _listed(sentence.text, others) if pattern is meets else [b]
                # 会见乙、丙 and 分别会见乙、丙: one meeting with all of them, as the reference annotations
                # have it (the national dev set lists each leader's meeting as an alias of one event)
                label = ("座谈会" if pattern is confers
                         else _meeting_label(sentence.text, m, who, b, pattern is meets, pattern is hosts))
                date, part = meetings.date_for(sentence)
                records = meetings.event(sentence, m.start(), m.end(), label, True, "Meeting", date, part)
                yield from records
                event = records[0].ref
                ev = ctx.evidence(sentence, m.start(), m.end(), name)
                yield Relation(event, "attendee", a, ev)
                for other in dict.fromkeys([*also, *(e.ref for e in met)]):
                    yield Relation(event, "attendee", other, ev)
                yield StoryEvent(event)
