"""Turn flow states and results into cards: localised text from templates, plus the components that move the flow.

Every card is one Components V2 container; `fit()` keeps each within Discord's limits (40 components, 4000
characters of text) by dropping the least important parts first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import discord

from parley.cogs.situation import labels
from parley.cogs.situation.views import ChecklistButton, ChecklistSelect, FlowButton, FlowSelect
from parley.domain import walkthrough as wt
from parley.domain.redflags import ChecklistState, RiskAssessment
from parley.domain.safe_text import user_text
from parley.i18n import Translations
from parley.i18n.bidi import strip_controls
from parley.knowledge import KnowledgeBase, pick
from parley.render import Renderer

MAX_COMPONENTS = 40
MAX_TEXT = 4000
MAX_QUOTES = 3
MAX_QUOTE_CHARS = 60

ItemFactory = Callable[..., discord.ui.Item[Any] | None]


@dataclass(frozen=True)
class Extras:
    """What other capabilities lend the cards, when they are loaded: vote buttons, draft buttons, story sharing."""

    vote_buttons: Callable[[str, Translations], Sequence[discord.ui.Item[Any]]] | None = None
    draft_button: Callable[..., discord.ui.Item[Any]] | None = None  # (kind, label, *, platform=True)
    stories: bool = False
    # The know-your-rights picker for the recognised client types (None: no card applies to them).
    rights: Callable[[Translations, Sequence[str]], discord.ui.Item[Any] | None] | None = None
    follow_up: Callable[[str, Translations], discord.ui.Item[Any]] | None = None  # (archetype, t): open a case


@dataclass(frozen=True)
class Painter:
    """Renders cards in one member's language."""

    t: Translations
    renderer: Renderer
    kb: KnowledgeBase

    def label(self, table: Mapping[str, tuple[str, str]], key: str) -> str:
        """A choice's localised label."""
        return self.t.gettext(table[key][1])

    def quoted(self, text: str) -> str:
        """Quote a short piece of text in this language's quotation marks."""
        return self.t.gettext("“{words}”", words=text)

    def member_words(self, words: str) -> str:
        """Member-typed words made inert and short enough to quote."""
        cleaned = " ".join(strip_controls(words).split())
        if len(cleaned) > MAX_QUOTE_CHARS:
            cleaned = cleaned[: MAX_QUOTE_CHARS - 1].rstrip() + "…"
        return user_text(cleaned)

    def quotes(self, words: Sequence[str]) -> list[str]:
        """Quote up to three of the member's words, skipping any already inside a longer quote."""
        kept: list[str] = []
        for word in sorted(dict.fromkeys(words), key=len, reverse=True):
            if not any(word.casefold() in other.casefold() for other in kept):
                kept.append(word)
        in_order = [w for w in dict.fromkeys(words) if w in kept][:MAX_QUOTES]
        return [self.quoted(self.member_words(w)) for w in in_order]

    # -- the walkthrough's questions ---------------------------------------------------------------------------

    def answer_labels(self, state: wt.FlowState, steps: Sequence[str]) -> list[str]:
        """The answers given to some steps, as the member saw them."""
        out: list[str] = []
        for step in steps:
            if step == "situations":
                out.extend(self.label(labels.SITUATIONS, s) for s in state.situations)
            elif step == "stage" and state.stage:
                out.append(self.label(labels.STAGES, state.stage))
            elif step == "safeguards" and state.safeguards:
                out.extend(
                    self.t.gettext(labels.NO_SAFEGUARD_RECAP)
                    if s == wt.NO_SAFEGUARD
                    else self.label(labels.SAFEGUARDS, s)
                    for s in state.safeguards
                )
            elif step == "keep" and state.keep:
                out.append(self.label(labels.KEEP, state.keep))
        return out

    def step_card(self, flow_id: str, version: int, state: wt.FlowState, *, notice: str | None = None) -> Card:
        """A question of the walkthrough, with its control, Back, Start over, own words and result."""
        t = self.t
        question, hint = labels.QUESTIONS[state.step]
        progress = state.progress()
        earlier = [s for s in wt.STEPS if s != state.step and state.answered(s) and s not in state.inferred]
        understood = self.answer_labels(state, [s for s in wt.STEPS if s in state.inferred])
        text = self.renderer.render_memo(  # answer labels and notices only: no member-typed words
            "cards/situation_step.md.j2",
            t,
            progress=progress,
            question=t.gettext(question),
            hint=t.gettext(hint),
            understood=t.join([self.quoted(a) for a in understood]),
            recap=" · ".join(self.answer_labels(state, earlier)),
            notice=notice,
        )
        control = self.step_control(flow_id, version, state)
        nav = discord.ui.ActionRow(
            FlowButton("back", flow_id, version, label=t.gettext("Back"), emoji="◀️", disabled=not state.can_go_back),
            FlowButton("restart", flow_id, version, label=t.gettext("Start over"), emoji="🔄"),
            FlowButton(
                "text",
                flow_id,
                version,
                label=t.gettext("Edit my words") if state.has_text else t.gettext("In my own words"),
                emoji="✍️",
            ),
            FlowButton(
                "result",
                flow_id,
                version,
                label=t.gettext("Show my result"),
                emoji="✅",
                style=discord.ButtonStyle.success,
                disabled=not state.can_show_result,
            ),
        )
        return Card(discord.ui.TextDisplay(text), control, discord.ui.Separator(visible=False), nav)

    def step_control(self, flow_id: str, version: int, state: wt.FlowState) -> discord.ui.ActionRow[Any]:
        """The select or buttons that answer the current question (the current answer preselected)."""
        t = self.t
        if state.step == "situations":
            options = [
                discord.SelectOption(
                    label=t.gettext(label)[:100], value=key, emoji=emoji, default=key in state.situations
                )
                for key, (emoji, label) in labels.SITUATIONS.items()
            ]
            return discord.ui.ActionRow(
                FlowSelect(
                    "pick",
                    flow_id,
                    version,
                    options=options,
                    placeholder=t.gettext("Choose up to three")[:150],
                    min_values=1,
                    max_values=wt.MAX_SITUATIONS,
                )
            )
        if state.step == "safeguards":
            chosen = set(state.safeguards or ())
            options = [
                discord.SelectOption(label=t.gettext(label)[:100], value=key, emoji=emoji, default=key in chosen)
                for key, (emoji, label) in labels.SAFEGUARDS.items()
            ]
            return discord.ui.ActionRow(
                FlowSelect(
                    "have",
                    flow_id,
                    version,
                    options=options,
                    placeholder=t.gettext("Choose all that apply")[:150],
                    min_values=1,
                    max_values=len(options),
                )
            )
        table, current, action = (
            (labels.STAGES, state.stage, "stage") if state.step == "stage" else (labels.KEEP, state.keep, "keep")
        )
        return discord.ui.ActionRow(
            *(
                FlowButton(
                    action,
                    flow_id,
                    version,
                    key,
                    label=t.gettext(label)[:80],
                    emoji=emoji,
                    style=discord.ButtonStyle.primary if key == current else discord.ButtonStyle.secondary,
                )
                for key, (emoji, label) in table.items()
            )
        )

    # -- the walkthrough's result ------------------------------------------------------------------------------

    def why(self, reasons: Sequence[wt.Reason]) -> str:
        """One sentence: the member's words that pointed here, then the answers, in their language."""
        t = self.t
        words = self.quotes([r.value for r in reasons if r.kind == "words"])
        chosen_answers: list[str] = []
        for r in reasons:
            table = {"answer": labels.SITUATIONS, "stage": labels.STAGES, "keep": labels.KEEP}.get(r.kind)
            if r.kind == "safeguard":
                table = labels.SAFEGUARDS
            if table is not None and r.value in table:
                chosen_answers.append(self.quoted(self.label(table, r.value)))
        parts: list[str] = []
        if any(r.kind == "chosen" for r in reasons):
            parts.append(t.gettext("you picked it yourself"))
        answers = t.join(chosen_answers[:MAX_QUOTES])
        if words and chosen_answers:
            parts.append(t.gettext("you wrote {quotes} and chose {answers}", quotes=t.join(words), answers=answers))
        elif words:
            parts.append(t.gettext("you wrote {quotes}", quotes=t.join(words)))
        elif chosen_answers:
            parts.append(t.gettext("you chose {answers}", answers=answers))
        if any(r.kind == "no_safeguard" and r.value == "contract" for r in reasons):
            parts.append(t.gettext("there's no written contract"))
        return t.join(parts)

    def result_card(
        self,
        flow_id: str,
        version: int,
        state: wt.FlowState,
        plan: wt.ResultPlan,
        extras: Extras,
        *,
        notice: str | None = None,
    ) -> Card:
        """The result: archetype(s) with why, ranked advice with votes, the next step, drafts and the way back."""
        t, lang = self.t, self.t.lang
        recognised = [
            {
                "name": pick(self.kb.archetypes[r.archetype].name, lang),
                "summary": pick(self.kb.archetypes[r.archetype].summary, lang),
                "why": self.why(r.reasons),
            }
            for r in plan.recognised
        ]
        head = self.renderer.render(
            "cards/situation_result.md.j2", t, recognised=recognised, unsure=plan.unsure, notice=notice
        )
        has_drafts = extras.draft_button is not None
        more_drafts = plan.drafts[1:] if has_drafts else plan.drafts
        tail = self.renderer.render(
            "cards/situation_next.md.j2",
            t,
            step=self._step(plan.next_steps[0]) if plan.next_steps else None,
            then=plan.next_steps[1].t(lang) if len(plan.next_steps) > 1 else None,
            drafts=t.join([self.label_of_draft(k) for k in more_drafts[:3]]),
            draft_command=t.command("draft") if has_drafts else None,
        )
        blocks: list[list[discord.ui.Item[Any]]] = []
        for n, item in enumerate(plan.advice, start=1):
            body = self.renderer.render(
                "cards/situation_advice.md.j2",
                t,
                first=n == 1,
                position=n,
                text=item.t(lang),
                source=item.source,
                community=None,
            )
            block: list[discord.ui.Item[Any]] = [discord.ui.TextDisplay(body)]
            if extras.vote_buttons is not None:
                buttons = list(extras.vote_buttons(item.id, t))
                if buttons:
                    block.append(discord.ui.ActionRow(*buttons))
            blocks.append(block)
        actions: list[discord.ui.Item[Any]] = []
        if extras.draft_button is not None and plan.drafts:
            # A member who named their safeguards without a platform gets no "Platform dispute" to pick from.
            platform = state.safeguards is None or "platform" in state.safeguards
            actions.append(extras.draft_button(plan.drafts[0], t.gettext("Draft a message")[:80], platform=platform))
        if extras.follow_up is not None and plan.recognised:
            actions.append(extras.follow_up(plan.recognised[0].archetype, t))
        if extras.stories:
            actions.append(FlowButton("share", flow_id, version, label=t.gettext("Share my story"), emoji="📖"))
        actions.append(FlowButton("back", flow_id, version, label=t.gettext("Back"), emoji="◀️"))
        if plan.unsure:
            words = t.gettext("Edit my words") if state.has_text else t.gettext("In my own words")
            actions.append(FlowButton("text", flow_id, version, label=words, emoji="✍️"))
        actions.append(FlowButton("restart", flow_id, version, label=t.gettext("Start over"), emoji="🔄"))
        fix = FlowSelect(
            "fix",
            flow_id,
            version,
            options=[
                discord.SelectOption(label=pick(a.name, lang)[:100], value=a.id) for a in self.kb.archetypes.values()
            ],
            placeholder=t.gettext("Not what's happening? Pick what fits better")[:150],
        )
        rights = extras.rights(t, [r.archetype for r in plan.recognised]) if extras.rights is not None else None
        return fit_result(head, blocks, tail, actions, fix, rights)

    def _step(self, step: Any) -> dict[str, str]:
        return {"text": step.t(self.t.lang), "source": step.source}

    def label_of_draft(self, kind: str) -> str:
        """A draft kind's name in this language."""
        return self.t.gettext(labels.DRAFT_KINDS[kind]) if kind in labels.DRAFT_KINDS else kind

    # -- /redflags ---------------------------------------------------------------------------------------------

    def checklist_options(self, checked: Sequence[str]) -> list[discord.SelectOption]:
        """The guides' red flags, in the member's language."""
        return [
            discord.SelectOption(label=pick(flag.label, self.t.lang)[:100], value=flag.id, default=flag.id in checked)
            for flag in self.kb.red_flags
        ]

    def checklist_card(self, flow_id: str, version: int, state: ChecklistState, *, notice: str | None = None) -> Card:
        """The checklist before any answer."""
        t = self.t
        text = self.renderer.render("cards/redflags_checklist.md.j2", t, notice=notice)
        select = ChecklistSelect(
            "check",
            flow_id,
            version,
            options=self.checklist_options(state.checked),
            placeholder=t.gettext("Tick the signs you've noticed")[:150],
        )
        nav = discord.ui.ActionRow(
            ChecklistButton("none", flow_id, version, label=t.gettext("None of these"), emoji="✅"),
            ChecklistButton("text", flow_id, version, label=t.gettext("In my own words"), emoji="✍️"),
            ChecklistButton("restart", flow_id, version, label=t.gettext("Start over"), emoji="🔄"),
        )
        return Card(discord.ui.TextDisplay(text), discord.ui.ActionRow(select), nav, accent=RED)

    def risk_card(
        self,
        flow_id: str,
        version: int,
        state: ChecklistState,
        risk: RiskAssessment,
        extras: Extras,
        *,
        words: Mapping[str, str] | None = None,
        notice: str | None = None,
    ) -> Card:
        """The risk level with its reasons, the guides' advice per flag, the drafts that fit, and the checklist."""
        t, lang = self.t, self.t.lang
        hits = []
        for hit in risk.hits:
            flag = self.kb.red_flag(hit.id)
            quotes = self.quotes(hit.words)
            hits.append(
                {
                    "label": pick(flag.label, lang),
                    "advice": pick(flag.advice, lang),
                    "source": flag.source,
                    "words": t.join(quotes),
                }
            )
        emoji, level_label = labels.RISK_LEVELS[risk.level]
        drafts = [] if extras.draft_button is not None else [self.label_of_draft(k) for k in risk.drafts]
        text = self.renderer.render(
            "cards/redflags_result.md.j2",
            t,
            level=risk.level,
            level_emoji=emoji,
            level_label=t.gettext(level_label),
            hits=hits,
            drafts=t.join(drafts),
            notice=notice,
        )
        select = ChecklistSelect(
            "check",
            flow_id,
            version,
            options=self.checklist_options(state.checked),
            placeholder=t.gettext("Tick the signs you've noticed")[:150],
            min_values=0,
        )
        rows: list[discord.ui.Item[Any]] = [discord.ui.TextDisplay(text)]
        if extras.draft_button is not None and risk.drafts:
            rows.append(
                discord.ui.ActionRow(*(extras.draft_button(k, self.label_of_draft(k)) for k in risk.drafts[:5]))
            )
        rows.append(discord.ui.ActionRow(select))
        rows.append(
            discord.ui.ActionRow(
                ChecklistButton(
                    "text",
                    flow_id,
                    version,
                    label=t.gettext("Edit my words") if state.has_text else t.gettext("In my own words"),
                    emoji="✍️",
                ),
                ChecklistButton("restart", flow_id, version, label=t.gettext("Start over"), emoji="🔄"),
            )
        )
        return Card(*rows, accent=RISK_ACCENTS[risk.level])


RED = discord.Colour(0xED4245)
RISK_ACCENTS = {"low": discord.Colour(0x57F287), "medium": discord.Colour(0xFEE75C), "high": RED}


class Card(discord.ui.LayoutView):
    """One ephemeral Components V2 card: a container edited in place as the flow moves."""

    def __init__(self, *children: discord.ui.Item[Any], accent: discord.Colour | None = None) -> None:
        super().__init__(timeout=None)
        self.add_item(discord.ui.Container(*children, accent_colour=accent or discord.Colour(0x5865F2)))


def notice_card(text: str) -> Card:
    """A card with a single line and nothing to press (an expired walkthrough, a switched-off capability)."""
    return Card(discord.ui.TextDisplay(text), accent=discord.Colour(0x99AAB5))


def count_components(items: Sequence[discord.ui.Item[Any]]) -> int:
    """Components as Discord counts them: every item, nested ones included."""
    total = 0
    for item in items:
        total += 1
        children = getattr(item, "children", None)
        if children:
            total += count_components(list(children))
        accessory = getattr(item, "accessory", None)
        if accessory is not None:
            total += 1
    return total


def text_length(items: Sequence[discord.ui.Item[Any]]) -> int:
    """Characters of text displays, nested ones included (Discord's 4000 limit for a message)."""
    total = 0
    for item in items:
        if isinstance(item, discord.ui.TextDisplay):
            total += len(item.content)
        children = getattr(item, "children", None)
        if children:
            total += text_length(list(children))
    return total


def fit_result(
    head: str,
    blocks: list[list[discord.ui.Item[Any]]],
    tail: str,
    actions: list[discord.ui.Item[Any]],
    fix: discord.ui.Item[Any],
    rights: discord.ui.Item[Any] | None = None,
) -> Card:
    """Assemble the result card, dropping the last advice items (never below three) until it fits Discord."""
    while True:
        children: list[discord.ui.Item[Any]] = [discord.ui.TextDisplay(head), discord.ui.Separator()]
        for block in blocks:
            children.extend(block)
        children.append(discord.ui.Separator())
        if tail:
            children.append(discord.ui.TextDisplay(tail))
        # A row holds five buttons; a sixth (Follow this up, when every other action applies) starts a new row.
        children.extend(discord.ui.ActionRow(*actions[i : i + 5]) for i in range(0, len(actions), 5))
        children.append(discord.ui.ActionRow(fix))
        if rights is not None:
            children.append(discord.ui.ActionRow(rights))
        # +1: the container itself.
        too_big = 1 + count_components(children) > MAX_COMPONENTS or text_length(children) > MAX_TEXT
        if not too_big or len(blocks) <= wt.ADVICE_MIN:
            return Card(*children)
        blocks = blocks[:-1]
