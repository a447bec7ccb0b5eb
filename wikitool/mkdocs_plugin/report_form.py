"""The report form: "Is something wrong on this page?" said in words, about a chosen fact,
step or section, without proposing new text (issue 13; README, "Reports").

One form on the suggestion page serves every guide (``suggest/?guide=<path>&report=1``,
and ``&field=fees[0]`` to choose what it is about). It is rendered hidden, in the site's
language; ``theme/assets/javascripts/report.js`` fills "Which part of the guide?" with the
guide's own choices (its source's ``about``, ``report_choices.py``), shows it, and posts a
``kind: report`` suggestion to the intake, then the tracking link. Without JavaScript or
an intake there is no form: the page explains how to tell the agency instead.

Ids start with ``__wt-``: the sanitizer removes such ids from page content, so a guide
cannot clobber the form's elements.
"""

from __future__ import annotations

from html import escape

from wikitool.mkdocs_plugin.display import Display
from wikitool.mkdocs_plugin.feedback_widget import honeypot
from wikitool.mkdocs_plugin.sanitize import escape_text
from wikitool.suggestions.limits import MAX_RATIONALE_CHARS, MAX_SUMMARY_CHARS


def render_report_form(intake_url: str, sources: str, track: str, base: str, d: Display) -> str:
    """The hidden form posting reports to ``intake_url``; ``sources`` is the folder of the
    guides' sources and ``track`` the tracking page, both relative to the suggestion page;
    ``base`` the commit the site was built from ("" when not known)."""
    # What the script says, worded here in the page's language ({error}: the intake's).
    said = {
        "empty": d._("Say what is wrong before you send."),
        "refused": d._("Your report was not sent: {error}"),
        "offline": d._(
            "Your report was not sent: we could not reach the service. Check your internet "
            "connection and try again."
        ),
        "sending": d._("Sending\u2026"),
        "note": d._("Note: {warning}"),
    }
    data = "".join(f' data-wt-say-{key}="{escape(text)}"' for key, text in said.items())
    return (
        '<section class="wt-report-form" data-wt-report hidden'
        f' data-wt-intake="{escape_text(intake_url)}" data-wt-sources="{escape_text(sources)}"'
        f' data-wt-track="{escape_text(track)}" data-wt-base="{escape_text(base)}"{data}'
        ' aria-labelledby="__wt-report-title">'
        f'<h2 id="__wt-report-title">{d.html("Tell us what is wrong")}</h2>'
        '<p class="wt-hint">'
        + d.html(
            "You do not need to know what it should say. The team that owns the guide "
            "checks every report."
        )
        + "</p>"
        '<div id="__wt-report-errors" class="wt-error-summary" role="alert" tabindex="-1"'
        ' aria-labelledby="__wt-report-errors-title" hidden>'
        f'<h3 id="__wt-report-errors-title">{d.html("There is a problem")}</h3>'
        '<ul id="__wt-report-errors-list"></ul></div>'
        '<form id="__wt-report-form" novalidate>'
        '<div class="wt-field">'
        '<label class="wt-label" for="__wt-report-about">'
        f'{d.html("Which part of the guide?")}</label>'
        '<select id="__wt-report-about" name="about">'
        f'{d.option_html("The whole guide")}</select></div>'
        '<div class="wt-field">'
        f'<label class="wt-label" for="__wt-report-summary">{d.html("What is wrong?")}</label>'
        '<p class="wt-hint" id="__wt-report-summary-hint">'
        + d.html(
            "One line, at most {count} characters. For example: The opening hours are wrong.",
            count=d.number(MAX_SUMMARY_CHARS),
        )
        + "</p>"
        '<p class="wt-field-error" id="__wt-report-summary-error" hidden></p>'
        f'<input type="text" id="__wt-report-summary" name="summary"'
        f' maxlength="{MAX_SUMMARY_CHARS}" autocomplete="off"'
        ' aria-describedby="__wt-report-summary-hint"></div>'
        '<div class="wt-field">'
        '<label class="wt-label" for="__wt-report-rationale">'
        f'{d.html("How do you know?")} '
        f'<span class="wt-optional">{d.html("(optional)")}</span></label>'
        '<p class="wt-hint" id="__wt-report-rationale-hint">'
        + d.html(
            "For example, what the agency told you or where you read it. What you write is "
            "public: do not include personal details such as your name, phone number or "
            "identity number."
        )
        + "</p>"
        f'<textarea id="__wt-report-rationale" name="rationale" rows="3"'
        f' maxlength="{MAX_RATIONALE_CHARS}" aria-describedby="__wt-report-rationale-hint">'
        "</textarea></div>"
        f"{honeypot('__wt-report-website', d)}"
        '<p class="wt-submit"><button type="submit" class="md-button md-button--primary">'
        f'{d.html("Send report")}</button></p></form>'
        '<div id="__wt-report-done" class="wt-done" hidden>'
        '<h3 id="__wt-report-done-title" tabindex="-1">'
        f'{d.html("Thank you: your report was sent")}</h3>'
        "<p>"
        + d.html(
            "Your report number is {number}.",
            number='<strong id="__wt-report-done-id"></strong>',
        )
        + "</p>"
        '<ul id="__wt-report-done-notes" class="wt-done__notes" hidden></ul>'
        '<p><a id="__wt-report-track" class="md-button md-button--primary" href="">'
        f'{d.html("Track your report")}</a></p>'
        "<p>"
        + d.html(
            "Keep this link, or your report number, to see later what the team did about it."
        )
        + "</p></div></section>"
    )
