"""A guide's open suggestions and "This affects me too", on the guide's page.

Rendered hidden, with the intake's URL and the guide's path; the theme's
``open-suggestions.js`` asks the intake for the list (``GET /api/guides/<path>/
suggestions``) and shows the section only when there is something to show, so without
JavaScript, without an intake or while the intake is down the page has no trace of it.
The words the script puts together (status, date, count, answers) are given in the
guide's language as one JSON attribute, so the script holds none of its own.

Ids start with ``__wt-``: the sanitizer removes such ids from page content, so a guide
cannot clobber the section's elements. The item is a ``<template>`` the script copies
once per suggestion, numbering its ids.
"""

from __future__ import annotations

import json

from wikitool.mkdocs_plugin.display import Display
from wikitool.mkdocs_plugin.feedback_widget import honeypot
from wikitool.mkdocs_plugin.sanitize import escape_text
from wikitool.suggestions.limits import MAX_NOTE_CHARS


def script_words(d: Display) -> dict[str, str]:
    """What the script says, keyed by the names it asks for ({fields} it fills in)."""
    return {
        "sent": d._("Sent on {date}"),
        "status": d._("Status: {status}"),
        "supporters": d._("Supporters: {count}"),
        "received": d._("Received"),
        "in review": d._("In review"),
        "thanks": d._("Thank you. The team sees that this affects you too."),
        "removed": d._("We removed personal details from your note."),
        "failed": d._("Your support was not sent: {error}"),
        "unreachable": d._(
            "Your support was not sent: we could not reach the service. Try again later."
        ),
    }


def render_open_suggestions(intake_url: str, guide: str, d: Display) -> str:
    """The hidden section for the guide whose path under ``content/`` is ``guide``."""
    words = json.dumps(script_words(d), ensure_ascii=False, sort_keys=True)
    note_hint = d.html(
        "A few words, at most {count} characters. Do not include personal details.",
        count=d.number(MAX_NOTE_CHARS),
    )
    item = (
        '<li class="wt-open__item">'
        '<p class="wt-open__summary" id="__wt-open-summary"></p>'
        '<p class="wt-open__meta"></p>'
        '<form class="wt-open__support" novalidate>'
        '<details class="wt-open__more">'
        f'<summary>{d.html("Add a note or your e-mail (optional)")}</summary>'
        '<div class="wt-field">'
        f'<label class="wt-label" for="__wt-open-note">{d.html("Your note")}</label>'
        f'<p class="wt-hint" id="__wt-open-note-hint">{note_hint}</p>'
        f'<textarea id="__wt-open-note" name="note" rows="2" maxlength="{MAX_NOTE_CHARS}" '
        'aria-describedby="__wt-open-note-hint"></textarea></div>'
        '<div class="wt-field">'
        f'<label class="wt-label" for="__wt-open-email">{d.html("Your e-mail")}</label>'
        '<p class="wt-hint" id="__wt-open-email-hint">'
        + d.html(
            "We will e-mail you when the team decides and when the guide shows the change: "
            "nothing else. Your address is never shown, and each e-mail has a link to stop them."
        )
        + "</p>"
        '<input type="email" id="__wt-open-email" name="email" autocomplete="email" '
        'aria-describedby="__wt-open-email-hint"></div>'
        "</details>"
        f"{honeypot('__wt-open-website', d)}"
        '<button type="submit" class="md-button" aria-describedby="__wt-open-summary">'
        f'{d.html("This affects me too")}</button>'
        "</form>"
        '<p class="wt-open__status" role="status"></p>'
        "</li>"
    )
    return (
        '<section class="wt-open" data-wt-open hidden '
        f'data-wt-intake="{escape_text(intake_url)}" data-wt-guide="{escape_text(guide)}" '
        f'data-wt-lang="{escape_text(d.lang)}" data-wt-words="{escape_text(words)}" '
        'aria-labelledby="__wt-open-title">'
        f'<h2 id="__wt-open-title">{d.html("Already suggested for this guide")}</h2>'
        '<p class="wt-open__intro">'
        + d.html(
            "Other people told us about these. If one affects you too, say so: it helps "
            "the team see what to fix first."
        )
        + "</p>"
        '<ul class="wt-open__list"></ul>'
        f"<template data-wt-open-item>{item}</template>"
        "</section>"
    )
