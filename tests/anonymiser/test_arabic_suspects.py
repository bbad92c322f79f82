"""Arabic suspects (arabic/suspects.py) and the Arabic finder rules of issue 17a: each predicate alone, then through
the anonymiser. Every name here is in none of our lists."""

from __future__ import annotations

import pytest

from parley.domain.anonymiser import Anonymiser
from parley.domain.anonymiser.arabic.suspects import ArabicSuspects
from parley.domain.anonymiser.textutil import ARABIC_WORD_RE, tokenize

from .conftest import removed_ar


@pytest.fixture(scope="module")
def sus(anon: Anonymiser) -> ArabicSuspects:
    return anon._arabic_suspects


def _reason(sus: ArabicSuspects, text: str, word: str) -> str:
    toks = tokenize(text, ARABIC_WORD_RE)
    i = next(k for k, t in enumerate(toks) if t.text == word)
    return sus.reason(text, toks, i)[1]


def _flagged(anon: Anonymiser, text: str) -> dict[str, str]:
    res = anon.anonymise(text, "ar")
    return {text[s.start : s.end]: s.type for s in res.suspects}


@pytest.mark.parametrize(
    ("text", "word", "rule"),
    [
        ("بعد التسليم زعل كتب تقييم", "زعل", "unknown_word"),
        ("والله تعبت من دغيم كل مرة", "دغيم", "unlisted_in_person_slot"),
        ("وانا انتظر ودغيم ولا كأنه", "ودغيم", "unknown_word"),
        ("المدير ضيدان وعد بالدفع", "ضيدان", "unlisted_in_person_slot"),
        ("رسالتي الاخيرة لرميح كانت", "لرميح", "unlisted_in_person_slot"),
        ("محل قطع غيار في الرصيفة وبعدين", "الرصيفة", "unlisted_in_place_slot"),
        ("كافيه في جبل اللويبدة وصاحبه", "اللويبدة", "unlisted_in_place_slot"),
        ("لمحل ورد في المرسلات وصاحبه", "المرسلات", "unlisted_in_place_slot"),  # a district named like a plural
        ("تواصلت معي لمار عن طريق انستا", "لمار", "after_verb_and_object"),
        ("بس وكيلتهم رجاء كانت سيئة", "رجاء", "name_that_is_a_word"),
    ],
)
def test_each_rule_flags_its_example(sus: ArabicSuspects, text: str, word: str, rule: str) -> None:
    assert _reason(sus, text, word) == rule


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("وكان في الاخير ما دفع الاقساط", "الاقساط"),  # an unknown definite word outside a place slot
        ("حطيت الصور في الملفات", "الملفات"),  # a plural the vocabulary holds, in a place slot
        ("قلتله نحنا متفقين عالخميس", "عالخميس"),  # على + ال glued to a weekday
        ("بعدين بطلت ترد", "بطلت"),  # a dialect verb
        ("ما خلصوهش لحد الحين", "خلصوهش"),  # negation -ش on a verb
        ("يا ريت احكيلكم القصة", "احكيلكم"),  # "I" with an object
        ("صار يحط عذر جديد", "يحط"),  # a three-letter present verb
        ("رفعت لكم مادتان جديدتان", "مادتان"),  # a dual of a known noun
        ("ارسلت لمطعمه التصاميم", "لمطعمه"),  # a known noun with its owner, behind ل
        ("هذا عميل فرنسي", "فرنسي"),  # where someone is from
        ("طلبت مني مونتاج فيديو", "مونتاج"),  # a loanword of the trade (everyday_ar.txt)
        ("صممت متجر كامل لها", "كامل"),  # a name that is also a word, after a noun: an adjective
        ("الشهرة جميل جدا", "جميل"),  # after a definite noun: what it is
        ("مسحت علي شعرها وقالت", "شعرها"),  # علي is "on", not a verb's object
        ("قالي اصبر شوي وبعدين ولسه", "ولسه"),  # و on a particle
    ],
)
def test_ordinary_words_are_not_suspects(sus: ArabicSuspects, text: str, word: str) -> None:
    assert _reason(sus, text, word) == ""


@pytest.mark.parametrize(
    ("word", "reading"),
    [("تذكيراتها", "تذكير"), ("مادتان", "ماده"), ("لمدرستها", "مدرسه"), ("رابطا", "رابط"), ("خيارى", "خياري")],
)
def test_readings_strip_prefixes_and_endings(sus: ArabicSuspects, word: str, reading: str) -> None:
    assert reading in sus.readings(word)


def test_a_final_ta_marbuta_is_no_ending(sus: ArabicSuspects) -> None:
    """الرصيفة is a district, not رصيف (pavement) + ه."""
    assert "رصيف" not in sus.readings("الرصيفة")


def test_a_short_conjoined_word_stays_whole(sus: ArabicSuspects) -> None:
    """فرات is a name, not ف + رات; فطلب is ف + طلب (a frequent word)."""
    assert "رات" not in sus.readings("فرات")
    assert "طلب" in sus.readings("فطلب")


def test_latin_brand_inside_arabic(sus: ArabicSuspects) -> None:
    text = "صممت هوية لـ Bloom وما دفعوا، والملفات على Drive بصيغة PDF"
    assert [text[s:e] for s, e in sus.latin_brands(text)] == ["Bloom"]


def test_quoted_shop_name_but_not_a_quoted_remark(sus: ArabicSuspects) -> None:
    text = 'متجر «دانتيل» وقال "مو هذا اللي ببالي"'
    assert [text[s:e] for s, e in sus.quoted_names(text)] == ["دانتيل"]


def test_suspects_through_the_anonymiser(anon: Anonymiser) -> None:
    text = "والله تعبت من دغيم، وبعد التسليم زعل كتب تقييم نجمة وما دفع شي"
    flagged = _flagged(anon, text)
    assert flagged.get("دغيم") and flagged.get("زعل") == "person"
    assert "بالدفع" not in flagged and "شي" not in flagged and "رسالة" not in flagged


# --- Arabic finder rules of this pass (removal) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("عندي محل ورد في الرصيفة وصاحبه طنش", "الرصيفة", "place"),  # _towns_after_in
        ("قابلته في كوفي بالرصيفة امس", "الرصيفة", "place"),  # _towns_after_in, with ب
        ("اشتغلت لـغنام على شعار", "غنام", "person"),  # a work verb, then ل + name
        ("رحت لنشمي في مكتبه", "نشمي", "person"),
        ("بعتلي ذعار رسالة بالليل", "ذعار", "person"),  # the subject after a verb with its object glued on
        ("مع رسيل كانت التجربة حلوة", "رسيل", "person"),  # after مع, an unknown word before a verb
        ("محل عطور الشرق في المنامة", "عطور الشرق", "org"),  # a definite word after a trade word is a name
    ],
)
def test_removed(anon: Anonymiser, text: str, value: str, kind: str) -> None:
    assert removed_ar(anon, text).get(value) == kind


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("ابن خالتي ينصحني ما اتعامل معه", "خالتي"),  # a family word after ابن
        ("ابن خالتي ينصحني ما اتعامل معه", "ينصحني"),  # a verb after a family word
        ("انا مصمم من طنطا وكان عندي عميل", "مصمم"),  # after a pronoun: what someone is
        ("تحذير من مؤسسة سنا البرق للتجارة", "تحذير"),  # a warning word opening the post
        ("ثم مضى الزبون لحال سبيله", "لحال سبيله"),  # a preposition on a frequent word
        ("وهي براند ملابس صغيرة", "ملابس صغيرة"),  # a trade word with an adjective
        ("خياري بين مطعم الصينى او المطعم الياباني", "الصينى"),  # a nisba in Egyptian spelling
        ("كانك داخل مؤسسة مقاولات فهو باكستاني", "مقاولات فهو"),  # و/ف on a pronoun ends a company name
        ("داخل مطعم حينما تراه", "حينما تراه"),  # a conjunction of time
        ("يجب أن تسمى (فخارة عظم) فهي", "فخارة عظم"),  # a bracketed thing after تسمى
        ("خدت قرار ورفعت عليه دعوى", "رفعت"),  # a listed name that is also a verb, with no cue
    ],
)
def test_not_removed(anon: Anonymiser, text: str, word: str) -> None:
    assert word not in removed_ar(anon, text)


def test_a_dialect_word_after_a_role_is_no_name(anon: Anonymiser) -> None:
    """ "وصاحبه طنش" (and its owner ignored me): a dialect verb from everyday_ar.txt, not the owner's name."""
    assert "طنش" not in removed_ar(anon, "عندي محل ورد في الرصيفة وصاحبه طنش")


def test_towns_joined_by_and_stay_towns(anon: Anonymiser) -> None:
    """و joins towns in a list: a town that is also a word is still one there."""
    text = "عندي عملاء من الرياض والخبر"
    assert removed_ar(anon, text).get("الخبر") == "place"


@pytest.mark.parametrize(
    ("text", "suspect"),
    [("دغيم الحربي ما دفع", "دغيم الحربي"), ("مع دغيم الكبير", "دغيم"), ("قال دغيم الرسمي", "دغيم")],
)
def test_family_name_after_a_flagged_name(anon: Anonymiser, text: str, suspect: str) -> None:
    """A nisba after a flagged first name is its family name (one pick); an everyday adjective is not."""
    assert suspect in _flagged(anon, text)
