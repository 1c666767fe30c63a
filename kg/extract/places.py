"""Places: administrative divisions from the gazetteer (莲都区, 丽水), and named zones such as
…新区, …开发区 whose first part jieba tags as a place name. Emits schema:AdministrativeArea with
lg:adminCode, schema:Place, schema:containedInPlace."""

from __future__ import annotations

import re

from kg.extract import NAMES, extractor
from kg.extract.context import ArticleContext
from kg.model import Entity, Ref, Relation
from kg.nlp.segment import pos_tokens
from kg.resolve.gazetteer import gazetteer
from kg.resolve.locality import is_written_form
from kg.resources import lexicon_lines

ZONE_SUFFIXES = tuple(sorted(lexicon_lines("zone_suffixes.txt"), key=len, reverse=True))
_CJK = re.compile(r"[\u4e00-\u9fff]+")


@extractor("lg.place.v1", NAMES)
def extract_places(ctx: ArticleContext):
    name = "lg.place.v1"
    g = gazetteer()
    for sentence in ctx.sentences:
        text = sentence.text
        # HMM tagging (slow) is needed only to see an unknown toponym before 新区, 开发区 …
        tokens = pos_tokens(text, hmm=any(z in text for z in ZONE_SUFFIXES))
        for i, (word, tag, start) in enumerate(tokens):
            hits = g.lookup(word) if len(word) >= 2 else ()
            if len(hits) == 1 and tag in ("ns", "nz", "n") and is_written_form(word, hits[0], ctx.locality.finest):
                d = hits[0]
                ev = ctx.evidence(sentence, start, start + len(word), name)
                yield Entity("place", g.full_name(d), d.name, ev, (word,),
                             (("adcode", d.code), ("type", "AdministrativeArea")))
                continue
            nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
            if (tag in ("ns", "nr", "nz") and 2 <= len(word) <= 4 and _CJK.fullmatch(word)
                    and nxt in ZONE_SUFFIXES):
                zone = word + nxt
                where = ctx.locality.finest
                key = f"{g.full_name(where)}{zone}" if where else ctx.scope_key(zone, "district")
                ev = ctx.evidence(sentence, start, start + len(zone), name)
                yield Entity("place", key, zone, ev, (zone,))
                if where is not None:
                    yield Relation(Ref("place", key), "containedInPlace", Ref("place", g.full_name(where)), ev)
                    yield Entity("place", g.full_name(where), where.name, ev, (where.name,),
                                 (("adcode", where.code), ("type", "AdministrativeArea")))
