"""The persistent components' ids and templates, the vote rows, the queue registry and the list pagination."""

from __future__ import annotations

import re

import discord
import pytest

from parley.cogs._shared import queue, voting
from parley.cogs.advice import views
from parley.cogs.advice.cog import ARCHETYPE_CHOICES, Advice
from parley.cogs.advice.listing import PER_PAGE, paginate
from parley.domain import moderation
from parley.domain.errors import NotFound
from parley.domain.votes import MemberVote, Tally, valid_item_id
from parley.i18n import I18n
from parley.services import Services

ITEMS = (*voting.DYNAMIC_ITEMS, *queue.DYNAMIC_ITEMS, *views.DYNAMIC_ITEMS)


def template(cls: type) -> re.Pattern[str]:
    return cls.__discord_ui_compiled_template__


@pytest.mark.parametrize("cls", ITEMS, ids=lambda c: c.__name__)
def test_each_template_fully_matches_the_ids_its_constructor_builds(cls):
    examples = cls.examples()
    assert examples
    for item in examples:
        custom_id = item.custom_id
        match = template(cls).fullmatch(custom_id)
        assert match, (custom_id, template(cls).pattern)
        assert len(custom_id) <= 100 and custom_id == custom_id.lower() and custom_id.startswith("parley:")


def test_the_advice_cog_registers_every_persistent_item():
    assert set(ITEMS) <= set(Advice.dynamic_items)


@pytest.mark.parametrize(
    "custom_id",
    [
        "parley:vote:story:5:worked",  # stories have no outcome axis
        "parley:vote:advice:12:up",  # advice ids are archetype.slug
        "parley:vote:tip:non_payer.x:up",  # tip ids are numbers
        "parley:vote:tip:012:up",
        "parley:vote:advice:Non_payer.x:up",
        "parley:vote:advice:non_payer.x:sideways",
        "parley:vote:poll:1:up",
        "parley:vote:advice:non_payer.x:up:extra",
        "parley:vote:advice:" + "a" * 31 + ".b:up",
    ],
)
def test_the_vote_template_refuses_anything_else(custom_id):
    assert template(voting.VoteButton).fullmatch(custom_id) is None


def test_vote_ids_parse_back_to_their_parts():
    match = template(voting.VoteButton).fullmatch("parley:vote:advice:general.keep_records:failed")
    assert match.group("kind", "item_id", "value") == ("advice", "general.keep_records", "failed")
    assert valid_item_id("advice", match["item_id"])
    with pytest.raises(ValueError):
        voting.VoteButton("story", "3", "worked")


def test_every_knowledge_base_item_id_fits_a_vote_button(services_kb):
    for item in services_kb.all_items():
        for value in ("up", "down", "worked", "failed"):
            button = voting.VoteButton("advice", item.id, value)
            assert template(voting.VoteButton).fullmatch(button.custom_id), item.id


def test_queue_templates_do_not_overlap():
    action, reject = template(queue.QueueActionButton), template(queue.QueueRejectSelect)
    assert action.fullmatch("parley:queue:approve:12") and not reject.fullmatch("parley:queue:approve:12")
    assert reject.fullmatch("parley:queue:reject:12") and not action.fullmatch("parley:queue:reject:12")
    assert not action.fullmatch("parley:queue:approve:0") and not action.fullmatch("parley:queue:Approve:1")


def test_vote_row_shows_counts_and_highlights_only_the_members_vote():
    t = I18n.load().get("en")
    row = voting.vote_row(t, "tip", "7", Tally(up=3, worked=1), MemberVote("up", None))
    labels = [(b.item.label, b.item.style) for b in row.children]
    assert labels == [
        ("Helpful · 3", discord.ButtonStyle.success),
        ("Not helpful · 0", discord.ButtonStyle.secondary),
        ("It worked · 1", discord.ButtonStyle.secondary),
        ("Didn't work · 0", discord.ButtonStyle.secondary),
    ]
    assert len(voting.vote_buttons(t, "story", "7")) == 2
    assert len(voting.vote_buttons(t, "advice", "creep.x", outcome=False)) == 2


def test_refresh_relabels_only_the_pressed_items_buttons():
    t = I18n.load().get("en")
    view = discord.ui.LayoutView()
    view.add_item(discord.ui.Container(voting.vote_row(t, "tip", "7"), voting.vote_row(t, "tip", "8")))
    assert voting.refresh(view, t, "tip", "7", Tally(down=2), MemberVote("down")) == 4
    labels = [c.item.label for c in view.walk_children() if isinstance(c, voting.VoteButton)]
    assert labels[:2] == ["Helpful · 0", "Not helpful · 2"] and labels[5] == "Not helpful · 0"


class _Bot:
    """What the registries use of a bot's Services: its per-bot components."""

    def __init__(self) -> None:
        self._components: dict = {}

    component = Services.component


def test_queue_kinds_are_a_registry_per_bot():
    class Poll(queue.QueueKind):
        name = "test_poll"

        async def body(self, services, entry, t):
            return "a poll"

    one, other = _Bot(), _Bot()
    with pytest.raises(NotFound):
        queue.queue_kind(one, "test_poll")
    kind = queue.register_queue_kind(one, Poll())
    assert queue.queue_kind(one, "test_poll") is kind
    with pytest.raises(NotFound):
        queue.queue_kind(other, "test_poll")  # another bot in the same process never sees it
    with pytest.raises(KeyError):

        class Odd(queue.QueueKind):
            name = "test_odd"

            async def body(self, services, entry, t):
                return "odd"

            actions = ("approve", "levitate")

        queue.register_queue_kind(one, Odd())
    moderation.register_action(moderation.Action("test_levitate", "Levitate", None))
    assert queue.QueueActionButton("test_levitate", 5).custom_id == "parley:queue:test_levitate:5"


def test_vote_targets_are_a_registry_per_bot():
    async def resolver(services, reader, guild_id, item_id):
        return None

    one, other = _Bot(), _Bot()
    voting.register_vote_target(one, "story", resolver)
    assert one.component(voting.VoteTargets).get("story") is resolver
    assert other.component(voting.VoteTargets).get("story") is None
    assert other.component(voting.VoteTargets).get("advice") is not None  # built in everywhere
    with pytest.raises(ValueError):
        voting.register_vote_target(one, "poll", resolver)


def test_archetype_choices_fit_discord_and_carry_finnish_and_russian_names():
    assert len(ARCHETYPE_CHOICES) == 14
    for choice in ARCHETYPE_CHOICES:
        assert 1 <= len(choice.name) <= 100
        names = choice._locale_name.extras["localizations"]
        assert 1 <= len(names["fi"]) <= 100 and 1 <= len(names["ru"]) <= 100


def test_pages_hold_five_items_and_stay_within_the_text_budget():
    assert [list(p) for p in paginate([100] * 12)] == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11]]
    assert [list(p) for p in paginate([1000, 1000, 1000, 1000], budget=2500)] == [[0, 1], [2, 3]]
    assert [list(p) for p in paginate([5000, 10])] == [[0], [1]]  # an oversized item still gets its own page
    assert [list(p) for p in paginate([])] == [[]]
    assert all(len(p) <= PER_PAGE for p in paginate([1] * 33))


@pytest.fixture
def services_kb():
    from parley.knowledge import default_knowledge

    return default_knowledge()
