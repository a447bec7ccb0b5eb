"""The per-client limiter: a burst of ``per_minute``, then one request per interval."""

from __future__ import annotations

import pytest

from wikitool.intake import rate_limit
from wikitool.intake.rate_limit import RateLimiter


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_a_full_minute_of_requests_may_come_at_once_then_one_per_interval(clock: Clock) -> None:
    limiter = RateLimiter(6, clock)  # one every 10 s

    assert [limiter.check("a") for _ in range(6)] == [0.0] * 6
    assert limiter.check("a") == pytest.approx(10.0)
    clock.now += 9.9
    assert limiter.check("a") == pytest.approx(0.1)
    clock.now += 0.1
    assert limiter.check("a") == 0.0
    assert limiter.check("a") == pytest.approx(10.0)


def test_a_refused_request_does_not_use_up_allowance(clock: Clock) -> None:
    limiter = RateLimiter(1, clock)
    assert limiter.check("a") == 0.0
    for _ in range(100):
        assert limiter.check("a") > 0
    clock.now += 60
    assert limiter.check("a") == 0.0


def test_clients_are_counted_apart(clock: Clock) -> None:
    limiter = RateLimiter(1, clock)
    assert limiter.check("a") == 0.0
    assert limiter.check("a") > 0
    assert limiter.check("b") == 0.0


def test_zero_is_no_limit(clock: Clock) -> None:
    limiter = RateLimiter(0, clock)
    assert {limiter.check("a") for _ in range(10_000)} == {0.0}
    assert len(limiter) == 0


@pytest.mark.parametrize(("wait", "header"), [(0.01, 1), (1.0, 1), (1.2, 2), (19.5, 20)])
def test_retry_after_is_whole_seconds_rounded_up(wait: float, header: int) -> None:
    assert RateLimiter(1).retry_after(wait) == header


def test_quiet_clients_are_forgotten(clock: Clock) -> None:
    limiter = RateLimiter(60, clock)
    for n in range(1000):
        limiter.check(f"client-{n}")
    assert len(limiter) == 1000
    clock.now += 61
    limiter.check("late")
    assert len(limiter) == 1


def test_memory_is_bounded_under_a_flood_of_addresses(
    clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rate_limit, "MAX_CLIENTS", 100)
    limiter = RateLimiter(1, clock)
    for n in range(1000):
        assert limiter.check(f"client-{n}") == 0.0
    assert len(limiter) == 100


def test_a_negative_limit_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="per_minute must be 0"):
        RateLimiter(-1)
