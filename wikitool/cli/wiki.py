"""Commands that make and check a wiki: ``init``, ``check``, ``new``."""

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
)
from wikitool.errors import WikitoolError
from wikitool.model import TOOL_IDENTITY
from wikitool.review.staff import staff_identity
from wikitool.services.guide_new import new_guide
from wikitool.services.wiki_check import check_wiki
from wikitool.services.wiki_init import init_wiki


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
