"""What the community learned, as aggregates safe to show: /stats (issue 23, part 4).

Only counts leave the database, and a count below MIN_CELL is never shown as such: a chart cell of 1 or 2 could
single someone out ("the only non-payer story in March"). Small cells are either suppressed (client types, advice:
left out, with a note) or shown as "fewer than k" (monthly totals, whose month everyone can see anyway).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

#: The smallest count shown as a number (k-anonymity of each chart cell).
MIN_CELL = 5
#: Months the chart covers, the current one included.
MONTHS = 6
#: Client types drawn per month, the most frequent first (the rest: "other", if it is itself large enough).
TOP_TYPES = 5
#: Advice items in the "it worked" panel.
TOP_ADVICE = 5
OTHER = "other"
TOTALS = ("stories_shared", "stories_published", "tips_shared", "tips_published")


def months_until(now: dt.datetime, count: int = MONTHS) -> tuple[str, ...]:
    """The last `count` months ("2026-01"), oldest first, ending with `now`'s UTC month."""
    year, month = now.astimezone(dt.UTC).year, now.astimezone(dt.UTC).month
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return tuple(reversed(out))


def shown(n: int, k: int = MIN_CELL) -> int | None:
    """A count as it may be shown: itself when at least k, else None ("fewer than k")."""
    return n if n >= k else None


@dataclass(frozen=True, slots=True)
class Cell:
    """A chart cell: its count, or None when it is below k (shown as "fewer than k")."""

    label: str
    n: int | None


@dataclass(frozen=True, slots=True)
class QueueHealth:
    """How long items wait for moderators (moderators only), in hours."""

    waiting: int
    median_wait_h: float | None
    longest_wait_h: float | None
    median_decision_h: float | None  # over items decided in the last 30 days


@dataclass(frozen=True, slots=True)
class CommunityStats:
    """Everything /stats draws, already k-anonymised."""

    months: tuple[str, ...]
    types: tuple[str, ...]  # the client types drawn (ids, OTHER last), the most frequent first
    client_types: Mapping[str, tuple[Cell, ...]]  # month -> one cell per drawn type, in `types` order
    worked: tuple[Cell, ...]  # advice item id -> members who said it worked, most first (k or more only)
    totals: Mapping[str, tuple[Cell, ...]]  # TOTALS name -> one cell per month
    suppressed: int = 0  # client-type cells left out because they were below k
    health: QueueHealth | None = None
    k: int = MIN_CELL
    empty: bool = False  # no cell reaches k: the chart only says so


def build(
    months: tuple[str, ...],
    client_types: Iterable[tuple[str, str, int]],
    worked: Iterable[tuple[str, int]],
    totals: Mapping[str, Mapping[str, int]],
    *,
    health: QueueHealth | None = None,
    k: int = MIN_CELL,
) -> CommunityStats:
    """Turn raw aggregates into what may be shown: small cells suppressed or marked, the top types chosen."""
    per_month: dict[str, dict[str, int]] = {m: {} for m in months}
    overall: dict[str, int] = {}
    for month, item, n in client_types:
        if month in per_month and n > 0:
            per_month[month][item] = per_month[month].get(item, 0) + n
            overall[item] = overall.get(item, 0) + n
    # Drawn: the most frequent types that reach k in at least one month; the rest may make "other".
    drawable = {item for counts in per_month.values() for item, n in counts.items() if n >= k}
    top = [item for item, _ in sorted(overall.items(), key=lambda p: (-p[1], p[0])) if item in drawable][:TOP_TYPES]
    suppressed = 0
    cells: dict[str, list[Cell]] = {}
    with_other = False
    for month in months:
        counts = per_month[month]
        row = []
        for item in top:
            n = counts.get(item, 0)
            if 0 < n < k:
                suppressed += 1
            row.append(Cell(item, n if n >= k else 0))
        rest = sum(n for item, n in counts.items() if item not in top)
        if rest >= k:
            with_other = True
        elif rest:
            suppressed += 1
        row.append(Cell(OTHER, rest if rest >= k else 0))
        cells[month] = row
    types = (*top, OTHER) if with_other else tuple(top)
    client = {m: tuple(c for c in cells[m] if c.label in types) for m in months}
    best = sorted(((item, n) for item, n in worked if n >= k), key=lambda p: (-p[1], p[0]))[:TOP_ADVICE]
    total_cells = {name: tuple(Cell(m, shown(totals.get(name, {}).get(m, 0), k)) for m in months) for name in TOTALS}
    nothing = not any(c.n for row in client.values() for c in row) and not best
    nothing = nothing and not any(c.n for row in total_cells.values() for c in row)
    return CommunityStats(
        months=months,
        types=types,
        client_types=client,
        worked=tuple(Cell(item, n) for item, n in best),
        totals=total_cells,
        suppressed=suppressed,
        health=health,
        k=k,
        empty=nothing,
    )


def queue_health(waiting_since: Iterable[dt.datetime], decided: Iterable[float], now: dt.datetime) -> QueueHealth:
    """Waiting times now (from when each item arrived) and the median time to a decision (hours)."""
    waits = [(now - since).total_seconds() / 3600 for since in waiting_since]
    took = list(decided)
    return QueueHealth(
        waiting=len(waits),
        median_wait_h=statistics.median(waits) if waits else None,
        longest_wait_h=max(waits) if waits else None,
        median_decision_h=statistics.median(took) if took else None,
    )
