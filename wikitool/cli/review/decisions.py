"""``review comment|ask|approve|request-changes|reject|merge``: staff decisions, recorded."""

from __future__ import annotations

import click

from wikitool.cli.base import (
    CONTEXT_SETTINGS,
    WikiContext,
    echo_line,
    json_option,
    pass_wiki,
    print_json,
    say_recorded,
    staff_option,
)
from wikitool.cli.review.common import acting_staff, conflict_lines, message_option
from wikitool.errors import WikitoolError
from wikitool.review.conversation import review_ask
from wikitool.review.decisions import (
    review_approve,
    review_comment,
    review_reject,
    review_request_changes,
    review_verdict,
)
from wikitool.review.events import RejectReason
from wikitool.review.merge import SuggestionConflictError, review_merge

# -- decisions -------------------------------------------------------------------------


@click.command(context_settings=CONTEXT_SETTINGS)
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
    staff = acting_staff(wiki, as_staff)
    event = review_comment(wiki.store(), suggestion_id, staff=staff.identity, text=message)
    say_recorded(staff)
    echo_line(f"Commented on suggestion {event.suggestion_id}")


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("suggestion_id", metavar="ID")
@message_option(True, "The question (shown to everyone on the tracking page).")
@staff_option
@pass_wiki
def ask(wiki: WikiContext, suggestion_id: str, message: str, as_staff: str | None) -> None:
    """Ask the citizen behind suggestion ID a question.

    The tracking page shows it and its status becomes "waiting for your answer"
    until the citizen answers from their private link; `review show` and `review
    log` show the answer. Write it for the citizen: anyone holding the suggestion's
    number can read it (personal data in it is removed from the page).

    \b
    Example:
      wikitool review ask 01jd4m7k -m "Which office did you go to?"
    """
    staff = acting_staff(wiki, as_staff)
    event = review_ask(wiki.store(), suggestion_id, staff=staff.identity, text=message)
    say_recorded(staff)
    echo_line(f"Asked the citizen behind suggestion {event.suggestion_id}")


@click.command(context_settings=CONTEXT_SETTINGS)
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
    staff = acting_staff(wiki, as_staff)
    event = review_approve(store, suggestion_id, staff=staff.identity, text=message or "")
    say_recorded(staff)
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


@click.command("request-changes", context_settings=CONTEXT_SETTINGS)
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
    staff = acting_staff(wiki, as_staff)
    event = review_request_changes(
        wiki.store(), suggestion_id, staff=staff.identity, text=message
    )
    say_recorded(staff)
    echo_line(f"Requested changes to suggestion {event.suggestion_id}")


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("suggestion_id", metavar="ID")
@click.option(
    "--reason",
    required=True,
    type=click.Choice([r.value for r in RejectReason]),
    help="Why (shown to the citizen).",
)
@message_option(
    False,
    "Explanation for the citizen, on the tracking page and in the mail, personal data "
    "removed (required with --reason other).",
)
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
    staff = acting_staff(wiki, as_staff)
    closed = review_reject(
        wiki.store(),
        suggestion_id,
        staff=staff.identity,
        reason=RejectReason(reason),
        text=message or "",
    )
    say_recorded(staff)
    echo_line(f"Rejected suggestion {closed.event.suggestion_id} ({reason})")
    for note in closed.notes:
        echo_line(f"Note: {note}", err=True)


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("suggestion_id", metavar="ID")
@message_option(False, "A note for the citizen (public on the tracking page and in the mail).")
@staff_option
@json_option('Print {"id", "commit", "previous_main", "three_way", "approvers", ...} as JSON.')
@pass_wiki
def merge(
    wiki: WikiContext,
    suggestion_id: str,
    message: str | None,
    as_staff: str | None,
    as_json: bool,
) -> None:
    """Merge approved suggestion ID onto main.

    Needs one approval, or two from different people when a sensitive field (fees,
    eligibility, documents, legal_basis, deadlines, channels...) changes;
    review-policy.yaml on main can ask for more per folder. The result must pass
    `wikitool check`. Always writes a merge commit (summary, Suggestion-Id and
    Reviewed-by trailers). On a conflict it exits with code 3, shows the clashing
    lines, and changes nothing.

    \b
    Example:
      wikitool review merge 01jd4m7k --as "Ben Osei <ben.osei@veloria.invalid>"
    """
    staff = acting_staff(wiki, as_staff)
    try:
        result = review_merge(
            wiki.store(), suggestion_id, staff=staff.identity, note=message or ""
        )
    except SuggestionConflictError as error:
        for conflict in error.conflicts:
            for line in conflict_lines(conflict):
                click.echo(line, err=True)
        raise
    say_recorded(staff)
    if as_json:
        print_json(result.to_json())
    else:
        how = "three-way merge" if result.three_way else "based on main's tip"
        echo_line(f"Merged suggestion {result.id} as {result.commit[:12]} ({how})")
    for note in result.notes:
        echo_line(f"Note: {note}", err=True)


