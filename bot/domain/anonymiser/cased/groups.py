"""Finnish names joined to a common noun by a spaced hyphen: "Oulun kirpparit -ryhmästä", "Lahden lastentarvikkeet
-ryhmässä". Finnish writes a multi-word name before a compound this way, so the words before " -ryhmä" are the
group's name even when they are everyday words in lower case. Only heads that name a community or a page count
("Excel -taulukko" is a product, not someone's circle).
"""

from __future__ import annotations

import re

from ..lexicon import Lexicon
from ..model import Mention
from ..morph import fi_candidates
from ..textutil import Token, norm_key

P_GROUP = 55
_GROUP_HEADS = frozenset(
    ["ryhmä", "sivu", "sivusto", "yhteisö", "palsta", "kanava", "yhdistys", "seura", "kerho", "foorumi", "chatti"]
)
_SPACED_HYPHEN_RE = re.compile(r" -([a-zäöå]+)")


def _is_group_head(word: str) -> bool:
    return bool(({word} | fi_candidates(word)) & _GROUP_HEADS)


def fi_spaced_hyphen_group(lex: Lexicon, text: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "sen löysi Facebookin Oulun kirpparit -ryhmästä": up to three words before a spaced hyphen and a community
    noun are the group's name, up to a platform ("Facebookin"), a function word or a punctuation mark; at least one
    is capitalised or no vocabulary knows it."""
    if lex.lang != "fi":
        return []
    out = []
    for m in _SPACED_HYPHEN_RE.finditer(text):
        if not _is_group_head(m.group(1)):
            continue
        before = [t for t in tokens if t.end <= m.start()][-3:]
        if not before or before[-1].end != m.start():
            continue
        run: list[Token] = []
        for t in reversed(before):
            gap = text[t.end : run[0].start] if run else " "
            w = norm_key(t.text)
            platform = bool(({w} | fi_candidates(w)) & lex.platforms)
            if gap != " " or platform or w in lex.common or w in lex.cue("org_kinds"):
                break
            run.insert(0, t)
        if not run:
            continue
        if any(t.cap or norm_key(t.text) not in lex.vocab for t in run):
            key = " ".join(norm_key(t.text) for t in run)
            out.append(Mention(run[0].start, run[-1].end, "org", key, P_GROUP))
    return out
