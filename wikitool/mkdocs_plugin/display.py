"""How values read to a citizen: dates, money and durations in plain English."""

from __future__ import annotations

from datetime import date, datetime

# Symbol and minor-unit digits for the currencies a public service is likely to charge in;
# any other ISO 4217 code is written after the amount ("85.00 CHF").
_CURRENCIES: dict[str, tuple[str, int]] = {
    "EUR": ("€", 2),
    "GBP": ("£", 2),
    "USD": ("$", 2),
    "JPY": ("¥", 0),
}


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_date(value: date | datetime) -> str:
    """``6 October 2026`` (no leading zero, the month spelled out, whatever the locale)."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def time_element(moment: date | datetime) -> str:
    """``<time datetime="2026-10-06">6 October 2026</time>`` for a date or a moment."""
    day = moment.date() if isinstance(moment, datetime) else moment
    return f'<time datetime="{day.isoformat()}">{format_date(day)}</time>'


def format_money(amount: float, currency: str) -> str:
    """``€85.00``, ``¥500``, ``85.00 CHF``; a zero amount is ``Free``."""
    if amount == 0:
        return "Free"
    symbol, digits = _CURRENCIES.get(currency, ("", 2))
    number = f"{amount:,.{digits}f}"
    return f"{symbol}{number}" if symbol else f"{number} {currency}"


def format_days(min_days: int | None, max_days: int) -> str:
    """How long something takes: ``Same day``, ``Up to 21 days``, ``10 to 21 days``."""
    if max_days == 0:
        return "Same day"
    unit = "day" if max_days == 1 else "days"
    if min_days is None or min_days <= 0:
        return f"Up to {max_days} {unit}"
    if min_days >= max_days:
        return f"{max_days} {unit}"
    return f"{min_days} to {max_days} {unit}"


def plural(count: int, one: str, many: str) -> str:
    """``1 improvement``, ``3 improvements``."""
    return f"{count} {one if count == 1 else many}"
