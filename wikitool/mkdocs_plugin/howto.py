"""A guide's steps as schema.org HowTo items: one per situation the guide declares (every
step that applies in it, in order, named "<title>: <situation>"), or one for a guide
without situations, so no path through the procedure is dropped.

Groups are HowToSections (schema.org: "a sub-grouping of steps in the instructions");
each alternative joined by ``or`` is a section of its own named "Or: <group>", since a
HowTo's steps are otherwise read as one sequence. Lists joined by ``and`` stay in their
group's section: both are done. A guide with one plain list gives HowToSteps directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wikitool.guides.situations import Situation, applies
from wikitool.guides.steps import StepList, Steps
from wikitool.locales.catalogues import STEPS
from wikitool.mkdocs_plugin.display import Display
from wikitool.mkdocs_plugin.guide import GuideFacts


def guide_howtos(
    guide: GuideFacts, steps: Steps | None, texts: Sequence[Sequence[str]], display: Display
) -> list[dict[str, Any]]:
    """The HowTo items of a guide; ``texts`` are the steps' texts as the page shows them,
    list by list (``step_marks.mark_steps``). ``[]`` for a guide without steps."""
    if steps is None or not any(step_list.steps for step_list in steps.lists()):
        return []
    shown = _texts_by_list(steps, texts)
    situations: Sequence[Situation | None] = guide.situations or (None,)
    return [_howto(guide, steps, shown, situation, display) for situation in situations]


def _texts_by_list(steps: Steps, texts: Sequence[Sequence[str]]) -> dict[int, list[str]]:
    """Each list's step texts by the list's line: the page's text, or the Markdown as
    written where the page has fewer lists (a section ``check`` refuses)."""
    by_line = {}
    for index, step_list in enumerate(steps.lists()):
        page = list(texts[index]) if index < len(texts) else []
        written = [step.text for step in step_list.steps]
        by_line[step_list.line] = [t for t in page if t] if len(page) == len(written) else written
    return by_line


def _howto(
    guide: GuideFacts,
    steps: Steps,
    texts: dict[int, list[str]],
    situation: Situation | None,
    display: Display,
) -> dict[str, Any]:
    situation_id = situation.id if situation else None
    groups = [group for group in steps.groups if applies(group.when, situation_id)]
    howto: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "HowTo",
        "name": f"{guide.title}: {situation.label}" if situation else guide.title,
    }
    if guide.summary:
        howto["description"] = guide.summary
    plain = len(groups) == 1 and not groups[0].title and len(groups[0].alternatives()) == 1
    if plain:
        howto["step"] = _steps(groups[0].lists, texts)
    else:
        howto["step"] = _sections(steps, situation_id, texts, display)
    documents = [d for d in guide.documents if applies(d.when, situation_id)]
    if documents:
        howto["supply"] = [{"@type": "HowToSupply", "name": d.name} for d in documents]
    return howto


def _sections(
    steps: Steps, situation: str | None, texts: dict[int, list[str]], display: Display
) -> list[dict[str, Any]]:
    sections: list[dict[str, Any]] = []
    before_kept = False
    for group in steps.groups:
        if not applies(group.when, situation):
            before_kept = False
            continue
        # "Or" only when the group it is the alternative of is in this HowTo too.
        instead = group.logic == "or" and before_kept
        before_kept = True
        for number, lists in enumerate(group.alternatives()):
            name = group.title or display._(STEPS)
            if number or instead:
                name = display._("Or: {name}").format(name=name)
            sections.append(
                {
                    "@type": "HowToSection",
                    "position": len(sections) + 1,
                    "name": name,
                    "itemListElement": _steps(lists, texts),
                }
            )
    return sections


def _steps(lists: Sequence[StepList], texts: dict[int, list[str]]) -> list[dict[str, Any]]:
    every = [text for step_list in lists for text in texts.get(step_list.line, [])]
    return [
        {"@type": "HowToStep", "position": n, "text": text} for n, text in enumerate(every, 1)
    ]
