"""The seventh Arabic pass: places after an administrative unit, CLDR countries of several words, names introduced by
the sentence's shape, and the review's business and repeated-name suspects. Each predicate alone, then end to end."""

from __future__ import annotations

import pytest

from parley.domain.anonymiser import Anonymiser
from parley.domain.anonymiser.arabic.words import norm_ar
from parley.domain.anonymiser.scoring import evaluate

from .conftest import HERE, arabic_index, arabic_rule_span, arabic_tokens, load_jsonl, removed_ar


@pytest.mark.parametrize(
    ("text", "word", "place"),
    [
        ("مصممة من محافظة الكفرين وحابة أحكي", "محافظة", "محافظة الكفرين"),
        ("اشتغلت مع مكتب بولاية الغويرية على مخططات", "بولاية", "ولاية الغويرية"),
        ("الجمعية في مدينة صروت طلبت تطوع", "مدينة", "مدينة صروت"),
        ("العميل من بلدة كفرنجة الجديدة تأخر", "بلدة", "بلدة كفرنجة الجديدة"),
        ("انتقلنا إلى مدينة كبيرة وصار الشغل أحسن", "مدينة", None),
        ("نقلت لمدينة ثانية بعد الحرب", "لمدينة", None),
        ("اشتغلت في مدينة الرياض سنتين", "مدينة", None),  # a listed town: the gazetteer removes it alone
    ],
)
def test_after_admin_unit(anon: Anonymiser, text: str, word: str, place: str | None):
    assert arabic_rule_span(anon, "_after_admin_unit", text, word) == place


@pytest.mark.parametrize(
    ("text", "word", "place"),
    [
        ("عميلة من الولايات المتحدة طلبت ترجمة", "الولايات", "الولايات المتحدة"),
        ("الشركة مسجلة بالمملكة المتحدة بس", "بالمملكة", "المملكة المتحدة"),
        ("وصلني طلب من كوريا الجنوبية لتفريغ صوتي", "كوريا", "كوريا الجنوبية"),
        ("نقلت شغلي لجمهورية التشيك وبلشت", "لجمهورية", "جمهورية التشيك"),
        ("تقرير من الأمم المتحدة عن العمل الحر", "الأمم", None),  # no territory
        ("المملكة كلها فيها فرص", "المملكة", None),
    ],
)
def test_multi_word_country(anon: Anonymiser, text: str, word: str, place: str | None):
    assert arabic_rule_span(anon, "_multi_word_country", text, word) == place


@pytest.mark.parametrize(
    ("text", "word", "name"),
    [
        ("غيداء (مترجمة من إربد): ما استلمت شي", "غيداء", "غيداء"),
        ("سطام الهويدي (مصور أعراس): العميل اختفى", "سطام", "سطام الهويدي"),
        ("ملاحظة (مهمة): اطلبوا عربون", "ملاحظة", None),
        ("قلت له غيداء (مترجمة): لا", "غيداء", None),  # not at a line's start
    ],
)
def test_heading_speaker(anon: Anonymiser, text: str, word: str, name: str | None):
    assert arabic_rule_span(anon, "_heading_speaker", text, word) == name


@pytest.mark.parametrize(
    ("text", "word", "name"),
    [
        ('وقال الشاب "مهاوش" إنه خسر ألفي دولار', "مهاوش", "مهاوش"),
        ("قالي نادني «عجاج» بدون ألقاب", "عجاج", "عجاج"),
        ('كتب على الفاتورة "مدفوع" وما دفع', "مدفوع", None),
        ('الشاب "الطيب" ما عاد يرد', "الطيب", None),
    ],
)
def test_quoted_after_cue(anon: Anonymiser, text: str, word: str, name: str | None):
    assert arabic_rule_span(anon, "_quoted_after_cue", text, word) == name


@pytest.mark.parametrize(
    ("text", "word", "name"),
    [
        ("جاتني رسالة من شمردل يسأل عن السعر", "شمردل", "شمردل"),
        ("وصلتني مكالمة من يمان قبل يومين", "يمان", "يمان"),
        ("جاتني رسالة من الإدارة تقول انتظر", "الإدارة", None),
        ("طلعت من البيت الصبح", "البيت", None),
    ],
)
def test_after_message_from(anon: Anonymiser, text: str, word: str, name: str | None):
    assert arabic_rule_span(anon, "_after_message_from", text, word) == name


def test_names_after_self_introduction_and_kunya_are_removed(anon: Anonymiser):
    text = "مرحبا، اسمي مهاوش وأشتغل مونتاج. كفيلي بو عجاج ما دفع الراتب، والمدعو شمردل نشر اسمي في جروب."
    removed = removed_ar(anon, text)
    assert removed.get("مهاوش") == "person"
    assert removed.get("بو عجاج") == "person"
    assert removed.get("شمردل") == "person"
    assert "اسمي" not in removed and "جروب" not in removed


def test_places_after_units_and_countries_are_removed_not_the_sentence(anon: Anonymiser):
    text = "أنا من محافظة الكفرين، والعميل ساكن بالولايات المتحدة، والمكتب في مدينة كبيرة قريبة من البحر."
    removed = removed_ar(anon, text)
    assert removed.get("محافظة الكفرين") == "place"
    assert removed.get("الولايات المتحدة") == "place"
    assert not any("كبيرة" in r for r in removed)


def _suspects(anon: Anonymiser, text: str) -> list[str]:
    spans = anon.find(text, "ar")
    return [text[s.start : s.end] for s in anon.suspects(text, spans, "ar")]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("سويت منيو للمحل حقه ركن الضيافة وما دفع", "ركن الضيافة"),
        ("لا تتعاملوا مع مكتب الزهراني في الشمال", None),  # the finder removes it; the review adds nothing
    ],
)
def test_named_business_suspect(anon: Anonymiser, text: str, flagged: str | None):
    toks = arabic_tokens(text)
    found = anon._arabic_suspects.named_businesses(text, toks, anon.find(text, "ar"), [])
    assert [text[s.start : s.end] for s in found] == ([flagged] if flagged else [])


def test_trade_after_a_business_word_is_no_suspect(anon: Anonymiser):
    text = "عندي محل صيانة صغير وشركة ناشئة معي"
    toks = arabic_tokens(text)
    assert anon._arabic_suspects.named_businesses(text, toks, [], []) == []


def test_a_name_given_once_is_flagged_where_it_comes_again(anon: Anonymiser):
    text = "راسلني مصمم اسمه جاد. ما بعرف إذا جاد موجود أصلاً."
    second = text.rindex("جاد")
    assert "جاد" in removed_ar(anon, text)
    flagged = [(s.start, s.end) for s in anon.suspects(text, anon.find(text, "ar"), "ar")]
    assert (second, second + 3) in flagged or any(s.start == second for s in anon.find(text, "ar"))


def test_repeated_everyday_word_of_a_span_is_not_flagged_again(anon: Anonymiser):
    text = "مع أبو فراس مسافر عالعقبة. مسافر شهرين؟"
    toks = arabic_tokens(text)
    spans = anon.find(text, "ar")
    assert anon._arabic_suspects.names_said_again(text, toks, spans, []) == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [("الجمعية في مدينة سحاب طلبت تطوع", "سحاب"), ("بمحافظة العاصمة", None), ("انتقلنا لمدينة كبيرة", None)],
)
def test_known_word_after_admin_unit_is_a_suspect(anon: Anonymiser, text: str, flagged: str | None):
    found = _suspects(anon, text)
    assert (flagged in found) if flagged else found == []


@pytest.mark.parametrize(
    ("text", "word", "name"),
    [
        ("اشترى سيارة جديدة. ولده زيدون يقول اشتكي", "زيدون", "زيدون"),
        ("وفوق هيك قال لبنته ريماس تكتب عني", "ريماس", "ريماس"),
        ("ولده يشتغل معه في المحل", "يشتغل", None),
    ],
)
def test_after_kin_behind_a_prefix(anon: Anonymiser, text: str, word: str, name: str | None):
    assert arabic_rule_span(anon, "_after_kin", text, word) == name


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        *(("مكتب هندسي", True), ("متجر إلكتروني", True), ("سوبرماركت", True), ("لمحل الحلويات", True)),
        *(("مكتب الصفوة", False), ("وكالة زمرد", False)),
    ],
)
def test_is_kind_of_business(anon: Anonymiser, phrase: str, kind: bool):
    assert anon._arabic_suspects.is_kind_of_business(phrase) is kind


@pytest.mark.parametrize(
    ("text", "adjective"),
    [
        ("اخذ مني تصميم كامل لمكتبه", True),
        ("طلبت refund كامل من المنصة", True),
        ("العميل كامل ما رد علي", False),
        ("اشتغلت مع كامل سنتين", False),
    ],
)
def test_is_adjective_after_noun(anon: Anonymiser, text: str, adjective: bool):
    start = text.index("كامل")
    assert anon._arabic_suspects.is_adjective_after_noun(text, start, start + 4) is adjective


def test_kind_of_business_is_not_flagged_but_the_word_before_a_removed_name_is(anon: Anonymiser):
    assert _suspects(anon, "اشتغلت سنتين مع مكتب هندسي في الخبر") == []


@pytest.mark.parametrize(
    ("text", "word", "ends"),
    [
        ("طلب موقع لمحل العسل حقه", "العسل", True),
        ("عملت فيديو لمحل الموبايلات بتاعه", "الموبايلات", True),
        ("اشتغلت مع مطبعة السنابل في وسط البلد", "السنابل", False),
    ],
)
def test_org_trade_first(anon: Anonymiser, text: str, word: str, ends: bool):
    toks = arabic_tokens(text)
    assert anon._arabic._org_trade_first(text, toks, arabic_index(text, word), 0) is ends


def test_shop_trade_and_next_clause_stay_out_of_the_name(anon: Anonymiser):
    text = "عملت فيديو لمحل الموبايلات بتاعه في السوق، والمحل حقه اسمه ركن الضيافة وما دفع. واستوديو بيكسل وان ولا رد."
    removed = removed_ar(anon, text)
    assert "الموبايلات" not in removed
    assert removed.get("ركن الضيافة") == "org"
    assert any("بيكسل وان" in r for r in removed)


def test_business_word_before_a_removed_company_is_flagged_least_sure(anon: Anonymiser):
    text = "اشتغلت مع شركة الجوري للتشطيبات سنة كاملة."
    spans = anon.find(text, "ar")
    assert any(text[s.start : s.end] == "الجوري للتشطيبات" for s in spans)
    heads = anon._arabic_suspects.heads_of_removed_names(text, arabic_tokens(text), spans, [])
    assert [(text[s.start : s.end], s.confidence) for s in heads] == [("شركة", 0.3)]


def test_word_after_all_over_is_a_place_suspect(anon: Anonymiser):
    assert "الهملان" in _suspects(anon, "والبروشورات موزعة بكل الهملان ورقمه عليها")


# --- floors after the seventh pass (a regression fails here) ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "leak", "caught", "removed", "flagged"),
    [
        # measured: blind6 ar 6.0 % / 96.0 % / 1.9 % / 4.4 %, dev22_17a (own) 15.2 / 91.3 / 2.2 / 3.5
        ("heldout_blind6.jsonl", 0.07, 0.955, 0.025, 0.055),
        ("dev22_17a.jsonl", 0.18, 0.90, 0.03, 0.045),
    ],
)
def test_arabic_floor_pass7(anon: Anonymiser, name: str, leak: float, caught: float, removed: float, flagged: float):
    stories = [s for s in load_jsonl(HERE / name) if s["lang"] == "ar"]
    ar = evaluate(anon, stories).as_dict()["overall"]
    assert ar["leak_rate"] <= leak and ar["caught_of_gold"] >= caught, ar
    assert ar["removed_rate"] <= removed and ar["over_flagged_rate"] <= flagged, ar


@pytest.mark.parametrize(
    ("prev", "word", "name"),
    [("والمدير", "فهاد", True), ("المشرفة", "رغداء", True), ("المدير", "مسافر", False), ("العميل", "قريبك", False)],
)
def test_after_role_word(anon: Anonymiser, prev: str, word: str, name: bool):
    assert anon._arabic_suspects.after_role_word(word, norm_ar(prev)) is name
