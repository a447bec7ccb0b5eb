"""What the suggestion page's form editor may address in a guide, read the way
``changed_guide`` applies a change list: its fields, each step at its place, and each
section outside the steps.

Its own module because a site build writes every guide's parts and nothing else of the
change lists: it loads neither the change format nor the round-trip editing.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from wikitool.errors import GuideError
from wikitool.guides.markdown_body import Heading, headings
from wikitool.guides.page_source import PageSource, read_page
from wikitool.guides.steps import Step, StepGroup, StepList, Steps, read_steps


def editable_parts(
    text: str,
    path: str,
    read: PageSource | None = None,
    read_in: tuple[str, Steps | None] | None = None,
) -> dict[str, Any]:
    """What a change list may address in a guide, as the form editor shows it.

    ``{"fields": the front matter as JSON, "steps": [{"step", "group", "text"}],
    "sections": [{"section", "level", "text"}]}``: each step at its place, with its
    group's title (``""`` before any) and its text as ``{"step": N, "text": ...}``
    replaces it; each section outside the steps whose heading no other section has,
    with the text ``{"section": ..., "text": ...}`` replaces. Sending a text back
    unchanged changes nothing.

    ``read`` is ``text`` already read with ``read_page`` (as a build has it), when
    ``text`` has no BOM and no CR; ``read_in`` the steps already read from ``read``'s
    body, with the language they were read in (used when it is the guide's ``lang``).

    Raises:
        GuideError: the guide cannot be read.
    """
    # The plain reading (libyaml): a build gives every guide's parts, and the round-trip
    # reader would cost it seconds.
    page = read or read_page(text.removeprefix("\ufeff").replace("\r\n", "\n"), path)
    if page.data is None:
        raise GuideError(path, "missing front matter: the file must start with a line '---'", 1)
    lang = page.data.get("lang")
    lang = lang if isinstance(lang, str) else ""
    lines = page.body.split("\n")
    found = headings(page.body)
    steps = (
        read_in[1]
        if read is not None and read_in is not None and read_in[0] == lang
        else read_steps(page.body, lang)
    )
    names = Counter(h.text.strip().casefold() for h in found)
    return {
        "fields": page.data,
        "steps": [
            {"step": place, "group": group.title, "text": step.text}
            for place, (group, _, step) in enumerate(step_places(steps))
        ],
        "sections": [
            {
                "section": h.text.strip(),
                "level": h.level,
                "text": "\n".join(lines[slice(*section_text_lines(lines, h, found))]),
            }
            for h in found
            if not in_steps(h, steps) and names[h.text.strip().casefold()] == 1
        ],
    }


def step_places(found: Steps | None) -> list[tuple[StepGroup, StepList, Step]]:
    """Every step of the steps section in page order, with its group and list: the
    place of a step in this list is its ``step`` in a change list."""
    groups = found.groups if found is not None else ()
    return [
        (g, step_list, step) for g in groups for step_list in g.lists for step in step_list.steps
    ]


def in_steps(heading: Heading, steps: Steps | None) -> bool:
    """Whether ``heading`` is the steps heading or one of its groups'."""
    return steps is not None and steps.heading.index <= heading.index < steps.end


def section_text_lines(lines: list[str], heading: Heading, found: list[Heading]) -> tuple[int, int]:
    """The lines a section change replaces: under ``heading`` up to the next heading,
    without the blank lines around them (they stay, so only the text's lines change)."""
    start = heading.index + 1
    end = next((h.index for h in found if h.index > heading.index), len(lines))
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return start, end
