"""The moderation queue's card and buttons, shared by every kind of submission.

A kind of submission (a tip, a story) is a `QueueKind` registered with `register_queue_kind`: it renders what
moderators review (a body in the shared card, or a card of its own), applies a decision to its subject inside the
decision's transaction, may do something after it (publish), and may offer more actions than Approve / Reject
(stories: edit, redact, feature). Posting a card and redrawing a posted one are done here for every kind.
The buttons are DynamicItems: `parley:queue:<action>:<entry>` and the reject select `parley:queue:reject:<entry>`,
so cards keep working after restarts. Every action re-checks the moderator role, is decided exactly once (the
repository's conditional status change) and is audited; the card is then updated in place to show the decision and
who made it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, ClassVar

import discord

from parley.cogs._shared.items import SNOWFLAKE, Field, PersistentItem
from parley.cogs._shared.permissions import missing_bot_permissions, require
from parley.cogs._shared.respond import NO_PINGS, acknowledge, respond
from parley.cogs._shared.runtime import services_for
from parley.cogs._shared.views import ParleyModal
from parley.database import Tx
from parley.database.repositories.queue import QueueRepository
from parley.database.repositories.queue_watch import QueueWatchRepository
from parley.database.repositories.settings import SettingsRepository
from parley.domain import moderation
from parley.domain.errors import N_, NotConfigured, NotFound
from parley.domain.moderation import OTHER_REASON, REJECT, REJECT_REASONS, Action, Decision, QueueEntry, QueueStatus
from parley.domain.safe_text import user_text
from parley.domain.settings import Role
from parley.domain.tips import stamp
from parley.i18n import Translations

if TYPE_CHECKING:
    from parley.services import Services

log = logging.getLogger(__name__)

ACCENTS = {
    QueueStatus.PENDING: discord.Colour(0xFEE75C),
    QueueStatus.APPROVED: discord.Colour(0x57F287),
    QueueStatus.REJECTED: discord.Colour(0xED4245),
    QueueStatus.EXPIRED: discord.Colour(0x99AAB5),
    QueueStatus.WITHDRAWN: discord.Colour(0x99AAB5),
}
DECISION_LINES = {
    QueueStatus.APPROVED: N_("Approved by {moderator} on {date}."),
    QueueStatus.REJECTED: N_("Rejected by {moderator} on {date}."),
    QueueStatus.EXPIRED: N_("Expired on {date} without a decision."),
    QueueStatus.WITHDRAWN: N_("Withdrawn by its author on {date}."),
}
SOMEONE = N_("a moderator")


class QueueKind:
    """How one kind of submission shows in the queue and what a decision does to it; subclass once per kind."""

    #: the kind's name as stored in the queue ("tip", "story"); at most 16 characters
    name: ClassVar[str] = ""
    #: the kind in moderators' words, for /mod queue and the audit (a msgid: "Story", "Tip")
    label: ClassVar[str] = ""
    #: buttons offered while pending, besides the reject select (stories add "edit", "redact", ...)
    actions: ClassVar[tuple[str, ...]] = ("approve",)
    #: offer the reject select while pending
    rejectable: ClassVar[bool] = True

    async def body(self, services: Services, entry: QueueEntry, t: Translations) -> str:
        """What moderators review in the shared card: the submission's text as a section (no author, ever)."""
        raise TypeError(f"queue kind {self.name!r} must define body() or card()")

    async def card(
        self,
        services: Services,
        entry: QueueEntry,
        t: Translations,
        *,
        moderator: str | None = None,
        notice: str | None = None,
    ) -> discord.ui.LayoutView:
        """The entry's card: the body, then the decision (who and when) or the moderators' controls.

        Kinds with more to show (stories: their own header, text taken off after a rejection) override it.
        """
        body = await self.body(services, entry, t)
        decision = None
        if entry.status.decided:
            reason = REJECT_REASONS.get(entry.reason or "")
            decision = services.renderer.render(
                "cards/queue_decision.md.j2",
                t,
                line=t.gettext(
                    DECISION_LINES[entry.status],
                    moderator=user_text(moderator) if moderator else t.gettext(SOMEONE),
                    date=_date(entry.decided_at),
                ),
                status=entry.status.value,
                reason=t.gettext(reason) if reason else None,
                note=entry.note,
            )
        if notice:
            body = f"{body}\n\n{notice}"
        return QueueCard(t, entry, self, body, decision)

    async def effect(self, tx: Tx, decision: Decision) -> None:
        """Apply the decision to the subject, inside the decision's transaction (e.g. a tip becomes approved)."""

    async def after(self, services: Services, interaction: discord.Interaction, decision: Decision) -> None:
        """Do what follows a decision once it is committed (e.g. publish a story); errors are logged, not shown."""

    async def run_action(
        self, services: Services, interaction: discord.Interaction, entry: QueueEntry, action: Action
    ) -> None:
        """Carry out a button's action; the default decides at once. Kinds override it to open a modal first."""
        await decide_and_show(services, interaction, entry.id, action)


class QueueKinds:
    """The kinds of submission one bot's queue knows; kept on its Services, so two bots in a process don't mix."""

    def __init__(self) -> None:
        self._kinds: dict[str, QueueKind] = {}

    def register(self, kind: QueueKind) -> QueueKind:
        """Make a kind known to the queue buttons (capabilities call this when they load; again is harmless)."""
        if not kind.name or len(kind.name) > 16:
            raise ValueError("a queue kind needs a name of 1-16 characters")
        for name in kind.actions:
            moderation.action(name)  # KeyError: register the action with parley.domain.moderation first
        self._kinds[kind.name] = kind
        return kind

    def get(self, name: str) -> QueueKind:
        """A registered kind (NotFound if the capability that owns it is not loaded)."""
        try:
            return self._kinds[name]
        except KeyError:
            raise NotFound() from None

    def find(self, name: str) -> QueueKind | None:
        """A registered kind, or None."""
        return self._kinds.get(name)


def queue_kinds(services: Services) -> QueueKinds:
    """This bot's queue kinds."""
    return services.component(QueueKinds)


def register_queue_kind(services: Services, kind: QueueKind) -> QueueKind:
    """Make a kind of submission known to this bot's queue buttons."""
    return queue_kinds(services).register(kind)


def queue_kind(services: Services, name: str) -> QueueKind:
    """Return a registered kind (NotFound if the capability that owns it is not loaded)."""
    return queue_kinds(services).get(name)


# ------------------------------------------------------------------------------------------------ the card


async def shared_translations(services: Services, guild_id: int) -> Translations:
    """The language of shared messages in a server: its own setting, else the configured default."""
    return services.t(await services.language_for(guild_id, None, None))


def _date(at: str | None) -> str:
    return (at or "")[:10]


async def card_for(
    services: Services,
    entry: QueueEntry,
    t: Translations,
    *,
    moderator: str | None = None,
    notice: str | None = None,
) -> discord.ui.LayoutView:
    """Render an entry's card as its kind draws it (NotFound when the kind's capability is not loaded)."""
    return await queue_kind(services, entry.kind).card(services, entry, t, moderator=moderator, notice=notice)


def kind_name(services: Services, t: Translations, name: str) -> str:
    """A queue kind in the reader's words ("Story", "Tip"); its stored name when its capability isn't loaded."""
    kind = queue_kinds(services).find(name)
    return t.gettext(kind.label) if kind is not None and kind.label else name


def action_label(t: Translations, name: str) -> str:
    """A moderation action in the reader's language (its name when unknown)."""
    act = moderation.actions().get(name)
    return t.gettext(act.label) if act else name


class ModeratorNames:
    """Who decided, by keyed hash, for this process only (memory): lets a slower moderator hear who was faster.

    Deliberately not stored: a table mapping moderators' keys to names would also name them as authors.
    """

    def __init__(self) -> None:
        self._names: dict[tuple[int, str], str] = {}

    def remember(self, guild_id: int, key: str, name: str) -> None:
        """Note a moderator's display name (bounded: the oldest are forgotten)."""
        if len(self._names) > 10_000:
            self._names.pop(next(iter(self._names)))
        self._names[(guild_id, key)] = name

    def name(self, guild_id: int, key: str | None) -> str | None:
        """The remembered name behind a moderator's key, if any."""
        return self._names.get((guild_id, key)) if key else None


def moderator_names(services: Services) -> ModeratorNames:
    """The process-wide name memory."""
    return services.component(ModeratorNames)


class QueueCard(discord.ui.LayoutView):
    """A queue entry as moderators see it: the submission, then controls (pending) or the decision."""

    def __init__(self, t: Translations, entry: QueueEntry, kind: QueueKind, body: str, decision: str | None) -> None:
        super().__init__(timeout=None)
        parts: list[discord.ui.Item[Any]] = [discord.ui.TextDisplay(body)]
        if decision is not None:
            parts += [discord.ui.Separator(), discord.ui.TextDisplay(decision)]
        else:
            buttons = [QueueActionButton(name, entry.id, t) for name in kind.actions]
            for start in range(0, len(buttons), 5):  # Discord allows five buttons per row
                parts.append(discord.ui.ActionRow(*buttons[start : start + 5]))
            if kind.rejectable:
                parts.append(discord.ui.ActionRow(QueueRejectSelect(entry.id, t)))
        self.add_item(discord.ui.Container(*parts, accent_colour=ACCENTS[entry.status]))


async def post_card(services: Services, guild: discord.Guild, entry: QueueEntry) -> discord.Message | None:
    """Post a new entry's card in the server's queue channel and remember where; None if that was impossible.

    The entry stays in the queue either way (a moderator can list pending entries), so a failure is logged only.
    """
    settings = await SettingsRepository(services.db).get(guild.id)
    channel = guild.get_channel(settings.queue_channel_id) if settings.queue_channel_id else None
    if not isinstance(channel, discord.TextChannel) or missing_bot_permissions(channel, embed=False):
        log.warning("queue entry %s in guild %s: the queue channel is missing or not writable", entry.id, guild.id)
        return None
    t = await shared_translations(services, guild.id)
    card = await card_for(services, entry, t)
    try:
        message = await channel.send(view=card, allowed_mentions=NO_PINGS)
    except discord.HTTPException:
        log.warning("queue entry %s in guild %s: posting the card failed", entry.id, guild.id, exc_info=True)
        return None
    await QueueRepository(services.db).set_message(entry.id, message.channel.id, message.id)
    return message


async def deliver(services: Services, guild: discord.Guild, entry: QueueEntry) -> bool:
    """Bring a new entry to the moderators as the server chose: its own card, or a line in the next digest.

    False when it could not be posted (it stays in the queue and in /mod queue either way).
    """
    if (await QueueWatchRepository(services.db).settings(guild.id)).digest:
        await QueueWatchRepository(services.db).mark_listed(entry.id, stamp(services.clock.now()))
        return True
    return await post_card(services, guild, entry) is not None


async def refresh_card(
    services: Services, client: discord.Client, entry: QueueEntry, *, moderator: str | None = None
) -> None:
    """Redraw a posted card from the database (after an expiry, a withdrawal, a decision made elsewhere).

    Failures are logged: the decision stands whatever happens to its card.
    """
    if not entry.channel_id or not entry.message_id:
        return
    channel = client.get_channel(entry.channel_id)
    if not isinstance(channel, discord.TextChannel):
        return
    t = await shared_translations(services, entry.guild_id)
    try:
        card = await card_for(services, entry, t, moderator=moderator)
        await channel.get_partial_message(entry.message_id).edit(view=card, allowed_mentions=NO_PINGS)
    except (discord.HTTPException, NotFound):
        log.warning("could not update the queue card of entry %s", entry.id)


async def require_queue_channel(services: Services, guild_id: int, t: Translations) -> int:
    """Return the queue channel id, or refuse kindly: an admin has to pick one in /setup first."""
    settings = await SettingsRepository(services.db).get(guild_id)
    if settings.queue_channel_id is None:
        raise NotConfigured(command=t.command("setup"))
    return settings.queue_channel_id


# --------------------------------------------------------------------------------------------- decisions


async def decide_and_show(
    services: Services,
    interaction: discord.Interaction,
    entry_id: int,
    action: Action,
    *,
    reason: str | None = None,
    note: str | None = None,
) -> Decision:
    """Decide once (moderators only), audit it, and update the card in place; the slower one hears it's done."""
    guild_id = interaction.guild_id
    if guild_id is None:
        raise NotFound()
    await require(services, interaction, Role.MODERATOR)
    repo = QueueRepository(services.db)
    entry = await repo.get(guild_id, entry_id)
    if entry is None:
        raise NotFound()
    kind = queue_kind(services, entry.kind)
    moderator_key = services.identity.member_key(guild_id, interaction.user.id)
    await acknowledge(interaction)  # the decision writes: answer Discord before a slow disk can make us late
    decision = await repo.decide(
        guild_id,
        entry_id,
        action,
        moderator_key,
        stamp(services.clock.now()),
        reason=reason,
        note=note,
        effect=kind.effect,
    )
    if pressed_on_card(interaction, decision.entry):
        t = await shared_translations(services, guild_id)
        await _edit_in_place(
            interaction, await card_for(services, decision.entry, t, moderator=interaction.user.display_name)
        )
    else:
        await _edit_posted(services, interaction, decision.entry, interaction.user.display_name)
    try:
        await kind.after(services, interaction, decision)
    except Exception:  # the decision stands; what follows it must not turn into an error for the moderator
        log.exception("after-decision step of %s entry %s failed", entry.kind, entry.id)
    return decision


def pressed_on_card(interaction: discord.Interaction, entry: QueueEntry) -> bool:
    """Whether the press came from the entry's own card (posted, or the private copy opened from the digest),
    which is then redrawn in place."""
    message = interaction.message
    return message is not None and (message.id == entry.message_id or message.flags.ephemeral)


async def _edit_in_place(interaction: discord.Interaction, card: discord.ui.LayoutView) -> None:
    if not interaction.response.is_done():
        await interaction.response.edit_message(view=card, allowed_mentions=NO_PINGS)
    else:
        await interaction.edit_original_response(view=card, allowed_mentions=NO_PINGS)


async def _edit_posted(services: Services, interaction: discord.Interaction, entry: QueueEntry, moderator: str) -> None:
    """The action came from elsewhere (a /mod command): redraw the posted card, then confirm ephemerally."""
    await refresh_card(services, interaction.client, entry, moderator=moderator)
    t = services.t(await services.language_for(interaction.guild_id, None, str(interaction.locale)))
    await respond(interaction, "✅ " + t.gettext("Done."), ephemeral=True)


# ------------------------------------------------------------------------------------------------ buttons


class QueueActionButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button],
    custom_id="parley:queue:{action}:{entry_id}",
    # any action name (kinds register their own), but never the reject select's id
    action=Field(r"(?!reject:)[a-z][a-z_]{0,19}", examples=("approve",)),
    entry_id=SNOWFLAKE,
):
    """A moderator's action on a queue entry (Approve, and whatever actions a kind registers)."""

    action: str
    entry_id: int

    def __init__(self, action: str, entry_id: int, t: Translations | None = None) -> None:
        # An unknown action (its capability is not loaded) still builds, so a press can answer kindly.
        act = moderation.actions().get(action)
        label = act.label if act else action
        super().__init__(
            discord.ui.Button(
                custom_id=self.bind(action=action, entry_id=entry_id),
                label=t.gettext(label) if t else label,
                emoji=act.emoji if act else None,
                style=discord.ButtonStyle.success
                if act and act.to is QueueStatus.APPROVED
                else discord.ButtonStyle.secondary,
            )
        )

    async def handle(self, interaction: discord.Interaction) -> None:
        """Route the press to the entry's kind (moderators only)."""
        services = services_for(interaction.client)  # type: ignore[arg-type]
        await require(services, interaction, Role.MODERATOR)
        try:
            act = moderation.action(self.action)
        except KeyError:
            raise NotFound() from None
        entry = await QueueRepository(services.db).get(interaction.guild_id or 0, self.entry_id)
        if entry is None:
            raise NotFound()
        kind = queue_kind(services, entry.kind)
        if act.name not in kind.actions:
            raise NotFound()
        await kind.run_action(services, interaction, entry, act)


def reason_options(t: Translations | None) -> list[discord.SelectOption]:
    """The rejection reasons, in the moderators' language."""
    return [
        discord.SelectOption(label=(t.gettext(label) if t else label)[:100], value=code)
        for code, label in REJECT_REASONS.items()
    ]


class QueueRejectSelect(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Select],
    custom_id="parley:queue:reject:{entry_id}",
    entry_id=SNOWFLAKE,
):
    """Reject with a reason; "other" opens a note field first."""

    entry_id: int

    def __init__(self, entry_id: int, t: Translations | None = None) -> None:
        super().__init__(
            discord.ui.Select(
                custom_id=self.bind(entry_id=entry_id),
                placeholder=(t.gettext("Reject: pick a reason") if t else "reject")[:150],
                options=reason_options(t),
                min_values=1,
                max_values=1,
            )
        )

    async def handle(self, interaction: discord.Interaction) -> None:
        """Reject at once with the chosen reason, or ask for a note when it is "other"."""
        services = services_for(interaction.client)  # type: ignore[arg-type]
        await require(services, interaction, Role.MODERATOR)
        reason = self.item.values[0] if self.item.values else None
        if reason == OTHER_REASON:
            t = services.t(
                await services.language_for(
                    interaction.guild_id,
                    services.identity.member_key(interaction.guild_id or 0, interaction.user.id),
                    str(interaction.locale),
                )
            )
            await interaction.response.send_modal(RejectNoteModal(services, t, self.entry_id))
            return
        await decide_and_show(services, interaction, self.entry_id, REJECT, reason=reason)


class RejectNoteModal(ParleyModal):
    """A short note for a rejection whose reason is "other" (kept in the audit; never shown to the author)."""

    def __init__(self, services: Services, t: Translations, entry_id: int) -> None:
        super().__init__(title=t.gettext("Reject with a note")[:45], timeout=900)
        self.services = services
        self.entry_id = entry_id
        self.note = discord.ui.TextInput(
            style=discord.TextStyle.paragraph,
            max_length=moderation.NOTE_MAX_CHARS,
            placeholder=t.gettext("Why it was rejected (seen by moderators only)")[:100],
            required=True,
        )
        self.add_item(discord.ui.Label(text=t.gettext("Note for the audit log")[:45], component=self.note))

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Reject with reason "other" and the note."""
        await decide_and_show(
            self.services, interaction, self.entry_id, REJECT, reason=OTHER_REASON, note=self.note.value
        )


DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (QueueActionButton, QueueRejectSelect)
