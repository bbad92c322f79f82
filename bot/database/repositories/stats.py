"""Aggregate counts for /stats: monthly client types, "it worked" tallies, stories and tips per month, queue times.

Every query returns counts grouped by month or item; nothing here reads who did what.
"""

from __future__ import annotations

from collections import defaultdict

from parley.database import Database

CLIENT_TYPE = "client_type"


class StatsRepository:
    """Reads (and, for walkthrough results, writes) the aggregates /stats draws."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def count_walkthrough(self, flow_id: str, guild_id: int, month: str, archetype: str) -> bool:
        """Count a walkthrough's client type for its month, once per flow (its result can be drawn again)."""
        async with self.db.write() as tx:
            claimed = await tx.execute("UPDATE flows SET counted = 1 WHERE flow_id = ? AND counted = 0", (flow_id,))
            if claimed != 1:
                return False
            await tx.execute(
                "INSERT INTO community_monthly (guild_id, month, metric, item, n) VALUES (?, ?, ?, ?, 1) "
                "ON CONFLICT (guild_id, month, metric, item) DO UPDATE SET n = community_monthly.n + 1",
                (guild_id, month, CLIENT_TYPE, archetype),
            )
        return True

    async def client_types(self, guild_id: int, first_month: str) -> list[tuple[str, str, int]]:
        """(month, archetype, count) from `first_month` on."""
        rows = await self.db.fetchall(
            "SELECT month, item, n FROM community_monthly WHERE guild_id = ? AND metric = ? AND month >= ?",
            (guild_id, CLIENT_TYPE, first_month),
        )
        return [(row["month"], row["item"], int(row["n"])) for row in rows]

    async def worked(self, guild_id: int, limit: int = 50) -> list[tuple[str, int]]:
        """(advice item, members who said it worked), most first."""
        rows = await self.db.fetchall(
            "SELECT item_id, n FROM vote_tallies WHERE guild_id = ? AND kind = 'advice' AND value = 'worked' "
            "AND n > 0 ORDER BY n DESC, item_id LIMIT ?",
            (guild_id, limit),
        )
        return [(row["item_id"], int(row["n"])) for row in rows]

    async def totals(self, guild_id: int, first_day: str) -> dict[str, dict[str, int]]:
        """Stories and tips shared and published per month, from `first_day` on."""
        queries = {
            "stories_shared": "SELECT substr(shared_on, 1, 7) AS m, count(*) AS n FROM stories "
            "WHERE guild_id = ? AND shared_on >= ? GROUP BY substr(shared_on, 1, 7)",
            "stories_published": "SELECT substr(published_on, 1, 7) AS m, count(*) AS n FROM stories "
            "WHERE guild_id = ? AND published_on >= ? GROUP BY substr(published_on, 1, 7)",
            "tips_shared": "SELECT substr(created_at, 1, 7) AS m, count(*) AS n FROM tips "
            "WHERE guild_id = ? AND created_at >= ? GROUP BY substr(created_at, 1, 7)",
            "tips_published": "SELECT substr(decided_at, 1, 7) AS m, count(*) AS n FROM tips "
            "WHERE guild_id = ? AND status = 'approved' AND decided_at >= ? GROUP BY substr(decided_at, 1, 7)",
        }
        out: dict[str, dict[str, int]] = defaultdict(dict)
        for name, sql in queries.items():
            for row in await self.db.fetchall(sql, (guild_id, first_day)):
                out[name][row["m"]] = int(row["n"])
        return dict(out)

    async def decisions_since(self, guild_id: int, since: str) -> list[tuple[str, str]]:
        """(arrived, decided) stamps of the queue entries moderators decided since `since`."""
        rows = await self.db.fetchall(
            "SELECT created_at, decided_at FROM mod_queue WHERE guild_id = ? AND decided_at >= ? "
            "AND status IN ('approved', 'rejected')",
            (guild_id, since),
        )
        return [(row["created_at"], row["decided_at"]) for row in rows]
