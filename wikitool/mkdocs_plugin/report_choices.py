"""What a citizen's report may be about, in a guide's own words: the choices of "Which
part of the guide?" on the report form (``theme/assets/javascripts/report.js``), written
into each guide's source for the suggestion page (``sources.py``).

Each choice is an ``about`` the intake finds in the guide (``suggestions/report_about.py``):
a panel fact by its field (``fees[0]``), ``steps`` and each step (``steps[2]``), and each
other ``##`` section by its heading; each named as the page names it, with the panel's
question before a fact ("What it costs: Online renewal").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from wikitool.mkdocs_plugin.display import Display
from wikitool.mkdocs_plugin.fact_links import short_name
from wikitool.mkdocs_plugin.guide import CHANNEL_NAMES, GuideFacts, every_fee
from wikitool.mkdocs_plugin.panel_fees import fee_name
from wikitool.mkdocs_plugin.panel_time import time_name

Choice = dict[str, str]
"""``{"about": "fees[0]", "label": "What it costs: Online renewal"}``."""


def report_choices(
    guide: GuideFacts,
    step_texts: Sequence[Sequence[str]],
    sections: Iterable[str],
    d: Display,
) -> list[dict[str, Any]]:
    """The choices in groups (``{"group": label, "choices": [...]}``), leaving out an
    empty group; ``step_texts`` are the steps list by list as the page shows them,
    ``sections`` the other ``##`` headings as written."""
    groups = [
        (d._("At a glance"), _facts(guide, d)),
        (d._("Steps"), _steps(step_texts, d)),
        (d._("Other parts of the page"), [{"about": s, "label": s} for s in sections]),
    ]
    return [{"group": label, "choices": choices} for label, choices in groups if choices]


def _facts(guide: GuideFacts, d: Display) -> list[Choice]:
    def named(question: str, field: str, name: str) -> Choice:
        label = d._("{name}: {detail}").format(name=question, detail=short_name(name))
        return {"about": field, "label": label}

    costs, takes = d._("What it costs"), d._("How long it takes")
    found = [named(costs, fee.field, fee_name(fee, d)) for fee in every_fee(guide.fees)]
    if guide.fees == () or guide.fees_not_stated:
        found.append({"about": "fees", "label": costs})
    found += [named(takes, entry.field, time_name(entry, d)) for entry in guide.time]
    if guide.time_not_stated:
        found.append({"about": "time", "label": takes})
    elif guide.processing_time is not None and not guide.time:
        found.append({"about": "processing_time", "label": takes})
    who, bring = d._("Who can apply"), d._("What to bring")
    found += [named(who, c.field, c.text) for c in guide.eligibility]
    found += [named(bring, doc.field, doc.name) for doc in guide.documents]
    how = d._("How to apply")
    found += [named(how, c.field, d._(CHANNEL_NAMES[c.kind])) for c in guide.apply]
    found += [named(how, c.field, c.label) for c in guide.channels]
    by_when = d._("Deadlines")
    found += [named(by_when, deadline.field, deadline.label) for deadline in guide.deadlines]
    return [choice for choice in found if choice["about"]]


def _steps(step_texts: Sequence[Sequence[str]], d: Display) -> list[Choice]:
    texts = [text for step_list in step_texts for text in step_list]
    if not texts:
        return []
    choices = [{"about": "steps", "label": d._("Every step")}]
    for place, text in enumerate(texts):
        label = d._("Step {number}: {text}").format(
            number=d.number(place + 1), text=short_name(text)
        )
        choices.append({"about": f"steps[{place}]", "label": label})
    return choices
