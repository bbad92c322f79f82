"""Builds the shared services once (config, database, i18n, templates, knowledge) and hands them to the cogs.

Cogs receive a `Services` in their constructor; nothing imports configuration globally. Heavier domain engines
(triage, anonymiser, drafts) are built on first use through `component()`, so a host that loads one capability
pays only for what it loads.
"""

from __future__ import annotations

import logging
import os
import secrets
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from parley.config import Config
from parley.database import Database
from parley.domain.clock import Clock, SystemClock
from parley.domain.identity import Identity
from parley.i18n import I18n, Translations, resolve_language
from parley.knowledge import KnowledgeBase, load_knowledge
from parley.render import Renderer

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class Services:
    """Everything a cog needs, built once per process."""

    config: Config
    db: Database
    i18n: I18n
    renderer: Renderer
    knowledge: KnowledgeBase
    identity: Identity
    clock: Clock = field(default_factory=SystemClock)
    _components: dict[Any, Any] = field(default_factory=dict, repr=False)

    def component(self, factory: Callable[[], T], key: Any = None) -> T:
        """Return a lazily built engine or registry of this bot (e.g. `services.component(Anonymiser.load)`).

        Registries the capabilities fill when they load live here too, never in module globals, so two bots in
        one process (tests, a host running several) don't see each other's: `QueueKinds`, `VoteTargets`.
        """
        key = key or factory
        if key not in self._components:
            self._components[key] = factory()
        return self._components[key]

    async def language_for(self, guild_id: int | None, member_key: str | None, discord_locale: str | None) -> str:
        """Resolve a member's reply language from their stored choice, the server's setting and their client."""
        from parley.database.repositories.settings import SettingsRepository

        repo = SettingsRepository(self.db)
        if guild_id and member_key:
            # Both in one round trip; the settings are then memoised for the rest of the interaction.
            settings, stored = await repo.for_member(guild_id, member_key)
            guild = settings.language
        elif guild_id:
            stored, guild = None, await repo.guild_language(guild_id)
        else:  # outside a server the key is the person's own (ParleyCog.owner_key)
            stored = await repo.person_language(member_key) if member_key else None
            guild = None
        return resolve_language(stored, guild, discord_locale, self.config.i18n.default_language)

    def t(self, lang: str) -> Translations:
        """Return the translations for a language."""
        return self.i18n.get(lang)

    async def close(self) -> None:
        """Release the database."""
        await self.db.close()


async def build_services(config: Config, *, clock: Clock | None = None, migrate: bool = True) -> Services:
    """Open the database (applying pending migrations), load catalogs, templates and the knowledge base."""
    # aiosqlite logs every statement's parameters at DEBUG: member text must never reach a log, whatever
    # level the host bot or the runner configured.
    logging.getLogger("aiosqlite").setLevel(max(logging.INFO, logging.getLogger("aiosqlite").level))
    db = await Database.from_config(config.database)
    try:
        if migrate:
            applied = await db.migrate()
            if applied:
                log.info("applied %d migration(s): %s", len(applied), ", ".join(m.name for m in applied))
        return Services(
            config=config,
            db=db,
            i18n=I18n.load(),
            renderer=Renderer(),
            knowledge=load_knowledge(),
            identity=Identity(_secret(config)),
            clock=clock or SystemClock(),
        )
    except BaseException:
        await db.close()
        raise


def _secret(config: Config) -> bytes:
    """Return the member-key secret: PARLEY_SECRET, else a key file created beside the database (never inside it)."""
    if config.secret is not None:
        return config.secret.get().encode()
    db_path = Path(config.database.path)
    key_file = db_path.with_name(db_path.name + ".key")
    if key_file.exists():
        return key_file.read_bytes().strip()
    key = secrets.token_hex(32).encode()
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key)
    log.warning("PARLEY_SECRET is not set: created a member-key file at %s (keep it out of backups)", key_file)
    return key
