"""``wikitool feedback``: what readers said about pages, for staff."""

from __future__ import annotations

import time

import click

from wikitool.cli.base import (
    CONTEXT_SETTINGS,
    WikiContext,
    WikitoolGroup,
    json_option,
    pass_wiki,
    print_json,
    repo_option,
    table_lines,
)
from wikitool.review.events import one_line
from wikitool.services.feedback import Feedback, feedback_list
from wikitool.terminal import terminal_safe

HEADER = ("DATE (UTC)", "PAGE", "HELPFUL", "WHAT IS WRONG")


@click.group(cls=WikitoolGroup, context_settings=CONTEXT_SETTINGS)
@repo_option
def feedback() -> None:
    """Read the feedback readers left on the site's pages.

    \b
    Example:
      wikitool feedback list --page identity-and-travel/renew-an-adult-passport
    """


@feedback.command("list", context_settings=CONTEXT_SETTINGS)
@click.option(
    "--page", metavar="PAGE", help="Only this page (its path under content/, .md optional)."
)
@json_option('Print a list of {"id", "page", "section", "helpful", "wrong", ...} as JSON.')
@pass_wiki
def list_feedback(wiki: WikiContext, page: str | None, as_json: bool) -> None:
    """List readers' feedback, oldest first.

    Columns: date, page#section, helpful, what is wrong. Personal data was removed from
    the text before it was stored.

    \b
    Example:
      wikitool feedback list
      wikitool feedback list --page housing/apply-for-housing-benefit --json
    """
    items = feedback_list(wiki.store(), page=page)
    if as_json:
        print_json([item.to_json() for item in items])
        return
    if items:
        for line in table_lines(HEADER, [_cells(item) for item in items]):
            click.echo(line)
    click.echo(f"{len(items)} item(s) of feedback", err=True)


def _cells(item: Feedback) -> list[str]:
    when = time.strftime("%Y-%m-%d %H:%M", time.gmtime(item.created))
    where = item.page.removeprefix("content/") + (f"#{item.section}" if item.section else "")
    helpful = {True: "helpful", False: "not helpful", None: "-"}[item.helpful]
    # Line breaks and tabs fold to spaces (one item, one line); every other hidden
    # character is shown as a code before the folding could hide it.
    wrong = f"'{one_line(terminal_safe(item.wrong, multiline=True), 300)}'" if item.wrong else ""
    return [when, where, helpful, wrong]
