"""How fresh a guide is and what changed in it, and the wiki-wide "What changed" list.

Commit subjects are citizens' suggestion summaries: plain text, escaped here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from html import escape

from wikitool.guides.paths import content_path, is_page_path
from wikitool.history import Change, CommitChanges
from wikitool.history.index import ADDED, DELETED, RENAMED
from wikitool.mkdocs_plugin.collected import SiteFacts
from wikitool.mkdocs_plugin.config import WikitoolConfig
from wikitool.mkdocs_plugin.display import ENGLISH, Display
from wikitool.mkdocs_plugin.guide import GuideFacts
from wikitool.mkdocs_plugin.links import relative
from wikitool.mkdocs_plugin.sanitize import escape_text

PageLink = Callable[[str], "tuple[str, str] | None"]
"""A docs path -> ``(relative href, plain title)`` of its page, or ``None`` if none."""

def _citizen_badge(d: Display) -> str:
    return f'<span class="wt-badge">{d.html("Suggested by a citizen")}</span>'


def _status_badge(status: str, d: Display) -> str:
    labels = {ADDED: d.html("New"), RENAMED: d.html("Moved"), DELETED: d.html("Removed")}
    label = labels.get(status)
    return f'<span class="wt-badge wt-badge--neutral">{label}</span>' if label else ""


def citizen_improvements(history: Sequence[Change]) -> int:
    """How many distinct citizens' suggestions changed the guide."""
    return len({sid for change in history for sid in change.suggestion_ids})


def render_freshness(
    guide: GuideFacts, history: Sequence[Change], today: date, display: Display | None = None
) -> str:
    """ "Last updated" (git), "Checked by PUBLISHER on DATE" (``last_reviewed``; the
    agency when the guide names no publisher), and a notice when ``review_by`` has
    passed, which sends readers to the agency that runs the service.

    A review date still to come is written in ``data-wt-review-by``, and the notice in
    an inert ``<template>``: the theme's script shows it once that date passes, so a site
    that is not rebuilt for months does not claim a freshness it has lost, and the
    notice is worded once, here, in the page's language.
    """
    d = display or Display.of(guide.lang)
    facts = []
    if history:
        updated = d.html("Last updated {date}", date=d.time_element(history[0].date))
        facts.append(f'<span class="wt-freshness__updated">{updated}</span>')
    if guide.last_reviewed is not None:
        when = d.time_element(guide.last_reviewed)
        checked = (
            d.html("Checked by {agency} on {date}", agency=escape(guide.checked_by), date=when)
            if guide.checked_by
            else d.html("Checked on {date}", date=when)
        )
        facts.append(f'<span class="wt-freshness__checked">{checked}</span>')
    parts = [f'<p class="wt-freshness__facts">{" ".join(facts)}</p>'] if facts else []
    attributes = ""
    if guide.review_by is not None and guide.review_overdue(today):
        parts.append(review_notice(guide.review_by, guide.agency, d))
    elif guide.review_by is not None:
        attributes = f' data-wt-review-by="{guide.review_by.isoformat()}"'
        notice = review_notice(guide.review_by, guide.agency, d)
        parts.append(f"<template data-wt-review-notice>{notice}</template>")
    if not parts and not attributes:
        return ""
    return f'<div class="wt-freshness"{attributes}>{"".join(parts)}</div>'


def review_notice(review_by: date, agency: str, display: Display = ENGLISH) -> str:
    """The "may be out of date" notice, in ``display``'s language."""
    d = display
    due = d.html("It was due to be checked again by {date}.", date=d.time_element(review_by))
    check = (
        d.html("Check the details with {agency} before you apply.", agency=escape(agency))
        if agency
        else d.html("Check the details before you apply.")
    )
    return (
        '<div class="admonition warning wt-review" role="note">'
        f'<p class="admonition-title">{d.html("This guide may be out of date")}</p>'
        f"<p>{due} {check}</p></div>"
    )


def render_guide_changes(
    history: Sequence[Change], recent: int, display: Display = ENGLISH
) -> str:
    """Recent changes, the number of citizens' improvements, and the full history."""
    if not history:
        return ""
    d = display
    count = citizen_improvements(history)
    citizens = (
        d.plural(
            "{count} improvement suggested by citizens",
            "{count} improvements suggested by citizens",
            count,
        )
        if count
        else d.html("No improvements suggested by citizens yet")
    )
    rendered = [_change_item(change, d) for change in history]  # once: recent ones show twice
    items = "".join(rendered[:recent])
    full = "".join(rendered)
    summary = d.plural(
        "Full history ({count} change)", "Full history ({count} changes)", len(history)
    )
    return (
        '<section class="wt-changes" aria-labelledby="__wt-changes">'
        f'<h2 id="__wt-changes">{d.html("Recent changes")}</h2>'
        f'<p class="wt-changes__citizens">{citizens}</p>'
        f'<ul class="wt-changes__recent">{items}</ul>'
        f'<details class="wt-history"><summary>{summary}</summary>'
        f'<ol class="wt-history__list" reversed>{full}</ol></details></section>'
    )


def _change_item(change: Change, d: Display) -> str:
    badges = [_status_badge(change.status, d), _citizen_badge(d) if change.suggested else ""]
    tail = _after(" ".join(b for b in badges if b))
    credit = (
        " " + d.html("(suggested by {names})", names=escape(", ".join(change.credited)))
        if change.credited
        else ""
    )
    return f"<li>{d.time_element(change.date)}: {escape(change.subject)}{credit}{tail}</li>"


def _after(badges: str) -> str:
    return f" {badges}" if badges else ""


def render_wiki_changes(
    commits: Sequence[CommitChanges], link: PageLink, limit: int, display: Display = ENGLISH
) -> str:
    """The "What changed" list: recent changes across the wiki, grouped by day."""
    d = display
    days: list[tuple[date, list[str]]] = []
    for commit in commits[:limit]:
        guides = [_guide_item(c, link, d) for c in commit.changes if is_page_change(c)]
        if not guides:
            continue
        badge = _after(_citizen_badge(d)) if commit.suggestion_ids else ""
        entry = (
            '<li class="wt-feed__entry">'
            f'<p class="wt-feed__summary">{escape(commit.subject)}{badge}</p>'
            f'<ul class="wt-feed__guides">{"".join(guides)}</ul></li>'
        )
        day = commit.date.date()
        if days and days[-1][0] == day:
            days[-1][1].append(entry)
        else:
            days.append((day, [entry]))
    if not days:
        return f'<p class="wt-feed__empty">{d.html("Nothing has changed yet.")}</p>'
    return "".join(
        f'<h2 class="wt-feed__day">{d.time_element(day)}</h2>'
        f'<ul class="wt-feed">{"".join(entries)}</ul>'
        for day, entries in days
    )


def _guide_item(change: Change, link: PageLink, d: Display) -> str:
    target = link(change.current_path) if change.current_path else None
    badge = _after(_status_badge(change.status, d))
    if target is None:
        return f"<li>{escape(title_from_path(change.path))}{badge}</li>"
    href, title = target
    return f'<li><a href="{escape(href)}">{escape(title)}</a>{badge}</li>'


def is_page_change(change: Change) -> bool:
    """Whether a change is to a page of the wiki (not an image or other file)."""
    return is_page_path(content_path(change.path))


def title_from_path(path: str) -> str:
    """A readable name for a page that no longer exists: ``Renew an adult passport``."""
    name = path.rsplit("/", 1)[-1].removesuffix(".md")
    if name == "index":
        name = path.rsplit("/", 2)[-2] if "/" in path else "Home"
    return name.replace("-", " ").replace("_", " ").capitalize()


def changes_fragment(
    page_url: str, facts: SiteFacts, options: WikitoolConfig, feed_href: str
) -> str:
    """The "What changed" page's listing, with a link to the feed (``feed_href``), in the
    site's language."""
    d = Display.of(facts.language)
    if facts.history is None:
        return f'<p class="wt-feed__empty">{d.html("This site was built without its history.")}</p>'

    def link(src: str) -> tuple[str, str] | None:
        info = facts.pages.get(src)
        return None if info is None else (relative(info.url, page_url), info.title)

    listing = render_wiki_changes(facts.history.commits, link, options.changes_limit, d)
    subscribe = (
        f'<p class="wt-feed__subscribe"><a href="{escape_text(feed_href)}">'
        f'{d.html("Follow these changes in a feed reader (Atom)")}</a></p>'
        if feed_href
        else ""
    )
    stats = facts.pages.get(options.stats_page) if options.stats_page else None
    figures = (
        f'<p class="wt-feed__stats"><a href="{escape_text(relative(stats.url, page_url))}">'
        f'{d.html("How quickly we answer suggestions, in figures")}</a></p>'
        if stats is not None
        else ""
    )
    return subscribe + figures + listing
