"""`/situation`: the guided walkthrough, from the first question to the result card and its hand-overs."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable

import discord

from parley.cogs._shared.cog import loaded_cog
from parley.cogs._shared.errors import error_reply
from parley.cogs._shared.reach import ServerOnly, in_server
from parley.cogs._shared.respond import acknowledge, respond, update
from parley.cogs.situation.cards import notice_card
from parley.cogs.situation.flows import FlowPart
from parley.cogs.situation.intake import IntakeForm
from parley.cogs.situation.modals import WordsModal
from parley.cogs.situation.step_cards import StepCards
from parley.database import Tx
from parley.database.repositories.flows import FlowsRepository
from parley.database.repositories.settings import SettingsRepository
from parley.database.repositories.stats import StatsRepository
from parley.database.repositories.votes import VotesRepository
from parley.domain import intake
from parley.domain import walkthrough as wt
from parley.domain.intake import IntakeAnswers
from parley.domain.ranking import NEUTRAL
from parley.domain.settings import GuildSettings
from parley.domain.stories import stamp
from parley.domain.triage import TriageResult, classify
from parley.i18n import Translations

log = logging.getLogger(__name__)

Settings = tuple[GuildSettings, str | None]  # a server's settings and the member's stored language

SITUATION = "situation"


class Walkthrough(FlowPart):
    """The walkthrough: four questions (or the member's words), then advice ranked with the server's votes."""

    kind = SITUATION
    expired = wt.FlowExpired
    not_yours = wt.FlowNotYours

    async def start(
        self, interaction: discord.Interaction, describe: str | None, *, step_by_step: bool = False
    ) -> None:
        """Open the one-screen form; or the step-by-step card when asked, or reading `describe` first when given."""
        words = describe.strip() if describe and describe.strip() else None
        if words is None and not step_by_step:
            await self.open_intake(interaction)
            return
        reading = self.read_settings(interaction)
        await acknowledge(interaction)  # before the database writes: a stalled disk must not miss the 3 s deadline
        if words:
            await self.before_words(reading)
        state = wt.start(self.read_words(words) if words else None)
        t, flow, storing = await self.start_flow(interaction, state, words, reading)
        if flow is None:
            await respond(interaction, view=notice_card(self.switched_off(t)), ephemeral=True)
            return
        await self.show_new(interaction, t, flow, storing)

    def read_settings(self, interaction: discord.Interaction) -> asyncio.Future[Settings] | None:
        """Start reading the server's settings and the member's language (memoised for the interaction); None
        outside a server. A task: started before the acknowledgement, the read goes to the reader's thread while
        the acknowledgement travels to Discord (it never delays it: the loop hands it over at its first wait)."""
        if interaction.guild_id is None:
            return None
        repo = SettingsRepository(self.services.db)
        reading = asyncio.ensure_future(repo.for_member(interaction.guild_id, self.owner_key(interaction)))
        # If the command fails before it awaits the read (the acknowledgement refused), the read's own error, if
        # any, is not news: mark it seen. Whoever awaits the read still gets it.
        reading.add_done_callback(lambda done: done.cancelled() or done.exception())
        return reading

    @staticmethod
    async def before_words(reading: Awaitable[Settings] | None) -> None:
        """Reading the words is the CPU-heavy part: first let interactions that arrived meanwhile acknowledge. The
        wait is the settings' read (needed anyway, and on the database's thread by now), or one turn of the loop."""
        if reading is not None:
            await reading
        else:
            await asyncio.sleep(0)

    async def start_flow(
        self,
        interaction: discord.Interaction,
        state: wt.FlowState,
        free_text: str | None,
        reading: Awaitable[Settings] | None,
    ) -> tuple[Translations, wt.Flow | None, asyncio.Future[wt.Flow] | None]:
        """The member's language, their new flow (None: the server switched the walkthrough off) and the write
        that stores it, already handed to the database (None: stored already).

        In a server the flow is stored while its first card is drawn and sent (`show_new` waits for the write
        after sending): the member's first look needs only the settings and the language, their next click the
        stored flow. Before, the card waited for that write (~1 ms of hand-offs and a COMMIT, issue 21).
        """
        guild_id = interaction.guild_id
        if guild_id is None or reading is None:
            t = await self.translations(interaction)
            return t, await self.create(interaction, t, state, free_text), None
        settings, _ = await reading
        t = await self.translations(interaction)  # from what was just read: no second read
        if not settings.walkthrough_enabled:
            return t, None, None
        key, now = self.owner_key(interaction), self.now()
        flow = wt.Flow(wt.new_flow_id(), guild_id, key, self.kind, t.lang, 0, state.to_json(), free_text, now, now)

        async def insert(tx: Tx) -> wt.Flow:
            return await FlowsRepository.insert(
                tx,
                flow.flow_id,
                guild_id=guild_id,
                member_key=key,
                kind=self.kind,
                language=flow.language,
                state=flow.state,
                free_text=free_text,
                now=now,
            )

        return t, flow, asyncio.ensure_future(self.services.db.run_write(insert))

    async def show_new(
        self,
        interaction: discord.Interaction,
        t: Translations,
        flow: wt.Flow,
        storing: asyncio.Future[wt.Flow] | None,
        *,
        notice: str | None = None,
    ) -> None:
        """Answer with a new flow's first card, then wait for its write. The result card counts the walkthrough
        for /stats, so a flow that starts at its result is stored first. If the write fails after the card went
        out, the card is replaced with the error: its buttons would lead to a flow that does not exist."""
        if storing is not None and wt.FlowState.from_json(flow.state).step == wt.RESULT:
            await storing
            storing = None
        try:
            await respond(interaction, view=await self.card(interaction, t, flow, notice=notice), ephemeral=True)
        except BaseException:
            if storing is not None:
                await asyncio.gather(storing, return_exceptions=True)  # its outcome must not go unread
            raise
        if storing is not None:
            try:
                await storing
            except Exception as error:
                text, _ = await error_reply(interaction, error, where="situation:store")
                await update(interaction, view=notice_card(text))
                return
        if flow.guild_id is not None:
            await self.purge_expired()  # at most every few minutes; after the answer, like the write

    async def open_intake(self, interaction: discord.Interaction) -> None:
        """The one-screen form; where Discord refuses it, the step-by-step card instead (never a dead end)."""
        t = await self.translations(interaction)
        if not await self.enabled(interaction):
            await respond(interaction, view=notice_card(self.switched_off(t)), ephemeral=True)
            return
        try:
            await interaction.response.send_modal(IntakeForm(t))
        except discord.HTTPException as error:
            # An API or client that doesn't know radio and checkbox groups refuses the form: ask step by step.
            log.warning(
                "the one-screen form was refused (%s); falling back to the step-by-step walkthrough", error.code
            )
            notice = "-# ℹ️ " + t.gettext("The one-screen form couldn't open here, so let's go step by step.")
            await self.start_steps(interaction, t, notice=notice)

    async def start_steps(self, interaction: discord.Interaction, t: Translations, *, notice: str | None) -> None:
        """A new step-by-step walkthrough from the first question."""
        await acknowledge(interaction)
        flow = await self.create(interaction, t, wt.start(), None)
        await respond(interaction, view=await self.card(interaction, t, flow, notice=notice), ephemeral=True)

    async def on_intake(self, interaction: discord.Interaction, answers: IntakeAnswers) -> None:
        """The one-screen form was sent: the result card, or the step-by-step card where the answers fall short."""
        reading = self.read_settings(interaction)
        await acknowledge(interaction)  # the flow is stored first: answer Discord before a slow disk makes us late
        if answers.words:
            await self.before_words(reading)
        outcome = intake.to_state(answers, self.read_words(answers.words) if answers.words else None)
        t, flow, storing = await self.start_flow(interaction, outcome.state, answers.words, reading)
        if flow is None:
            await respond(interaction, view=notice_card(self.switched_off(t)), ephemeral=True)
            return
        notice = None
        if outcome.short == "too_many":
            notice = "-# ℹ️ " + t.ngettext(
                "Pick at most {count} situation: here they are again, with your other answers kept.",
                "Pick at most {count} situations: here they are again, with your other answers kept.",
                wt.MAX_SITUATIONS,
            )
        elif outcome.short == "nothing":
            notice = "-# ℹ️ " + t.gettext("Pick at least one situation, or describe it in your own words, first.")
        await self.show_new(interaction, t, flow, storing, notice=notice)

    async def enabled(self, interaction: discord.Interaction) -> bool:
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

    def read_words(self, text: str) -> wt.Inference:
        """What the member's own words already answer."""
        return wt.infer(text, classify(text=text))

    async def card(
        self, interaction: discord.Interaction, t: Translations, flow: wt.Flow, *, notice: str | None = None
    ) -> discord.ui.LayoutView:
        """A question, or the result."""
        state = wt.FlowState.from_json(flow.state)
        painter = self.painter(t)
        if state.step != wt.RESULT:
            return self.services.component(StepCards).card(painter, flow.flow_id, flow.version, state, notice=notice)
        plan = await self.plan(interaction, state, flow.free_text)
        if interaction.guild_id is not None and plan.recognised:
            # /stats: the client type, counted once per walkthrough for its month; nothing about the member.
            await StatsRepository(self.services.db).count_walkthrough(
                flow.flow_id, interaction.guild_id, stamp(self.services.clock.now())[:7], plan.recognised[0].archetype
            )
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

    async def open_flow(
        self, interaction: discord.Interaction, flow_id: str, version: int
    ) -> tuple[Translations, wt.Flow, wt.FlowState] | None:
        """The flow a click acts on, with its state; None when the member was already answered (switched off,
        expired or stale)."""
        t = await self.translations(interaction)
        if not await self.enabled(interaction):
            await update(interaction, view=notice_card(self.switched_off(t)))
            return None
        flow = await self.load(interaction, flow_id, version, t)
        if flow is None:
            return None
        return t, flow, wt.FlowState.from_json(flow.state)

    async def on_button(
        self, interaction: discord.Interaction, action: str, flow_id: str, version: int, value: str | None
    ) -> None:
        """Answer stage/keep, go Back, Start over, open the words modal, show the result, or share a story."""
        opened = await self.open_flow(interaction, flow_id, version)
        if opened is None:
            return
        t, flow, state = opened
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

    async def on_select(
        self, interaction: discord.Interaction, action: str, flow_id: str, version: int, values: list[str]
    ) -> None:
        """Answer "what is happening" / "what you have", or take the member's own pick of archetype."""
        opened = await self.open_flow(interaction, flow_id, version)
        if opened is None:
            return
        t, flow, state = opened
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

    async def words(self, interaction: discord.Interaction, t: Translations, flow: wt.Flow, words: str | None) -> None:
        """The member's words answer what they can; the rest of the answers stay."""
        state = wt.FlowState.from_json(flow.state)
        if words:
            state = state.with_words(self.read_words(words))
        await self.save(interaction, t, flow, state, free_text=words)

    async def share_story(
        self, interaction: discord.Interaction, t: Translations, state: wt.FlowState, free_text: str | None
    ) -> None:
        """Hand over to the stories capability: its form, on the type of client the result card showed first."""
        from parley.cogs.stories.cog import Stories

        if not in_server(interaction):
            raise ServerOnly()  # a card from a DM: stories are a server's, so say where they can be shared
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
