"""When a suggestion is due for a decision: ``decide_within`` working days of the policy.

Working days are Monday to Friday, counted in UTC from the day after submission (a
suggestion sent on a Saturday starts its count on Monday). Public holidays count as
working days: they differ by region and by agency, and a digest a day early is better
than an overdue suggestion nobody is told of.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

_WEEKEND = (5, 6)


def due_date(submitted: int, working_days: int) -> date:
    """The last day a suggestion submitted at ``submitted`` (epoch seconds) is on time."""
    day = datetime.fromtimestamp(submitted, UTC).date()
    left = working_days
    while left > 0:
        day += timedelta(days=1)
        if day.weekday() not in _WEEKEND:
            left -= 1
    return day


def is_overdue(submitted: int, working_days: int | None, now: int) -> bool:
    """Whether a suggestion waiting since ``submitted`` is past its ``due_date`` at ``now``."""
    if working_days is None:
        return False
    return datetime.fromtimestamp(now, UTC).date() > due_date(submitted, working_days)
