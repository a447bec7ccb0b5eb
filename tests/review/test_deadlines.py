"""``decide_within``: working days, Monday to Friday, counted from the day after submission."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from wikitool.review.deadlines import due_date, is_overdue


def _at(day: str, hour: int = 12) -> int:
    return int(datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC).timestamp())


@pytest.mark.parametrize(
    ("submitted", "days", "due"),
    [
        ("2026-12-07", 5, "2026-12-14"),  # Monday -> next Monday
        ("2026-12-11", 1, "2026-12-14"),  # Friday -> Monday
        ("2026-12-12", 1, "2026-12-14"),  # Saturday -> Monday
        ("2026-12-13", 5, "2026-12-18"),  # Sunday -> Friday
        ("2026-12-09", 10, "2026-12-23"),
    ],
)
def test_the_due_date_skips_weekends(submitted: str, days: int, due: str) -> None:
    assert due_date(_at(submitted), days) == date.fromisoformat(due)


def test_overdue_from_the_day_after_the_due_date() -> None:
    monday = _at("2026-12-07", hour=23)
    assert not is_overdue(monday, 5, _at("2026-12-14", hour=23))
    assert is_overdue(monday, 5, _at("2026-12-15", hour=0))
    assert not is_overdue(monday, None, _at("2027-12-15"))
