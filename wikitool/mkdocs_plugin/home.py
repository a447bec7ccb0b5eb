"""The home page's generated sections: the topics (categories) and recently updated guides."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape

from mkdocs.structure.pages import Page

from wikitool.guides.paths import content_path, is_category_index_path
from wikitool.mkdocs_plugin.collected import SiteFacts
from wikitool.mkdocs_plugin.config import WikitoolConfig
from wikitool.mkdocs_plugin.display import ENGLISH, Display
from wikitool.mkdocs_plugin.links import relative


@dataclass(frozen=True)
class Topic:
    """A category: its index page's title and summary, and how many guides it holds."""

    title: str
    summary: str
    href: str
    guides: int


@dataclass(frozen=True)
class RecentGuide:
    """A guide and when it last changed."""

    title: str
    href: str
    updated: datetime


def home_fragment(page: Page, facts: SiteFacts, options: WikitoolConfig) -> str:
    """The home page's sections, from the pages read and their history."""
    topics = []
    if options.home_topics:
        for info in facts.pages.values():
            if not is_category_index_path(content_path(info.src)):
                continue
            folder = info.src.rpartition("/")[0]
            count = sum(1 for guide in facts.guides() if guide.src.startswith(folder + "/"))
            topics.append(Topic(info.title, info.summary, relative(info.url, page.url), count))
        topics.sort(key=lambda t: t.title.casefold())
    recent = []
    if options.home_recent > 0:
        dated = [
            (history[0].date, info)
            for info in facts.guides()
            if (history := facts.history_of(info.src))
        ]
        dated.sort(key=lambda pair: pair[1].title.casefold())
        dated.sort(key=lambda pair: pair[0], reverse=True)  # stable: titles A-Z per date
        recent = [
            RecentGuide(info.title, relative(info.url, page.url), when)
            for when, info in dated[: options.home_recent]
        ]
    changes = facts.pages.get(options.changes_page)
    changes_href = relative(changes.url, page.url) if changes else ""
    return render_home(topics, recent, changes_href, Display.of(facts.language))


def render_home(
    topics: list[Topic],
    recent: list[RecentGuide],
    changes_href: str = "",
    display: Display = ENGLISH,
) -> str:
    """The topics as cards, then the most recently updated guides and a link to all
    changes (``changes_href``, when there is a changes page), in ``display``'s language."""
    d = display
    parts = []
    if topics:
        cards = "".join(
            '<li class="wt-topic">'
            f'<a class="wt-topic__link" href="{escape(t.href)}">{escape(t.title)}</a>'
            + (f'<p class="wt-topic__summary">{escape(t.summary)}</p>' if t.summary else "")
            + f'<p class="wt-note">{d.plural("{count} guide", "{count} guides", t.guides)}</p></li>'
            for t in topics
        )
        parts.append(
            '<section class="wt-home__topics" aria-labelledby="__wt-topics">'
            f'<h2 id="__wt-topics">{d.html("Browse by topic")}</h2>'
            f'<ul class="wt-topics">{cards}</ul></section>'
        )
    more = (
        f'<p><a href="{escape(changes_href)}">{d.html("See all changes")}</a></p>'
        if changes_href
        else ""
    )
    if recent:
        items = "".join(
            f'<li><a href="{escape(g.href)}">{escape(g.title)}</a> '
            f'<span class="wt-note">{d.html("updated {date}", date=d.time_element(g.updated))}'
            "</span></li>"
            for g in recent
        )
        parts.append(
            '<section class="wt-home__recent" aria-labelledby="__wt-recent">'
            f'<h2 id="__wt-recent">{d.html("Recently updated guides")}</h2>'
            f'<ul class="wt-recent">{items}</ul>{more}</section>'
        )
    return "".join(parts)
