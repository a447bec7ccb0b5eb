"""The panel's situations: the picker a reader chooses their situation with, and one
section per situation with the facts that depend on it.

Progressive enhancement: the picker is a native ``<select>`` in a form that stays
``hidden`` until the theme's script (``theme/assets/javascripts/situations.js``) unhides
it; without JavaScript, and on paper, every situation is shown under its own heading.
"""

from __future__ import annotations

from html import escape

from wikitool.guides.situations import Situation
from wikitool.mkdocs_plugin.display import Display

CHOICE_ID = "wt-situation-choice"
"""The ``id`` of the picker's ``<select>``, its ``name`` being the URL's ``situation``."""


def situation_picker(situations: tuple[Situation, ...], d: Display) -> str:
    """The form choosing a situation; its first option (``""``) shows every situation.

    The status line's messages are handed to the script worded in the page's language,
    ``{situation}`` left for it to fill with the chosen label."""
    options = "".join(
        f'<option value="{escape(s.id)}">{escape(s.label)}</option>' for s in situations
    )
    one = escape(d._("Showing only what applies: {situation}"))
    every = escape(d._("Showing every situation"))
    return (
        '<form class="wt-situation-picker" hidden>'
        f'<label for="{CHOICE_ID}">{d.html("Your situation")}</label>'
        # No restored choice on "back": the URL's ?situation= is the one that holds.
        f'<select id="{CHOICE_ID}" name="situation" autocomplete="off">'
        f'{d.option_html("Every situation")}{options}</select>'
        # Said to screen readers as the choice changes: the select already shows it.
        f'<p class="wt-visually-hidden" role="status" data-wt-one="{one}"'
        f' data-wt-every="{every}"></p></form>'
    )


def situation_sections(
    situations: tuple[Situation, ...], facts: list[str], d: Display
) -> str:
    """One ``section.wt-situation`` per situation, headed by its label and holding its
    ``facts`` (HTML, in the order of ``situations``)."""
    nothing = f'<p class="wt-not-stated">{d.html("Nothing more is stated for this situation.")}</p>'
    sections = []
    for situation, own in zip(situations, facts, strict=True):
        body = own or nothing
        sections.append(
            f'<section class="wt-situation" data-situation="{escape(situation.id)}">'
            f"<h3>{escape(situation.label)}</h3>{body}</section>"
        )
    return "".join(sections)
