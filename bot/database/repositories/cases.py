"""Cases, their ladder steps, their reminders (claimed and marked exactly once) and members' reminder preferences."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from parley.database import Database, Row
from parley.database.backend import Tx
from parley.domain.cases import CaseFacts, PlannedStep, WorkingHours, days_overdue
from parley.domain.privacy import parse_stamp, stamp

#: The guild id of a case opened outside any server (a DM, a private channel, through a user install): Discord
#: never gives a guild the id 0, and such a case's member_key is the person's own key (Identity.user_key).
OUTSIDE_SERVERS = 0

_CASE_COLUMNS = (
    "id, guild_id, member_key, archetype, status, amount, currency, due_date, revisions_used, late_fee, "
    "client_lang, member_lang, advice_ids, outcome, opened_at, updated_at, closed_at"
)
#: How long a claimed reminder is reserved for the process that claimed it before another may take it over.
CLAIM_SECONDS = 120


@dataclass(frozen=True, slots=True)
class CaseStep:
    """One ladder step of a case: when it is due, when Parley reminded the member, when they drafted it."""

    position: int
    step_id: str
    draft_kind: str | None
    day: int
    reminded_at: dt.datetime | None
    sent_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class Case:
    """A member's case: the facts they typed, its status and its ladder."""

    id: int
    guild_id: int
    member_key: str
    archetype: str
    status: str
    amount: Decimal | None
    currency: str | None
    due_date: dt.date | None
    revisions_used: int | None
    late_fee: bool
    client_lang: str
    member_lang: str
    advice_ids: tuple[str, ...]
    outcome: str | None
    opened_at: dt.datetime
    updated_at: dt.datetime
    closed_at: dt.datetime | None
    steps: tuple[CaseStep, ...] = ()
    next_due_at: dt.datetime | None = None  # the pending reminder, if any
    next_position: int | None = None

    @property
    def anchor(self) -> dt.date:
        """The day the ladder counts from: the due date, else the day the case was opened."""
        return self.due_date or self.opened_at.date()

    @property
    def current_position(self) -> int:
        """The step the member is at: the pending reminder's, else the last one reminded or drafted, else 0."""
        if self.next_position is not None:
            return self.next_position
        done = [s.position for s in self.steps if s.reminded_at or s.sent_at]
        return max(done) if done else 0

    @property
    def focus(self) -> int:
        """The step the member acts on (Draft, Snooze): the latest one Parley reminded them of and they haven't
        drafted yet, else the current one."""
        waiting = [s.position for s in self.steps if s.reminded_at and not s.sent_at]
        return max(waiting) if waiting else self.current_position

    def step(self, position: int) -> CaseStep | None:
        """The step at `position`, if the ladder has one."""
        return next((s for s in self.steps if s.position == position), None)

    def sent_dates(self) -> tuple[dt.date, ...]:
        """The days the member drafted earlier steps, oldest first."""
        return tuple(sorted(s.sent_at.date() for s in self.steps if s.sent_at))


@dataclass(frozen=True, slots=True)
class NewCase:
    """What opening a case stores."""

    guild_id: int
    member_key: str
    archetype: str
    client_lang: str
    member_lang: str
    amount: Decimal | None = None
    currency: str | None = None
    due_date: dt.date | None = None
    revisions_used: int | None = None
    late_fee: bool = False
    advice_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Prefs:
    """A member's reminder preferences (asked once)."""

    hours: WorkingHours
    dm_channel_id: int | None


@dataclass(frozen=True, slots=True)
class ClaimedReminder:
    """A due reminder this process claimed: deliver it, then mark it with the token."""

    id: int
    case_id: int
    position: int
    token: str
    attempts: int  # deliveries tried before this one (> 0: a process may have sent it and died before marking)
    dm_channel_id: int | None


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _stamp_or_none(text: str | None) -> dt.datetime | None:
    return parse_stamp(text) if text else None


def _case(row: Row, steps: Sequence[CaseStep] = (), pending: Row | None = None) -> Case:
    return Case(
        id=int(row["id"]),
        guild_id=int(row["guild_id"]),
        member_key=row["member_key"],
        archetype=row["archetype"],
        status=row["status"],
        amount=Decimal(row["amount"]) if row["amount"] else None,
        currency=row["currency"],
        due_date=_date(row["due_date"]),
        revisions_used=row["revisions_used"],
        late_fee=bool(row["late_fee"]),
        client_lang=row["client_lang"],
        member_lang=row["member_lang"],
        advice_ids=tuple(json.loads(row["advice_ids"] or "[]")),
        outcome=row["outcome"],
        opened_at=parse_stamp(row["opened_at"]),
        updated_at=parse_stamp(row["updated_at"]),
        closed_at=_stamp_or_none(row["closed_at"]),
        steps=tuple(steps),
        next_due_at=parse_stamp(pending["due_at"]) if pending is not None else None,
        next_position=int(pending["position"]) if pending is not None else None,
    )


def _step(row: Row) -> CaseStep:
    return CaseStep(
        position=int(row["position"]),
        step_id=row["step_id"],
        draft_kind=row["draft_kind"],
        day=int(row["day"]),
        reminded_at=_stamp_or_none(row["reminded_at"]),
        sent_at=_stamp_or_none(row["sent_at"]),
    )


class CasesRepository:
    """Reads and writes cases, case_steps, case_reminders and case_prefs."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # ------------------------------------------------------------------------------------------------ cases

    async def open(
        self, case: NewCase, steps: Sequence[PlannedStep], start: int, first_due: dt.datetime, now: dt.datetime
    ) -> int:
        """Store a new case with its ladder and the reminder of its starting step; return its id."""
        at = stamp(now)
        async with self.db.write() as tx:
            case_id = await tx.fetchval(
                "INSERT INTO cases (guild_id, member_key, archetype, amount, currency, due_date, revisions_used, "
                "late_fee, client_lang, member_lang, advice_ids, opened_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    case.guild_id,
                    case.member_key,
                    case.archetype,
                    None if case.amount is None else str(case.amount),
                    case.currency,
                    None if case.due_date is None else case.due_date.isoformat(),
                    case.revisions_used,
                    int(case.late_fee),
                    case.client_lang,
                    case.member_lang,
                    json.dumps(list(case.advice_ids)),
                    at,
                    at,
                ),
            )
            await tx.executemany(
                "INSERT INTO case_steps (case_id, position, step_id, draft_kind, day) VALUES (?, ?, ?, ?, ?)",
                [(case_id, s.position, s.step_id, s.draft_kind, s.day) for s in steps],
            )
            if steps:
                await self._schedule(tx, int(case_id), start, first_due)
        return int(case_id)

    async def get(self, case_id: int) -> Case | None:
        """A case with its steps and pending reminder, or None."""
        row = await self.db.fetchone(f"SELECT {_CASE_COLUMNS} FROM cases WHERE id = ?", (case_id,))  # noqa: S608 - constant columns
        if row is None:
            return None
        return await self._full(row)

    async def for_member(self, guild_id: int, member_key: str, *, open_only: bool = False) -> list[Case]:
        """A member's cases in a guild, newest first (open and paused ones only with `open_only`)."""
        where = " AND status != 'closed'" if open_only else ""
        rows = await self.db.fetchall(
            f"SELECT {_CASE_COLUMNS} FROM cases WHERE guild_id = ? AND member_key = ?{where} "  # noqa: S608 - constant text
            "ORDER BY id DESC",
            (guild_id, member_key),
        )
        return [await self._full(row) for row in rows]

    async def for_owners(self, owners: list[tuple[int, str]], *, open_only: bool = False) -> list[Case]:
        """The cases of one person under several keys (their DM key and their member key in each server), in one
        query, newest first."""
        if not owners:
            return []
        pairs = " OR ".join(["(guild_id = ? AND member_key = ?)"] * len(owners))
        where = " AND status != 'closed'" if open_only else ""
        rows = await self.db.fetchall(
            f"SELECT {_CASE_COLUMNS} FROM cases WHERE ({pairs}){where} ORDER BY id DESC",  # noqa: S608 - constant text
            tuple(value for owner in owners for value in owner),
        )
        return [await self._full(row) for row in rows]

    async def _full(self, row: Row) -> Case:
        steps = await self.db.fetchall(
            "SELECT position, step_id, draft_kind, day, reminded_at, sent_at FROM case_steps WHERE case_id = ? "
            "ORDER BY position",
            (row["id"],),
        )
        pending = await self.db.fetchone(
            "SELECT position, due_at FROM case_reminders WHERE case_id = ? AND state IN ('pending', 'claimed') "
            "ORDER BY due_at LIMIT 1",
            (row["id"],),
        )
        return _case(row, [_step(s) for s in steps], pending)

    @staticmethod
    async def _schedule(tx: Tx, case_id: int, position: int, due_at: dt.datetime) -> None:
        """Replace the case's pending reminder with one for `position` at `due_at`."""
        await tx.execute(
            "UPDATE case_reminders SET state = 'cancelled' WHERE case_id = ? AND state = 'pending'", (case_id,)
        )
        await tx.execute(
            "INSERT INTO case_reminders (case_id, position, due_at) VALUES (?, ?, ?)",
            (case_id, position, stamp(due_at)),
        )

    async def reschedule(self, case_id: int, position: int, due_at: dt.datetime, now: dt.datetime) -> bool:
        """Snooze (or resume): the open case's next reminder is `position` at `due_at`; False if it is closed."""
        async with self.db.write() as tx:
            changed = await tx.execute(
                "UPDATE cases SET status = 'open', updated_at = ? WHERE id = ? AND status != 'closed'",
                (stamp(now), case_id),
            )
            if changed:
                await self._schedule(tx, case_id, position, due_at)
        return changed == 1

    async def pause(self, case_id: int, now: dt.datetime) -> bool:
        """The client replied: no reminders until the member resumes; False if the case is closed."""
        async with self.db.write() as tx:
            changed = await tx.execute(
                "UPDATE cases SET status = 'paused', updated_at = ? WHERE id = ? AND status != 'closed'",
                (stamp(now), case_id),
            )
            await tx.execute(
                "UPDATE case_reminders SET state = 'cancelled' WHERE case_id = ? AND state = 'pending'", (case_id,)
            )
        return changed == 1

    async def close(self, case_id: int, now: dt.datetime) -> bool:
        """Got paid / resolved: closed, nothing more to remind; False if it already was."""
        async with self.db.write() as tx:
            changed = await tx.execute(
                "UPDATE cases SET status = 'closed', updated_at = ?, closed_at = ? WHERE id = ? AND status != 'closed'",
                (stamp(now), stamp(now), case_id),
            )
            await tx.execute(
                "UPDATE case_reminders SET state = 'cancelled' WHERE case_id = ? AND state = 'pending'", (case_id,)
            )
        return changed == 1

    async def set_outcome(self, case_id: int, outcome: str, now: dt.datetime) -> bool:
        """Record whether the case's advice worked (once); False when it was already recorded."""
        async with self.db.write() as tx:
            changed = await tx.execute(
                "UPDATE cases SET outcome = ?, updated_at = ? WHERE id = ? AND status = 'closed' AND outcome IS NULL",
                (outcome, stamp(now), case_id),
            )
        return changed == 1

    async def step_sent(self, case_id: int, position: int, now: dt.datetime) -> None:
        """The member drafted the step at `position` (the first time counts: "as I wrote on 3 November")."""
        async with self.db.write() as tx:
            await tx.execute(
                "UPDATE case_steps SET sent_at = ? WHERE case_id = ? AND position = ? AND sent_at IS NULL",
                (stamp(now), case_id, position),
            )
            await tx.execute("UPDATE cases SET updated_at = ? WHERE id = ?", (stamp(now), case_id))

    # -------------------------------------------------------------------------------------------- reminders

    async def claim_due(self, now: dt.datetime, *, limit: int = 50) -> list[ClaimedReminder]:
        """Claim due reminders of open cases whose member allowed DMs (and claims whose holder died)."""
        token = secrets.token_hex(8)
        at = stamp(now)
        until = stamp(now + dt.timedelta(seconds=CLAIM_SECONDS))
        async with self.db.write() as tx:
            rows = await tx.fetchall(
                "UPDATE case_reminders SET state = 'claimed', claim_token = ?, claimed_until = ? "
                "WHERE id IN (SELECT r.id FROM case_reminders r JOIN cases c ON c.id = r.case_id "
                "JOIN case_prefs p ON p.guild_id = c.guild_id AND p.member_key = c.member_key "
                "WHERE c.status = 'open' AND p.dm_channel_id IS NOT NULL AND r.due_at <= ? "
                "AND (r.state = 'pending' OR (r.state = 'claimed' AND r.claimed_until <= ?)) "
                "ORDER BY r.due_at LIMIT ?) "
                "RETURNING id, case_id, position, attempts",
                (token, until, at, at, limit),
            )
            claimed: list[ClaimedReminder] = []
            for row in rows:
                channel = await tx.fetchval(
                    "SELECT p.dm_channel_id FROM case_prefs p JOIN cases c ON c.guild_id = p.guild_id "
                    "AND c.member_key = p.member_key WHERE c.id = ?",
                    (row["case_id"],),
                )
                await tx.execute("UPDATE case_reminders SET attempts = attempts + 1 WHERE id = ?", (row["id"],))
                claimed.append(
                    ClaimedReminder(
                        int(row["id"]),
                        int(row["case_id"]),
                        int(row["position"]),
                        token,
                        int(row["attempts"]),
                        None if channel is None else int(channel),
                    )
                )
        return sorted(claimed, key=lambda r: r.id)

    async def mark_sent(
        self,
        reminder_id: int,
        token: str | None,
        via: str,
        now: dt.datetime,
        following: tuple[int, dt.datetime] | None,
    ) -> bool:
        """Mark a delivered reminder (only with its claim's token), note the step as reminded, and schedule the
        following step's reminder (position, due time) in the same transaction. False when the claim was lost."""
        at = stamp(now)
        async with self.db.write() as tx:
            if token is None:  # a notice, taken by `take_notices`
                changed = 1
            else:
                changed = await tx.execute(
                    "UPDATE case_reminders SET state = 'sent', via = ?, sent_at = ?, claim_token = NULL, "
                    "claimed_until = NULL WHERE id = ? AND claim_token = ? AND state = 'claimed'",
                    (via, at, reminder_id, token),
                )
            if not changed:
                return False
            row = await tx.fetchone("SELECT case_id, position FROM case_reminders WHERE id = ?", (reminder_id,))
            if row is None:  # pragma: no cover - the case was erased meanwhile
                return False
            await tx.execute(
                "UPDATE case_steps SET reminded_at = ? WHERE case_id = ? AND position = ? AND reminded_at IS NULL",
                (at, row["case_id"], row["position"]),
            )
            if following is not None:
                await self._schedule(tx, int(row["case_id"]), following[0], following[1])
        return True

    async def postpone(self, reminder_id: int, token: str, due_at: dt.datetime) -> None:
        """A claimed reminder that falls outside the member's hours: due again at `due_at`, unclaimed."""
        async with self.db.write() as tx:
            await tx.execute(
                "UPDATE case_reminders SET state = 'pending', due_at = ?, claim_token = NULL, claimed_until = NULL, "
                "attempts = attempts - 1 WHERE id = ? AND claim_token = ?",
                (stamp(due_at), reminder_id, token),
            )

    async def release(self, reminder_id: int, token: str) -> None:
        """Delivery failed before anything was sent: the reminder is due again for the next run."""
        async with self.db.write() as tx:
            await tx.execute(
                "UPDATE case_reminders SET state = 'pending', claim_token = NULL, claimed_until = NULL "
                "WHERE id = ? AND claim_token = ?",
                (reminder_id, token),
            )

    async def take_notices(self, guild_id: int, member_key: str, now: dt.datetime) -> list[tuple[int, int, int]]:
        """Due reminders of a member who gets them as notices: taken (marked sent) at once, so that two
        interactions at the same moment cannot both show one. Returns (reminder id, case id, position)."""
        at = stamp(now)
        async with self.db.write() as tx:
            rows = await tx.fetchall(
                "UPDATE case_reminders SET state = 'sent', via = 'notice', sent_at = ? "
                "WHERE id IN (SELECT r.id FROM case_reminders r JOIN cases c ON c.id = r.case_id "
                "WHERE c.guild_id = ? AND c.member_key = ? AND c.status = 'open' AND r.state = 'pending' "
                "AND r.due_at <= ? AND NOT EXISTS (SELECT 1 FROM case_prefs p WHERE p.guild_id = c.guild_id "
                "AND p.member_key = c.member_key AND p.dm_channel_id IS NOT NULL)) "
                "RETURNING id, case_id, position",
                (at, guild_id, member_key, at),
            )
        return sorted((int(r["id"]), int(r["case_id"]), int(r["position"])) for r in rows)

    async def notice_due_times(self) -> dict[tuple[int, str], dt.datetime]:
        """For every member who gets reminders as notices: when their earliest pending reminder is due."""
        rows = await self.db.fetchall(
            "SELECT c.guild_id, c.member_key, MIN(r.due_at) AS due_at FROM case_reminders r "
            "JOIN cases c ON c.id = r.case_id WHERE c.status = 'open' AND r.state = 'pending' "
            "AND NOT EXISTS (SELECT 1 FROM case_prefs p WHERE p.guild_id = c.guild_id "
            "AND p.member_key = c.member_key AND p.dm_channel_id IS NOT NULL) "
            "GROUP BY c.guild_id, c.member_key"
        )
        return {(int(r["guild_id"]), r["member_key"]): parse_stamp(r["due_at"]) for r in rows}

    async def reminder_states(self, case_id: int) -> list[tuple[int, str, str | None]]:
        """(position, state, via) of every reminder of a case, oldest first (for status and tests)."""
        rows = await self.db.fetchall(
            "SELECT position, state, via FROM case_reminders WHERE case_id = ? ORDER BY id", (case_id,)
        )
        return [(int(r["position"]), r["state"], r["via"]) for r in rows]

    # -------------------------------------------------------------------------------------------------- prefs

    async def prefs(self, guild_id: int, member_key: str) -> Prefs | None:
        """The member's reminder preferences, or None when they were never asked."""
        row = await self.db.fetchone(
            "SELECT time_zone, work_start, work_end, dm_channel_id FROM case_prefs "
            "WHERE guild_id = ? AND member_key = ?",
            (guild_id, member_key),
        )
        if row is None:
            return None
        hours = WorkingHours(row["time_zone"], int(row["work_start"]), int(row["work_end"]))
        channel = row["dm_channel_id"]
        return Prefs(hours, None if channel is None else int(channel))

    async def save_prefs(self, guild_id: int, member_key: str, prefs: Prefs, now: dt.datetime) -> None:
        """Store the member's answers (time zone, hours, DM channel or none)."""
        async with self.db.write() as tx:
            await tx.execute(
                "INSERT INTO case_prefs (guild_id, member_key, time_zone, work_start, work_end, dm_channel_id, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, member_key) DO UPDATE SET "
                "time_zone = excluded.time_zone, work_start = excluded.work_start, work_end = excluded.work_end, "
                "dm_channel_id = excluded.dm_channel_id, updated_at = excluded.updated_at",
                (
                    guild_id,
                    member_key,
                    prefs.hours.time_zone,
                    prefs.hours.start,
                    prefs.hours.end,
                    prefs.dm_channel_id,
                    stamp(now),
                ),
            )

    # ------------------------------------------------------------------------------------------------ privacy

    async def export_member(self, guild_id: int, member_key: str) -> list[dict[str, object]]:
        """A member's cases and preferences as plain data, for /privacy export (no keys, no channel id)."""
        out: list[dict[str, object]] = []
        for case in reversed(await self.for_member(guild_id, member_key)):
            out.append(
                {
                    "client_kind": case.archetype,
                    "status": case.status,
                    "amount": None if case.amount is None else str(case.amount),
                    "currency": case.currency,
                    "due_date": None if case.due_date is None else case.due_date.isoformat(),
                    "revisions_used": case.revisions_used,
                    "late_fee_in_contract": case.late_fee,
                    "client_language": case.client_lang,
                    "outcome": case.outcome,
                    "opened_at": stamp(case.opened_at),
                    "closed_at": None if case.closed_at is None else stamp(case.closed_at),
                    "steps": [
                        {
                            "step": s.step_id,
                            "reminded_at": None if s.reminded_at is None else stamp(s.reminded_at),
                            "drafted_at": None if s.sent_at is None else stamp(s.sent_at),
                        }
                        for s in case.steps
                    ],
                }
            )
        prefs = await self.prefs(guild_id, member_key)
        if prefs is not None:
            out.append(
                {
                    "reminder_preferences": {
                        "time_zone": prefs.hours.time_zone,
                        "working_hours": f"{prefs.hours.start}-{prefs.hours.end}",
                        "direct_messages": prefs.dm_channel_id is not None,
                    }
                }
            )
        return out

    async def forget_member(self, guild_id: int, member_key: str) -> int:
        """Erase a member's cases (steps and reminders cascade) and preferences; return how many cases."""
        async with self.db.write() as tx:
            await tx.execute(
                "DELETE FROM case_reminders WHERE case_id IN "
                "(SELECT id FROM cases WHERE guild_id = ? AND member_key = ?)",
                (guild_id, member_key),
            )
            await tx.execute(
                "DELETE FROM case_steps WHERE case_id IN (SELECT id FROM cases WHERE guild_id = ? AND member_key = ?)",
                (guild_id, member_key),
            )
            count = await tx.execute("DELETE FROM cases WHERE guild_id = ? AND member_key = ?", (guild_id, member_key))
            await tx.execute("DELETE FROM case_prefs WHERE guild_id = ? AND member_key = ?", (guild_id, member_key))
        return count

    async def forget_person(self, person_key: str) -> int:
        """Erase the cases and reminder preferences a person keeps outside any server (their DMs)."""
        return await self.forget_member(OUTSIDE_SERVERS, person_key)

    async def forget_guild(self, guild_id: int) -> int:
        """Erase every case of a guild the bot left past the grace period; return how many rows."""
        async with self.db.write() as tx:
            total = await tx.execute(
                "DELETE FROM case_reminders WHERE case_id IN (SELECT id FROM cases WHERE guild_id = ?)", (guild_id,)
            )
            total += await tx.execute(
                "DELETE FROM case_steps WHERE case_id IN (SELECT id FROM cases WHERE guild_id = ?)", (guild_id,)
            )
            total += await tx.execute("DELETE FROM cases WHERE guild_id = ?", (guild_id,))
            total += await tx.execute("DELETE FROM case_prefs WHERE guild_id = ?", (guild_id,))
        return total

    async def purge(self, closed_before: dt.datetime, idle_before: dt.datetime) -> int:
        """Retention: delete cases closed before `closed_before` and open/paused ones untouched since
        `idle_before`; return how many cases went."""
        async with self.db.write() as tx:
            condition = "(status = 'closed' AND closed_at < ?) OR (status != 'closed' AND updated_at < ?)"  # constant
            params = (stamp(closed_before), stamp(idle_before))
            await tx.execute(
                f"DELETE FROM case_reminders WHERE case_id IN (SELECT id FROM cases WHERE {condition})",  # noqa: S608 - constant condition
                params,
            )
            await tx.execute(
                f"DELETE FROM case_steps WHERE case_id IN (SELECT id FROM cases WHERE {condition})",  # noqa: S608 - constant condition
                params,
            )
            return await tx.execute(f"DELETE FROM cases WHERE {condition}", params)  # noqa: S608 - constant condition


#: The key a draft written from a case keeps beside its typed values: "<case id>:<step position>".
CASE_LINK = "@case"


async def case_facts(db: Database, link: str | None, today: dt.date) -> CaseFacts | None:
    """The facts a draft written from a case quotes (None for a draft without a case, or whose case is gone)."""
    if not link:
        return None
    case_part, _, position_part = link.partition(":")
    if not case_part.isdigit() or not position_part.isdigit():
        return None
    case = await CasesRepository(db).get(int(case_part))
    if case is None:
        return None
    position = int(position_part)
    earlier = tuple(
        sorted(s.sent_at.date() for s in case.steps if s.sent_at and s.position < position and s.sent_at.date() < today)
    )
    return CaseFacts(
        due_date=case.due_date,
        overdue_days=days_overdue(case.due_date, today),
        earlier=earlier,
        late_fee=case.late_fee,
        agreed=case.amount,
    )
