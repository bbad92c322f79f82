"""Member text can never ping or hide a link."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from parley.domain.safe_text import inert_mentions, user_text

PING = re.compile(r"@(everyone|here)|<@[!&]?\d+>", re.IGNORECASE)


def test_everyone_and_here_are_broken():
    assert PING.search(user_text("hey @everyone and @here")) is None


def test_user_and_role_mentions_are_broken():
    assert PING.search(inert_mentions("<@123> <@!456> <@&789>")) is None


def test_zero_width_and_bidi_tricks_do_not_survive():
    for sneaky in ("@\u200beveryone", "@every\u200bone", "<@\u200d123>", "@\u202eeveryone", "<@&\u2066123\u2069>"):
        assert PING.search(user_text(sneaky)) is None
        # ... and no invisible characters are left that could rebuild a ping after copy-paste
        assert not re.search("[\u200c-\u200f\u202a-\u202e\u2066-\u2069]", user_text(sneaky))


def test_masked_links_are_unmasked():
    shown = user_text("[click here](https://evil.example/x)", markdown=True)
    assert "https://evil.example/x" in shown
    assert "](" not in shown


def test_markdown_is_escaped_in_cards():
    assert user_text("**bold** _x_") == r"\*\*bold\*\* \_x\_"


@given(st.text(alphabet=st.sampled_from(list("@everyonhr<>&!#0123456789 \u200b\u202e")), max_size=60))
def test_nothing_pings_whatever_the_input(text):
    assert PING.search(user_text(text)) is None
