"""Arabic speaks to every member, not only to men (issue 19, goal 1).

The member is addressed with forms that don't mark gender: verbal nouns on buttons, the passive, «يُرجى» + verbal
noun, undiacritized second-person forms, or (in the knowledge base) the plural of respect. This scan looks for the
masculine-only forms the language review found: singular masculine imperatives, a fatha that marks a second-person
verb as masculine (كتبتَ), and masculine adjectives about the member.
"""

from __future__ import annotations

import re

from tests.language.corpus import catalog, drafts, knowledge, member_facing, sections

# Singular masculine imperatives seen in the corpus before the fix (the feminine adds ي, the plural وا). Forms
# spelled like a verbal noun or a past tense (تصفّح، تجاوز، تقبّل، اقترح، استخدم) are left out: they are neutral.
IMPERATIVES = (
    "اكتب",
    "اكتبه",
    "اكتبها",
    "اختر",
    "اضغط",
    "شغّل",
    "شغل",
    "شارك",
    "صِف",
    "اطلب",
    "ابتعد",
    "احرص",
    "حدّد",
    "اتفق",
    "ذكّره",
    "راجع",
    "راجعه",
    "تحدّث",
    "ثق",
    "كن",
    "ابقَ",
    "دوّن",
    "اعتذر",
    "افترق",
    "أنهِ",
    "امضِ",
    "فضّل",
    "وضّح",
    "قل",
    "اسأل",
    "اسأله",
    "احصل",
    "أجب",
    "انسخ",
    "الصق",
    "صوّت",
    "عدّل",
    "اقرأ",
    "احمِ",
    "فكّر",
    "ضع",
    "تأكّد",
    "افحص",
    "امحُ",
    "امحها",
    "أبقِ",
    "أبقها",
    "اعرض",
    "صُغ",
    "أخبرني",
    "افتح",
    "افتحه",
    "تعرّف",
    "اجتهد",
    "أفصح",
    "اهدأ",
    "ترفّع",
    "اصبر",
    "أثبت",
    "التقِ",
    "أعِده",
    "أعِد",
    "ركّز",
    "تذكّر",
    "انظر",
    "خذ",
    "عد",
    "استقبل",
    "أنصت",
    "سجّل",
    "احتفظ",
    "اسعَ",
    "ادخل",
)
NEGATED = "لا تستخدم|لا تقل|لا تردّ|لا تدع|لا تتهاون|لا تقبل|لا تضغط|لا تواجهه|لا تجادله|لا تتخلَّ|لا تبدأ|لا تعتبر"
_WORD_END = r"(?=$|[\s،؛.:!؟»)])"
_IMPERATIVE = re.compile(r"(?:^|(?<=[\s«(:]))ف?(?:" + "|".join(map(re.escape, IMPERATIVES)) + ")" + _WORD_END)
_NEGATED = re.compile(r"(?:^|(?<=[\s«(]))ف?(?:" + NEGATED + ")" + _WORD_END)
# A fatha on the ت of a second-person verb makes it masculine: كتبتَ، اخترتَ، لستَ، أنجزتَ.
_MARKED_VERB = re.compile("[\u0621-\u064a]ت\u064e(?:ه|ها)?" + _WORD_END)
_MASCULINE_ADJECTIVES = re.compile("لست متأكد|لستَ|مضطرًا|مجبرًا|مجبر على|هل أنت جديد|ابقَ هادئًا")


def masculine_forms(text: str) -> list[str]:
    """The masculine-only forms of address in one Arabic text."""
    found = [m.group(0) for m in _IMPERATIVE.finditer(text)]
    found += [m.group(0) for m in _NEGATED.finditer(text)]
    found += [m.group(0) for m in _MARKED_VERB.finditer(text)]
    found += [m.group(0) for m in _MASCULINE_ADJECTIVES.finditer(text)]
    return found


def test_the_scan_catches_what_the_review_found():
    for before in (
        "كتبتَ «…» واخترتَ …",
        "اضغط «رجوع» لتجيب",
        "لست متأكدًا",
        "امحُ كل شيء",
        "لا تستخدم كلمة «ضمان»",
        "ثق بحكمك المهني",
    ):
        assert masculine_forms(before), before
    for after in ("يُرجى الضغط على «رجوع»", "محو كل شيء", "لا أدري بعد", "لا تستخدموا كلمة «ضمان»", "ثقوا بحكمكم"):
        assert not masculine_forms(after), after


def test_no_masculine_only_address_to_the_member():
    offenders = [(text, forms) for text in member_facing("ar") if (forms := masculine_forms(text))]
    assert offenders == [], offenders[:5]


def test_the_knowledge_base_uses_the_plural_of_respect():
    # Advice and ladder steps speak to every member in the plural of respect or impersonally.
    texts = knowledge("ar")
    plural = sum(bool(re.search(r"وا(?=$|[\s،؛.:])|كم(?=$|[\s،؛.:])", t)) for t in texts)
    assert plural >= 100, plural
    assert sections("ar") and catalog("ar")


def test_client_drafts_keep_the_plural_of_respect_and_a_natural_greeting():
    texts = drafts("ar")
    for text in texts:
        assert "حضرة" not in text and "US$" not in text
        assert not masculine_forms(text), text[:80]
    respectful = sum(bool(re.search(r"كم(?=$|[\s،؛.:])|تكونوا|أشكركم", text)) for text in texts)
    assert respectful * 4 >= len(texts) * 3, respectful
