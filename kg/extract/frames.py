"""Event frames declared by data (``data/rules/frames.tsv``): which type of event a name ending in
one of a frame's words is (签约仪式: Signing, 揭牌仪式: Event, 视察活动: Inspection). Names no frame
claims are meetings."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.resources import rule_table

EVENT_TYPES = frozenset({"Meeting", "Signing", "Inspection", "Launch", "Event"})


@dataclass(frozen=True)
class Frame:
    id: str
    type: str
    endings: tuple[str, ...]


@cache
def frames() -> tuple[Frame, ...]:
    out = []
    for frame_id, etype, endings in rule_table("frames.tsv", 3):
        if etype not in EVENT_TYPES:
            raise ValueError(f"frames.tsv: frame {frame_id!r} has unknown type {etype!r}")
        out.append(Frame(frame_id, etype, tuple(endings.split("|"))))
    return tuple(out)


def frame_type(label: str, default: str = "Meeting") -> str:
    """The type of the event named *label*.

    >>> frame_type("某某合作框架协议签约仪式"), frame_type("县政府常务会议")
    ('Signing', 'Meeting')
    """
    hits = [(len(end), f.type) for f in frames() for end in f.endings if label.endswith(end)]
    return max(hits)[1] if hits else default
