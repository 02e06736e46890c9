"""Drafting progress from the engine's per-batch callback: sentences done, sentences per second, time left."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Throughput:
    """Measures a drafting call from its first report; `label(done, total)` is the progress line's text."""

    clock: Callable[[], float] = time.monotonic
    started: float | None = field(default=None, init=False)

    def start(self) -> None:
        """Start the clock (when the engine begins; else at the first report)."""
        self.started = self.clock()

    def rate(self, done: int) -> float | None:
        """Sentences per second so far, or None before any time has passed."""
        if self.started is None:
            self.start()
        elapsed = self.clock() - self.started  # type: ignore[operator]
        return done / elapsed if done and elapsed > 0 else None

    def label(self, done: int, total: int) -> str:
        """E.g. "drafted 640/2,000 sentences, 35.2 sentences/s, 0:39 left"."""
        rate = self.rate(done)
        text = f"drafted {done:,}/{total:,} sentences"
        if rate is None:
            return text
        return f"{text}, {rate:.1f} sentences/s, {_clock_time((total - done) / rate)} left"


def _clock_time(seconds: float) -> str:
    """0:39, 12:05, 3:02:11."""
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
