"""``review list`` and ``review show``: the backlog, and one suggestion with its verdict."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from wikitool.cli.base import (
    CONTEXT_SETTINGS,
    WikiContext,
    json_option,
    pass_wiki,
    print_json,
    table_lines,
)
from wikitool.cli.review.common import conflict_lines, use_color, when
from wikitool.diffing import render_text
from wikitool.review.events import EventKind, SuggestionKind
from wikitool.review.listing import SORTS, STATES, BacklogRow, review_list
from wikitool.review.record import SuggestionRecord
from wikitool.review.show import SuggestionView, review_show
from wikitool.review.verdict import Verdict
from wikitool.terminal import terminal_safe

BAR_FROM = 50
"""Suggestions to read before a progress bar is worth showing."""


# -- list ------------------------------------------------------------------------------


@click.command("list", context_settings=CONTEXT_SETTINGS)
@click.option(
    "--state",
    type=click.Choice(STATES),
    default="open",
    show_default=True,
    help="Which suggestions to list.",
)
@click.option(
    "--guide",
    metavar="GUIDE",
    help="Only this guide (.md optional), or every guide in this folder.",
)
@click.option(
    "--sort",
    type=click.Choice(SORTS),
    default="age",
    show_default=True,
    help="Oldest first, by guide, or most supporters first (then oldest first).",
)
@json_option("Print a list of suggestion objects as JSON.")
@pass_wiki
def list_suggestions(
    wiki: WikiContext, state: str, guide: str | None, sort: str, as_json: bool
) -> None:
    """List the suggestions, oldest first.

    Columns: id, age, guide, size, approvals, supporters, flags, summary.

    \b
    SIZE is lines added and removed. APPROVALS is given/needed. SUPPORT is
    how many citizens said "This affects me too" or suggested the same change.
    FLAGS:
      stale          main moved since the suggestion's base
      guide-changed  the guide itself changed on main since then (read it again)
      conflict       it would not merge cleanly onto main now
      sensitive      it changes a sensitive field (fees, eligibility, documents,
                     legal_basis, deadlines, channels...: review-policy.yaml);
                     two approvals from different people are needed
      report         a citizen's report in words, with no edit yet: review
                     checkout gives it a branch to edit, or reject it
      overdue        open longer than its folder's decide_within (working
                     days, Monday to Friday: review-policy.yaml)

    \b
    Example:
      wikitool review list
      wikitool review list --guide identity-and-travel --sort guide
      wikitool review list --sort support
      wikitool review list --state all --json
    """
    with _reading_bar() as progress:
        rows = review_list(wiki.store(), state=state, guide=guide, sort=sort, progress=progress)
    if as_json:
        print_json([row.to_json() for row in rows])
        return
    if not rows:
        click.echo(f"No {'' if state == 'all' else state + ' '}suggestions.")
        return
    table = [_row_cells(row, state) for row in rows]
    header = ["ID", "AGE", *(["STATE"] if state != "open" else []), "GUIDE", "SIZE"]
    header += ["APPROVALS", "SUPPORT", "FLAGS", "SUMMARY"]
    for line in table_lines(header, table):
        click.echo(line)
    click.echo(f"{len(rows)} suggestion(s)", err=True)


@contextmanager
def _reading_bar() -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr while many suggestions are read (the first listing)."""
    if not sys.stderr.isatty():
        yield None
        return
    bar: Any = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None and total >= BAR_FROM:
            bar = click.progressbar(length=total, label="Reading suggestions", file=sys.stderr)
            bar.__enter__()
        if bar is not None:
            bar.update(done - bar.pos)

    try:
        yield update
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def _row_cells(row: BacklogRow, state: str) -> list[str]:
    entry = row.entry
    cells = [entry.id, f"{row.age_days}d"]
    if state != "open":
        cells.append(entry.state.value)
    cells += [
        entry.guide.removeprefix("content/"),
        f"+{row.added} -{row.removed}",
        f"{len(row.verdict.requirements.approvers)}/{row.verdict.requirements.required}",
        str(entry.supporters),
        ",".join(row.flags) or "-",
        entry.summary,
    ]
    return cells


# -- show ------------------------------------------------------------------------------


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("suggestion_id", metavar="ID")
@json_option("Print the suggestion, its checks, approvals, mergeability and diff as JSON.")
@pass_wiki
def show(wiki: WikiContext, suggestion_id: str, as_json: bool) -> None:
    """Show suggestion ID: its change, checks and approvals.

    Its summary, rationale, warnings, approvals, whether it merges cleanly onto
    today's main, and a readable diff.

    The diff lists changed details (front matter) field by field and the text word by
    word: [-removed-] {+added+}. It is coloured on a terminal (not under NO_COLOR or
    in a pipe). ID is a suggestion id, or any unique start of one.

    \b
    Example:
      wikitool review show 01jd4m7k
      wikitool review show 01jd4m7k --json | jq .mergeable
    """
    view = review_show(wiki.store(), suggestion_id)
    if as_json:
        print_json(view.to_json())
        return
    color = use_color()
    # click strips ANSI codes when it thinks the stream is no terminal; we decided already.
    click.echo(_show_text(view, color), nl=False, color=color)


def _show_text(view: SuggestionView, color: bool) -> str:
    record = view.record
    lines = [
        terminal_safe(f"Suggestion {record.id} ({record.state.value})"),
        f"Guide:      {terminal_safe(record.guide)}",
        *_report_lines(view),
        f"Summary:    {terminal_safe(record.summary)}",
        f"Submitted:  {when(record.submitted_at)} by {terminal_safe(record.author)}",
    ]
    if record.rationale:
        rationale = terminal_safe(record.rationale, multiline=True).splitlines()
        lines.append(f"Rationale:  {rationale[0]}")
        lines += [f"            {line}" for line in rationale[1:]]
    if record.warnings:
        lines.append("Warnings:")
        lines += [f"  - {terminal_safe(w)}" for w in record.warnings]
    if record.supporters:
        lines.append(f"Supported:  {_supported(record.supporters, record.plus_ones)}")
        lines += [f"  - {terminal_safe(note)}" for note in record.supporter_notes]
    lines += _conversation_lines(record)
    lines += _recheck_lines(record)
    if view.amendments:
        lines.append("Amended:")
        lines += [
            terminal_safe(f"  {sha[:12]} {author}: {subject}")
            for sha, author, subject in view.amendments
        ]
    decision = record.decision
    if decision is not None:
        what = decision.kind.value + (
            f" ({decision.data['Reason']})" if decision.data.get("Reason") else ""
        )
        line = f"Decision:   {what} by {decision.actor} on {when(decision.time)}"
        lines.append(terminal_safe(line))
    else:
        lines += _standing_lines(view.verdict)
    text = "\n".join(lines) + "\n"
    for diff in view.diffs:
        text += "\n" + render_text(diff, color=color)
    return text


def _supported(supporters: int, plus_ones: int) -> str:
    """``3 other citizen(s) (1 suggested the same change)``."""
    same = f" ({plus_ones} suggested the same change)" if plus_ones else ""
    return f"{supporters} other citizen(s){same}"


def _conversation_lines(record: SuggestionRecord) -> list[str]:
    """Staff's questions and the citizen's answers, each with who and when."""
    if not record.conversation:
        return []
    lines = ["Questions:"]
    for event in record.conversation:
        who = "asked by" if event.kind is EventKind.QUESTION else "answered by"
        said = f"  {event.kind.value}, {who} {event.actor} on {when(event.time)}:"
        lines.append(terminal_safe(said))
        text = terminal_safe(event.text, multiline=True)
        lines += [f"    {line}" for line in text.splitlines()]
    return lines


def _recheck_lines(record: SuggestionRecord) -> list[str]:
    """The links between a suggestion and the reports that follow it, and the author's
    "Yes, the guide is right now" after publication."""
    lines = []
    if record.follows:
        lines.append(f"Follows:    {record.follows} (the citizen says it left the guide wrong)")
    lines += [
        f"Followed by: {later} (a report: something is still wrong)"
        for later in record.followed_by
    ]
    if record.confirmed is not None:
        when_said = when(record.confirmed.time)
        lines.append(f"Confirmed:  the author says the guide is right now ({when_said})")
    return [terminal_safe(line) for line in lines]  # ids from trailers anyone could forge


def _report_lines(view: SuggestionView) -> list[str]:
    """What a report is about (an edit says nothing here)."""
    record = view.record
    if record.kind is not SuggestionKind.REPORT:
        return []
    about = record.about or "the whole guide"
    return [f"Report:     about {terminal_safe(about)} (what is wrong, in the citizen's words)"]


def _standing_lines(verdict: Verdict) -> list[str]:
    """Approvals, mergeability, checks and readiness, all from the one verdict."""
    needs = verdict.requirements
    given = f"{len(needs.approvers)} of {needs.required} needed"
    if needs.sensitive_fields:
        given += f" (it changes {', '.join(needs.sensitive_fields)})"
    lines = [f"Approvals:  {given}"]
    lines += [f"  - {a}" for a in needs.approvers]
    if needs.owners:
        lines.append(f"Owners:     {', '.join(needs.owners)}")
    if needs.changes_requested_by:
        lines.append(f"Changes requested by: {', '.join(needs.changes_requested_by)}")
    if verdict.awaiting_edit:
        lines.append(f"Ready:      no: {verdict.blockers[0]}")
        return lines
    lines.append(f"Merge:      {_merge_line(verdict)}")
    for conflict in verdict.conflicts:
        lines += ["  " + line for line in conflict_lines(conflict)]
    problems = verdict.problems or ()
    if verdict.refused:
        lines.append("Screens:    the merged guide would be refused:")
        lines += [f"  - {r}" for r in verdict.refused]
    if not problems:
        lines.append("Checks:     the merged guide passes wikitool check")
    else:
        blocking = "would block the merge" if verdict.errors else "warnings only"
        lines.append(f"Checks:     {len(problems)} problem(s), {blocking}:")
        lines += [f"  - {p!s}" for p in problems]
    blockers = verdict.blockers
    lines.append(f"Ready:      {'yes' if not blockers else 'no: ' + '; '.join(blockers)}")
    return [terminal_safe(line) for line in lines]  # names and field names are untrusted


def _merge_line(verdict: Verdict) -> str:
    if verdict.conflicts:
        return "CONFLICT: does not merge cleanly onto today's main"
    if verdict.stale:
        return "merges cleanly onto today's main (main moved since its base: a three-way merge)"
    return "merges cleanly onto today's main (based on main's tip)"



