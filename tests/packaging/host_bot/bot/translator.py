"""The host's own translator: it names the host's commands in Finnish."""

from discord import Locale, app_commands

HOST_NAMES = {"ping": "pingaa"}


class HostTranslator(app_commands.Translator):
    async def translate(self, string, locale, context):
        if locale is Locale.finnish:
            return HOST_NAMES.get(string.message)
        return None
