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
