"""The cased rules for plain and one-word company names, towns after в, lower-case chat names and the cased
suspects (issue 17, dev19_17c), each alone on its docstring example and then through the anonymiser."""

from __future__ import annotations

import pytest

from parley.domain.anonymiser import Anonymiser, kinds
from parley.domain.anonymiser.cased import initial as ini
from parley.domain.anonymiser.cased import orgs, persons, register, stops
from parley.domain.anonymiser.cased import suspects as cased_suspects
from parley.domain.anonymiser.kinds import Run
from parley.domain.anonymiser.model import Mention, Suspect
from parley.domain.anonymiser.textutil import tokenize


def _run(anon: Anonymiser, lang: str, text: str, prev: str = "", words: slice = slice(None)) -> Run:
    """The run of the capitalised words of text (or a slice of all its words), as the finder would type it."""
    toks = tokenize(text)[words]
    if words == slice(None):
        toks = [t for t in toks if t.cap]
    return Run(anon._cased[lang], text, toks, prev, False)


def _typed(parts) -> list[tuple[str, str]] | None:
    return [(" ".join(t.text for t in ts), typ) for ts, typ in parts] if parts is not None else None


def _gone(anon: Anonymiser, text: str, lang: str) -> list[tuple[str, str]]:
    res = anon.anonymise(text, lang)
    return [(text[s.start : s.end], s.type) for s in res.spans]


# --- kinds.py ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "lang", "text", "prev", "expected"),
    [
        (
            "finnish_case_boundary",
            "fi",
            "Pullapuodille Ylihärmässä",
            "",
            [("Pullapuodille", "person"), ("Ylihärmässä", "place")],
        ),
        ("finnish_case_boundary", "fi", "Rautasilta Oy", "", None),
        ("kind_word_opens", "fi", "Rakennus Halmesaarelle", "", [("Rakennus Halmesaarelle", "org")]),
        ("kind_word_opens", "fi", "Kuljetus-Vääräniemi", "", [("Kuljetus-Vääräniemi", "org")]),
        ("kind_word_opens", "fi", "Hiekkaharjun Konepajalle", "", [("Hiekkaharjun Konepajalle", "org")]),
        ("kind_word_opens", "fi", "Anna-Riikka Lehtiö", "", None),
        ("after_kind_word", "fi", "Lukkarila", "tilitoimisto", [("Lukkarila", "org")]),
        ("after_kind_word", "fi", "Pekka", "firman", None),
        ("russian_place_phrase", "ru", "Нижнем Новгороде", "в", [("Нижнем Новгороде", "place")]),
        ("russian_place_phrase", "ru", "Великих Луках", "в", [("Великих Луках", "place")]),
        ("russian_place_phrase", "ru", "Нижнем Новгороде", "для", None),
        ("camel_case_brand", "ru", "КолесоПро", "", [("КолесоПро", "org")]),
        ("camel_case_brand", "en", "McKenzie", "", None),
        ("camel_case_brand", "en", "Pemberton-Shah", "", None),
    ],
)
def test_kind_rule_alone(anon: Anonymiser, rule: str, lang: str, text: str, prev: str, expected) -> None:
    assert _typed(getattr(kinds, rule)(_run(anon, lang, text, prev))) == expected


def test_russian_work_place_reads_the_verb_before_na(anon: Anonymiser) -> None:
    text = "Работал на Альфастрой почти год."
    assert _typed(kinds.russian_work_place(_run(anon, "ru", text, "на", slice(2, 3)))) == [("Альфастрой", "org")]
    text = "Сидел на Альфастрой почти год."
    assert kinds.russian_work_place(_run(anon, "ru", text, "на", slice(2, 3))) is None


def test_kind_called_and_at_work(anon: Anonymiser) -> None:
    text = "A startup called Loomwise offered equity."
    assert _typed(kinds.kind_called(_run(anon, "en", text, "called", slice(3, 4)))) == [("Loomwise", "org")]
    text = "A client called Loomwise offered equity."
    assert kinds.kind_called(_run(anon, "en", text, "called", slice(3, 4))) is None
    assert kinds.at_workplace("the folks at Glenmore", len("the folks at "))
    assert not kinds.at_workplace("we met at Glenmore", len("we met at "))


def test_finnish_nature_place_and_kind_compound(anon: Anonymiser) -> None:
    assert kinds.finnish_nature_place("Ruovedellä")
    assert not kinds.finnish_nature_place("Ruovesi")
    f = anon._cased["fi"]
    assert kinds.kind_compound(f, "Siivous-Pirkitta")
    assert not kinds.kind_compound(f, "Siivous-alan")
    assert not kinds.kind_compound(f, "Anna-Riikka")


# --- initial.py, stops.py, register.py -------------------------------------------------------------------------------


def _initial(anon: Anonymiser, lang: str, text: str, n: int) -> ini.Initial:
    toks = tokenize(text)
    return ini.Initial(anon._cased[lang], text, toks[:n], toks[n] if len(toks) > n else None)


def test_business_shaped_and_verb_before_kind(anon: Anonymiser) -> None:
    assert ini.business_shaped(_initial(anon, "fi", "Kuljetus-Vääräniemi ajoi ohi", 1)) is True
    assert ini.business_shaped(_initial(anon, "en", "Harrow & Lark paid half", 2)) is True
    assert ini.business_shaped(_initial(anon, "en", "Harrow Lark paid half", 2)) is None
    assert ini.verb_before_kind(_initial(anon, "fi", "Siivosin Kotisiivous Kaarnalle kesän", 3)) is False
    assert ini.verb_before_kind(_initial(anon, "fi", "Mervi Anneli Laaksonen soitti", 3)) is None


def test_month_pair(anon: Anonymiser) -> None:
    f = anon._cased["en"]
    text = "still owes me for June and July."
    tok = next(t for t in tokenize(text) if t.text == "June")
    around = (text[max(0, tok.start - 16) : tok.start], text[tok.end : tok.end + 16])
    assert stops.month_pair(stops.Stop(f, tok, "for", "and", around=around))
    text = "I told June and Mark."
    tok = next(t for t in tokenize(text) if t.text == "June")
    around = (text[max(0, tok.start - 16) : tok.start], text[tok.end : tok.end + 16])
    assert not stops.month_pair(stops.Stop(f, tok, "told", "and", around=around))


def test_one_lower_case_sentence_is_chat() -> None:
    assert register.chat_register(tokenize("короче звонит мне этот тимофей и говорит что макет не тот"))
    assert not register.chat_register(tokenize("Звонит мне Тимофей и говорит, что макет не тот."))


# --- orgs.py, persons.py -------------------------------------------------------------------------------------------


def test_lowercase_after_legal_form(anon: Anonymiser) -> None:
    f = anon._cased["ru"]
    text = "мой заказчик из ооо мегалайн не отвечал, ооо и ип не платят"
    found = orgs.lowercase_after_legal_form(f, text, tokenize(text), [])
    assert [(text[m.start : m.end], m.type) for m in found] == [("ооо мегалайн", "org")]


def test_legal_form_before_joins_the_name(anon: Anonymiser) -> None:
    f = anon._cased["ru"]
    text = "для ИП Колыванов"
    found = orgs.legal_form_before(f, text, tokenize(text), [Mention(7, 16, "person", "колыванов", 50)])
    assert [(text[m.start : m.end], m.type, m.key) for m in found] == [("ИП Колыванов", "org", "ип колыванов")]


def test_ru_quoted_lowercase_needs_two_mentions(anon: Anonymiser) -> None:
    f = anon._cased["ru"]
    text = "верстал для «кедрового двора», а «кедровый двор» должен мне"
    assert [text[m.start : m.end] for m in orgs.ru_quoted_lowercase(f, text, [])] == [
        "кедрового двора",
        "кедровый двор",
    ]
    assert orgs.ru_quoted_lowercase(f, "прислал «тестовое задание» на неделю", []) == []


def test_acronym_of_org(anon: Anonymiser) -> None:
    f = anon._cased["ru"]
    text = "компания СтройТехМонтаж (они же СТМ) должна"
    found = [Mention(9, 23, "org", "стройтехмонтаж", 50)]
    extra = orgs.acronym_of_org(f, text, tokenize(text), found)
    assert [(text[m.start : m.end], m.key) for m in extra] == [("СТМ", "стройтехмонтаж")]


def test_lowercase_at_work(anon: Anonymiser) -> None:
    f = anon._cased["en"]
    text = "the guys at copperline said later. never heard from copperline again"
    found = orgs.lowercase_at_work(f, text, tokenize(text), [])
    assert [(text[m.start : m.end], m.type) for m in found] == [("copperline", "org"), ("copperline", "org")]


def test_lowercase_double_name(anon: Anonymiser) -> None:
    f = anon._cased["fi"]
    text = "viime viikolla kaisa-reetan firma, hinta-laatu suhde"
    found = persons.lowercase_double_name(f, tokenize(text), [])
    assert [text[m.start : m.end] for m in found] == ["kaisa-reetan"]


# --- cased/suspects.py ---------------------------------------------------------------------------------------------


def test_ru_kind_then_lowercase_name(anon: Anonymiser) -> None:
    lex = anon._lex["ru"]
    text = "не связывайтесь с пекарней хлебный дом, у них сеть детских магазинов"
    found = cased_suspects.ru_kind_then_lowercase_name(lex, text, tokenize(text))
    assert [(text[s.start : s.end], s.type) for s in found] == [("хлебный дом", "org")]


def test_fi_after_spoken_demonstrative(anon: Anonymiser) -> None:
    lex = anon._lex["fi"]
    text = "no se sirkku-annikki sit soitti, se vakuutteli ja sano sille veikalle"
    found = cased_suspects.fi_after_spoken_demonstrative(lex, text, tokenize(text))
    assert [text[s.start : s.end] for s in found] == ["sirkku-annikki", "veikalle"]


def test_a_cased_suspect_replaces_a_word_level_one_inside_it(anon: Anonymiser) -> None:
    lex = anon._lex["ru"]
    text = "осторожно с салоном белая лилия"
    start = text.index("лилия")
    found = cased_suspects.with_cased_suspects(lex, text, [], [Suspect(start, start + 5, "person")])
    assert [(text[s.start : s.end], s.type) for s in found] == [("белая лилия", "org")]


# --- through the anonymiser ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "gone"),
    [
        (
            "fi",
            "Kuljetus-Vääräniemi ajoi kalusteet väärään osoitteeseen. Kuljetus-Vääräniemen kuski ei vastannut.",
            [("Kuljetus-Vääräniemi", "org"), ("Kuljetus-Vääräniemen", "org")],
        ),
        (
            "fi",
            "Kaikki alkoi kun Vilkkumaan Konepaja tilasi käännöksen. Vilkkumaalta ei ole kuulunut mitään.",
            [("Vilkkumaan Konepaja", "org"), ("Vilkkumaalta", "org")],
        ),
        (
            "ru",
            "Объект был в Нижнем Новгороде, у ИП Курносовой.",
            [("Нижнем Новгороде", "place"), ("ИП Курносовой", "org")],
        ),
        ("ru", "мой заказчик из ооо мегалайн ваще не отвечал", [("ооо мегалайн", "org")]),
        (
            "ru",
            "Работал на Альфастрой почти год. В Альфастрое зарплату задерживали.",
            [("Альфастрой", "org"), ("Альфастрое", "org")],
        ),
        (
            "en",
            "The folks at Glenmore told me to wait. Glenmore still hasn't paid.",
            [("Glenmore", "org"), ("Glenmore", "org")],
        ),
        (
            "en",
            "so i was working with this guy benedikt out of Kettering",
            [("benedikt", "person"), ("Kettering", "place")],
        ),
        ("en", "Lessons: Always get a deposit. Trust But Verify.", []),
    ],
)
def test_through_the_anonymiser(anon: Anonymiser, lang: str, text: str, gone: list[tuple[str, str]]) -> None:
    assert _gone(anon, text, lang) == gone


def test_one_company_one_placeholder(anon: Anonymiser) -> None:
    text = "Ravintola Hyvä Hetki Lapualla jätti keikat maksamatta, ja sit Hyvä Hetki vaihtoi omistajaa."
    res = anon.anonymise(text, "fi")
    by_text = {text[s.start : s.end]: s for s in res.spans}
    assert by_text["Hyvä Hetki"].type == "org"
    assert len({s.placeholder for s in res.spans if s.type == "org"}) == 1
    assert "Lapualla" in by_text


@pytest.mark.parametrize(
    ("lang", "text", "word", "typed"),
    [
        ("en", "I freelanced for Sproutwise for two years.", "Sproutwise", "org"),
        ("en", "he said he was the CTO of Lumenstack.", "Lumenstack", "org"),
        ("en", "I made a logo for Sproutwise.", "Sproutwise", None),
        ("fi", "Olin Tuohiverkolla alihankkijana.", "Tuohiverkolla", "org"),
        ("fi", "Tein töitä Kelorralle kaksi vuotta.", "Kelorralle", "org"),
        ("fi", "Soitin Kelorralle eilen.", "Kelorralle", None),
        ("ru", "Полгода сотрудничал с Лесоторгом.", "Лесоторгом", "org"),
    ],
)
def test_work_context(anon: Anonymiser, lang: str, text: str, word: str, typed: str | None) -> None:
    i = next(k for k, t in enumerate(tokenize(text)) if t.text == word)
    prev = tokenize(text)[i - 1].text.lower()
    parts = kinds.work_context(_run(anon, lang, text, prev, slice(i, i + 1)))
    assert (parts[0][1] if parts else None) == typed


def test_lowercase_dictionary_name(anon: Anonymiser) -> None:
    f = anon._cased["ru"]
    text = "в общем глафира из задонска заказала, роза и вера тоже"
    found = persons.lowercase_dictionary_name(f, tokenize(text), [])
    assert [(text[m.start : m.end], m.type) for m in found] == [("глафира", "person"), ("задонска", "place")]


def test_lowercase_kind_and_surname(anon: Anonymiser) -> None:
    f = anon._cased["fi"]
    text = "mutta rakennusliike hirvonen ei maksanut, toimistolle loppusiivouksen"
    found = orgs.lowercase_kind_and_surname(f, text, tokenize(text), [])
    assert [(text[m.start : m.end], m.type) for m in found] == [("rakennusliike hirvonen", "org")]


def test_fi_kind_apposition(anon: Anonymiser) -> None:
    lex = anon._lex["fi"]
    text = "tein sivut kahvila sininen hetkille, mutta firma on konkurssissa ja kahvila jossa kävin"
    found = cased_suspects.fi_kind_apposition(lex, text, tokenize(text))
    assert [(text[s.start : s.end], s.type) for s in found] == [("kahvila sininen hetkille", "org")]


def test_lowercase_with_org_suffix(anon: Anonymiser) -> None:
    f = anon._cased["en"]
    text = "client was hazelmere interiors in leamington, next to a vape shop"
    found = orgs.lowercase_with_org_suffix(f, text, tokenize(text), [])
    assert [(text[m.start : m.end], m.type) for m in found] == [("hazelmere interiors", "org")]


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        (
            "Ignatius Pell of Pell & Varga asked me to rebuild their site.",
            ["Ignatius Pell", "Pell & Varga"],
        ),
        ("They sent it to the Bank of Leeds.", ["Bank of Leeds"]),
    ],
)
def test_someone_of_a_company(anon: Anonymiser, text: str, gone: list[str]) -> None:
    assert [g for g, _ in _gone(anon, text, "en")] == gone


def test_camel_case_brand_at_a_sentence_start(anon: Anonymiser) -> None:
    assert kinds.is_camel_case("LähiTapiolan")
    assert not kinds.is_camel_case("McKenzie")
    assert not kinds.is_camel_case("Pemberton-Shah")
    assert _gone(anon, "LähiTapiolan kanssa oli sama juttu.", "fi") == [("LähiTapiolan", "org")]
    assert _gone(anon, "WordPress broke again.", "en") == []
