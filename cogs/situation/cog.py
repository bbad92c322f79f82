"""`/situation` (the guided walkthrough) and `/redflags` (screen a prospect): thin glue between clicks and the domain.

Each command opens one ephemeral card that is edited in place. A click loads the flow from the database, checks
owner, expiry and version, asks the domain for the next state, stores it with a conditional write and redraws.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from collections.abc import Sequence
from typing import Any

import discord
from discord import app_commands
from discord.app_commands import locale_str

from parley.cogs._shared import voting
from parley.cogs._shared.cog import ParleyCog, loaded_cog
from parley.cogs._shared.respond import acknowledge, respond, update
from parley.cogs.situation import samples, views
from parley.cogs.situation.cards import Extras, Painter, notice_card
from parley.cogs.situation.modals import MAX_WORDS, WordsModal
from parley.database.repositories.flows import FlowsRepository
from parley.database.repositories.settings import SettingsRepository
from parley.database.repositories.votes import VotesRepository
from parley.domain import redflags as rf
from parley.domain import walkthrough as wt
from parley.domain.errors import Expired
from parley.domain.ranking import NEUTRAL
from parley.domain.triage import TriageResult, classify
from parley.i18n import Translations

log = logging.getLogger(__name__)

SITUATION, REDFLAGS = "situation", "redflags"


class Situation(ParleyCog):
    """The walkthrough and the red-flag check."""

    # The vote buttons on the result card must work even when this is the only Parley cog a host loads.
    dynamic_items = (*views.DYNAMIC_ITEMS, *voting.DYNAMIC_ITEMS)
    template_samples = samples.TEMPLATE_SAMPLES

    # -- commands ----------------------------------------------------------------------------------------------

    @app_commands.command(
        name=locale_str("situation"), description=locale_str("Talk through a difficult client situation, step by step")
    )
    @app_commands.guild_only()
    @app_commands.describe(describe=locale_str("Optional: what is happening, in your own words"))
    @app_commands.rename(describe=locale_str("describe"))
    async def situation(
        self, interaction: discord.Interaction, describe: app_commands.Range[str, 1, MAX_WORDS] | None = None
    ) -> None:
        """Start a walkthrough (reading `describe` first, when given)."""
        await acknowledge(interaction)  # before the database writes: a stalled disk must not miss the 3 s deadline
        t = await self.translations(interaction)
        if not await self.walkthrough_enabled(interaction):
            await respond(interaction, view=notice_card(self.switched_off(t)), ephemeral=True)
            return
        await self.purge_expired()
        words = describe.strip() if describe and describe.strip() else None
        state = wt.start(self.read_words(words) if words else None)
        flow = await self.flows.create(
            wt.new_flow_id(),
            guild_id=interaction.guild_id,
            member_key=self.owner_key(interaction),
            kind=SITUATION,
            language=t.lang,
            state=state.to_json(),
            free_text=words,
            now=self.now(),
        )
        await respond(interaction, view=await self.situation_card(interaction, t, flow, state), ephemeral=True)

    @app_commands.command(
        name=locale_str("redflags"),
        description=locale_str("Check a prospective client for warning signs before you say yes"),
    )
    @app_commands.guild_only()
    async def redflags(self, interaction: discord.Interaction) -> None:
        """Start a red-flag check."""
        await acknowledge(interaction)
        t = await self.translations(interaction)
        await self.purge_expired()
        state = rf.ChecklistState()
        flow = await self.flows.create(
            wt.new_flow_id(),
            guild_id=interaction.guild_id,
            member_key=self.owner_key(interaction),
            kind=REDFLAGS,
            language=t.lang,
            state=state.to_json(),
            free_text=None,
            now=self.now(),
        )
        await respond(interaction, view=self.painter(t).checklist_card(flow.flow_id, flow.version, state))

    # -- shared plumbing ---------------------------------------------------------------------------------------

    @property
    def flows(self) -> FlowsRepository:
        """The flows repository."""
        return FlowsRepository(self.services.db)

    def now(self) -> dt.datetime:
        """The services' clock (a fake one in tests)."""
        return self.services.clock.now()

    def painter(self, t: Translations) -> Painter:
        """Card rendering in one language."""
        return Painter(t, self.services.renderer, self.services.knowledge)

    def owner_key(self, interaction: discord.Interaction) -> str:
        """The member's keyed hash (the commands are guild-only, so there is always one)."""
        key = self.member_key(interaction)
        if key is None:
            raise app_commands.NoPrivateMessage()
        return key

    async def walkthrough_enabled(self, interaction: discord.Interaction) -> bool:
        """Whether the server's admins left the walkthrough on."""
        if interaction.guild_id is None:
            return True
        return (await SettingsRepository(self.services.db).get(interaction.guild_id)).walkthrough_enabled

    def switched_off(self, t: Translations) -> str:
        """The kind words for a server that switched the walkthrough off."""
        return "🌙 " + t.gettext(
            "The walkthrough is switched off on this server. You can still check a new client with {redflags}, "
            "and a server admin can switch it back on in {setup}.",
            redflags=t.command("redflags"),
            setup=t.command("setup"),
        )

    async def purge_expired(self) -> None:
        """Drop flows nobody touched within the lifetime, and the member text in them."""
        ttl = self.services.config.privacy.flow_ttl_hours
        purged = await self.flows.purge_untouched_since(self.now() - dt.timedelta(hours=ttl))
        if purged:
            log.info("purged %d expired flow(s)", purged)

    async def load(
        self, interaction: discord.Interaction, kind: str, flow_id: str, version: int | None, t: Translations
    ) -> wt.Flow | None:
        """Load a flow for its owner on the version clicked; answer expired and stale clicks here (returns None)."""
        flow = await self.flows.get(flow_id)
        if flow is not None and flow.kind != kind:
            flow = None
        expired, not_yours = (
            (wt.FlowExpired, wt.FlowNotYours) if kind == SITUATION else (rf.ChecklistExpired, rf.ChecklistNotYours)
        )
        try:
            return wt.check_access(
                flow,
                member_key=self.member_key(interaction),
                version=version,
                now=self.now(),
                ttl_hours=self.services.config.privacy.flow_ttl_hours,
                expired=expired,
                not_yours=not_yours,
                command=t.command(kind),
            )
        except Expired as error:
            if flow is not None:
                await acknowledge(interaction)
                await self.flows.delete(flow.flow_id)
            await update(interaction, view=notice_card("⌛ " + t.gettext(error.msgid, **error.params)))
        except wt.StaleClick:
            assert flow is not None
            await update(interaction, view=await self.redraw(interaction, t, flow))
        return None

    async def save(
        self,
        interaction: discord.Interaction,
        t: Translations,
        flow: wt.Flow,
        state: wt.FlowState | rf.ChecklistState,
        *,
        free_text: str | None,
        notice: str | None = None,
    ) -> None:
        """Store the next state if nobody moved first, then redraw (the loser of a double click sees the winner's)."""
        await acknowledge(interaction)
        saved = await self.flows.advance(
            flow.flow_id, expected_version=flow.version, state=state.to_json(), free_text=free_text, now=self.now()
        )
        current = saved or await self.flows.get(flow.flow_id)
        if current is None:
            return
        await update(interaction, view=await self.redraw(interaction, t, current, notice=notice if saved else None))

    async def redraw(
        self, interaction: discord.Interaction, t: Translations, flow: wt.Flow, *, notice: str | None = None
    ) -> discord.ui.LayoutView:
        """The card for a flow's current state."""
        if flow.kind == SITUATION:
            return await self.situation_card(interaction, t, flow, wt.FlowState.from_json(flow.state), notice=notice)
        return await self.checklist_card(interaction, t, flow, self.checklist_state(flow), notice=notice)

    async def extras(self, interaction: discord.Interaction, advice_ids: Sequence[str] = ()) -> Extras:
        """What the other capabilities lend the cards: vote buttons with this server's counts, drafts, stories."""
        client: Any = interaction.client
        vote_buttons = None
        if advice_ids and interaction.guild_id is not None:
            tallies, mine = await voting.load_votes(
                self.services, interaction.guild_id, self.member_key(interaction), "advice", advice_ids
            )

            def vote_buttons(item_id: str, t: Translations) -> list[discord.ui.Item[Any]]:
                return list(
                    voting.vote_buttons(t, "advice", item_id, tallies.get(item_id), mine.get(item_id), outcome=False)
                )

        draft_button = _optional("parley.cogs.drafts.views", "draft_button") if client.get_cog("Drafts") else None
        return Extras(
            vote_buttons=vote_buttons, draft_button=draft_button, stories=client.get_cog("Stories") is not None
        )

    # -- the walkthrough ---------------------------------------------------------------------------------------

    def read_words(self, text: str) -> wt.Inference:
        """What the member's own words already answer."""
        return wt.infer(text, classify(text=text))

    async def situation_card(
        self,
        interaction: discord.Interaction,
        t: Translations,
        flow: wt.Flow,
        state: wt.FlowState,
        *,
        notice: str | None = None,
    ) -> discord.ui.LayoutView:
        """A question, or the result."""
        painter = self.painter(t)
        if state.step != wt.RESULT:
            return painter.step_card(flow.flow_id, flow.version, state, notice=notice)
        plan = await self.plan(interaction, state, flow.free_text)
        extras = await self.extras(interaction, [item.id for item in plan.advice])
        return painter.result_card(flow.flow_id, flow.version, state, plan, extras, notice=notice)

    def triage(self, state: wt.FlowState, free_text: str | None) -> TriageResult:
        """Classify the answers and the member's words together."""
        answers = state.answers()
        return classify(text=free_text, answers=None if answers.empty else answers)

    async def plan(self, interaction: discord.Interaction, state: wt.FlowState, free_text: str | None) -> wt.ResultPlan:
        """Rank the advice for this member's situation with this server's votes."""
        kb = self.services.knowledge
        scores = await self.community_scores(interaction.guild_id, [item.id for item in kb.all_items()])
        return wt.plan_result(kb, self.triage(state, free_text), state, lambda item_id: scores.get(item_id, NEUTRAL))

    async def community_scores(self, guild_id: int | None, item_ids: list[str]) -> dict[str, float]:
        """The server's community score per advice item."""
        if guild_id is None:
            return {}
        return await VotesRepository(self.services.db).scores(guild_id, item_ids)

    async def on_situation_button(
        self, interaction: discord.Interaction, action: str, flow_id: str, version: int, value: str | None
    ) -> None:
        """Answer stage/keep, go Back, Start over, open the words modal, show the result, or share a story."""
        t = await self.translations(interaction)
        if not await self.walkthrough_enabled(interaction):
            await update(interaction, view=notice_card(self.switched_off(t)))
            return
        flow = await self.load(interaction, SITUATION, flow_id, version, t)
        if flow is None:
            return
        state = wt.FlowState.from_json(flow.state)
        if action == "text":
            await interaction.response.send_modal(
                WordsModal(t, SITUATION, flow.flow_id, flow.version, current=flow.free_text)
            )
            return
        if action == "share":
            await self.share_story(interaction, t, state, flow.free_text)
            return
        free_text = flow.free_text
        if action in ("stage", "keep"):
            state = state.answer(action, value)
        elif action == "back":
            state = state.back()
        elif action == "restart":
            state, free_text = wt.start(), None
        elif action == "result":
            state = state.show_result()
        await self.save(interaction, t, flow, state, free_text=free_text)

    async def on_situation_select(
        self, interaction: discord.Interaction, action: str, flow_id: str, version: int, values: list[str]
    ) -> None:
        """Answer "what is happening" / "what you have", or take the member's own pick of archetype."""
        t = await self.translations(interaction)
        if not await self.walkthrough_enabled(interaction):
            await update(interaction, view=notice_card(self.switched_off(t)))
            return
        flow = await self.load(interaction, SITUATION, flow_id, version, t)
        if flow is None:
            return
        state = wt.FlowState.from_json(flow.state)
        notice = None
        if action == "pick":
            state = state.answer("situations", values)
        elif action == "have":
            state = state.answer("safeguards", values)
        elif action == "fix" and values and values[0] in self.services.knowledge.archetypes:
            chosen = values[0]
            predicted = self.triage(wt.FlowState.from_json({**flow.state, "chosen": None}), flow.free_text).top.id
            if chosen != predicted:
                await acknowledge(interaction)
                await self.flows.record_correction(
                    guild_id=interaction.guild_id,
                    predicted=predicted,
                    chosen=chosen,
                    answers=state.tokens(),
                    day=wt.today(self.now()),
                )
            state = state.choose(chosen)
            notice = "-# ✅ " + t.gettext("Thanks: noted anonymously, it helps Parley recognise this better.")
        await self.save(interaction, t, flow, state, free_text=flow.free_text, notice=notice)

    async def share_story(
        self, interaction: discord.Interaction, t: Translations, state: wt.FlowState, free_text: str | None
    ) -> None:
        """Hand over to the stories capability: its form, on the type of client the result card showed first."""
        from parley.cogs.stories.cog import Stories

        stories = loaded_cog(interaction.client, Stories)
        if stories is not None:
            shown = wt.recognise(self.triage(state, free_text), state.chosen)
            await stories.open_share(interaction, archetype=shown[0].archetype if shown else None)
            return
        await respond(
            interaction,
            t.gettext(
                "To share what happened, run {command}: it's anonymised before anyone sees it.",
                command=t.command("story share"),
            ),
        )

    # -- words (both flows) ------------------------------------------------------------------------------------

    async def on_words(
        self, interaction: discord.Interaction, kind: str, flow_id: str, version: int, text: str
    ) -> None:
        """Read the member's own words into their flow (a modal opened on an older card still counts)."""
        t = await self.translations(interaction)
        flow = await self.load(interaction, kind, flow_id, None, t)
        if flow is None:
            return
        words = text.strip()[:MAX_WORDS] or None
        if kind == SITUATION:
            state = wt.FlowState.from_json(flow.state)
            if words:
                state = state.with_words(self.read_words(words))
            await self.save(interaction, t, flow, state, free_text=words)
            return
        checklist = self.checklist_state(flow)
        await self.save(interaction, t, flow, checklist.with_words() if words else checklist, free_text=words)

    # -- /redflags ---------------------------------------------------------------------------------------------

    def checklist_state(self, flow: wt.Flow) -> rf.ChecklistState:
        """A stored red-flag check's state."""
        return rf.ChecklistState.from_json(flow.state, [flag.id for flag in self.services.knowledge.red_flags])

    async def checklist_card(
        self,
        interaction: discord.Interaction,
        t: Translations,
        flow: wt.Flow,
        state: rf.ChecklistState,
        *,
        notice: str | None = None,
    ) -> discord.ui.LayoutView:
        """The checklist, or the risk it adds up to."""
        painter = self.painter(t)
        if state.step != rf.RESULT:
            return painter.checklist_card(flow.flow_id, flow.version, state, notice=notice)
        triage = classify(text=flow.free_text) if flow.free_text else None
        risk = rf.assess(self.services.knowledge.red_flags, state.checked, triage)
        return painter.risk_card(flow.flow_id, flow.version, state, risk, await self.extras(interaction), notice=notice)

    async def on_checklist_select(
        self, interaction: discord.Interaction, flow_id: str, version: int, values: list[str]
    ) -> None:
        """The member ticked (or unticked) red flags."""
        t = await self.translations(interaction)
        flow = await self.load(interaction, REDFLAGS, flow_id, version, t)
        if flow is None:
            return
        valid = [flag.id for flag in self.services.knowledge.red_flags]
        await self.save(interaction, t, flow, self.checklist_state(flow).tick(values, valid), free_text=flow.free_text)

    async def on_checklist_button(
        self, interaction: discord.Interaction, action: str, flow_id: str, version: int
    ) -> None:
        """None of these, own words, or start over."""
        t = await self.translations(interaction)
        flow = await self.load(interaction, REDFLAGS, flow_id, version, t)
        if flow is None:
            return
        state = self.checklist_state(flow)
        if action == "text":
            await interaction.response.send_modal(
                WordsModal(t, REDFLAGS, flow.flow_id, flow.version, current=flow.free_text)
            )
            return
        if action == "none":
            await self.save(interaction, t, flow, state.none_apply(), free_text=flow.free_text)
        else:
            await self.save(interaction, t, flow, rf.ChecklistState(), free_text=None)


def _optional(module: str, name: str) -> Any:
    """A helper another capability provides, or None when that capability is not installed."""
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None
