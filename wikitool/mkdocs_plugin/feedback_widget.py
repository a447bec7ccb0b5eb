"""The feedback widget: "Was this page helpful?" and "Is something wrong?" on each guide.

Rendered hidden; the theme's ``feedback.js`` shows it and posts ``{page, section,
helpful, wrong}`` to the intake's ``/api/feedback``. Without JavaScript, or on a site
built without an intake, readers still have the "Is something wrong on this page?" link
to the suggestion page. Nothing goes to any analytics service.

Ids start with ``__wt-``: the sanitizer removes such ids from page content, so a guide
cannot clobber the widget's elements.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from wikitool.mkdocs_plugin.display import ENGLISH, Display
from wikitool.mkdocs_plugin.sanitize import escape_text
from wikitool.suggestions.limits import HONEYPOT_FIELD


@dataclass(frozen=True)
class Section:
    """A part of the page a reader can point at: a heading's id and escaped title, and
    what a report or suggestion about it names (``about``: ``steps``, a heading's text)."""

    id: str
    title_html: str
    about: str = ""


def honeypot(field_id: str, display: Display = ENGLISH) -> str:
    """The intake's honeypot field: out of sight, out of the tab order, unannounced."""
    return (
        f'<div class="wt-honeypot" aria-hidden="true"><label for="{field_id}">'
        f'{display.html("Leave this empty")}</label>'
        f'<input type="text" id="{field_id}" name="{HONEYPOT_FIELD}" '
        'tabindex="-1" autocomplete="off" value=""></div>'
    )


def render_feedback(
    intake_url: str,
    page: str,
    *,
    sections: Sequence[Section] = (),
    fix_href: str = "",
    ask_helpful: bool = True,
    display: Display = ENGLISH,
) -> str:
    """The widget for the page whose docs path is ``page`` ("" when the page's script
    sets ``data-wt-page`` itself, as the suggestion page does).

    Args:
        sections: the page's headings a reader may say the problem is in.
        fix_href: the page's suggestion link, offered to readers who know the fix.
        ask_helpful: also ask "Was this page helpful?".
        display: the language of the widget's labels.
    """
    d = display
    helpful = (
        '<div class="wt-feedback__helpful" data-wt-helpful-block>'
        '<p class="wt-feedback__question" id="__wt-helpful-question">'
        f'{d.html("Was this page helpful?")}</p>'
        '<div class="wt-feedback__buttons" role="group" aria-labelledby="__wt-helpful-question">'
        f'<button type="button" class="md-button" data-wt-helpful="yes">{d.html("Yes")}</button>'
        f'<button type="button" class="md-button" data-wt-helpful="no">{d.html("No")}</button>'
        "</div></div>"
        if ask_helpful
        else ""
    )
    choose = ""
    if sections:
        # data-wt-about: feedback.js points "correct the guide yourself" at the part chosen.
        options = "".join(
            f'<option value="{escape(s.id)}"'
            + (f' data-wt-about="{escape(s.about)}"' if s.about else "")
            + f">{s.title_html}</option>"
            for s in sections
        )
        choose = (
            '<div class="wt-field">'
            '<label class="wt-label" for="__wt-wrong-section">'
            f'{d.html("Which part of the page?")} '
            f'<span class="wt-optional">{d.html("(optional)")}</span></label>'
            '<select id="__wt-wrong-section" name="section">'
            f'{d.option_html("The whole page")}{options}</select></div>'
        )
    link = f'<a href="{escape_text(fix_href)}">{d.html("correct the guide yourself")}</a>'
    fix = (
        '<p class="wt-feedback__fix">'
        f'{d.html("If you know what it should say, you can also {link}.", link=link)}</p>'
        if fix_href
        else ""
    )
    return (
        '<section class="wt-feedback" data-wt-feedback hidden '
        f'data-wt-intake="{escape_text(intake_url)}" data-wt-page="{escape_text(page)}" '
        'aria-labelledby="__wt-feedback-title">'
        '<h2 class="wt-feedback__title" id="__wt-feedback-title">'
        f'{d.html("Help us improve this guide")}</h2>'
        f"{helpful}"
        '<form class="wt-feedback__wrong" novalidate>'
        f"{choose}"
        '<div class="wt-field">'
        '<label class="wt-label" for="__wt-wrong">'
        f'{d.html("Is something wrong on this page? Tell us what")}</label>'
        '<p class="wt-hint" id="__wt-wrong-hint">'
        + d.html(
            "A few words are enough, at most {count} characters. Do not include personal "
            "details such as your name, phone number or identity number.",
            count=d.number(2000),
        )
        + "</p>"
        '<p class="wt-field-error" id="__wt-wrong-error" hidden></p>'
        '<textarea id="__wt-wrong" name="wrong" rows="3" maxlength="2000" '
        'aria-describedby="__wt-wrong-hint"></textarea></div>'
        f"{honeypot('__wt-wrong-website', d)}"
        f'<button type="submit" class="md-button">{d.html("Send")}</button>'
        "</form>"
        '<p class="wt-feedback__status" role="status"></p>'
        f"{fix}"
        "</section>"
    )
