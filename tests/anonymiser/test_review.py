"""The review step on anonymised text: flags read again, picked ones taken out as new entities."""

from __future__ import annotations

import pytest

from parley.domain.anonymiser import Anonymiser
from parley.domain.anonymiser.review import Flag, flags, take_out


@pytest.mark.parametrize(
    ("lang", "raw", "word"),
    [
        ("en", "Harriet Quill paid half. We met in SLC and she never paid the rest.", "SLC"),
        ("fi", "Asiakas Reija Tuppurainen maksoi puolet. Portugali oli hänen mukaansa halvempi.", "Portugali"),
        ("ru", "Заказчик Всеволод Ракитин не заплатил, а ЖБК так и не ответил.", "ЖБК"),
        ("ar", "العميل وليد الشهراني لم يدفع، وبعدها سافر إلى عنبتا.", "عنبتا"),
    ],
)
def test_flags_of_anonymised_text_and_taking_one_out(anon: Anonymiser, lang: str, raw: str, word: str) -> None:
    text = anon.anonymise(raw, lang).text
    found = flags(anon, text, lang)
    assert word in [f.words for f in found], (text, found)
    pick = next(f for f in found if f.words == word)
    out, n = take_out(text, [pick], lang)
    assert n == 1 and word not in out
    assert word not in [f.words for f in flags(anon, out, lang)]
    assert out.count("[") == text.count("[") + 1


def test_a_pick_is_a_new_entity_and_every_occurrence_goes() -> None:
    text = "[client] sent me to Devorah. Devorah said [client] was away; ask devorah."
    out, n = take_out(text, [Flag("Devorah", "person")], "en")
    assert n == 3
    assert out == "[client] sent me to [person 2]. [person 2] said [client] was away; ask [person 2]."


def test_a_name_inside_a_longer_pick_is_the_same_entity() -> None:
    text = "Ruairi Fennessy from Galway; Ruairi again."
    picks = [Flag("Ruairi", "person"), Flag("Ruairi Fennessy", "person"), Flag("Galway", "place")]
    out, _ = take_out(text, picks, "en")
    assert out == "[client] from [place]; [client] again."


def test_flag_values_round_trip_and_reject_junk() -> None:
    f = Flag("Devorah", "person")
    assert Flag.parse(f.value) == f
    assert Flag.parse("weird:Devorah") is None
    assert Flag.parse("person:") is None


def test_placeholders_are_not_flagged_and_labels_localised(anon: Anonymiser) -> None:
    assert flags(anon, "[заказчик] и [человек 2] не заплатили.", "ru") == ()
    out, _ = take_out("[заказчик] уехал в Мытищи.", [Flag("Мытищи", "place")], "ru")
    assert out == "[заказчик] уехал в [место]."


@pytest.mark.parametrize(
    ("lang", "edited", "expected"),
    [
        ("en", "[client] never paid; colleague Liisa Korhonen warned me.", "[client] never paid; colleague [person 2]"),
        ("fi", "[asiakas] ei maksanut. Kollega Liisa Korhonen varoitti.", "[asiakas] ei maksanut. Kollega [henkilö 2]"),
        ("ru", "[заказчик] не заплатил, а коллега Лиза Коршунова предупреждала.", "коллега [человек 2]"),
        ("ar", "[العميل] لم يدفع، وزميلتي رزان الخطيب حذرتني.", "وزميلتي [شخص 2]"),
    ],
)
def test_names_a_moderator_adds_are_new_entities(anon: Anonymiser, lang: str, edited: str, expected: str) -> None:
    out = anon.anonymise(edited, lang).text
    assert expected in out, out
    assert out.startswith(edited[: edited.index("]") + 1])


def test_person_and_company_get_distinct_placeholders(anon: Anonymiser) -> None:
    out = anon.anonymise("A shop for Harriet Quill of Quill Supplies Ltd in Leeds. Harriet never paid.", "en").text
    assert out == "A shop for [client] of [company] in [place]. [client] never paid."


def test_take_out_phrases_is_case_insensitive_longest_first_and_ignores_stray_letters() -> None:
    from parley.domain.anonymiser.review import take_out_phrases

    text, n = take_out_phrases(
        "The blue tower near the HARBOUR, the blue one.", ["blue tower", "harbour", "x"], "[removed]"
    )
    assert (text, n) == ("The [removed] near the [removed], the blue one.", 2)
    assert take_out_phrases("Nothing here.", ["a", " "], "[removed]") == ("Nothing here.", 0)


def test_flags_are_merged_per_word_and_ordered_by_confidence():
    from parley.domain.anonymiser.review import Flag, by_confidence

    found = [Flag("Oulu", "place", 0.5), Flag("Pekka", "person", 0.9), Flag("oulu", "place", 0.7), Flag("X", "org")]
    merged = by_confidence(found)
    assert [(f.words, f.count, f.confidence) for f in merged] == [
        ("Pekka", 1, 0.9),
        ("Oulu", 2, 0.7),
        ("X", 1, 0.5),
    ]


def test_a_picked_number_flag_becomes_a_number_placeholder():
    from parley.domain.anonymiser.review import Flag, take_out

    text, n = take_out("he sent 4471-ZK and then 4471-ZK again", [Flag.parse("number:4471-ZK")], "en")
    assert (text, n) == ("he sent [number] and then [number] again", 2)
