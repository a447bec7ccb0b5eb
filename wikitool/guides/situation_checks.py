"""Checks on a guide's situations and on what model 2 no longer says the model-1 way.

Every ``when`` must name a situation the guide declares: an undeclared id would hide the
item from every reader who picks a situation. A model-2 guide says its time as ``time``
and its ways to apply as ``channels``; ``fees: []`` said "free" by accident in model 1 and
is refused in model 2, where "free" is said in words.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from wikitool.guides.cost_and_time import Location, fee_entries
from wikitool.guides.frontmatter import GuideView
from wikitool.guides.model_version import MODEL_KEY
from wikitool.guides.situations import SITUATIONS_KEY, WHEN_KEY, read_situations
from wikitool.model import Problem
from wikitool.schema import dotted_location

# The lists whose items may carry `when`, besides fees (whose alternatives nest).
_LISTS_WITH_WHEN = ("time", "documents", "eligibility", "channels", "deadlines")

# Model-1 fields and what model 2 says instead.
_MODEL_1_ONLY = {
    "processing_time": "processing_time is model 1: say it as time (migrate does it)",
    "apply": "apply is model 1: list the ways to apply as channels (migrate does it)",
}


def check_situations(guide: GuideView) -> list[Problem]:
    """Each ``when`` names only situations the guide declares, by line."""
    data = guide.data()
    declared = {situation.id for situation in read_situations(data)}
    problems = []
    for location, item in items_with_when(data):
        when = item.get(WHEN_KEY)
        if not isinstance(when, list):
            continue  # the schema reports a `when` of another shape
        for index, name in enumerate(when):
            if isinstance(name, str) and name not in declared:
                where = (*location, WHEN_KEY, index)
                problems.append(_problem(guide, where, undeclared_situation(name, declared)))
    return problems


def items_with_when(data: dict[str, Any]) -> Iterator[tuple[Location, dict[str, Any]]]:
    """Every front-matter item that may carry ``when``, with where it is."""
    fees = data.get("fees")
    if isinstance(fees, list):
        for index, item in enumerate(fees):
            if isinstance(item, dict) and "choose_one" in item:
                yield ("fees", index), item  # the group itself may be limited
    yield from fee_entries(fees)
    for key in _LISTS_WITH_WHEN:
        value = data.get(key)
        if isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    yield (key, index), item


def check_model_2(guide: GuideView) -> list[Problem]:
    """A model-2 guide uses model 2's fields: no ``processing_time``, ``apply`` or
    ``fees: []``."""
    data = guide.data()
    if data.get(MODEL_KEY) != 2:
        return []
    problems = [
        _problem(guide, (key,), message) for key, message in _MODEL_1_ONLY.items() if key in data
    ]
    if data.get("fees") == []:
        message = "an empty list says nothing: write 'fees: free', or 'fees: not stated'"
        problems.append(_problem(guide, ("fees",), message))
    return problems


def undeclared_situation(name: str, declared: set[str]) -> str:
    """Why ``name`` cannot be used in a ``when``, naming the situations there are."""
    if not declared:
        return f"'{name}' is not a situation: the guide declares none (add {SITUATIONS_KEY}:)"
    known = ", ".join(sorted(declared))
    return f"'{name}' is not one of the guide's situations ({known})"


def _problem(guide: GuideView, location: Location, message: str) -> Problem:
    line = guide.line_of(list(location))
    return Problem(guide.path, line, f"{dotted_location(location)}: {message}")
