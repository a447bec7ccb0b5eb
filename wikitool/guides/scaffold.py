"""A new guide's starting point: valid front matter and the sections every guide has.

The placeholders start with ``TODO`` so an author (or a search) finds what is left to
write; they are valid values, so the skeleton passes ``wikitool check`` from the start.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from wikitool.errors import GuideError, UnsafePathError
from wikitool.guides.frontmatter import render_guide
from wikitool.guides.model_version import CURRENT_MODEL, MODEL_KEY
from wikitool.guides.paths import is_guide_path
from wikitool.locales.catalogues import steps_heading, translations
from wikitool.locales.language import DEFAULT_LANGUAGE, language_problem

_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
TITLE_MIN_CHARS = 3
TITLE_MAX_CHARS = 120

# The headings come from the catalogues, in the guide's language (`## Étapes`).
_BODY = """
TODO: Say in a sentence or two who this guide is for and what they will have at the end.

## {before}

TODO: What people need to have or know before they begin.

## {steps}

1. TODO: The first thing to do, in one short sentence.
2. TODO: The next thing to do.
3. TODO: What happens after they apply.

## {after}

TODO: How long it takes, and what to do if something goes wrong.
"""


def guide_skeleton(path: str, title: str, today: dt.date, lang: str = DEFAULT_LANGUAGE) -> str:
    """The text of a new guide at ``path``, reviewed ``today`` and due again in a year.

    Args:
        path: where the guide will live: ``content/<category>/<name>.md``.
        title: the task in the reader's words; one line of plain text.
        today: the guide's ``last_reviewed`` date.
        lang: the guide's language (a BCP 47 tag); its headings are in that language.

    Raises:
        UnsafePathError: ``path`` is not a guide path with slug folder and file names.
        GuideError: the title is empty, too long, on several lines, or contains HTML,
            or ``lang`` is not a language tag Babel knows.
    """
    parts = path.split("/")
    if not is_guide_path(path) or len(parts) != 3:
        raise UnsafePathError(f"{path}: a guide's path must be content/<category>/<name>.md")
    category, name = parts[1], parts[2].removesuffix(".md")
    for slug in (category, name):
        if not _SLUG_RE.fullmatch(slug):
            raise UnsafePathError(
                f"{path}: '{slug}' must be lowercase letters, digits and single hyphens"
            )
    front_matter: dict[str, Any] = {
        MODEL_KEY: CURRENT_MODEL,
        "title": _checked_title(path, title),
        "summary": "TODO: one or two sentences on what this guide helps people do.",
        "category": category,
        "agency": "TODO: the public body that runs this procedure",
        "owner": "TODO: the team that checks this guide",
        "last_reviewed": today,
        "review_by": _one_year_after(today),
        # Nothing is known yet, and the page must not say "Free" or "Same day".
        "fees": "not stated",
        "time": "not stated",
        "documents": [],
        "eligibility": ["TODO: who can apply, one condition per line"],
        "channels": [
            {
                "id": "in-person",
                "type": "in_person",
                "label": "TODO: the way to apply, such as In person",
                "where": "TODO: where to go",
            }
        ],
        "tags": [],
        "lang": _checked_language(path, lang),
    }
    labels = translations(lang)
    body = _BODY.format(
        before=labels.gettext("Before you start"),
        steps=steps_heading(lang),
        after=labels.gettext("After you apply"),
    )
    return render_guide(front_matter, body)


def _checked_language(path: str, lang: str) -> str:
    problem = language_problem(lang)
    if problem is not None:
        raise GuideError(path, problem)
    return lang


def _checked_title(path: str, title: str) -> str:
    title = title.strip()
    if not title:
        raise GuideError(path, "the title is empty")
    if _CONTROL_RE.search(title):
        raise GuideError(path, "the title must be one line of plain text")
    if "<" in title or ">" in title:
        raise GuideError(path, "the title must be plain text without HTML")
    if not TITLE_MIN_CHARS <= len(title) <= TITLE_MAX_CHARS:
        raise GuideError(
            path, f"the title must be {TITLE_MIN_CHARS} to {TITLE_MAX_CHARS} characters long"
        )
    return title


def _one_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)
