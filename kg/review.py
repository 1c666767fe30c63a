"""What a build should show a researcher before he trusts it, gathered article by article (the
facts themselves are not kept):

- merges.json: every node found in two or more articles with the forms it was written in, the
  labels shared by distinct nodes, the person-identity decisions (kg.resolve.identity), and the
  Chinese posts dropped for people who hold a post abroad (BuildLog.counterparts);
- review.csv: suspicious items, one per row, summarised in report.json: a name on several person
  nodes, a post one person holds at a time reported held by several over overlapping dates, labels
  that look like fragments, events without a date, persons whose name is also a place's or an
  organisation's.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kg.extract.tenure import single_holder
from kg.model import ArticleFacts
from kg.resolve.identity import IdentityDecision, PersonNode, decide, renames

# a label that starts with a day, a count or a word that begins no name: 15日颁奖典礼, 30场高峰会,
# 与政府…会议, 被视为… (a year does begin names: 2023中关村论坛)
FRAGMENT_START = re.compile(r"^(?:[0-9０-９]{1,3}[日号场次个项]|[一二三四五六七八九十]+[日号]"
                            r"|[的了和及与并从对将把被为])")
# posts of China's central bodies, which a bare title (总书记, 国家主席, 总理) is read as when no body
# is written: the ones a foreign leader named that way is wrongly given
CHINESE_NATIONAL_POSTS = ("中共中央", "国务院", "全国人大", "全国政协", "国家主席", "国家副主席", "中央军委",
                          "中央书记处", "中央政治局")
REVIEW_COLUMNS = ("check", "kind", "key", "label", "detail", "articles")


@dataclass(frozen=True)
class ReviewItem:
    check: str  # split_name | many_holders | fragment_label | undated_event | person_also_place_or_org
    kind: str  # node kind
    key: str
    label: str
    detail: str
    articles: tuple[str, ...]


@dataclass(frozen=True)
class Counterpart:
    """A Chinese post read from a bare title after the name of someone who holds a post abroad."""

    person: str  # the person's key as extracted
    org: str
    role: str
    label: str
    article: str


class BuildLog:
    """Collects, article by article, what merges.json and review.csv report."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], dict] = {}
        self.posts: dict[str, set[str]] = defaultdict(set)  # person key -> post labels
        self.authors: set[str] = set()  # names in bylines
        # single-holder post -> person key -> (day, article) where he is reported holding it
        self.holdings: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
        self.dated_events: set[str] = set()
        self.abroad: set[str] = set()  # person keys holding a post in a body abroad
        # a Chinese one-holder post, by its holder: (person key, org key, role, post label, article)
        self.single_posts: list[tuple[str, str, str, str, str]] = []

    def add(self, facts: ArticleFacts) -> None:
        article = facts.article
        for e in facts.entities:
            node = self.seen.setdefault((e.kind, e.key), {"kind": e.kind, "key": e.key, "label": e.label,
                                                           "aliases": set(), "articles": set()})
            node["aliases"].update(e.aliases)
            node["articles"].add(article.id)
            if e.kind == "event" and e.attr("date"):
                self.dated_events.add(e.key)
        self.authors.update(a.name for a in article.authors)
        day = article.dateline_date if article.dateline_date and article.dateline_date[0].isdigit() \
            else article.publication_date
        foreign = {e.key for e in facts.entities if e.kind == "org" and e.attr("level") == "foreign"}
        for t in facts.tenures:
            self.posts[t.person.key].add(t.post.label)
            if t.post.org.key in foreign:
                self.abroad.add(t.person.key)
            elif single_holder(t.post.label) and t.post.label.startswith(CHINESE_NATIONAL_POSTS):
                self.single_posts.append((t.person.key, t.post.org.key, t.post.role, t.post.label, article.id))
            if day and single_holder(t.post.label) and not t.ends:  # removed that day: a handover
                self.holdings[t.post.label][t.person.key].append((day, article.id))

    # -- identity -----------------------------------------------------------------------------

    def person_nodes(self) -> list[PersonNode]:
        return [PersonNode(key, n["label"], frozenset(self.posts.get(key, ())),
                           is_author=key == n["label"] and n["label"] in self.authors)
                for (kind, key), n in self.seen.items() if kind == "person"]

    def identities(self) -> list[IdentityDecision]:
        return decide(self.person_nodes())

    def counterparts(self, identities: list[IdentityDecision]) -> list[Counterpart]:
        """Chinese one-holder posts reported for a person who holds a post abroad in this build
        (阮富仲总书记 in one report, 越共中央总书记阮富仲 in others): a foreign leader named with a
        bare title, not a holder of 中共中央总书记. Persons are compared after identity."""
        final = renames(identities)
        abroad = {final.get(k, k) for k in self.abroad}
        return [Counterpart(person, org, role, label, article) for person, org, role, label, article
                in self.single_posts if final.get(person, person) in abroad]

    # -- merges.json --------------------------------------------------------------------------

    def merges_json(self, identities: list[IdentityDecision], counterparts: Iterable[Counterpart] = ()) -> bytes:
        merged = [
            {**n, "aliases": sorted(n["aliases"]), "articles": sorted(n["articles"])}
            for n in sorted(self.seen.values(), key=lambda n: (n["kind"], n["key"]))
            if len(n["articles"]) > 1
        ]
        apart = [{"kind": k, "label": label, "keys": keys} for (k, label), keys in self._shared_labels().items()]
        people = [{"label": d.label, "keys": list(d.keys), "merged": [{"key": a, "into": b} for a, b in d.merged],
                   "decision": d.reason} for d in identities]
        dropped = [{"person": c.person, "post": c.label, "article": c.article,
                    "decision": "dropped: the person holds a post abroad in this build; a bare title "
                                "after his name is his own country's post, not this Chinese one"}
                   for c in counterparts]
        data = {"merged": merged, "kept_apart": apart, "person_identity": people, "posts_dropped": dropped}
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")

    def _shared_labels(self) -> dict[tuple[str, str], list[str]]:
        by_label: dict[tuple[str, str], list[str]] = {}
        for (kind, key), n in sorted(self.seen.items()):
            by_label.setdefault((kind, n["label"]), []).append(key)
        return {k: keys for k, keys in by_label.items() if len(keys) > 1}

    # -- review.csv ---------------------------------------------------------------------------

    def review(self, identities: list[IdentityDecision]) -> list[ReviewItem]:
        items: list[ReviewItem] = []
        for d in identities:
            left = sorted(set(d.keys) - {a for a, _ in d.merged})
            if len(left) > 1:
                items.append(ReviewItem("split_name", "person", " ".join(left), d.label, d.reason,
                                        self._articles("person", *left)))
        for post, holders in sorted(self.holdings.items()):
            spans = sorted((min(held)[0], max(held)[0], key) for key, held in holders.items())
            overlapping = _overlapping(spans)
            if len(overlapping) > 1:
                detail = "; ".join(f"{k} {s}..{e}" for s, e, k in spans if k in overlapping)
                articles = tuple(sorted({a for k in overlapping for _, a in holders[k]}))
                items.append(ReviewItem("many_holders", "post", post, post, detail, articles))
        names = {n["label"] for (kind, _), n in self.seen.items() if kind in ("place", "org")}
        for (kind, key), n in sorted(self.seen.items()):
            label, articles = n["label"], tuple(sorted(n["articles"]))
            if kind in ("event", "org", "policy", "place", "enterprise") and _fragment(label):
                items.append(ReviewItem("fragment_label", kind, key, label, "starts like no name does", articles))
            if kind == "person" and not 2 <= len(label) <= 4 and "·" not in label:
                items.append(ReviewItem("fragment_label", kind, key, label, "unusual length for a name", articles))
            if kind == "event" and key not in self.dated_events:
                items.append(ReviewItem("undated_event", kind, key, label, "no date in its sentence or article",
                                        articles))
            if kind == "person" and label in names:
                items.append(ReviewItem("person_also_place_or_org", kind, key, label,
                                        "the same label names a place or an organisation", articles))
        return items

    def _articles(self, kind: str, *keys: str) -> tuple[str, ...]:
        return tuple(sorted({a for k in keys for a in self.seen.get((kind, k), {}).get("articles", ())}))


def _overlapping(spans: list[tuple[str, str, str]]) -> set[str]:
    """Keys of the (first day, last day, key) spans, sorted by first day, that overlap another."""
    found: set[str] = set()
    latest: tuple[str, str] | None = None  # (last day, key) of the span reaching furthest so far
    for start, end, key in spans:
        if latest is not None and start <= latest[0]:
            found.update((key, latest[1]))
        if latest is None or end > latest[0]:
            latest = (end, key)
    return found


def _fragment(label: str) -> bool:
    return bool(FRAGMENT_START.match(label)) or len(label) < 2


def review_csv(items: list[ReviewItem]) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(REVIEW_COLUMNS)
    for i in items:
        w.writerow((i.check, i.kind, i.key, i.label, i.detail, " ".join(i.articles)))
    return out.getvalue().encode("utf-8")


def review_summary(items: list[ReviewItem]) -> dict[str, int]:
    """Counts per check, for report.json."""
    return dict(sorted(Counter(i.check for i in items).items()))
