"""Each rule of the cased finder alone (stops, sentence-initial words, quoted names, lower-case chat)."""

from __future__ import annotations

import pytest

from parley.domain.anonymiser import Anonymiser
from parley.domain.anonymiser.cased import CasedFinder, orgs, persons, stops
from parley.domain.anonymiser.cased import initial as ini
from parley.domain.anonymiser.lexicon import load_lexicon
from parley.domain.anonymiser.textutil import Token, tokenize


@pytest.fixture(scope="module")
def finders() -> dict[str, CasedFinder]:
    return {lang: CasedFinder(load_lexicon(lang)) for lang in ("en", "fi", "ru")}


def _tok(text: str, word: str) -> Token:
    return next(t for t in tokenize(text) if t.text == word)


def _stop(f: CasedFinder, text: str, word: str, **kw: object) -> stops.Stop:
    return stops.Stop(f, _tok(text, word), **kw)  # type: ignore[arg-type]


def test_pronoun_i(finders: dict[str, CasedFinder]) -> None:
    assert stops.pronoun_i(_stop(finders["en"], "so I'm done", "I'm"))
    assert stops.pronoun_i(_stop(finders["en"], "Ivy left", "Ivy")) is None


def test_single_letter_is_a_stop_unless_an_initial(finders: dict[str, CasedFinder]) -> None:
    f = finders["en"]
    assert stops.single_letter(_stop(f, "plan A now", "A")) is True
    assert stops.single_letter(_stop(f, "J. Smith", "J", initial=True)) is False


def test_inflected_acronym(finders: dict[str, CasedFinder]) -> None:
    assert stops.inflected_acronym(_stop(finders["en"], "sent PDFs", "PDFs"))
    assert stops.inflected_acronym(_stop(finders["en"], "sent Pdfs", "Pdfs")) is None


def test_calendar_word_may_is_a_name_without_a_time_word(finders: dict[str, CasedFinder]) -> None:
    f = finders["en"]
    assert stops.calendar_word(_stop(f, "paid on Monday", "Monday", prev="on"))
    assert stops.calendar_word(_stop(f, "in May we", "May", prev="in"))
    assert stops.calendar_word(_stop(f, "then May said", "May", prev="then", nxt="said")) is False


def test_platform_compound_and_platform(finders: dict[str, CasedFinder]) -> None:
    f = finders["fi"]
    assert stops.platform_compound(_stop(f, "Slack-kanavalla", "Slack-kanavalla"))
    assert stops.platform_or_country(_stop(finders["en"], "on Upwork", "Upwork"))
    assert stops.platform_or_country(_stop(finders["en"], "Adire Threads", "Threads", in_name=True)) is False


def test_short_acronym(finders: dict[str, CasedFinder]) -> None:
    assert stops.short_acronym(_stop(finders["en"], "the CEO", "CEO"))
    assert not stops.short_acronym(_stop(finders["en"], "the Ceo", "Ceo"))


def test_platform_remnant_and_lone_common_word(finders: dict[str, CasedFinder]) -> None:
    f = finders["en"]
    assert stops.platform_remnant(f, [_tok("Google Play", "Play")])
    assert not stops.platform_remnant(f, [_tok("Google Harriet", "Harriet")])
    assert stops.lone_common_word(f, [_tok("the Client paid", "Client")])
    assert not stops.lone_common_word(f, [_tok("the Tobias paid", "Tobias")])


def _initial(f: CasedFinder, text: str, n: int = 1) -> ini.Initial:
    toks = tokenize(text)
    return ini.Initial(f, text, toks[:n], toks[n] if len(toks) > n else None)


def test_initial_rules_one_by_one(finders: dict[str, CasedFinder]) -> None:
    en, fi, ru = finders["en"], finders["fi"], finders["ru"]
    assert ini.listed_name(_initial(fi, "Tampereella oli kylmä")) is True
    assert ini.common_word(_initial(en, "Client never paid")) is False
    assert ini.unknown_word_acting(_initial(en, "Thaddeus never paid")) is True
    assert ini.unknown_word_acting(_initial(ru, "Мелания попросила скидку")) is True
    assert ini.unknown_word_acting(_initial(ru, "Подрядчиком выступал он")) is None
    assert ini.first_of_longer_run(_initial(fi, "Mervi Laaksonen soitti", 2)) is True
    assert ini.russian_unlisted(_initial(ru, "Проект сорвался")) is False
    assert ini.finnish_case_form(_initial(fi, "Sähköposteja tuli")) is False
    assert ini.introduced_by_origin(_initial(en, "Marguerite from Fernhill Studio")) is True
    assert ini.introduced_by_origin(_initial(en, "Marguerite from there")) is None


def test_unknown_initial_is_name_by_language(finders: dict[str, CasedFinder]) -> None:
    assert ini.unknown_initial_is_name(_initial(finders["en"], "Crispin's assistant"))
    assert not ini.unknown_initial_is_name(_initial(finders["fi"], "Kuvamaisemaa ei"))
    assert not ini.unknown_initial_is_name(_initial(finders["ru"], "Созвон был вчера"))


def test_quote_rules(finders: dict[str, CasedFinder]) -> None:
    en, ru = finders["en"], finders["ru"]
    assert orgs.quote_is_a_sentence("Pay me.", "", False)
    assert orgs.quote_is_a_sentence("Blue Fern", ":", False)
    assert not orgs.quote_is_a_sentence("Blue Fern", ":", True)
    assert orgs.quote_is_named(en, "Blue Fern", False)
    assert not orgs.quote_is_named(en, "Blue fern", False)
    assert orgs.quote_is_named(ru, "Тёплый дом", False)
    assert orgs.quote_is_named(ru, "тёплый дом", True)


def test_kind_word_and_title_case(finders: dict[str, CasedFinder]) -> None:
    fi, en = finders["fi"], finders["en"]
    assert orgs.is_kind_word(fi, "käännöstoimisto")
    assert not orgs.is_kind_word(fi, "toimisto") or "toimisto" in fi.lex.cue("org_kinds")
    assert orgs.is_title_case_phrase(en, tokenize("our Creative Director")[1:])
    assert not orgs.is_title_case_phrase(en, tokenize("Tobias Wrenfield")[:2])


def test_lower_surname(finders: dict[str, CasedFinder]) -> None:
    assert persons.lower_surname(finders["en"], "fairweather")
    assert not persons.lower_surname(finders["fi"], "tilas")


@pytest.mark.parametrize(
    ("lang", "text", "gone"),
    [
        ("en", "a client named brad. brad never paid.", ["brad", "brad"]),
        ("en", "ok so ottoline from wickford wanted a logo", ["ottoline", "wickford"]),
        ("ru", "Кравчука я знал давно. Кравчук обещал заплатить.", ["Кравчука", "Кравчук"]),
    ],
)
def test_rules_through_the_anonymiser(anon: Anonymiser, lang: str, text: str, gone: list[str]) -> None:
    res = anon.anonymise(text, lang)
    assert [text[s.start : s.end] for s in res.spans] == gone, res.text


def test_org_heads_skip_legal_forms_and_everyday_words(finders: dict[str, CasedFinder]) -> None:
    from parley.domain.anonymiser.model import Mention

    fi = finders["fi"]
    found = [Mention(0, 12, "org", "saarnipuu oy", 50), Mention(20, 34, "org", "crumb & collie", 50)]
    heads = orgs.org_heads(fi, found)
    assert heads.get("saarnipuu") == "saarnipuu oy"
    assert orgs.echo_of(fi, "Saarnipuun", heads) == "saarnipuu oy"
    assert orgs.echo_of(fi, "saarnipuu", heads) == "saarnipuu oy"
    assert orgs.echo_of(fi, "Oy", heads) == ""


@pytest.mark.parametrize(
    ("lang", "text", "gone"),
    [
        ("fi", "Tein Saarnipuu Oy:lle sivut. Saarnipuun johtaja ei maksa.", ["Saarnipuu Oy", "Saarnipuun"]),
        ("en", "I did copy at Brightwell Studio. brightwell still uses it.", ["Brightwell Studio", "brightwell"]),
    ],
)
def test_echoed_company_is_the_same_company(anon: Anonymiser, lang: str, text: str, gone: list[str]) -> None:
    res = anon.anonymise(text, lang)
    assert [text[s.start : s.end] for s in res.spans] == gone, res.text
    assert len({s.placeholder for s in res.spans}) == 1


def test_finnish_name_acting(finders: dict[str, CasedFinder]) -> None:
    fi = finders["fi"]
    assert ini.finnish_name_acting(_initial(fi, "Kyllikki lupasi maksaa"))
    assert ini.finnish_name_acting(_initial(fi, "Vähäsalonen ei vastannut"))
    assert not ini.finnish_name_acting(_initial(fi, "Projektipäällikkö lupasi soittaa"))
    assert not ini.finnish_name_acting(_initial(fi, "Sähköposteja tuli paljon"))
    assert not ini.finnish_name_acting(_initial(fi, "Kyllikin kanssa sovittiin"))
    assert ini.fi_compound("projektipäällikkö", fi.lex.vocab)


@pytest.mark.parametrize(
    ("lang", "text", "gone"),
    [
        ("ru", "короче заказчик из сызрани кинул. потом удалил переписку", ["сызрани"]),
        ("fi", "no siis asiakas oli jyväskylästä. ei maksanu koskaan", ["jyväskylästä"]),
        ("en", "tbh the worst was declan. he never paid", ["declan"]),
    ],
)
def test_lower_case_chat_names_in_any_case_form(anon: Anonymiser, lang: str, text: str, gone: list[str]) -> None:
    res = anon.anonymise(text, lang)
    assert [text[s.start : s.end] for s in res.spans] == gone, res.text


def test_finnish_place_case_at_sentence_start(finders: dict[str, CasedFinder]) -> None:
    fi = finders["fi"]
    assert ini.finnish_place_case(_initial(fi, "Nastolassa asiakas maksoi")) is True
    assert ini.finnish_place_case(_initial(fi, "Asiakastapaamisessa kävi ilmi")) is None
    assert ini.finnish_place_case(_initial(fi, "Talossa oli kylmä")) is None
    assert ini.fi_compound("asiakastapaamisessa", fi.lex.vocab)
    assert ini.fi_compound("laskutusosoite", fi.lex.vocab)
    assert not ini.fi_compound("kyllikki", fi.lex.vocab)


def test_lower_case_family_name_after_a_first_name(finders: dict[str, CasedFinder]) -> None:
    fi = finders["fi"]
    text = "joku teemu pietilä tilas logon"
    toks = tokenize(text)
    fam = persons.with_family_name(fi, text, toks, toks[1])
    assert fam is not None and fam.text == "pietilä"
    assert persons.with_family_name(fi, text, toks, toks[2]) is None  # "tilas" is no family name


@pytest.mark.parametrize(
    ("lang", "text", "gone"),
    [
        ("fi", "no siis joku teemu pietilä tilas logon. ei oo maksanu", ["teemu pietilä"]),
        ("en", "lol so this guy marek kowalczuk hired me. never paid", ["marek kowalczuk"]),
        ("ru", "короче заказчик аскольд кинул на 20к. потом удалил переписку", ["аскольд"]),
    ],
)
def test_lower_case_cued_people(anon: Anonymiser, lang: str, text: str, gone: list[str]) -> None:
    res = anon.anonymise(text, lang)
    assert [text[s.start : s.end] for s in res.spans] == gone, res.text


def test_russian_dictionary_person_at_sentence_start(finders: dict[str, CasedFinder]) -> None:
    ru = finders["ru"]
    assert ini.russian_dictionary_person(_initial(ru, "Гаврилюк его фамилия")) is True
    assert ini.russian_dictionary_person(_initial(ru, "Проект сорвался")) is None


def test_english_lower_case_listed_name_in_any_register(anon: Anonymiser) -> None:
    text = "I messaged jared again on Monday. Still nothing from him."
    assert [text[s.start : s.end] for s in anon.anonymise(text, "en").spans] == ["jared"]
    text = "I will mark the invoice as overdue."
    assert anon.anonymise(text, "en").spans == ()


@pytest.mark.parametrize(
    ("word", "nature"),
    [
        ("Nurmijärvellä", True),
        ("Kiuruvedeltä", True),
        ("Rautakorven", True),
        ("Seinäjoelle", True),
        ("Asiakastapaamisessa", False),
        ("Rantakahvilassa", False),
        ("Kasvosuojassa", False),
    ],
)
def test_fi_nature_compound(word: str, nature: bool) -> None:
    assert ini.fi_nature_compound(word) is nature


def test_finnish_compound_towns_and_surnames_at_sentence_start(anon: Anonymiser) -> None:
    text = "Nurmijärvellä asiakas maksoi vasta kuukauden päästä."
    assert [text[s.start : s.end] for s in anon.anonymise(text, "fi").spans] == ["Nurmijärvellä"]
    text = "Rautakorpi ei vastannut viesteihin."
    assert [text[s.start : s.end] for s in anon.anonymise(text, "fi").spans] == ["Rautakorpi"]
    assert anon.anonymise("Kasvosuojassa oli logo.", "fi").spans == ()


def test_finnish_cues_for_names_that_are_words_and_genitives(finders: dict[str, CasedFinder]) -> None:
    fi = finders["fi"]
    assert ini.finnish_did_not(_initial(fi, "Tuuli ei vastannut kolmeen viikkoon"))
    assert not ini.finnish_did_not(_initial(fi, "Tuuli ei ole kova"))
    assert ini.finnish_rare_word_acting(_initial(fi, "Veikan kanssa sovittiin hinnasta")) is True
    assert ini.finnish_rare_word_acting(_initial(fi, "Palkkio oli pieni")) is None


def test_lower_case_inflected_listed_name_in_any_register(anon: Anonymiser) -> None:
    text = "Lopulta jannelta tuli viesti, että raha on tulossa."
    assert [text[s.start : s.end] for s in anon.anonymise(text, "fi").spans] == ["jannelta"]
    assert anon.anonymise("Lopulta tuulelta tuli suojaa.", "fi").spans == ()


def test_russian_adjective_noun_names() -> None:
    from parley.domain.anonymiser.russian import ru_adjective_noun

    assert ru_adjective_noun("Белый", "кит")
    assert ru_adjective_noun("Зелёной", "лампе")
    assert not ru_adjective_noun("Белый", "лампа")
    assert not ru_adjective_noun("Белый", "из")


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Агентство Белый кит из Казани до сих пор должно мне.", ["Белый кит", "Казани"]),
        ("Полгода работала в Зелёной лампе, потом ушла.", ["Зелёной лампе"]),
    ],
)
def test_russian_company_name_with_a_lower_case_noun(anon: Anonymiser, text: str, gone: list[str]) -> None:
    assert [text[s.start : s.end] for s in anon.anonymise(text, "ru").spans] == gone


def test_domain_tail_joins_the_company(anon: Anonymiser) -> None:
    from parley.domain.anonymiser.model import Mention

    text = "Tilasin Verkkokauppa.comin kautta."
    out = orgs.domain_tails(text, [Mention(8, 20, "person", "verkkokauppa", 50)])
    assert (out[0].start, out[0].end, out[0].type) == (8, 26, "org")
    assert [text[s.start : s.end] for s in anon.anonymise(text, "fi").spans] == ["Verkkokauppa.comin"]


def test_place_abbreviations(anon: Anonymiser) -> None:
    text = "She moved to NYC and the client was in SF."
    assert [text[s.start : s.end] for s in anon.anonymise(text, "en").spans] == ["NYC", "SF"]


# --- fifth pass: titles, lower-case echoes, Finnish "-niminen", firms "and partners", brands' branches ------------


def _found(anon: Anonymiser, text: str, lang: str) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.type) for s in anon.find(text, lang)]


def test_title_initial(finders: dict[str, CasedFinder]) -> None:
    assert persons.is_title_initial(_tok("Mrs P says", "P"))
    assert not persons.is_title_initial(_tok("Mrs Pe says", "Pe"))


def test_lowercase_echo_of_a_name_spelled_capitalised(finders: dict[str, CasedFinder]) -> None:
    anon = Anonymiser.load()
    text = "Producer Ferrand Quill promised a day rate. Then ferrand messages me, and the ferrand word means nothing."
    assert ("ferrand", "person") in _found(anon, text, "en")
    # A sentence-initial capital alone is too weak a source: "Cheque bounced. He paid by cheque."
    assert ("cheque", "person") not in _found(anon, "Cheque bounced. He paid by cheque, a second cheque.", "en")


def test_lowercase_role_name(finders: dict[str, CasedFinder]) -> None:
    f = finders["en"]
    text = "My boss gary still says no, my landlord desmond too, my client basically agreed."
    tokens = tokenize(text)
    assert [text[m.start : m.end] for m in persons.lowercase_role_name(f, text, tokens, [])] == ["gary", "desmond"]


def test_number_cue_word_is_no_name(finders: dict[str, CasedFinder]) -> None:
    assert stops.number_cue_word(_stop(finders["ru"], "Платёжка с номером", "Платёжка"))
    assert stops.number_cue_word(_stop(finders["en"], "Bill Pugh paid", "Bill")) is None


def test_short_acronym_after_a_kind_of_organisation(finders: dict[str, CasedFinder]) -> None:
    f = finders["fi"]
    assert (
        stops.short_acronym(_stop(f, "Ammattiliitto PAM neuvoi", "PAM", around=("Ammattiliitto ", " neuvoi"))) is False
    )
    assert stops.short_acronym(_stop(f, "Lähetin PDF:n", "PDF", around=("Lähetin ", ":n"))) is True


def test_english_plural_of_an_everyday_word(finders: dict[str, CasedFinder]) -> None:
    f = finders["en"]
    assert f.ordinary("Refunds")
    assert not f._english_plural("williams")  # William is a name: the plural rule says nothing


@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        ("fi", "Tein juttusarjaa Savon Viikko -nimiselle ilmaisjakelulehdelle.", [("Savon Viikko", "org")]),
        ("fi", "Tein töitä Kuusela -nimiselle miehelle.", [("Kuusela", "person")]),
        ("fi", "Ammattiliitto PAM neuvoi minua.", [("PAM", "org")]),
        ("fi", "Oon tehny asiakaspalvelua K-Market Kaukajärven kaupassa.", [("K-Market Kaukajärven", "org")]),
        ("fi", "Tilasin Upworkin Helsingistä.", [("Helsingistä", "place")]),
        ("ru", "Помощница в юрфирме Жук, Лис и партнёры пишет.", [("Жук, Лис и партнёры", "org")]),
        (
            "en",
            "I worked for Hale & Partners. Then Ada and partners left.",
            [("Hale & Partners", "org"), ("Ada", "person")],
        ),
        ("en", "His name is Joost van der Wiel, he said.", [("Joost van der Wiel", "person")]),
        ("en", "Landlord is Mr. Okafor-Lisle, lovely.", [("Mr. Okafor-Lisle", "person")]),
    ],
)
def test_fifth_pass_names_through_the_anonymiser(lang: str, text: str, found: list[tuple[str, str]]) -> None:
    assert _found(Anonymiser.load(), text, lang) == found


def test_finnish_first_name_that_is_a_word_after_the_full_name_is_flagged() -> None:
    anon = Anonymiser.load()
    text = "Uusi asiakas, Armas Räsänen, tilasi kirjan. Armas on sinänsä armas ihminen."
    res = anon.anonymise(text, "fi")
    assert [(text[s.start : s.end], s.type) for s in res.spans] == [("Armas Räsänen", "person")]
    assert [(text[s.start : s.end], s.type) for s in res.suspects] == [("Armas", "person")]


@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        (
            "ru",
            "Хозяйку все зовут тётя Люба. Много фото с тётей Верой.",
            [("тётя Люба", "person"), ("тётей Верой", "person")],
        ),
        ("ru", "у него студия shtorm media, берёт дизайнеров.", [("shtorm media", "org")]),
        ("ru", "Студия web design тоже есть.", []),
        (
            "en",
            "ugh. marcus feld from feldworks studio still hasnt paid.",
            [("marcus feld", "person"), ("feldworks studio", "org")],
        ),
    ],
)
def test_kin_address_latin_name_after_a_kind_and_lowercase_company(lang: str, text: str, found: list) -> None:
    assert _found(Anonymiser.load(), text, lang) == found


def test_lowercase_after_title(finders: dict[str, CasedFinder]) -> None:
    f = finders["en"]
    text = "one mrs abernathy-cole told me, then dr. quillfeather. ms paint is fine, dr strange too."
    found = persons.lowercase_after_title(f, text, tokenize(text), [])
    assert [text[m.start : m.end] for m in found] == ["mrs abernathy-cole", "dr. quillfeather"]


def test_lowercase_echo_leaves_surnames_that_are_words() -> None:
    anon = Anonymiser.load()
    res = anon.anonymise("Jane Price called. the price was high and jane agreed.", "en")
    assert res.text == "[client] called. the price was high and [client] agreed."


def test_legal_form_keeps_the_name_after_a_sentence_initial_verb() -> None:
    text = "Tein Hämeen Tilitoimisto Oy:lle kaksi kuukautta töitä."
    assert _found(Anonymiser.load(), text, "fi") == [("Hämeen Tilitoimisto Oy", "org")]
