"""Each Arabic cue, company stop rule and place rule alone, on the example its docstring gives."""

from __future__ import annotations

import pytest

from parley.domain.anonymiser import Anonymiser
from parley.domain.anonymiser.arabic.cues import Around
from parley.domain.anonymiser.textutil import ARABIC_WORD_RE, tokenize


def _at(anon: Anonymiser, text: str, word: str) -> Around:
    toks = tokenize(text, ARABIC_WORD_RE)
    i = next(k for k, t in enumerate(toks) if t.text == word)
    return Around.at(anon._arabic, text, toks, i)


@pytest.mark.parametrize(
    ("cue", "text", "word", "core"),
    [
        ("_cue_latin_role", "والـclient ميسون ما ردت", "ميسون", "ميسون"),
        ("_cue_role_or_title", "العميل هتان اختفى", "هتان", "هتان"),
        ("_cue_role_or_title", "زوجها مؤنس رد", "مؤنس", "مؤنس"),
        ("_cue_contact_verb", "كلمت مؤنس امس", "مؤنس", "مؤنس"),
        ("_cue_with_verb_ba", "اتصلت بجسار امس", "بجسار", "جسار"),
        ("_cue_role_object", "مدير المشروع أيمن كان", "أيمن", "ايمن"),
        ("_cue_before_nisba", "عتبة الربيعي طلب", "عتبة", "عتبه"),
        ("_cue_vso_subject", "رد علي هتان بعدها", "هتان", "هتان "),
        ("_cue_sent_to", "أرسلت الملفات لريناد امس", "لريناد", "ريناد"),
        ("_cue_from_somewhere", "سرى من الحسكة طلبت تصميم", "سرى", "سرى"),
        ("_cue_subject_before_verb", "مطلق ارسل لي الملف", "مطلق", "مطلق"),
    ],
)
def test_cue_reads_name(anon: Anonymiser, cue: str, text: str, word: str, core: str) -> None:
    reading = getattr(anon._arabic, cue)(_at(anon, text, word))
    assert reading is not None and reading[1] == core


@pytest.mark.parametrize(
    ("cue", "text", "word"),
    [
        ("_cue_latin_role", "والـfile ميسون", "ميسون"),
        ("_cue_role_or_title", "العميل اختفى", "اختفى"),  # a verb after the role is no name
        ("_cue_contact_verb", "كلمت الشركة امس", "الشركة"),
        ("_cue_with_verb_ba", "اتصلت بالشركة", "بالشركة"),
        ("_cue_before_nisba", "الفريق الحربي", "الفريق"),
        ("_cue_vso_subject", "رد علي لجمال", "لجمال"),  # a prefixed word is an object, not the subject
        ("_cue_sent_to", "لريناد وحدها", "لريناد"),  # no verb of sending before it
        ("_cue_from_somewhere", "سرى من الحسكة", "سرى"),  # no verb after the place
        ("_cue_subject_before_verb", "راسلت ارسل لي", "راسلت"),  # a past verb opens the clause itself
    ],
)
def test_cue_does_not_fire(anon: Anonymiser, cue: str, text: str, word: str) -> None:
    assert getattr(anon._arabic, cue)(_at(anon, text, word)) is None


@pytest.mark.parametrize(
    ("rule", "text", "k", "count", "fires"),
    [
        ("_org_word_is_break", "شركة مدار في الرياض", 2, 1, True),
        ("_org_word_is_break", "شركة مدار", 1, 0, False),
        ("_org_preposition_ends", "متجر كامل لنجود", 2, 1, True),
        ("_org_preposition_ends", "مدار للتسويق", 1, 1, False),
        ("_org_adjective_then_preposition", "متجر كامل لنجود", 1, 0, True),
        ("_org_adjective_first", "شركة جديدة", 1, 0, True),
        ("_org_adjective_first", "شركة الفجر", 1, 0, False),
        ("_org_person_cue_ends", "شركة مدار اسمها", 2, 1, True),
        ("_org_no_name_start", "موقع إخباري", 1, 0, True),
        ("_org_place_ends", "شركة نور الرياض", 2, 1, True),
        ("_org_place_ends", "شركة نور الهدى", 2, 1, False),
    ],
)
def test_org_stop_rule_alone(anon: Anonymiser, rule: str, text: str, k: int, count: int, fires: bool) -> None:
    toks = tokenize(text, ARABIC_WORD_RE)
    assert getattr(anon._arabic, rule)(text, toks, k, count) is fires


def test_org_closing_rules(anon: Anonymiser) -> None:
    finder = anon._arabic
    assert finder._org_activity_closes("للتسويق") and not finder._org_activity_closes("مدار")
    text = "مطعم زيتون وزعتر"
    assert finder._org_and_noun_closes(text, tokenize(text, ARABIC_WORD_RE), 2, 1)


@pytest.mark.parametrize(
    ("text", "at", "prev", "span"),
    [
        ("نزلت بالرياض", 1, "نزلت", "الرياض"),
        ("سافرت الى أبو ظبي", 2, "الى", "أبو ظبي"),
        ("أنا من الأردن", 2, "من", "الأردن"),
    ],
)
def test_listed_place(anon: Anonymiser, text: str, at: int, prev: str, span: str) -> None:
    toks = tokenize(text, ARABIC_WORD_RE)
    found = anon._arabic._listed_place(text, toks, at, prev)
    assert found is not None
    first, last, prefix, _ = found
    assert text[toks[first].start + prefix : toks[last].end] == span


def test_country_needs_a_where_word(anon: Anonymiser) -> None:
    finder = anon._arabic
    assert finder._is_listed_place("الاردن", where=True)
    assert not finder._is_listed_place("الاردن", where=False)


def test_street_and_number(anon: Anonymiser) -> None:
    text = "مكتبه في شارع التحلية، رقم 12"
    toks = tokenize(text, ARABIC_WORD_RE)
    found = anon._arabic._street(text, toks, 2, "في", [False] * len(toks))
    assert found is not None and found[:2] == (2, 3)
    assert text[: anon._arabic._street_number(text, toks[3])].endswith("رقم 12")
    assert anon._arabic._street(text, toks, 2, "عن", [False] * len(toks)) is None  # "عن شارع": about, not at


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ترجمت كتاب كامل لـام مازن وطلعت", "ام مازن"),  # a kunya behind a prefix
        ("خلوني احكيلكم عن سلطان بن فهيد، عميل", "سلطان بن فهيد"),  # name + بن + name
        ("كلمت مؤمن عبد الجواد مدير التسويق", "مؤمن عبد الجواد"),  # the father's compound name in the run
        ("المديرة ريتا أبي نادر كانت تأخر", "ريتا أبي نادر"),  # أبي joins a Lebanese family name
    ],
)
def test_new_person_rules(anon: Anonymiser, text: str, name: str) -> None:
    out = anon.anonymise(text, "ar").text
    assert not set(name.split()) & set(out.split()), out


def test_nasab_needs_a_name_shape(anon: Anonymiser) -> None:
    text = "اشتريت كيس بن برازيلي"  # بن is also coffee: a common word before it is no name
    toks = tokenize(text, ARABIC_WORD_RE)
    assert anon._arabic._nasab(text, toks, 1, [False] * len(toks)) is None


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("كنت اعمل مع شركة ميراج للحلول الرقمية ش.م.م في", "ميراج للحلول الرقمية"),  # adjective after the activity
        ("صاحبة متجر لمسة ورد في جبلة", "لمسة ورد"),  # ورد is a word, not و + رد
        ("قال انه من شركة رواسي الخليج ذ.م.م وطلب", "رواسي الخليج"),  # the abbreviation ends the name
    ],
)
def test_new_company_rules(anon: Anonymiser, text: str, org: str) -> None:
    found = [text[m.start : m.end] for m in anon._arabic.find(text, []) if m.type == "org"]
    assert found == [org]


def test_nisba_is_no_name(anon: Anonymiser) -> None:
    finder = anon._arabic
    assert {"سعودي", "كويتيه", "مصري"} <= finder.nisbas
    text = "عميل سعودي من بريدة طلب شعار"
    assert "سعودي" in anon.anonymise(text, "ar").text  # where the client is from, not their name
    assert finder._org_adjective_first("شركة سعودية", tokenize("شركة سعودية", ARABIC_WORD_RE), 1, 0)


def test_places_after_someone(anon: Anonymiser) -> None:
    text = "صاحب محل العاصمة للموبايلات في باب توما طلب مني"
    assert "باب توما" in [text[m.start : m.end] for m in anon._arabic.find(text, []) if m.type == "place"]
    assert not anon._arabic._could_be_town("بخصوص", 1)  # "regarding", not ب + a town


def test_cue_before_latin_name_takes_no_arabic_word(anon: Anonymiser) -> None:
    text = "كنت اشتغل مع شركة اسمها Tawazun Labs مقرها دبي"
    assert "مقرها" in anon.anonymise(text, "ar").text


def test_arabizi_name_after_cue() -> None:
    from parley.domain.anonymiser.arabic.arabizi import arabizi_persons

    text = "sh8alt ma3 wa7ed esmo 5aled el7omsi w ba3d ma sallamt"
    assert [text[m.start : m.end] for m in arabizi_persons(text, [])] == ["5aled el7omsi"]
    assert arabizi_persons("esmo eh el client?", []) == []


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # a family name found once names the person again alone, with or without ال
        ("قال المبرمج أنس الخزرجي إن العميل طلب تطبيقا، وأضاف الخزرجي أنه", "الخزرجي", "العميل"),
        ("واحد يسمي نفسه ابو فارس العتيبي ويدعي", "ابو", "نفسه"),  # أبو before a name found by its shape
        ("يقول كلم المحاسبة هالة عطية وهي تقول", "عطية", "تقول"),  # a family name in ية after a cue and a name
        ("كان مع لمياء ووجدان من الاستوديو", "لمياء", "كان"),  # مع + a word no vocabulary knows
        ("صاحب الشركة ابو خالد ابن عم سالم البلوشي", "البلوشي", "عم"),  # ابن عم: a cousin, not a father's name
        ("خذوا بالكم من المؤسسة اللي مقرها حائل", "حائل", "المؤسسة"),  # مقرها says where
    ],
)
def test_person_and_place_rules_batch2(anon: Anonymiser, text: str, gone: str, kept: str) -> None:
    words = anon.anonymise(text, "ar").text.split()
    assert gone not in words and kept in words, words


@pytest.mark.parametrize(
    "text",
    [
        "اشتغلت مع مكتب هندسي في المدينة",  # an office described by its trade
        "التقيت بها في معرض للتصميم الشهر الماضي",  # a design fair, no company
        "استخدم تصميم من كانفا بالاخير",  # a source after a work word, no town
        "ومشاريعهم كلها بأسماء مختلفة",  # أسماء is also "names"
    ],
)
def test_no_identifier_in_plain_phrases(anon: Anonymiser, text: str) -> None:
    assert anon.anonymise(text, "ar").text == text


def test_company_rules_batch2(anon: Anonymiser) -> None:
    text = "بصراحة شركة فنار ما تستاهل"  # ف starts the name, it is no conjunction after شركة
    assert [text[m.start : m.end] for m in anon._arabic.find(text, []) if m.type == "org"] == ["فنار"]
    text = "رحت مكتب العمل قالوا لازم عقد"  # a verb after the name ends it
    toks = tokenize(text, ARABIC_WORD_RE)
    assert anon._arabic._org_word_is_break(text, toks, 3, 1)


def test_everyday_family_name_after_a_role_and_a_name(anon: Anonymiser) -> None:
    text = "قال المستقل حسام الدين عبيد من دمشق إن الشركة"
    toks = tokenize(text, ARABIC_WORD_RE)
    assert anon._arabic._word_family_before_break(text, toks, 4)  # عبيد closes the name before من
    assert "عبيد" not in anon.anonymise(text, "ar").text.split()
    text = "قال المستقل حسام الدين طلب من"  # a verb is no family name
    assert not anon._arabic._word_family_before_break(text, tokenize(text, ARABIC_WORD_RE), 4)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("حبيبنا أبو العبد صاحب الفرن بدو لوغو", "العبد", "حبيبنا"),  # a kunya with an ال-name
        ("والمحرر سليم عواد كل مرة يقول", "سليم", "يقول"),  # a name that is a word, before a listed name
        ("طلب مني ترجمة لفندق الواحة وما دفع", "الواحة", "ترجمة"),  # a hotel is a business kind
    ],
)
def test_person_and_company_rules_batch3(anon: Anonymiser, text: str, gone: str, kept: str) -> None:
    words = anon.anonymise(text, "ar").text.split()
    assert gone not in words and kept in words, words


@pytest.mark.parametrize(
    "text",
    [
        "تعاملت مع شاب من الشركة وكان محترم",  # a frequent person noun before من is no name
        "ما في امل مع هالعميل ابدا",  # "this client"
    ],
)
def test_no_name_in_person_nouns(anon: Anonymiser, text: str) -> None:
    assert anon.anonymise(text, "ar").text == text


def test_town_after_where_someone_works(anon: Anonymiser) -> None:
    text = "المكتب في الشميساني لو حد يعرف يوصل لهم"  # an unlisted district after "the office is in"
    assert [text[m.start : m.end] for m in anon._arabic.find(text, []) if m.type == "place"] == ["الشميساني"]
    text = "المكتب في الطابق الثاني"  # an ordinary word after في stays
    assert anon.anonymise(text, "ar").text == text


def test_definite_family_name_before_a_verb_and_plural_people(anon: Anonymiser) -> None:
    text = "صاحب المطعم حمزة الشريف رفض يدفع"  # الشريف is also "noble"; before a verb it closes the name
    assert "الشريف" not in anon.anonymise(text, "ar").text.split()
    text = "واشتغل مع عملاء من برا"  # clients, plural: no name
    assert "عملاء" in anon.anonymise(text, "ar").text.split()


@pytest.mark.parametrize(
    "text",
    [
        "تحاول الدخول إلى صفحة العميل فتجدها قد تبخرت",  # ف + a verb after a role word
        "ضمن مشروعها سوشال ستوديو قبضت اموال طائلة",  # a past verb after the kind word
    ],
)
def test_verbs_read_in_real_prose_are_no_names(anon: Anonymiser, text: str) -> None:
    assert anon.anonymise(text, "ar").text == text


def test_conjunction_verb_before_a_family_name(anon: Anonymiser) -> None:
    text = "قال المهندس حسام النجداوي إن البلدية، وأشار النجداوي إلى أن"
    out = anon.anonymise(text, "ar").text
    assert "وأشار" in out and "النجداوي" not in out
    text = "شركة جوال الغنية ماليا ما دفعت"  # an adverb ends a company name
    assert [text[m.start : m.end] for m in anon._arabic.find(text, []) if m.type == "org"] == ["جوال الغنية"]


def test_english_word_and_prefixed_noun_in_arabic_prose(anon: Anonymiser) -> None:
    text = "وإذا رفض العميل نستخدم Platform تكون وسيطة بيننا"  # an English word, not a person
    assert anon.anonymise(text, "ar").text == text
    text = "أقدّم عرضًا للمشروع بالمقابل المادي الذي أراه عادلا"  # a definite noun behind ب before an adjective
    assert anon.anonymise(text, "ar").text == text
    text = "اشتغلت مع Rose على الهوية"  # an English first name stays a name
    assert "Rose" not in anon.anonymise(text, "ar").text


@pytest.mark.parametrize(
    "text",
    [
        "فتحت لي بنتها وقالت الحاجة مسافرة",  # و + a verb after a kin word is no name
        "طلب موقع لجمعيته وكل ما نتفق يرجع",  # و + a function word right after a kind word is no company
        "والمدير طلع هو نفسه بحساب ثاني",  # a preposition on a common word is no family name
    ],
)
def test_check_set_false_positives(anon: Anonymiser, text: str) -> None:
    out = anon.anonymise(text, "ar").text
    assert "وقالت" in out or "وكل" in out or "بحساب" in out, out
