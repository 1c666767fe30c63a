"""The words names are read against: post titles (roles.txt), the short names bodies start with
(org_prefixes.txt) and what may follow a name (boundary_after_name.txt). Extraction and the name
reader share them, so a title that ends a name is the same title that makes a post."""

from __future__ import annotations

import re
from functools import cache

from kg.resources import lexicon_lines, lexicon_table

ROLES = {row[0]: row[1] for row in lexicon_table("roles.txt")}
# 副 and 常务 are never dropped from a title (副委员长 is not 委员长; 常务书记): each title also with
# them, in the same body
ROLES.update({f"{modifier}{role}": kind for role, kind in list(ROLES.items()) for modifier in ("副", "常务")
              if not role.startswith(("副", "常务", "代")) and f"{modifier}{role}" not in ROLES})
# an acting holder holds the post too (代秘书长, 代理检察长): the title with 代 or 代理 is the post's
ROLES.update({f"{modifier}{role}": kind for role, kind in list(ROLES.items()) for modifier in ("代", "代理")
              if not role.startswith(("代", "常务")) and f"{modifier}{role}" not in ROLES})
# a former holder is named by the title with 原 (区人大常委会原主任; 前 for heads abroad: 美国前总统): the
# post as written, not the post held now
ROLES.update({f"原{role}": kind for role, kind in list(ROLES.items()) if not role.startswith(("原", "代"))})
ROLES.update({f"前{role}": kind for role, kind in list(ROLES.items())
              if role in ("总统", "副总统", "总理", "首相", "国务卿", "外长", "外交部长")})
# not a title: 委员会, 办事处; 部长官 (a minister of some countries: 外交部长官) is one title
ROLE_RE = re.compile("(?:" + "|".join(sorted(map(re.escape, ROLES), key=len, reverse=True)) + ")(?!会|员会|处|官)")
BOUNDARY = tuple(sorted(lexicon_lines("boundary_after_name.txt"), key=len, reverse=True))


@cache
def org_prefixes() -> dict[str, tuple[str, str]]:
    """Short names of bodies (区委, 市政府) with their level and kind."""
    return {row[0]: (row[1], row[2]) for row in lexicon_table("org_prefixes.txt")}


PREFIX_RE = re.compile("|".join(sorted(map(re.escape, org_prefixes()), key=len, reverse=True)))
TOWN_PREFIXES = frozenset(p for p, (level, _) in org_prefixes().items() if level == "town")  # 镇党委, 乡政府
