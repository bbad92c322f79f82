"""Per-language normalisation, stemming and cue matching (Arabic, Finnish, Russian, English)."""

from __future__ import annotations

import pytest

from parley.domain.triage.engine import get_engine
from parley.domain.triage.features import extract
from parley.domain.triage.stemmers import arabic_forms, stem_en, stem_fi, stem_ru
from parley.domain.triage.text import normalise_arabic, normalise_word, tokenise


def features_of(text: str) -> set[str]:
    return {m.feature for m in extract(get_engine().lexicon, text)}


# --- Arabic -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("أحمد", "احمد"),  # hamza on alef
        ("إلغاء", "الغاء"),  # hamza under alef
        ("آخر", "اخر"),  # madda
        ("فاتورة", "فاتوره"),  # taa marbuta
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("مُحَمَّدٌ", "محمد"),  # tashkeel
        ("مـــحـمد", "محمد"),  # tatweel
        ("٣", "3"),  # Arabic-Indic digit
    ],
)
def test_arabic_character_normalisation(raw, expected):
    assert normalise_arabic(raw) == expected


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("والعميل", "عميل"),  # و + ال
        ("بالفاتورة", "فاتوره"),  # بال
        ("للعميل", "عميل"),  # لل
        ("فالعقد", "عقد"),  # فال
        ("وسيدفع", "يدفع"),  # و + future س
        ("فاتورتي", "فاتوره"),  # suffix pronoun brings the taa marbuta back
        ("يدفعون", "يدفع"),  # plural suffix
    ],
)
def test_arabic_clitics_are_stripped(word, stem):
    forms, _, negated = arabic_forms(normalise_arabic(word))
    assert stem in forms
    assert not negated


def test_arabic_fused_dialect_negation_is_detected():
    forms, _, negated = arabic_forms(normalise_arabic("مادفعش"))
    assert negated and "دفع" in forms


def test_arabic_cues_match_through_clitics_and_spelling_variants():
    # article + preposition + taa marbuta + diacritics + tatweel on the invoice word
    assert "invoice" in features_of("أرسلت لَهُ بالفـاتورة")
    assert "contract" in features_of("والعقد")
    assert "pay!neg" in features_of("العميل لم يدفع")
    assert "pay!neg" in features_of("العميل مادفعش")


def test_arabic_ma_after_kull_is_not_a_negation():
    # "كل ما" = "whenever": the holiday is real, not negated
    feats = features_of("كل ما آخذ إجازة يتصل")
    assert "weekend_holiday" in feats and "weekend_holiday!neg" not in feats


# --- Finnish ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["laskua", "laskun", "laskuun", "laskuja", "laskussa", "laskustakin"])
def test_finnish_case_endings_strip_to_one_stem(word):
    assert stem_fi(word) == "lasku"


def test_finnish_possessive_suffix_is_stripped():
    assert stem_fi("asiakkaani") == stem_fi("asiakkaa")
    assert stem_fi("talossaan") == "talo"


@pytest.mark.parametrize("text", ["Hän ei ole maksanut laskua", "loppulasku on auki", "laskutus jäi kesken"])
def test_finnish_invoice_cue_in_inflections_and_compounds(text):
    assert "invoice" in features_of(text)


def test_finnish_abessive_means_not_done():
    assert "pay!neg" in features_of("lasku on yhä maksamatta")


# --- Russian ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "stem"), [("платит", "плат"), ("платил", "плат"), ("оплату", "оплат"), ("грубая", "груб")]
)
def test_russian_inflections_share_a_stem(word, stem):
    assert stem_ru(word) == stem


def test_russian_yo_is_folded():
    assert normalise_word("Ещё") == "еще"
    assert normalise_word("орёт") == normalise_word("орет")


@pytest.mark.parametrize("text", ["Он мне не заплатил", "заказчик не платит", "Оплату так и не перевели, не оплатили"])
def test_russian_payment_cue_across_inflections(text):
    assert "pay!neg" in features_of(text)


def test_russian_agreed_is_not_a_contract():
    # договорились (we agreed) shares a stem with договор (contract) but must not count as one
    assert "contract" not in features_of("Мы договорились о цене")


# --- English ------------------------------------------------------------------------------------------------------


def test_english_stems_and_contractions():
    assert stem_en("payments") == "payment"
    assert stem_en("invoices") == "invoice"
    assert stem_en("stopped") == "stop"
    assert stem_en("client's") == "client"
    assert "pay!neg" in features_of("he hasn't paid and doesn't answer")


def test_english_typos_are_tolerated_on_long_cue_words():
    assert "invoice" in features_of("I sent the invocie twice")  # swapped letters
    assert "insult" in features_of("he was insultting me")  # doubled letter


def test_short_words_are_not_fuzzy_matched():
    # "pat" is one edit from "pay" but too short to guess
    assert not any(f.startswith("pay") for f in features_of("he gave me a pat on the back"))


def test_tokens_keep_offsets_into_the_original_text():
    text = "Hän  ei maksa—لم يدفع"
    for t in tokenise(text):
        assert text[t.start : t.end].strip()
