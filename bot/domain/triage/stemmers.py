"""Light, dependency-free stemmers: English suffixes, Finnish cases and possessives, Russian (Snowball-like), and
Arabic clitic stripping. They only need to bring inflected forms of a cue word together, not to be linguistically
complete; cue patterns that need more use prefixes (see lexicon.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

# --- English ---------------------------------------------------------------------------------------------------

_EN_CLITIC = re.compile(r"'(?:s|re|ve|ll|d|m)$")


def strip_en_clitic(word: str) -> str:
    """Drop a possessive or contracted auxiliary: client's -> client, he'll -> he."""
    return _EN_CLITIC.sub("", word)


@lru_cache(maxsize=65536)
def stem_en(word: str) -> str:
    """Strip common English inflections (plural, -ing, -ed, -ly) from a lowercased word."""
    w = strip_en_clitic(word)
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("ied") and len(w) > 4:
        return w[:-3] + "y"
    if w != word and not word.endswith("'s"):
        return w  # a plural already: replies -> reply, not rep
    for suffix, min_len in (("ing", 3), ("ed", 3), ("ly", 4)):
        if w.endswith(suffix) and len(w) - len(suffix) >= min_len:
            w = w[: -len(suffix)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]  # stopping -> stop, but calling -> call
            break
    return w


# --- Finnish ---------------------------------------------------------------------------------------------------

_FI_CLITICS = ("kaan", "kään", "kin", "han", "hän", "pa", "pä", "ko", "kö")
_FI_POSSESSIVES = ("nsa", "nsä", "mme", "nne", "ni", "si")
# Case endings, longest first; plural markers (i/j) ride along with the case they precede.
_FI_CASES = (
    "isiin", "ihin", "iden", "itten", "issa", "issä", "ista", "istä", "illa", "illä", "ilta", "iltä", "ille", "iksi",
    "itta", "ittä", "seen", "siin", "hin", "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi", "tta",
    "ttä", "den", "tten", "jen", "ien", "ina", "inä", "ja", "jä", "na", "nä", "ta", "tä", "en", "in", "a", "ä", "n",
    "t",
)  # fmt: skip


@lru_cache(maxsize=65536)
def stem_fi(word: str) -> str:
    """Strip a Finnish clitic, possessive suffix and case ending (keeping at least 3 letters)."""
    w = word
    for group in (_FI_CLITICS, _FI_POSSESSIVES):
        for suffix in group:
            if w.endswith(suffix) and len(w) - len(suffix) >= 4:
                w = w[: -len(suffix)]
                break
    # A long vowel + n is an illative (laskuun) or a 3rd-person possessive (talossaan): strip the vowel and n.
    if len(w) >= 6 and w[-1] == "n" and w[-2] == w[-3] and w[-2] in "aeiouyäö":
        w = w[:-2]
    for suffix in _FI_CASES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


_FI_SPOKEN_WORDS = {
    "oo": "ole",
    "tiiä": "tiedä",
    "mitää": "mitään",
    "mikää": "mikään",
    "kukaa": "kukaan",
    "uus": "uusi",
}


@lru_cache(maxsize=65536)
def fi_written_forms(word: str) -> tuple[str, ...]:
    """Written-Finnish candidates for a spoken form (puhekieli): maksanu -> maksanut, siks -> siksi, oo -> ole.

    Members write as they speak ("se ei oo maksanu", "ilmaseks"); patterns are written in the standard language.
    Returns () when the word has no such reading.
    """
    out: list[str] = []
    spoken = _FI_SPOKEN_WORDS.get(word)
    if spoken:
        out.append(spoken)
    # Past participle without its final t: maksanu(t), ollu(t), menny(t), tehny(t), kertonu(t).
    if len(word) >= 4 and word[-1] in "uy" and word[-2] in "nlrs" and (word[-3] in "aeiouyäönlrsh"):
        out.append(word + "t")
    # Translative/adverb -ks(i): siks, ilmaseks, pohjaks.
    if len(word) >= 4 and word.endswith("ks"):
        out.append(word + "i")
    # Long vowel for a standard vowel pair in verbs and adjectives: haluu -> haluaa, kysyy stays, punanen -> punainen.
    if len(word) >= 5 and word.endswith(("uu", "yy")) and word[-3] not in "aeiouyäö":
        out.append(word[:-1] + ("aa" if word[-1] == "u" else "ää"))
    # -ainen/-äinen adjectives and pronouns lose their i: punanen -> punainen, jokasen -> jokaisen.
    for spoken_end, written_end in (("anen", "ainen"), ("änen", "äinen"), ("asen", "aisen"), ("äsen", "äisen")):
        if len(word) >= 6 and word.endswith(spoken_end):
            out.append(word[: -len(spoken_end)] + written_end)
    return tuple(dict.fromkeys(out))


# --- Russian (after the Snowball Russian stemmer, simplified) ---------------------------------------------------

_RU_VOWELS = "аеиоуыэюя"
_RU_PERF_GERUND_1 = ("вшись", "вши", "в")
_RU_PERF_GERUND_2 = ("ившись", "ывшись", "ивши", "ывши", "ив", "ыв")
_RU_ADJECTIVE = (
    "ими", "ыми", "его", "ого", "ему", "ому", "ее", "ие", "ые", "ое", "ей", "ий", "ый", "ой", "ем", "им", "ым", "ом",
    "их", "ых", "ую", "юю", "ая", "яя", "ою", "ею",
)  # fmt: skip
_RU_PARTICIPLE_1 = ("ем", "нн", "вш", "ющ", "щ")
_RU_PARTICIPLE_2 = ("ивш", "ывш", "ующ")
_RU_REFLEXIVE = ("ся", "сь")
_RU_VERB_1 = ("ете", "йте", "ешь", "нно", "ла", "на", "ли", "ем", "ло", "но", "ет", "ют", "ны", "ть", "й", "л", "н")
_RU_VERB_2 = (
    "ейте", "уйте", "ила", "ыла", "ена", "ите", "или", "ыли", "ило", "ыло", "ено", "ует", "уют", "ены", "ить", "ыть",
    "ишь", "ей", "уй", "ил", "ыл", "им", "ым", "ен", "ят", "ит", "ыт", "ую", "ю",
)  # fmt: skip
_RU_NOUN = (
    "иями", "ями", "ами", "ией", "иям", "ием", "иях", "ев", "ов", "ие", "ье", "еи", "ии", "ей", "ой", "ий", "ям", "ем",
    "ам", "ом", "ах", "ях", "ию", "ью", "ия", "ья", "а", "е", "и", "й", "о", "у", "ы", "ь", "ю", "я",
)  # fmt: skip


def _longest(word: str, endings: tuple[str, ...]) -> str | None:
    best = None
    for e in endings:
        if word.endswith(e) and (best is None or len(e) > len(best)):
            best = e
    return best


def _ru_strip_group(rv: str, group1: tuple[str, ...], group2: tuple[str, ...]) -> str | None:
    """Remove the longest ending; group-1 endings only count after а/я (Snowball rule)."""
    e2 = _longest(rv, group2)
    e1 = _longest(rv, group1)
    if e1 is not None and not rv[: -len(e1)].endswith(("а", "я")):
        e1 = None
    if e1 is None and e2 is None:
        return None
    if e2 is not None and (e1 is None or len(e2) >= len(e1)):
        return rv[: -len(e2)]
    assert e1 is not None
    return rv[: -len(e1)]


@lru_cache(maxsize=65536)
def stem_ru(word: str) -> str:
    """Stem a lowercased Russian word (ё already folded), Snowball-style but without the R2 refinements."""
    pos = next((i for i, ch in enumerate(word) if ch in _RU_VOWELS), None)
    if pos is None:
        return word
    head, rv = word[: pos + 1], word[pos + 1 :]
    stripped = _ru_strip_group(rv, _RU_PERF_GERUND_1, _RU_PERF_GERUND_2)
    if stripped is not None:
        rv = stripped
    else:
        refl = _longest(rv, _RU_REFLEXIVE)
        if refl:
            rv = rv[: -len(refl)]
        adj = _longest(rv, _RU_ADJECTIVE)
        if adj:
            rv = rv[: -len(adj)]
            part = _ru_strip_group(rv, _RU_PARTICIPLE_1, _RU_PARTICIPLE_2)
            if part is not None:
                rv = part
        else:
            verb = _ru_strip_group(rv, _RU_VERB_1, _RU_VERB_2)
            if verb is not None:
                rv = verb
            else:
                noun = _longest(rv, _RU_NOUN)
                if noun:
                    rv = rv[: -len(noun)]
    if rv.endswith("и"):
        rv = rv[:-1]
    for deriv in ("ость", "ост"):
        if rv.endswith(deriv) and len(rv) > len(deriv) + 2:
            rv = rv[: -len(deriv)]
            break
    if rv.endswith("нн"):
        rv = rv[:-1]
    elif rv.endswith(("ейше", "ейш")):
        rv = rv[: -(4 if rv.endswith("ейше") else 3)]
        if rv.endswith("нн"):
            rv = rv[:-1]
    elif rv.endswith("ь"):
        rv = rv[:-1]
    return head + rv


# --- Arabic ----------------------------------------------------------------------------------------------------

_AR_CONJ = ("و", "ف")
_AR_PROCLITICS = ("وال", "فال", "بال", "كال", "لل", "ال", "ب", "ل", "ك", "س")
_AR_SUFFIXES = (
    "هما",
    "كما",
    "تها",
    "هم",
    "هن",
    "كم",
    "كن",
    "نا",
    "ني",
    "ها",
    "ون",
    "ين",
    "ات",
    "وا",
    "ه",
    "ك",
    "ي",
    "ش",
)
_AR_PRONOUN_SUFFIXES = frozenset({"هما", "كما", "هم", "هن", "كم", "كن", "نا", "ني", "ها", "ه", "ك", "ي"})
_AR_VERB_PREFIX = ("ي", "ت", "ن", "ا", "ب")


@lru_cache(maxsize=65536)
def _arabic_layers(word: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], bool]:
    """(conjunction-stripped, proclitic-stripped, suffix-stripped too, self-negated) candidates of a word."""
    negated = False
    base = word
    if len(word) >= 5 and word.startswith("ما") and (word.endswith("ش") or word[2] in _AR_VERB_PREFIX):
        base = word[2:]
        negated = True
    shallow = [base]
    for c in _AR_CONJ:
        if base.startswith(c) and len(base) - 1 >= 2:
            shallow.append(base[1:])
    deep = list(shallow)
    for cand in shallow:
        for p in _AR_PROCLITICS:
            if cand.startswith(p) and len(cand) - len(p) >= 2:
                deep.append(cand[len(p) :])
                break
    out = list(deep)
    for cand in deep:
        for s in _AR_SUFFIXES:
            if cand.endswith(s) and len(cand) - len(s) >= 2:
                stem = cand[: -len(s)]
                out.append(stem)
                if stem.endswith("ت") and s in _AR_PRONOUN_SUFFIXES:
                    out.append(stem[:-1] + "ه")  # the taa marbuta reappears as ت before a pronoun: فاتورتي
                break
    return (
        tuple(dict.fromkeys(shallow)),
        tuple(dict.fromkeys(deep)),
        tuple(dict.fromkeys(out)),
        negated,
    )


def arabic_forms(word: str) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    """Return (all candidate stems, candidates with only و/ف stripped, self-negated) for a normalised word.

    Conjunctions (و ف) and proclitics (ال بال لل ب ل ك س...) are stripped in every combination that leaves at least
    two letters, then pronoun/plural suffixes. A fused dialect negation (مادفعش, مابيرد) is detected and stripped.
    """
    shallow, _, out, negated = _arabic_layers(word)
    return out, shallow, negated


def arabic_unsuffixed_forms(word: str) -> tuple[str, ...]:
    """Candidates with conjunctions and proclitics stripped but suffixes kept, for exact-only patterns (رسوم is fees,
    رسومات drawings)."""
    return _arabic_layers(word)[1]
