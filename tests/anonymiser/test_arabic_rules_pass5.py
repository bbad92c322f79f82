"""The fifth Arabic pass: each new predicate alone on its docstring's example, then end to end (removed / kept)."""

from __future__ import annotations

import pytest

from parley.domain.anonymiser import Anonymiser
from parley.domain.anonymiser.arabic.joins import is_one_name, join_persons, title_start
from parley.domain.anonymiser.arabic.pairs import is_negated_verb
from parley.domain.anonymiser.arabic.words import is_trade_family, norm_ar
from parley.domain.anonymiser.model import Mention
from parley.domain.anonymiser.scoring import evaluate

from .conftest import HERE, arabic_index, arabic_tokens, load_jsonl, removed_ar


def _person(text: str, value: str) -> Mention:
    start = text.index(value)
    return Mention(start, start + len(value), "person", norm_ar(value), 50)


# --- joins.py: titles and parts of one name ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("زبونة اسمها الحاجة فتحية أخدت", "فتحية", "الحاجة"),
        ("كلمت والأستاذ حسام", "حسام", "الأستاذ"),  # after و the title starts
        ("ثم اختفى د. ماهر", "ماهر", "د."),
        ("الحارس عم ربيع قالي", "ربيع", "عم"),
    ],
)
def test_title_start_finds_the_title(anon: Anonymiser, text: str, name: str, title: str) -> None:
    assert title_start(text, text.index(name), anon._lex["ar"].cue("titles")) == text.index(title)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ابن عم سالم جه", "سالم"),  # a cousin: عم is kinship
        ("عنده د ماهر", "ماهر"),  # a lone letter without its dot is no title
        ("كلمت الشركة ماهر", "ماهر"),
    ],
)
def test_title_start_leaves_other_words(anon: Anonymiser, text: str, name: str) -> None:
    assert title_start(text, text.index(name), anon._lex["ar"].cue("titles")) is None


def test_parts_of_one_name_are_joined(anon: Anonymiser) -> None:
    text = "عميلة اسمها ريم بنت عبد العزيز من بريدة"
    left, right = _person(text, "ريم"), _person(text, "عبد العزيز")
    assert is_one_name(text, left, right)
    [joined] = join_persons(text, [right, left], anon._lex["ar"].cue("titles"))
    assert text[joined.start : joined.end] == "ريم بنت عبد العزيز" and joined.key == "ريم"


def test_names_apart_stay_apart() -> None:
    text = "ريم وعبد العزيز"
    assert not is_one_name(text, _person(text, "ريم"), _person(text, "عبد العزيز"))


# --- words.py / pairs.py: shapes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"), [("الصباغ", True), ("الحداد", True), ("الشمري", False), ("الاسم", False)]
)
def test_trade_family_shape(word: str, expected: bool) -> None:
    assert is_trade_family(norm_ar(word)) is expected


@pytest.mark.parametrize(("word", "expected"), [("وماحولش", True), ("مبيردش", True), ("مشمش", False), ("ماجد", False)])
def test_negated_verb_shape(word: str, expected: bool) -> None:
    assert is_negated_verb(norm_ar(word)) is expected


# --- orgs.py -------------------------------------------------------------------------------------------------------


def test_kind_after_ism_is_part_of_name(anon: Anonymiser) -> None:
    text = "لمخبز صغير اسمه مخبزة النخلة في صفاقس"
    assert anon._arabic._kind_is_part_of_name(text, arabic_tokens(text), arabic_index(text, "مخبزة"))
    text = "اشتغلت مع مخبزة النخلة"
    assert not anon._arabic._kind_is_part_of_name(text, arabic_tokens(text), arabic_index(text, "مخبزة"))


@pytest.mark.parametrize(("word", "expected"), [("شحن", True), ("صغيرة", True), ("اسمها", False), ("نبض", False)])
def test_words_that_describe_a_kind(anon: Anonymiser, word: str, expected: bool) -> None:
    assert anon._arabic._describes_kind(norm_ar(word)) is expected


def test_brand_tail_names_the_word_before_it(anon: Anonymiser) -> None:
    text = "الشركة التي يعمل لها، ميديكا بلس في طنطا"
    toks = arabic_tokens(text)
    [org] = anon._arabic._orgs_before_brand_tail(text, toks, [False] * len(toks))
    assert text[org.start : org.end] == "ميديكا بلس"
    text = "الشغل في السوشيال ميديا صعب"  # a definite everyday loanword before the tail
    toks = arabic_tokens(text)
    assert anon._arabic._orgs_before_brand_tail(text, toks, [False] * len(toks)) == []


# --- persons.py / names.py -----------------------------------------------------------------------------------------


def test_bism_before_a_name_is_a_cue(anon: Anonymiser) -> None:
    text = "منزّل على المتجر باسم أخوه مشعل"
    assert anon._arabic._bism_before_name(text, arabic_tokens(text), arabic_index(text, "باسم"))
    text = "قال لي باسم إنه مشغول"
    assert not anon._arabic._bism_before_name(text, arabic_tokens(text), arabic_index(text, "باسم"))


def test_word_after_a_number_is_counted(anon: Anonymiser) -> None:
    text = "صار الحساب ٢٨ حصة"
    assert anon._arabic._counted_after_number(text, arabic_tokens(text)[arabic_index(text, "حصة")])


def test_role_phrase_before_a_name(anon: Anonymiser) -> None:
    text = "وموظفة الموارد البشرية ريم تقول"
    assert anon._arabic._role_phrase_before(text, arabic_tokens(text), arabic_index(text, "ريم"))
    text = "في الموارد البشرية ريم"
    assert not anon._arabic._role_phrase_before(text, arabic_tokens(text), arabic_index(text, "ريم"))


def test_name_after_kin_unless_an_adverb_follows(anon: Anonymiser) -> None:
    text = "الفيلا تبع مراته منى. الاتفاق"
    assert anon._arabic._name_after_kin(text, arabic_tokens(text), arabic_index(text, "منى"))
    text = "وصديقي سعيد جدا"
    assert not anon._arabic._name_after_kin(text, arabic_tokens(text), arabic_index(text, "سعيد"))


@pytest.mark.parametrize(("word", "expected"), [("رافض", True), ("عامل", True), ("خالد", False), ("سالم", False)])
def test_participle_of_known_verb(anon: Anonymiser, word: str, expected: bool) -> None:
    assert anon._arabic._participle_of_known_verb(norm_ar(word)) is expected


def test_latin_name_after_a_business_word_is_the_business(anon: Anonymiser) -> None:
    text = "اشتغلت مع شركة Brightleaf في دبي"
    start = text.index("Brightleaf")
    person = Mention(start, start + len("Brightleaf"), "person", "brightleaf", 50)
    [org] = anon._arabic.latin_after_kind(text, arabic_tokens(text), [person])
    assert (org.start, org.end, org.type) == (person.start, person.end, "org") and org.priority > person.priority
    text = "اشتغلت مع Brightleaf في دبي"
    start = text.index("Brightleaf")
    person = Mention(start, start + len("Brightleaf"), "person", "brightleaf", 50)
    assert anon._arabic.latin_after_kind(text, arabic_tokens(text), [person]) == []


# --- places.py -----------------------------------------------------------------------------------------------------


def test_street_word_behind_a_short_prefix(anon: Anonymiser) -> None:
    assert anon._arabic._street_word("بحي") == (1, "حي")
    assert anon._arabic._street_word("بحر") is None


@pytest.mark.parametrize(
    ("word", "after", "expected"),
    [("خريص", "", True), ("الملك", "فهد", True), ("البريد", "", False), ("طويل", "", False)],
)
def test_road_names(anon: Anonymiser, word: str, after: str, expected: bool) -> None:
    assert anon._arabic._road_name(word, after) is expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("الحين جمعت الفواتير وصور المكيف", "وصور", True),  # photos of the air conditioner
        ("وأرسل لي بريده على الخاص", "بريده", True),  # his email, not the town
        ("يدفعه فعلياً كل شهر", "فعلياً", True),  # an adverb
        ("محل في صيدا القديمة", "صيدا", False),  # after في the town, with its adjective
    ],
)
def test_forms_a_town_never_takes(anon: Anonymiser, text: str, word: str, expected: bool) -> None:
    assert anon._arabic._not_a_place_form(text, arabic_tokens(text), arabic_index(text, word)) is expected


def test_unknown_word_after_a_verb_of_going(anon: Anonymiser) -> None:
    text = "رحت المنيب ملقيتش أي محل. رحت البيت بعدها"
    toks = arabic_tokens(text)
    found = anon._arabic._towns_after_motion(text, toks, [False] * len(toks))
    assert [text[m.start : m.end] for m in found] == ["المنيب"]


def test_origin_nouns(anon: Anonymiser) -> None:
    assert anon._arabic._origin_noun("فريلانسر") and anon._arabic._origin_noun("عملاء")
    assert not anon._arabic._origin_noun("فيلا")


# --- base.py / suspects.py -----------------------------------------------------------------------------------------


def test_business_word_with_its_owner(anon: Anonymiser) -> None:
    assert anon._arabic._owned_business("مكتبهم") and not anon._arabic._owned_business("مكتب")


@pytest.mark.parametrize(
    ("word", "expected"),
    [("بشتغل", True), ("وصلش", True), ("زبونة", True), ("مسروق", True), ("دغيم", False), ("الرصيفة", False)],
)
def test_dialect_form_of_a_known_word(anon: Anonymiser, word: str, expected: bool) -> None:
    assert anon._arabic_suspects.is_dialect_form_of_known(norm_ar(word)) is expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("ورقمه", True), ("ورفض", True), ("بيقول", True), ("قالّي", True), ("حداد", False), ("القضاة", False)],
)
def test_plain_word_after_a_name(anon: Anonymiser, word: str, expected: bool) -> None:
    assert anon._arabic_suspects.is_plain_after_name(word) is expected


# --- end to end ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("واحدة زبونة اسمها الحاجة مستورة أخدت ٦ عبايات", "الحاجة مستورة", "person"),
        ("عميلة ضحى السيد عبد الباري طلبت ترجمة", "ضحى السيد عبد الباري", "person"),
        ("عنده شركة صغيرة اسمها ومضة الإبداع في الشارقة", "ومضة الإبداع", "org"),
        ("طلبت من شركة توصيل اسمها قمرة إكسبرس توصل الطلبيات", "قمرة إكسبرس", "org"),
        ("واداني شيك باسم جزاع الطوالبة ورقمه غلط", "جزاع الطوالبة", "person"),
        ("ساكن في شقة بحي الزهيرات من سنتين", "حي الزهيرات", "place"),
        ("مكتب ترجمة على طريق الشبيكة صاحبه متعب", "طريق الشبيكة", "place"),
        ("صاحب مطعم على شاطئ تنس طلب صور", "شاطئ تنس", "place"),
        ("انا مصورة من سمنود وكان عندي عميل من زفتى", "زفتى", "place"),
        ("المديرة الجديدة سديل الفحام بتبعتلي كل ساعة", "سديل الفحام", "person"),
        ("ومراته وتين هي اللي بترد", "وتين", "person"),
        ("عميل بيسب ويلعن: عجلان الحداد، صاحب محل", "عجلان الحداد", "person"),
        ("وعساف قال بيحول بكرة، وطبعا ما حول", "عساف", "person"),  # و opens the clause before its subject
        ("طلب مني مطعم Zaytouna Grill منيو جديد", "Zaytouna Grill", "org"),
    ],
)
def test_removed(anon: Anonymiser, text: str, value: str, kind: str) -> None:
    assert removed_ar(anon, text).get(value) == kind


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("الحين جمعت الفواتير وصور المكيف وكل الرسائل", "صور"),
        ("وأرسل لي بريده على الخاص", "بريده"),
        ("حتى لو كان صاحب المحل قريبك", "قريبك"),
        ("ولما صار الحساب ٢٨ حصة قال انتظر", "حصة"),
        ("اتصلت بمكتبهم على الرقم وما ردوا", "بمكتبهم"),
        ("عميل بيسب ويلعن كل يوم", "بيسب"),
        ("حسابي على خمسات باسم مستخدم قديم", "مستخدم"),
        ("الشغل في السوشيال ميديا صعب", "ميديا"),
        ("رحت البيت وأنا زعلان", "البيت"),
        ("بعد التسليم قال الصور مش عاجباه وماحولش الباقي", "الباقي"),
        ("ولحد الآن بتماطل في الصور", "الصور"),  # the town صور has no article: with one it is "the photos"
        ("صاحب الشركة ابو خالد ابن عم سالم البلوشي", "عم"),
        ("وبعدين قال إنه مشغول وطبعا قال لا", "وطبعا"),
    ],
)
def test_kept(anon: Anonymiser, text: str, word: str) -> None:
    start = text.index(word)
    assert not any(s.start < start + len(word) and s.end > start for s in anon.find(text, "ar"))


# --- floors: the Arabic figures after the fifth pass (a regression fails here) -----------------------------------


@pytest.mark.parametrize(
    ("name", "leak", "caught", "removed", "flagged"),
    [
        # measured after the pass: blind3 0.9 % / 100 % / 1.7 % / 2.9 %, blind4 2.4 / 99.2 / 3.4 / 1.7,
        # blind5 6.4 / 94.1 / 1.6 / 3.6, dev20_17a (own, names in no list) 8.6 / 100 / 0.5 / 2.5
        ("heldout_blind3.jsonl", 0.03, 0.98, 0.025, 0.04),
        # blind4 flagged 1.7 -> 3.6 % in the seventh pass: the business word before a removed company is flagged
        # ("شركة [org]"; blind4's gold leaves it out, blind5/6's take it in), well inside the 8 % budget
        ("heldout_blind4.jsonl", 0.04, 0.98, 0.04, 0.045),
        ("heldout_blind5.jsonl", 0.09, 0.93, 0.025, 0.05),
        ("dev20_17a.jsonl", 0.12, 0.98, 0.015, 0.04),
    ],
)
def test_arabic_floor(anon: Anonymiser, name: str, leak: float, caught: float, removed: float, flagged: float) -> None:
    stories = [s for s in load_jsonl(HERE / name) if s["lang"] == "ar"]
    ar = evaluate(anon, stories).as_dict()["overall"]
    assert ar["leak_rate"] <= leak and ar["caught_of_gold"] >= caught, ar
    assert ar["removed_rate"] <= removed and ar["over_flagged_rate"] <= flagged, ar
