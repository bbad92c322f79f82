"""Stop rules of the structured finders, each alone (bot/domain/anonymiser/structured/*)."""

from __future__ import annotations

import pytest

from parley.domain.anonymiser.lexicon import load_lexicon
from parley.domain.anonymiser.structured import base, handles, links, numbers


@pytest.mark.parametrize(("tld", "file"), [("ai", True), ("md", True), ("fi", False)])
def test_file_name_rule(tld: str, file: bool):
    assert links._file_name(tld) is file


@pytest.mark.parametrize(("labels", "home"), [("upwork.", True), ("www.fiverr.", True), ("brightvale.", False)])
def test_platform_home_rule(labels: str, home: bool):
    assert links._platform_home(labels) is home


def test_sentences_run_together_rule():
    assert links._sentences_run_together("done.", "It") is False  # lower-case start: could be a domain
    assert links._sentences_run_together("Done.", "It") is True
    assert links.find_urls("It was Done.It paid") == []
    assert [m.key for m in links.find_urls("see brightvale.fi today")] == ["brightvale.fi"]


@pytest.mark.parametrize(
    ("lang", "before", "cue"),
    [
        ("en", ["is", "there", "username"], "strong"),
        ("ru", ["был", "там", "ник"], "strong"),
        ("fi", ["kworkissa"], "weak"),
        ("ru", ["фрилансе", "на"], "weak"),
        ("en", ["yesterday", "username"], ""),
    ],
)
def test_handle_cue_skips_filler_words_only(lang: str, before: list[str], cue: str):
    lex = load_lexicon(lang)
    assert handles._handle_cue(before, lex.cue("handle_cues"), lex.cue("handle_weak_cues"), lex) == cue


def test_arabic_at_and_dot_words_match_as_typed():
    assert base.as_written("ات") == "[اآأإ]ت"
    assert base.as_written("نقطه") == "نقط[هة]"


@pytest.mark.parametrize(("text", "series"), [("numbered CN 4471", "CN "), ("on 4471", ""), ("#AB 12", "")])
def test_letter_series_before_digits(text: str, series: str):
    assert numbers._series_before(text, text.rindex(" ") + 1) == series


@pytest.mark.parametrize(
    ("text", "links_found"),
    [
        ("their site kestrel.ai is down", ["kestrel.ai"]),
        ("shop.kestrel.ai is down", ["shop.kestrel.ai"]),
        ("attached logo.ai and notes.md", []),
        ("Tilasin kukkakimara.fi-sivuilta eilen", ["kukkakimara.fi"]),
        ("sivulta äänitehdas-pöllö.fi löytyy", ["äänitehdas-pöllö.fi"]),
        ("KestrelStudio.COM is their site", ["KestrelStudio.COM"]),
    ],
)
def test_file_like_domains_are_sites_when_named_so(text: str, links_found: list[str]):
    assert [text[m.start : m.end] for m in links.find_urls(text)] == links_found


@pytest.mark.parametrize(
    ("lang", "text", "code"),
    [
        ("en", "order id 7f3a9c21 on their portal", "7f3a9c21"),
        ("ar", "رقم العقد 2023/44/ب معلق", "2023/44/ب"),
        ("ru", "номер заказа zk-0091a на сайте", "zk-0091a"),
    ],
)
def test_cued_token_in_any_case_or_script(lang: str, text: str, code: str):
    lex = load_lexicon(lang)
    num_cues = lex.cue("number_cues") | {"#", "№"}
    found = numbers._cued_tokens(text, num_cues, lex.cue("phone_cues"), lex)
    assert [text[m.start : m.end] for m in found] == [code]


@pytest.mark.parametrize("text", ["invoice 12 of 2023 was for 3 logos", "invoice from 12.03.2024 was 450€"])
def test_cued_token_leaves_counts_dates_and_amounts(text: str):
    lex = load_lexicon("en")
    assert numbers._cued_tokens(text, lex.cue("number_cues") | {"#"}, lex.cue("phone_cues"), lex) == []


def test_letter_series_joined_by_hyphens_is_one_number():
    assert [m.group() for m in numbers.SERIES_ID_RE.finditer("case PP-D-119283746 at paypal")] == ["PP-D-119283746"]
    assert list(numbers.SERIES_ID_RE.finditer("a B2B-SaaS deal")) == []


@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        ("find her on behance, she is marta.k.illustrates", True),
        ("on upwork. Then the file was marta.k.final", False),  # the platform is in the sentence before
        ("she said, and I quote, marta.k.illustrates", False),
    ],
)
def test_platform_earlier_in_the_sentence_rule(text: str, earlier: bool):
    assert handles._platform_earlier(text, text.index("marta"), load_lexicon("en")) is earlier


def test_versions_and_file_names_after_a_platform_are_not_handles():
    text = "on github, see main.py and v2.1 and report.pdf"
    assert handles.find_handles(text, load_lexicon("en")) == []


@pytest.mark.parametrize(
    ("lang", "text", "handle"),
    [
        ("en", "sunnyknits (instagram) stole my photos", "sunnyknits"),
        ("en", "skype: live:.cid.5f3a22bb91 for calls", "live:.cid.5f3a22bb91"),
        ("ru", "ищите в инсте как sunnyknits", "sunnyknits"),
        ("ar", "عالانستا sunnyknits", "sunnyknits"),
    ],
)
def test_handles_written_in_passing(lang: str, text: str, handle: str):
    found = {text[m.start : m.end] for m in handles.find_handles(text, load_lexicon(lang))}
    assert handle in found


def test_shared_codes_are_no_ones_id():
    assert numbers.SHARED_CODE_RE.fullmatch("Q4-2024") and numbers.SHARED_CODE_RE.fullmatch("ГОСТ-2017")
    assert not numbers.SHARED_CODE_RE.fullmatch("AB-2291")


@pytest.mark.parametrize(
    ("labels", "home"),
    [("www.etsy.", True), ("help.fiverr.", True), ("tarrowknits.etsy.", False), ("shop.tarrowknits.", False)],
)
def test_a_platform_subdomain_of_a_shop_is_no_platform_home(labels: str, home: bool):
    assert links._platform_home(labels) is home


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("Tarrowknits.Com still shows my work", "Tarrowknits.Com"),  # "Com" starts no sentence
        ("their page tarrowknits.kiwi is down", "tarrowknits.kiwi"),
        ("the shop (tarrowknits.etsy.com) sells my prints", "tarrowknits.etsy.com"),
    ],
)
def test_more_shop_addresses_are_links(text: str, link: str):
    assert [text[m.start : m.end] for m in links.find_urls(text)] == [link]


def test_a_platforms_own_subdomain_is_no_handle():
    assert handles.find_handles("then help.fiverr.com said no", load_lexicon("en")) == []
