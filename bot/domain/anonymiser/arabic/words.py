"""Word lists and small word tests shared by the Arabic rules (persons, companies, places)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from ..textutil import norm_ar as _norm_ar

# The rules normalise the same few hundred words many times per story: a cache halves the finder's time.
norm_ar = lru_cache(maxsize=16384)(_norm_ar)

P_NAME = 50
CLAUSE_BREAK = '.!?؟،,:;\n«»"()'
# Words for where someone lives or works: the unlisted word after their في/من is a town or a district.
WHERE_WORDS = {
    "المكتب",
    "مكتبه",
    "مكتبها",
    "مكتبهم",
    "مقره",
    "مقرها",
    "مقرهم",
    "ساكن",
    "ساكنه",
    "ساكنين",
    "عايش",
    "عايشه",
    "مقيم",
    "مقيمه",
    "يسكن",
    "تسكن",
    "بيته",
    "بيتها",
    "محله",
    "محلها",
    "سكان",
}
# Verbs of going: the unlisted word right after them is where ("رحت المنيب", "سافرت دسوق").
MOTION_VERBS = {
    "رحت",
    "رحنا",
    "روحت",
    "روحنا",
    "سافرت",
    "سافرنا",
    "نزلت",
    "نزلنا",
    "وصلت",
    "وصلنا",
    "انتقلت",
    "انتقلنا",
    "طلعت",
    "مسافر",
    "مسافره",
    "راح",
    "راحت",
}
# Who someone is to the author or by trade: "عميل من طلخا", "انا مصمم من دسوق" (the next من/في says where).
ORIGIN_NOUNS = {
    "عميل",
    "عميله",
    "عملاء",
    "زبون",
    "زبونه",
    "زباين",
    "مصمم",
    "مصممه",
    "مترجم",
    "مترجمه",
    "مبرمج",
    "مبرمجه",
    "مطور",
    "مستقل",
    "مستقله",
    "فريلانسر",
    "مصور",
    "مصوره",
    "كاتب",
    "كاتبه",
    "تاجر",
    "تاجره",
}
# "ابن عم سالم" (a cousin of Salem): after ابن/بنت a kin word, not a father's name.
KIN_AFTER_IBN = {
    "عم",
    "عمي",
    "عمه",
    "عمها",
    "خال",
    "خالي",
    "خاله",
    "خالها",
    "عمتي",
    "خالتي",
    "اخت",
    "اخو",
    "اخي",
    "اختي",
}
# "براند ملابس صغير", "محل عطور جديد": adjectives of size and age after a trade word.
TRADE_ADJECTIVES = {"صغير", "صغيره", "كبير", "كبيره", "جديد", "جديده", "قديم", "قديمه", "نسائي", "رجالي", "اونلاين"}
# "انا مصمم من دسوق": after a personal pronoun a word says what someone is, not who.
PRONOUNS = {"انا", "انت", "انتي", "انتم", "احنا", "نحن", "هو", "هي", "هم", "كنت"}
NAME_JOINERS = {"بن", "ابن", "بنت", "ابو", "ابي", "آل", "ال", "ام"}
# After these words a name-like word is the ordinary noun or adjective: "ما في أمل" (there is no hope).
NOUN_CONTEXT = {
    "في",
    "فيه",
    "فيها",
    "بدون",
    "غير",
    "عندي",
    "عنده",
    "عندها",
    "كل",
    "اي",
    "لا",
    "ما",
    "اكثر",
    "اقل",
    "جدا",
}
FUNCTION_WORDS = [
    "في",
    "من",
    "على",
    "إلى",
    "الى",
    "عن",
    "مع",
    "بعد",
    "قبل",
    "عند",
    "حتى",
    "منذ",
    "خلال",
    "بين",
    "ضمن",
    "عبر",
    "لدى",
    "وسط",
    "داخل",
    "خارج",
    "امام",
    "خلف",
    "حسب",
    "مثل",
    "زي",
    "تحت",
    "فوق",
    "حول",
    "ضد",
    "دون",
    "بدون",
    "بدل",
    "غير",
    "سوى",
    "إلا",
    "أو",
    "او",
    "ثم",
    "لكن",
    "بس",
    "لأن",
    "لان",
    "عشان",
    "علشان",
    "لما",
    # Conjunctions of time ("داخل مطعم حينما تراه"): never part of a name.
    "حينما",
    "عندما",
    "بينما",
    "كلما",
    "طالما",
    "إذا",
    "اذا",
    "لو",
    "إن",
    "ان",
    "أن",
    "كان",
    "كانت",
    "كانوا",
    "يكون",
    "تكون",
    "صار",
    "صارت",
    "ما",
    "مو",
    "مش",
    "ليس",
    "لا",
    "لم",
    "لن",
    "قد",
    "لقد",
    "كل",
    "بعض",
    "أي",
    "اي",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "هذي",
    "هاد",
    "هيك",
    "هناك",
    "هنا",
    "هو",
    "هي",
    "هم",
    "هن",
    "أنا",
    "انا",
    "احنا",
    "نحن",
    "أنت",
    "انت",
    "اللي",
    "الذي",
    "التي",
    "الذين",
    "وين",
    "فين",
    "كيف",
    "ليش",
    "ليه",
    "متى",
    "مين",
    "شو",
    "ايش",
    "ايه",
    "اية",
    "وش",
    "شنو",
    "شنهو",
    "و",
    "يا",
    "يعني",
    "طيب",
    "اسمه",
    "اسمها",
    "الساعة",
    "اليوم",
    "امس",
    "بكرة",
    "الآن",
    "الان",
    "وقتها",
    "بعدها",
    "بعدين",
    "عليه",
    "عليها",
    "عنده",
    "عندها",
    "معه",
    "معها",
    "له",
    "لها",
    "لي",
    "منه",
    "منها",
    "فيه",
    "فيها",
    # Possessive particles of the dialects ("براند هدوم بتاعها"): never part of a name.
    "بتاع",
    "بتاعه",
    "بتاعها",
    "بتاعي",
    "بتاعتي",
    "بتاعهم",
    "تبع",
    "تبعه",
    "تبعها",
    "تبعي",
    "حق",
    "حقه",
    "حقها",
    "حقي",
    "متاع",
    "متاعه",
    "متاعها",
    "متاعو",
    "نفسه",
    "نفسها",
    "حالو",
    "ذاته",
]
FUNCTION_SET = frozenset(FUNCTION_WORDS)
# Words after which a new clause (and a new subject) begins.
CLAUSE_OPENERS = {"و", "بس", "لكن", "ثم", "بعدين", "بعدها", "بعده", "فجاه", "اليوم", "امس", "اخيرا", "طبعا", "يعني"}
NOT_FAMILY_WORDS = {"الثاني", "الاول", "الحالي", "التالي", "الماضي", "النهائي", "الشخصي", "الحقيقي", "الاصلي", "الرسمي"}
# "مطار الملك خالد الدولي": adjectives of institutions named after someone, never their family name.
NOT_FAMILY_WORDS |= {"الدولي", "العالمي", "الوطني", "المركزي", "الجامعي", "التجاري", "الصناعي", "الرئيسي"}
STRONG_PERSON_CUES = {
    # "شيك باسم سعيد منصور", "عميل باسم عمر الخياط": "in the name of" (the given name باسم needs other cues)
    "باسم",
    # "اسمي نوفل", "المدعو خلدون": a self-introduction and the news register's "the so-called"
    "اسمي",
    "المدعو",
    "المدعوه",
    "اسمه",
    "اسمها",
    "اسمو",
    "سميته",
    "سميتو",
    "سميتها",
    "يدعي",
    "يدعى",
    "تدعي",
    "تدعى",
    "يسمي",
    "يسمى",
    "تسمي",
    "تسمى",
}


Found = tuple[int, int, int] | None
# Second halves of compound given names: حسام الدين, نور الهدى, فتح الله, عبد الرحمن.
ONLINE_KINDS = {"موقع", "متجر", "تطبيق"}
# Offices described by an adjective of their trade: مكتب هندسي, شركة عقارية, مركز طبي.
OFFICE_KINDS = {"مكتب", "شركه", "مركز", "مؤسسه", "مصنع", "ورشه", "معرض", "مختبر", "عياده"}
COMPOUND_TAILS = {"الدين", "الهدى", "الله", "الرحمن", "الاسلام", "الحق", "الزمان", "الرحيم"}


def is_adverb(word: str) -> bool:
    """ "فعلاً", "فعلًا", "تقريباً": the tanween of the accusative ends adverbs and counts, never a name."""
    return word.endswith(("اً", "ًا", "ً"))


def is_trade_family(n: str) -> bool:
    """ "الصباغ", "الحداد", "الجمال", "النجار": an ال-word of the shape فعّال, the trade family names take (the
    same words are ordinary nouns too, so a name must stand right before)."""
    return len(n) == 6 and n.startswith("ال") and n[4] == "ا" and n[2] != "ا" and n[3] != "ا"


def is_compound_tail(core: str) -> bool:
    """ "حسام الدين", "نور الهدى": الدين after a given name is the second half of it, not "the religion"."""
    return core in COMPOUND_TAILS


def is_tatweel_prefixed(word: str, prefix: int) -> bool:
    """ "لـجمال", "بـأمل": the stretched prefix sets a name apart from the preposition, so even a name that is
    also a word (جمال "beauty", أمل "hope") is the name."""
    return prefix >= 2 and word[prefix - 1 : prefix] == "ـ"


# The article, alone or behind a one-letter prefix: الشركة, بالمقابل, والعميل, للمشروع.
DEFINITE = ("ال", "بال", "وال", "فال", "كال", "لل")


def nisba_forms(places: Iterable[str], names: frozenset[str]) -> frozenset[str]:
    """ "سعودي", "كويتية", "حلبي": the adjective of a country or town (where someone is from), never a given name.

    Generated from the normalised country and town lists: السعودية -> سعودي, مصر -> مصري/مصريه, سوريا -> سوري.
    Forms that are also listed given names (رامي) are left out.
    """
    out = set()
    for place in places:
        base = place.removeprefix("ال")
        if " " in base or len(base) < 3:
            continue
        stems = {base[:-1]} if base.endswith("يه") else {base, base[:-1]} if base[-1] in "اه" else {base}
        for stem in stems:
            masc = stem if stem.endswith("ي") else stem + "ي"
            out.update((masc, masc + "ه"))
    return frozenset(w for w in out if len(w) >= 4 and w not in names)


def no_conj(word: str) -> str:
    """واتصلت -> اتصلت: a conjunction glued to a cue word does not change the cue."""
    return word[1:] if len(word) > 3 and word[0] in "وف" else word
