"""Checks on a guide's ways to apply (``apply`` or ``channels``) and its ``deadlines``:
the rules a JSON Schema cannot say in one clear line.

The schema judges each field's shape; these judge how fields agree: one way of giving the
ways to apply, a way to reach every channel, ids that are unique and that deadlines name,
exactly one of a deadline's date and offset. Values the schema refuses are skipped here,
so one mistake is reported once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from wikitool.guides.frontmatter import GuideView
from wikitool.model import Problem

REACH_FIELDS = ("urls", "addresses", "emails", "phones", "where")
"""The fields of a channel that say how to reach it; a channel needs one of them."""
OFFSET_UNITS = ("hours", "days", "weeks", "months", "years")
"""The units a deadline's offset may count in, as the source says it (never bent into
days); the site reads the same tuple (``mkdocs_plugin/ways_to_apply.py``)."""
OFFSET_EVENTS = ("before", "after")
_UNITS_IN_WORDS = ", ".join(OFFSET_UNITS[:-1]) + " or " + OFFSET_UNITS[-1]


def check_ways_to_apply(guide: GuideView) -> list[Problem]:
    """Exactly one of ``apply`` and ``channels``; each channel reachable, ids unique."""
    data = guide.data()
    if "apply" in data and "channels" in data:
        message = "give the ways to apply either as 'apply' or as 'channels', not both"
        return [Problem(guide.path, guide.line_of(["channels"]), message)]
    if "apply" not in data and "channels" not in data:
        message = "missing the ways to apply: add 'channels' (or 'apply')"
        return [Problem(guide.path, guide.line_of([]), message)]
    return _channel_problems(guide, _list(data.get("channels")))


def _channel_problems(guide: GuideView, channels: list[Any]) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for index, channel in enumerate(channels):
        if not isinstance(channel, dict):
            continue
        name = _channel_name(channel, index)
        if not any(_given(channel.get(field)) for field in REACH_FIELDS):
            message = (
                f"channel {name} has no way to reach it: "
                "give urls, addresses, emails, phones or where"
            )
            problems.append(Problem(guide.path, guide.line_of(["channels", index]), message))
        channel_id = channel.get("id")
        if isinstance(channel_id, str):
            if channel_id in seen:
                line = guide.line_of(["channels", index, "id"])
                message = f"channel id '{channel_id}' is used twice: give each channel its own id"
                problems.append(Problem(guide.path, line, message))
            seen.add(channel_id)
    return problems


def check_deadlines(guide: GuideView, today: dt.date, strict: bool = False) -> list[Problem]:
    """Each deadline has a date or an offset (not both), an offset one unit and its event,
    its ``channels`` name declared channels; a date that has passed is a warning (an
    error if ``strict``), as a passed ``review_by`` is."""
    data = guide.data()
    ids = {c.get("id") for c in _list(data.get("channels")) if isinstance(c, dict)}
    problems = []
    for index, deadline in enumerate(_list(data.get("deadlines"))):
        if not isinstance(deadline, dict):
            continue
        at: list[str | int] = ["deadlines", index]
        messages = _deadline_messages(deadline, f"deadlines[{index}]", ids)
        problems += [Problem(guide.path, guide.line_of(at), m) for m in messages]
        when = _as_date(deadline.get("date"))
        if when is not None and when < today:
            problems.append(
                Problem(
                    guide.path,
                    guide.line_of([*at, "date"]),
                    f"deadlines[{index}].date {when} has passed: remove it or set the next date",
                    "error" if strict else "warning",
                )
            )
    return problems


def _deadline_messages(deadline: dict[str, Any], name: str, ids: set[Any]) -> list[str]:
    offset = deadline.get("offset")
    if "date" in deadline and "offset" in deadline:
        return [f"{name} has both a date and an offset: give one of them"]
    if "date" not in deadline and "offset" not in deadline:
        return [f"{name} needs a date or an offset from an event"]
    messages = []
    if isinstance(offset, dict):
        units = [unit for unit in OFFSET_UNITS if unit in offset]
        events = [event for event in OFFSET_EVENTS if event in offset]
        if len(units) != 1:
            messages.append(f"{name}.offset needs one of {_UNITS_IN_WORDS}")
        if len(events) != 1:
            messages.append(
                f"{name}.offset needs its event: 'before: ...' or 'after: ...' "
                "(such as 'after: the date on the letter')"
            )
    for channel in _list(deadline.get("channels")):
        if isinstance(channel, str) and channel not in ids:
            messages.append(f"{name}.channels names '{channel}', which is not a channel's id")
    return messages


def _channel_name(channel: dict[str, Any], index: int) -> str:
    channel_id = channel.get("id")
    return f"'{channel_id}'" if isinstance(channel_id, str) else f"channels[{index}]"


def _given(value: object) -> bool:
    if isinstance(value, list):
        return any(_given(item) for item in value)
    return isinstance(value, str) and bool(value.strip())


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value) if len(value) == 10 else None
        except ValueError:
            return None
    return None
