"""Inspections and lectures: 李明22日至25日到江苏调研, 王强赶赴灾害现场指导救援工作, 张华在
浙江大学作宣讲报告, 赵刚到某镇宣讲某全会精神.
Each is an event of its own (lg:Inspection, or schema:Event for a lecture) with
its date, the official as attendee, the places, units and enterprises the visit went to
(lg:inspects). What the official says on the visit (他强调…) makes him no speaker: at an inspection
nobody is (ANNOTATING.md). The report's visit is named as its headline names it when the headline
tells that visit (headline_of_visit), else by the words of its sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import extractor
from kg.extract.context import ArticleContext, StoryEvent
from kg.extract.lists import name_list_before
from kg.extract.meetings import Meetings, person_before
from kg.extract.persons import people_of
from kg.extract.roles import mentions
from kg.model import Ref, Relation
from kg.nlp.vocabulary import PREFIX_RE, ROLE_RE
from kg.resources import lexicon_alternation

SPEECH_VERBS = lexicon_alternation("speech_verbs")
GO = r"(?:在|到|赴|赶赴|来到|前往|深入|莅临|来)"  # 来我县调研, 莅临某市
VISIT = (r"(?:(?:开展|进行)了?[^，。；]{0,16}?(?:调研|视察|考察|督导|督查|招商)(?:工作|活动)?|调研|考察|视察|督导|督查|"
         r"检查指导|检查|指导[^，。；]{0,12}?工作|对接[^，。；]{0,12}?工作|宣讲|走访(?:慰问)?)")
# (对接某协作工作: a liaison visit; 到某镇宣讲某全会精神: a lecture)
# who went with the lead: 率队, 带队, 一行, 率考察团
# 率队, 带队, 一行, 率考察团, 带领市政协课题组, 率人资环委领导一行, 带领区政府办、区发改局…等部门负责同志
LEADING = (r"(?:，?(?:率队|带队|一行(?:\d+人)?|(?:率领|带领|率)(?:[^，。；]{1,24}?|[^，。；]{1,80}?等部门)"
           r"(?:团|组|队|一行|人员|委员|代表|领导|干部|成员|负责人|负责同志|同志))，?)?"
           r"(?:一行(?:\d+人)?)?(?:现场|实地|专程)?")
# a title written after the name: 牛立文副主席率…
TITLE_AFTER = r"(?:总书记|副?主席|副?总理|同志|副?书记|副?省长|副?市长|副?县长|副?区长)?"
DAY = r"(?:\d{1,2}\s?月)?\d{1,2}\s?日"  # 18 日: some sites space them
WHEN = (rf"(?:{DAY}(?:[至—\-－~～]{DAY})?(?:上午|下午|晚上|晚|夜|凌晨|早)?|今天|今日|近日|日前|当天)?"
        r"(?:（[^）]{1,12}）)?")
# not 在座谈会上: a meeting, not a place; a long list of places ends with 等地
WHERE = r"(?![^，。；]{0,16}?会议?上)(?:[^，。；：“”\s]{2,40}?|[^，。；：“”\s]{2,64}?等地)"
# where a visit went: 来到南京大学, 前往…现场, 在某社区、某村，
VISITED_CLAUSE = re.compile(r"(?:来到|前往|走进|深入|实地查看|考察了?|察看|在)(?P<clause>[^，。；]{2,40})")
_CUES = ("调研", "考察", "视察", "督导", "督查", "检查", "指导", "报告", "宣讲", "对接", "走访", "招商")


_SPEECH_OF_A_VISIT = re.compile(r"(?:重要)?讲话|精神|指示|批示")


@lru_cache(maxsize=512)  # the same leaders recur across articles; compiling costs ~5 ms
def _pattern(names: frozenset[str]) -> re.Pattern:
    who = "|".join(map(re.escape, sorted(names, key=lambda n: (-len(n), n))))
    return re.compile(
        rf"(?P<name>{who}){TITLE_AFTER}(?P<with>(?:、|及|和|与|，)[^，。；]{{2,60}}?(?=一行))?{WHEN}{LEADING}(?:在(?P<escort>(?:(?!在)[^。；]){{2,160}}?)陪同下，?)?{LEADING}(?:先后|分别)?"
        rf"(?:(?P<go>{GO}|对|就)(?P<where>{WHERE})(?P<more>，(?:以及|及|和)[^，。；]{{2,40}}?)?(?P<comma>，)?(?P<topic>(?:就|围绕)[^，。；]{{2,40}}?)?"
        rf"(?:(?<=，)(?:实地|现场))?(?P<visit>{VISIT}(?:(?!时|期间|{SPEECH_VERBS})[^，。；]){{0,48}}?)(?=[，。；]|并|时|期间|$)"
        rf"|在(?P<hall>{WHERE})(?<!工)[作做](?P<lecture>[^，。；]{{0,8}}?报告)(?!中)"
        # 调研某工作时强调; 在调研某工作时，对…说: the visit told in a clause of time
        rf"|(?P<while>在)?(?P<verb>(?:参观|实地|走访|专题|蹲点)?(?:调研|考察|视察)|走访)(?!的|发现|显示|表明|认为)(?P<what>[^，。；]{{2,30}}?)"
        rf"(?=[，。；]|时{SPEECH_VERBS}|(?(while)时|(?!))|$))"
    )


# a delegation with no lead named: 某市党政考察团一行来我旗考察, 省督导组深入某镇检查指导
GROUP_VISIT = re.compile(
    rf"(?:^|(?<=[，；]))(?:{DAY}(?:上午|下午)?，?)?(?P<group>[^，。；、的派“”]{{2,30}}?(?:考察团|调研组|调研团|代表团|督导组|检查组|视察团|视察组|"
    rf"观摩团|考察组|督查组|巡察组|工作组|党政代表团))(?:一行)?(?:\d+人)?{WHEN}"
    # …led by someone named there: 某党政代表团在县委书记甲的带领下，来我区参观考察
    rf"(?P<led>在(?P<lead>[^，。；]{{2,30}}?)(?:的)?(?:带领|率领)下，?)?(?:先后)?"
    rf"(?P<go>{GO})(?P<where>{WHERE})(?:，(?:就|围绕)[^。；]{{2,80}}?)?(?P<visit>{VISIT})(?:交流|学习)?"
    rf"(?:[^，。；]{{0,20}}?)(?=[，。；]|$)")  # …参观考察经济社会发展情况


@extractor("lg.inspection.v1", requires=("persons", "organizations"), assigns=("events", "story", "participation"),
           after=("lg.launch.v1",))
def extract_inspections(ctx: ArticleContext):
    name = "lg.inspection.v1"
    # every visit or lecture the pattern reads names one of these words (and compiling it costs)
    if not any(w in s.text for s in ctx.sentences for w in _CUES):
        return
    pattern = _pattern(frozenset(ctx.persons)) if ctx.persons else None
    meetings = Meetings(ctx, name)
    visits: list[tuple[Ref, Ref]] = []  # (event, person)
    trips: dict[Ref, Ref] = {}  # person -> the inspection trip the article reports
    # the body first (it carries the dates); a headline only when the body names no visit
    body = [s for s in ctx.sentences if s.kind == "body"]
    titles = [s for s in ctx.sentences if s.kind == "title"]
    for sentence in body + titles:
        if sentence.kind == "title" and visits:
            break
        text = sentence.text
        for m in pattern.finditer(text) if pattern else ():
            group = next(g for g in ("where", "hall", "what") if m[g])
            if not _is_a_visit(m, m[group]):
                continue
            person = ctx.persons[m["name"]]
            if m["lecture"] is None and person in trips:  # 李明来到某企业考察: one more stop of the same trip
                yield from _visited(ctx, trips[person], sentence, m.start(group), m.end(group), name)
                continue
            label, etype, role = _visit_reading(m, m[group], text)
            if etype == "Inspection" and not visits:  # the report's visit: as its headline names it
                label = headline_of_visit(ctx, sentence, m["name"]) or label
            date, part = meetings.date_for(sentence)
            records = meetings.event(sentence, m.start(), m.end(), label, True, etype, date, part)
            yield from records
            event = records[0].ref
            ev = ctx.evidence(sentence, m.start(), m.end(), name)
            yield Relation(event, role, person, ev)
            for other in _co_leads(ctx, text, m.start()):  # 县委书记甲、县长乙率领…: both lead
                if other != person:
                    yield Relation(event, role, other, ev)
            if m["with"]:  # 甲、某部副部长乙、某中心主任丙一行前往…: his party goes with him
                for other in mentions(ctx, text, m.start("with"), m.end("with")):
                    yield Relation(event, role, other.person, ev)
            if m["escort"] and role == "attendee":  # 在甲，乙，丙等的陪同下: over the commas of their titles
                for escort in mentions(ctx, text, m.start("escort"), m.end("escort")):
                    yield Relation(event, "attendee", escort.person, ev)
            yield from _visited(ctx, event, sentence, m.start(group), m.end(group), name)
            if m["more"]:  # …，以及丙景区: more places of the same visit
                yield from _visited(ctx, event, sentence, m.start("more"), m.end("more"), name)
            visits.append((event, person))
            if etype == "Inspection":
                trips[person] = event
            if ctx.main_event is None or _opens_before(ctx, sentence.index, ctx.main_event):
                yield StoryEvent(event, replaces=True)  # 李明到某地调研…并召开座谈会: the visit is the story
    if not visits:
        yield from _group_visit(ctx, meetings, body, name)
    if len({p for _, p in visits}) == 1:  # the places and words below belong to the one official
        yield from _trip_details(ctx, *visits[0], event_is_trip=visits[0][0] in trips.values(), name=name)


# the verbs a headline names a visit with
_HEADLINE_VISIT = re.compile(r"调研|考察|视察|督导|督查|检查|走访|参观|招商")
# what a headline may carry besides its news: a column's name 【…】, 工作动态——, and what was said
_COLUMN = re.compile(r"^(?:【[^】]{1,16}】|[^，。；—]{2,8}——)")
_TITLED = re.compile(rf"(?:{ROLE_RE.pattern})[\u4e00-\u9fff]{{2,3}}")  # a title, then a name
# a headline about what came of a visit, or about a speech or a document, not the visit itself
_NOT_THE_VISIT = re.compile(r"反响|引起|引发|热议|征集|(?:报告|讲话|发言|致辞|文章)$")
_SAID_AT = re.compile(r"时(?:强调|指出|要求|表示|提出)[^，。；]*$")


def headline_of_visit(ctx: ArticleContext, sentence, lead: str | None) -> str | None:
    """The visit as the report's headline names it (甲调研某工作, 某考察团来我县考察), when the
    headline tells a visit and names no one but the lead (or those the visit's *sentence* names);
    the phrase of the headline with the visit's verb, without a column's name or a closing
    时强调…. Annotators, and readers, name a visit so; kg's own reading of the sentence gives
    甲到甲镇、乙镇、丙园区调研某工作."""
    title = _COLUMN.sub("", (ctx.article.title or "").strip())
    phrases = [p for p in re.split(r"\s+|[|｜]|——|：", title) if _HEADLINE_VISIT.search(p)]
    if len(phrases) != 1 or len(phrases[0]) < 4:
        return None
    phrase = _SAID_AT.sub("", phrases[0])
    if _NOT_THE_VISIT.search(phrase):
        return None  # 甲考察…在干部群众中引起强烈反响; 甲在某纪律检查委员会全会上的工作报告
    if lead and lead in phrase:  # 某社社长、党组书记甲带队深入某区调研: from the name on
        phrase = phrase[phrase.index(lead):]
    named = [n for n in ctx.persons if n in phrase]
    if any(n != lead and n not in sentence.text for n in named):
        return None  # the headline is another person's
    if lead and lead not in phrase and _TITLED.search(phrase):
        return None  # 县长周明远调研…: someone the body does not name as visiting
    return phrase if len(phrase) >= 4 else None


def _is_a_visit(m: re.Match, where: str) -> bool:
    clause = m.group(0) + re.split(r"[，。；]", m.string[m.end():], maxsplit=1)[0]
    if _SPEECH_OF_A_VISIT.search(clause) and "宣讲" not in m.group(0):
        return False  # 落实习近平总书记视察天津重要讲话精神, 学习甲在某地考察时的重要讲话: a speech relayed
    if re.search(r"^会|会议?上$", where):
        return False  # 在会上作报告: the meeting's own business
    if m["verb"] and re.search(r"会议?上|上的|时的", where):
        return False  # 落实甲在调研某工作座谈会上的要求: a meeting of a past visit, named in passing
    # 对照检查, 就亲自考察了: only 对某某开展视察 is a visit to a topic
    return not (m["go"] in ("对", "就") and not re.match(r"开展|进行", m["visit"]))


# 甲、乙、丙等园区企业: a list of places visited, named in the label by the kind after 等
_LISTED_PLACES = re.compile(r"^[^等]+、[^等]+等(?:\d+|[一二三四五六七八九十两]+)?[家个处]?"
                            r"(?P<kind>[\u4e00-\u9fff]{1,8})$")


def _visit_reading(m: re.Match, where: str, text: str) -> tuple[str, str, str]:
    """The label, event type and the official's role of a visit or lecture the pattern read."""
    if (listed := _LISTED_PLACES.match(where)) and listed["kind"] not in ("地", "处", "单位", "地方"):
        where = listed["kind"]  # (甲、乙等地: the places themselves, not 到地调研)
    if m["lecture"] is not None:
        verb = text[m.start("lecture") - 1]  # 作 or 做, as written
        return f"{m['name']}在{where}{verb}{m['lecture']}", "Event", "speaker"
    if m["verb"]:
        return f"{m['name']}{m['verb']}{where}", "Inspection", "attendee"
    if m["visit"].startswith("宣讲"):
        return f"{m['name']}{m['go']}{where}{m['visit']}", "Event", "speaker"
    topic = m["topic"] or ""  # 到某地，就某工作进行考察
    if m["comma"]:  # 到某园区，调研企业复工复产情况: what he did names the visit
        return f"{m['name']}{topic}{m['visit']}", "Inspection", "attendee"
    return f"{m['name']}{m['go']}{where}{topic}{m['visit']}", "Inspection", "attendee"


def _trip_details(ctx: ArticleContext, event: Ref, person: Ref, event_is_trip: bool, name: str):
    """Where the one official of the article went (来到某企业, 察看某项目) and, on a trip, who
    went with him."""
    for sentence in ctx.sentences:
        if sentence.kind != "body":
            continue
        if event_is_trip:
            for who, ev in _companions(ctx, sentence, name):
                if not isinstance(who, Ref):
                    yield who  # a companion named only in the list
                elif who != person:
                    yield Relation(event, "attendee", who, ev)
        for m in VISITED_CLAUSE.finditer(sentence.text):
            yield from _visited(ctx, event, sentence, m.start("clause"), m.end("clause"), name)


def _co_leads(ctx: ArticleContext, text: str, lead_at: int) -> list[Ref]:
    """People named in the lead's clause before him and joined to the next by 、和与 (县委书记甲、
    县委副书记、县长乙率领代表团…): they lead the visit with him."""
    clause_start = max(text.rfind(c, 0, lead_at) for c in "，。；：") + 1
    out = []
    for n, ref in ctx.persons.items():
        at = text.find(n, clause_start, lead_at)
        if at >= 0 and text[at + len(n):at + len(n) + 1] in ("、", "和", "与") and ref not in out:
            out.append(ref)
    return out + [r for r in _named_alone_before(ctx, text, clause_start) if r not in out]


def _named_alone_before(ctx: ArticleContext, text: str, end: int) -> list[Ref]:
    """People each named alone, with his titles, in the clauses right before the lead's (市政协副主席
    甲，经开区党工委委员乙，带领…前往): they lead the visit with him."""
    out: list[Ref] = []
    while end > 1 and text[end - 1] == "，":
        start = max(text.rfind(c, 0, end - 1) for c in "，。；：") + 1
        clause = text[start:end - 1]
        ref = next((r for n, r in ctx.persons.items() if clause.endswith(n)), None)
        if ref is None or re.match(r"[在由据经受]|\d", clause):
            break
        out.append(ref)
        end = start
    return out


def _group_visit(ctx: ArticleContext, meetings: Meetings, body, name: str):
    """The visit of a delegation whose lead the article does not name (某考察团一行来我县考察): the
    article's event, so those who accompanied it (甲、乙陪同) attend it."""
    for sentence in body:
        if (m := GROUP_VISIT.search(sentence.text)) is None:
            continue
        date, part = meetings.date_for(sentence)
        # without 就… and 在…带领下
        label = sentence.text[m.start("group"):m.end("where")].replace(m["led"] or "", "") + m["visit"]
        label = headline_of_visit(ctx, sentence, None) or label
        records = meetings.event(sentence, m.start("group"), m.end(), label, True, "Inspection", date, part)
        yield from records
        # a visit told before the signing held on it (…代表团到某区对接工作。…举行签约仪式) is the story
        yield StoryEvent(records[0].ref, replaces=ctx.main_event is None
                         or _opens_before(ctx, sentence.index, ctx.main_event))
        if m["lead"]:
            ev = ctx.evidence(sentence, m.start(), m.end(), name)
            for lead in mentions(ctx, sentence.text, m.start("lead"), m.end("lead")):
                yield Relation(records[0].ref, "attendee", lead.person, ev)
        yield from _visited(ctx, records[0].ref, sentence, m.start("where"), m.end("where"), name)
        return
    yield from _body_visit(ctx, meetings, body, name)


# a visit a body holds, with no one named leading it: 某镇组织开展人大代表视察民生实事项目活动,
# 市政协组织委员围绕“某某”开展监督性视察 (the article's event: who took part is told after)
BODY_VISIT = re.compile(
    rf"(?:^|(?<=，))(?:(?:\d{{4}}年)?{DAY}(?:上午|下午)?，)?(?P<body>[^，。；、“”]{{2,16}}?)(?:组织|牵头)[^。；]{{0,40}}?"
    rf"(?:开展|进行)了?(?P<ev>[^，。；“”]{{0,24}}?(?:视察|调研|考察|督导|督查)(?:[^，。；“”]{{0,20}}?(?:活动|行动))?)(?=[，。；]|$)")


# the name of a body or of the place whose government acts (某镇, 某区人大常委会, 某局)
_A_BODY = re.compile(r"(?:镇|乡|街道|县|区|市|旗|州)(?:党委|政府|人大|政协)?$"
                     r"|(?:政协|人大常委会|党委|政府|局|委员会|办公室)$")


def _body_visit(ctx: ArticleContext, meetings: Meetings, body, name: str):
    for sentence in body[:2]:  # the report's opening: what it is about
        m = BODY_VISIT.search(sentence.text)
        if m is None or not (PREFIX_RE.match(m["body"]) or _A_BODY.search(m["body"])):
            continue
        date, part = meetings.date_for(sentence)
        label = headline_of_visit(ctx, sentence, None) or m["ev"]
        records = meetings.event(sentence, m.start("ev"), m.end("ev"), label, True, "Inspection", date, part)
        yield from records
        # …then 座谈交流会上，甲说: the visit the report opens with is its story
        first = ctx.main_event is None or _opens_before(ctx, sentence.index, ctx.main_event)
        yield StoryEvent(records[0].ref, replaces=first)
        return


ESCORTED = re.compile(r"在(?P<who>[^，。；]{2,40}?)(?:的)?陪同下")
ESCORT_VERB = re.compile(r"(?:等)?(?:陪同|一同|一起)(?:调研|考察|视察)?(?=[，。；]|$)")


def _companions(ctx: ArticleContext, sentence, name: str):
    """People who went along: 在省委书记甲和省长乙陪同下…, 甲、乙陪同, 丙一同调研."""
    text = sentence.text
    for m in ESCORTED.finditer(text):
        for e in list(ctx.entities.values()):
            if (e.kind == "person" and e.evidence.sentence_index == sentence.index
                    and m.start("who") <= e.evidence.start < m.end("who")):
                yield e.ref, ctx.evidence(sentence, m.start(), m.end(), name)
    for m in ESCORT_VERB.finditer(text):
        people = [r for _, r in person_before(ctx, text, m.start())]
        listed = list(name_list_before(ctx, sentence, m.start(), name))
        entities = people_of(listed)
        if len(entities) > len(people):
            people = [p.ref for p in entities]
            yield from ((r, None) for r in listed)  # the people and the names they are known by
        for ref in people:
            yield ref, ctx.evidence(sentence, 0, m.end(), name)


def _opens_before(ctx: ArticleContext, index: int, event: Ref) -> bool:
    return index < ctx.entities[event].evidence.sentence_index


def _visited(ctx: ArticleContext, event: Ref, sentence, start: int, end: int, name: str):
    """lg:inspects for the places, bodies and enterprises named between *start* and *end*."""
    for e in list(ctx.entities.values()):
        if (e.kind in ("place", "org", "enterprise") and e.evidence.sentence_index == sentence.index
                and start <= e.evidence.start and e.evidence.end <= end):
            yield Relation(event, "inspects", e.ref, ctx.evidence(sentence, start, end, name))
