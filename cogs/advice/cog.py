"""`/advice browse`, `/advice top` and `/advice suggest`: the guides' advice ranked by this community's votes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import discord
from discord import app_commands
from discord.app_commands import locale_str

from parley.cogs._shared import queue, voting
from parley.cogs._shared.cards import TextCard
from parley.cogs._shared.cog import ParleyCog
from parley.cogs._shared.errors import unwrap
from parley.cogs._shared.flags import flag_list, more_note, removed_counts, removed_line
from parley.cogs._shared.reporting import ReportButton, report_label
from parley.cogs._shared.respond import respond
from parley.cogs.advice import views
from parley.cogs.advice.listing import member_votes, paginate, ranked_entries
from parley.cogs.advice.modals import SuggestTipModal, TipDraft, TipRetryCard
from parley.cogs.advice.preview import TipPreviewCard
from parley.database.repositories.reports import LockdownRepository
from parley.database.repositories.settings import SettingsRepository
from parley.database.repositories.tips import TipsRepository
from parley.domain.anonymiser import Anonymiser
from parley.domain.anonymiser.review import Flag
from parley.domain.errors import DatabaseBusy, InvalidInput, NotAllowed, ParleyError, SaveFailed
from parley.domain.reports import LockedDown
from parley.domain.settings import GuildSettings
from parley.domain.tips import (
    TipsClosed,
    TooNewToShare,
    check_allowance,
    day_start,
    stamp,
    validate_tip,
)
from parley.domain.votes import TooNewToVote, check_membership
from parley.i18n import SOURCE_LANGUAGE, Translations
from parley.knowledge import ARCHETYPE_IDS, default_knowledge, pick


def archetype_choices() -> list[app_commands.Choice[str]]:
    """The 14 archetypes as command choices, named from the knowledge base (Finnish and Russian travel along)."""
    kb = default_knowledge()
    choices = []
    for arch_id in ARCHETYPE_IDS:
        if arch_id in kb.archetypes:
            names = dict(kb.archetypes[arch_id].name)
            english = pick(names, SOURCE_LANGUAGE)
            choices.append(app_commands.Choice(name=locale_str(english, localizations=names), value=arch_id))
    return choices


ARCHETYPE_CHOICES = archetype_choices()


class Advice(ParleyCog):
    """Advice from the guides and members' tips, ranked by the community's votes."""

    dynamic_items = (*voting.DYNAMIC_ITEMS, *queue.DYNAMIC_ITEMS, *views.DYNAMIC_ITEMS)
    template_samples = {
        "cards/advice_browse.md.j2": [
            {
                "title": "Non-payer / late payer",
                "summary": "The work is done, but…",
                "total": 12,
                "page": 1,
                "pages": 3,
            },
            {"title": "The creep", "summary": "", "total": 1, "page": 1, "pages": 1},
            {"title": "The creep", "summary": "", "total": 0, "page": 1, "pages": 1},
        ],
        "cards/advice_top.md.j2": [
            {"title": None, "total": 10, "page": 2, "pages": 2},
            {"title": "The know-it-all", "total": 3, "page": 1, "pages": 1},
            {"title": None, "total": 0, "page": 1, "pages": 1},
        ],
        "cards/advice_item.md.j2": [
            {
                "rank": 1,
                "tip": False,
                "own": False,
                "text": "Send a friendly reminder.",
                "source": "G0 §non-payer",
                "archetype_name": None,
                "truncated": False,
            },
            {
                "rank": 12,
                "tip": True,
                "own": False,
                "text": "Ask for *50 %* up front @everyone",
                "source": None,
                "archetype_name": "The creep",
                "truncated": True,
            },
            {
                "rank": 3,
                "tip": False,
                "own": True,
                "text": "Ask for 30 % up front <@&1>.",
                "source": "Our members' survey, 2025 @here",
                "archetype_name": "The creep",
                "truncated": False,
            },
        ],
        "cards/advice_suggest_done.md.j2": [
            {"archetype_name": "Scope creeper", "posted": True, "left": 4},
            {"archetype_name": "Scope creeper", "posted": False, "left": 0},
            {"archetype_name": "Scope creeper", "posted": True, "left": 1},
        ],
        "cards/advice_suggest_retry.md.j2": [
            {"problem": "The tip is empty.", "can_edit": True, "text": ""},
            {"problem": "You've shared today's tips already.", "can_edit": False, "text": "My tip " * 40},
        ],
        "cards/queue_tip.md.j2": [
            {
                "tip": TipDraft(text="Ask for a deposit first. <@123>"),
                "archetype": "Non-payer",
                "language": "suomi",
                "date": "2026-03-01",
                "taken_off": False,
                "flags": "",
            },
            {
                "tip": None,
                "archetype": "Non-payer",
                "language": "English",
                "date": "2026-03-01",
                "taken_off": False,
                "flags": "",
            },
            {
                "tip": TipDraft(text="Ask Devorah in SLC."),
                "archetype": "Non-payer",
                "language": "English",
                "date": "2026-03-01",
                "flags": "🔎 **Still flagged:** **Devorah**, **SLC**",
                "taken_off": False,
            },
            {
                "tip": TipDraft(text="Gone."),
                "archetype": "Non-payer",
                "language": "English",
                "date": "2026-03-01",
                "taken_off": True,
                "flags": "",
            },
        ],
        "cards/advice_tip_preview.md.j2": [
            {
                "archetype_name": "Non-payer",
                "removed": "1 name and 1 phone number",
                "flags": "**SLC**, **Portugal**",
                "more": "",
                "text": "When [client] did not pay I called [phone]. <@123>",
            },
            {
                "archetype_name": "Non-payer",
                "removed": None,
                "flags": "**QXBR** ×2, **QXBT** and 5 more",
                "more": "The list holds the 25 likeliest; 5 more show up once you have dealt with these.",
                "text": "QXBR, QXBT…",
            },
            {
                "archetype_name": "Non-payer",
                "removed": None,
                "flags": None,
                "more": "",
                "text": "Ask for a deposit first.",
            },
        ],
        "cards/queue_decision.md.j2": [
            {"line": "Approved by Mia on 2026-03-01.", "status": "approved", "reason": None, "note": None},
            {"line": "Rejected by Mia on 2026-03-01.", "status": "rejected", "reason": "Other", "note": "Too *vague*"},
        ],
        "cards/vote_receipt.md.j2": [
            {"line": "Your vote is in: 👍 Helpful.", "counts": [("👍", "3"), ("👎", "1"), ("✅", "2"), ("❌", "0")]},
            {"line": "Your vote was removed.", "counts": [("👍", "0"), ("👎", "0")]},
        ],
    }

    advice = app_commands.Group(
        name=locale_str("advice"),
        description=locale_str("Advice from the guides, ranked by this community's votes"),
        guild_only=True,
    )

    async def cog_load(self) -> None:
        await super().cog_load()
        queue.register_queue_kind(self.services, views.TipQueueKind())

    async def cog_app_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        original = unwrap(error)
        if isinstance(original, (TooNewToShare, TooNewToVote)):
            await voting.answer_too_new(interaction, original)
            interaction.extras["parley_handled"] = True
            return
        await super().cog_app_command_error(interaction, error)

    # --------------------------------------------------------------------------------------------- commands

    @advice.command(name=locale_str("browse"), description=locale_str("Advice for one type of client, best first"))
    @app_commands.rename(archetype=locale_str("type"))
    @app_commands.describe(archetype=locale_str("The type of difficult client"))
    @app_commands.choices(archetype=ARCHETYPE_CHOICES)
    async def browse(self, interaction: discord.Interaction, archetype: str) -> None:
        """Show an archetype's advice, the guides' and members' tips, best first."""
        t = await self.translations(interaction)
        await respond(interaction, view=await self.list_card(interaction, t, "browse", archetype, 0))

    @advice.command(name=locale_str("top"), description=locale_str("The advice members here rated best"))
    @app_commands.rename(archetype=locale_str("type"))
    @app_commands.describe(archetype=locale_str("Only this type of client (default: all)"))
    @app_commands.choices(archetype=ARCHETYPE_CHOICES)
    async def top(self, interaction: discord.Interaction, archetype: str | None = None) -> None:
        """Show the best-rated items, overall or for one archetype."""
        t = await self.translations(interaction)
        await respond(interaction, view=await self.list_card(interaction, t, "top", archetype, 0))

    @advice.command(name=locale_str("suggest"), description=locale_str("Share a tip that worked for you"))
    async def suggest(self, interaction: discord.Interaction) -> None:
        """Open the tip form, once the server is ready for tips and the member may share one today."""
        t = await self.translations(interaction)
        await self.allow_tip(interaction, t)
        await interaction.response.send_modal(await self.tip_modal(interaction, t, TipDraft(lang=t.lang)))

    # ------------------------------------------------------------------------------------------------ lists

    async def list_card(
        self, interaction: discord.Interaction, t: Translations, scope: str, archetype: str | None, page: int
    ) -> views.AdviceListCard:
        """Render one page of a ranked list with vote buttons (the member's own votes highlighted)."""
        guild_id = interaction.guild_id
        if guild_id is None:
            raise NotAllowed()
        if archetype is not None and archetype not in self.services.knowledge.archetypes:
            raise InvalidInput()
        kb = self.services.knowledge
        entries = await ranked_entries(self.services, guild_id, t.lang, archetype, rated_only=scope == "top")
        render = self.services.renderer.render
        texts = [
            render(
                "cards/advice_item.md.j2",
                t,
                rank=n + 1,
                tip=e.kind == "tip",
                own=e.own,
                text=e.text,
                source=e.source,
                archetype_name=pick(kb.archetypes[e.archetype].name, t.lang)
                if archetype is None and e.archetype is not None and e.archetype in kb.archetypes
                else None,
                truncated=e.truncated,
            )
            for n, e in enumerate(entries)
        ]
        pages = paginate([len(text) for text in texts])
        page = min(max(page, 0), len(pages) - 1)
        shown = [entries[i] for i in pages[page]]
        mine = await member_votes(self.services, guild_id, self.member_key(interaction), shown)
        rows = []
        for i, e in zip(pages[page], shown, strict=True):
            row = voting.vote_row(t, e.kind, e.item_id, e.tally, mine.get((e.kind, e.item_id)))
            if e.kind == "tip":  # members' tips can be reported; the guides' own advice is cited, not reported
                row.add_item(ReportButton("tip", int(e.item_id), report_label(t)))
            rows.append((texts[i], row))
        arch = kb.archetypes.get(archetype) if archetype else None
        header = render(
            "cards/advice_browse.md.j2" if scope == "browse" else "cards/advice_top.md.j2",
            t,
            title=pick(arch.name, t.lang) if arch else None,
            summary=pick(arch.summary, t.lang) if arch and scope == "browse" else "",
            total=len(entries),
            page=page + 1,
            pages=len(pages),
        )
        return views.AdviceListCard(header, rows, views.page_buttons(t, scope, archetype, page, len(pages)))

    # ------------------------------------------------------------------------------------------------- tips

    async def allow_tip(self, interaction: discord.Interaction, t: Translations) -> GuildSettings:
        """Refuse kindly, before the member types anything, when a tip could not be accepted right now."""
        guild_id = interaction.guild_id
        if guild_id is None:
            raise NotAllowed()
        settings = await SettingsRepository(self.services.db).get(guild_id)
        if not settings.tips_enabled:
            raise TipsClosed()
        await queue.require_queue_channel(self.services, guild_id, t)
        if await LockdownRepository(self.services.db).is_on(guild_id):
            raise LockedDown()
        limits = settings.limits(self.services.config)
        now = self.services.clock.now()
        check_membership(
            getattr(interaction.user, "joined_at", None), now, limits.min_membership_days, error=TooNewToShare
        )
        key = self.member_key(interaction)
        today = await TipsRepository(self.services.db).submitted_since(guild_id, key or "", day_start(now))
        check_allowance(today, limits.tips_per_day)
        return settings

    async def tip_modal(self, interaction: discord.Interaction, t: Translations, draft: TipDraft) -> SuggestTipModal:
        """Build the tip form in the member's language, prefilled with a draft."""
        kb = self.services.knowledge
        names = [(a, pick(kb.archetypes[a].name, t.lang)) for a in ARCHETYPE_IDS if a in kb.archetypes]
        return SuggestTipModal(self, t, names, max_chars=self.services.config.limits.tip_max_chars, draft=draft)

    def anonymiser(self) -> Anonymiser:
        """The anonymiser, built once per process on first use (shared with stories)."""
        return self.services.component(Anonymiser.load)

    async def submit_tip(self, interaction: discord.Interaction, t: Translations, draft: TipDraft) -> None:
        """Validate and anonymise the tip (the raw text goes no further than this call), then show the preview."""
        if interaction.guild is None:
            raise NotAllowed()
        try:
            text = validate_tip(
                draft.text,
                draft.archetype,
                draft.lang,
                archetypes=tuple(self.services.knowledge.archetypes),
                max_chars=self.services.config.limits.tip_max_chars,
            )
        except InvalidInput as error:
            await self.offer_retry(interaction, t, error, draft, can_edit=True)
            return
        result = self.anonymiser().anonymise(text, draft.lang)
        removed = removed_line(t, removed_counts(result.spans))
        anonymised = TipDraft(text=result.text, archetype=draft.archetype, lang=draft.lang)
        del text, draft, result  # the raw text is not needed past this point
        card = TipPreviewCard(self, t, interaction.user.id, anonymised, removed)
        if interaction.message is not None:  # the form was reopened from the preview (Edit): redraw it in place
            await interaction.response.edit_message(view=card)
        else:
            await respond(interaction, view=card, ephemeral=True)

    def render_tip_preview(self, t: Translations, draft: TipDraft, removed: str | None, found: Sequence[Flag]) -> str:
        """The preview's text: type of client, what was removed, what may still identify someone, the tip."""
        arch = self.services.knowledge.archetypes.get(draft.archetype or "")
        return self.services.renderer.render(
            "cards/advice_tip_preview.md.j2",
            t,
            archetype_name=pick(arch.name, t.lang) if arch else draft.archetype,
            removed=removed,
            flags=flag_list(t, found),
            more=more_note(t, found),
            text=draft.text,
        )

    async def confirm_tip(self, interaction: discord.Interaction, t: Translations, draft: TipDraft) -> None:
        """Store the confirmed, anonymised tip within the daily limit, post its queue card, thank the member."""
        guild = interaction.guild
        if guild is None:
            raise NotAllowed()
        limits = (await SettingsRepository(self.services.db).get(guild.id)).limits(self.services.config)
        if await LockdownRepository(self.services.db).is_on(guild.id):
            # Paused while the member typed or previewed: nothing is sent and they get their text back.
            await self.offer_retry(interaction, t, LockedDown(), draft, can_edit=False)
            return
        text = draft.text
        await interaction.response.defer(ephemeral=True, thinking=True)
        now = self.services.clock.now()
        try:
            _, entry = await TipsRepository(self.services.db).submit(
                guild.id,
                self.member_key(interaction) or "",
                draft.archetype or "",
                draft.lang or t.lang,
                text,
                stamp(now),
                since=day_start(now),
                per_day=limits.tips_per_day,
            )
        except (NotAllowed, DatabaseBusy, SaveFailed) as error:
            # Busy or a failed write (a full disk...): nothing was stored, the member gets their text back.
            await self.offer_retry(interaction, t, error, draft, can_edit=not isinstance(error, NotAllowed))
            return
        posted = await queue.deliver(self.services, guild, entry)
        today = await TipsRepository(self.services.db).submitted_since(
            guild.id, self.member_key(interaction) or "", day_start(now)
        )
        arch = self.services.knowledge.archetypes[draft.archetype or ""]
        text = self.services.renderer.render(
            "cards/advice_suggest_done.md.j2",
            t,
            archetype_name=pick(arch.name, t.lang),
            posted=posted,
            left=max(limits.tips_per_day - today, 0),
        )
        await respond(interaction, view=TextCard(text, accent=views.ACCENT), ephemeral=True)

    async def offer_retry(
        self, interaction: discord.Interaction, t: Translations, error: ParleyError, draft: TipDraft, *, can_edit: bool
    ) -> None:
        """Say what went wrong and give the member their text back (and a button to edit it when that helps)."""
        params: dict[str, Any] = {k: t.number(v) if isinstance(v, int) else v for k, v in error.params.items()}
        translated = error.plural or isinstance(error, SaveFailed)  # both know how to translate themselves
        problem = error.translate(t) if translated else t.gettext(error.msgid, **params)
        shown = draft.text.replace("```", "`\u200b``") if len(draft.text) <= 3000 else ""
        text = self.services.renderer.render(
            "cards/advice_suggest_retry.md.j2", t, problem=problem, can_edit=can_edit, text=shown
        )
        card = TipRetryCard(self, t, interaction.user.id, text, draft, can_edit=can_edit)
        await respond(interaction, view=card, ephemeral=True)
