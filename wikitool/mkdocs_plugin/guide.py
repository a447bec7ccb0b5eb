"""A guide's front matter as typed facts, for the page around it.

``wikitool check`` validates guides against the schema; the site still has to render
whatever reached ``main``, so a field of the wrong shape is left out here, never fatal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from wikitool.guides.situations import Situation, read_situations, read_when
from wikitool.locales.catalogues import N_
from wikitool.locales.currency import is_known_currency
from wikitool.mkdocs_plugin.plain_values import https as _https
from wikitool.mkdocs_plugin.plain_values import iso_date as _date
from wikitool.mkdocs_plugin.plain_values import items as _list
from wikitool.mkdocs_plugin.plain_values import mappings as _mappings
from wikitool.mkdocs_plugin.plain_values import number as _number
from wikitool.mkdocs_plugin.plain_values import placed_mappings as _placed
from wikitool.mkdocs_plugin.plain_values import text as _text
from wikitool.mkdocs_plugin.ways_to_apply import (
    Deadline,
    ServiceChannel,
    read_channels,
    read_deadlines,
)

NOT_STATED = "not stated"
"""What ``fees`` or ``time`` says when the source does not state it."""

CHANNEL_NAMES = {"online": N_("Online"), "in_person": N_("In person"), "by_post": N_("By post")}
"""How each way to apply (``apply`` in the front matter) is named to readers, in English:
translated where it is shown (``Display._``)."""


@dataclass(frozen=True)
class Fee:
    """One fee: ``label``, ``amount`` in ``currency`` (ISO 4217), optional ``note``;
    ``id`` names it, and ``adds_to`` names the fee it is paid on top of (an add-on);
    ``total`` says it is the sum of the others, as the source states it."""

    label: str
    amount: float
    currency: str
    note: str = ""
    id: str = ""
    adds_to: str = ""
    when: tuple[str, ...] = ()
    total: bool = False
    field: str = ""
    """Where it is in the front matter, in the ``changes`` syntax (``fees[1]``)."""


@dataclass(frozen=True)
class FeeChoice:
    """Alternatives (``choose_one``): the reader pays one of ``options``."""

    options: tuple[Fee, ...]
    note: str = ""
    when: tuple[str, ...] = ()


FeeItem = Fee | FeeChoice


@dataclass(frozen=True)
class Document:
    """Something to bring or send."""

    name: str
    required: bool = True
    note: str = ""
    when: tuple[str, ...] = ()
    field: str = ""
    """Where it is in the front matter, in the ``changes`` syntax (``documents[0]``)."""


@dataclass(frozen=True)
class Condition:
    """One condition of who can apply, perhaps only in some situations (``when``)."""

    text: str
    when: tuple[str, ...] = ()
    field: str = ""
    """Where it is in the front matter, in the ``changes`` syntax (``eligibility[0]``)."""


@dataclass(frozen=True)
class ProcessingTime:
    """How long the procedure takes, in calendar days."""

    max_days: int
    min_days: int | None = None
    note: str = ""


@dataclass(frozen=True)
class TimeEntry:
    """One time the source states: ``value`` or ``least`` to ``most`` ``unit`` (one of
    ``TIME_UNITS``, ``hours`` to ``years``) of a ``kind`` (``maximum``, ``typical``,
    ``target``), from what starts the clock (``start``)."""

    kind: str
    unit: str
    most: int
    least: int | None = None
    start: str = ""
    note: str = ""
    when: tuple[str, ...] = ()
    field: str = ""
    """Where it is in the front matter, in the ``changes`` syntax (``time[0]``)."""


TIME_KINDS = ("maximum", "typical", "target")
TIME_UNITS = ("hours", "days", "working_days", "weeks", "months", "years")


@dataclass(frozen=True)
class Channel:
    """A way to apply: ``kind`` is ``online``, ``in_person`` or ``by_post``.

    ``detail`` is the web address, the place or the postal address.
    """

    kind: str
    detail: str
    note: str = ""
    field: str = ""
    """Where it is in the front matter, in the ``changes`` syntax (``apply.online``)."""


@dataclass(frozen=True)
class Law:
    """A law or regulation the procedure rests on (``url`` only if it is https)."""

    title: str
    url: str = ""


@dataclass(frozen=True)
class Source:
    """An official page the guide's facts come from (``url`` only if it is https), and
    when it was last read."""

    title: str
    url: str = ""
    seen: date | None = None


@dataclass(frozen=True)
class GuideFacts:
    """What a reader needs at a glance, from a guide's front matter."""

    title: str
    summary: str = ""
    agency: str = ""
    owner: str = ""
    publisher: str = ""
    """Who writes and checks the guide ("" when the agency does)."""
    last_reviewed: date | None = None
    review_by: date | None = None
    fees: tuple[FeeItem, ...] | None = None
    """``()`` means free; ``None`` means the guide does not say (see ``fees_not_stated``)."""
    fees_not_stated: bool = False
    """The guide says the source does not state the cost (``fees: not stated``)."""
    processing_time: ProcessingTime | None = None
    time: tuple[TimeEntry, ...] = ()
    """How long it takes, as the source says it (``time``); ``()`` says nothing."""
    time_not_stated: bool = False
    """The guide says the source does not state how long it takes (``time: not stated``)."""
    documents: tuple[Document, ...] = ()
    eligibility: tuple[Condition, ...] = ()
    apply: tuple[Channel, ...] = ()
    channels: tuple[ServiceChannel, ...] = ()
    """The ways to apply given as ``channels`` (a guide gives them or ``apply``)."""
    deadlines: tuple[Deadline, ...] = ()
    legal_basis: tuple[Law, ...] = ()
    tags: tuple[str, ...] = field(default=())
    sources: tuple[Source, ...] = ()
    lang: str = ""
    """The guide's language as written (a BCP 47 tag; ``Display.of`` judges it)."""
    situations: tuple[Situation, ...] = ()
    """The situations the guide declares; items limited to some carry ``when``."""

    @classmethod
    def from_data(cls, data: dict[str, Any], fallback_title: str) -> GuideFacts:
        """Read the facts from plain front matter data, skipping malformed fields."""
        return cls(
            title=_text(data.get("title")) or fallback_title,
            summary=_text(data.get("summary")),
            agency=_text(data.get("agency")),
            owner=_text(data.get("owner")),
            publisher=_text(data.get("publisher")),
            last_reviewed=_date(data.get("last_reviewed")),
            review_by=_date(data.get("review_by")),
            fees=_fees(data.get("fees")),
            fees_not_stated=data.get("fees") == NOT_STATED,
            processing_time=_processing_time(data.get("processing_time")),
            time=_time(data.get("time")),
            time_not_stated=data.get("time") == NOT_STATED,
            documents=tuple(
                Document(
                    _text(d.get("name")),
                    d.get("required") is not False,
                    _text(d.get("note")),
                    read_when(d),
                    f"documents[{place}]",
                )
                for place, d in _placed(data.get("documents"))
                if _text(d.get("name"))
            ),
            eligibility=_conditions(data.get("eligibility")),
            apply=_channels(data.get("apply")),
            channels=read_channels(data.get("channels")),
            deadlines=read_deadlines(data.get("deadlines")),
            legal_basis=tuple(
                Law(_text(law.get("title")), _https(law.get("url")))
                for law in _mappings(data.get("legal_basis"))
                if _text(law.get("title"))
            ),
            tags=tuple(t for t in map(_text, _list(data.get("tags"))) if t),
            sources=tuple(
                Source(_text(s.get("title")), _https(s.get("url")), _date(s.get("seen")))
                for s in _mappings(data.get("sources"))
                if _text(s.get("title"))
            ),
            lang=_text(data.get("lang")),
            situations=read_situations(data),
        )

    @property
    def checked_by(self) -> str:
        """Who checks the guide, as the page names them: the publisher, else the agency."""
        return self.publisher or self.agency

    def review_overdue(self, today: date) -> bool:
        """Whether the date by which the guide had to be checked again has passed."""
        return self.review_by is not None and self.review_by < today


def _fees(value: Any) -> tuple[FeeItem, ...] | None:
    if value == "free":
        return ()
    if not isinstance(value, list):
        return None
    fees: list[FeeItem] = []
    for place, item in _placed(value):
        if isinstance(item.get("choose_one"), list):
            options = tuple(
                f
                for option, fee_item in _placed(item["choose_one"])
                if (f := _fee(fee_item, f"fees[{place}].choose_one[{option}]"))
            )
            if options:
                fees.append(FeeChoice(options, _text(item.get("note")), read_when(item)))
            continue
        fee = _fee(item, f"fees[{place}]")
        if fee is not None:
            fees.append(fee)
    # A list of nothing but malformed fees says nothing; only an empty list means free.
    return tuple(fees) if fees or not value else None


def _fee(item: dict[str, Any], field: str) -> Fee | None:
    amount = _number(item.get("amount"))
    currency = _text(item.get("currency")).upper()
    if amount is None or not is_known_currency(currency):
        return None
    return Fee(
        _text(item.get("label")),
        amount,
        currency,
        _text(item.get("note")),
        _text(item.get("id")),
        _text(item.get("adds_to")),
        read_when(item),
        item.get("total") is True,
        field,
    )


def every_fee(fees: tuple[FeeItem, ...] | None) -> tuple[Fee, ...]:
    """Each fee of a guide, the alternatives of a ``choose_one`` group included."""
    return tuple(
        fee
        for item in fees or ()
        for fee in (item.options if isinstance(item, FeeChoice) else (item,))
    )


def _time(value: Any) -> tuple[TimeEntry, ...]:
    entries = []
    for place, item in _placed(value):
        kind, unit = _text(item.get("kind")), _text(item.get("unit"))
        if kind not in TIME_KINDS or unit not in TIME_UNITS:
            continue
        single, least, most = (_whole(item.get(key)) for key in ("value", "min", "max"))
        if single is not None:
            least, most = None, single
        elif least is None or most is None or least >= most:
            continue
        entries.append(
            TimeEntry(
                kind,
                unit,
                most,
                least,
                _text(item.get("from")),
                _text(item.get("note")),
                read_when(item),
                f"time[{place}]",
            )
        )
    return tuple(entries)


def _conditions(value: Any) -> tuple[Condition, ...]:
    conditions = []
    for place, item in enumerate(_list(value)):
        if isinstance(item, dict):
            condition = Condition(_text(item.get("text")), read_when(item), f"eligibility[{place}]")
        else:
            condition = Condition(_text(item), field=f"eligibility[{place}]")
        if condition.text:
            conditions.append(condition)
    return tuple(conditions)


def _whole(value: Any) -> int | None:
    number = _number(value)
    # A whole, finite number: the schema's "integer" (an infinity has no int()).
    if number is None or not math.isfinite(number) or number != int(number):
        return None
    return int(number)


def _processing_time(value: Any) -> ProcessingTime | None:
    if not isinstance(value, dict):
        return None
    max_days = _number(value.get("max_days"))
    if max_days is None:
        return None
    min_days = _number(value.get("min_days"))
    return ProcessingTime(
        int(max_days), None if min_days is None else int(min_days), _text(value.get("note"))
    )


_CHANNEL_FIELDS = (("online", "url"), ("in_person", "where"), ("by_post", "address"))


def _channels(value: Any) -> tuple[Channel, ...]:
    if not isinstance(value, dict):
        return ()
    channels = []
    for kind, detail_key in _CHANNEL_FIELDS:
        item = value.get(kind)
        if not isinstance(item, dict):
            continue
        detail = _https(item.get(detail_key)) if kind == "online" else _text(item.get(detail_key))
        if detail or kind == "online":
            channels.append(Channel(kind, detail, _text(item.get("note")), f"apply.{kind}"))
    return tuple(channels)
