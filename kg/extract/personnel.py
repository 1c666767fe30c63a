"""People named in personnel decisions and the posts decided (增补甲同志为…, 免去乙…职务, 接受丙辞去…
职务): each person, and the post he is given, holds or leaves, dated by the article."""

from __future__ import annotations

import re

from kg.extract import extractor
from kg.extract.context import ArticleContext
from kg.extract.orgs import resolve_prefix
from kg.extract.persons import listed_people, people_of
from kg.extract.tenure import WRITTEN_ORG, PostPhrase, body_entity, post_of, post_org, post_phrases
from kg.model import Entity, Post, Ref, Tenure
from kg.nlp.names import is_chinese_name
from kg.nlp.vocabulary import PREFIX_RE, ROLE_RE

# 增补甲同志为…, 免去乙第十四届…职务, 撤销丙、丁…资格, 接受戊辞去…: people named in personnel decisions
PERSONNEL = re.compile(
    r"(?:增补|免去|撤销|接受|任命|提名|选举|推选)(?P<list>[\u4e00-\u9fff]{2,3}?(?:、[\u4e00-\u9fff]{2,3}?)*)"
    r"(?=同志|为|第|辞去|担任|的|职务|等|委员|常委|全国|政协)"
)


@extractor("lg.personnel.v1", assigns=("persons", "tenures", "organizations"), after=("lg.group_list.v1",))
def extract_personnel(ctx: ArticleContext):
    name = "lg.personnel.v1"
    decided = ctx.article.dateline_date or ctx.article.publication_date
    decided = decided if decided and re.fullmatch(r"\d{4}-\d{2}-\d{2}", decided) else None
    for sentence in ctx.sentences:
        for m in PERSONNEL.finditer(sentence.text):
            items = m["list"].split("、")
            if not all(is_chinese_name(x) and not ROLE_RE.search(x)
                       and not PREFIX_RE.search(x) for x in items):
                continue
            records = list(listed_people(ctx, sentence, items, m.start("list"), name))
            yield from records
            people = people_of(records)
            if m.group(0).startswith(("增补", "任命", "选举", "推选")):
                found = _APPOINTED_TO.match(sentence.text, m.end("list"))
                if found is None:
                    continue
                for listed, listed_at, at, posts in _appointments(sentence.text, found.start("posts")):
                    if listed:  # 、乙为某某主席: the next decision of the chain
                        listed_records = list(listed_people(ctx, sentence, listed, listed_at, name))
                        yield from listed_records
                        people = people_of(listed_records)
                    yield from _decided_posts(ctx, sentence, people, at, posts, name, {"starts": decided})
                continue
            elif m.group(0).startswith(("免去", "撤销")):
                found = _REMOVED_FROM.match(sentence.text, m.end("list"))
                dates = {"ends": decided}
            else:  # 接受甲辞去…
                found = _RESIGNED_FROM.match(sentence.text, m.end("list"))
                dates = {"ends": decided}
            if found is not None:
                yield from _decided_posts(ctx, sentence, people, found.start("posts"), found["posts"], name, dates)


# what a person is appointed to (增补甲同志为某某委员会副主任、…), removed from (免去甲某某职务,
# 撤销甲某某委员资格) or resigns from (接受甲辞去某某)
_APPOINTED_TO = re.compile(r"(?:同志)?为(?P<posts>[^；。，]+)")
_REMOVED_FROM = re.compile(r"(?:同志)?的?(?P<posts>[^；。，为]+?)(?:职务|资格)")
_RESIGNED_FROM = re.compile(r"(?:同志)?辞去(?P<posts>[^；。，的]+?)(?:职务)?(?=的|[；。，]|$)")


def _read_post(item: str, start: int) -> PostPhrase | None:
    """The title that closes *item*, read as post_phrases reads titles (某镇副镇长), moved to *start*."""
    phrases = post_phrases(item)
    if not phrases or phrases[-1].end != len(item):
        return None
    last = phrases[-1]
    return PostPhrase(start + last.start, start + last.end, last.prefix, last.role, last.place, last.org_name)


# the next decision of a chain: 选举甲为某镇镇长、乙为某某主席，丙、丁为副镇长
_NEXT_DECISION = re.compile(r"[、，](?P<list>[\u4e00-\u9fff]{2,3}(?:、[\u4e00-\u9fff]{2,3})*)(?:同志)?为")


def _appointments(text: str, at: int) -> list[tuple[list[str], int, int, str]]:
    """The decisions of an appointment from its posts at *at* on: (the names of a next decision,
    or [] for the first; where they start; where its posts start; the posts), over 、 and ， while
    each goes on with names and 为 (甲为某镇镇长、乙为某某主席，丙、丁为副镇长)."""
    out: list[tuple[list[str], int, int, str]] = []
    listed: list[str] = []
    listed_at = at
    end = min((i for i in (text.find("。", at), text.find("；", at)) if i >= 0), default=len(text))
    while True:
        following = next((n for n in _NEXT_DECISION.finditer(text, at, end)
                          if all(is_chinese_name(x) and not ROLE_RE.search(x) for x in n["list"].split("、"))), None)
        comma = text.find("，", at, end)
        stop = following.start() if following else end
        if comma >= 0 and comma < stop:
            out.append((listed, listed_at, at, text[at:comma]))  # a clause of its own after the posts
            return out
        out.append((listed, listed_at, at, text[at:stop]))
        if following is None:
            return out
        listed, listed_at, at = following["list"].split("、"), following.start("list"), following.end()


# words between a body and a title that make another post of the same role (驻会副主任: full-time)
_DECIDED_MODIFIERS = ("驻会", "专职", "常务")
# a seat in a national congress or the CPPCC (第十四届全国政协常委): a post with no title of its own
_SEAT = re.compile(
    r"(?:第[一二三四五六七八九十]{1,3}届)?(?P<body>全国政协|全国人大)(?P<role>常委|委员|代表)"
    r"|政协第[一二三四五六七八九十]{1,3}届全国委员会(?P<cppcc>常务委员|委员)"
)


def _decided_posts(ctx: ArticleContext, sentence, people: list[Entity], at: int, posts: str,
                   extractor_name: str, dates: dict[str, str | None]):
    """Tenures of the people of a personnel decision, for each post written in full: a body and
    its title (教科卫体委员会副主任), or a seat (第十四届全国政协委员)."""
    for item in posts.split("、"):
        start, at = at, at + len(item) + 1
        seat = _SEAT.fullmatch(item)
        if seat is not None:  # 政协第十四届全国委员会常务委员 is 全国政协常委
            body, role = (seat["body"], seat["role"]) if seat["body"] else ("全国政协", seat["cppcc"])
            role = "常委" if role == "常务委员" else role
            org = resolve_prefix(body, ctx)
            post = Post(Ref("org", org.key), role, body + role, item)
        else:
            title = ROLE_RE.search(item)
            if title is None or title.end() != len(item):
                continue
            body = item[:title.start()]
            modifier = next((w for w in _DECIDED_MODIFIERS if body.endswith(w)), "")
            body = body[:len(body) - len(modifier)]
            if WRITTEN_ORG.match(body):
                phrase = PostPhrase(start, start + len(item), None, title.group(0), None, body)
            elif (read := _read_post(item, start)) is not None:
                phrase, modifier = read, ""  # 某镇镇长: the title as titles are read, its body with it
            else:
                continue
            org = post_org(phrase, ctx)
            post = post_of(org, phrase, item)
            if org is None or post is None:
                continue
            if modifier:  # 经济委员会驻会副主任: a post of its own
                post = Post(post.org, modifier + post.role, body + modifier + post.role, item)
        ev = ctx.evidence(sentence, start, start + len(item), extractor_name)
        yield body_entity(org, org.label, ev)
        for person in people:
            yield Tenure(person.ref, post, ev, **dates)
