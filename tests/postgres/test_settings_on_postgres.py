"""An interaction's first read (the member's language and the server's settings in one query) on PostgreSQL."""

from __future__ import annotations

from parley.database import Database
from parley.database.memo import interaction_scope
from parley.database.repositories.settings import SettingsRepository

GUILD = 5
MEMBER = "m" * 32


async def test_language_and_settings_in_one_read_match_separate_reads(postgres_db: Database) -> None:
    repo = SettingsRepository(postgres_db)
    for member_lang, guild_lang in [(None, None), ("ru", None), ("ru", "fi"), (None, "fi")]:
        await repo.set_member_language(GUILD, MEMBER, member_lang)
        if guild_lang is not None:
            await repo.update(GUILD, "2026-01-01T00:00:00Z", language=guild_lang, walkthrough_enabled=False)
        with interaction_scope():
            settings, language = await repo.for_member(GUILD, MEMBER)
        assert (language, settings.language) == (member_lang, guild_lang)
        assert (language, settings) == (await repo.member_language(GUILD, MEMBER), await repo.get(GUILD))
