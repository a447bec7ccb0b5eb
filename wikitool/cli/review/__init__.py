"""``wikitool review``: staff list, read, discuss, approve, reject and merge suggestions.
This module only wires the group; each command lives with its kind (backlog, decisions, trail).
"""

from __future__ import annotations

import click

from wikitool.cli.base import CONTEXT_SETTINGS, WikitoolGroup, repo_option
from wikitool.cli.review.backlog import list_suggestions, show
from wikitool.cli.review.decisions import approve, ask, comment, merge, reject, request_changes
from wikitool.cli.review.trail import checkout, log, stats


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


for command in (
    list_suggestions,
    show,
    comment,
    ask,
    approve,
    request_changes,
    reject,
    merge,
    log,
    checkout,
    stats,
):
    review.add_command(command)
