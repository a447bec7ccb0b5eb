"""``wikitool history GUIDE``: what changed in a guide on main, when, and why."""

from __future__ import annotations

import time

import click

from wikitool.cli.base import (
    CONTEXT_SETTINGS,
    WikiContext,
    echo_line,
    json_option,
    pass_wiki,
    print_json,
)
from wikitool.services.guide_history import GuideChange, guide_history


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("guide")
@json_option('Print a list of {"commit", "time", "author", "summary", "suggestion_ids", ...}.')
@pass_wiki
def history(wiki: WikiContext, guide: str, as_json: bool) -> None:
    """Show the changes to GUIDE on main, newest first.

    Each line has the date, the summary and who merged it. GUIDE is the guide's path
    under content/, with or without .md. Changes that came from a citizen's suggestion
    are marked with the suggestion's id (see `wikitool review log ID` for its review).
    Renames are followed.

    \b
    Example:
      wikitool history identity-and-travel/renew-an-adult-passport
    """
    changes = guide_history(wiki.store(), guide)
    if as_json:
        print_json([change.to_json() for change in changes])
        return
    for change in changes:
        echo_line(_line(change))  # summaries, names and paths come from git


def _line(change: GuideChange) -> str:
    day = time.strftime("%Y-%m-%d", time.gmtime(change.time))
    what = "" if change.status == "changed" else f"[{change.status}] "
    if change.old_path:
        what = f"[renamed from {change.old_path}] "
    source = (
        f"  (citizen suggestion {', '.join(change.suggestion_ids)})" if change.suggested else ""
    )
    if change.credited:
        source += f" suggested by {', '.join(change.credited)}"
    return f"{day}  {change.commit[:12]}  {what}{change.summary}{source}  - {change.author}"
