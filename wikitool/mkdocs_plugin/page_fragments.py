"""The fragments a guide, the suggestion page and the tracking page hand the theme
(``theme/main.html``, ``suggest.html``, ``track.html``) as the ``wikitool`` variable.

Every value is escaped HTML or an escaped attribute value.
"""

from __future__ import annotations

from html import unescape
from typing import Any

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from wikitool.locales.catalogues import steps_headings
from wikitool.mkdocs_plugin.changes import render_freshness, render_guide_changes
from wikitool.mkdocs_plugin.collected import PageInfo, SiteFacts
from wikitool.mkdocs_plugin.config import WikitoolConfig
from wikitool.mkdocs_plugin.display import Display
from wikitool.mkdocs_plugin.editor_labels import editor_settings
from wikitool.mkdocs_plugin.fact_links import NO_LINKS, FactLinks
from wikitool.mkdocs_plugin.feedback_widget import Section, render_feedback
from wikitool.mkdocs_plugin.jsonld import guide_jsonld, jsonld_scripts
from wikitool.mkdocs_plugin.links import fill_link, relative
from wikitool.mkdocs_plugin.open_suggestions import render_open_suggestions
from wikitool.mkdocs_plugin.panel import render_panel
from wikitool.mkdocs_plugin.privacy_notice import delete_after_html
from wikitool.mkdocs_plugin.report_form import render_report_form
from wikitool.mkdocs_plugin.sanitize import escape_text
from wikitool.mkdocs_plugin.suggest_pages import published_base, sources_folder
from wikitool.mkdocs_plugin.theme_language import theme_language


def guide_fragments(
    info: PageInfo, page: Page, facts: SiteFacts, options: WikitoolConfig, site_url: str
) -> dict[str, Any]:
    """A guide's summary, freshness, actions, panel, changes, report link, JSON-LD,
    the suggestions open on it and the feedback widget."""
    guide = info.guide
    assert guide is not None
    d = Display.of(guide.lang, facts.language)
    history = facts.history_of(info.src)
    suggest_href = _link(options.suggest_url, page, facts)
    suggest = escape_text(suggest_href)
    report_href = _link(options.report_url, page, facts)
    report = escape_text(report_href)
    url = page.canonical_url if site_url else None
    feedback = open_suggestions = ""
    if facts.intake_url:
        open_suggestions = render_open_suggestions(facts.intake_url, info.src, d)
        sections = [_section(item, info, d.lang) for item in page.toc.items]
        feedback = render_feedback(
            facts.intake_url, info.src, sections=sections, fix_href=report_href, display=d
        )
    return {
        "guide": True,
        "lang": escape_text(d.lang),
        "theme_language": theme_language(d.locale),
        # Babel knows every language's direction; the theme only those it translates.
        "direction": "rtl" if d.locale.text_direction == "rtl" else "ltr",
        "summary": f'<p class="wt-summary">{escape_text(guide.summary)}</p>'
        if guide.summary
        else "",
        "freshness": render_freshness(guide, history, facts.today, d),
        "actions": (
            '<p class="wt-actions">'
            f'<a class="md-button md-button--primary wt-suggest" href="{suggest}">'
            f'{d.html("Suggest an edit")}</a></p>'
        ),
        "panel": render_panel(guide, d, FactLinks.to_suggestion_page(suggest_href, d)),
        "changes": render_guide_changes(history, options.recent_changes, d),
        "report": (
            '<p class="wt-report">'
            f'<a href="{report}">{d.html("Is something wrong on this page?")}</a> '
            f'{d.html("Tell us and the team that owns this guide will check it.")}</p>'
        ),
        "jsonld": jsonld_scripts(guide_jsonld(guide, info.steps, info.step_texts, url)),
        "feedback": feedback,
        # What others already suggested here, shown by open-suggestions.js when there is any.
        "open_suggestions": open_suggestions,
        # The picker's script (theme/assets/javascripts/situations.js) loads only here.
        "situations": bool(guide.situations),
    }


def guide_links(info: PageInfo, page: Page, facts: SiteFacts, options: WikitoolConfig) -> FactLinks:
    """The "Suggest a change" links of a guide's page (its steps; the panel's are made
    with its fragments), in the guide's language."""
    if info.guide is None:
        return NO_LINKS
    d = Display.of(info.guide.lang, facts.language)
    return FactLinks.to_suggestion_page(_link(options.suggest_url, page, facts), d)


def suggest_fragments(page: Page, facts: SiteFacts, options: WikitoolConfig) -> dict[str, str]:
    """The suggestion page's settings for its script, as escaped attribute values."""
    track = facts.pages.get(options.track_page)
    folder = sources_folder(options.suggest_page)
    values = {
        "intake": facts.intake_url,
        "sources": relative(folder + "/", page.url),
        "track": relative(track.url or "./", page.url) if track else "",
        "root": relative("./", page.url),
        # The suggestion's base: the commit the citizen sees (suggest_pages.py).
        "base": published_base(facts.commit) or "",
    }
    fragments = {key: escape_text(value) for key, value in values.items()}
    # The form editor's words in each guide's language (every guide is read by now:
    # MkDocs reads every page before it renders any).
    languages = {info.guide.lang for info in facts.guides() if info.guide is not None}
    fragments["editor"] = escape_text(editor_settings(languages, facts.language))
    # "What happens to what you send": how long contact details are kept, as configured.
    fragments["delete_after"] = delete_after_html(facts)
    # "Is something wrong?" without editing: a report, about what the script offers.
    fragments["report"] = (
        render_report_form(
            facts.intake_url,
            values["sources"],
            values["track"],
            values["base"],
            Display.of(facts.language),
        )
        if facts.intake_url
        else ""
    )
    return fragments


def track_fragments(
    page: Page, facts: SiteFacts, options: WikitoolConfig, docs_prefix: str
) -> dict[str, str]:
    """The tracking page's settings for its script, as escaped attribute values."""
    folder = sources_folder(options.suggest_page) if options.suggest_page else ""
    values = {
        "intake": facts.intake_url,
        "root": relative("./", page.url),
        "docs_prefix": docs_prefix,
        # The guides' sources give the tracking page a guide's title.
        "sources": relative(folder + "/", page.url) if folder else "",
    }
    return {key: escape_text(value) for key, value in values.items()}


def _section(item: AnchorLink, info: PageInfo, lang: str) -> Section:
    """A heading of the page for the feedback widget, with what a report on it is about:
    ``steps`` for the steps section, else the heading's text."""
    title = unescape(item.title)
    steps = info.steps is not None and title.strip().casefold() in steps_headings(lang)
    return Section(item.id, item.title, "steps" if steps else title.strip())


def _link(template: str, page: Page, facts: SiteFacts) -> str:
    filled = fill_link(template, path=page.file.src_uri, url=page.url, commit=facts.commit)
    return relative(filled, page.url)
