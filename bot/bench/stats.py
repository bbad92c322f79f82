"""Small measuring helpers shared by the bench sections: percentiles, timers, memory, the machine."""

from __future__ import annotations

import math
import os
import platform
import time
from collections.abc import Callable, Sequence
from typing import Any


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation; NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    if len(ordered) == 1:
        return float(ordered[0])
    pos = (len(ordered) - 1) * q / 100.0
    low = math.floor(pos)
    high = min(low + 1, len(ordered) - 1)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (pos - low))


def ms(seconds: float) -> float:
    """Seconds to milliseconds, rounded for the report."""
    return round(seconds * 1000.0, 3)


def ratio(numerator: float, denominator: float) -> float | None:
    """A rounded ratio, None when it cannot be computed (a zero or missing baseline)."""
    if not denominator or math.isnan(denominator) or math.isnan(numerator):
        return None
    return round(numerator / denominator, 3)


def time_calls(fn: Callable[[Any], Any], inputs: Sequence[Any], *, repeat: int = 1) -> list[float]:
    """Seconds each call of `fn(x)` took, for every input, `repeat` times over (same loop for every figure)."""
    clock = time.perf_counter
    out: list[float] = []
    for _ in range(repeat):
        for value in inputs:
            started = clock()
            fn(value)
            out.append(clock() - started)
    return out


def rss_mb() -> float:
    """This process's resident memory now, in MiB (VmRSS; 0 where /proc is missing)."""
    return _status_kb("VmRSS") / 1024.0


def peak_rss_mb() -> float:
    """This process's peak resident memory, in MiB (VmHWM)."""
    return _status_kb("VmHWM") / 1024.0


def _status_kb(field: str) -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return float(line.split()[1])
    except OSError:
        pass
    return 0.0


def machine() -> dict[str, Any]:
    """What the figures were measured on: CPUs, CPU model, RAM, Python and SQLite versions."""
    import sqlite3

    return {
        "nproc": os.cpu_count(),
        "cpu": _cpu_model(),
        "ram_gb": round(_meminfo_kb("MemTotal") / 1024 / 1024, 1),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(terse=True),
    }


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _meminfo_kb(field: str) -> float:
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return float(line.split()[1])
    except OSError:
        pass
    return 0.0
