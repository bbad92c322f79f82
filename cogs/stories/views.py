"""Story components: the private preview, /story mine, /story browse, and the published post.

Every button is a DynamicItem (`parley:story:<action>:<id>`), so it answers after a restart: from the database
(stories, posts) or, for the short-lived preview and browse state kept only in memory, with a kind "start again".
Custom ids carry story ids and random tokens only, never text and never who wrote anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import discord

from parley.cogs._shared.cards import ACCENT, TextCard
from parley.cogs._shared.cog import cog_of
from parley.cogs._shared.flags import flag_select
from parley.cogs._shared.items import HANDLE, SLUG, SNOWFLAKE, Field, PersistentItem, looked_button, one_of
from parley.cogs._shared.reporting import ReportButton, report_label
from parley.cogs._shared.voting import vote_buttons
from parley.cogs.stories.cards import MESSAGE_TEXT_LIMIT, archetype_name, story_body, title_text
from parley.domain.anonymiser.review import Flag
from parley.domain.errors import N_
from parley.domain.stories import KIND, Story
from parley.domain.votes import MemberVote, Tally
from parley.i18n import Translations

if TYPE_CHECKING:
    from parley.cogs.stories.cog import Stories
    from parley.database.repositories.forum import Resolution
    from parley.services import Services

DONE = discord.Colour(0x57F287)


def _stories(interaction: discord.Interaction) -> Stories:
    from parley.cogs.stories.cog import Stories

    return cog_of(interaction, Stories)


# ------------------------------------------------------------------------------------------------ layouts


#: Discord counts every component of a message, nested ones included, and refuses more than 40.
MESSAGE_COMPONENTS = 40


def items_that_fit(
    items: Sequence[tuple[str, Sequence[discord.ui.Item[Any]]]], footer: Sequence[discord.ui.Item[Any]] = ()
) -> int:
    """How many of `items` a ListCard can hold within Discord's component limit (the rest is left for later)."""
    used = 2 + (1 + len(footer) if footer else 0)  # the container and the header; the footer's row and buttons
    for n, (_text, buttons) in enumerate(items):
        used += 2 + (1 + len(buttons) if buttons else 0)  # separator, text, the item's row and buttons
        if used > MESSAGE_COMPONENTS:
            return n
    return len(items)


class ListCard(discord.ui.LayoutView):
    """A header, then items each with their own buttons (/story mine), then a closing row (pages)."""

    def __init__(
        self,
        header: str,
        items: Sequence[tuple[str, Sequence[discord.ui.Item[Any]]]],
        footer: Sequence[discord.ui.Item[Any]] = (),
    ) -> None:
        super().__init__(timeout=None)
        parts: list[discord.ui.Item[Any]] = [discord.ui.TextDisplay(header)]
        for text, buttons in items:
            parts.append(discord.ui.Separator())
            parts.append(discord.ui.TextDisplay(text))
            if buttons:
                parts.append(discord.ui.ActionRow(*buttons))
        if footer:
            parts.append(discord.ui.ActionRow(*footer))
        self.add_item(discord.ui.Container(*parts, accent_colour=ACCENT))


# ------------------------------------------------------------------------------------------------ preview

PREVIEW_LOOK = {
    "confirm": ("✅", N_("Confirm and send"), discord.ButtonStyle.success),
    "edit": ("✏️", N_("Edit"), discord.ButtonStyle.primary),
    "cancel": ("🗑️", N_("Cancel"), discord.ButtonStyle.secondary),
}


class PreviewButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button],
    custom_id="parley:story:preview:{action}:{token}",
    action=one_of(PREVIEW_LOOK),
    token=HANDLE,
):
    """Confirm, Edit or Cancel a private preview (the preview itself lives in memory, keyed by the token)."""

    action: str
    token: str

    def __init__(self, action: str, token: str, t: Translations | None = None, *, disabled: bool = False) -> None:
        super().__init__(
            looked_button(PREVIEW_LOOK[action], self.bind(action=action, token=token), t, disabled=disabled)
        )

    async def handle(self, interaction: discord.Interaction) -> None:
        """Hand the press to the cog."""
        await _stories(interaction).sharing.preview_action(interaction, self.action, self.token)


class PreviewFlagSelect(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Select],
    custom_id="parley:story:flags:{token}",
    token=HANDLE,
):
    """The words that may still identify someone in a preview: each one picked becomes a placeholder."""

    token: str

    def __init__(self, token: str, t: Translations | None = None, found: Sequence[Flag] = ()) -> None:
        select = flag_select(t, found) if t is not None and found else discord.ui.Select(options=[_NO_FLAG])
        select.custom_id = self.bind(token=token)
        super().__init__(select)

    async def handle(self, interaction: discord.Interaction) -> None:
        """Hand the picks to the cog."""
        await _stories(interaction).sharing.take_out_flags(interaction, self.token, list(self.item.values))


_NO_FLAG = discord.SelectOption(label="-", value="person:-")


def preview_buttons(t: Translations, token: str, *, can_confirm: bool) -> list[discord.ui.Item[Any]]:
    """Confirm (only when the story fits), Edit, Cancel."""
    return [
        PreviewButton("confirm", token, t, disabled=not can_confirm),
        PreviewButton("edit", token, t),
        PreviewButton("cancel", token, t),
    ]


# ------------------------------------------------------------------------------------------------ mine

MINE_LOOK = {
    "withdraw": ("↩️", N_("Withdraw"), discord.ButtonStyle.secondary),
    "delete": ("🗑️", N_("Delete"), discord.ButtonStyle.danger),
    "resubmit": ("✏️", N_("Edit and resubmit"), discord.ButtonStyle.primary),
    "correct": ("✏️", N_("Request a correction"), discord.ButtonStyle.secondary),
    "erase": ("🗑️", N_("Yes, remove it for good"), discord.ButtonStyle.danger),
    "keep": ("↩️", N_("Keep it"), discord.ButtonStyle.secondary),
    "resolve": ("✅", N_("Mark resolved"), discord.ButtonStyle.success),
}


class MineButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button],
    custom_id="parley:story:mine:{action}:{story_id}",
    action=one_of(MINE_LOOK),
    story_id=SNOWFLAKE,
):
    """An author's action on one of their stories; the cog checks the story is theirs (by keyed hash)."""

    action: str
    story_id: int

    def __init__(self, action: str, story_id: int, t: Translations | None = None) -> None:
        super().__init__(looked_button(MINE_LOOK[action], self.bind(action=action, story_id=story_id), t))

    async def handle(self, interaction: discord.Interaction) -> None:
        """Hand the press to the cog."""
        await _stories(interaction).mine_list.mine_action(interaction, self.action, self.story_id)


UPDATE_LOOK = {
    "confirm": ("✅", N_("Confirm and send"), discord.ButtonStyle.success),
    "cancel": ("🗑️", N_("Cancel"), discord.ButtonStyle.secondary),
}


class UpdateButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button],
    custom_id="parley:story:update:{action}:{token}",
    action=one_of(UPDATE_LOOK),
    token=HANDLE,
):
    """Confirm or cancel the preview of a Resolved update (the preview lives in memory, keyed by the token)."""

    action: str
    token: str

    def __init__(self, action: str, token: str, t: Translations | None = None) -> None:
        super().__init__(looked_button(UPDATE_LOOK[action], self.bind(action=action, token=token), t))

    async def handle(self, interaction: discord.Interaction) -> None:
        """Hand the press to the cog."""
        await _stories(interaction).resolving.update_action(interaction, self.action, self.token)


DM_LOOK = {
    "yes": ("📬", N_("Yes, send me a DM"), discord.ButtonStyle.primary),
    "no": ("🔕", N_("No, thanks"), discord.ButtonStyle.secondary),
}


class DmChoiceButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button],
    custom_id="parley:story:dms:{choice}:{where}",
    choice=one_of(DM_LOOK),
    where=one_of(("ask", "mine")),
):
    """The author's answer to "may Parley DM you when the moderators decide?": asked once after sharing (`ask`),
    changed later in /story mine (`mine`, which is then redrawn)."""

    choice: str
    where: str

    def __init__(self, choice: str, where: str, t: Translations | None = None) -> None:
        super().__init__(looked_button(DM_LOOK[choice], self.bind(choice=choice, where=where), t))

    async def handle(self, interaction: discord.Interaction) -> None:
        """Store the answer and say what it means."""
        await _stories(interaction).notices.answer(interaction, self.choice == "yes", in_mine=self.where == "mine")


# ------------------------------------------------------------------------------------------------ browse


class BrowsePageButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button],
    custom_id="parley:story:browse:{token}:{page}",
    token=HANDLE,
    page=Field(r"[0-9]{1,4}", int, examples=(0, 9999)),
):
    """Previous / next page of /story browse (the query is kept in memory under the token, not in the id)."""

    token: str
    page: int

    def __init__(
        self, token: str, page: int, *, label: str = "", emoji: str | None = None, disabled: bool = False
    ) -> None:
        super().__init__(
            discord.ui.Button(
                custom_id=self.bind(token=token, page=page),
                label=label or str(page + 1),
                emoji=emoji,
                style=discord.ButtonStyle.secondary,
                disabled=disabled,
            )
        )

    async def handle(self, interaction: discord.Interaction) -> None:
        """Show that page in place."""
        await _stories(interaction).reading.browse_page(interaction, self.token, self.page)


def page_buttons(t: Translations, token: str, page: int, pages: int) -> list[discord.ui.Item[Any]]:
    """Previous / next (their ids differ even when disabled, as Discord requires)."""
    if pages <= 1:
        return []
    return [
        BrowsePageButton(token, max(page - 1, 0), label=t.gettext("Previous"), emoji="◀️", disabled=page == 0),
        BrowsePageButton(
            token, min(page + 1, pages - 1), label=t.gettext("Next"), emoji="▶️", disabled=page >= pages - 1
        ),
    ]


# ------------------------------------------------------------------------------------------------ the post


class MeTooButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button],
    custom_id="parley:story:metoo:{story_id}",
    story_id=SNOWFLAKE,
):
    """The "this happened to me too" button: one per member, pressing again takes it back."""

    story_id: int

    def __init__(self, story_id: int, label: str | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                custom_id=self.bind(story_id=story_id),
                label=label or "Me too",
                emoji="🤝",
                style=discord.ButtonStyle.secondary,
            )
        )

    @classmethod
    def keep(cls, item: discord.ui.Item[Any]) -> dict[str, Any]:
        # Keep what the post shows (its language, its count) until the press has the new count.
        return {"label": getattr(item, "label", None)}

    async def handle(self, interaction: discord.Interaction) -> None:
        """Count the member in (or out) and refresh the post."""
        await _stories(interaction).reading.metoo(interaction, self.story_id)


class AdviceButton(
    PersistentItem,
    discord.ui.DynamicItem[discord.ui.Button],
    custom_id="parley:story:advice:{archetype}",
    archetype=SLUG,
):
    """The guides' advice for the story's type of client, shown privately to whoever presses."""

    archetype: str

    def __init__(self, archetype: str, label: str | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                custom_id=self.bind(archetype=archetype),
                label=label or "Advice",
                emoji="📘",
                style=discord.ButtonStyle.primary,
            )
        )

    @classmethod
    def keep(cls, item: discord.ui.Item[Any]) -> dict[str, Any]:
        return {"label": getattr(item, "label", None)}

    async def handle(self, interaction: discord.Interaction) -> None:
        """Show the advice ephemerally."""
        await _stories(interaction).reading.advice_for(interaction, self.archetype)


def metoo_label(t: Translations, count: int) -> str:
    """The "me too" button's text with its count."""
    label = t.gettext("This happened to me too")
    return f"{label} · {t.number(count)}"


def post_view(
    services: Services,
    story: Story,
    t: Translations,
    *,
    day: str,
    tally: Tally | None = None,
    metoo: int = 0,
    mine: MemberVote | None = None,
    resolution: Resolution | None = None,
) -> TextCard:
    """A published story: title, type and day (never a time, never an author), the text, then the buttons.

    Once its author marked it Resolved the header says so; in a text channel an approved update joins the card
    (in a forum it is a message of its own in the post, `update_message_id`)."""
    header = services.renderer.render(
        "cards/story_post.md.j2",
        t,
        title=title_text(story.title),
        archetype_name=archetype_name(services, story.archetype, t),
        featured=story.featured,
        day=day,
    )
    update = ""
    if resolution is not None:
        header += "\n-# ✅ " + t.gettext("Resolved")
        if resolution.update_status == "posted" and resolution.update_message_id is None:
            from parley.cogs.stories.forum import update_text

            update = update_text(t, resolution)
    body, _ = story_body(story.text, MESSAGE_TEXT_LIMIT - len(header) - len(update) - 40)
    buttons: list[discord.ui.Item[Any]] = [
        *vote_buttons(t, KIND, str(story.id), tally, mine, outcome=False),
        MeTooButton(story.id, metoo_label(t, metoo)),
    ]
    advice = [
        AdviceButton(story.archetype, t.gettext("Advice for this type of client")),
        ReportButton(KIND, story.id, report_label(t)),
    ]
    return TextCard(header, body, update, rows=[buttons, advice])


DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (
    PreviewButton,
    PreviewFlagSelect,
    MineButton,
    BrowsePageButton,
    MeTooButton,
    AdviceButton,
    UpdateButton,
    DmChoiceButton,
)
POST_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (MeTooButton, AdviceButton)
