"""Per-client request limits for the intake: generic cell rate algorithm (GCRA).

Each client may send ``per_minute`` requests spread over a minute, and all of them at
once after a quiet minute. GCRA keeps one number per client (the "theoretical arrival
time"), so memory stays small, and a client's entry is dropped once it has been quiet
long enough to be back at a full allowance. The limiter runs on the event loop only
(no locks needed).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

WINDOW_SECONDS = 60.0
MAX_CLIENTS = 100_000
"""Clients tracked at once; beyond that the stalest are forgotten (bounded memory)."""


class RateLimiter:
    """Allow each client ``per_minute`` requests a minute; 0 turns the limit off."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        if per_minute < 0:
            raise ValueError("per_minute must be 0 (off) or more")
        self.per_minute = per_minute
        self._clock = clock
        self._interval = WINDOW_SECONDS / per_minute if per_minute else 0.0
        self._arrival: dict[str, float] = {}
        self._next_sweep = 0.0

    def check(self, client: str) -> float:
        """Count a request from ``client``.

        Returns:
            0 when it is allowed; otherwise the seconds to wait before the next one is.
        """
        if not self.per_minute:
            return 0.0
        now = self._clock()
        self._sweep(now)
        arrival = max(self._arrival.get(client, now), now)
        # Allowed while the backlog (arrival - now) leaves room for one more interval.
        wait = arrival + self._interval - now - WINDOW_SECONDS
        if wait > 0:
            return wait
        self._arrival.pop(client, None)  # re-insert last: dict order is staleness order
        self._arrival[client] = arrival + self._interval
        return 0.0

    def retry_after(self, wait: float) -> int:
        """``wait`` as whole seconds for a ``Retry-After`` header (at least 1)."""
        return max(1, math.ceil(wait))

    def _sweep(self, now: float) -> None:
        if now >= self._next_sweep:
            self._next_sweep = now + WINDOW_SECONDS
            for client in [c for c, t in self._arrival.items() if t <= now]:
                del self._arrival[client]
        while len(self._arrival) >= MAX_CLIENTS:
            del self._arrival[next(iter(self._arrival))]

    def __len__(self) -> int:
        return len(self._arrival)
