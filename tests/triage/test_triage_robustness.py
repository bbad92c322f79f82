"""The failure classes fixed in the held-out robustness pass, one test group each (sentences written for these tests).

Attribution, spoken Finnish, spelled-out counts and clock times, deposit refusal vs non-payment, who was not told,
double negation, absorbed set phrases, quotation boundaries, holidays as topic vs time, stem collisions across
languages, typos only in English, mixed-language detection and two-problem messages.
"""

from __future__ import annotations

import pytest

from parley.domain.triage import classify, detect_language, get_engine
from parley.domain.triage.engine import explained_archetypes
from parley.domain.triage.features import WORD_PREFIX, extract
from parley.domain.triage.lexicon import NEG_SUFFIX


def features_of(text: str) -> set[str]:
    return {m.feature for m in extract(get_engine().lexicon, text)}


def ids(text: str, n: int = 3) -> list[str]:
    return [a.id for a in classify(text).archetypes[:n]]


# --- "why": only words that signal the archetype -------------------------------------------------------------------


def test_generic_words_are_not_credited_to_an_archetype_they_do_not_signal():
    r = classify("client says he'll pay next week, every week, it's been two months. also yelled at me on a call")
    why = {a.id: {w.casefold() for w in a.why} for a in r.archetypes}
    assert "yelled" in why["abusive"]
    assert not why["abusive"] & {"two months", "week", "next week", "pay"}
    assert "two months" not in why["bad_fit"]  # waiting is only weakly associated with a bad fit
    assert {"next week", "two months"} <= why["non_payer"]
    assert {"non_payer", "abusive"} <= set(ids("client says he'll pay next week, it's been two months. also yelled"))


@pytest.mark.parametrize(
    "text",
    [
        "the gig paid 40 bucks and she sent the tagline back for the ninth time",
        "Asiakas maksoi 300 euroa, mutta soittaa joka ilta kymmeneltä",
        "Заказчик платит 20 тысяч и каждый час спрашивает, как там дела",
        "العميل دفع ٥٠٠ دولار وكل ساعة يسأل وين وصلت",
    ],
)
def test_every_reason_comes_from_a_cue_that_declares_its_archetype(text):
    engine = get_engine()
    declared = explained_archetypes(engine.lexicon)
    by_surface: dict[str, set[str]] = {}
    for m in extract(engine.lexicon, text):
        by_surface.setdefault(text[m.start : m.end], set()).update(declared.get(m.feature, ()))
    for a in classify(text).archetypes:
        for word in a.why:
            assert a.id in by_surface[word], (a.id, word)


def test_amounts_and_context_words_explain_nothing():
    declared = explained_archetypes(get_engine().lexicon)
    assert not declared["money_amount"]
    assert "abusive" not in declared["waiting"]
    assert all(not f.startswith(WORD_PREFIX) for f in declared)


# --- spoken Finnish -------------------------------------------------------------------------------------------------


def test_finnish_et_meaning_that_does_not_negate():
    assert "relative_says" + NEG_SUFFIX not in features_of("se väittää et sen veli tekee tän paremmin")
    assert "relative_says" in features_of("se väittää et sen veli tekee tän paremmin")


@pytest.mark.parametrize("text", ["et oo vastannu mun viestiin", "miks et oo maksanu", "sä et maksa ajallaan"])
def test_finnish_et_before_a_verb_still_negates(text):
    assert any(f.endswith(NEG_SUFFIX) for f in features_of(text))


@pytest.mark.parametrize("text", ["asiakas ei oo maksanu mun laskua", "se ei oo vieläkään maksanu mitään"])
def test_spoken_finnish_participles_match_their_written_cues(text):
    assert {"pay" + NEG_SUFFIX, "unpaid"} & features_of(text)
    assert ids(text, 1) == ["non_payer"]


# --- counts and clock times -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "oh lovely, version eleven of a two-word slogan",
        "tää on jo kymmenes kierros samalle bannerille",
        "одиннадцатая версия баннера, и опять мимо",
        "هذي المرة العاشرة اللي أعدل فيها البانر",
        "he sent 30 corrections on a single page",
    ],
)
def test_spelled_out_and_large_counts_of_rounds_are_endless_revisions(text):
    assert "endless" in features_of(text)
    assert ids(text, 1) == ["never_satisfied"]


@pytest.mark.parametrize("text", ["new brief at 11:45 pm, due tomorrow", "his texts land at 1:15am"])
def test_clock_times_with_minutes_are_night(text):
    assert "night_time" in features_of(text)


@pytest.mark.parametrize(
    "text",
    ["wants a progress pic every 3 hours", "kysyy tilannetta parin tunnin välein", "пишет каждые 20 минут"],
)
def test_check_ins_counted_in_minutes_or_hours(text):
    assert "every_n_minutes" in features_of(text)
    assert ids(text, 1) == ["micromanager"]


# --- deposits, who was not told, double negation ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "he refuses to pay a deposit and takes a week to answer an email",
        "he won't pay anything before delivery and takes days to reply",
        "до сдачи платить не хочет, отвечает раз в неделю",
        "ما يبي يدفع قبل التسليم ويرد بعد أسبوع",
    ],
)
def test_refusing_up_front_payment_is_a_bad_fit_sign_not_an_unpaid_invoice(text):
    feats = features_of(text)
    assert "pay" not in feats and "pay" + NEG_SUFFIX not in feats
    assert ids(text, 1) == ["bad_fit"]


def test_kept_in_the_dark_is_not_the_client_being_blindsided():
    assert "not_told_me" in features_of("they gave the job to an agency and never told me")
    assert ids("they gave the job to an agency and never told me", 1) == ["string_along"]
    assert ids("she is angry that nobody told her about the licence fee", 1) == ["blindsided"]


def test_without_after_a_negation_does_not_negate():
    feats = features_of("i can't send one line without him asking why i wrote it")
    assert "questions" in feats and "questions" + NEG_SUFFIX not in feats


# --- set phrases, quotation marks, holidays -----------------------------------------------------------------------


def test_laughter_and_sarcastic_openers_fire_no_cue():
    assert "jokes" not in features_of("he wants it by tonight lol")
    assert not features_of("oh great") and not features_of("ну супер")
    assert "satisfied" not in features_of("love it when he sends a tenth round of notes")
    assert ids("oh great, the tenth version of a business card", 1) == ["never_satisfied"]


def test_a_phrase_does_not_run_into_a_quotation():
    assert "working_hours" not in features_of("he called my work 'amateur hour' in the group chat")


@pytest.mark.parametrize(
    ("topic", "time"),
    [
        ("she wants christmas posters by friday", "he calls me on christmas day"),
        ("asiakas haluaa joulukampanjan ensi viikoksi", "asiakas soitti jouluna kolme kertaa"),
        ("ему нужен новогодний баннер", "он пишет мне в праздники"),
        ("يبي بوسترات للعيد", "يتصل فيني يوم العيد"),
    ],
)
def test_holidays_count_as_a_time_of_contact_not_as_a_topic(topic, time):
    assert "weekend_holiday" not in features_of(topic)
    assert "weekend_holiday" in features_of(time)


# --- collisions across languages and word forms ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("logon hinta on sama", "personal_remarks"),  # English hint* met Finnish hinta (price)
        ("se palkkasi minut viime vuonna", "pay"),  # palkata (hire), not palkka (salary)
        ("клиент не платит", "personal_remarks" + NEG_SUFFIX),  # платит / платье
        ("صممت بطاقة بزنس للعميل", "red_flag"),  # بطاقة (card) / طاقة (energy)
        ("لسه ما بدينا المشروع", "unpaid"),  # بدينا (we started) / دين (debt)
        ("мой подход ему не нравится", "fit"),  # подход / подходит
        ("se löysi googlen kautta mun sivut", "relative_says"),  # English typo match on a Finnish loanword
    ],
)
def test_words_that_only_look_like_a_cue_do_not_fire_it(text, feature):
    assert feature not in features_of(text)


def test_typos_are_forgiven_in_english_phrases():
    assert ids("clinet keeps changng his mind evry day", 1) == ["indecisive"]


# --- language detection on mixed text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("client sano et deadline on huomenna", "fi"),
        ("ok so the client sanoo et budget is fine mut se ei maksa", "fi"),
        ("ok, so: client, feedback, revisions, и опять revisions", "ru"),
        ("my client wrote 'kiitos paljon, nähdään huomenna' and vanished", "en"),
        ('she told me "не переживай, всё оплачу" and vanished', "en"),
        ("el client mesh 3ayez yedfa3 khalas", "ar"),
        ("client asked for v2 and v3 in 24h", "en"),
    ],
)
def test_mixed_language_detection(text, lang):
    assert detect_language(text) == lang


# --- two problems in one message ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "both"),
    [
        ("he still owes me for the spring project and now phones me at midnight", {"non_payer", "after_hours"}),
        ("se lisää koko ajan uusia sivuja ja huutaa mulle puhelimessa", {"scope_creep", "abusive"}),
        ("отказался подписывать договор, а теперь каждый день новое мнение о цвете", {"no_contract", "indecisive"}),
        ("يعلق على شكلي في كل مكالمة، وكمان ما دفع الفاتورة من شهرين", {"creep", "non_payer"}),
    ],
)
def test_both_problems_of_a_two_problem_message_are_in_the_top_three(text, both):
    assert both <= set(ids(text, 3))
