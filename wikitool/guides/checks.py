"""Checks on whole pages: schema, language, the Steps section, links, whether the site can
render the body, review and source dates and category.

Paths are repository-relative POSIX paths (``content/travel/renew-adult-passport.md``);
``existing_paths`` is every file of the wiki in the same form. Every check returns
problems rather than raising, so ``wikitool check`` can report them all at once.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from wikitool.errors import GuideError
from wikitool.guides.channel_checks import check_deadlines, check_ways_to_apply
from wikitool.guides.cost_and_time import check_cost_and_time
from wikitool.guides.frontmatter import GuideView, parse_guide
from wikitool.guides.markdown_body import (
    has_list_after_paragraph,
    has_ordered_list,
    links,
    section_text,
)

# Defined in paths.py (one definition for the wiki and the site); still importable here.
from wikitool.guides.model_version import MODEL_KEY, model_version_problem
from wikitool.guides.page_source import read_page
from wikitool.guides.paths import CONTENT_DIR, INDEX_PAGE, is_guide_path, is_index_path
from wikitool.guides.rendering import rendering_problems
from wikitool.guides.situation_checks import (
    check_model_2,
    check_situations,
    undeclared_situation,
)
from wikitool.guides.situations import read_situations
from wikitool.guides.steps import read_steps
from wikitool.locales.catalogues import steps_heading
from wikitool.locales.language import language_problem
from wikitool.model import Problem
from wikitool.schema import validate_front_matter, validate_index_front_matter

_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_guide(
    path: str,
    raw: bytes | str,
    existing_paths: set[str],
    today: dt.date,
    strict: bool = False,
) -> list[Problem]:
    """Every check on one page: a guide in full, an index page lightly.

    Args:
        path: the page's repository-relative path.
        raw: the page's bytes.
        existing_paths: every file in the wiki, for link checks.
        today: the date review dates are compared with.
        strict: report a passed ``review_by`` as an error rather than a warning.

    Returns:
        The problems found, sorted by line; a page that cannot be parsed gives one.
    """
    if is_index_path(path):
        return check_index_page(path, raw, existing_paths)
    if not is_guide_path(path):
        return [Problem(path, None, "not a page of the wiki (pages are content/**/*.md)")]
    quick = _quick_guide(raw, path)
    if quick is not None and not _guide_problems(quick, existing_paths, today, strict):
        return []  # the common case: a valid guide, read without the round-trip parser
    # Problems to report (or a page the quick reader is unsure of): read it round-trip,
    # which knows the line of every key.
    try:
        guide = parse_guide(raw, path)
    except GuideError as error:
        return [Problem(path, error.line, error.message)]
    return _sorted(_guide_problems(guide, existing_paths, today, strict))


def _guide_problems(
    guide: GuideView, existing_paths: set[str], today: dt.date, strict: bool
) -> list[Problem]:
    future = model_version_problem(guide.data())
    if future is not None:
        # Read by this version's rules, a newer guide would only drown this line in
        # errors about fields this wikitool does not know.
        return [Problem(guide.path, guide.line_of([MODEL_KEY]), future)]
    return [
        *validate_front_matter(guide),
        *check_category(guide),
        *check_language(guide),
        *check_steps(guide),
        *check_links(guide, existing_paths),
        *rendering_problems(guide.path, guide.body, guide.body_line),
        *check_review_dates(guide, today, strict=strict),
        *check_source_dates(guide, today),
        *check_ways_to_apply(guide),
        *check_deadlines(guide, today, strict=strict),
        *check_cost_and_time(guide),
        *check_situations(guide),
        *check_model_2(guide),
    ]


@dataclass(frozen=True)
class _QuickGuide:
    """A guide read by the fast plain-data reader: the checks' view without line numbers.

    Only used to find that a guide has no problem; any problem is reported from the
    round-trip parse, which has the lines.
    """

    path: str
    front_matter: dict[str, Any]
    body: str
    closing_line: int = 0
    body_line: int = 0

    def data(self) -> dict[str, Any]:
        return self.front_matter

    def line_of(self, location: Sequence[str | int]) -> int | None:
        return None


def _quick_guide(raw: bytes | str, path: str) -> _QuickGuide | None:
    """The guide read fast, or None when only the full parser may judge it."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
    if "\r" in raw or "\x00" in raw or raw.startswith("\ufeff"):
        return None
    try:
        page = read_page(raw, path)
    except GuideError:
        return None
    if page.data is None:
        return None
    return _QuickGuide(path, page.data, page.body)


def check_index_page(path: str, raw: bytes | str, existing_paths: set[str]) -> list[Problem]:
    """Checks for a home or category page: front matter with a plain title, links that resolve."""
    try:
        page = parse_guide(raw, path)
    except GuideError as error:
        return [Problem(path, error.line, error.message)]
    return _sorted(
        [
            *validate_index_front_matter(page),
            *check_links(page, existing_paths),
            *rendering_problems(page.path, page.body, page.body_line),
        ]
    )


def check_category(guide: GuideView) -> list[Problem]:
    """A guide lives at ``content/<category>/<name>.md`` and its ``category`` is that folder."""
    parts = guide.path.split("/")
    if len(parts) != 3:
        return [Problem(guide.path, None, "guides must be at content/<category>/<name>.md")]
    folder = parts[1]
    category = guide.front_matter.get("category")
    if isinstance(category, str) and category != folder:
        line = guide.line_of(["category"])
        message = f"category '{category}' does not match the guide's folder '{folder}'"
        return [Problem(guide.path, line, message)]
    return []


def check_language(guide: GuideView) -> list[Problem]:
    """``lang`` is a BCP 47 tag Babel knows (the schema reports a missing or non-text one)."""
    lang = guide.data().get("lang")
    if not isinstance(lang, str):
        return []
    message = language_problem(lang)
    return [] if message is None else [Problem(guide.path, guide.line_of(["lang"]), message)]


def check_steps(guide: GuideView) -> list[Problem]:
    """The body has a steps section holding a numbered list: ``## Steps``, or the same
    heading in the guide's language (``## Étapes`` for ``lang: fr``); its groups, their
    ``{when: ...}`` and its ``or``/``and`` follow the convention of ``guides/steps.py``."""
    data = guide.data()
    lang = data.get("lang")
    lang = lang if isinstance(lang, str) else ""
    steps = read_steps(guide.body, lang)
    if steps is None:
        message = f"missing a '## {steps_heading(lang)}' section with a numbered list of steps"
        return [Problem(guide.path, guide.closing_line, message)]
    problems = [Problem(guide.path, guide.body_line + p.line, p.message) for p in steps.problems]
    declared = {situation.id for situation in read_situations(data)}
    for group in steps.groups:
        for name in group.when:
            if name not in declared and group.line is not None:
                why = undeclared_situation(name, declared)
                message = f"the group '{group.title}' {{when: ...}}: {why}"
                problems.append(Problem(guide.path, guide.body_line + group.line, message))
    text = section_text(guide.body, steps.heading)
    if not has_ordered_list(text):
        name = f"## {steps.heading.text}"
        message = f"the '{name}' section has no numbered list (1., 2., 3.)"
        if has_list_after_paragraph(text):
            message = f"the '{name}' section has no numbered list: leave a blank line before '1.'"
        problems.append(Problem(guide.path, guide.body_line + steps.heading.index, message))
    return problems


def check_links(guide: GuideView, existing_paths: set[str]) -> list[Problem]:
    """Relative links point to files of the wiki; web links and same-page anchors are skipped."""
    problems = []
    for link in links(guide.body):
        message = _link_problem(guide.path, link.target, existing_paths)
        if message is not None:
            problems.append(Problem(guide.path, guide.body_line + link.index, message))
    return problems


def check_review_dates(guide: GuideView, today: dt.date, strict: bool = False) -> list[Problem]:
    """``review_by`` has not passed (a warning, or an error if ``strict``); ``last_reviewed``
    is neither in the future nor after ``review_by``. Dates the schema refuses are skipped."""
    data = guide.data()
    last_reviewed = _as_date(data.get("last_reviewed"))
    review_by = _as_date(data.get("review_by"))
    problems = []
    if review_by is not None and review_by < today:
        problems.append(
            Problem(
                guide.path,
                guide.line_of(["review_by"]),
                f"review_by date {review_by} has passed: check the guide and set a new date",
                "error" if strict else "warning",
            )
        )
    if last_reviewed is not None:
        line = guide.line_of(["last_reviewed"])
        if last_reviewed > today:
            message = f"last_reviewed date {last_reviewed} is in the future"
            problems.append(Problem(guide.path, line, message))
        if review_by is not None and last_reviewed > review_by:
            message = f"last_reviewed date {last_reviewed} is after review_by date {review_by}"
            problems.append(Problem(guide.path, line, message))
    return problems


def check_source_dates(guide: GuideView, today: dt.date) -> list[Problem]:
    """No source was read on a date still to come. Dates the schema refuses are skipped."""
    sources = guide.data().get("sources")
    problems = []
    for index, source in enumerate(sources if isinstance(sources, list) else []):
        seen = _as_date(source.get("seen")) if isinstance(source, dict) else None
        if seen is not None and seen > today:
            line = guide.line_of(["sources", index, "seen"])
            message = f"sources[{index}].seen date {seen} is in the future"
            problems.append(Problem(guide.path, line, message))
    return problems


def _link_problem(page: str, target: str, existing_paths: set[str]) -> str | None:
    if not target or target.startswith("#") or target.startswith("//"):
        return None
    if _SCHEME_RE.match(target):
        return None  # web, mail and phone links are not checked here
    file_part = re.split(r"[#?]", target, maxsplit=1)[0]
    if not file_part:
        return None
    if file_part.startswith("/"):
        return f"link '{target}' is absolute: use a relative link such as '../category/guide.md'"
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(file_part)))
    if file_part.endswith("/"):
        resolved = posixpath.join(resolved, INDEX_PAGE)
    if resolved != CONTENT_DIR and not resolved.startswith(CONTENT_DIR + "/"):
        return f"link '{target}' points outside the wiki"
    if resolved not in existing_paths:
        return f"link '{target}' points to {resolved}, which does not exist"
    return None


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, str) and _ISO_DATE_RE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line or 0, p.message))
