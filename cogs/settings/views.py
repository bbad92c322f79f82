"""The settings card and the language picker: Components V2 layouts with persistent selects."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord

from parley.cogs._shared.cog import cog_of
from parley.cogs._shared.items import PersistentItem, one_of
from parley.cogs._shared.respond import update
from parley.domain.errors import N_
from parley.domain.settings import Role
from parley.i18n import LANGUAGE_NAMES, LANGUAGES, Translations

if TYPE_CHECKING:
    from parley.cogs.settings.cog import Settings

ACCENT = discord.Colour(0x57F287)
FOLLOW = "auto"
CAPABILITIES = (("walkthrough", N_("Walkthrough")), ("stories", N_("Stories")), ("tips", N_("Tips")))


def language_options(t: Translations, current: str | None, *, follow_label: str) -> list[discord.SelectOption]:
    """The four languages in their own names, plus "follow Discord"."""
    options = [
        discord.SelectOption(label=LANGUAGE_NAMES[code], value=code, default=current == code) for code in LANGUAGES
    ]
    options.append(discord.SelectOption(label=follow_label, value=FOLLOW, default=current is None, emoji="🌐"))
    return options


class SettingsCard(discord.ui.LayoutView):
    """The /setup card: current values, selects to change them in place, capability toggles."""

    def __init__(self, text: str, t: Translations, settings: Any) -> None:
        super().__init__(timeout=None)
        stories = ChannelPick("stories", t, settings.stories_channel_id)
        queue = ChannelPick("queue", t, settings.queue_channel_id)
        role = ModeratorRolePick(t, settings.moderator_role_id)
        lang = ServerLanguagePick(t, settings.language)
        toggles = [
            CapabilityToggle(key, t.gettext(label), getattr(settings, f"{key}_enabled")) for key, label in CAPABILITIES
        ]
        self.add_item(
            discord.ui.Container(
                discord.ui.TextDisplay(text),
                discord.ui.ActionRow(stories),
                discord.ui.ActionRow(queue),
                discord.ui.ActionRow(role),
                discord.ui.ActionRow(lang),
                discord.ui.ActionRow(*toggles),
                accent_colour=ACCENT,
            )
        )


class LanguageCard(discord.ui.LayoutView):
    """The /language card: one select, the member's own choice."""

    def __init__(self, text: str, t: Translations, current: str | None) -> None:
        super().__init__(timeout=None)
        self.add_item(
            discord.ui.Container(
                discord.ui.TextDisplay(text),
                discord.ui.ActionRow(MemberLanguagePick(t, current)),
                accent_colour=ACCENT,
            )
        )


def _settings(interaction: discord.Interaction) -> Settings:
    from parley.cogs.settings.cog import Settings

    return cog_of(interaction, Settings)


class _AdminItem(PersistentItem):
    """A settings component: re-checks Manage Server on every use, then refreshes the card in place."""

    async def handle(self, interaction: discord.Interaction) -> None:
        cog = _settings(interaction)
        await cog.require_admin(interaction)
        notice = await self.apply(cog, interaction)
        t = await cog.translations(interaction)
        card = await cog.settings_card(interaction, t, notice=notice)
        await update(interaction, view=card)

    async def apply(self, cog: Settings, interaction: discord.Interaction) -> str | None:
        """Store the change; return a line for the card."""
        raise TypeError(f"{type(self).__name__} must define apply()")


class ChannelPick(
    _AdminItem,
    discord.ui.DynamicItem[discord.ui.ChannelSelect],
    custom_id="parley:setup:channel:{which}",
    which=one_of(("stories", "queue")),
):
    """Pick the stories or moderation-queue channel."""

    which: str

    def __init__(self, which: str, t: Translations | None = None, current: int | None = None) -> None:
        placeholder = None
        if t is not None:
            placeholder = t.gettext("Stories channel") if which == "stories" else t.gettext("Moderation queue channel")
        super().__init__(
            discord.ui.ChannelSelect(
                custom_id=self.bind(which=which),
                channel_types=[discord.ChannelType.text],
                placeholder=placeholder,
                default_values=[discord.Object(current, type=discord.abc.GuildChannel)] if current else [],
                min_values=1,
                max_values=1,
            )
        )

    async def apply(self, cog: Settings, interaction: discord.Interaction) -> str | None:
        channel = self.item.values[0]
        return await cog.set_channel(interaction, self.which, channel.id)


class ModeratorRolePick(_AdminItem, discord.ui.DynamicItem[discord.ui.RoleSelect], custom_id="parley:setup:modrole"):
    """Pick the moderator role (clearing it falls back to Manage Messages)."""

    def __init__(self, t: Translations | None = None, current: int | None = None) -> None:
        super().__init__(
            discord.ui.RoleSelect(
                custom_id=self.bind(),
                placeholder=t.gettext("Moderator role") if t else None,
                default_values=[discord.Object(current, type=discord.Role)] if current else [],
                min_values=0,
                max_values=1,
            )
        )

    async def apply(self, cog: Settings, interaction: discord.Interaction) -> str | None:
        role = self.item.values[0] if self.item.values else None
        return await cog.set_values(interaction, moderator_role_id=role.id if role else None)


class ServerLanguagePick(_AdminItem, discord.ui.DynamicItem[discord.ui.Select], custom_id="parley:setup:language"):
    """Pick the server's language (or none: members' own Discord languages)."""

    def __init__(self, t: Translations | None = None, current: str | None = None) -> None:
        options = (
            language_options(t, current, follow_label=t.gettext("Each member's Discord language"))
            if t
            else [discord.SelectOption(label=c, value=c) for c in (*LANGUAGES, FOLLOW)]
        )
        super().__init__(
            discord.ui.Select(
                custom_id=self.bind(),
                placeholder=t.gettext("Server language") if t else None,
                options=options,
            )
        )

    async def apply(self, cog: Settings, interaction: discord.Interaction) -> str | None:
        value = self.item.values[0]
        return await cog.set_values(interaction, language=None if value == FOLLOW else value)


class CapabilityToggle(
    _AdminItem,
    discord.ui.DynamicItem[discord.ui.Button],
    custom_id="parley:setup:toggle:{key}",
    key=one_of(key for key, _label in CAPABILITIES),
):
    """Switch a capability on or off for the server."""

    key: str

    def __init__(self, key: str, label: str | None = None, on: bool = True) -> None:
        super().__init__(
            discord.ui.Button(
                custom_id=self.bind(key=key),
                label=label or key,
                emoji="✅" if on else "⛔",
                style=discord.ButtonStyle.secondary if on else discord.ButtonStyle.danger,
            )
        )

    async def apply(self, cog: Settings, interaction: discord.Interaction) -> str | None:
        return await cog.toggle(interaction, self.key)


class MemberLanguagePick(PersistentItem, discord.ui.DynamicItem[discord.ui.Select], custom_id="parley:language:set"):
    """A member's own language; anyone may use it, for themselves."""

    def __init__(self, t: Translations | None = None, current: str | None = None) -> None:
        options = (
            language_options(t, current, follow_label=t.gettext("Follow my Discord language"))
            if t
            else [discord.SelectOption(label=c, value=c) for c in (*LANGUAGES, FOLLOW)]
        )
        super().__init__(
            discord.ui.Select(
                custom_id=self.bind(),
                placeholder=t.gettext("Choose a language") if t else None,
                options=options,
            )
        )

    async def handle(self, interaction: discord.Interaction) -> None:
        cog = _settings(interaction)
        value = self.item.values[0]
        card = await cog.store_member_language(interaction, None if value == FOLLOW else value)
        await update(interaction, view=card)


ADMIN_ROLE = Role.ADMIN
DYNAMIC_ITEMS = (ChannelPick, ModeratorRolePick, ServerLanguagePick, CapabilityToggle, MemberLanguagePick)
