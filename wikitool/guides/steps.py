"""A guide's steps, read from the Markdown of its one steps section (``## Steps``, or
the heading in the guide's language: ``## Étapes``).

The convention, written so a citizen's text edit stays plain Markdown:

- the steps are the section's lists (numbered or bulleted), one step an item;
- ``### Title`` subheadings make groups (phases, GOV.UK's "steps" of a step-by-step);
  what comes before the first one is an untitled group, or an introduction if it holds
  no list. A group heading may end with ``{when: abroad, in-country}``: the group
  applies only in those situations (``guides/situations.py``);
- a paragraph that is only ``or`` (``ou``, ``o``, ``oder``: the catalogues' word) between
  two lists of a group says "one or the other"; ``and`` says "both, in any order or at
  the same time". Between two groups (ending the first) it joins the groups, as
  GOV.UK's ``logic: and|or`` joins a step to the one before.

A careful line scan, like ``markdown_body`` (fenced code skipped), giving 0-based body
line indexes. ``check`` reports ``Steps.problems``; the site renders the groups and
separators (``mkdocs_plugin/step_marks.py``) and describes them in JSON-LD.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from wikitool.guides.markdown_body import Heading, headings, lines_outside_code
from wikitool.locales.catalogues import step_joins, steps_headings

Join = Literal["", "and", "or"]
"""How a list (or group) joins the one before it: "" in sequence, or ``and``/``or``."""

GROUP_LEVEL = 3
_WHEN_RE = re.compile(r"^\{\s*when\s*:(?P<ids>[^{}]*)\}$")
_UNCLOSED_WHEN_RE = re.compile(r"\{\s*when\s*:")
_WHEN_IN_LINE_RE = re.compile(r"[ \t]*\{\s*when\s*:[^{}]*\}(?=[ \t#]*$)")
_ITEM_RE = re.compile(r"^ {0,3}(?:(?P<number>\d{1,9}\.)|[-*+])[ \t]+(?P<text>\S.*)$")
_RULE_RE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_TAG_RE = re.compile(r"<[^<>]*>")  # raw HTML in a heading: the reader sees its text only


@dataclass(frozen=True)
class Step:
    """One list item: its first line as written, and where it is."""

    line: int
    text: str


@dataclass(frozen=True)
class StepList:
    """One Markdown list of steps, and how it joins the list before it in its group."""

    line: int
    ordered: bool
    steps: tuple[Step, ...]
    join: Join = ""


@dataclass(frozen=True)
class StepGroup:
    """A group of steps (a phase): a ``### Title`` and the lists under it."""

    title: str
    """``""`` for the steps before any group heading."""
    line: int | None
    """The heading's line (``None`` for the untitled group)."""
    when: tuple[str, ...] = ()
    """The situations it applies in (``()``: every situation)."""
    lists: tuple[StepList, ...] = ()
    logic: Join = ""
    """How it joins the group before (a separator ending that group): GOV.UK's logic."""

    def alternatives(self) -> list[tuple[StepList, ...]]:
        """The group's lists split at each ``or``: the reader follows one of these
        (``or`` binds loosest, so ``A and B or C`` is "A and B" or "C")."""
        found: list[list[StepList]] = []
        for step_list in self.lists:
            if not found or step_list.join == "or":
                found.append([])
            found[-1].append(step_list)
        return [tuple(lists) for lists in found]


@dataclass(frozen=True)
class StepProblem:
    """A malformed part of the steps section, at a 0-based body line."""

    line: int
    message: str


@dataclass(frozen=True)
class Steps:
    """The steps section: its heading, its groups in order and what is malformed."""

    heading: Heading
    groups: tuple[StepGroup, ...]
    end: int
    """The body line just after the section (the next heading of its level, or the end)."""
    problems: tuple[StepProblem, ...] = ()

    def lists(self) -> list[StepList]:
        """Every list of steps, in the order of the page."""
        return [step_list for group in self.groups for step_list in group.lists]


def read_steps(body: str, lang: str) -> Steps | None:
    """The steps section of a guide's body in ``lang`` (``None`` if it has none)."""
    found = headings(body)
    accepted = steps_headings(lang)
    for position, heading in enumerate(found):
        if heading.level == 2 and _TAG_RE.sub("", heading.text).strip().casefold() in accepted:
            end = next(
                (h.index for h in found[position + 1 :] if h.level <= 2), len(body.split("\n"))
            )
            inner = [h for h in found[position + 1 :] if h.index < end]
            return _Reader(body, heading, end, inner, step_joins(lang)).read()
    return None


def visible_markdown(body: str, steps: Steps) -> str:
    """The body with each group heading's ``{when: ...}`` taken off, as the page shows
    it: the heading's text, and so its anchor, stay clean."""
    marked = {group.line for group in steps.groups if group.when and group.line is not None}
    if not marked:
        return body
    lines = body.split("\n")
    for index in marked:
        lines[index] = _WHEN_IN_LINE_RE.sub("", lines[index])
    return "\n".join(lines)


@dataclass(frozen=True)
class _Pending:
    """A separator read, waiting for the list it joins."""

    word: Join
    line: int
    shown: str
    group: int
    """How many groups were open when it was read."""


@dataclass
class _Group:
    title: str
    line: int | None
    when: tuple[str, ...] = ()
    logic: Join = ""
    lists: list[StepList] = field(default_factory=list)
    has_content: bool = False


class _Reader:
    """One pass over the section's blocks (runs of non-blank lines)."""

    def __init__(
        self, body: str, heading: Heading, end: int, inner: list[Heading], joins: dict[str, str]
    ) -> None:
        self.lines = body.split("\n")
        self.heading = heading
        self.end = end
        self.groups_at = {h.index: h for h in inner if h.level == GROUP_LEVEL}
        self.other_headings = {h.index for h in inner if h.level != GROUP_LEVEL}
        self.code = self._code_lines(body)
        self.joins = joins
        self.problems: list[StepProblem] = []
        self.groups: list[_Group] = [_Group("", None)]
        self.open_list: list[Step] | None = None  # the list being read, if the last block was one
        self.open_start = 0
        self.open_ordered = False
        self.pending: _Pending | None = None  # a separator waiting for its list

    def read(self) -> Steps:
        for block in self._blocks():
            self._read_block(block)
        self._close_list()
        self._end_group()
        if self.pending is not None:
            self._separator_problem(self.pending, "must be followed by a list of steps")
        groups = tuple(
            StepGroup(g.title, g.line, g.when, tuple(g.lists), g.logic)
            for g in self.groups
            if g.line is not None or g.lists
        )
        return Steps(self.heading, groups, self.end, tuple(self.problems))

    # -- blocks -------------------------------------------------------------------------

    def _code_lines(self, body: str) -> set[int]:
        outside = {index for index, _ in lines_outside_code(body)}
        return {i for i in range(self.heading.index + 1, self.end) if i not in outside}

    def _blocks(self) -> Iterator[list[int]]:
        block: list[int] = []
        for index in range(self.heading.index + 1, self.end):
            text = self.lines[index]
            if index in self.groups_at or index in self.other_headings:
                if block:
                    yield block
                yield [index]  # a heading is a block of its own
                block = []
            elif not text.strip() and index not in self.code:
                if block:
                    yield block
                block = []
            else:
                block.append(index)
        if block:
            yield block

    def _read_block(self, block: list[int]) -> None:
        first = block[0]
        if first in self.groups_at:
            self._start_group(self.groups_at[first])
            return
        self.groups[-1].has_content = True
        text = self.lines[first]
        word = self._join_word(first)
        if word is not None and len(block) == 1 and not _indented(text):
            self._read_separator(word, first, text.strip())
            return
        for index in block:
            if self._join_word(index) is not None:
                shown = self.lines[index].strip()
                self.problems.append(
                    StepProblem(
                        index,
                        f"'{shown}' must be a paragraph of its own, between two lists: "
                        "leave a blank line before and after it",
                    )
                )
        item = _ITEM_RE.match(text) if first not in self.code else None
        if item is not None and not _RULE_RE.match(text):
            self._read_list_block(block, item.group("number") is not None)
        elif _indented(text) and self.open_list is not None:
            self._add_items(block)  # more of the last item, or items after it
        else:
            self._close_list()
            self._take_pending_without_list()

    def _read_list_block(self, block: list[int], ordered: bool) -> None:
        if self.open_list is not None and ordered != self.open_ordered:
            self._close_list()  # Python-Markdown starts a new list when the kind changes
        if self.open_list is None:
            self.open_list, self.open_start, self.open_ordered = [], block[0], ordered
        self._add_items(block)

    def _add_items(self, block: list[int]) -> None:
        assert self.open_list is not None
        for index in block:
            item = _ITEM_RE.match(self.lines[index]) if index not in self.code else None
            if item is not None and not _RULE_RE.match(self.lines[index]):
                self.open_list.append(Step(index, item.group("text").strip()))

    def _close_list(self) -> None:
        if self.open_list is None:
            return
        join: Join = ""
        group = self.groups[-1]
        if self.pending is not None:
            join = self.pending.word
            self.pending = None
            if not group.lists:  # the separator ended the group before
                group.logic, join = join, ""
        steps = tuple(self.open_list)
        group.lists.append(StepList(self.open_start, self.open_ordered, steps, join))
        self.open_list = None

    # -- separators ---------------------------------------------------------------------

    def _join_word(self, index: int) -> Join | None:
        if index in self.code:
            return None
        word = self.joins.get(self.lines[index].strip().casefold())
        return "or" if word == "or" else "and" if word == "and" else None

    def _read_separator(self, word: Join, index: int, shown: str) -> None:
        after_list = self.open_list is not None
        self._close_list()
        if self.pending is not None:
            self._separator_problem(self.pending, "must be followed by a list of steps")
        self.pending = _Pending(word, index, shown, len(self.groups))
        if not after_list:
            self._separator_problem(self.pending, "must come straight after a list of steps")
            self.pending = None

    def _take_pending_without_list(self) -> None:
        # A group joined to the one before may open with a few words before its list.
        opening = self.pending is not None and self.pending.group < len(self.groups)
        if self.pending is not None and not (opening and not self.groups[-1].lists):
            self._separator_problem(self.pending, "must be followed by a list of steps")
            self.pending = None

    def _separator_problem(self, pending: _Pending, what: str) -> None:
        message = f"'{pending.shown}' joins two lists of steps: it {what}"
        self.problems.append(StepProblem(pending.line, message))

    # -- groups -------------------------------------------------------------------------

    def _start_group(self, heading: Heading) -> None:
        self._close_list()
        self._end_group()
        if not heading.text.strip():
            message = "a group heading needs a title: '### Apply from abroad {when: abroad}'"
            self.problems.append(StepProblem(heading.index, message))
        self.groups.append(_Group(heading.text, heading.index, self._when(heading)))

    def _end_group(self) -> None:
        group = self.groups[-1]
        if group.line is None:
            return  # an introduction without a list is fine
        if not group.has_content:
            message = f"the group '{group.title}' is empty: list its steps under its heading"
            self.problems.append(StepProblem(group.line, message))
        elif not group.lists:
            message = (
                f"the group '{group.title}' has no list of steps: "
                "give each step as an item (1., 2., 3.)"
            )
            self.problems.append(StepProblem(group.line, message))

    def _when(self, heading: Heading) -> tuple[str, ...]:
        match = _WHEN_RE.match(heading.braces)
        if match is None:
            if _UNCLOSED_WHEN_RE.search(heading.text):
                message = "the group heading's '{when:' is not closed: end it with '}'"
                self.problems.append(StepProblem(heading.index, message))
            return ()
        ids = [part.strip() for part in match.group("ids").split(",")]
        if not all(ids):
            message = (
                f"the group '{heading.text}': '{{when:' needs situation ids separated by "
                "commas, such as {when: abroad, in-country}"
            )
            self.problems.append(StepProblem(heading.index, message))
        return tuple(i for i in ids if i)


def _indented(line: str) -> bool:
    return line.startswith(("    ", "\t"))
