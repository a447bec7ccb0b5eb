"""``wikitool privacy``: citizens' contact details deleted when their time is up."""

from __future__ import annotations

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
)
from wikitool.review.policy import parse_days
from wikitool.services.privacy_purge import purge_contacts


@click.group(cls=WikitoolGroup, context_settings=CONTEXT_SETTINGS)
@repo_option
def privacy() -> None:
    """Keep citizens' contact details no longer than the wiki promises.

    \b
    Example:
      wikitool privacy purge --dry-run
    """


@privacy.command(context_settings=CONTEXT_SETTINGS)
@click.option(
    "--after",
    metavar="DAYS",
    help="Days after the decision to keep contact details "
    "[default: delete_contacts_after in review-policy.yaml, else 90].",
)
@click.option("--dry-run", is_flag=True, help="Say what would be deleted; delete nothing.")
@json_option('Print {"after_days", "dry_run", "deleted", "ids", "kept"} as JSON (no addresses).')
@pass_wiki
def purge(wiki: WikiContext, after: str | None, dry_run: bool, as_json: bool) -> None:
    """Delete the contact details of suggestions decided more than DAYS ago.

    A citizen's name and e-mail (kept outside git, in .git/wikitool/private.sqlite3)
    are deleted once their suggestion was merged or rejected that long ago, as
    `suggest forget` deletes them: a citizen who asked for e-mail gets one last
    message saying so. Open suggestions keep theirs. `intake serve` runs this once
    a day; run it from a timer when no intake runs.

    \b
    Example:
      wikitool privacy purge --after 30 --dry-run --json
    """
    days = parse_days(after, "--after") if after is not None else None
    report = purge_contacts(wiki.store(), after_days=days, dry_run=dry_run)
    if as_json:
        print_json(report.to_json())
        return
    verb = "Would delete" if dry_run else "Deleted"
    echo_line(
        f"{verb} the contact details of {len(report.deleted)} suggestion(s) decided more "
        f"than {report.after_days} days ago; {report.kept} kept"
    )
    for suggestion_id in report.deleted:
        echo_line(f"  {suggestion_id}")
