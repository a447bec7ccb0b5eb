"""A guide's ways to apply given as ``channels`` (an open list: e-mail, phone, a
representative, several addresses, an optional online preparation, where to collect the
result) and its ``deadlines``, as typed facts for the page.

Read leniently like the rest of :mod:`wikitool.mkdocs_plugin.guide`: an entry of the wrong
shape is left out, never fatal (``wikitool check`` refuses it before it reaches ``main``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from wikitool.guides.channel_checks import OFFSET_UNITS
from wikitool.guides.situations import read_when
from wikitool.locales.catalogues import N_
from wikitool.mkdocs_plugin.plain_values import (
    https,
    iso_date,
    items,
    placed_mappings,
    text,
    texts,
)

CHANNEL_TYPES = {
    "online": N_("Online"),
    "post": N_("By post"),
    "email": N_("By e-mail"),
    "phone": N_("By phone"),
    "in_person": N_("In person"),
    "representative": N_("Through a representative"),
    "other": N_("Another way"),
}
"""How each channel type is named to readers, in English (translated where shown)."""
ROLES = ("apply", "prepare", "collect")


@dataclass(frozen=True)
class ServiceChannel:
    """One way to apply, to prepare (``role`` ``prepare``, optional) or to collect the
    result (``collect``), with every way to reach it the guide states."""

    id: str
    type: str
    label: str
    role: str = "apply"
    urls: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    where: str = ""
    hours: str = ""
    documents: tuple[str, ...] = ()
    note: str = ""
    when: tuple[str, ...] = ()
    field: str = ""
    """Where it is in the front matter, in the ``changes`` syntax (``channels[0]``)."""


@dataclass(frozen=True)
class Offset:
    """``amount`` ``unit`` (one of ``OFFSET_UNITS``, hours to years) ``direction``
    (before or after) ``event``."""

    amount: int
    unit: str
    direction: str
    event: str


@dataclass(frozen=True)
class Deadline:
    """By when something must be done: a ``date`` or an ``offset`` from a named event;
    ``counts`` says whether it is the date sent (postmarked) or received ("" unstated)."""

    label: str
    date: date | None = None
    offset: Offset | None = None
    counts: str = ""
    channels: tuple[str, ...] = ()
    note: str = ""
    when: tuple[str, ...] = ()
    field: str = ""
    """Where it is in the front matter, in the ``changes`` syntax (``deadlines[0]``)."""


def read_channels(value: Any) -> tuple[ServiceChannel, ...]:
    """The channels of a guide's ``channels`` list, each with a known type and a label."""
    channels = []
    for place, item in placed_mappings(value):
        kind, label = text(item.get("type")), text(item.get("label"))
        if kind not in CHANNEL_TYPES or not label:
            continue
        role = text(item.get("role")) or "apply"
        channels.append(
            ServiceChannel(
                id=text(item.get("id")),
                type=kind,
                label=label,
                role=role if role in ROLES else "apply",
                urls=tuple(u for u in map(https, items(item.get("urls"))) if u),
                addresses=texts(item.get("addresses")),
                emails=texts(item.get("emails")),
                phones=texts(item.get("phones")),
                where=text(item.get("where")),
                hours=text(item.get("hours")),
                documents=texts(item.get("documents")),
                note=text(item.get("note")),
                when=read_when(item),
                field=f"channels[{place}]",
            )
        )
    return tuple(channels)


def read_deadlines(value: Any) -> tuple[Deadline, ...]:
    """The deadlines with a label and exactly one of a real date and a whole offset."""
    deadlines = []
    for place, item in placed_mappings(value):
        label = text(item.get("label"))
        when = iso_date(item.get("date"))
        offset = _offset(item.get("offset"))
        if not label or (when is None) == (offset is None):
            continue
        counts = text(item.get("counts"))
        deadlines.append(
            Deadline(
                label=label,
                date=when,
                offset=offset,
                counts=counts if counts in ("postmarked", "received") else "",
                channels=texts(item.get("channels")),
                note=text(item.get("note")),
                when=read_when(item),
                field=f"deadlines[{place}]",
            )
        )
    return tuple(deadlines)


def _offset(value: Any) -> Offset | None:
    if not isinstance(value, dict):
        return None
    units = [u for u in OFFSET_UNITS if isinstance(value.get(u), int) and value[u] >= 0]
    events = [(d, text(value.get(d))) for d in ("before", "after") if text(value.get(d))]
    if len(units) != 1 or len(events) != 1 or isinstance(value[units[0]], bool):
        return None
    direction, event = events[0]
    return Offset(int(value[units[0]]), units[0], direction, event)
