"""Commands that make and check a wiki: ``init``, ``check``, ``new``, ``migrate``."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

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
from wikitool.errors import WikitoolError
from wikitool.model import TOOL_IDENTITY
from wikitool.review.staff import staff_identity
from wikitool.services.guide_new import new_guide
from wikitool.services.wiki_check import check_wiki
from wikitool.services.wiki_init import init_wiki
from wikitool.services.wiki_migrate import migrate_wiki


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "--from",
    "source",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Start from another wiki's files (its content/, theme/ and mkdocs.yml).",
)
def init(directory: Path, source: Path | None) -> None:
    """Create a new wiki repository in DIRECTORY.

    Its first commit on main holds the reference wiki (or the wiki at --from), and the
    files are checked out for staff.

    \b
    Example:
      wikitool init ./my-wiki
      wikitool init ./copy --from ./my-wiki
    """
    try:
        author = staff_identity(None).identity
    except WikitoolError:
        author = TOOL_IDENTITY  # a fresh machine with no git identity can still start a wiki
    result = init_wiki(directory, source=source, author=author)
    click.echo(f"Created wiki repository {result.path}")
    click.echo(f"{result.files} files, main at {result.commit[:12]}")


@click.command(context_settings=CONTEXT_SETTINGS)
@click.option(
    "--strict", is_flag=True, help="Treat warnings (such as an overdue review) as errors."
)
@click.option("--rev", default="main", show_default=True, help="The revision to check.")
@json_option()
@pass_wiki
def check(wiki: WikiContext, strict: bool, rev: str, as_json: bool) -> None:
    """Check every guide on main: schema, links, review dates.

    Each guide's front matter, its Steps section and its links are checked, and whether
    its review is overdue. Prints one line per problem as path:line: message, and exits
    1 if any is an error.

    \b
    Example:
      wikitool check --strict
    """
    problems = check_wiki(wiki.store(), rev=rev, strict=strict)
    errors = [p for p in problems if p.severity == "error"]
    if as_json:
        print_json({"ok": not errors, "problems": [p.to_json() for p in problems]})
    else:
        for problem in problems:
            echo_line(str(problem))  # problems quote guide paths and text
        warnings = len(problems) - len(errors)
        summary = (
            f"{len(errors)} error(s), {warnings} warning(s)"
            if problems
            else "All guides are valid."
        )
        click.echo(summary, err=True)
    if errors:
        raise SystemExit(1)


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("path")
@click.option("--title", required=True, help="The task the guide explains, in the reader's words.")
@click.option(
    "--lang",
    default="en",
    show_default=True,
    help="The guide's language, a BCP 47 tag (fr, es-419); its headings are written in it.",
)
@pass_wiki
def new(wiki: WikiContext, path: str, title: str, lang: str) -> None:
    """Write a new guide skeleton at PATH in the working tree.

    PATH is content/<category>/<name>.md (content/ may be left out). The skeleton passes
    `wikitool check`; fill it in, commit it, and it is published.

    \b
    Example:
      wikitool new housing/get-a-parking-permit.md --title "Get a parking permit"
    """
    work_tree = wiki.store().work_tree
    if work_tree is None:
        raise WikitoolError("the repository is bare: `new` writes into a working tree")
    written = new_guide(work_tree, path, title, today=date.today(), lang=lang)
    click.echo(f"Wrote {os.path.relpath(written)}")


@click.command(context_settings=CONTEXT_SETTINGS)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Only list what would change; exit 1 if anything would.",
)
@staff_option
@json_option()
@pass_wiki
def migrate(wiki: WikiContext, check_only: bool, as_staff: str | None, as_json: bool) -> None:
    """Rewrite the guides on main to the current guide model.

    Every guide that changes is rewritten in one commit on main. Comments, key order
    and untouched lines are kept. A guide already of the current model is left alone;
    running it again changes nothing. Nothing is written if any guide cannot be
    migrated.

    \b
    Example:
      wikitool migrate --check
      wikitool migrate --as "Ana Ruiz <ana.ruiz@veloria.invalid>"
    """
    store = wiki.store()
    staff = None if check_only else staff_identity(as_staff, store)
    result = migrate_wiki(
        store, author=staff.identity if staff else TOOL_IDENTITY, check=check_only
    )
    if as_json:
        print_json(result.to_json())
    else:
        for guide in result.guides:
            echo_line(f"{guide.path}: {'; '.join(guide.changes)}")  # paths come from git
        if not result.guides:
            click.echo("Every guide is already of the current model: nothing to migrate.")
        elif result.commit is None:
            click.echo(f"{len(result.guides)} guide(s) would change.", err=True)
        else:
            click.echo(f"Migrated {len(result.guides)} guide(s): main at {result.commit[:12]}")
        for note in result.notes:
            echo_line(f"Note: {note}", err=True)
    if staff is not None and result.commit is not None:
        say_recorded(staff)
    if check_only and result.guides:
        raise SystemExit(1)
