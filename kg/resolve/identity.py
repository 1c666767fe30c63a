"""Which person nodes of a build are one person (docs/decisions/20261204-person-identity.md).

Within an article a person is keyed by name and the jurisdiction of his highest local post
(陕西省_赵一德), or by name alone when the article says nothing that places him (赵一德). Across
articles, a name-only node is the located node of the same name when the build has exactly one
located node of that name and nothing the name-only node is said to hold contradicts it: each of
its posts is one of the located node's posts or a short form of one (省委书记 of 海南省委书记).
Everything else stays apart and is reported: two located nodes of one name (a homonym, or one
person who moved: nothing in the text says which), or a name-only node holding a post the located
node does not (国务委员 王勇 and 西藏自治区政府副主席 王勇 are two people).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonNode:
    key: str  # the node's key: 陕西省_赵一德, or the bare name
    label: str  # the name
    posts: frozenset[str] = frozenset()  # labels of the posts the build says the node holds
    is_author: bool = False  # also an article's byline (reporters are keyed by name and paper)

    @property
    def located(self) -> bool:
        return self.key != self.label


@dataclass(frozen=True)
class IdentityDecision:
    label: str
    keys: tuple[str, ...]  # the nodes of this name
    merged: tuple[tuple[str, str], ...]  # (key, key it is merged into)
    reason: str


def _compatible(posts: frozenset[str], into: frozenset[str]) -> bool:
    """Every post in *posts* is a post in *into*, or the short form of one."""
    return all(any(q.endswith(p) for q in into) for p in posts)


def decide(nodes: Iterable[PersonNode]) -> list[IdentityDecision]:
    """One decision per name written on two or more person nodes, in name order."""
    by_label: dict[str, list[PersonNode]] = {}
    for n in nodes:
        by_label.setdefault(n.label, []).append(n)
    decisions = []
    for label, group in sorted(by_label.items()):
        if len(group) < 2:
            continue
        keys = tuple(sorted(n.key for n in group))
        located = [n for n in group if n.located]
        bare = [n for n in group if not n.located]
        if len(located) != 1:
            places = "、".join(n.key.rsplit("_", 1)[0] for n in sorted(located, key=lambda n: n.key))
            decisions.append(IdentityDecision(label, keys, (), f"kept apart: placed in {places}; "
                                                               "nothing says they are one person"))
            continue
        into = located[0]
        merged = tuple((n.key, into.key) for n in bare if not n.is_author and _compatible(n.posts, into.posts))
        kept = [n for n in bare if (n.key, into.key) not in merged]
        if merged and not kept:
            reason = f"merged: the only {label} placed anywhere is {into.key}, and nothing else is said of the name"
        elif merged:
            reason = f"partly merged; {', '.join(n.key for n in kept)} kept apart (a byline or another post)"
        else:
            why = "is a reporter's byline" if any(n.is_author for n in bare) else \
                f"holds {'、'.join(sorted(bare[0].posts - into.posts))}, which {into.key} does not"
            reason = f"kept apart: the name-only node {why}"
        decisions.append(IdentityDecision(label, keys, merged, reason))
    return decisions


def renames(decisions: Iterable[IdentityDecision]) -> dict[str, str]:
    """Key -> key it is merged into, over all *decisions*."""
    return {old: new for d in decisions for old, new in d.merged}
