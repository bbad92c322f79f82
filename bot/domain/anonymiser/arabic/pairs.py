"""Arabic names told by their shape as a pair of words, each rule a small predicate with its example.

These run before the cue-driven person rules of ArabicFinder: a compound with عبد, or a first word followed by a
family nisba (ال…ي), is a name whatever surrounds it, including names no list holds.
"""

from __future__ import annotations

from ..textutil import norm_ar
from .words import DEFINITE

# The divine names that follow عبد in compound given names (عبد الإله, عبد الرحيم): the pair is one name.
DIVINE_NAMES = frozenset(
    norm_ar(w)
    for w in [
        "الله",
        "الإله",
        "الرحمن",
        "الرحيم",
        "العزيز",
        "الكريم",
        "الملك",
        "المجيد",
        "الحميد",
        "الستار",
        "الرزاق",
        "الغني",
        "اللطيف",
        "الحكيم",
        "الودود",
        "الوهاب",
        "الباسط",
        "القادر",
        "الجبار",
        "السلام",
        "المحسن",
        "الهادي",
        "الفتاح",
        "العليم",
        "الرؤوف",
        "الخالق",
        "الباري",
        "المنعم",
        "الحليم",
        "القدوس",
        "المعطي",
        "الجليل",
        "الحي",
        "القيوم",
        "الصمد",
        "الواحد",
        "الأحد",
        "الرشيد",
        "النور",
        "الحق",
        "المؤمن",
        "المهيمن",
        "الغفور",
        "التواب",
        "الجواد",
        "الولي",
    ]
)
NOT_FAMILY = frozenset(
    norm_ar(w)
    for w in [
        # adjectives of institutions after a king's or a founder's name: "مطار الملك خالد الدولي"
        "الدولي",
        "العالمي",
        "الوطني",
        "المركزي",
        "الجامعي",
        "التجاري",
        "الصناعي",
        "الرئيسي",
        "الثاني",
        "الأول",
        "الحالي",
        "التالي",
        "الماضي",
        "النهائي",
        "الشخصي",
        "الحقيقي",
        "الأصلي",
        "الرسمي",
        "الإلكتروني",
        "الشهري",
        "اليومي",
        "الأسبوعي",
        "السنوي",
        "الفني",
        "المالي",
        "الداخلي",
        "الخارجي",
        "الكامل",
        "الجماعي",
        "المحلي",
        "الدولي",
        "العربي",
        "الأجنبي",
        "الذاتي",
    ]
)


def is_abd_compound(first: str, second: str) -> bool:
    """ "عبد الإله", "عبد الرحيم": عبد followed by a divine name is one given name, never two words."""
    return norm_ar(first) in ("عبد", "وعبد", "لعبد", "بعبد") and norm_ar(second) in DIVINE_NAMES


def is_family_nisba(word: str, frequent: frozenset[str]) -> bool:
    """ "الشاذلي", "الرشيدي": an ال-word ending in ي, long enough, and not an everyday adjective (الثاني, المالي)."""
    n = norm_ar(word)
    return n.startswith("ال") and n.endswith("ي") and len(n) >= 6 and n not in NOT_FAMILY and n not in frequent


def is_given_before_nisba(word: str, listed: bool, ordinary: bool, stop: bool) -> bool:
    """ "ياسمينة الشاذلي", "لمى الحربي": a listed name, or a word no vocabulary knows, right before a nisba.

    Never a definite noun behind a prefix: "بالمقابل المادي" is "for the fee", not a name.
    """
    n = norm_ar(word)
    if stop or n.startswith(DEFINITE) or len(n) < 3:
        return False
    if not listed and is_negated_verb(n):
        return False  # "وماحولش الباقي": "and he didn't transfer the rest"
    return listed or not ordinary


def is_negated_verb(n: str) -> bool:
    """ "ماحولش", "وماردش", "مبيردش": the Egyptian negation ما/م … ش around a verb (no name has both)."""
    core = n[1:] if n[:1] in "وف" and len(n) > 4 else n
    return core.endswith("ش") and len(core) >= 5 and core.startswith(("ما", "م"))
