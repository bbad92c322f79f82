"""Votes: one row per member, item and axis; tallies kept in vote_tallies by triggers in the same transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any, Protocol

from parley.database import Database, Row, Tx
from parley.database.group import Outcome
from parley.domain.errors import NotFound, ParleyError
from parley.domain.votes import (
    OUTCOME_KINDS,
    VALUES,
    Axis,
    MemberVote,
    Tally,
    Transition,
    VoteResult,
    VoteTarget,
    apply,
    check_vote,
    press,
)

# SQLite's default limit on host parameters is 999 (32766 in newer builds); stay well below it.
_CHUNK = 400
_ONE = "guild_id = ? AND kind = ? AND item_id = ? AND axis = ? AND voter_key = ?"
# A first vote on an axis, and the member's vote on the other axis, in one statement (no row: they had voted).
_INSERT_FIRST = (
    "INSERT INTO votes (guild_id, kind, item_id, axis, voter_key, value, voted_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (guild_id, kind, item_id, axis, voter_key) DO NOTHING "
    "RETURNING (SELECT value FROM votes WHERE guild_id = ? AND kind = ? AND item_id = ? AND axis = ? AND voter_key = ?)"
)
# The same for items with one axis (stories, tips): there is no other vote to read, and at scale that read is a
# random page of the primary key.
_INSERT_ONLY = (
    "INSERT INTO votes (guild_id, kind, item_id, axis, voter_key, value, voted_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (guild_id, kind, item_id, axis, voter_key) DO NOTHING RETURNING NULL"
)
_INSERT_ONE = (
    "INSERT INTO votes (guild_id, kind, item_id, axis, voter_key, value, voted_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_DELETE_ONE = f"DELETE FROM votes WHERE {_ONE}"  # noqa: S608 - a constant condition
_UPDATE_ONE = f"UPDATE votes SET value = ?, voted_at = ? WHERE {_ONE}"  # noqa: S608 - a constant condition
# Spelling out both axes lets the primary key (guild, kind, item, axis, voter) find each row directly; without it
# SQLite walks every vote on the item to test the voter (10 ms per item at 1 M votes).
_MINE_ONE = (
    "SELECT axis, value FROM votes "
    "WHERE guild_id = ? AND kind = ? AND item_id = ? AND axis IN ('helpful', 'outcome') AND voter_key = ?"
)
# The axis column of each button value (a plain str: an enum's .value is slow on a vote's short path).
_AXIS_NAME = {value: axis.value for value, axis in VALUES.items()}
_OTHER_AXIS = {value: ("outcome" if axis is Axis.HELPFUL else "helpful") for value, axis in VALUES.items()}
# A member's votes, for /privacy forget: a scan on the reader (see forget_member).
_VOTER_KEYS = "SELECT kind, item_id, axis FROM votes WHERE guild_id = ? AND voter_key = ?"
_FORGET_ROUNDS = 5
# The set path's INSERT (see _Press.batch). RETURNING sees each inserted row as `votes`, so the subquery reads
# that member's vote on the other axis of the item (only items with two axes have one). The CASTs are what let
# SQLite find that row by the primary key: without them it walked every vote of the guild (363 µs per vote).
_ROWS_PER_INSERT = 200  # 1 400 parameters, far under SQLite's limit
_OTHER_AXIS_SQL = "CASE votes.axis WHEN 'helpful' THEN 'outcome' ELSE 'helpful' END"
_OUTCOME_KINDS_SQL = ", ".join(f"'{kind}'" for kind in sorted(OUTCOME_KINDS))
# Constants only (S608): the VALUES rows are placeholders.
_INSERT_MANY_SQL = (
    "INSERT INTO votes (guild_id, kind, item_id, axis, voter_key, value, voted_at) VALUES {values} "  # noqa: S608
    "ON CONFLICT (guild_id, kind, item_id, axis, voter_key) DO NOTHING "
    "RETURNING guild_id, kind, item_id, voter_key, "
    f"CASE WHEN votes.kind IN ({_OUTCOME_KINDS_SQL}) THEN (SELECT o.value FROM votes AS o "
    "WHERE o.guild_id = votes.guild_id AND o.kind = CAST(votes.kind AS TEXT) "
    "AND o.item_id = CAST(votes.item_id AS TEXT) "
    f"AND o.axis = {_OTHER_AXIS_SQL} AND o.voter_key = CAST(votes.voter_key AS TEXT)) END"
)
_INSERT_MANY: dict[int, str] = {}
_TALLY_ONE = "SELECT value, n FROM vote_tallies WHERE guild_id = ? AND kind = ? AND item_id = ? AND n > 0"


class Reader(Protocol):
    """Anything that can run a query: the Database (committed data) or an open transaction."""

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> Row | None: ...

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]: ...

    async def fetchval(self, sql: str, params: Sequence[Any] = ()) -> Any: ...


# Finds a votable item as it is now (None: deleted, withdrawn, unknown). Runs inside the voting transaction.
Resolver = Callable[[Reader, int, str], Awaitable[VoteTarget | None]]


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _tallies(rows: Iterable[Row]) -> dict[str, Tally]:
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["item_id"], {})[row["value"]] = row["n"]
    return {item: Tally.from_counts(c) for item, c in counts.items()}


class _Press:
    """One member's press queued for the group commit. A run of presses in a group goes as a set (`_Press.batch`,
    which both backends' group runners call: see database/group.py); a press runs alone (`await press(tx)`) when a
    group is run again with a savepoint per write."""

    __slots__ = ("guild_id", "item_id", "kind", "now", "resolve", "value", "voter_key")

    def __init__(
        self, guild_id: int, voter_key: str, kind: str, item_id: str, value: str, now: str, resolve: Resolver
    ) -> None:
        self.guild_id, self.voter_key, self.kind, self.item_id = guild_id, voter_key, kind, item_id
        self.value, self.now, self.resolve = value, now, resolve

    async def __call__(self, tx: Tx) -> VoteResult:
        target, axis = await self._check(tx)
        guild_id, kind, item_id, voter_key, value, now = (
            self.guild_id,
            self.kind,
            self.item_id,
            self.voter_key,
            self.value,
            self.now,
        )
        column, other = _AXIS_NAME[value], _OTHER_AXIS[value]
        # Most presses are a member's first vote on that axis: one statement inserts it and reads their vote on
        # the other axis. When they had one already (nothing inserted), read both and change or undo it.
        if target.outcome:
            row = await tx.fetchone(
                _INSERT_FIRST,
                (guild_id, kind, item_id, column, voter_key, value, now, guild_id, kind, item_id, other, voter_key),
            )
        else:
            row = await tx.fetchone(_INSERT_ONLY, (guild_id, kind, item_id, column, voter_key, value, now))
        if row is not None:
            transition = Transition(axis, None, value)
            mine = {column: value, other: row[0]}
        else:
            transition, mine = await self._change(tx)
        # The item's counts after the press. The triggers keep vote_tallies in this same transaction; it is read
        # at the item's first press in a group, and each later press on the item in the group adds its own change
        # to that (the group's writes run one at a time, so this is exactly what a read would say).
        memo_key = ("vote_tally", guild_id, kind, item_id)
        tally = tx.memo.get(memo_key)
        if tally is None:
            counts = {r[0]: r[1] for r in await tx.fetchall(_TALLY_ONE, (guild_id, kind, item_id))}
            tally = Tally.from_counts(counts)
        else:
            tally = apply(tally, transition)
        tx.memo[memo_key] = tally
        return VoteResult(target, transition, MemberVote(mine.get("helpful"), mine.get("outcome")), tally)

    async def _check(self, tx: Tx) -> tuple[VoteTarget, Axis]:
        """The item as it is now (NotFound), and the press's axis (SelfVote): before anything is written."""
        target = await self.resolve(tx, self.guild_id, self.item_id)
        if target is None:
            raise NotFound()
        return target, check_vote(target, self.voter_key, self.value)

    async def _change(self, tx: Tx) -> tuple[Transition, dict[str, str | None]]:
        """Change, undo or cast the member's vote after reading their votes on the item (their press found a vote
        on its axis, or follows their earlier press on the item in the same set); their votes after the press."""
        guild_id, kind, item_id, voter_key, now = self.guild_id, self.kind, self.item_id, self.voter_key, self.now
        column = _AXIS_NAME[self.value]
        mine: dict[str, str | None] = {
            r[0]: r[1] for r in await tx.fetchall(_MINE_ONE, (guild_id, kind, item_id, voter_key))
        }
        transition = press(mine.get(column), self.value)
        key = (guild_id, kind, item_id, column, voter_key)
        if transition.after is None:
            await tx.execute(_DELETE_ONE, key)
        elif transition.before is None:  # in a set, a member's later press on the item's other axis
            await tx.execute(_INSERT_ONE, (*key, transition.after, now))
        else:
            await tx.execute(_UPDATE_ONE, (transition.after, now, *key))
        mine[column] = transition.after
        return transition, mine

    @staticmethod
    async def batch(tx: Tx, presses: Sequence[_Press]) -> list[Outcome[VoteResult]]:
        """Run a group's presses as a set, with what running them one after the other would give.

        Each press is checked first (a refusal writes nothing). Then one multi-row INSERT writes every member's
        first vote on an item at once, reading their vote on the other axis as it goes (a statement per vote, and
        Python around each, were most of a vote's cost on the writer's thread). A press whose row already existed,
        or a member's second press on the same item in this group, then changes or undoes the vote alone, in
        order. The tallies are read once for the group's items, before the INSERT, and each press adds its own
        change, in the order the rows were written: first the inserted votes, then the others.
        """
        outcomes: list[Outcome[VoteResult] | None] = [None] * len(presses)
        checked: list[tuple[int, _Press, VoteTarget, Axis]] = []
        for n, p in enumerate(presses):
            try:
                target, axis = await p._check(tx)
            except ParleyError as exc:
                outcomes[n] = Outcome(error=exc)
            else:
                checked.append((n, p, target, axis))
        tallies = await _group_tallies(tx, [p for _, p, _, _ in checked])
        # A member's first press on an item goes into the INSERT; any later one waits for it (same member, item).
        first: list[tuple[int, _Press, VoteTarget, Axis]] = []
        later: list[tuple[int, _Press, VoteTarget, Axis]] = []
        members_items: set[tuple[int, str, str, str]] = set()
        for entry in checked:
            p = entry[1]
            member_item = (p.guild_id, p.kind, p.item_id, p.voter_key)
            (later if member_item in members_items else first).append(entry)
            members_items.add(member_item)
        inserted = await _insert_first_votes(tx, [p for _, p, _, _ in first])
        done: list[tuple[int, _Press, VoteTarget, Transition, dict[str, str | None]]] = []
        for n, p, target, axis in first:
            member_item = (p.guild_id, p.kind, p.item_id, p.voter_key)
            if member_item in inserted:
                mine = {_AXIS_NAME[p.value]: p.value, _OTHER_AXIS[p.value]: inserted[member_item]}
                done.append((n, p, target, Transition(axis, None, p.value), mine))
            else:
                later.append((n, p, target, axis))
        later.sort(key=lambda entry: entry[0])
        for n, p, target, _ in later:
            transition, mine = await p._change(tx)
            done.append((n, p, target, transition, mine))
        for n, p, target, transition, mine in done:
            memo_key = ("vote_tally", p.guild_id, p.kind, p.item_id)
            tally = tallies[memo_key] = apply(tallies[memo_key], transition)
            member = MemberVote(mine.get("helpful"), mine.get("outcome"))
            outcomes[n] = Outcome(VoteResult(target, transition, member, tally))
        tx.memo.update(tallies)
        return outcomes  # type: ignore[return-value] - every press got one above


async def _group_tallies(tx: Tx, presses: Sequence[_Press]) -> dict[tuple[str, int, str, str], Tally]:
    """Each pressed item's counts now (as the group's earlier writes left them: tx.memo), keyed as in tx.memo."""
    found: dict[tuple[str, int, str, str], Tally] = {}
    wanted: dict[tuple[int, str], list[str]] = {}
    for p in presses:
        memo_key = ("vote_tally", p.guild_id, p.kind, p.item_id)
        if memo_key in found:
            continue
        known = tx.memo.get(memo_key)
        if known is not None:
            found[memo_key] = known
        else:
            found[memo_key] = Tally()
            wanted.setdefault((p.guild_id, p.kind), []).append(p.item_id)
    for (guild_id, kind), ids in wanted.items():
        for item_id, tally in (await VotesRepository._tally_rows(tx, guild_id, kind, ids)).items():
            found[("vote_tally", guild_id, kind, item_id)] = tally
    return found


async def _insert_first_votes(tx: Tx, presses: Sequence[_Press]) -> dict[tuple[int, str, str, str], str | None]:
    """Insert each press as a first vote (ON CONFLICT: none where the member had one); for each inserted row, the
    member's vote on the item's other axis. Keys (guild, kind, item, voter): the caller gives each at most once."""
    inserted: dict[tuple[int, str, str, str], str | None] = {}
    for start in range(0, len(presses), _ROWS_PER_INSERT):
        chunk = presses[start : start + _ROWS_PER_INSERT]
        params: list[Any] = []
        for p in chunk:
            params += (p.guild_id, p.kind, p.item_id, _AXIS_NAME[p.value], p.voter_key, p.value, p.now)
        rows = await tx.fetchall(_insert_many(len(chunk)), params)
        for guild_id, kind, item_id, voter_key, other in rows:
            inserted[(guild_id, kind, item_id, voter_key)] = other
    return inserted


def _insert_many(rows: int) -> str:
    """The multi-row INSERT of `rows` first votes (cached: a group's size repeats)."""
    sql = _INSERT_MANY.get(rows)
    if sql is None:
        values = ", ".join(["(?, ?, ?, ?, ?, ?, ?)"] * rows)
        sql = _INSERT_MANY[rows] = _INSERT_MANY_SQL.format(values=values)
    return sql


class VotesRepository:
    """Casts, undoes and changes votes; reads tallies, a member's votes and community scores."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def cast(
        self,
        guild_id: int,
        voter_key: str,
        kind: str,
        item_id: str,
        value: str,
        now: str,
        *,
        resolve: Resolver,
    ) -> VoteResult:
        """Apply one press atomically; return the member's votes and the item's counts after it.

        Raises NotFound when the item is gone, SelfVote on one's own item. The row's primary key makes every
        member count once per axis even if two presses race; the tally is kept by triggers in the same
        transaction (migration 0009). Concurrent presses share one transaction (group commit, answered after the
        COMMIT), so `resolve` must only await the reader it is given, and may run twice (see database/group.py)."""

        result: VoteResult = await self.db.run_write(_Press(guild_id, voter_key, kind, item_id, value, now, resolve))
        return result

    async def tallies(self, guild_id: int, kind: str, item_ids: Iterable[str]) -> dict[str, Tally]:
        """Counts for each item (items without votes get an empty tally)."""
        ids = list(dict.fromkeys(item_ids))
        found = await self._tally_rows(self.db, guild_id, kind, ids)
        return {item: found.get(item, Tally()) for item in ids}

    async def all_tallies(self, guild_id: int, kind: str) -> dict[str, Tally]:
        """Counts for every item of a kind that has at least one vote in a guild."""
        rows = await self.db.fetchall(
            "SELECT item_id, value, n FROM vote_tallies WHERE guild_id = ? AND kind = ? AND n > 0",
            (guild_id, kind),
        )
        return _tallies(rows)

    async def mine(self, guild_id: int, voter_key: str, kind: str, item_ids: Iterable[str]) -> dict[str, MemberVote]:
        """A member's current votes on each item (items without a vote get an empty MemberVote)."""
        ids = list(dict.fromkeys(item_ids))
        found = await self._mine_rows(self.db, guild_id, voter_key, kind, ids)
        return {item: found.get(item, MemberVote()) for item in ids}

    async def scores(self, guild_id: int, item_ids: Iterable[str], kind: str = "advice") -> dict[str, float]:
        """Community score of each item, the one ranking function (used by /advice and the walkthrough)."""
        return {item: tally.score for item, tally in (await self.tallies(guild_id, kind, item_ids)).items()}

    @staticmethod
    async def delete_item(tx: Any, guild_id: int, kind: str, item_id: str) -> int:
        """Remove every vote on an item (it was deleted); call inside the deleting transaction."""
        return await tx.execute(
            "DELETE FROM votes WHERE guild_id = ? AND kind = ? AND item_id = ?", (guild_id, kind, item_id)
        )

    async def forget_member(self, guild_id: int, voter_key: str) -> int:
        """Erase a member's votes in a guild (the tallies follow, by the triggers); return how many.

        No index finds a voter's rows (one would cost every vote a random page at scale, migration 0019), so the
        reader finds them by a scan that never blocks voting, and short writes delete them by primary key. A vote
        the member cast meanwhile is found by the next scan: it repeats until one finds nothing.
        """
        erased = 0
        for _ in range(_FORGET_ROUNDS):
            keys = await self.db.fetchall(_VOTER_KEYS, (guild_id, voter_key))
            if not keys:
                break
            for start in range(0, len(keys), _CHUNK):
                async with self.db.write() as tx:
                    erased += await tx.executemany(
                        _DELETE_ONE,
                        ((guild_id, row[0], row[1], row[2], voter_key) for row in keys[start : start + _CHUNK]),
                    )
        return erased

    async def export_member(self, guild_id: int, voter_key: str) -> list[dict[str, str]]:
        """A member's votes in a guild, for /privacy export."""
        rows = await self.db.fetchall(
            "SELECT kind, item_id, axis, value, voted_at FROM votes WHERE guild_id = ? AND voter_key = ? "
            "ORDER BY voted_at, kind, item_id, axis",
            (guild_id, voter_key),
        )
        return [{k: row[k] for k in ("kind", "item_id", "axis", "value", "voted_at")} for row in rows]

    @staticmethod
    async def _tally_rows(reader: Reader, guild_id: int, kind: str, ids: Sequence[str]) -> dict[str, Tally]:
        found: dict[str, Tally] = {}
        for chunk in _chunks(ids):
            marks = ", ".join("?" for _ in chunk)
            rows = await reader.fetchall(
                "SELECT item_id, value, n FROM vote_tallies "  # noqa: S608 - only placeholders are interpolated
                f"WHERE guild_id = ? AND kind = ? AND item_id IN ({marks}) AND n > 0",
                (guild_id, kind, *chunk),
            )
            found.update(_tallies(rows))
        return found

    @staticmethod
    async def _mine_rows(
        reader: Reader, guild_id: int, voter_key: str, kind: str, ids: Sequence[str]
    ) -> dict[str, MemberVote]:
        found: dict[str, dict[str, str]] = {}
        for chunk in _chunks(ids):
            marks = ", ".join("?" for _ in chunk)
            # Both axes spelled out: the primary key finds each row (see _MINE_ONE).
            rows = await reader.fetchall(
                "SELECT item_id, axis, value FROM votes "  # noqa: S608 - only placeholders are interpolated
                f"WHERE guild_id = ? AND kind = ? AND item_id IN ({marks}) "
                "AND axis IN ('helpful', 'outcome') AND voter_key = ?",
                (guild_id, kind, *chunk, voter_key),
            )
            for row in rows:
                found.setdefault(row["item_id"], {})[row["axis"]] = row["value"]
        return {
            item: MemberVote(helpful=axes.get(Axis.HELPFUL.value), outcome=axes.get(Axis.OUTCOME.value))
            for item, axes in found.items()
        }
