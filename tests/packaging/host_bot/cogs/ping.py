"""The host's own command."""

import discord
from discord import app_commands
from discord.ext import commands


class Ping(commands.Cog):
    @app_commands.command(name="ping", description="Is the host bot alive?")
    async def ping(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message("pong from the host", ephemeral=True)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Ping())
