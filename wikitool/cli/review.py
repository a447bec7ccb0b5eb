"""``wikitool review``: staff list, read, discuss, approve, reject and merge suggestions."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from wikitool.cli.base import (
    CONTEXT_SETTINGS,
    WikiContext,
    WikitoolGroup,
    echo_line,
    json_option,
    pass_wiki,
    print_json,
    repo_option,
    stdout_is_terminal,
    table_lines,
)
from wikitool.diffing import render_text
from wikitool.errors import WikitoolError
from wikitool.gitstore import FileConflict
from wikitool.review.decisions import (
    review_approve,
    review_comment,
    review_reject,
    review_request_changes,
    review_verdict,
)
from wikitool.review.events import RejectReason, ReviewEvent
from wikitool.review.listing import SORTS, STATES, BacklogRow, review_list
from wikitool.review.log import read_events
from wikitool.review.merge import SuggestionConflictError, review_merge
from wikitool.review.record import resolve_id
from wikitool.review.show import SuggestionView, review_show
from wikitool.review.staff import Staff, staff_identity
from wikitool.review.stats import review_stats
from wikitool.review.verdict import Verdict
from wikitool.terminal import terminal_safe

F = TypeVar("F", bound=Callable[..., Any])
BAR_FROM = 50
"""Suggestions to read before a progress bar is worth showing."""


def staff_option(func: F) -> F:
    """The ``--as "Name <email>"`` option of every command that acts."""
    return click.option(
        "--as",
        "as_staff",
        metavar='"NAME <EMAIL>"',
        help="Who is acting (default: $WIKITOOL_STAFF, $GIT_AUTHOR_NAME/EMAIL, git config).",
    )(func)


def message_option(required: bool, help_text: str) -> Callable[[F], F]:
    """``-m/--message``."""
    return click.option("-m", "--message", required=required, help=help_text)


def _staff(wiki: WikiContext, as_staff: str | None) -> Staff:
    return staff_identity(as_staff, wiki.store())


def _recorded(staff: Staff) -> None:
    """Say whose name went on the record when the machine chose it rather than ``--as``:
    a shared computer's git identity must not act for someone silently."""
    if not staff.named:
        click.echo(f"Recorded as {staff.identity} (from {staff.source})", err=True)


def _when(stamp: int) -> str:
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(stamp))


def _use_color() -> bool:
    return stdout_is_terminal() and not os.environ.get("NO_COLOR")


@click.group(cls=WikitoolGroup, context_settings=CONTEXT_SETTINGS)
@repo_option
def review() -> None:
    """Review citizens' suggestions: list, read, decide, merge.

    Staff list, read, discuss, approve, reject and merge suggestions.

    Every action is recorded in the suggestion's review log (refs/reviews/<id>) with
    who did it and when; `wikitool review log ID` shows it.

    \b
    Example (read the oldest suggestion, approve it with a colleague, merge):
      wikitool review list
      wikitool review show 01jd4m7k
      wikitool review approve 01jd4m7k --as "Ana Ruiz <ana.ruiz@veloria.invalid>"
      wikitool review approve 01jd4m7k --as "Ben Osei <ben.osei@veloria.invalid>"
      wikitool review merge 01jd4m7k
    """


# -- list ------------------------------------------------------------------------------


@review.command("list", context_settings=CONTEXT_SETTINGS)
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
    help="Oldest first, or by guide (then oldest first).",
)
@json_option("Print a list of suggestion objects as JSON.")
@pass_wiki
def list_suggestions(
    wiki: WikiContext, state: str, guide: str | None, sort: str, as_json: bool
) -> None:
    """List the suggestions, oldest first.

    Columns: id, age, guide, size, approvals, +1s, flags, summary.

    \b
    SIZE is lines added and removed. APPROVALS is given/needed. FLAGS:
      stale          main moved since the suggestion's base
      guide-changed  the guide itself changed on main since then (read it again)
      conflict       it would not merge cleanly onto main now
      sensitive      it changes fees, eligibility, documents or legal_basis
                     (two approvals from different people are needed)

    \b
    Example:
      wikitool review list
      wikitool review list --guide identity-and-travel --sort guide
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
    header += ["APPROVALS", "+1", "FLAGS", "SUMMARY"]
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
        str(entry.plus_ones),
        ",".join(row.verdict.flags) or "-",
        entry.summary,
    ]
    return cells


# -- show ------------------------------------------------------------------------------


@review.command(context_settings=CONTEXT_SETTINGS)
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
    color = _use_color()
    # click strips ANSI codes when it thinks the stream is no terminal; we decided already.
    click.echo(_show_text(view, color), nl=False, color=color)


def _show_text(view: SuggestionView, color: bool) -> str:
    record = view.record
    lines = [
        terminal_safe(f"Suggestion {record.id} ({record.state.value})"),
        f"Guide:      {terminal_safe(record.guide)}",
        f"Summary:    {terminal_safe(record.summary)}",
        f"Submitted:  {_when(record.submitted_at)} by {terminal_safe(record.author)}",
    ]
    if record.rationale:
        rationale = terminal_safe(record.rationale, multiline=True).splitlines()
        lines.append(f"Rationale:  {rationale[0]}")
        lines += [f"            {line}" for line in rationale[1:]]
    if record.warnings:
        lines.append("Warnings:")
        lines += [f"  - {terminal_safe(w)}" for w in record.warnings]
    if record.plus_ones:
        lines.append(f"Supported:  {record.plus_ones} other citizen(s) suggested the same (+1)")
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
        line = f"Decision:   {what} by {decision.actor} on {_when(decision.time)}"
        lines.append(terminal_safe(line))
    else:
        lines += _standing_lines(view.verdict)
    text = "\n".join(lines) + "\n"
    for diff in view.diffs:
        text += "\n" + render_text(diff, color=color)
    return text


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
    lines.append(f"Merge:      {_merge_line(verdict)}")
    for conflict in verdict.conflicts:
        lines += ["  " + line for line in _conflict_lines(conflict)]
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


def _conflict_lines(conflict: FileConflict) -> list[str]:
    lines = [terminal_safe(f"{conflict.path}: {conflict.reason}")]
    for hunk in conflict.hunks:
        lines.append(f"  at line {hunk.line} of the suggestion's base:")
        lines += [f"    main:       {terminal_safe(line)}" for line in hunk.ours or ("(nothing)",)]
        lines += [
            f"    suggestion: {terminal_safe(line)}" for line in hunk.theirs or ("(nothing)",)
        ]
    return lines


# -- decisions -------------------------------------------------------------------------


@review.command(context_settings=CONTEXT_SETTINGS)
@click.argument("suggestion_id", metavar="ID")
@message_option(True, "The comment (public on the citizen's tracking page).")
@staff_option
@pass_wiki
def comment(wiki: WikiContext, suggestion_id: str, message: str, as_staff: str | None) -> None:
    """Comment on suggestion ID without deciding anything.

    \b
    Example:
      wikitool review comment 01jd4m7k -m "Checking the new fee with Finance."
    """
    staff = _staff(wiki, as_staff)
    event = review_comment(wiki.store(), suggestion_id, staff=staff.identity, text=message)
    _recorded(staff)
    echo_line(f"Commented on suggestion {event.suggestion_id}")


@review.command(context_settings=CONTEXT_SETTINGS)
@click.argument("suggestion_id", metavar="ID")
@message_option(False, "Optional note with the approval.")
@staff_option
@pass_wiki
def approve(
    wiki: WikiContext, suggestion_id: str, message: str | None, as_staff: str | None
) -> None:
    """Approve the current version of suggestion ID.

    The suggestion's author (and anyone who amended it) cannot approve it; each
    person's approval counts once. Approvals are for the version you saw: if the
    branch is amended later, it needs fresh approvals.

    \b
    Example:
      wikitool review approve 01jd4m7k --as "Ana Ruiz <ana.ruiz@veloria.invalid>"
    """
    store = wiki.store()
    staff = _staff(wiki, as_staff)
    event = review_approve(store, suggestion_id, staff=staff.identity, text=message or "")
    _recorded(staff)
    try:
        verdict = review_verdict(store, event.suggestion_id)
    except WikitoolError as error:
        # The approval is recorded; only the readiness report failed (a broken policy).
        echo_line(f"Approved suggestion {event.suggestion_id}")
        echo_line(f"Note: cannot tell whether it is ready to merge: {error}", err=True)
        return
    needs, blockers = verdict.requirements, verdict.blockers
    status = "ready to merge" if not blockers else "not ready to merge: " + "; ".join(blockers)
    echo_line(
        f"Approved suggestion {event.suggestion_id} "
        f"({len(needs.approvers)} of {needs.required} approvals; {status})"
    )


@review.command("request-changes", context_settings=CONTEXT_SETTINGS)
@click.argument("suggestion_id", metavar="ID")
@message_option(True, "What must change (public on the citizen's tracking page).")
@staff_option
@pass_wiki
def request_changes(
    wiki: WikiContext, suggestion_id: str, message: str, as_staff: str | None
) -> None:
    """Ask for changes to suggestion ID before it can merge.

    It cannot be merged until you approve it or the branch is amended (see review
    checkout).

    \b
    Example:
      wikitool review request-changes 01jd4m7k -m "The fee applies from 1 March."
    """
    staff = _staff(wiki, as_staff)
    event = review_request_changes(
        wiki.store(), suggestion_id, staff=staff.identity, text=message
    )
    _recorded(staff)
    echo_line(f"Requested changes to suggestion {event.suggestion_id}")


@review.command(context_settings=CONTEXT_SETTINGS)
@click.argument("suggestion_id", metavar="ID")
@click.option(
    "--reason",
    required=True,
    type=click.Choice([r.value for r in RejectReason]),
    help="Why (shown to the citizen).",
)
@message_option(False, "Explanation for the citizen (required with --reason other).")
@staff_option
@pass_wiki
def reject(
    wiki: WikiContext,
    suggestion_id: str,
    reason: str,
    message: str | None,
    as_staff: str | None,
) -> None:
    """Reject suggestion ID and archive its branch.

    The branch is kept under refs/archive/suggestions/.

    \b
    Example:
      wikitool review reject 01jd4m7k --reason duplicate -m "Same as 01jd3x9q."
    """
    staff = _staff(wiki, as_staff)
    closed = review_reject(
        wiki.store(),
        suggestion_id,
        staff=staff.identity,
        reason=RejectReason(reason),
        text=message or "",
    )
    _recorded(staff)
    echo_line(f"Rejected suggestion {closed.event.suggestion_id} ({reason})")
    for note in closed.notes:
        echo_line(f"Note: {note}", err=True)


@review.command(context_settings=CONTEXT_SETTINGS)
@click.argument("suggestion_id", metavar="ID")
@staff_option
@json_option('Print {"id", "commit", "previous_main", "three_way", "approvers", ...} as JSON.')
@pass_wiki
def merge(wiki: WikiContext, suggestion_id: str, as_staff: str | None, as_json: bool) -> None:
    """Merge approved suggestion ID onto main.

    Needs one approval, or two from different people when a sensitive field (fees,
    eligibility, documents, legal_basis) changes; review-policy.yaml on main can ask
    for more per folder. The result must pass `wikitool check`. Always writes a merge
    commit (summary, Suggestion-Id and Reviewed-by trailers). On a conflict it exits
    with code 3, shows the clashing lines, and changes nothing.

    \b
    Example:
      wikitool review merge 01jd4m7k --as "Ben Osei <ben.osei@veloria.invalid>"
    """
    staff = _staff(wiki, as_staff)
    try:
        result = review_merge(wiki.store(), suggestion_id, staff=staff.identity)
    except SuggestionConflictError as error:
        for conflict in error.conflicts:
            for line in _conflict_lines(conflict):
                click.echo(line, err=True)
        raise
    _recorded(staff)
    if as_json:
        print_json(result.to_json())
    else:
        how = "three-way merge" if result.three_way else "based on main's tip"
        echo_line(f"Merged suggestion {result.id} as {result.commit[:12]} ({how})")
    for note in result.notes:
        echo_line(f"Note: {note}", err=True)


# -- trail, checkout, stats ---------------------------------------------------------------


@review.command("log", context_settings=CONTEXT_SETTINGS)
@click.argument("suggestion_id", metavar="ID")
@json_option('Print a list of {"event", "by", "time", "text", "data"} as JSON.')
@pass_wiki
def log(wiki: WikiContext, suggestion_id: str, as_json: bool) -> None:
    """Show suggestion ID's audit trail: who did what, and when.

    Each event with what its author said.

    \b
    Example:
      wikitool review log 01jd4m7k
    """
    store = wiki.store()
    events = read_events(store, resolve_id(store, suggestion_id))
    if as_json:
        print_json([_event_json(e) for e in events])
        return
    for event in events:
        echo_line(_event_line(event))
        for line in terminal_safe(event.text, multiline=True).splitlines():
            click.echo(f"    {line}")


def _event_json(event: ReviewEvent) -> dict[str, object]:
    return {
        "event": event.kind.value,
        "by": event.actor,
        "time": event.time,
        "text": event.text,
        "data": dict(event.data),
        "commit": event.commit,
    }


def _event_line(event: ReviewEvent) -> str:
    what = event.kind.value
    extra = ""
    if event.data.get("Reason"):
        what += f" ({event.data['Reason']})"
    if event.data.get("Merged-As"):
        extra = f"  merged as {event.data['Merged-As'][:12]}"
    elif event.data.get("Commit"):
        extra = f"  version {event.data['Commit'][:12]}"
    return f"{_when(event.time)}  {what:<16} {event.actor}{extra}"


@review.command(context_settings=CONTEXT_SETTINGS)
@click.argument("suggestion_id", metavar="ID")
@pass_wiki
def checkout(wiki: WikiContext, suggestion_id: str) -> None:
    """Check out suggestion ID's branch to amend it yourself.

    The branch is checked out in the staff working tree.

    Edit, commit as usual: your commits are on the suggestion's branch and are
    reviewed like the rest (the log records them as an amend; approvals given before
    count no more, and you cannot approve a suggestion you amended).

    \b
    Example:
      wikitool review checkout 01jd4m7k
      $EDITOR content/identity-and-travel/renew-an-adult-passport.md
      git commit -am "Say the new fee applies from 1 March" && git checkout main
    """
    # GitPython takes a tenth of a second to import: only this command needs it.
    from wikitool.review.checkout import review_checkout

    done = review_checkout(wiki.store(), suggestion_id)
    echo_line(f"Switched to branch {done.branch} in {done.work_tree}")
    echo_line(f"Edit {done.guide}, commit, then: wikitool review show {done.id}")


@review.command(context_settings=CONTEXT_SETTINGS)
@json_option("Print the figures as JSON.")
@pass_wiki
def stats(wiki: WikiContext, as_json: bool) -> None:
    """Show the backlog, time to a decision, decisions by month.

    The backlog's size and age, the median time to a decision, and decisions by month.

    \b
    Example:
      wikitool review stats --json
    """
    figures = review_stats(wiki.store())
    if as_json:
        print_json(figures.to_json())
        return
    backlog = f"Open suggestions:   {figures.open}"
    if figures.open:
        backlog += (
            f" (oldest {figures.oldest_days} days, median age {figures.median_age_days} days)"
        )
    click.echo(backlog)
    decided = f"Decided:            {figures.decided}"
    if figures.decided:
        decided += f" (median time to decision {figures.median_days_to_decision} days)"
    click.echo(decided)
    if figures.rejected_by_reason:
        reasons = ", ".join(f"{k} {v}" for k, v in sorted(figures.rejected_by_reason.items()))
        echo_line(f"Rejected by reason: {reasons}")
    if figures.months:
        click.echo("By month:           merged  rejected")
        for month in figures.months:
            echo_line(f"  {month.month}          {month.merged:>6}  {month.rejected:>8}")
