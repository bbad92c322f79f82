"""`/draft`: a ready-to-send message to a client, in the client's language, from a short form."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.app_commands import locale_str
from discord.ext import commands

from parley.cogs._shared.cog import ParleyCog
from parley.cogs._shared.errors import handle_error
from parley.cogs._shared.respond import acknowledge, respond
from parley.cogs.drafts import views
from parley.cogs.drafts.labels import (
    KIND_NAMES,
    LANGUAGE_LABELS,
    TONE_NAMES,
    TONE_ORDER,
    fitting_tone,
    input_error,
    kind_name,
    language_label,
    tone_name,
    tone_note,
)
from parley.cogs.drafts.modals import DraftModal, FormId, submitted_values
from parley.cogs.drafts.values import carry_values
from parley.database.repositories.cases import CASE_LINK, case_facts
from parley.database.repositories.drafts import DraftsRepository, StoredDraft
from parley.domain.drafts import DRAFT_KINDS, DRAFT_LANGS, DRAFT_SPECS, Draft, DraftInputError, DraftRenderer
from parley.domain.errors import NotFound, NotYours
from parley.i18n import Translations

if TYPE_CHECKING:
    from parley.services import Services

log = logging.getLogger(__name__)

KIND_CHOICES = [app_commands.Choice(name=locale_str(KIND_NAMES[kind]), value=kind) for kind in DRAFT_KINDS]
TONE_CHOICES = [app_commands.Choice(name=locale_str(TONE_NAMES[tone]), value=tone) for tone in TONE_ORDER]
# Named in the member's client language (Finnish "venäjä"): the choice is the client's language, not the member's.
LANGUAGE_CHOICES = [app_commands.Choice(name=locale_str(LANGUAGE_LABELS[code]), value=code) for code in DRAFT_LANGS]


def _field_ids(kind: str) -> set[str]:
    return {field.id for field in DRAFT_SPECS[kind].fields}


class Drafts(ParleyCog):
    """Message drafts for clients."""

    dynamic_items = views.DYNAMIC_ITEMS
    template_samples = {
        "cards/draft_header.md.j2": [
            {"kind_name": "Payment reminder", "language_name": "English", "tone_name": "Friendly", "attached": False},
            {
                "kind_name": "Working hours and response time",
                "language_name": "Russian",
                "tone_name": "Firm",
                "attached": False,
            },
            {"kind_name": "Call summary", "language_name": "Arabic", "tone_name": None, "attached": True},
        ],
        "cards/draft_footer.md.j2": [{"source": "G0 §non-payer; G4 §bad payer; G3 §5"}, {"source": "G3 §2"}],
        "cards/draft_error.md.j2": [
            {
                "kind_name": "Payment reminder",
                "message": "**Amount** doesn't look like an amount. Write it like 1,200.50.",
                "button": "Edit details",
            }
        ],
    }

    def __init__(self, bot: commands.Bot, services: Services) -> None:
        super().__init__(bot, services)
        # Forms this process opened and is still waiting for; a submission for any other form id is an orphan.
        self.open_forms: set[str] = set()

    @property
    def repo(self) -> DraftsRepository:
        """The drafts repository."""
        return DraftsRepository(self.services.db)

    @property
    def drafts(self) -> DraftRenderer:
        """The draft renderer, built on first use and shared."""
        return self.services.component(DraftRenderer)

    def now(self) -> dt.datetime:
        """The current time from the injected clock."""
        return self.services.clock.now()

    @app_commands.command(
        name=locale_str("draft"), description=locale_str("Write a message to a client, in their language")
    )
    @app_commands.rename(kind=locale_str("kind"), language=locale_str("language"), tone=locale_str("tone"))
    @app_commands.describe(
        kind=locale_str("What the message is for"),
        language=locale_str("The language your client reads (default: the one Parley uses with you)"),
        tone=locale_str("How firm it sounds, where the message has tones"),
    )
    @app_commands.choices(kind=KIND_CHOICES, language=LANGUAGE_CHOICES, tone=TONE_CHOICES)
    async def draft(
        self,
        interaction: discord.Interaction,
        kind: app_commands.Choice[str],
        language: app_commands.Choice[str] | None = None,
        tone: app_commands.Choice[str] | None = None,
    ) -> None:
        """Open the details form for the chosen kind of draft."""
        await self.open_draft(
            interaction, kind.value, tone=tone.value if tone else None, language=language.value if language else None
        )

    async def open_draft(
        self,
        interaction: discord.Interaction,
        kind: str,
        *,
        tone: str | None = None,
        language: str | None = None,
        platform: bool = True,
    ) -> None:
        """Open the details form for `kind` (it answers with a modal, so it must be the interaction's first reply).

        The draft language defaults to the member's interface language; a tone the kind lacks falls back to the
        nearest gentler one it has. `platform=False` (the member said the work isn't through a platform) leaves
        out the tones that need one.
        """
        if kind not in DRAFT_SPECS:
            raise ValueError(f"unknown draft kind {kind!r}")
        t = await self.translations(interaction)
        draft = StoredDraft(
            draft_id=secrets.token_hex(8),
            guild_id=interaction.guild_id,  # None in a DM or private channel: the draft is the person's own
            member_key=self.owner_key(interaction),
            kind=kind,
            language=language if language in DRAFT_LANGS else t.lang,
            tone=fitting_tone(kind, tone, platform=platform),
            platform=platform,
        )
        await self.send_form(interaction, DraftModal(self, t, draft, replace_card=False, asked_tone=tone))

    async def open_for_case(
        self,
        interaction: discord.Interaction,
        *,
        guild_id: int | None,
        member_key: str,
        kind: str,
        language: str,
        tone: str | None,
        values: dict[str, str],
    ) -> None:
        """Open the details form prefilled from a case (its facts, the client's language, the tone its days overdue
        call for); works from the member's DMs too, since the case names the server (None: the person's own case)."""
        t = self.services.t(await self.services.language_for(guild_id, member_key, str(interaction.locale)))
        draft = StoredDraft(
            draft_id=secrets.token_hex(8),
            guild_id=guild_id,
            member_key=member_key,
            kind=kind,
            language=language if language in DRAFT_LANGS else t.lang,
            tone=fitting_tone(kind, tone),
            values=values,
        )
        await self.send_form(interaction, DraftModal(self, t, draft, replace_card=False, asked_tone=tone))

    async def translations_for(self, interaction: discord.Interaction, stored: StoredDraft | None) -> Translations:
        """The member's language for one of their drafts: the draft names the server, so this holds in DMs too."""
        if stored is None:
            return await self.translations(interaction)
        lang = await self.services.language_for(stored.guild_id, stored.member_key, str(interaction.locale))
        return self.services.t(lang)

    async def send_form(self, interaction: discord.Interaction, modal: DraftModal) -> None:
        """Open a details form and remember it until it is submitted or times out."""
        self.open_forms.add(modal.custom_id)
        try:
            await interaction.response.send_modal(modal)
        except BaseException:
            self.open_forms.discard(modal.custom_id)
            raise

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """Accept a form opened before a restart: its Modal object is gone, what the member typed must not be."""
        if interaction.type is not discord.InteractionType.modal_submit:
            return
        data = interaction.data or {}
        custom_id = str(data.get("custom_id", ""))
        form = FormId.parse(custom_id)
        if form is None or custom_id in self.open_forms:
            return  # not a draft form, or the live DraftModal handles it
        try:
            draft = StoredDraft(
                draft_id=form.draft_id,
                guild_id=interaction.guild_id,
                member_key=self.owner_key(interaction),
                kind=form.kind,
                language=form.lang if form.lang in DRAFT_LANGS else "en",
                tone=fitting_tone(form.kind, form.tone, platform=form.platform),
                platform=form.platform,
                values={k: v for k, v in submitted_values(data).items() if k in _field_ids(form.kind)},
            )
            log.info("accepted a draft form opened before a restart (guild %s)", interaction.guild_id)
            await self.submit(interaction, draft, replace_card=form.replace_card, asked_tone=form.tone)
        except Exception as error:
            await handle_error(interaction, error, where="modal:draft")

    async def submit(
        self,
        interaction: discord.Interaction,
        draft: StoredDraft,
        *,
        replace_card: bool,
        asked_tone: str | None = None,
    ) -> None:
        """Store what the member typed (before validating, so a mistake never costs them their text), then show it."""
        await acknowledge(interaction)  # the form is stored first: answer Discord before a slow disk makes us late
        now = self.now()
        await self.repo.purge_unused_since(now - dt.timedelta(hours=self.services.config.privacy.flow_ttl_hours))
        stored = await self.repo.save(draft, now)
        if stored.member_key != draft.member_key:
            raise NotYours()
        t = await self.translations_for(interaction, stored)
        await self.show(interaction, t, stored, replace_card=replace_card, note=tone_note(t, asked_tone, stored.tone))

    async def change_tone(self, interaction: discord.Interaction, draft_id: str, tone: str) -> None:
        """Redraft in another tone."""
        stored = await self.owned(interaction, draft_id)
        if stored is None:
            return
        if tone not in DRAFT_SPECS[stored.kind].tones_for(platform=stored.platform):
            raise NotFound()
        await acknowledge(interaction)
        stored = await self.repo.save(replace(stored, tone=tone), self.now())
        await self.show(interaction, await self.translations_for(interaction, stored), stored, replace_card=True)

    async def compare_tones(self, interaction: discord.Interaction, draft_id: str) -> None:
        """The friendly, firm and final versions side by side; each one's button makes it the draft."""
        stored = await self.owned(interaction, draft_id)
        if stored is None:
            return
        tones = [x for x in views.COMPARED_TONES if x in DRAFT_SPECS[stored.kind].tones_for(platform=stored.platform)]
        if len(tones) < 2:
            raise NotFound()
        t = await self.translations_for(interaction, stored)
        values = {k: v for k, v in stored.values.items() if not k.startswith("@")}
        facts = await case_facts(self.services.db, stored.values.get(CASE_LINK), self.now().date())
        try:
            texts = {
                tone: self.drafts.render(
                    stored.kind, stored.language, tone, values, today=self.now().date(), facts=facts
                ).text
                for tone in tones
            }
        except DraftInputError as error:
            await views.replace_card(interaction, self.error_card(t, stored, error), None)
            return
        header = "### 🔀 " + t.gettext(
            "{kind}: three tones side by side. Press the one that fits to make it your draft.",
            kind=kind_name(t, stored.kind),
        )
        await respond(
            interaction,
            view=views.ToneComparison(t, draft_id=stored.draft_id, header=header, texts=texts, current=stored.tone),
        )

    async def change_language(self, interaction: discord.Interaction, draft_id: str, lang: str) -> None:
        """Redraft in another language; amounts and dates keep their meaning."""
        stored = await self.owned(interaction, draft_id)
        if stored is None:
            return
        if lang not in DRAFT_LANGS:
            raise NotFound()
        values = carry_values(stored.kind, stored.values, stored.language, lang)
        await acknowledge(interaction)
        stored = await self.repo.save(replace(stored, language=lang, values=values), self.now())
        await self.show(interaction, await self.translations_for(interaction, stored), stored, replace_card=True)

    async def edit_details(self, interaction: discord.Interaction, draft_id: str) -> None:
        """Reopen the form with everything the member typed."""
        stored = await self.owned(interaction, draft_id)
        if stored is None:
            return
        t = await self.translations_for(interaction, stored)
        await self.send_form(interaction, DraftModal(self, t, stored, replace_card=True))

    async def owned(self, interaction: discord.Interaction, draft_id: str) -> StoredDraft | None:
        """Load a draft for its owner; someone else gets "isn't yours", an old draft a kind expiry note (None)."""
        ttl = self.services.config.privacy.flow_ttl_hours
        stored = await self.repo.get(draft_id)
        # A draft from a server is its member's wherever they press (a draft written from a case reminder comes to
        # their DMs); a draft started outside servers is the person's. Anyone else is refused anywhere.
        if stored is not None:
            owner = (
                self.owner_key(interaction)
                if stored.guild_id is None
                else self.services.identity.member_key(stored.guild_id, interaction.user.id)
            )
            if owner != stored.member_key:
                raise NotYours()
        if stored is None or stored.expired(self.now(), ttl):
            if stored is not None:
                await acknowledge(interaction)
                await self.repo.delete(draft_id)  # what the member typed goes as soon as the draft expires
            t = await self.translations_for(interaction, stored)
            await respond(
                interaction,
                "⌛ "
                + t.ngettext(
                    "This draft has expired: Parley keeps drafts for {count} hour after their last use, then "
                    "deletes what you typed. Run {command} to write a new one.",
                    "This draft has expired: Parley keeps drafts for {count} hours after their last use, then "
                    "deletes what you typed. Run {command} to write a new one.",
                    ttl,
                    command=t.command("draft"),
                ),
            )
            return None
        return stored

    async def show(
        self,
        interaction: discord.Interaction,
        t: Translations,
        stored: StoredDraft,
        *,
        replace_card: bool,
        note: str | None = None,
    ) -> None:
        """Render the draft and put it on the member's card (with `note` under its header), or say what to fix."""
        file: discord.File | None = None
        values = {k: v for k, v in stored.values.items() if not k.startswith("@")}
        facts = await case_facts(self.services.db, stored.values.get(CASE_LINK), self.now().date())
        try:
            draft = self.drafts.render(
                stored.kind, stored.language, stored.tone, values, today=self.now().date(), facts=facts
            )
        except DraftInputError as error:
            view: discord.ui.LayoutView = self.error_card(t, stored, error)
        else:
            view, file = self.draft_card(t, stored, draft, note=note, follow_up=self.follow_up(t, stored))
        if replace_card:
            await views.replace_card(interaction, view, file)
        else:
            await respond(interaction, view=view, file=file)

    def follow_up(self, t: Translations, stored: StoredDraft) -> discord.ui.Item[Any] | None:
        """ "Follow this up for me" when the cases capability is loaded and the draft isn't a case's already.

        Asked of the loaded cog by name, not imported: cases build on drafts, so drafts must not import cases.
        """
        archetypes = DRAFT_SPECS[stored.kind].archetypes
        make = getattr(self.bot.get_cog("Cases"), "follow_up_button", None)
        if CASE_LINK in stored.values or not archetypes or make is None:
            return None
        return make(archetypes[0], t, stored.draft_id)

    def draft_card(
        self,
        t: Translations,
        stored: StoredDraft,
        draft: Draft,
        *,
        note: str | None = None,
        follow_up: discord.ui.Item[Any] | None = None,
    ) -> tuple[views.DraftCard, discord.File | None]:
        """The card showing a rendered draft; long drafts come as a .txt file instead of a code block."""
        file = None if draft.fits_message else views.attachment(draft.text, draft.kind, draft.lang)
        render = self.services.renderer.render
        header = render(
            "cards/draft_header.md.j2",
            t,
            kind_name=kind_name(t, draft.kind),
            language_name=language_label(t, draft.lang),
            tone_name=tone_name(t, draft.tone) if draft.tone else None,
            attached=file is not None,
        )
        footer = render("cards/draft_footer.md.j2", t, source=draft.source)
        card = views.DraftCard(
            t,
            draft_id=stored.draft_id,
            header=header,
            note=f"-# ℹ️ {note}" if note else None,
            body=draft.text if file is None else None,
            file=file,
            footer=footer,
            tones=DRAFT_SPECS[draft.kind].tones_for(platform=stored.platform),
            tone=draft.tone,
            lang=draft.lang,
            follow_up=follow_up,
        )
        return card, file

    def error_card(self, t: Translations, stored: StoredDraft, error: DraftInputError) -> views.InputErrorCard:
        """What to fix, in the member's language, with Edit details to get their text back."""
        text = self.services.renderer.render(
            "cards/draft_error.md.j2",
            t,
            kind_name=kind_name(t, stored.kind),
            message=input_error(t, error, stored.kind, stored.language),
            button=t.gettext("Edit details"),
        )
        return views.InputErrorCard(t, draft_id=stored.draft_id, text=text)
