"""The small page behind a message's unsubscribe link, in the citizen's language.

A link in a mail is opened by people and by mail scanners alike, so opening it (GET)
changes nothing: the page has one button, which posts to the same address. Mail
software's one-click unsubscribe (RFC 8058) posts there directly. Every value placed
in the page is escaped; the intake's Content-Security-Policy allows no script or style.
"""

from __future__ import annotations

from html import escape

from wikitool.locales.catalogues import translations


def unsubscribe_page(lang: str, suggestion_id: str, *, done: bool) -> str:
    """The page asking to confirm (``done=False``) or saying it is done."""
    gettext = translations(lang).gettext
    title = gettext("E-mails about your suggestion")
    if done:
        body = "<p>{}</p>".format(
            escape(
                gettext("You will get no more e-mails about suggestion {number}.").format(
                    number=suggestion_id
                )
            )
        )
    else:
        body = ('<p>{}</p>\n<form method="post"><button type="submit">{}</button></form>').format(
            escape(
                gettext("Stop the e-mails about suggestion {number}?").format(number=suggestion_id)
            ),
            escape(gettext("Stop the e-mails")),
        )
    return (
        f'<!doctype html>\n<html lang="{escape(lang)}">\n<head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{escape(title)}</title></head>\n"
        f"<body><main><h1>{escape(title)}</h1>\n{body}\n</main></body>\n</html>\n"
    )
