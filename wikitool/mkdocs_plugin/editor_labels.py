"""The form editor's words in each guide's language, and the currencies it accepts.

The suggestion page is one page for every guide; its form editor
(``theme/assets/javascripts/suggest-form.js``) labels each fact in the language of the
guide being edited. The build gives it, as one JSON attribute, the labels below in
every language a guide of the site is written in (from the gettext catalogues, through
``Display``), keyed by a short name the script asks for, so the script holds no words of
its own; and the ISO 4217 codes ``locales/currency.py`` accepts, so the browser's check
of a fee's currency is the server's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from wikitool.locales.catalogues import N_
from wikitool.locales.currency import known_currencies
from wikitool.mkdocs_plugin.display import Display

# What each key of the front matter is called (a field, a list or an item of it); a key
# named "parent.key" is what it is called inside ``parent`` only.
FIELD_LABELS = {
    "fees": N_("What it costs"),
    "documents": N_("What to bring"),
    "eligibility": N_("Who can apply"),
    "time": N_("How long it takes"),
    "channels": N_("How to apply"),
    "apply": N_("How to apply"),
    "deadlines": N_("Deadlines"),
    "situations": N_("Situations"),
    "label": N_("Name"),
    "name": N_("Name"),
    "title": N_("Name"),
    "amount": N_("Amount"),
    "currency": N_("Currency"),
    "note": N_("Note"),
    "required": N_("You must bring it"),
    "min": N_("At least"),
    "max": N_("At most"),
    "value": N_("How long"),
    "unit": N_("Unit"),
    "from": N_("Counted from"),
    "where": N_("Where"),
    "hours": N_("Opening hours"),
    "urls": N_("Web addresses"),
    "addresses": N_("Postal addresses"),
    "email": N_("E-mail address"),
    "phone": N_("Phone number"),
    "url": N_("Web address"),
    "date": N_("Date (YYYY-MM-DD)"),
    "offset": N_("Time allowed"),
    "days": N_("Days"),
    "weeks": N_("Weeks"),
    "months": N_("Months"),
    "years": N_("Years"),
    # A deadline's offset in hours is not a channel's opening hours: "parent.key" wins.
    "offset.hours": N_("Hours"),
    "before": N_("Before"),
    "after": N_("After"),
    "choose_one": N_("One of"),
}

# One item of a list, numbered from 1 ("Fee 2"), and the button that adds one.
ITEM_LABELS = {
    "fees": (N_("Fee {number}"), N_("Add a fee")),
    "documents": (N_("Document {number}"), N_("Add a document")),
    "eligibility": (N_("Condition {number}"), N_("Add a condition")),
    "time": (N_("Time {number}"), N_("Add a time")),
    "channels": (N_("Way to apply {number}"), N_("Add a way to apply")),
    "deadlines": (N_("Deadline {number}"), N_("Add a deadline")),
    "urls": (N_("Web address {number}"), N_("Add a web address")),
    "addresses": (N_("Postal address {number}"), N_("Add a postal address")),
    "choose_one": (N_("Choice {number}"), N_("Add a choice")),
    "*": (N_("Item {number}"), N_("Add an item")),
}

# The form's own words: buttons, the steps and sections, what changed, what is wrong.
WORDS = {
    "form_hint": N_(
        "Change only what is wrong. The team that owns the guide checks every change."
    ),
    "facts": N_("At a glance"),
    "steps": N_("Steps"),
    "step": N_("Step {number}"),
    "group": N_("Part: {name}"),
    "sections": N_("The rest of the page"),
    "remove": N_("Remove"),
    "move_up": N_("Move up"),
    "move_down": N_("Move down"),
    "add_step": N_("Add a step after this one"),
    "remove_step": N_("Remove this step"),
    "link_hint": N_("Links stay on these words while you keep them: {words}"),
    "section_source": N_(
        "This part has a table, HTML or a nested list, which the form cannot show: "
        "change it in “Edit the whole source” below."
    ),
    "whole_source": N_("Edit the whole source"),
    "source_used": N_("You are editing the whole source: the form above is switched off."),
    "changed_title": N_("What you changed"),
    "changed_value": N_("{field}: {old} → {new}"),
    "added_value": N_("{field}: added {new}"),
    "removed_value": N_("{field}: removed"),
    "item_added": N_("{item} added: {name}"),
    "item_removed": N_("{item} removed: {name}"),
    "item_moved": N_("{item} moved: {name}"),
    "step_reworded": N_("Step {number} reworded"),
    "step_added": N_("Step added: {text}"),
    "step_removed": N_("Step {number} removed"),
    "step_moved": N_("Step {number} moved"),
    "section_reworded": N_("Section reworded: {name}"),
    "error_empty": N_("{field}: enter a value"),
    "error_amount": N_("{field}: enter the amount as a number, such as 86 or 12.50"),
    "error_currency": N_("{field}: {code} is not a currency code (such as EUR)"),
    "error_last_step": N_("Steps: keep at least one step"),
    "error_schema": N_("{field}: {message}"),
    "error_nothing": N_("Change the guide before you send your suggestion."),
    "error_too_many": N_(
        "You changed too much for the form: edit the whole source instead."
    ),
}


def editor_labels(display: Display) -> dict[str, object]:
    """The form editor's words in ``display``'s language."""
    _ = display._
    return {
        "lang": display.lang,
        "fields": {key: _(label) for key, label in FIELD_LABELS.items()},
        "items": {key: [_(item), _(add)] for key, (item, add) in ITEM_LABELS.items()},
        "words": {key: _(word) for key, word in WORDS.items()},
    }


def editor_settings(languages: Iterable[str], default: str) -> str:
    """The JSON the suggestion page's form reads: ``{"labels": {lang: ...},
    "default": lang, "currencies": [...]}``, for each guide language given."""
    labels = {}
    for tag in sorted({default, *languages}):
        display = Display.of(tag, default)
        labels[tag] = editor_labels(display)
    return json.dumps(
        {"labels": labels, "default": default, "currencies": sorted(known_currencies())},
        ensure_ascii=False,
        separators=(",", ":"),
    )
