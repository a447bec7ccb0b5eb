"""The at-a-glance panel: what it costs, how long it takes, who can apply, what to
bring, how to apply, the legal basis and the sources of these facts, rendered from a
guide's front matter.

Rendered here rather than in a template because MkDocs' Jinja does not autoescape:
every value goes through :func:`html.escape` in this one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from wikitool.mkdocs_plugin.display import Display, note_html
from wikitool.mkdocs_plugin.fact_links import NO_LINKS, FactLinks
from wikitool.mkdocs_plugin.guide import (
    CHANNEL_NAMES,
    Channel,
    Condition,
    Document,
    GuideFacts,
    Source,
)
from wikitool.mkdocs_plugin.panel_channels import render_channels, render_deadlines
from wikitool.mkdocs_plugin.panel_fees import fees_html
from wikitool.mkdocs_plugin.panel_situations import situation_picker, situation_sections
from wikitool.mkdocs_plugin.panel_time import time_html
from wikitool.mkdocs_plugin.situation_facts import in_situation


def render_panel(
    guide: GuideFacts, display: Display | None = None, links: FactLinks = NO_LINKS
) -> str:
    """The panel's HTML in ``display``'s language (by default the guide's own), or
    ``""`` when the guide gives none of its facts; each fact followed by its "Suggest a
    change" link from ``links``.

    A guide with situations gets the situation picker, its common facts, then one
    section per situation answering whole each question whose answer depends on it
    (``panel_situations``)."""
    d = display or Display.of(guide.lang)
    answers = _answers(guide, d, links)
    provenance = [
        (d.html("Legal basis"), _list(_law_link(law.title, law.url) for law in guide.legal_basis)),
        (d.html("Sources"), _list(_source(source, d) for source in guide.sources)),
    ]
    if guide.situations:
        per_situation = [_answers(in_situation(guide, s.id), d, links) for s in guide.situations]
        varies = [any(a[i] != row for a in per_situation) for i, row in enumerate(answers)]
        sections = [
            _facts(row for row, own in zip(a, varies, strict=True) if own) for a in per_situation
        ]
        common = _facts(row for row, own in zip(answers, varies, strict=True) if not own)
        body = (
            situation_picker(guide.situations, d)
            + common
            + situation_sections(guide.situations, sections, d)
            + _facts(provenance)
        )
    else:
        body = _facts([*answers, *provenance])
        if not body:
            return ""
    return (
        '<section class="wt-panel" aria-labelledby="__wt-panel">'
        f'<h2 class="wt-panel__title" id="__wt-panel">{d.html("At a glance")}</h2>'
        f"{body}</section>"
    )


Row = tuple[str, str]
"""A fact of the panel: its label and its value, both as HTML (``""``: the guide says nothing)."""


def _answers(guide: GuideFacts, d: Display, links: FactLinks) -> list[Row]:
    # The short answers first: on a phone the panel is one column, and cost and time
    # are what most readers look for before reading on.
    deadlines = render_deadlines(guide.deadlines, guide.channels, d, links)
    return [
        (d.html("What it costs"), fees_html(guide, d, links)),
        (d.html("How long it takes"), time_html(guide, d, links)),
        (d.html("Who can apply"), _list(_condition(c, links) for c in guide.eligibility)),
        (d.html("What to bring"), _list(_document(doc, d, links) for doc in guide.documents)),
        (d.html("How to apply"), _list(_ways_to_apply(guide, d, links))),
        (d.html("Deadlines"), _list(deadlines)),
    ]


def _facts(rows: Iterable[Row]) -> str:
    """The facts the guide gives, as one description list (``""`` when it gives none)."""
    facts = "".join(
        f'<div class="wt-panel__fact"><dt>{label}</dt><dd>{value}</dd></div>'
        for label, value in rows
        if value
    )
    return f'<dl class="wt-panel__facts">{facts}</dl>' if facts else ""


def _list(items: Iterable[str]) -> str:
    entries = [f"<li>{item}</li>" for item in items]
    return f"<ul>{''.join(entries)}</ul>" if entries else ""


_note = note_html


def _condition(condition: Condition, links: FactLinks) -> str:
    return escape(condition.text) + links.link(condition.field, condition.text)


def _document(document: Document, d: Display, links: FactLinks) -> str:
    optional = (
        ""
        if document.required
        else f' <span class="wt-optional">{d.html("(if it applies to you)")}</span>'
    )
    fix = links.link(document.field, document.name)
    return f"{escape(document.name)}{optional}{_note(document.note)}{fix}"


def _ways_to_apply(guide: GuideFacts, d: Display, links: FactLinks) -> list[str]:
    # A guide gives `apply` or `channels`; `check` refuses both, the page shows what it has.
    return [
        *(_channel(c, d, links) for c in guide.apply),
        *render_channels(guide.channels, d, links),
    ]


def _channel(channel: Channel, d: Display, links: FactLinks) -> str:
    name = d.html(CHANNEL_NAMES[channel.kind])
    if channel.kind == "online":
        body = (
            f'<a href="{escape(channel.detail)}">{d.html("Apply online")}</a>'
            if channel.detail
            else ""
        )
    else:
        body = escape(channel.detail)
    rest = f"{body}{_note(channel.note)}".strip()
    fix = links.label_link(channel.field, CHANNEL_NAMES[channel.kind])
    return (f"<strong>{name}:</strong> {rest}" if rest else f"<strong>{name}</strong>") + fix


def _law_link(title: str, url: str) -> str:
    if url:
        return f'<a href="{escape(url)}">{escape(title)}</a>'
    return escape(title)


def _source(source: Source, d: Display) -> str:
    # An official page elsewhere: it gets no handle on this page (rel="noopener").
    title = escape(source.title)
    link = f'<a href="{escape(source.url)}" rel="noopener">{title}</a>' if source.url else title
    if not source.seen:
        return link
    return d.html("{source} (read on {date})", source=link, date=d.time_element(source.seen))
