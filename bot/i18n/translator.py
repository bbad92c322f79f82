"""Localised command names and descriptions for Discord clients in Finnish and Russian.

Discord localises only names, descriptions and choices, and only for its own locales (there is no Arabic).
As a plugin, Parley never replaces a host bot's translator: pass the host's as `fallback` to chain them.
"""

from __future__ import annotations

from discord import Locale, app_commands

from parley.i18n import I18n

DISCORD_LOCALES = {Locale.finnish: "fi", Locale.russian: "ru"}


class ParleyTranslator(app_commands.Translator):
    """Answers from Parley's catalogs; anything it doesn't know goes to the fallback translator."""

    def __init__(self, i18n: I18n, fallback: app_commands.Translator | None = None) -> None:
        self.i18n = i18n
        self.fallback = fallback

    async def load(self) -> None:
        if self.fallback is not None:
            await self.fallback.load()

    async def unload(self) -> None:
        if self.fallback is not None:
            await self.fallback.unload()

    async def translate(
        self, string: app_commands.locale_str, locale: Locale, context: app_commands.TranslationContextTypes
    ) -> str | None:
        lang = DISCORD_LOCALES.get(locale)
        # Names that live in data files (archetype names in the knowledge base) travel with their translations:
        # locale_str("Non-payer", localizations={"fi": ..., "ru": ...}).
        inline = string.extras.get("localizations")
        if lang is not None and isinstance(inline, dict) and inline.get(lang):
            return str(inline[lang])
        if lang is not None:
            catalog = self.i18n.catalogs.get(lang)
            message = catalog.get(string.message) if catalog is not None else None
            if message is not None and message.string and not message.fuzzy:
                return self.i18n.get(lang).gettext(string.message)
        if self.fallback is not None:
            return await self.fallback.translate(string, locale, context)
        return None
