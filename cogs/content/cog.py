"""`/content`: admins add their community's own advice from a file, list and remove it, and export everything.

The file is fetched from Discord's CDN (the attachment the admin uploaded), checked whole, and stored in one
transaction: a file with any problem stores nothing and the admin gets every problem, with its line and field.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import discord
from discord import app_commands
from discord.app_commands import locale_str

from parley.cogs._shared.cards import TextCard
from parley.cogs._shared.cog import ParleyCog
from parley.cogs._shared.permissions import require
from parley.cogs._shared.respond import NO_PINGS, acknowledge, respond
from parley.database.repositories.content import ContentRepository
from parley.database.repositories.settings import SettingsRepository
from parley.database.repositories.tips import TipsRepository
from parley.domain.errors import N_, InvalidInput, NotAllowed
from parley.domain.safe_text import user_text
from parley.domain.server_export import build_files
from parley.domain.settings import Role
from parley.i18n import Translations
from parley.i18n.bidi import isolate
from parley.knowledge import pick
from parley.knowledge.server_items import (
    MAX_FILE_BYTES,
    MAX_PROBLEMS_SHOWN,
    ContentError,
    Problem,
    ServerItem,
    parse,
)

OK = discord.Colour(0x2ECC71)
PROBLEM = discord.Colour(0xE67E22)
LIST_TEXT_BUDGET = 3500


def code(name: str) -> str:
    """A file name or id as inline code: shown as typed, never markdown (a code span can't hold a backtick)."""
    return "`" + name.replace("`", "'")[:100] + "`"


class FileTooLarge(InvalidInput):
    """The upload is bigger than an advice file needs to be; it was not downloaded."""

    message = N_("That file is {size} KB; an advice file can be at most {limit} KB. Nothing was imported.")


class UnknownItem(InvalidInput):
    """No item of this server has that id."""

    message = N_("This server has no item with the id “{id}”. {command} lists them.")


class Content(ParleyCog):
    """The server's own advice items, and the export of everything the server made with Parley."""

    content = app_commands.Group(
        name=locale_str("content"),
        description=locale_str("Admins: this server's own advice, and an export of its content"),
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
        extras={"role": Role.ADMIN},  # /parley lists these to admins only
    )

    @property
    def repo(self) -> ContentRepository:
        """The content repository."""
        return ContentRepository(self.services.db)

    # ------------------------------------------------------------------------------------------------- import

    @content.command(
        name=locale_str("import"), description=locale_str("Add this server's own advice from a TOML or Markdown file")
    )
    @app_commands.rename(file=locale_str("file"))
    @app_commands.describe(file=locale_str("A .toml or .md file of advice items (see the README for the format)"))
    async def import_(self, interaction: discord.Interaction, file: discord.Attachment) -> None:
        """Fetch, check and store the file's items, all or nothing; answer with every problem when it fails."""
        await require(self.services, interaction, Role.ADMIN)
        guild_id = interaction.guild_id
        if guild_id is None:
            raise NotAllowed()
        if file.size > MAX_FILE_BYTES:
            raise FileTooLarge(size=-(-file.size // 1024), limit=MAX_FILE_BYTES // 1024)
        await acknowledge(interaction)
        t = await self.translations(interaction)
        data = await file.read()  # from Discord's CDN: the bytes the admin uploaded
        try:
            items = parse(data, file.filename)
        except ContentError as error:
            await respond(
                interaction, view=TextCard(self.problems_text(t, file.filename, error.problems), accent=PROBLEM)
            )
            return
        result = await self.repo.import_items(guild_id, items, self.services.clock.now().isoformat(timespec="seconds"))
        lines = [
            "✅ "
            + t.ngettext(
                "Imported {count} item from {file}.",
                "Imported {count} items from {file}.",
                len(items),
                file=code(file.filename),
            ),
            t.ngettext("{count} new", "{count} new", result.added)
            + " · "
            + t.ngettext("{count} replaced", "{count} replaced", result.replaced),
            t.gettext(
                "Members see them in {browse} and {top}, marked as this server's own advice with their source.",
                browse=t.command("advice browse"),
                top=t.command("advice top"),
            ),
        ]
        await respond(interaction, view=TextCard("\n".join(lines), self.listing(t, items), accent=OK))

    def problems_text(self, t: Translations, filename: str, problems: Sequence[Problem]) -> str:
        """Every problem (up to a screenful) with its line, item and field, in the admin's language."""
        head = "⚠️ " + t.ngettext(
            "{file} was not imported: {count} problem to fix. Nothing was stored.",
            "{file} was not imported: {count} problems to fix. Nothing was stored.",
            len(problems),
            file=code(filename),
        )
        lines = [head, ""]
        for problem in problems[:MAX_PROBLEMS_SHOWN]:
            lines.append("- " + self.problem_line(t, problem))
        hidden = len(problems) - MAX_PROBLEMS_SHOWN
        if hidden > 0:
            lines.append(t.ngettext("…and {count} more.", "…and {count} more.", hidden))
        return "\n".join(lines)

    def problem_line(self, t: Translations, problem: Problem) -> str:
        """ "Line 12 · ask_deposit · text.fi: The text is 340 characters; the limit is 300.\""""
        where: list[str] = []
        if problem.line is not None:
            where.append(t.gettext("line {line}", line=problem.line))
        for part in (problem.item, problem.field):
            if part:
                where.append(isolate(code(part)) if t.rtl else code(part))
        params = {k: (t.number(v) if isinstance(v, int) else user_text(str(v))) for k, v in problem.params.items()}
        message = t.gettext(problem.message, **params)
        return f"**{' · '.join(where)}:** {message}" if where else message

    # --------------------------------------------------------------------------------------------- list/remove

    @content.command(name=locale_str("list"), description=locale_str("List this server's own advice items"))
    async def list_(self, interaction: discord.Interaction) -> None:
        """Show the server's items: id, client types, languages, source."""
        await require(self.services, interaction, Role.ADMIN)
        t = await self.translations(interaction)
        items = await self.repo.items(interaction.guild_id or 0)
        if not items:
            text = t.gettext(
                "This server has no advice of its own yet. Add some with {command}.",
                command=t.command("content import"),
            )
            await respond(interaction, view=TextCard(text))
            return
        head = "🏠 " + t.ngettext(
            "This server's own advice: {count} item.", "This server's own advice: {count} items.", len(items)
        )
        hint = "-# " + t.gettext(
            "Remove one with {remove}; {export} gives the file to edit and import again.",
            remove=t.command("content remove"),
            export=t.command("content export"),
        )
        await respond(interaction, view=TextCard(head, self.listing(t, items), hint))

    def listing(self, t: Translations, items: Sequence[ServerItem]) -> str:
        """One line per item, within a card's text budget."""
        kb = self.services.knowledge
        lines: list[str] = []
        used = 0
        for item in items:
            types = t.join([pick(kb.archetypes[a].name, t.lang) for a in item.archetypes if a in kb.archetypes][:3])
            extra = len(item.archetypes) - 3
            if extra > 0:
                types += " " + t.ngettext("(+{count} more)", "(+{count} more)", extra)
            line = "- **{id}** · {types} · {langs}\n  -# {source}".format(
                id=isolate(code(item.slug)) if t.rtl else code(item.slug),
                types=types,
                langs=isolate(" ".join(item.text)) if t.rtl else " ".join(item.text),
                source=t.gettext("source: {source}", source=user_text(item.source)),
            )
            if used + len(line) > LIST_TEXT_BUDGET:
                lines.append(t.ngettext("…and {count} more.", "…and {count} more.", len(items) - len(lines)))
                break
            lines.append(line)
            used += len(line)
        return "\n".join(lines)

    @content.command(name=locale_str("remove"), description=locale_str("Remove one of this server's own advice items"))
    @app_commands.rename(item_id=locale_str("id"))
    @app_commands.describe(item_id=locale_str("The item's id, as the list shows it"))
    async def remove(self, interaction: discord.Interaction, item_id: app_commands.Range[str, 1, 40]) -> None:
        """Delete one item and the votes on it."""
        await require(self.services, interaction, Role.ADMIN)
        await acknowledge(interaction)
        t = await self.translations(interaction)
        slug = item_id.strip().removeprefix("server.")
        if not await self.repo.remove(interaction.guild_id or 0, slug):
            raise UnknownItem(id=slug, command=t.command("content list"))
        text = "🗑️ " + t.gettext("Removed {id}, with the votes on it.", id=code(slug))
        await respond(interaction, view=TextCard(text, accent=OK))

    @remove.autocomplete("item_id")
    async def remove_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """The server's item ids that contain what was typed."""
        items = await self.repo.items(interaction.guild_id or 0)
        typed = current.strip().lower()
        return [app_commands.Choice(name=i.slug, value=i.slug) for i in items if typed in i.slug][:25]

    # ------------------------------------------------------------------------------------------------- export

    @content.command(
        name=locale_str("export"),
        description=locale_str("Files of this server's advice, approved tips, published stories and settings"),
    )
    async def export(self, interaction: discord.Interaction) -> None:
        """Reply privately with the server's content as files (anonymised texts only, no member keys)."""
        await require(self.services, interaction, Role.ADMIN)
        guild_id = interaction.guild_id
        if guild_id is None:
            raise NotAllowed()
        await acknowledge(interaction)
        t = await self.translations(interaction)
        items = await self.repo.items(guild_id)
        tips = await TipsRepository(self.services.db).published(guild_id, limit=10_000)
        stories = await self.repo.published_stories(guild_id)
        settings = await SettingsRepository(self.services.db).get(guild_id)
        day = self.services.clock.now().date().isoformat()
        files = build_files(guild_id, day, items=items, tips=tips, stories=stories, settings=settings)
        summary = "📦 " + t.gettext(
            "This server's content: {advice}, {approved}, {published}, and the settings.",
            advice=t.ngettext("{count} advice item of its own", "{count} advice items of its own", len(items)),
            approved=t.ngettext("{count} approved tip", "{count} approved tips", len(tips)),
            published=t.ngettext("{count} published story", "{count} published stories", len(stories)),
        )
        note = "-# " + t.gettext(
            "Texts are the anonymised versions members confirmed; no file names a member. "
            "{file} imports again with {command}.",
            file=f"`{next(iter(files))}`",
            command=t.command("content import"),
        )
        attachments = [discord.File(io.BytesIO(data), filename=name) for name, data in files.items()]
        await interaction.edit_original_response(
            content=f"{summary}\n{note}", attachments=attachments, allowed_mentions=NO_PINGS
        )
