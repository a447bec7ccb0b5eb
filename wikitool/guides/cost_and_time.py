"""Checks on what a guide says a procedure costs and how long it takes, beyond the schema:
currencies Babel knows, fee ids and add-ons that name them, a time given one way.

Shapes the schema refuses are skipped here (the schema reports them), so each mistake is
one line.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from wikitool.guides.frontmatter import GuideView
from wikitool.locales.currency import currency_problem
from wikitool.model import Problem
from wikitool.schema import dotted_location

Location = tuple[str | int, ...]


def check_cost_and_time(guide: GuideView) -> list[Problem]:
    """The rules on ``fees`` and ``time`` the schema cannot say."""
    return [*check_fees(guide), *check_time(guide)]


def fee_entries(fees: object) -> Iterator[tuple[Location, dict[str, Any]]]:
    """Every fee of a ``fees`` list with where it is: plain fees and each alternative of
    a ``choose_one`` group (``("fees", 1, "choose_one", 0)``)."""
    if not isinstance(fees, list):
        return
    for index, item in enumerate(fees):
        if not isinstance(item, dict):
            continue
        group = item.get("choose_one")
        if isinstance(group, list):
            for inner, fee in enumerate(group):
                if isinstance(fee, dict):
                    yield ("fees", index, "choose_one", inner), fee
        else:
            yield ("fees", index), item


def check_fees(guide: GuideView) -> list[Problem]:
    """Each currency is an ISO 4217 code Babel knows; fee ids are unique; an ``adds_to``
    names a fee's id; a ``total`` is neither an alternative nor an add-on."""
    problems = []
    entries = list(fee_entries(guide.data().get("fees")))
    ids: dict[str, Location] = {}
    for location, fee in entries:
        currency = fee.get("currency")
        # A code of another shape is the schema's to report ("three capitals").
        if isinstance(currency, str) and len(currency) == 3 and currency.isupper():
            message = currency_problem(currency)
            if message is not None:
                problems.append(_problem(guide, (*location, "currency"), message))
        fee_id = fee.get("id")
        if isinstance(fee_id, str):
            if fee_id in ids:
                used_by = dotted_location(ids[fee_id])
                message = f"the id '{fee_id}' is already used by {used_by}"
                problems.append(_problem(guide, (*location, "id"), message))
            else:
                ids[fee_id] = location
    for location, fee in entries:
        wrong_total = _total_problem(location, fee)
        if wrong_total is not None:
            problems.append(_problem(guide, (*location, "total"), wrong_total))
        target = fee.get("adds_to")
        if isinstance(target, str) and target not in ids:
            message = f"no fee has the id '{target}' (give that fee 'id: {target}')"
            problems.append(_problem(guide, (*location, "adds_to"), message))
        elif isinstance(target, str) and ids[target] == location:
            problems.append(_problem(guide, (*location, "adds_to"), "a fee cannot add to itself"))
    return problems


def _total_problem(location: Location, fee: dict[str, Any]) -> str | None:
    """A total is the sum of the fees around it: never an alternative nor an add-on."""
    if fee.get("total") is not True:
        return None
    if "choose_one" in location:
        return "a total is the sum of the fees, not one of the alternatives to choose from"
    if "adds_to" in fee:
        return "a total is the sum of the fees, not an add-on: give it no adds_to"
    return None


def check_time(guide: GuideView) -> list[Problem]:
    """``time`` is not given beside ``processing_time``; each time entry has a ``value``
    or a ``min`` and a ``max`` (not both), the least first."""
    data = guide.data()
    time = data.get("time")
    problems = []
    if time is not None and data.get("processing_time") is not None:
        message = "give either time or processing_time, not both (time says more)"
        problems.append(_problem(guide, ("time",), message))
    for index, entry in enumerate(time if isinstance(time, list) else []):
        if not isinstance(entry, dict):
            continue
        wrong = _entry_problem(entry)
        if wrong is not None:
            problems.append(_problem(guide, ("time", index), wrong))
    return problems


def _entry_problem(entry: dict[str, Any]) -> str | None:
    has = [key for key in ("value", "min", "max") if key in entry]
    if "value" in has and len(has) > 1:
        return "give either a value or a min and a max, not both"
    if not has:
        return "give a value, or a min and a max"
    if "value" not in has and len(has) == 1:
        missing = "max" if "min" in has else "min"
        return f"a range needs both min and max ({missing} is missing)"
    least, most = entry.get("min"), entry.get("max")
    if isinstance(least, int) and isinstance(most, int) and least >= most:
        return f"min ({least}) must be less than max ({most}); for one number use value"
    return None


def _problem(guide: GuideView, location: Location, message: str) -> Problem:
    line = guide.line_of(list(location))
    return Problem(guide.path, line, f"{dotted_location(location)}: {message}")
