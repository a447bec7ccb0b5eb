"""The panel's ways to apply given as ``channels``, and its "Deadlines" row, in the
guide's language: every value escaped here, every label asked of ``Display``."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from wikitool.mkdocs_plugin.display import Display
from wikitool.mkdocs_plugin.fact_links import NO_LINKS, FactLinks
from wikitool.mkdocs_plugin.ways_to_apply import (
    CHANNEL_TYPES,
    Deadline,
    Offset,
    ServiceChannel,
)

_NOT_DIALLED = re.compile(r"[^+0-9]")


def render_channels(
    channels: tuple[ServiceChannel, ...], d: Display, links: FactLinks = NO_LINKS
) -> list[str]:
    """One list item's HTML for each channel: what it is, its "Suggest a change" link
    from ``links``, then how to reach it."""
    return [_channel(channel, d, links) for channel in channels]


def render_deadlines(
    deadlines: tuple[Deadline, ...],
    channels: tuple[ServiceChannel, ...],
    d: Display,
    links: FactLinks = NO_LINKS,
) -> list[str]:
    """One list item's HTML for each deadline, in words: ``Register to vote: 28 days
    before election day, postmarked``, then the ways to apply it is for, then its
    "Suggest a change" link from ``links``."""
    labels = {channel.id: channel.label for channel in channels if channel.id}
    entries = []
    for deadline in deadlines:
        item = d.html(
            "{name}: {detail}",
            name=f"<strong>{escape(deadline.label)}</strong>",
            detail=deadline_words(deadline, d),
        )
        ways = [labels[i] for i in deadline.channels if i in labels]
        if ways:
            only = d.html("Only for: {ways}", ways=escape(", ".join(ways)))
            item += f' <span class="wt-note">{only}</span>'
        if deadline.note:
            item += f' <span class="wt-note">{escape(deadline.note)}</span>'
        entries.append(item + links.link(deadline.field, deadline.label))
    return entries


def deadline_words(deadline: Deadline, d: Display) -> str:
    """``28 days before election day, postmarked``, ``By 31 March 2027 (received)``: HTML."""
    if deadline.date is not None:
        day = d.time_element(deadline.date)
        if deadline.counts == "received":
            return d.html("By {date} (received)", date=day)
        if deadline.counts == "postmarked":
            return d.html("By {date} (postmarked)", date=day)
        return d.html("By {date}", date=day)
    if deadline.offset is None:
        return ""
    words = _offset_words(deadline.offset, d)
    if deadline.counts == "received":
        return d.html("{deadline}, received", deadline=words)
    if deadline.counts == "postmarked":
        return d.html("{deadline}, postmarked", deadline=words)
    return words


def _offset_words(offset: Offset, d: Display) -> str:
    """``72 hours after you arrive``: said as stated, never worked out into a date (the
    event is words, so there is nothing to count from)."""
    words = _BEFORE if offset.direction == "before" else _AFTER
    return words[offset.unit](d, offset.amount, escape(offset.event))


# Each phrase whole, so every language may order the number and the event its own way;
# one literal call per unit, so the catalogue test finds every label (see display.py).
_BEFORE: dict[str, Callable[[Display, int, str], str]] = {
    "hours": lambda d, n, event: d.plural(
        "{count} hour before {event}", "{count} hours before {event}", n, event=event
    ),
    "days": lambda d, n, event: d.plural(
        "{count} day before {event}", "{count} days before {event}", n, event=event
    ),
    "weeks": lambda d, n, event: d.plural(
        "{count} week before {event}", "{count} weeks before {event}", n, event=event
    ),
    "months": lambda d, n, event: d.plural(
        "{count} month before {event}", "{count} months before {event}", n, event=event
    ),
    "years": lambda d, n, event: d.plural(
        "{count} year before {event}", "{count} years before {event}", n, event=event
    ),
}
_AFTER: dict[str, Callable[[Display, int, str], str]] = {
    "hours": lambda d, n, event: d.plural(
        "{count} hour after {event}", "{count} hours after {event}", n, event=event
    ),
    "days": lambda d, n, event: d.plural(
        "{count} day after {event}", "{count} days after {event}", n, event=event
    ),
    "weeks": lambda d, n, event: d.plural(
        "{count} week after {event}", "{count} weeks after {event}", n, event=event
    ),
    "months": lambda d, n, event: d.plural(
        "{count} month after {event}", "{count} months after {event}", n, event=event
    ),
    "years": lambda d, n, event: d.plural(
        "{count} year after {event}", "{count} years after {event}", n, event=event
    ),
}


def _channel(channel: ServiceChannel, d: Display, links: FactLinks) -> str:
    kind = d._(CHANNEL_TYPES[channel.type])
    if channel.role == "prepare":
        prepare = (
            d.html("Optional: prepare online")
            if channel.type == "online"
            else d.html("Optional: prepare first")
        )
        role = f'<span class="wt-channel__role">{prepare}</span> '
    elif channel.role == "collect":
        role = f'<span class="wt-channel__role">{d.html("Collect your result")}</span> '
    else:
        role = ""
    name = d.html(CHANNEL_TYPES[channel.type])
    if channel.label.casefold() != kind.casefold():
        name = d.html("{name}: {detail}", name=name, detail=escape(channel.label))
    details = [escape(address) for address in channel.addresses]
    if channel.where:
        details.append(escape(channel.where))
    details += [f'<a href="{escape(url)}">{escape(_shown_url(url))}</a>' for url in channel.urls]
    details += [f'<a href="mailto:{escape(mail)}">{escape(mail)}</a>' for mail in channel.emails]
    details += [_phone(phone) for phone in channel.phones]
    if channel.hours:
        details.append(d.html("Opening hours: {hours}", hours=escape(channel.hours)))
    if channel.documents:
        documents = escape("; ".join(channel.documents))
        details.append(d.html("Documents for this way: {documents}", documents=documents))
    body = "".join(f"<li>{detail}</li>" for detail in details)
    note = f' <span class="wt-note">{escape(channel.note)}</span>' if channel.note else ""
    listed = f'<ul class="wt-channel__ways">{body}</ul>' if body else ""
    fix = links.link(channel.field, channel.label)
    return f"{role}<strong>{name}</strong>{note}{fix}{listed}"


def _phone(phone: str) -> str:
    return f'<a href="tel:{escape(_NOT_DIALLED.sub("", phone))}">{escape(phone)}</a>'


def _shown_url(url: str) -> str:
    """A web address as readers read it: without ``https://`` and a trailing slash."""
    return url.removeprefix("https://").rstrip("/")
