"""Vote buttons any capability can put under an item: 👍 / 👎, and on advice "it worked / it didn't".

The buttons are DynamicItems (`parley:vote:<kind>:<item>:<value>`), so they work on any message, at any time,
after restarts. A press answers at once: on the member's own ephemeral card the card is edited in place (their
vote highlighted, the new counts); on a shared message the public counts are updated and the member gets an
ephemeral receipt. Which items exist and who wrote them is asked of a per-kind resolver: advice and tips are
built in, stories register theirs with `register_vote_target(services, "story", ...)`; the resolvers are kept on
the bot's Services (`VoteTargets`), not in a module global.

Other cogs use `vote_row(...)` (an ActionRow) or `vote_buttons(...)` and `load_votes(...)` for the counts.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import discord

from parley.application import Member
from parley.application.voting import TargetResolver, VoteTargets, Voting
from parley.cogs._shared.errors import handle_error
from parley.cogs._shared.items import Field, PersistentItem, one_of
from parley.cogs._shared.respond import acknowledge, respond, update
from parley.cogs._shared.runtime import services_for
from parley.database.repositories.votes import VotesRepository
from parley.domain.errors import N_, NotAllowed, ParleyError
from parley.domain.tips import TooNewToShare
from parley.domain.votes import (
    AXIS_VALUES,
    OUTCOME_KINDS,
    Axis,
    Change,
    MemberVote,
    Tally,
    TooNewToVote,
    VoteResult,
    axis_of,
    valid_item_id,
)
from parley.i18n import Translations
from parley.i18n.bidi import isolate

if TYPE_CHECKING:
    from parley.services import Services

log = logging.getLogger(__name__)

# Exactly the ids votes.valid_item_id accepts: advice `archetype.slug`, numeric tips and stories; stories have
# no outcome axis. At most 12 + 6 + 1 + 71 + 7 = 97 characters.
VOTE_SHAPE = "parley:vote:{kind}:{item_id}:{value}"
VOTE_FIELDS = {
    "kind": Field(r"advice(?=:[a-z])|tip(?=:[1-9])|story(?=:[1-9][0-9]*:(?:up|down)$)"),
    "item_id": Field(r"[a-z][a-z0-9_]{0,29}\.[a-z][a-z0-9_]{0,39}|[1-9][0-9]{0,17}"),
    "value": one_of(("up", "down", "worked", "failed")),
}

# value -> (emoji, label msgid, style when it is the member's vote)
LOOK: dict[str, tuple[str, str, discord.ButtonStyle]] = {
    "up": ("👍", N_("Helpful"), discord.ButtonStyle.success),
    "down": ("👎", N_("Not helpful"), discord.ButtonStyle.danger),
    "worked": ("✅", N_("It worked"), discord.ButtonStyle.success),
    "failed": ("❌", N_("Didn't work"), discord.ButtonStyle.danger),
}
CHANGE_LINES = {
    Change.CAST: N_("Your vote is in: {vote}."),
    Change.CHANGE: N_("Vote changed to {vote}."),
    Change.UNDO: N_("Your vote was removed."),
}

# ------------------------------------------------------------------------------------------------ targets


def register_vote_target(services: Services, kind: str, resolver: TargetResolver) -> None:
    """Tell this bot's vote buttons how to find items of a kind (`story`)."""
    services.component(VoteTargets).register(kind, resolver)


# ------------------------------------------------------------------------------------------------ buttons


def vote_label(t: Translations, value: str, count: int) -> str:
    """A button's text: the word and the count ("Helpful · 3")."""
    # Beside Arabic words a number sits in an isolate, so the bidi algorithm can't move it across the dot.
    return f"{t.gettext(LOOK[value][1])} · {_isolated(t, t.number(count))}"


def _isolated(t: Translations, text: str) -> str:
    return isolate(text) if t.rtl else text


def _style(value: str, mine: MemberVote | None) -> discord.ButtonStyle:
    return LOOK[value][2] if mine is not None and mine.has(value) else discord.ButtonStyle.secondary


class VoteButton(PersistentItem, discord.ui.DynamicItem[discord.ui.Button], custom_id=VOTE_SHAPE, **VOTE_FIELDS):
    """One vote value on one item; pressing it casts, undoes or changes the member's vote."""

    kind: str
    item_id: str
    value: str

    def __init__(
        self,
        kind: str,
        item_id: str,
        value: str,
        *,
        label: str | None = None,
        emoji: str | discord.PartialEmoji | None = None,
        style: discord.ButtonStyle = discord.ButtonStyle.secondary,
    ) -> None:
        if not valid_item_id(kind, item_id) or (kind not in OUTCOME_KINDS and axis_of(value) is Axis.OUTCOME):
            raise ValueError(f"no vote button for {kind}:{item_id}:{value}")
        super().__init__(
            discord.ui.Button(
                custom_id=self.bind(kind=kind, item_id=item_id, value=value),
                label=label or value,
                emoji=emoji if emoji is not None else LOOK[value][0],
                style=style,
            )
        )

    @classmethod
    def keep(cls, item: discord.ui.Item[Any]) -> dict[str, Any]:
        # Keep what the message shows (its language, its counts) until the press has new counts.
        return {
            "label": getattr(item, "label", None),
            "emoji": getattr(item, "emoji", None),
            "style": getattr(item, "style", discord.ButtonStyle.secondary),
        }

    @classmethod
    def examples(cls) -> list[VoteButton]:
        """One button of every shape the template accepts."""
        return [
            cls("advice", "non_payer.start_friendly", "up"),
            cls("advice", "general.keep_records", "failed"),
            cls("advice", "z" * 30 + "." + "y" * 40, "worked"),
            cls("tip", "12", "worked"),
            cls("tip", "9" * 18, "down"),
            cls("story", "3", "down"),
        ]

    async def handle(self, interaction: discord.Interaction) -> None:
        """Cast the vote, then show the result where the member pressed."""
        try:
            await press_vote(interaction, self)
        except TooNewToVote as error:
            await answer_too_new(interaction, error)


def vote_buttons(
    t: Translations,
    kind: str,
    item_id: str,
    tally: Tally | None = None,
    mine: MemberVote | None = None,
    *,
    outcome: bool | None = None,
) -> list[VoteButton]:
    """The buttons for one item: 👍 👎 (and ✅ ❌ on advice and tips), with counts; `mine` highlights the member's."""
    tally = tally or Tally()
    values = AXIS_VALUES[Axis.HELPFUL]
    if outcome if outcome is not None else kind in OUTCOME_KINDS:
        values += AXIS_VALUES[Axis.OUTCOME]
    return [
        VoteButton(kind, item_id, value, label=vote_label(t, value, tally.count(value)), style=_style(value, mine))
        for value in values
    ]


def vote_row(
    t: Translations,
    kind: str,
    item_id: str,
    tally: Tally | None = None,
    mine: MemberVote | None = None,
    *,
    outcome: bool | None = None,
) -> discord.ui.ActionRow:
    """An ActionRow with one item's vote buttons (Components V2 containers and classic views alike)."""
    return discord.ui.ActionRow(*vote_buttons(t, kind, item_id, tally, mine, outcome=outcome))


async def load_votes(
    services: Services, guild_id: int, member_key: str | None, kind: str, item_ids: Iterable[str]
) -> tuple[dict[str, Tally], dict[str, MemberVote]]:
    """Counts for each item and the member's own votes (empty without a member), for building vote rows."""
    ids = list(item_ids)
    repo = VotesRepository(services.db)
    tallies = await repo.tallies(guild_id, kind, ids)
    mine = await repo.mine(guild_id, member_key, kind, ids) if member_key else {}
    return tallies, mine


# ------------------------------------------------------------------------------------------------ a press


async def press_vote(interaction: discord.Interaction, button: VoteButton) -> None:
    """Check who votes, cast in one transaction, then answer within the interaction's 3 seconds."""
    services = services_for(interaction.client)  # type: ignore[arg-type]
    guild_id = interaction.guild_id
    if guild_id is None:
        raise NotAllowed(N_("Votes count per server: please vote from a server channel."))
    # The vote is a write: answer Discord before any database work, so neither a slow disk nor a queue of
    # concurrent votes can push the acknowledgement past Discord's 3 seconds.
    await acknowledge(interaction)
    voter = services.identity.member_key(guild_id, interaction.user.id)
    member = Member(guild_id, interaction.user.id, voter, getattr(interaction.user, "joined_at", None))
    # One hand-off: the settings, the membership check and the vote are one grouped write (Voting.cast).
    result = await Voting(services).cast(member, button.kind, button.item_id, button.value)
    me = await services.language_for(guild_id, voter, str(interaction.locale))
    t = services.t(me)
    view = button.view
    message = interaction.message
    if view is None or message is None:
        await respond(interaction, receipt(services, t, result), ephemeral=True)
        return
    if message.flags.ephemeral:
        refresh(view, t, button.kind, button.item_id, result.tally, result.mine)
        view.stop()  # an edited copy of the message, not a view to keep listening to
        await update(interaction, view=view)
        return
    # A shared message: everyone sees the counts (in the server's language), only the member sees their vote.
    shared = services.t(await services.language_for(guild_id, None, None))
    refresh(view, shared, button.kind, button.item_id, result.tally, None)
    view.stop()
    await update(interaction, view=view)
    await respond(interaction, receipt(services, t, result), ephemeral=True)


def refresh(
    view: discord.ui.View | discord.ui.LayoutView,
    t: Translations,
    kind: str,
    item_id: str,
    tally: Tally,
    mine: MemberVote | None,
) -> int:
    """Relabel one item's vote buttons in a view (counts, and the member's vote when `mine`); return how many."""
    changed = 0
    # Only this item's buttons start with this (a card has ~35 components; the template is matched on these few).
    prefix = VOTE_SHAPE.format(kind=kind, item_id=item_id, value="")
    for child in view.walk_children():
        button = child.item if isinstance(child, discord.ui.DynamicItem) else child
        custom_id = getattr(button, "custom_id", None)
        if not isinstance(button, discord.ui.Button) or custom_id is None or not custom_id.startswith(prefix):
            continue
        match = VoteButton.__discord_ui_compiled_template__.fullmatch(custom_id)
        if match is None or match["kind"] != kind or match["item_id"] != item_id:
            continue
        value = match["value"]
        button.label = vote_label(t, value, tally.count(value))
        button.style = _style(value, mine)
        changed += 1
    return changed


def receipt(services: Services, t: Translations, result: VoteResult) -> str:
    """The member's ephemeral answer on a shared message: what their press did and the counts now."""
    after = result.transition.after
    vote = f"{LOOK[after][0]} {t.gettext(LOOK[after][1])}" if after else ""
    counts = [
        (LOOK[value][0], _isolated(t, t.number(result.tally.count(value))))
        for value in (*AXIS_VALUES[Axis.HELPFUL], *(AXIS_VALUES[Axis.OUTCOME] if result.target.outcome else ()))
    ]
    return services.renderer.render(
        "cards/vote_receipt.md.j2",
        t,
        line=t.gettext(CHANGE_LINES[result.transition.change], vote=vote),
        counts=counts,
    )


def too_new_text(error: ParleyError, t: Translations) -> str | None:
    """The count-aware refusal for members who joined too recently (None for any other error)."""
    days = int(error.params.get("days", 0))
    if isinstance(error, TooNewToShare):
        return t.ngettext(
            "You can suggest tips once you've been in this server for {count} day.",
            "You can suggest tips once you've been in this server for {count} days.",
            days,
        )
    if isinstance(error, TooNewToVote):
        return t.ngettext(
            "You can vote once you've been in this server for {count} day.",
            "You can vote once you've been in this server for {count} days.",
            days,
        )
    return None


async def answer_too_new(interaction: discord.Interaction, error: ParleyError) -> None:
    """Answer a membership-age refusal with its day count (the shared chain only knows singular messages)."""
    from parley.cogs._shared.errors import reply_language

    text = too_new_text(error, await reply_language(interaction))
    if text is None:
        await handle_error(interaction, error)
        return
    await respond(interaction, "⚠️ " + text, ephemeral=True)


DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (VoteButton,)
