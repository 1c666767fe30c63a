"""Meetings and other events: reported ones (主持召开…会议, …推进会召开, 召开…), the ones only
referred to (…会议精神, 在…会议上), who chaired, attended and spoke, and which meetings'
spirit a meeting relayed (传达学习…精神). Emits lg:Meeting / schema:Event, lg:chair,
schema:attendee, lg:speaker, lg:relays, schema:organizer (ontology.md §3.5b–c).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cached_property

from kg.extract import extractor
from kg.extract.context import ArticleContext, OrgName, StoryEvent
from kg.extract.discourse import reported_sentences
from kg.extract.frames import frame_type
from kg.extract.orgs import org_entity, resolve_prefix, resolve_unit
from kg.ingest.dates import find_dates
from kg.model import Entity, Ref, Relation, Sentence
from kg.nlp.segment import pos_tokens
from kg.nlp.vocabulary import PREFIX_RE
from kg.resolve.gazetteer import gazetteer
from kg.resources import lexicon_alternation, lexicon_lines, rule_table

MEETING_WORDS = sorted(lexicon_lines("meeting_types.txt"), key=len, reverse=True)
MW = "(?:" + "|".join(map(re.escape, MEETING_WORDS)) + ")"
NOT_IN_NAME = "，。；、：:！？“”‘’（）()《》\\s并"  # (并: 参加会见并主持大会 names no 会见并主持大会)
# a quoted part may sit inside a name: 纪念“三八”国际妇女节暨表彰大会, 《政府工作报告》征求意见座谈会
# …and a kind in brackets: 区委常委会（扩大）会议, 县政府常务会议（视频）
# …a space printed inside a number (第 32 次), and a quoted part or bracketed kind
EV = (rf"(?:[^{NOT_IN_NAME}]|“[^“”，。]{{1,12}}”|《[^《》，。]{{1,30}}》|（(?:扩大|视频|电视电话|联席|专题|网络|社区)）"
      rf"|(?<=[\d第])\s(?=\d)|(?<=\d)\s(?=[次届\d]))"
      rf"{{0,40}}?{MW}")
# a second event held as one with the first: 表彰大会暨“某某”主题演讲决赛活动, 推进会暨签约仪式
JOINED = r"(?:暨(?:“[^“”，。]{1,12}”|[^，。；“”]){2,30}?(?:活动|会议?|仪式|典礼|赛))?"
# 主持召开…会议, 主持…会议, 共同主持…会议 (both sides of a bilateral meeting chair it)
CHAIRED = re.compile(rf"主持(?:召开)?了?(?P<ev>{EV})(?=[，。；]|并|$)")
# a standing committee's meeting named after the committee: 主持召开市委常委会, 县委常委（扩大）会
CHAIRED_STANDING = re.compile(r"主持召开了?(?P<ev>[^，。；、]{1,12}?常委会?(?:（扩大）|扩大)?会)(?=[，。；]|并|$)")
_ONE_DAY = r"\d{1,2}\s*(?:月\s*\d{1,2}\s*)?日"
DAY = rf"(?:{_ONE_DAY}(?:[至到—\-－~～]{_ONE_DAY})?(?:上午|下午|晚上|晚)?)"  # 29日, 29日至30日, 3月5日上午
# the day a meeting met, written before its name: 2月21日中共中央政治局会议 (no part of the name)
LEADING_DAY = re.compile(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日")
HELD = re.compile(
    rf"(?:^|[，；：])(?P<ev>{EV}(?:、{EV})?){DAY}?(?:在[^，。；]{{1,15}})?(?:正式|胜利|隆重|顺利|圆满)?"
    rf"(?:召开|举行|开幕|闭幕|举办|开班|开营|完成(?:了)?(?:全部|各项)?议程)(?=[，。；]|$)"
)
CONVENED = re.compile(
    rf"(?P<subj>[^，。；：、]{{0,20}}?){DAY}?(?:在[^，。；：、]{{1,10}}?)?(?:召开|举行|开展|举办)了?(?P<ev>{EV}{JOINED})(?=[，。；]|$)"
)
# projects breaking ground together, named by the clause that says so: 某县6个重点项目集中开工
_IN_A_NAME = r"(?:(?!今天|今日|昨天|昨日)[^，。；：“”（）])"  # the day is no part of the name
GROUNDBREAKING = re.compile(rf"(?:^|(?<=[，；]))(?:\d{{1,2}}月\d{{1,2}}日(?:上午|下午)?，?)?"
                            rf"(?P<ev>{_IN_A_NAME}{{0,30}}?项目{_IN_A_NAME}{{0,12}}?集中开工)(?=[，。；]|$)")
SPEECH_VERBS = lexicon_alternation("speech_verbs")
# 出席…会议并讲话, 在参加…小组讨论时说: an attendee who spoke
ATTENDED = re.compile(rf"(?:出席|参加)了?(?P<ev>{EV})"
                      rf"(?:并(?P<speak>讲话|致辞|发言)|时(?P<said>{SPEECH_VERBS}))?(?=[，。；]|$)")
# 来到他所在的某代表团，同代表们一起审议…: a member of a congress at his delegation's deliberation
# (来到某会议第二代表团，与代表们一起审议: a leader joining one)
DELEGATION = re.compile(r"(?:来到|到|参加)了?(?:(?:他|她)?所在的)?(?P<ev>[^，。；、]{2,30}?代表团)[，]?"
                        r"(?:同|与|和)(?:代表们|大家)一起审议")
# 甲在参加审议市政府工作报告时表示: a panel of a congress taking up a report, which he joined
REVIEWED = re.compile(r"在参加(?:分组)?(?P<ev>(?:审议|讨论)[^，。；、]{2,24}?(?:报告|计划|草案|决议))时")
BARE = {"会议", "大会", "全会", "会"}
# who spoke at a meeting, written before it without 在 (某某总书记全国两会期间系列重要讲话)
SPEAKER_BEFORE = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:总书记|同志)(?=[^在]{4,}$)")
EVENT_PARTS = frozenset(lexicon_lines("event_parts.txt"))  # 开幕式: of the article's event
# …会议精神, 在…会议上, 在…会议听取汇报时的重要讲话
REFERRED = re.compile(
    rf"(?P<mw>{MW}|党的[一二三四五六七八九十]{{1,3}}大)"
    rf"(?=(?:的)?(?:重要)?(?:讲话)?精神|上|期间|(?:工作|决策)?部署|研究|[^，。；]{{2,24}}?时的(?:重要)?讲话)"
)
# a meeting named so vaguely it names none (有关会议, 区委有关会议, 近期重要会议): the rule relays use
VAGUE = next(re.compile(p) for rule_id, _, p in rule_table("relays.tsv", 3) if rule_id == "vague")
# Sessions that name themselves wherever they are mentioned, with their number (党的二十大,
# 二十届三中全会, 十四届全国人大二次会议, 全国政协十四届二次会议): one event, whatever the year
_NUM = "[一二三四五六七八九十]"
NAMED_SESSION = re.compile(
    rf"(?:党的|中共){_NUM}{{1,3}}大"
    rf"|(?:党的|中共)?{_NUM}{{1,3}}届(?:中央)?{_NUM}{{1,2}}中全会"
    rf"|{_NUM}{{1,3}}届全国人大{_NUM}{{1,2}}次会议|第{_NUM}{{1,3}}届全国人民代表大会第{_NUM}{{1,2}}次会议"
    rf"|全国政协{_NUM}{{1,3}}届{_NUM}{{1,2}}次会议|政协第{_NUM}{{1,3}}届全国委员会第{_NUM}{{1,2}}次会议"
)
# a local body's numbered session, named the same wherever it is mentioned: 县政协十一届四次会议,
# 天水市六届人大四次会议, 自治区十四届人大三次会议, 政协松江区第六届委员会第三次会议
LOCAL_SESSION = re.compile(
    rf"(?:(?P<body>{PREFIX_RE.pattern})第?{_NUM}{{1,3}}届(?:委员会)?第?{_NUM}{{1,3}}次"
    rf"|(?P<level>自治区|[省市区县州旗])第?{_NUM}{{1,3}}届(?:人大|政协)第?{_NUM}{{1,3}}次"
    rf"|政协[\u4e00-\u9fff]{{2,8}}?第{_NUM}{{1,3}}届委员会第{_NUM}{{1,3}}次)(?:全体)?会议"
)
# plenums of one term listed: 二十届二中、三中全会
LISTED_PLENUMS = re.compile(rf"{_NUM}{{1,3}}届(?:{_NUM}{{1,2}}中、)+{_NUM}{{1,2}}中全会")


def listed_plenums(listed: str) -> list[str]:
    """二十届二中、三中全会 -> 二十届二中全会, 二十届三中全会."""
    term = listed[:listed.index("届") + 1]
    return [f"{term}{n}全会" for n in re.findall(rf"{_NUM}{{1,2}}中", listed[len(term):])]


# 党的十八大以来 dates a period; it does not refer to the congress as an event
_PERIOD_AFTER = ("以来", "之后", "后", "前")


def session_label(label: str) -> str:
    """One label for a session however the news writes it: 中共二十大 -> 党的二十大,
    党的二十届三中全会 -> 二十届三中全会."""
    if re.fullmatch(rf"中共{_NUM}{{1,3}}大", label):
        return "党的" + label[2:]
    if "中全会" in label:
        return re.sub(r"^(?:党的|中共)", "", label)
    return label


# Words at which the name of a referred meeting stops when reading leftwards.
LEFT_STOP_WORDS = {
    "传达", "学习", "贯彻", "领会", "落实", "召开", "主持", "出席", "参加", "举行", "确保", "推动",
    "使", "让", "把", "将", "对", "和", "与", "及", "并", "是", "为", "向", "从", "在", "了", "的",
    "以", "按照", "根据", "围绕", "深入", "认真", "全面", "深刻", "研究", "经", "由",
}
LEFT_STOP_TAGS = {"p", "u", "uj", "ul", "c", "r", "d", "y", "e", "x"}
# time words end a name too; not jieba's whole "t" tag, which also covers 元首
LEFT_STOP_WORDS |= {"当天", "当日", "正在", "今天", "昨天", "日前", "近日", "目前", "此前", "随后", "同日"}
LEFT_STOP_WORDS |= set(lexicon_lines("event_taking_verbs.txt"))
SCOPE_PREFIX = {"全市": "city", "市": "city", "全省": "province", "省": "province", "全区": "district",
                "区": "district", "全县": "district", "县": "district"}


_BRACKETED_KIND = re.compile(r"（(?:扩大|视频|电视电话|联席|专题|网络|社区)）$")


# a session known by its number alone: 第十三次会议, 第八次全体会议 (the body convening it names it)
ORDINAL_SESSION = re.compile(r"^第[一二三四五六七八九十百零〇\d\s]{1,6}次")
# …or by its term and number: 三届三次常委会 (a local body convening it names it: 区政协三届三次常委会)
TERM_SESSION = re.compile(r"^[一二三四五六七八九十]{1,3}届[一二三四五六七八九十百零〇\d]{1,6}次")


# words no body's name holds: time words, adverbs and verbs of a clause (甲当天举行会议, 正在某地召开会议,
# 随后主持召开会议)
_NOT_A_BODY = re.compile(r"当天|当日|今天|昨天|正在|已经|已|开始|就|与|同|将|是|的|在|随后|随即|接着|之后|其后|"
                         r"再次|立即|专门|先后|分别|共同|主持|又|还|也")


def _convener(subject: str) -> str:
    """The body a sentence says held a meeting, without a colon's lead or a date before it."""
    subject = re.sub(r"^.*[：:]", "", subject)
    return re.sub(rf"^{DAY}", "", subject).strip()


def _joint_session(label: str) -> list[str]:
    """A joint session names each meeting it holds, joined by 和 or 、: 县政府党组会议和县政府2025年第16次
    常务会议 is both. A name with no meeting word before 和 is one meeting (安全和发展工作会议)."""
    for joint in ("和", "、"):  # 全省某推进会、全市某推进会召开: two meetings held at once
        parts = label.split(joint)
        if len(parts) == 2 and all(_MW_AT_END.search(p) and p not in MEETING_WORDS for p in parts):
            return parts
    return [label]


# a verb whose object is the event opens no name of it (data/lexicon/event_taking_verbs.txt)
EVENT_TAKING_VERB = re.compile(rf"^(?:要|将|正|已)?(?:扎实|认真)?{lexicon_alternation('event_taking_verbs')}")
# one event counted (一场发布会, 首场某发布会): the count is no part of its name
ONE_EVENT = re.compile(r"^(?:一|首)场")
# many events counted (举办30场高峰会, 多场交流会议, 五场某报告会, 举行了两次全体会议): none of them is named
COUNTED_EVENTS = re.compile(r"^(?:(?:\d+|[两二三四五六七八九十百几多数]+)场|(?:两|多|数|几|历)次)")


def _clean_label(label: str) -> str:
    label = re.sub(r"^(?:了|的|正式|隆重|召开|举行)+", "", label).strip()
    label = re.sub(r"^\d{1,2}日(?:上午|下午|晚上|晚)?", "", label)  # 15日颁奖典礼: the day is no part of it
    return ONE_EVENT.sub("", EVENT_TAKING_VERB.sub("", label))


def _framed_start(text: str, start: int, mw_end: int) -> int:
    """Where a name framed by 在…上 starts: everything between 在 and 上 names the meeting, verbs
    included (在学习贯彻某某精神研讨班开班式上的讲话). Not when the frame holds a clause of its own
    (在某某主持召开的常委会上) or a day; *start* when there is no such frame."""
    if not text.startswith("上", mw_end):
        return start
    at = text.rfind("在", max(0, start - 40), start)
    framed = text[at + 1:mw_end]
    if at < 0 or re.search(r"[，。；：:、]|(?<!党)的|主持|召开|举行|\d|[昨今前]天|近日|日前", framed):
        return start
    determiner = re.match(r"(?:本次|这次|此次|该次|本届|这|此)", framed)  # 在此次某峰会上: 某峰会
    return at + 1 + (determiner.end() if determiner else 0)


def _referred_name(text: str, mw_start: int, mw_end: int, tokens) -> tuple[int, str] | None:
    """Read a meeting's name leftwards from its last word, stopping at verbs and function words."""
    start = mw_start
    quote_open = None  # inside “…” while reading leftwards: 纪念“三八”国际妇女节暨表彰大会
    for word, tag, pos in reversed(tokens):
        if pos >= mw_start or pos >= start > 0 and start < mw_start:
            continue  # after the name, or inside a bracketed kind already read
        if pos + len(word) > mw_start:  # one token holds the meeting word and more: 表彰大会
            start = pos
            continue
        if pos + len(word) != start:
            break
        if word == "）" and (kind := _BRACKETED_KIND.search(text, 0, start)):
            start = kind.start()  # 区委常委会（扩大）会议
            continue
        if quote_open is not None:
            if word == "“":
                quote_open, start = None, pos
            elif quote_open - pos > 16 or not re.match(r"^(?:[\u4e00-\u9fff\w·]+|、)$", word):
                start = quote_open + 1  # an unbalanced quote is not part of the name
                break
            else:
                start = pos
            continue
        if word == "”" and start < mw_start:
            quote_open, start = pos, pos
            continue
        if word in ("届", "次", "暨"):  # 二十 届 中央纪委: jieba tags 届 as an adverb; 甲会暨乙会
            start = pos
            continue
        if word.endswith(("落实", "贯彻", "学习", "传达", "领会", "宣讲")) and word not in MEETING_WORDS:
            break  # 认真落实 中央纪委三次全会
        if word in LEFT_STOP_WORDS or tag in LEFT_STOP_TAGS or not re.match(r"^[\u4e00-\u9fff\w]+$", word):
            break
        if tag.startswith("v") and tag != "vn" and start < mw_start and len(text[pos:mw_end]) > 30:
            break
        start = pos
    if (day := LEADING_DAY.match(text, start, mw_end)) is not None:
        start = day.end()  # 2月21日中共中央政治局会议: the day it met is no part of its name
    start = min(start, _framed_start(text, start, mw_end))
    name = text[start:mw_end]
    # 贯彻好全市…会议, 深刻领会全国两会: a scope word starts the name unless nouns precede it
    # (政协第十四届全国委员会…会议)
    scope = re.search(r"(?:全国|全省|全市|全区|全县)", name)
    if scope and scope.start() > 0:
        before = [tag for word, tag, pos in tokens if start <= pos < start + scope.start()]
        if not any(tag[:1] in ("n", "j", "m") for tag in before):
            start += scope.start()
            name = text[start:mw_end]
    if speaker := SPEAKER_BEFORE.match(name):  # 某某总书记全国两会期间的讲话: the 两会
        start, name = start + speaker.end(), name[speaker.end():]
    if name in MEETING_WORDS:  # a bare 座谈会 names no particular meeting
        return None
    return start, name


# a meeting a report turns to by its kind alone, at a sentence's start (座谈会上，…; 在随后召开的座谈会上，…):
# one more event of the day the report tells, unless one of that kind is reported already
SIDE_MEETING = re.compile(r"^(?:在)?(?:随后|接着|之后|其后)?(?:召开|举行)?的?"
                          r"(?P<ev>座谈会|座谈交流会|汇报会|见面会|恳谈会|交流会)上[，,]?")


def _reported_kind(ctx: ArticleContext, kind: str) -> bool:
    return any(e.kind == "event" and e.attr("reported_in") and e.label.endswith(kind) for e in ctx.entities.values())


# a sentence that starts from the article's event: what it reports happened the same day
SAME_DAY = re.compile(
    r"^(?:当天|当日|同日|(?:会谈|会见|会晤|会议|宴会|仪式|活动)(?:开始)?(?:前|后|期间)|会前|会后)[，,]"
)


class Meetings:
    def __init__(self, ctx: ArticleContext, extractor_name: str):
        self.ctx, self.name = ctx, extractor_name

    def canonical(self, label: str) -> tuple[str, OrgName | None, str | None]:
        """(canonical label, organiser, scope level) for a meeting label as written."""
        if NAMED_SESSION.fullmatch(label):
            return session_label(label), None, None
        m = PREFIX_RE.match(label)
        if m and label[m.end():].startswith("常委会"):
            org = resolve_unit(resolve_prefix(m.group(0), self.ctx), "常委会")
            return org.label[: -len("常委会")] + label[m.end():], org, org.level
        for prefix, level in SCOPE_PREFIX.items():
            if label.startswith(prefix):
                return label, None, level
        return label, None, None

    def event(self, sentence: Sentence, start: int, end: int, label: str, reported: bool,
              etype: str = "Meeting", date: str | None = None, part: str | None = None):
        ctx = self.ctx
        label = _clean_label(label)
        canonical, organizer, level = self.canonical(label)
        scope = ctx.scope_name(level) if level else ""
        if canonical in MEETING_WORDS:  # 会议, 座谈会: only this article's own meeting of that kind
            key = f"{date or ''}_{ctx.article.id}_{canonical}"
        elif NAMED_SESSION.fullmatch(canonical):  # numbered: the same session in every article
            key = canonical
        elif date:
            key = f"{date}_{canonical}"
        else:
            year = (ctx.article.publication_date or "")[:4]
            key = "_".join(x for x in (year, scope if scope != canonical else "", canonical) if x)
        if etype == "Meeting":
            etype = frame_type(canonical)  # 签约仪式 is a signing, 揭牌仪式 a ceremony (data/rules/frames.tsv)
        attrs = [("type", etype)]
        if date:
            attrs.append(("date", date))
        if part:
            attrs.append(("part_of_day", part))
        if reported:
            attrs.append(("reported_in", ctx.article.id))
        ev = ctx.evidence(sentence, start, end, self.name)
        ent = Entity("event", key, canonical, ev, (label,), tuple(sorted(attrs)))
        out = [ent]
        if organizer is not None:
            surface = PREFIX_RE.match(label).group(0) + "常委会"
            out.append(org_entity(organizer, surface, ev))
            out.append(Relation(ent.ref, "organizer", Ref("org", organizer.key), ev))
        elif (named := self._body_naming(label)) is not None:  # 县政府第26次常务会议: 县政府 holds it
            out.append(org_entity(named[0], named[1], ev))
            out.append(Relation(ent.ref, "organizer", Ref("org", named[0].key), ev))
        return out

    def _body_naming(self, label: str) -> tuple[OrgName, str] | None:
        """The body a meeting's name opens with (县政府第26次常务会议, 区委理论学习中心组学习会)."""
        m = PREFIX_RE.match(label)
        if m is None or len(m.group(0)) < 2 or len(label) <= len(m.group(0)) + 2:
            return None
        if not re.match(r"\d|第|常务|全体|党组|理论学习|专题|办公|扩大", label[m.end():]):
            return None  # 省委十一届七次全会, 中央全面深化改革委员会会议: not a body then its meeting
        org = resolve_prefix(m.group(0), self.ctx)
        return (org, m.group(0)) if org is not None and org.level != "unknown" else None

    def date_for(self, sentence: Sentence) -> tuple[str | None, str | None]:
        art = self.ctx.article
        dates = find_dates(sentence.text, art.publication_date)
        if dates:
            return dates[0].date, dates[0].part_of_day
        if sentence.paragraph == 0 and sentence.index <= 1 and art.dateline_date:
            return art.dateline_date, art.part_of_day
        main = self.ctx.entities.get(self.ctx.main_event) if self.ctx.main_event else None
        if main is not None and main.attr("date") and SAME_DAY.match(sentence.text):
            return main.attr("date"), None  # 会谈前，甲为乙举行欢迎仪式: the day of the talks
        if (day := self._the_one_day(sentence)) is not None:
            return day, None  # 甲一行首先来到某镇参加座谈会: a part of the day the report tells
        return None, None

    def _the_one_day(self, sentence: Sentence) -> str | None:
        """The day a report of one day tells, for a sentence after the one that names it."""
        if self._one_day is None or sentence.index <= self._one_day[0]:
            return None
        return self._one_day[1]

    @cached_property
    def _one_day(self) -> tuple[int, str] | None:
        """(sentence index, day) when the body names exactly one day, once, and not as the start of
        a span (5月25日至26日) nor as a month (2019年4月，甲在某地考察时…: no day of this report)."""
        issued = self.ctx.article.publication_date
        dated = [(s, d) for s in self.ctx.sentences if s.kind == "body" for d in find_dates(s.text, issued)]
        if len(dated) != 1:
            return None
        (sentence, day), = dated
        if re.search(r"日\s*[至到—\-－~～]", sentence.text) or not _A_DAY.fullmatch(day.date):
            return None
        return sentence.index, day.date


_A_DAY = re.compile(r"(?:\d{4}|-)-\d\d-\d\d")


def person_before(ctx: ArticleContext, text: str, pos: int) -> list[tuple[str, Ref]]:
    """Known people named right before *pos*, including lists (甲、乙等)."""
    out = []
    head = re.sub(r"(?:共同|一同|一起)$", "", text[:pos])  # 甲和乙共同主持…
    head = re.sub(r"(?:同志|副?(?:书记|主席|主任|区长|县长|市长|省长|旗长|州长|镇长|乡长))$", "", head)  # 某某区长主持
    head = re.sub(rf"{DAY}$", "", head)  # 李希27日出席…
    head = re.sub(r"在(?:[^，。；、在]{1,15})?$", "", head)  # 王明在参加…时说; 韩正在四川成都出席…
    head = re.sub(rf"{DAY}$", "", head)
    head = re.sub(r"同志$", "", head)  # 区长甲同志在某会议室主持召开…
    head = head[:-1] if head.endswith("等") else head
    while True:
        hit = next(((n, r) for n, r in sorted(ctx.persons.items(), key=lambda x: -len(x[0])) if head.endswith(n)), None)
        if hit is None:
            break
        out.append(hit)
        head = head[: -len(hit[0])]
        if not head.endswith(("、", "和")):
            break
        head = head[:-1]
    return out


def _sentence_subject(ctx: ArticleContext, head: str) -> list[Ref]:
    """The person who opens *head* (the sentence up to a clause that goes on from him), if any."""
    named = [(head.find(n), r) for n, r in ctx.persons.items() if n in head]
    return [min(named, key=lambda x: x[0])[1]] if named else []


_MW_AT_END = re.compile(rf"{MW}$")
_LIST_JOIN = re.compile(r"(?:、|和|及|以及)$")


def _listed_before(text: str, start: int, label: str, end: int, tokens) -> list[tuple[int, int, str]]:
    """The meeting *label* (from *start* to *end*) and the meetings listed before it: 在甲大会、
    乙大会、丙会议上 refers to all three. Each as (start, end, name), left to right."""
    out = [(start, end, label)]
    while (sep := _LIST_JOIN.search(text, 0, start)) and (mw := _MW_AT_END.search(text, 0, sep.start())):
        hit = _referred_name(text, mw.start(), sep.start(), tokens)
        if hit is None or hit[0] >= sep.start():
            break
        out.append((hit[0], sep.start(), hit[1]))
        start = hit[0]
    return out[::-1]


def _trimmed(text: str, start: int, end: int) -> str | None:
    """A reported meeting's name without what the pattern swept in on its left (的主席团…会议,
    当天…在…会议): read leftwards from the meeting word as for referred meetings."""
    span = text[start:end]
    mw = _MW_AT_END.search(span)
    if mw is None or span in MEETING_WORDS:
        return span
    if not re.search(r"[的在]|当天|当日|期间", span):
        return re.sub(rf"^(?:{DAY}|上午|下午|晚上|当天|今天|近日|日前)+", "", span)  # the whole name
    hit = _referred_name(text, start + mw.start(), end, pos_tokens(text))
    if hit is None:
        return span[mw.start():]
    name_start, name = hit
    return name if name_start >= start else span


def _bare_ceremony(label: str) -> bool:
    """欢迎仪式: a ceremony named by a word or two before 仪式 (one a host holds for a guest, see
    diplomacy.py), not a named one (纪念某某“升国旗、唱国歌”仪式)."""
    mw = _MW_AT_END.search(label)
    return mw is not None and mw.group(0) == "仪式" and len(label) < 6


def _act_of(label: str) -> str:
    """What a bare ceremony's name says was done (开工仪式: 开工), or the name itself."""
    act = label.removesuffix("仪式").removesuffix("活动")
    return act if len(act) >= 2 else label


# what a meeting decides or proposes, which a clause after it tells (会议决定，…)
_DECIDED = re.compile(r"(?:决定|同意|建议|批准|提议)[，：]?$")


def _reported(ctx: ArticleContext, meetings: Meetings, sentence: Sentence, pattern: re.Pattern, m: re.Match):
    """The event one match of a reporting pattern names (two for a joint session), and its chair or
    attendees where the pattern gives them (甲主持召开…, 甲出席…并讲话)."""
    text = sentence.text
    label = _trimmed(text, m.start("ev"), m.end("ev"))
    cleaned = _clean_label(label) if label is not None else ""
    if label is None or _bare_ceremony(cleaned) or COUNTED_EVENTS.match(cleaned):
        return
    if pattern is HELD and _DECIDED.search(text[:m.start("ev")]):
        return  # 会议决定，某委员会第十七次会议9月8日至12日举行: a meeting decided on, yet to be held
    if pattern is GROUNDBREAKING and "宣布" in label:
        return  # 甲宣布某县6个项目集中开工: the words of the ceremony that is reported, not another
    main = ctx.entities.get(ctx.main_event) if ctx.main_event else None
    if label in BARE or label in MEETING_WORDS or ORDINAL_SESSION.match(label) or TERM_SESSION.match(label):
        # 中共全国政协党组召开会议, 区人大常委会举行第十三次会议: the convener names it
        subject = _convener(m.groupdict().get("subj") or "")
        if label in BARE and (len(subject) < 2 or _NOT_A_BODY.search(subject)
                              or any(name in subject for name in ctx.persons)):
            return  # 某总参谋长甲当天举行会议, 某部已开始与伙伴国就某事举行会议: a body names a bare 会议
        if (not PREFIX_RE.match(subject) and not ORDINAL_SESSION.match(label) and label not in BARE
                and not (_MW_AT_END.search(subject) and _whole_clause(sentence.text, m, "subj"))):
            subject = ""  # 在北京召开座谈会: only a body (or a session: 某人代会召开预备会) names a bare kind
        if label not in BARE and any(name in subject for name in ctx.persons):
            subject = ""  # 市政协主席甲到某区调研并主持召开座谈会: a clause about him, not a body
        if (not subject and ORDINAL_SESSION.match(label) and len(label) <= 9 and main is not None
                and main.attr("type") == "Meeting"):
            subject = main.label  # 某工作会议在京召开…甲主持第一次全体会议: a session of that meeting
        label = subject + label
    date, part = meetings.date_for(sentence)
    same = next(  # 第十次出席…全体会议: the one the article reported (its headline too, undated)
        (e for e in ctx.entities.values() if e.kind == "event" and e.attr("reported_in")
         and meetings.canonical(_clean_label(label))[0] == e.label and e.attr("date") in (None, date)), None)
    if same is not None and date and not same.attr("date"):
        yield replace(same, attrs=tuple(sorted(same.attrs + (("date", date),))))  # its day, told now
    if label in MEETING_WORDS and main is not None and _act_of(main.label).endswith(_act_of(label)):
        events = [main.ref]  # …启动式 in 京举办. 丁薛祥出席启动式; 某县项目集中开工. 甲出席开工仪式: the same one
    elif (label in EVENT_PARTS and main is not None and main.label not in MEETING_WORDS
          and main.label not in EVENT_PARTS):
        # 某运动会在南宁开幕。甲、乙出席开幕式: a part of the article's event, named after it
        records = meetings.event(sentence, m.start("ev"), m.end("ev"), main.label + label, True, part=part)
        yield from records
        events = [records[0].ref]
    elif same is not None:
        events = [same.ref]
    else:
        events = []
        for one in _joint_session(label):  # 县政府党组会议和县政府第16次常务会议: two
            records = meetings.event(sentence, m.start("ev"), m.end("ev"), one, True, date=date, part=part)
            yield from records
            events.append(records[0].ref)
    yield StoryEvent(events[0])
    ev = ctx.evidence(sentence, 0, m.end(), meetings.name)
    people = [person for _, person in person_before(ctx, text, m.start())]
    if not people and pattern is CHAIRED and text[:m.start()].endswith("并"):
        # 甲到某地调研并主持召开座谈会: who opens the clause chairs what it goes on to
        people = _sentence_subject(ctx, re.split(r"[，；：]", text[:m.start()])[-1])
    if pattern is CHAIRED and (other := re.search(r"(?:同|与)([^，。；]{2,12})共同$", text[:m.start()])):
        people += _sentence_subject(ctx, text[:other.start()])  # 甲…，并同乙共同主持: 甲 chairs too
    # 甲一行前来某县举行签约仪式: the guests who came to hold it attend it
    guests = [r for n, r in ctx.persons.items() if pattern is CONVENED
              and re.search(rf"{re.escape(n)}(?:同志)?一行(?:前来|来到|来|赴|到)", m["subj"] or "")]
    people += guests
    if pattern is CONVENED and not people and (m["subj"] or "").strip() in ("", "并") and text[:m.start("ev")].endswith(
            ("并召开", "并召开了", "并举行")):
        # 甲到某镇调研，并召开座谈会: who opens the sentence holds it, and is there
        guests = _sentence_subject(ctx, re.split(r"[；：]", text[:m.start()])[-1])[:1]
        people += guests
    for event in events:
        for person in dict.fromkeys(people):
            if pattern in (CHAIRED, CHAIRED_STANDING):
                yield Relation(event, "chair", person, ev)
            if pattern is ATTENDED or person in guests:
                yield Relation(event, "attendee", person, ev)
            if pattern is ATTENDED and (m["speak"] or m["said"]):
                yield Relation(event, "speaker", person, ev)


def _whole_clause(text: str, m: re.Match, group: str) -> bool:
    """*group* of *m* starts *text*'s clause (it was not cut short by the pattern's length)."""
    return m.start(group) == 0 or text[m.start(group) - 1] in "，。；：:"


def _matches(pattern: re.Pattern, text: str):
    """*pattern*'s matches in *text*; a name that holds another 主持 is no meeting's name
    (主持人王某主持会议, 来香港主持选举工作的秘书长杨某主持会议): the search goes on from that 主持."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        if pattern is CHAIRED and (inner := m["ev"].find("主持")) >= 0:
            pos = m.start("ev") + inner
            continue
        yield m
        pos = m.end()


def _deliberation(ctx: ArticleContext, meetings: Meetings, sentence: Sentence, m: re.Match, label: str):
    """某代表团审议 (审议某报告) with the member who joined it as attendee, and as speaker when the
    article reports him speaking (韩某说, 韩某表示)."""
    date, part = meetings.date_for(sentence)
    records = meetings.event(sentence, m.start("ev"), m.end(), label, True, date=date, part=part)
    yield from records
    yield StoryEvent(records[0].ref)
    ev = ctx.evidence(sentence, 0, m.end(), meetings.name)
    for name, person in person_before(ctx, sentence.text, m.start()) or [
            (n, r) for n, r in ctx.persons.items() if n in sentence.text[:m.start()]][:1]:
        yield Relation(records[0].ref, "attendee", person, ev)
        spoke = re.compile(rf"{re.escape(name)}{SPEECH_VERBS}")
        if any(spoke.search(s.text) for s in ctx.sentences) or re.match(SPEECH_VERBS, sentence.text[m.end():]):
            yield Relation(records[0].ref, "speaker", person, ev)


@extractor("lg.meeting.v1", requires=("persons", "organizations"),
           assigns=("events", "story", "participation", "referenced"))
def extract_meetings(ctx: ArticleContext):
    meetings = Meetings(ctx, "lg.meeting.v1")
    reported = reported_sentences(ctx.sentences)
    for sentence in ctx.sentences:
        text = sentence.text
        narrative = sentence.index not in reported and sentence.kind == "body"
        if narrative:
            for pattern in (CHAIRED, CHAIRED_STANDING, HELD, CONVENED, ATTENDED, GROUNDBREAKING):
                for m in _matches(pattern, text):
                    yield from _reported(ctx, meetings, sentence, pattern, m)
            for m in DELEGATION.finditer(text):
                yield from _deliberation(ctx, meetings, sentence, m, f"{m['ev']}审议")
            if ctx.main_event is None and (m := REVIEWED.search(text)) is not None:
                yield from _deliberation(ctx, meetings, sentence, m, m["ev"])
            if (m := SIDE_MEETING.match(text)) and not _reported_kind(ctx, m["ev"]):
                date, part = meetings.date_for(sentence)  # 座谈会上，甲介绍…: held on the visit reported
                yield from meetings.event(sentence, m.start("ev"), m.end("ev"), m["ev"], True, date=date, part=part)
    # meetings referred to (…会议精神, 在…会议上), once every reported one is known: the report's
    # own meeting may be referred to before the sentence that reports it
    for sentence in ctx.sentences:
        text = sentence.text
        tokens = None
        spans: list[tuple[int, int]] = []
        for m in LISTED_PLENUMS.finditer(text):  # 二十届二中、三中全会: each plenum of the term
            spans.append((m.start(), m.end()))
            for plenum in listed_plenums(m.group(0)):
                yield from meetings.event(sentence, m.start(), m.end(), plenum, False)
        referred = []
        for m in REFERRED.finditer(text):
            tokens = tokens or pos_tokens(text)
            if m["mw"].startswith("党的"):  # 党的二十大 names itself
                hit = (m.start("mw"), m["mw"])
            else:
                hit = _referred_name(text, m.start("mw"), m.end("mw"), tokens)
            if hit is not None:
                referred += _listed_before(text, *hit, m.end("mw"), tokens)
        for start, end, label in referred:
            if any(e.kind == "event" and (label in e.aliases or e.label.endswith(label)) for e in ctx.entities.values()
                   if e.attr("reported_in")) or any(s <= start < e for s, e in spans):
                continue
            if VAGUE.search(label):
                continue
            if any(s <= start and end <= e and e - s > end - start for s, e, _ in referred):
                continue  # 党的二十大 inside 学习贯彻党的二十大精神研讨班: a part of a longer name
            spans.append((start, end))
            yield from meetings.event(sentence, start, end, label, False)
        yield from _local_sessions(ctx, meetings, sentence, spans)
        for m in NAMED_SESSION.finditer(text):
            if text.startswith(_PERIOD_AFTER, m.end()) or any(s < m.end() and m.start() < e for s, e in spans):
                continue
            if any(e.kind == "event" and e.attr("reported_in") and session_label(m.group(0)) == e.label
                   for e in ctx.entities.values()):
                continue  # the article's own session
            yield from meetings.event(sentence, m.start(), m.end(), m.group(0), False)


def _local_sessions(ctx: ArticleContext, meetings: Meetings, sentence: Sentence, spans: list[tuple[int, int]]):
    """Numbered sessions of local bodies mentioned in *sentence* (LOCAL_SESSION), with the division
    written before them (天水 + 市六届人大四次会议); not the article's own, not inside a name read."""
    text = sentence.text
    for m in LOCAL_SESSION.finditer(text):
        start = m.start()
        if m["level"] or m["body"]:
            start -= next((k for k in range(min(8, start), 1, -1)
                           if gazetteer().lookup(text[start - k:start] + text[start])), 0)
        label = text[start:m.end()]
        if any(s < m.end() and start < e for s, e in spans) or any(
                e.kind == "event" and e.attr("reported_in") and (label in e.aliases or e.label.endswith(label))
                for e in ctx.entities.values()):
            continue
        spans.append((start, m.end()))
        yield from meetings.event(sentence, start, m.end(), label, False)
