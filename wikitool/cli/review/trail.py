"""``review log``, ``review checkout`` and ``review stats``: the audit trail, amending,
the backlog in figures."""

from __future__ import annotations

import click

from wikitool.cli.base import (
    CONTEXT_SETTINGS,
    WikiContext,
    echo_line,
    json_option,
    pass_wiki,
    print_json,
)
from wikitool.cli.review.common import when
from wikitool.review.events import ReviewEvent
from wikitool.review.log import read_events
from wikitool.review.record import resolve_id
from wikitool.review.stats import review_stats
from wikitool.terminal import terminal_safe

# -- trail, checkout, stats ---------------------------------------------------------------


@click.command("log", context_settings=CONTEXT_SETTINGS)
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
    if event.data.get("Kind"):
        about = event.data.get("About")
        what += f" ({event.data['Kind']}{' about ' + about if about else ''})"
    if event.data.get("Merged-As"):
        extra = f"  merged as {event.data['Merged-As'][:12]}"
    elif event.data.get("Commit"):
        extra = f"  version {event.data['Commit'][:12]}"
    if event.data.get("Follows"):
        extra += f"  follows {event.data['Follows']}"
    if event.data.get("Followed-By"):
        extra = f"  report {event.data['Followed-By']}"
    return f"{when(event.time)}  {what:<16} {event.actor}{extra}"


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("suggestion_id", metavar="ID")
@pass_wiki
def checkout(wiki: WikiContext, suggestion_id: str) -> None:
    """Check out suggestion ID's branch to amend it yourself.

    The branch is checked out in the staff working tree.

    Edit, commit as usual: your commits are on the suggestion's branch and are
    reviewed like the rest (the log records them as an amend; approvals given before
    count no more, and you cannot approve a suggestion you amended). A report gets
    its branch here, from main's current guide: commit the fix it asks for.

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


@click.command(context_settings=CONTEXT_SETTINGS)
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
