"""How long a procedure takes, in words, for the panel: only what the guide states.

``time`` entries read "Up to 48 hours", "About 14 months on average", "Usually within 10
working days", "10 to 21 working days", "About 1 year on average", "from when your
documents arrive", in the unit the source says (hours to years, never converted), in the
guide's language with its plural rules; ``time: not stated`` says so; nothing stated says
nothing (never "Same day" or "Up to"). The older ``processing_time`` reads as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape, unescape

from wikitool.locales.catalogues import N_
from wikitool.mkdocs_plugin.display import Display, note_html
from wikitool.mkdocs_plugin.fact_links import NO_LINKS, FactLinks
from wikitool.mkdocs_plugin.guide import GuideFacts, TimeEntry

_TAG_RE = re.compile(r"<[^>]*>")

# One literal call per unit, so the catalogue test finds every label (see display.py).
_AMOUNT: dict[str, Callable[[Display, int], str]] = {
    "hours": lambda d, n: d.plural("{count} hour", "{count} hours", n),
    "days": lambda d, n: d.plural("{count} day", "{count} days", n),
    "working_days": lambda d, n: d.plural("{count} working day", "{count} working days", n),
    "weeks": lambda d, n: d.plural("{count} week", "{count} weeks", n),
    "months": lambda d, n: d.plural("{count} month", "{count} months", n),
    "years": lambda d, n: d.plural("{count} year", "{count} years", n),
}
_RANGE: dict[str, Callable[[Display, int, int], str]] = {
    "hours": lambda d, least, n: d.plural(
        "{least} to {count} hour", "{least} to {count} hours", n, least=d.number(least)
    ),
    "days": lambda d, least, n: d.plural(
        "{least} to {count} day", "{least} to {count} days", n, least=d.number(least)
    ),
    "working_days": lambda d, least, n: d.plural(
        "{least} to {count} working day",
        "{least} to {count} working days",
        n,
        least=d.number(least),
    ),
    "weeks": lambda d, least, n: d.plural(
        "{least} to {count} week", "{least} to {count} weeks", n, least=d.number(least)
    ),
    "months": lambda d, least, n: d.plural(
        "{least} to {count} month", "{least} to {count} months", n, least=d.number(least)
    ),
    "years": lambda d, least, n: d.plural(
        "{least} to {count} year", "{least} to {count} years", n, least=d.number(least)
    ),
}


def time_html(guide: GuideFacts, d: Display, links: FactLinks = NO_LINKS) -> str:
    """The panel's answer to "How long it takes", as HTML, each time with its "Suggest a
    change" link from ``links``; ``""`` when the guide says nothing about it."""
    if guide.time:
        entries = []
        for entry in guide.time:
            words = time_words(entry, d)  # once: its link names it in the same words
            fix = links.link(entry.field, _plain(words)) if links.href else ""
            entries.append(words + note_html(entry.note) + fix)
        if len(entries) == 1:
            return f"<p>{entries[0]}</p>"
        return "<ul>" + "".join(f"<li>{entry}</li>" for entry in entries) + "</ul>"
    topic = N_("How long it takes")
    if guide.time_not_stated:
        fix = links.label_link("time", topic)
        return f'<p class="wt-not-stated">{d.html("Not stated by the agency")}{fix}</p>'
    legacy = guide.processing_time
    if legacy is None:
        return ""
    words = _legacy_words(legacy.min_days, legacy.max_days, d)
    fix = links.label_link("processing_time", topic)
    return f"<p>{words}{note_html(legacy.note)}{fix}</p>"


def time_name(entry: TimeEntry, d: Display) -> str:
    """A time named in plain text, for its link and a report's choice: its words."""
    return _plain(time_words(entry, d))


def _plain(words: str) -> str:
    return unescape(_TAG_RE.sub("", words))


def _legacy_words(min_days: int | None, max_days: int, d: Display) -> str:
    """The older ``processing_time`` in words, read as it always was: ``Same day``, ``Up
    to 21 days``, ``10 to 21 days``, ``21 days`` (a range that is one number)."""
    if min_days is not None and max_days > 0 and min_days >= max_days:
        return _AMOUNT["days"](d, max_days)
    least = min_days if min_days and min_days < max_days else None
    return time_words(TimeEntry(kind="maximum", unit="days", most=max_days, least=least), d)


def time_words(entry: TimeEntry, d: Display) -> str:
    """One time in words, as escaped HTML: "About 14 months on average, from when your
    application arrives"; a maximum of 0 days (or working days) is "Same day"."""
    if entry.kind == "maximum" and entry.least is None and entry.most == 0:
        # Not "Up to 0 days": model 1's same-day time migrates to this (guides/migration.py).
        words = d.html("Same day")
    else:
        words = _duration_words(entry, d)
    if entry.start:
        words = d.html("{time}, from {start}", time=words, start=escape(entry.start))
    return words


def _duration_words(entry: TimeEntry, d: Display) -> str:
    if entry.least is None:
        amount = _AMOUNT[entry.unit](d, entry.most)
    else:
        amount = _RANGE[entry.unit](d, entry.least, entry.most)
    if entry.kind == "typical":
        return d.html("About {duration} on average", duration=amount)
    if entry.kind == "target":
        return d.html("Usually within {duration}", duration=amount)
    if entry.least is None:
        return d.html("Up to {duration}", duration=amount)
    return amount  # "10 to 21 days" is already the longest it takes
