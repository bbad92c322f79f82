"""Session 6 (17c) rules for cased scripts, each alone: name slots (suspects), acronyms with their long form, credit
lines, Finnish spaced-hyphen group names, a sentence-initial name with an aside, brands in work compounds."""

from __future__ import annotations

import re

import pytest

from parley.domain.anonymiser import Anonymiser
from parley.domain.anonymiser.cased import CasedFinder, slots
from parley.domain.anonymiser.cased import initial as ini
from parley.domain.anonymiser.cased.acronyms import acronym_with_long_form, long_form_start
from parley.domain.anonymiser.cased.credits import credit_labels, credit_line_orgs
from parley.domain.anonymiser.cased.groups import fi_spaced_hyphen_group
from parley.domain.anonymiser.employers import is_employment_compound
from parley.domain.anonymiser.lexicon import Lexicon, load_lexicon
from parley.domain.anonymiser.scoring import evaluate
from parley.domain.anonymiser.textutil import tokenize

from .conftest import HERE, load_jsonl


@pytest.fixture(scope="module")
def lex() -> dict[str, Lexicon]:
    return {lang: load_lexicon(lang) for lang in ("en", "fi", "ru")}


def _words(text: str, found: list) -> list[str]:
    return [text[x.start : x.end] for x in found]


def _at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


# --- suspects in a name slot --------------------------------------------------------------------------------------


def test_apposition_after_a_person_noun(lex: dict[str, Lexicon]) -> None:
    text = "the landlord, ozanne, keeps the deposit"
    assert _words(text, slots.apposition_name(lex["en"], text, tokenize(text))) == ["ozanne"]
    text = "the print shop guy, bishop, strikes again"
    assert _words(text, slots.apposition_name(lex["en"], text, tokenize(text))) == ["bishop"]
    # An everyday word in the aside is no name: "the client, however, paid".
    text = "the client, however, paid"
    assert slots.apposition_name(lex["en"], text, tokenize(text)) == []


def test_lower_case_word_after_a_person_noun(lex: dict[str, Lexicon]) -> None:
    text = "so this guy hunter messaged me"
    assert _words(text, slots.after_person_noun(lex["en"], text, tokenize(text))) == ["hunter"]
    text = "ещё и жена его оксанка в комментах пишет"
    assert _words(text, slots.after_person_noun(lex["ru"], text, tokenize(text))) == ["оксанка"]
    # A verb after the noun is the sentence going on: "the client paid", «жена его пишет».
    for lang, text in (("en", "so this guy messaged me and the client paid"), ("ru", "жена его пишет мне")):
        assert slots.after_person_noun(lex[lang], text, tokenize(text)) == []


def test_a_name_again_in_any_case(lex: dict[str, Lexicon]) -> None:
    text = "ugh. jordan from the startup again. jordan's telegram is a joke"
    named = [(*_at(text, "jordan"), "person")]
    assert _words(text, slots.name_again(lex["en"], text, tokenize(text), named)) == ["jordan's"]
    text = "mä tein sille veikalle sivut, veikka on kyl mahdoton"
    named = [(*_at(text, "veikalle"), "person")]
    assert _words(text, slots.name_again(lex["fi"], text, tokenize(text), named)) == ["veikka"]


def test_a_capitalised_name_that_is_a_word_recurs_as_the_word(lex: dict[str, Lexicon]) -> None:
    text = "Uusi asiakas Armas tilasi kirjan. Hän on armas ihminen."
    named = [(*_at(text, "Armas"), "person")]
    assert slots.name_again(lex["fi"], text, tokenize(text), named) == []


def test_an_everyday_word_flagged_once_is_not_repeated(lex: dict[str, Lexicon]) -> None:
    text = "Маркетолог ответил. Маркетолог снова ответил."
    named = [(*_at(text, "Маркетолог"), "person")]
    assert slots.name_again(lex["ru"], text, tokenize(text), named) == []


def test_first_name_before_a_removed_surname(lex: dict[str, Lexicon]) -> None:
    text = "Lionel Bishop, owns the shop."
    persons = [_at(text, "Bishop")]
    assert _words(text, slots.first_name_before_removed(lex["en"], text, tokenize(text), persons)) == ["Lionel"]
    text = "Yhteyshenkilö Lampinen sanoo että lasku on maksettu."
    persons = [_at(text, "Lampinen")]
    assert slots.first_name_before_removed(lex["fi"], text, tokenize(text), persons) == []


def test_a_name_joined_to_a_removed_name(lex: dict[str, Lexicon]) -> None:
    text = "his name is actually brent not brian, and"
    persons = [_at(text, "brent")]
    assert _words(text, slots.coordinated_with_name(lex["en"], text, tokenize(text), persons)) == ["brian"]
    text = "brent and then"
    assert slots.coordinated_with_name(lex["en"], text, tokenize(text), [_at(text, "brent")]) == []


# --- acronyms defined by their long form --------------------------------------------------------------------------


def test_long_form_start_matches_the_letters_in_order() -> None:
    text = "Kysyin neuvoa Suomen Tekstiilitaiteilijoiden liitolta"
    words = list(re.finditer(r"\w+", text))
    assert long_form_start(words, "STTL") == text.index("Suomen")
    assert long_form_start(words, "XYZ") is None


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        (
            "Kysyin neuvoa Suomen Tekstiilitaiteilijoiden liitolta (STTL), mutta STTL:stä ei vastattu.",
            ["Suomen Tekstiilitaiteilijoiden liitolta", "STTL", "STTL"],
        ),
        (
            "Обратился в Ассоциацию иллюстраторов Поволжья (АИП), в АИП посоветовали идти в суд.",
            ["Ассоциацию иллюстраторов Поволжья", "АИП", "АИП"],
        ),
        ("We send everything in one format (PDF) and the PDF is fine.", []),
    ],
)
def test_acronym_with_its_long_form(text: str, gone: list[str]) -> None:
    found = acronym_with_long_form(text, tokenize(text), [])
    assert sorted(_words(text, found)) == sorted(gone)
    assert len({m.key for m in found}) <= 1


def test_long_form_and_acronym_share_one_placeholder(anon: Anonymiser) -> None:
    text = "I wrote to the National Guild of Picture Framers (NGPF) and the NGPF said no."
    res = anon.anonymise(text, "en")
    assert res.text == "I wrote to the [company] ([company]) and the [company] said no."


# --- credit lines, Finnish group names ----------------------------------------------------------------------------


def test_credit_line_agency_is_an_organisation() -> None:
    text = "Photo: Ilse Varhaug / Nordlys Tidende"
    assert [(text[m.start : m.end], m.type) for m in credit_line_orgs(text)] == [("Nordlys Tidende", "org")]
    assert [text[s:e] for s, e in credit_labels(text)] == ["Photo"]
    text = "Kuva: Lehtikuva/Markku Ulander"
    assert _words(text, credit_line_orgs(text)) == ["Lehtikuva"]
    text = "I sent the photo / video files on monday."
    assert credit_line_orgs(text) == []


def test_credit_line_end_to_end(anon: Anonymiser) -> None:
    text = "kuvaus Antti Lehtovuori / Yle"
    assert {text[s.start : s.end]: s.type for s in anon.find(text, "fi")} == {
        "Antti Lehtovuori": "person",
        "Yle": "org",
    }
    text = 'Caption read "Photo: Ilse Varhaug / Nordlys Tidende".'
    assert "Photo" not in [text[s.start : s.end] for s in anon.find(text, "en")]


def test_finnish_group_name_before_a_spaced_hyphen(lex: dict[str, Lexicon]) -> None:
    text = "sen löysi Facebookin Oulun kirpparit -ryhmästä."
    assert _words(text, fi_spaced_hyphen_group(lex["fi"], text, tokenize(text), [])) == ["Oulun kirpparit"]
    text = "kirjoitin sen Excel -taulukkoon"
    assert fi_spaced_hyphen_group(lex["fi"], text, tokenize(text), []) == []


# --- sentence-initial names, brands in work compounds ------------------------------------------------------------


def _initial(f: CasedFinder, text: str) -> ini.Initial:
    toks = tokenize(text)
    return ini.Initial(f, text, toks[:1], toks[1])


@pytest.mark.parametrize(
    ("lang", "text", "verdict"),
    [
        ("en", "Mark, Mr. No-Boundaries, my client, never paid.", True),
        ("fi", "Aarni, meidän entinen asiakas, soitti taas.", True),
        ("ru", "Ефим, наш заказчик, не платит.", True),
        ("en", "Honestly, my client, the worst one, never paid.", None),
        ("en", "Mark, the deadline, was missed.", None),
    ],
)
def test_named_by_apposition(lex: dict[str, Lexicon], lang: str, text: str, verdict: bool | None) -> None:
    assert ini.named_by_apposition(_initial(CasedFinder(lex[lang]), text)) is verdict


def test_brand_in_a_work_compound(anon: Anonymiser) -> None:
    assert is_employment_compound("Microsoft-contractor")
    assert is_employment_compound("Яндекс-подрядчиком")
    assert not is_employment_compound("Google-style")
    text = "I took a Microsoft-contractor gig last year."
    assert [text[s.start : s.end] for s in anon.find(text, "en")] == ["Microsoft"]


# --- figures --------------------------------------------------------------------------------------------------------


def test_dev22_and_blind_sets_are_caught(anon: Anonymiser) -> None:
    """dev22_17c (25 own stories for the kinds real posts miss; first score 20.9 % not removed, 88.4 % caught) and
    blind3-6: in English, Finnish and Russian at least 98 % of identifiers are removed or flagged."""
    for name in ("dev22_17c", "heldout_blind3", "heldout_blind4", "heldout_blind5", "heldout_blind6"):
        report = evaluate(anon, load_jsonl(HERE / f"{name}.jsonl")).as_dict()
        for lang in ("en", "fi", "ru"):
            r = report["by_lang"][lang]
            assert r["caught_of_gold"] >= 0.98, (name, lang, r)
            assert r["over_flagged_rate"] <= 0.08 and r["removed_rate"] <= 0.03, (name, lang, r)
    dev = evaluate(anon, load_jsonl(HERE / "dev22_17c.jsonl")).as_dict()
    assert dev["overall"]["leak_rate"] <= 0.06, dev["overall"]


def test_finnish_bank_reference_keeps_every_group(anon: Anonymiser) -> None:
    from parley.domain.anonymiser.structured.ids import find_fi_reference

    text = "Viitenumero 12345 67891 0, eräpäivä 14.3."
    assert [text[m.start : m.end] for m in find_fi_reference(text)] == ["12345 67891 0"]
    assert find_fi_reference("viitteen mukaan 2 kpl") == []
    text = "Maksoin viitteellä 10 00012 34567 ja summa oli 120 €."
    assert [text[s.start : s.end] for s in anon.find(text, "fi")] == ["10 00012 34567"]


def test_an_acronym_taken_alone_is_an_organisation(anon: Anonymiser) -> None:
    from parley.domain.anonymiser.cased.acronyms import acronyms_are_orgs
    from parley.domain.anonymiser.model import Mention

    text = "The NWFCAB never replied. ANNA was there."
    found = [Mention(4, 10, "person", "nwfcab", 50), Mention(26, 30, "person", "anna", 50)]
    assert [m.type for m in acronyms_are_orgs(text, found, frozenset({"anna"}))] == ["org", "person"]
    text = "I complained to KLPGTA about it."
    assert [(text[s.start : s.end], s.type) for s in anon.find(text, "en")] == [("KLPGTA", "org")]


def test_national_public_services_are_neither_removed_nor_flagged(anon: Anonymiser) -> None:
    text = "Позвонил в МФЦ и в ФНС, потом в ПЦРД."
    res = anon.anonymise(text, "ru")
    assert [text[s.start : s.end] for s in res.spans] == ["ПЦРД"]
    assert res.suspects == ()


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("привёз на Советскую, 14 в Кирове, а там никто не открывает.", "Советскую, 14"),
        ("живу на Гагарина, 7, кв. 12.", "Гагарина, 7, кв. 12"),
        ("продаю на Озоне, 15 заказов в день.", ""),
    ],
)
def test_russian_street_without_the_word_street(text: str, gone: str) -> None:
    from parley.domain.anonymiser.structured.addresses import RU_BARE_STREET_RE

    assert [m.group(1) for m in RU_BARE_STREET_RE.finditer(text)] == ([gone] if gone else [])


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Заказчица из студии Лофт на Мойке (это Петербург) просила уроки.", "Лофт на Мойке"),
        ("У него мастерская Гараж 54 в Бердске.", "Гараж 54"),
        ("В кафе Ромашка 3 раза заказывали.", "Ромашка"),
    ],
)
def test_russian_venue_name_goes_on(anon: Anonymiser, text: str, name: str) -> None:
    assert (name, "org") in [(text[s.start : s.end], s.type) for s in anon.find(text, "ru")]


@pytest.mark.parametrize(
    ("text", "removed"),
    [
        ("Asiakas oli joku jarkko, eikä se vastannut viikkoon.", ["jarkko"]),
        ("omistaja oli joku aki, sukunimeä en ees muista.", ["aki"]),
        ("no niin taas. se mikko siitä laittoi viestiä", ["mikko"]),
        ("se eli pitkään", []),  # a verb after "se", shorter than a name taken there
        ("se lumi suli", []),  # a name that is also a word
    ],
)
def test_listed_name_after_spoken_se_or_joku_is_removed(anon: Anonymiser, text: str, removed: list[str]) -> None:
    assert [text[s.start : s.end] for s in anon.find(text, "fi")] == removed
