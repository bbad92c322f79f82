"""Light morphology: candidate base forms of inflected Finnish and Russian proper nouns.

We only need to recognise inflected forms of names we know (Mikaelille -> mikael, Анне -> анна) and to
give all inflected mentions of one entity the same key, so a small suffix table beats a full analyser
(pymorphy3 alone costs ~31 MB RSS).
"""

from __future__ import annotations

import re

from .textutil import norm_key

# Finnish case endings, possessive suffixes and clitics (longest first).
_FI_CLITICS = ("kaan", "kään", "kin", "han", "hän", "pa", "pä", "ko", "kö")
_FI_ENDINGS = tuple(
    sorted(
        {
            "ssa",
            "ssä",
            "sta",
            "stä",
            "lla",
            "llä",
            "lta",
            "ltä",
            "lle",
            "ksi",
            "tta",
            "ttä",
            "na",
            "nä",
            "n",
            "a",
            "ä",
            "ta",
            "tä",
            "seen",
            "siin",
            "hin",
            "han",
            "hen",
            "hon",
            "hun",
            "hyn",
            "hön",
            "hän",
            "ineen",
            "ine",
            "nsa",
            "nsä",
            "ni",
            "si",
            "mme",
            "nne",
            "an",
            "en",
            "in",
            "on",
            "un",
            "yn",
            "än",
            "ön",
            "ssaan",
            "ssään",
            "staan",
            "stään",
            "llaan",
            "llään",
            "ltaan",
            "ltään",
            "lleen",
            "kseen",
            "naan",
            "nään",
            "aan",
            "ään",
            "een",
            "iin",
            "oon",
            "uun",
            "yyn",
            "ia",
            "iä",
            "ja",
            "jä",
            "ita",
            "itä",
            "issa",
            "issä",
            "ista",
            "istä",
            "illa",
            "illä",
            "ilta",
            "iltä",
            "ille",
            "iksi",
            "ina",
            "inä",
            "ien",
            "iden",
            "itten",
            "ihin",
        },
        key=len,
        reverse=True,
    )
)
# Strong grade recovered from the weak grade seen in inflected stems (Pertin -> Pertti, Helsingin -> Helsinki).
_FI_GRADATION = (
    ("ng", "nk"),
    ("nn", "nt"),
    ("mm", "mp"),
    ("ll", "lt"),
    ("rr", "rt"),
    ("hd", "ht"),
    ("d", "t"),
    ("t", "tt"),
    ("k", "kk"),
    ("p", "pp"),
    ("v", "p"),
    ("j", "k"),
    ("", "k"),
)
_VOWELS = "aeiouyäö"


def fi_candidates(word: str) -> set[str]:
    """Possible nominative forms of a Finnish (proper) noun, lower-cased; includes the word itself."""
    w = norm_key(word)
    out = {w}
    if ":" in w:  # Oy:tä -> oy
        out.add(w.split(":", 1)[0])
        return out
    bases = {w}
    for cl in _FI_CLITICS:
        if w.endswith(cl) and len(w) - len(cl) >= 3:
            bases.add(w[: -len(cl)])
    stems: set[str] = set()
    for b in bases:
        for end in _FI_ENDINGS:
            if b.endswith(end) and len(b) - len(end) >= 2:
                stems.add(b[: -len(end)])
    for st in stems:
        out.add(st)
        # Illative/long vowel: Turkuun -> turku, Tampereelle -> tamperee -> tampere.
        if len(st) > 2 and st[-1] == st[-2] and st[-1] in _VOWELS:
            out.add(st[:-1])
        if st.endswith("se"):  # Virtasen -> virtanen
            out.add(st[:-2] + "nen")
        if st.endswith("kse"):  # Eliaksen -> elias, Tuomakselle -> tuomas
            out.add(st[:-3] + "s")
        if st.endswith("s") and len(st) > 3:  # Virtasta -> virtanen
            out.add(st[:-1] + "nen")
        if st[-1:] in "ie":  # Mikaelille -> mikaeli -> mikael; Hakaniemessä -> hakanieme -> hakaniemi
            out.add(st[:-1])
            out.add(st[:-1] + "i")
        if st[-1:] not in _VOWELS:
            out.add(st + "i")
        out |= _fi_strong_grade(st)
        out |= {g[:-1] + "i" for g in _fi_strong_grade(st) if g.endswith("e")}
    return out


def _fi_strong_grade(stem: str) -> set[str]:
    out = set()
    if len(stem) < 3 or stem[-1] not in _VOWELS:
        return out
    body, vowel = stem[:-1], stem[-1]
    for weak, strong in _FI_GRADATION:
        if weak == "":
            if body[-1:] in _VOWELS:  # Seinäjoella -> seinäjoe -> seinäjoki
                out.add(body + strong + ("i" if vowel == "e" else vowel))
            continue
        if (body.endswith(weak) and not body.endswith(weak * 2)) or (len(weak) == 2 and body.endswith(weak)):
            out.add(body[: -len(weak)] + strong + vowel)
    return out


def fi_stem(word: str) -> str:
    """A crude stem for grouping unknown inflected Finnish words (longest known ending removed)."""
    w = norm_key(word).split(":", 1)[0]
    for end in _FI_ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= 3:
            return w[: -len(end)]
    return w


_RU_ENDINGS = tuple(
    sorted(
        {
            "ами",
            "ями",
            "ой",
            "ою",
            "ей",
            "ею",
            "ом",
            "ем",
            "ём",
            "ым",
            "им",
            "ых",
            "их",
            "ого",
            "его",
            "ому",
            "ему",
            "ую",
            "юю",
            "ая",
            "яя",
            "ий",
            "ый",
            "а",
            "я",
            "ы",
            "и",
            "е",
            "у",
            "ю",
            "ь",
            "ии",
            "ией",
            "ию",
            "ие",
        },
        key=len,
        reverse=True,
    )
)
_RU_CONS = "бвгджзклмнпрстфхцчшщ"


def ru_candidates(word: str) -> set[str]:
    """Possible nominative forms of a Russian (proper) noun, lower-cased with ё folded to е."""
    w = norm_key(word)
    out = {w}
    for end in _RU_ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= 2:
            b = w[: -len(end)]
            out |= {b, b + "а", b + "я", b + "й", b + "ь", b + "ия", b + "ий", b + "ый", b + "ая", b + "ое"}
            # Fleeting vowel: Петра -> петр (пётр), Павла -> павел, Льва -> лев.
            if len(b) >= 3 and b[-1] in _RU_CONS and b[-2] in _RU_CONS:
                out.add(b[:-1] + "е" + b[-1])
            if len(b) >= 3 and b[-1] in _RU_CONS and b[-2] == "ь":
                out.add(b[:-2] + "е" + b[-1])
    return out


def ru_stem(word: str) -> str:
    """A crude stem for grouping unknown inflected Russian words."""
    w = norm_key(word)
    for end in _RU_ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= 3:
            return w[: -len(end)]
    return w


_RU_PATRONYMIC = re.compile(r"^[А-ЯЁ][а-яё]+(?:ович|евич|ич|овн|евн|ичн|иничн)(?:а|у|ем|е|ы|ой|ою|ом)?$")
_RU_SURNAME = re.compile(
    r"^[А-ЯЁ][а-яё]+(?:ов|ев|ёв|ин|ын|ский|цкий|ской|ская|цкая|енко|ук|юк|швили|дзе|ян|ич|их|ых)"
    r"(?:а|у|ым|ом|е|ой|ы|ых|им|ого|ому|ую|ей)?$"
)


def ru_is_patronymic(word: str) -> bool:
    """Сергеевна, Павловны, Ивановичем…"""
    return bool(_RU_PATRONYMIC.match(word))


def ru_looks_like_surname(word: str) -> bool:
    """Иванов, Сидоровой, Ковальчук, Шевченко…"""
    return bool(_RU_SURNAME.match(word))


_FI_SURNAME = re.compile(
    r"^[A-ZÅÄÖ][a-zåäö]{2,}(?:nen|sen|selle|sella|sellä|sesta|sestä|seen|seksi|sena|senä|[iu]l[aä]|[iu]l[aä]n|[iu]l[aä]lle)$"
)


def fi_looks_like_surname(word: str) -> bool:
    """Virtanen, Virtasen, Heikkilä, Mattilan…"""
    return bool(_FI_SURNAME.match(word.split(":", 1)[0]))


# Last parts of Finnish place names and of the surnames made from them, in their case stems (Nurmijärvellä,
# Rautakorven, Kiuruvedeltä, Seinäjoelle), then at most a case ending.
_FI_NATURE_RE = re.compile(
    r"[a-zåäö]{3,}(?:järv[ie]|jo(?:ki|e|ke)|lah(?:ti|de|te)|niem[ie]|mä(?:ki|e|ke)|saar[ie]|salm[ie]|ve(?:si|de|te)"
    r"|kosk[ie]|linna|kylä|ran(?:ta|na)|harju|vaara|lamp[ie]|lamm[ie]|numm[ie]|vuor[ie]|leh(?:to|do)|kor(?:pi|pe|ve)"
    r"|salo|pel(?:to|lo)|vir(?:ta|ra)|kallio|laakso|luo(?:to|do)|kan(?:gas|kaa))[a-zåäö]{0,5}"
)


def fi_nature_compound(word: str) -> bool:
    """ "Nurmijärvellä", "Rautakorpi", "Kiuruvedeltä": a compound ending in a lake, river, hill or forest word is a
    place or a surname made from one, in any case form (the everyday compounds are in the vocabulary)."""
    return bool(_FI_NATURE_RE.fullmatch(norm_key(word)))
