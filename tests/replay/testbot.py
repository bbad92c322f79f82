"""A small bot exercising what the replay harness must support (not Parley itself)."""

from __future__ import annotations

import asyncio
import io
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import discord
from discord import app_commands, ui
from discord.ext import commands

NO_PINGS = discord.AllowedMentions.none()


@dataclass
class Store:
    """Stands in for the database: it outlives a bot restart."""

    votes: Counter[str] = field(default_factory=Counter)
    stories: list[str] = field(default_factory=list)
    started: int = 0
    advanced: float = 0.0


class VoteButton(ui.DynamicItem[ui.Button[Any]], template=r"vote:(?P<item>[a-z0-9]+):(?P<way>up|down)"):
    """A persistent vote button: survives restarts because its state is in the custom_id."""

    def __init__(self, item: str, way: str) -> None:
        label = "Helpful" if way == "up" else "Not helpful"
        emoji = "👍" if way == "up" else "👎"
        super().__init__(ui.Button(label=label, emoji=emoji, custom_id=f"vote:{item}:{way}"))
        self.topic = item
        self.way = way

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: ui.Button[Any], match: Any) -> VoteButton:
        return cls(match["item"], match["way"])

    async def callback(self, interaction: discord.Interaction) -> None:
        store: Store = interaction.client.store  # type: ignore[attr-defined]
        store.votes[f"{self.topic}:{self.way}"] += 1
        await interaction.response.send_message(
            f"Vote recorded ({self.way}) for {self.topic}.", ephemeral=True, allowed_mentions=NO_PINGS
        )


class StoryModal(ui.Modal, title="Share your story"):
    """A Components V2 modal: labels wrapping a text input, a select, a radio group and a checkbox."""

    story = ui.Label(
        text="Your story",
        description="No names, please.",
        component=ui.TextInput(style=discord.TextStyle.paragraph, max_length=500, custom_id="story:text"),
    )
    kind = ui.Label(
        text="Kind of client",
        component=ui.Select(
            custom_id="story:kind",
            options=[
                discord.SelectOption(label="Never pays", value="payment"),
                discord.SelectOption(label="Scope creep", value="scope"),
            ],
        ),
    )
    mood = ui.Label(
        text="How did it end?",
        component=ui.RadioGroup(
            custom_id="story:end",
            options=[
                discord.RadioGroupOption(label="Got paid", value="paid"),
                discord.RadioGroupOption(label="Walked away", value="walked"),
            ],
        ),
    )
    public = ui.Label(text="Publish after review", component=ui.Checkbox(custom_id="story:public"))

    async def on_submit(self, interaction: discord.Interaction) -> None:
        text = self.story.component.value  # type: ignore[attr-defined]
        kind = self.kind.component.values  # type: ignore[attr-defined]
        end = self.mood.component.value  # type: ignore[attr-defined]
        public = self.public.component.value  # type: ignore[attr-defined]
        store: Store = interaction.client.store  # type: ignore[attr-defined]
        store.stories.append(text)
        await interaction.response.send_message(
            f"Saved {len(text)} characters as {kind[0]}, ended {end}, public={public}.",
            ephemeral=True,
            allowed_mentions=NO_PINGS,
        )


class EvidenceModal(ui.Modal, title="Evidence"):
    """File upload, checkbox group and user select inside labels."""

    screenshot = ui.Label(text="Screenshot", component=ui.FileUpload(custom_id="ev:file"))
    topics = ui.Label(
        text="Topics",
        component=ui.CheckboxGroup(
            custom_id="ev:topics",
            options=[
                discord.CheckboxGroupOption(label="Payment", value="pay"),
                discord.CheckboxGroupOption(label="Scope", value="scope"),
                discord.CheckboxGroupOption(label="Tone", value="tone"),
            ],
            required=False,
        ),
    )
    witness = ui.Label(text="Who saw it", component=ui.UserSelect(custom_id="ev:who", required=True))

    async def on_submit(self, interaction: discord.Interaction) -> None:
        (upload,) = self.screenshot.component.values  # type: ignore[attr-defined]
        data = await upload.read()  # fetched from the fake CDN through the client's session
        topics = self.topics.component.values  # type: ignore[attr-defined]
        (who,) = self.witness.component.values  # type: ignore[attr-defined]
        await interaction.response.send_message(
            f"{upload.filename}: {data.decode()} | topics={','.join(topics)} | witness={who.name}",
            ephemeral=True,
            allowed_mentions=NO_PINGS,
        )


class Card(ui.LayoutView):
    """A Components V2 card: container with text, a section, buttons and a select."""

    def __init__(self, describe: str) -> None:
        super().__init__(timeout=300)
        self.describe = describe
        self.picked: list[str] = []
        helpful = ui.Button(label="Helpful", emoji="👍", custom_id="card:helpful", style=discord.ButtonStyle.success)
        unhelpful = ui.Button(label="Not helpful", emoji="👎", custom_id="card:unhelpful")
        share = ui.Button(label="Share my story", custom_id="card:share")
        helpful.callback = self.on_helpful  # type: ignore[method-assign]
        unhelpful.callback = self.on_unhelpful  # type: ignore[method-assign]
        share.callback = self.on_share  # type: ignore[method-assign]
        what = ui.Select(
            custom_id="card:what",
            placeholder="What is happening?",
            options=[
                discord.SelectOption(label="Payment is late", value="payment"),
                discord.SelectOption(label="Scope keeps growing", value="scope"),
                discord.SelectOption(label="Endless revisions", value="revisions"),
            ],
            max_values=2,
        )
        what.callback = self.on_what  # type: ignore[method-assign]
        self.container = ui.Container(
            ui.TextDisplay(f"## Your situation\n{describe}"),
            ui.Section(ui.TextDisplay("Advice: ask for a deposit."), accessory=helpful),
            ui.Separator(),
            ui.ActionRow(unhelpful, share),
            ui.ActionRow(what),
            accent_colour=0x5865F2,
        )
        self.add_item(self.container)

    async def on_helpful(self, interaction: discord.Interaction) -> None:
        await interaction.response.edit_message(view=_ThanksView("Thanks, noted as helpful."))

    async def on_unhelpful(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer()
        await interaction.edit_original_response(view=_ThanksView("Sorry, noted as not helpful."))

    async def on_share(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(StoryModal(custom_id="story:modal"))

    async def on_what(self, interaction: discord.Interaction) -> None:
        values = interaction.data.get("values", []) if interaction.data else []  # type: ignore[union-attr]
        await interaction.response.send_message(
            f"You picked: {', '.join(values)}", ephemeral=True, allowed_mentions=NO_PINGS
        )

    async def on_timeout(self) -> None:
        pass


class _ThanksView(ui.LayoutView):
    def __init__(self, text: str) -> None:
        super().__init__(timeout=None)
        self.add_item(ui.TextDisplay(text))


class PickView(ui.View):
    """Classic (v1) components: channel and role selects."""

    @ui.select(cls=ui.ChannelSelect, placeholder="Stories channel", custom_id="pick:channel")
    async def channel(self, interaction: discord.Interaction, select: ui.ChannelSelect[Any]) -> None:
        await interaction.response.send_message(
            f"Stories go to #{select.values[0].name}", ephemeral=True, allowed_mentions=NO_PINGS
        )

    @ui.select(cls=ui.RoleSelect, placeholder="Moderator role", custom_id="pick:role")
    async def role(self, interaction: discord.Interaction, select: ui.RoleSelect[Any]) -> None:
        await interaction.response.send_message(
            f"Moderators: {select.values[0].name}", ephemeral=True, allowed_mentions=NO_PINGS
        )


class Advice(app_commands.Group, name="advice", description="Advice from the guides"):
    """A group with a nested subcommand group."""

    @app_commands.command(name="browse", description="Browse advice for a client type")
    @app_commands.choices(kind=[app_commands.Choice(name="Never pays", value="payment")])
    async def browse(self, interaction: discord.Interaction, kind: app_commands.Choice[str], count: int = 3) -> None:
        await interaction.response.send_message(
            f"{count} tips for {kind.value}", ephemeral=True, allowed_mentions=NO_PINGS
        )

    admin = app_commands.Group(name="admin", description="Admin settings")

    @admin.command(name="set", description="Configure channels")
    async def set_(
        self, interaction: discord.Interaction, stories: discord.TextChannel, moderators: discord.Role
    ) -> None:
        await interaction.response.send_message(
            f"stories={stories.mention} moderators={moderators.mention}", ephemeral=True, allowed_mentions=NO_PINGS
        )


class Config(
    app_commands.Group,
    name="config",
    description="Server settings",
    default_permissions=discord.Permissions(manage_guild=True),
):
    """Admin-only: Discord hides it from members without Manage Server."""

    @app_commands.command(name="show", description="Show settings")
    async def show(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message("Settings: default", ephemeral=True)


class TestBot(commands.Bot):
    """The bot under test."""

    def __init__(self, store: Store, **kwargs: Any) -> None:
        intents = discord.Intents.default()
        super().__init__(command_prefix=commands.when_mentioned, intents=intents, allowed_mentions=NO_PINGS, **kwargs)
        self.store = store
        self.seen_messages: list[str] = []

    async def setup_hook(self) -> None:
        self.store.started += 1
        self.add_dynamic_items(VoteButton)
        self.tree.add_command(Advice())
        self.tree.add_command(Config())
        register_commands(self.tree)

    async def on_message(self, message: discord.Message) -> None:
        self.seen_messages.append(message.content)

    def replay_advance(self, seconds: float) -> None:
        """The harness calls this on {"advance": seconds}: a bot would move its own clock here."""
        self.store.advanced += seconds


class ShardedTestBot(commands.AutoShardedBot):
    """The same commands on an AutoShardedBot."""

    def __init__(self, store: Store) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned, intents=discord.Intents.default(), allowed_mentions=NO_PINGS
        )
        self.store = store

    async def setup_hook(self) -> None:
        self.add_dynamic_items(VoteButton)
        register_commands(self.tree)


def register_commands(tree: app_commands.CommandTree[Any]) -> None:
    """The slash commands of the test bot."""

    @tree.command(name="situation", description="Describe a difficult client")
    async def situation(interaction: discord.Interaction, describe: str) -> None:
        await interaction.response.send_message(view=Card(describe), ephemeral=True)

    @tree.command(name="vote", description="Post a vote")
    async def vote(interaction: discord.Interaction, item: str = "deposit") -> None:
        view = ui.View(timeout=None)
        view.add_item(VoteButton(item, "up"))
        view.add_item(VoteButton(item, "down"))
        await interaction.response.send_message(f"Was **{item}** useful?", view=view)

    @tree.command(name="announce", description="Post in a channel")
    async def announce(interaction: discord.Interaction, channel: discord.TextChannel, text: str) -> None:
        embed = discord.Embed(title="Announcement", description=text)
        await channel.send(embed=embed, allowed_mentions=NO_PINGS)
        await interaction.response.send_message("Posted.", ephemeral=True)

    @tree.command(name="slow", description="Defer, then follow up")
    async def slow(interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        await interaction.followup.send("Done thinking.", ephemeral=True)
        await interaction.followup.send("And one more thing.", ephemeral=True)

    @tree.command(name="slowcard", description="Defer, then follow up with a Components V2 card")
    async def slowcard(interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        await interaction.followup.send(view=Card("after thinking"), ephemeral=True)

    @tree.command(name="pick", description="Pick channel and role")
    async def pick(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("Pick:", view=PickView(timeout=60), ephemeral=True)

    @tree.command(name="export", description="Your data as a file")
    async def export(interaction: discord.Interaction) -> None:
        data = io.BytesIO(b'{"votes": 3}')
        await interaction.response.send_message("Your data:", file=discord.File(data, "export.json"), ephemeral=True)

    @tree.command(name="badbutton", description="A custom_id that is too long")
    async def badbutton(interaction: discord.Interaction) -> None:
        view = ui.View()
        view.add_item(ui.Button(label="Too long", custom_id="x" * 120))
        await interaction.response.send_message("Bad:", view=view)

    @tree.command(name="boom", description="Raises")
    async def boom(interaction: discord.Interaction) -> None:
        raise ValueError("kaboom")

    @tree.command(name="silent", description="Never answers")
    async def silent(interaction: discord.Interaction) -> None:
        return None

    @tree.command(name="ping", description="Mentions someone")
    async def ping(interaction: discord.Interaction, who: discord.Member) -> None:
        await interaction.response.send_message(f"Hello {who.mention} @everyone")

    @tree.command(name="dm", description="DM me")
    async def dm(interaction: discord.Interaction) -> None:
        await interaction.user.send("A private note.", allowed_mentions=NO_PINGS)
        await interaction.response.send_message("Check your DMs.", ephemeral=True)

    @tree.command(name="fetchgone", description="Fetch a missing message")
    async def fetchgone(interaction: discord.Interaction) -> None:
        try:
            assert interaction.channel is not None
            await interaction.channel.fetch_message(1234567890123)  # type: ignore[union-attr]
        except discord.NotFound:
            await interaction.response.send_message("not found, as expected", ephemeral=True)

    @tree.command(name="evidence", description="Upload evidence")
    async def evidence(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(EvidenceModal(custom_id="evidence"))

    @tree.command(name="later", description="Answers, then edits from a background task")
    async def later(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("Working on it…", ephemeral=True)

        async def finish() -> None:
            await asyncio.sleep(0.05)
            await interaction.edit_original_response(content="Finished later.")

        asyncio.create_task(finish())  # noqa: RUF006 - the harness must wait for it

    @tree.command(name="wait", description="Waits for a message that never comes")
    async def wait(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("Say something…", ephemeral=True)
        await interaction.client.wait_for("message", timeout=30)

    @tree.command(name="twice", description="Answers the same interaction twice")
    async def twice(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("first", ephemeral=True)
        interaction.response._response_type = None  # bypass discord.py's own guard to reach Discord's
        await interaction.response.send_message("second", ephemeral=True)

    @tree.command(name="colour", description="Autocomplete demo")
    async def colour(interaction: discord.Interaction, name: str) -> None:
        await interaction.response.send_message(f"colour {name}", ephemeral=True)

    @colour.autocomplete("name")
    async def colour_complete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        names = ["red", "green", "blue"]
        return [app_commands.Choice(name=n, value=n) for n in names if n.startswith(current)]


class HostBot(commands.Bot):
    """Another bot in the same guild (the 'host' community bot Parley lives beside)."""

    def __init__(self) -> None:
        intents = discord.Intents.default()
        intents.message_content = True
        super().__init__(command_prefix="!", intents=intents, allowed_mentions=NO_PINGS)
        self.seen: list[str] = []

    async def setup_hook(self) -> None:
        @self.tree.command(name="welcome", description="Host bot greeting")
        async def welcome(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("Welcome from the host bot!")

    async def on_message(self, message: discord.Message) -> None:
        self.seen.append(f"{message.author.name}: {message.content}")


async def create_host_bot() -> commands.Bot:
    """Factory of the host bot."""
    return HostBot()


def make_factory(store: Store | None = None, cls: type[Any] = TestBot) -> Any:
    """A bot factory sharing one Store (the 'database') across restarts."""
    shared = store or Store()

    async def factory() -> commands.Bot:
        return cls(shared)

    factory.store = shared  # type: ignore[attr-defined]
    return factory


_CLI_STORE = Store()


async def create_test_bot() -> commands.Bot:
    """Factory for `python -m parley replay --factory tests.replay.testbot:create_test_bot` (state kept per process)."""
    return TestBot(_CLI_STORE)
