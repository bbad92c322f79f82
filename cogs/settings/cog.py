"""`/setup` for admins and `/language` for everyone."""

from __future__ import annotations

from typing import Literal

import discord
from discord import app_commands
from discord.app_commands import locale_str
from discord.app_commands.transformers import UnionChannelTransformer

from parley.cogs._shared.cog import ParleyCog
from parley.cogs._shared.errors import OPTION_MESSAGE
from parley.cogs._shared.permissions import (
    PERMISSION_NAMES,
    channel_problems,
    missing_bot_permissions,
    require,
)
from parley.cogs._shared.respond import acknowledge, respond
from parley.cogs.settings import views
from parley.cogs.stories import forum_setup
from parley.database.repositories.settings import SettingsRepository
from parley.domain.errors import N_, InvalidInput
from parley.domain.settings import GuildSettings, Role
from parley.i18n import LANGUAGE_NAMES, Translations

CHANNEL_LABELS = {"stories": N_("Stories channel"), "queue": N_("Moderation queue")}
LanguageChoice = Literal["en", "ar", "fi", "ru", "auto"]
# The declared ranges of /setup's numbers: Discord's client enforces them, a modified client need not.
RANGES = {
    "stories_per_day": (0, 50),
    "tips_per_day": (0, 50),
    "min_membership_days": (0, 365),
    "publish_every_hours": (1, 168),
}


class StoriesChannel(UnionChannelTransformer):
    """A text or forum channel for stories. discord.py offers media channels (type 16) with `ForumChannel`, but
    Discord's spec doesn't list that type for an option and a media post needs an image: offer text and forum only."""

    def __init__(self) -> None:
        super().__init__(discord.TextChannel, discord.ForumChannel)
        self._channel_types = [discord.ChannelType.text, discord.ChannelType.forum]


class Settings(ParleyCog):
    """Server settings and member language."""

    dynamic_items = views.DYNAMIC_ITEMS
    template_samples = {
        "cards/settings.md.j2": [
            {
                "s": GuildSettings(guild_id=1),
                "limits": GuildSettings(
                    guild_id=1, stories_per_day=3, tips_per_day=5, min_membership_days=0, publish_every_hours=6
                ),
                "language_name": "English",
                "capabilities": [("Walkthrough", True), ("Stories", False), ("Tips", True)],
                "missing": "Stories channel, Moderation queue",
                "notice": "✅ Saved.",
            },
            {
                "s": GuildSettings(
                    guild_id=1, language="ar", stories_channel_id=10, queue_channel_id=11, moderator_role_id=12
                ),
                "limits": GuildSettings(
                    guild_id=1, stories_per_day=2, tips_per_day=21, min_membership_days=7, publish_every_hours=1
                ),
                "language_name": "العربية",
                "capabilities": [("Walkthrough", True)],
                "missing": "",
                "notice": None,
            },
        ],
        "cards/language.md.j2": [
            {"language_name": name, "following": following, "notice": None}
            for name in LANGUAGE_NAMES.values()
            for following in (True, False)
        ],
    }

    @property
    def repo(self) -> SettingsRepository:
        """The settings repository."""
        return SettingsRepository(self.services.db)

    async def require_admin(self, interaction: discord.Interaction) -> None:
        """Refuse anyone without Manage Server, whatever the command's visibility says."""
        await require(self.services, interaction, Role.ADMIN)

    @app_commands.command(
        name=locale_str("setup"),
        description=locale_str("Set up Parley for this server (admins)"),
        extras={"role": Role.ADMIN},  # /parley lists it to admins only
    )
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.describe(
        stories_channel=locale_str("Where approved stories are posted"),
        queue_channel=locale_str("Where moderators review stories and tips"),
        moderator_role=locale_str("Who moderates (default: members with Manage Messages)"),
        language=locale_str("The server's language (default: each member's Discord language)"),
        stories_per_day=locale_str("Stories a member may share per day"),
        tips_per_day=locale_str("Tips a member may suggest per day"),
        min_membership_days=locale_str("Days in the server before a member may share or vote"),
        publish_every_hours=locale_str("Hours between publishing slots for approved stories"),
        story_replies=locale_str("In a forum: may members reply under each story's post?"),
        start_here_channel=locale_str("Post a “Start here” message there, for members who don't use commands"),
    )
    @app_commands.choices(
        story_replies=[
            app_commands.Choice(name=locale_str("Open: members can reply"), value="open"),
            app_commands.Choice(name=locale_str("Closed: posts are locked"), value="closed"),
        ]
    )
    @app_commands.rename(start_here_channel=locale_str("start_here_channel"))
    async def setup_command(
        self,
        interaction: discord.Interaction,
        stories_channel: app_commands.Transform[discord.TextChannel | discord.ForumChannel, StoriesChannel]
        | None = None,
        queue_channel: discord.TextChannel | None = None,
        moderator_role: discord.Role | None = None,
        language: LanguageChoice | None = None,
        stories_per_day: app_commands.Range[int, 0, 50] | None = None,
        tips_per_day: app_commands.Range[int, 0, 50] | None = None,
        min_membership_days: app_commands.Range[int, 0, 365] | None = None,
        publish_every_hours: app_commands.Range[int, 1, 168] | None = None,
        story_replies: str | None = None,
        start_here_channel: discord.TextChannel | None = None,
    ) -> None:
        """Show the settings card, applying any options given first."""
        await self.require_admin(interaction)
        await acknowledge(interaction)  # settings are writes: answer Discord before a slow disk can make us late
        notices: list[str] = []
        for which, channel in (("stories", stories_channel), ("queue", queue_channel)):
            if channel is not None:
                notices.append(await self.set_channel(interaction, which, channel.id))
        changes: dict[str, object] = {}
        if moderator_role is not None:
            changes["moderator_role_id"] = moderator_role.id
        if language is not None:
            changes["language"] = None if language == "auto" else language
        for name, value in (
            ("stories_per_day", stories_per_day),
            ("tips_per_day", tips_per_day),
            ("min_membership_days", min_membership_days),
            ("publish_every_hours", publish_every_hours),
        ):
            if value is not None:
                low, high = RANGES[name]
                if not low <= value <= high:
                    raise InvalidInput(OPTION_MESSAGE)
                changes[name] = value
        if changes:
            notices.append(await self.set_values(interaction, **changes))
        if story_replies in ("open", "closed"):
            await forum_setup.set_replies(self.services, interaction.guild_id or 0, story_replies == "open")
            if not changes:  # the forum's own notices say what it means; a text channel just keeps it for later
                notices.append(await self.set_values(interaction))
        if stories_channel is not None or story_replies is not None:
            notices.extend(
                await forum_setup.forum_notices(self.services, interaction, await self.translations(interaction))
            )
        if start_here_channel is not None:
            notices.append(await self.post_start_here(interaction, start_here_channel.id))
        t = await self.translations(interaction)
        card = await self.settings_card(interaction, t, notice="\n".join(n for n in notices if n) or None)
        await respond(interaction, view=card, ephemeral=True)

    async def set_channel(self, interaction: discord.Interaction, which: str, channel_id: int) -> str:
        """Store a channel if the bot can post there; otherwise name exactly what is missing."""
        t = await self.translations(interaction)
        guild = interaction.guild
        channel = guild.get_channel(channel_id) if guild else None
        label = t.gettext(CHANNEL_LABELS[which])
        if channel is None:
            return "⚠️ " + t.gettext("I can't see that channel. Check that I have View Channel there.")
        missing = missing_bot_permissions(channel)
        if missing:
            names = t.join([t.gettext(PERMISSION_NAMES[m]) for m in missing])
            return "⚠️ " + t.gettext(
                "{setting} was not changed: I'm missing {permissions} in {channel}.",
                setting=label,
                permissions=names,
                channel=channel.mention,
            )
        column = "stories_channel_id" if which == "stories" else "queue_channel_id"
        await acknowledge(interaction)
        await self.repo.update(interaction.guild_id, self._now(), **{column: channel_id})  # type: ignore[arg-type]
        return "✅ " + t.gettext("{setting} set to {channel}.", setting=label, channel=channel.mention)

    async def post_start_here(self, interaction: discord.Interaction, channel_id: int) -> str:
        """Post the "Start here" message in a help channel, in the server's language; its buttons outlive restarts."""
        from parley.cogs.situation.intake import start_here_message

        t = await self.translations(interaction)
        guild = interaction.guild
        channel = guild.get_channel(channel_id) if guild else None
        if not isinstance(channel, discord.TextChannel):
            return "⚠️ " + t.gettext("I can't see that channel. Check that I have View Channel there.")
        missing = missing_bot_permissions(channel, embed=False)
        if missing:
            names = t.join([t.gettext(PERMISSION_NAMES[m]) for m in missing])
            return "⚠️ " + t.gettext(
                "I couldn't post the “Start here” message: I'm missing {permissions} in {channel}.",
                permissions=names,
                channel=channel.mention,
            )
        # The message is public: it speaks the server's language (or the admin's, when the server has none set).
        settings = await self.repo.get(interaction.guild_id)  # type: ignore[arg-type]
        public = self.services.t(settings.language) if settings.language else t
        await acknowledge(interaction)
        await channel.send(view=start_here_message(public), allowed_mentions=discord.AllowedMentions.none())
        return "✅ " + t.gettext("The “Start here” message is posted in {channel}.", channel=channel.mention)

    async def set_values(self, interaction: discord.Interaction, **changes: object) -> str:
        """Store plain values and confirm."""
        await acknowledge(interaction)
        await self.repo.update(interaction.guild_id, self._now(), **changes)  # type: ignore[arg-type]
        t = await self.translations(interaction)
        return "✅ " + t.gettext("Settings saved.")

    async def toggle(self, interaction: discord.Interaction, key: str) -> str:
        """Switch a capability on or off."""
        current = await self.repo.get(interaction.guild_id)  # type: ignore[arg-type]
        column = f"{key}_enabled"
        return await self.set_values(interaction, **{column: not getattr(current, column)})

    async def settings_card(
        self, interaction: discord.Interaction, t: Translations, *, notice: str | None
    ) -> views.SettingsCard:
        """Render the settings card in the admin's language."""
        settings = await self.repo.get(interaction.guild_id)  # type: ignore[arg-type]
        missing = [t.gettext(CHANNEL_LABELS[m.removesuffix("_channel")]) for m in settings.missing_for_stories()]
        text = self.services.renderer.render(
            "cards/settings.md.j2",
            t,
            s=settings,
            limits=settings.limits(self.services.config),
            language_name=LANGUAGE_NAMES.get(settings.language or "", ""),
            capabilities=[(t.gettext(label), getattr(settings, f"{k}_enabled")) for k, label in views.CAPABILITIES],
            missing=t.join(missing),
            notice=notice,
        )
        guild = interaction.guild
        problems = channel_problems(
            t,
            {
                "stories": guild.get_channel(settings.stories_channel_id or 0) if guild else None,  # type: ignore[dict-item]
                "queue": guild.get_channel(settings.queue_channel_id or 0) if guild else None,  # type: ignore[dict-item]
            },
        )
        if problems:
            text += "\n" + "\n".join(f"⚠️ {line}" for line in problems)
        return views.SettingsCard(text, t, settings)

    @app_commands.command(
        name=locale_str("language"), description=locale_str("Choose the language Parley uses with you")
    )
    async def language(self, interaction: discord.Interaction) -> None:
        """Show the language picker (a server's own choice in a server, the person's own elsewhere)."""
        key = self.owner_key(interaction)
        if interaction.guild_id is None:
            current = await self.repo.person_language(key)
        else:
            current = await self.repo.member_language(interaction.guild_id, key)
        t = await self.translations(interaction)
        await respond(interaction, view=self.language_card(t, current, notice=None), ephemeral=True)

    async def store_member_language(self, interaction: discord.Interaction, language: str | None) -> views.LanguageCard:
        """Store a member's choice and return the card in the new language."""
        key = self.owner_key(interaction)
        await acknowledge(interaction)
        if interaction.guild_id is None:
            await self.repo.set_person_language(key, language)
        else:
            await self.repo.set_member_language(interaction.guild_id, key, language)
        t = await self.translations(interaction)
        notice = "✅ " + t.gettext(
            "Saved. Parley will answer you in {language} from now on.", language=LANGUAGE_NAMES[t.lang]
        )
        return self.language_card(t, language, notice=notice)

    def language_card(self, t: Translations, current: str | None, *, notice: str | None) -> views.LanguageCard:
        """Render the language card."""
        text = self.services.renderer.render(
            "cards/language.md.j2", t, language_name=LANGUAGE_NAMES[t.lang], following=current is None, notice=notice
        )
        return views.LanguageCard(text, t, current)

    def _now(self) -> str:
        return self.services.clock.now().isoformat(timespec="seconds")
