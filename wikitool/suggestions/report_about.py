"""What a citizen's report is about, found in the guide it reports on.

``about`` is one of (README, "The suggestion format"):

- ``steps``: the steps section (whatever its heading's language), or ``steps[N]``, its
  step at place N counted from 0 through every group in page order, as the review diff
  counts list items;
- a front matter field named as the review diff names it (``diffing/field_lookup.py``):
  ``fees``, ``fees[0]``, ``fees[Online renewal]``, ``channels[By post].addresses``;
- a section of the body by its ``##`` heading's text (``Before you start``), letter case
  aside.

Each is stored as the guide names it: a field by the diff's name for it, a section by
its heading as written, so the review log reads like the review diff.
"""

from __future__ import annotations

import re

from wikitool.diffing.field_lookup import find_field
from wikitool.errors import GuideError, SuggestionError
from wikitool.guides.frontmatter import parse_guide
from wikitool.guides.markdown_body import headings
from wikitool.guides.steps import read_steps

STEPS = "steps"
_STEP_RE = re.compile(r"steps\[(?P<place>\d{1,4})\]")
SECTION_LEVEL = 2


def report_about(raw: bytes, path: str, about: str) -> str:
    """The part of guide ``raw`` that ``about`` names, as the guide names it.

    Raises:
        SuggestionError: ``about`` names nothing in the guide (one line, saying what
            may be named).
    """
    try:
        guide = parse_guide(raw, path)
    except GuideError as error:
        raise SuggestionError(f"{path} cannot be read: {error}") from None
    wanted = " ".join(about.split())
    lang = guide.front_matter.get("lang")
    steps = read_steps(guide.body, lang if isinstance(lang, str) else "en")
    step = _STEP_RE.fullmatch(wanted)
    if wanted == STEPS and steps is not None:
        return STEPS
    if step is not None and steps is not None:
        count = sum(len(step_list.steps) for step_list in steps.lists())
        if int(step.group("place")) < count:
            return f"{STEPS}[{int(step.group('place'))}]"
        raise SuggestionError(
            f"about: {wanted} is not a step of {path}: it has {count} "
            f"(steps[0] to steps[{count - 1}])"
        )
    field = find_field(guide.front_matter, wanted)
    if field is not None:
        return field
    for heading in headings(guide.body):
        if heading.level == SECTION_LEVEL and heading.text.casefold() == wanted.casefold():
            return STEPS if steps is not None and heading == steps.heading else heading.text
    raise SuggestionError(
        f"about: {wanted!r} names nothing in {path}: give a field it has (fees, fees[0], "
        "fees[Online renewal]), steps, steps[N] or a section heading"
    )
