"""Policies, initiatives, slogans and laws: quoted names (“二次创业”), book-title marks
(《民法典》), named programmes (…专项行动, …工程) and national policies news names as they are
(中国式现代化, a lexicon). Emits lg:Initiative (skos:Concept) or
schema:Legislation, and, in a meeting's article, lg:deploys / lg:studies from the meeting."""

from __future__ import annotations

import re

from kg.extract import extractor
from kg.extract.context import ArticleContext
from kg.model import Entity, Relation
from kg.nlp.mentions import titles
from kg.nlp.segment import pos_tokens
from kg.resources import lexicon_lines, lexicon_table

POLICY_SUFFIXES = {row[0]: row[1] for row in lexicon_table("policy_suffixes.txt")}
METHOD_WORDS = tuple(lexicon_lines("method_words.txt"))
PLATFORM_END = ("平台", "系统", "APP", "App", "小程序", "钉", "码", "网")
QUOTE = re.compile(r"[“\"](?P<q>[^”\"“]{1,40})[”\"]")
BOOK = re.compile(r"《(?P<q>[^》《]{2,40})》")
SUFFIX_AFTER_QUOTE = re.compile("(?P<s>" + "|".join(sorted(POLICY_SUFFIXES, key=len, reverse=True)) + ")")
# A quoted word after these is a role to play or an image, not a policy (成为“实干家”).
ROLE_CUES = ("成为", "当好", "争当", "争做", "做好", "当", "做")


def policy_kind(label: str) -> str:
    """law or initiative.

    >>> policy_kind("民法典"), policy_kind("五皮招商法"), policy_kind("二次创业")
    ('law', 'initiative', 'initiative')
    """
    if label.endswith(METHOD_WORDS):
        return "initiative"
    for suffix, kind in sorted(POLICY_SUFFIXES.items(), key=lambda x: -len(x[0])):
        if label.endswith(suffix):
            return kind
    return "initiative"


def is_platform_name(text: str, q_end: int, label: str) -> bool:
    return label.endswith(PLATFORM_END) or text.startswith(("平台", "系统", "APP"), q_end)


_QUOTE_CONTEXT = lexicon_table("quoted_policy_context.txt")
_BEFORE_QUOTE = tuple(w for side, w in _QUOTE_CONTEXT if side == "before")
_AFTER_QUOTE = tuple(sorted((w for side, w in _QUOTE_CONTEXT if side == "after"), key=len, reverse=True))
_PARALLEL = re.compile(r"[^、·\s+＋]+[、·\s+＋]")
_NUMERALS_ONLY = re.compile(r"[一二三四五六七八九十]{2}")  # a month and a day: “五一”, “三八” (not “十四五”)
# a counted slogan (“两个确立”, “六稳”, “一企一策”), not a tier or a grade (“二线口岸”, “一级响应”), nor a
# group counted in figures (“77国集团和中国”)
_NUMBERED = re.compile(r"^[一二三四五六七八九十两百千万]+(?![线级号期层代季连])[个大项点条次张类化稳保农]?")
_NUMBERED_TWICE = re.compile(r"^[一二三四五六七八九十两]\w{1,3}?[一二三四五六七八九十两]")  # 两线三枢纽, 一季双收
_FIGURES = re.compile(r"^\d+\D+\d+|^\d+(?:分钟|小时|公里)")  # 6轴7廊8通道, 15分钟生活圈
# what joins the quotes of one chain: nothing (“甲”“乙”), a conjunction or a list comma (“甲”和“乙”)
_JOINED = ("", "和", "与", "及", "、")


def _quoted_chains(text: str):
    """Chains of quotes (“甲”“乙”, “甲”和“乙”, or one quote alone), each as (matches, start, end):
    the quotes of a chain share the words before the first and after the last."""
    chain: list[re.Match] = []
    for m in QUOTE.finditer(text):
        if chain:
            if text[chain[-1].end():m.start()] not in _JOINED:
                yield chain, chain[0].start(), chain[-1].end()
                chain = []
        chain.append(m)
    if chain:
        yield chain, chain[0].start(), chain[-1].end()


# what follows quoted names that are tasks or policies, not images (做好“六稳”“六保”工作)
_TASK_AFTER = re.compile(r"工作|任务|战略|行动|工程|政策|要求|目标|理念|部署")


def _shaped_like_a_policy(label: str) -> bool:
    """A quoted label whose own shape names a policy: counted (“六稳”, “两个确立”, “一企一策”,
    “两线三枢纽”, “6轴7廊8通道”, a goal in minutes or hours: “15分钟生活圈”) or ending as programmes
    and methods do (“千万工程”, “某某工作法”); not a day (“五一”), a tier (“二线口岸”), a
    generation (“90后”) or a number (“96178”)."""
    if _NUMERALS_ONLY.fullmatch(label):
        return False
    counted = (bool(_NUMBERED.match(label)) or _NUMBERED_TWICE.match(label) is not None
               or _FIGURES.match(label) is not None)
    return counted and len(label) <= 8 or label.endswith(ENDINGS_OF_POLICIES)


# what follows the name of an event in quotes
_EVENT_AFTER = ("分论坛", "论坛", "峰会", "研讨会", "座谈会", "晚会", "音乐会", "大赛", "比赛", "发布会",
                "博览会", "展览")


def chain_names_policies(text: str, chain: list[re.Match], start: int, end: int) -> bool:
    """A chain of quotes names policies, initiatives or slogans rather than quoting words for
    effect when a member's shape says so (a slogan of parallel parts too), or the words around the
    chain do: a verb that carries out a policy before it (实施“某某”, 践行“甲”“乙”) or what a
    policy is after it (“某某”行动, “甲”和“乙”的目标; quoted_policy_context.txt). A list or a
    pair of quotes alone is not enough: “上海铜”“上海油”, “龙凤呈祥”“年年有余” are products and images."""
    if text.startswith(_EVENT_AFTER, end):
        return False  # “某某 共谋某某”分论坛: a forum's name, an event's
    if any(_shaped_like_a_policy(m["q"].strip()) or _PARALLEL.search(m["q"]) for m in chain):
        return True  # a slogan of parallel parts: “举旗帜、聚民心”, “幸福街道·品质华大”
    after = end + text.startswith("的", end)  # “项目为王”的理念
    if text.startswith(_AFTER_QUOTE, after) or SUFFIX_AFTER_QUOTE.match(text, after):
        return True
    return text[max(0, start - 4):start].endswith(_BEFORE_QUOTE)


def acceptable(label: str) -> bool:
    """Quoted text that can name a policy: 3–30 characters (2 for numbered goals: “六稳”), no sentence
    punctuation."""
    core = re.sub(r"[、\s]", "", label)
    # “六稳”, not “两会” or “两院”
    counted = len(core) == 2 and core[0] in "一二三四五六七八九十两" and core[1] not in "会院"
    return (3 <= len(core) <= 30 or counted) and not re.search(r"[，。！？；：,.!?;:]", label)


_DOCUMENT_LINES = lexicon_lines("document_endings.txt")
DOCUMENT_ENDINGS = tuple(w for w in _DOCUMENT_LINES if w != "---")  # 《…》's
BARE_DOCUMENT_ENDINGS = _DOCUMENT_LINES[:_DOCUMENT_LINES.index("---")]  # a document named without 《》
NATIONAL_POLICIES = tuple(sorted(lexicon_lines("national_policies.txt"), key=len, reverse=True))
NATIONAL_POLICY_RE = re.compile("|".join(map(re.escape, NATIONAL_POLICIES)))
PROGRAMME_ENDINGS = tuple(sorted(lexicon_lines("programme_endings.txt"), key=len, reverse=True))
PROGRAMME_RE = re.compile("|".join(map(re.escape, PROGRAMME_ENDINGS)))
ENDINGS_OF_POLICIES = tuple(POLICY_SUFFIXES) + PROGRAMME_ENDINGS + METHOD_WORDS  # “千万工程”, “某某工作法”
# verbs and words that govern a programme's name rather than belong to it (实施…战略, 扎实开展…)
GOVERNING = frozenset(
    "实施 开展 推进 深化 用好 扎实 坚持 加强 推动 做好 抓好 统筹 结合 纵深 持续 继续 大力 启动 部署 组织 "
    "参加 要 以 把 将 与 和 及 有机 深入 认真 全面 落实 贯彻 学习 围绕 聚焦 按照 根据 通过 开启 打好 打赢 "
    "服务 融入 对接 是 为 的 在 对 从 向 了 着 等 好 各 各项 一系列 系列 有关 相关 重点 巩固 纳入 谋划 保持 "
    "第一批 第二批 新版 两国 双方 中方 各国 我国 国家 重大 重要 总体 这一 该 作出 具有 构建 加快 培育 壮大 "
    "全市 全省 全区 全县 各级 三级 深入开展 "
    "制定 宣布 印发 完成 增强 拓展 介绍 示范 带动 负责人 单位 全部 正确 充实 丰富 作为 加速 集聚 "
    "出台 发布 编制 推出 实行 执行 建立 建成 形成 设立 梳理 列出".split()
)
# what is done with an initiative, or counts them, rather than its name (提出/践行/支持…全球某某倡议,
# 三大全球倡议); jieba often tags these as nouns
INITIATIVE_GOVERNING = GOVERNING | frozenset(
    "两大 三大 四大 五大 三点 四点 提出 践行 支持 响应 积极响应 参与 赞赏 欢迎 签署 宣读 发布 发起 祝贺 评价 "
    "高度评价 建设 看待 感谢 郑重 共同 携手 一道 愿 倡导 回应 认同 赞同 重视 积极 积极支持 全面落实 成立 到 年".split()
)
# what may follow 战略 as a name's ending: 战略伙伴 and 战略性 are not strategies
_AFTER_PROGRAMME = "，。；、：！？）》”和与及等的是为中上下"
_NAME_TAGS = ("n", "v", "a", "b", "j", "m", "l", "i")


def _programme_name(text: str, end_start: int, end: int) -> int | None:
    """Start of an unquoted programme's name ending at *end* (创新驱动发展战略, 党纪学习教育)."""
    if text.startswith("项", end_start):
        return _counted_rules_start(text, end_start)
    start = end_start
    initiative = text.startswith("倡议", end - 2)
    governing = INITIATIVE_GOVERNING if initiative else GOVERNING
    for word, tag, pos in reversed(pos_tokens(text)):
        if pos >= end_start:
            continue
        if pos + len(word) != start or word in governing or not tag.startswith(_NAME_TAGS):
            break
        if initiative and re.match(r"[和与及][两三四五一系]", word):  # 理念和三大全球倡议: jieba's 和三大
            break
        counted_years = word.isdigit() and text.startswith("年", pos + len(word))  # 制造业5年数字化转型行动计划
        if not (re.match(r"^[\u4e00-\u9fff]+$", word) or counted_years) or end - pos > 24:
            break
        start = pos
    # a strategy or an initiative needs a name of its own (创新驱动发展战略, not 发展战略; 全球发展倡议,
    # not 合作倡议)
    least = 4 if initiative or text.startswith("战略", end - 2) else 2
    if end_start - start >= 4 and text.endswith("国家", 0, start):
        start -= 2  # 国家生物防御战略, 国家粮食安全战略: the state's own, named so (not 国家战略 alone)
    return start if end_start - start >= least else None


# what may stand between a leader's name and 思想: fields named by nouns (新时代中国特色社会主义, 生态文明,
# 法治); no verb, no title (某某总书记统一思想 is no doctrine)
_THOUGHT_FIELD_TAGS = ("n", "ns", "nz", "nt", "nr", "j", "a", "b")


def _thoughts(text: str):
    """Doctrines named after a leader: a personal name, the field, 思想 (某某新时代…思想, 某某法治思想)."""
    tokens = pos_tokens(text)
    for i, (word, tag, start) in enumerate(tokens):
        if not tag.startswith("nr") or len(word) < 2:
            continue
        j = i + 1
        while (j < len(tokens) and tokens[j][0] != "思想" and tokens[j][1].startswith(_THOUGHT_FIELD_TAGS)
               and tokens[j][0] not in titles() and j - i <= 6):
            j += 1
        if j < len(tokens) and j > i + 1 and tokens[j][0] == "思想":
            yield start, tokens[j][2] + 2


def _counted_rules_start(text: str, end_start: int) -> int | None:
    """Start of a set of rules named by who made them and how many (中央八项规定, 省委六项规定):
    an issuing body right before a numeral that ends at or just past *end_start* (jieba's 八项)."""
    before = [t for t in pos_tokens(text) if t[2] < end_start]
    if len(before) < 2 or before[-1][1] != "m":
        return None
    word, tag, pos = before[-2]
    if pos + len(word) == before[-1][2] and (tag in ("nt", "ns", "j") or word.endswith("委")):
        return pos
    return None


DELIBERATED = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, lexicon_lines("deliberation_verbs.txt")), key=len, reverse=True)) + ")"
    + r"(?:并原则通过|通过)?了?(?P<obj>[^，。；：]{4,200})"
)
# what a document's title may end with besides its kind: its stage or the years it covers
# (某某纲要（2021-2030年）, 某某规划（2024年版）)
DRAFT = (r"(?:[（(](?:草案|讨论稿|征求意见稿|送审稿|修订稿|试行|修订"
         r"|\d{4}\s*[-—–－至~～]\s*\d{4}\s*年?|\d{4}\s*年?版?)[）)])?")
_DOCUMENT_AT_END = re.compile("(?:" + "|".join(sorted(map(re.escape, BARE_DOCUMENT_ENDINGS), key=len, reverse=True))
                              + ")" + DRAFT + "$")


def _deliberated(text: str):
    """Documents a meeting took up, named without book-title marks: 审议了甲方案（草案）、乙报告和
    丙名单. Each item of the list that ends with a document's ending, as (start, end); a 和 that
    does not close a document's name is part of the next one's (全国人大宪法和法律委员会关于…的报告)."""
    for m in DELIBERATED.finditer(text):
        at, item = m.start("obj"), ""
        pieces = re.split(r"(、|和|及|以及)", m["obj"]) + ["、", ""]
        for k, piece in enumerate(pieces[:-1]):
            if not re.fullmatch(r"、|和|及|以及", piece) or piece == "和" and _BODY_THEN_ABOUT.match(pieces[k + 1]):
                item += piece
                continue
            yield from _document_item(item, at)
            at, item = at + len(item) + len(piece), ""


# a body whose name holds 和, then what its document is about (宪法和法律委员会关于…的报告)
_BODY_THEN_ABOUT = re.compile(r"^[\u4e00-\u9fff]{1,12}?(?:委员会|部|局|办公室|院)关于")


def _document_item(item: str, at: int):
    """The document an item of a list names, if it names one: without 了 or who made it before it
    (听取了甲作的某某报告) and 的汇报 after it (…实施意见的汇报), as (start, end)."""
    core = re.sub(r"^(?:了|.*作的)", "", item)
    start = at + len(item) - len(core)
    core = re.sub(r"的?(?:情况)?汇\s*报$", "", core)
    if len(core) >= 6 and _DOCUMENT_AT_END.search(core) and not re.search(r"情况", core):
        yield start, start + len(core)


@extractor("lg.policy.v1", requires=("story", "events"), assigns=("details",))
def extract_policies(ctx: ArticleContext):
    name = "lg.policy.v1"
    meeting = ctx.main_event if ctx.main_event and ctx.entities[ctx.main_event].attr("type") == "Meeting" else None
    for sentence in ctx.sentences:
        text = sentence.text
        found = []
        for chain, chain_start, chain_end in _quoted_chains(text):
            if text[max(0, chain_start - 2):chain_start].endswith(ROLE_CUES) and not _TASK_AFTER.match(text, chain_end):
                continue  # 成为“实干家”: a role to play; 做好“六稳”“六保”工作: a task
            if not chain_names_policies(text, chain, chain_start, chain_end):
                continue  # 守护好这颗“塞外明珠”, 台风“杜苏芮”: words quoted for effect
            for m in chain:
                label = m["q"].strip()
                if not acceptable(label) or is_platform_name(text, m.end(), label) or _NUMERALS_ONLY.fullmatch(label):
                    continue  # (“五一”期间, “十一”黄金周: a holiday named by its day)
                start, end = m.start(), m.end()
                suffix = SUFFIX_AFTER_QUOTE.match(text, m.end())
                alias = label
                if suffix and POLICY_SUFFIXES[suffix["s"]] == "initiative":
                    label, end = label + suffix["s"], suffix.end()
                found.append((label, alias, start, end, "quoted"))
        for m in BOOK.finditer(text):
            label = m["q"].strip()
            bare = re.sub(DRAFT + "$", "", label)  # 《某某会议议程（草案）》
            if policy_kind(bare) == "law" or (len(bare) >= 4 and bare.endswith(DOCUMENT_ENDINGS)):
                found.append((label, label, m.start(), m.end(), "titled"))
        for start, end in _deliberated(text):
            if not any(s <= start < e for _, _, s, e, _ in found):
                found.append((text[start:end], text[start:end], start, end, "deliberated"))
        for start, end in _thoughts(text):
            found.append((text[start:end], text[start:end], start, end, "doctrine"))
        for m in NATIONAL_POLICY_RE.finditer(text):
            if not any(s <= m.start() < e or s < m.end() <= e for _, _, s, e, _ in found):
                found.append((m.group(0), m.group(0), m.start(), m.end(), "lexicon"))
        for m in PROGRAMME_RE.finditer(text):
            after = text[m.end():m.end() + 1]
            adjective = m.group(0) == "战略" and after and after not in _AFTER_PROGRAMME
            if any(s <= m.start() < e for _, _, s, e, _ in found) or adjective:
                continue
            start = _programme_name(text, m.start(), m.end())
            if start is not None:
                label = text[start:m.end()]
                found.append((label, label, start, m.end(), "programme"))
        for label, alias, start, end, how in found:
            kind = policy_kind(label)
            ev = ctx.evidence(sentence, start, end, f"{name}:{how}")
            ent = Entity("law" if kind == "law" else "policy", label, label, ev, (alias,))
            yield ent
            if meeting is not None:
                yield Relation(meeting, "studies" if kind == "law" else "deploys", ent.ref, ev)
