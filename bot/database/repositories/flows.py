"""Walkthrough and red-flag flows (state keyed by a random flow id) and anonymous triage corrections."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from parley.database import Database, Row, Tx
from parley.domain.walkthrough import Flow

_TIME = "%Y-%m-%dT%H:%M:%SZ"
_COLUMNS = "flow_id, guild_id, member_key, kind, language, version, state, free_text, created_at, updated_at"


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime(_TIME)


def _parse(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, _TIME).replace(tzinfo=dt.UTC)


def _flow(row: Row) -> Flow:
    return Flow(
        flow_id=row["flow_id"],
        guild_id=row["guild_id"],
        member_key=row["member_key"],
        kind=row["kind"],
        language=row["language"],
        version=row["version"],
        state=json.loads(row["state"]),
        free_text=row["free_text"],
        created_at=_parse(row["created_at"]),
        updated_at=_parse(row["updated_at"]),
    )


@dataclass(frozen=True, slots=True)
class Correction:
    """A member's "not what's happening" pick: no member, no flow, no text; the day only."""

    guild_id: int | None
    predicted: str
    chosen: str
    answers: tuple[str, ...]
    day: str


class FlowsRepository:
    """Reads and writes `flows` and `triage_corrections`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def create(
        self,
        flow_id: str,
        *,
        guild_id: int | None,
        member_key: str,
        kind: str,
        language: str,
        state: Mapping[str, Any],
        free_text: str | None,
        now: dt.datetime,
    ) -> Flow:
        """Store a new flow at version 0."""

        async def insert(tx: Tx) -> Flow:
            return await self.insert(
                tx,
                flow_id,
                guild_id=guild_id,
                member_key=member_key,
                kind=kind,
                language=language,
                state=state,
                free_text=free_text,
                now=now,
            )

        # One statement: shared with concurrent writes (group commit), one round trip on SQLite.
        return await self.db.run_write(insert)  # type: ignore[no-any-return]

    @staticmethod
    async def insert(
        tx: Tx,
        flow_id: str,
        *,
        guild_id: int | None,
        member_key: str,
        kind: str,
        language: str,
        state: Mapping[str, Any],
        free_text: str | None,
        now: dt.datetime,
    ) -> Flow:
        """`create` inside a caller's write transaction."""
        stamp = _stamp(now)
        await tx.execute(
            f"INSERT INTO flows ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?)",  # noqa: S608 - constant columns
            (flow_id, guild_id, member_key, kind, language, json.dumps(state), free_text, stamp, stamp),
        )
        return Flow(
            flow_id, guild_id, member_key, kind, language, 0, dict(state), free_text, _parse(stamp), _parse(stamp)
        )

    async def get(self, flow_id: str) -> Flow | None:
        """Return a flow, or None when it never existed or was purged."""
        row = await self.db.fetchone(f"SELECT {_COLUMNS} FROM flows WHERE flow_id = ?", (flow_id,))  # noqa: S608
        return _flow(row) if row is not None else None

    async def advance(
        self,
        flow_id: str,
        *,
        expected_version: int,
        state: Mapping[str, Any],
        free_text: str | None,
        now: dt.datetime,
    ) -> Flow | None:
        """Store the next state only if nobody moved the flow since `expected_version`; None when stale.

        The conditional write is what makes a double click harmless: of two clicks on the same version, one wins.
        """

        async def step(tx: Tx) -> Row | None:
            return await tx.fetchone(
                "UPDATE flows SET version = version + 1, state = ?, free_text = ?, updated_at = ? "  # noqa: S608
                f"WHERE flow_id = ? AND version = ? RETURNING {_COLUMNS}",
                (json.dumps(state), free_text, _stamp(now), flow_id, expected_version),
            )

        row = await self.db.run_write(step)
        return _flow(row) if row is not None else None

    async def delete(self, flow_id: str) -> None:
        """Forget one flow (expired, or finished with)."""
        async with self.db.write() as tx:
            await tx.execute("DELETE FROM flows WHERE flow_id = ?", (flow_id,))

    async def purge_untouched_since(self, cutoff: dt.datetime) -> int:
        """Delete flows (and the member text in them) not touched since `cutoff`; return how many."""
        async with self.db.write() as tx:
            rows = await tx.fetchall("DELETE FROM flows WHERE updated_at < ? RETURNING flow_id", (_stamp(cutoff),))
        return len(rows)

    async def for_member(self, guild_id: int, member_key: str) -> list[Flow]:
        """A member's flows in a guild (for /privacy export)."""
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM flows WHERE guild_id = ? AND member_key = ? ORDER BY created_at",  # noqa: S608
            (guild_id, member_key),
        )
        return [_flow(row) for row in rows]

    async def for_person(self, person_key: str) -> list[Flow]:
        """A person's flows outside any server (DMs, private channels), for /privacy export."""
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM flows WHERE guild_id IS NULL AND member_key = ? ORDER BY created_at",  # noqa: S608
            (person_key,),
        )
        return [_flow(row) for row in rows]

    async def forget_member(self, guild_id: int, member_key: str) -> int:
        """Erase a member's flows in a guild (for /privacy forget); return how many."""
        async with self.db.write() as tx:
            rows = await tx.fetchall(
                "DELETE FROM flows WHERE guild_id = ? AND member_key = ? RETURNING flow_id", (guild_id, member_key)
            )
        return len(rows)

    async def forget_person(self, person_key: str) -> int:
        """Erase a person's flows outside any server (DMs, private channels); return how many."""
        async with self.db.write() as tx:
            rows = await tx.fetchall(
                "DELETE FROM flows WHERE guild_id IS NULL AND member_key = ? RETURNING flow_id", (person_key,)
            )
        return len(rows)

    async def forget_guild(self, guild_id: int) -> int:
        """Erase a guild's flows and corrections (the bot left long ago); return how many rows."""
        async with self.db.write() as tx:
            flows = await tx.fetchall("DELETE FROM flows WHERE guild_id = ? RETURNING flow_id", (guild_id,))
            fixes = await tx.fetchall(
                "DELETE FROM triage_corrections WHERE guild_id = ? RETURNING correction_id", (guild_id,)
            )
        return len(flows) + len(fixes)

    async def record_correction(
        self, *, guild_id: int | None, predicted: str, chosen: str, answers: Iterable[str], day: str
    ) -> None:
        """Keep a member's "not what's happening" pick, anonymously (answer tokens, never text or member)."""
        tokens = " ".join(token for token in answers if token and " " not in token)
        async with self.db.write() as tx:
            await tx.execute(
                "INSERT INTO triage_corrections (guild_id, predicted, chosen, answers, day) VALUES (?, ?, ?, ?, ?)",
                (guild_id, predicted, chosen, tokens, day),
            )

    async def corrections(self, guild_id: int | None = None) -> list[Correction]:
        """Recorded corrections, oldest first (all guilds unless one is given)."""
        where, params = ("WHERE guild_id = ?", (guild_id,)) if guild_id is not None else ("", ())
        rows = await self.db.fetchall(
            f"SELECT guild_id, predicted, chosen, answers, day FROM triage_corrections {where} "  # noqa: S608
            "ORDER BY correction_id",
            params,
        )
        return [
            Correction(row["guild_id"], row["predicted"], row["chosen"], tuple(row["answers"].split()), row["day"])
            for row in rows
        ]
