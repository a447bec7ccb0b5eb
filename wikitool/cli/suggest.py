"""``wikitool suggest``: citizens' suggestions become reviewable branches."""

from __future__ import annotations

import sys
from typing import BinaryIO

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
from wikitool.errors import SuggestionError
from wikitool.guides.paths import typed_guide_path
from wikitool.review.record import resolve_id
from wikitool.suggestions.input import SuggestionInput, parse_suggestion
from wikitool.suggestions.notifications import forget_contact
from wikitool.suggestions.submission import SubmitResult, repair_branches, suggestion_submit


@click.group(cls=WikitoolGroup, context_settings=CONTEXT_SETTINGS)
@repo_option
def suggest() -> None:
    """Turn a citizen's suggested edit into a branch staff can review.

    \b
    Example:
      wikitool suggest submit fee-fix.yaml
    """


def _report(result: SubmitResult, as_json: bool) -> None:
    if as_json:
        print_json(result.to_json())
        return
    echo_line(result.id)
    if result.duplicate_of:
        echo_line(
            f"Note: the same change is already suggested as {result.duplicate_of}: "
            "recorded as +1 on it",
            err=True,
        )
    for warning in result.warnings:
        echo_line(f"Warning: {warning}", err=True)  # warnings quote the suggestion


@suggest.command(context_settings=CONTEXT_SETTINGS)
@click.argument("file", type=click.File("rb"))
@json_option('Print {"id", "kind", "branch", "guide", "base", "warnings"} as JSON.')
@pass_wiki
def submit(wiki: WikiContext, file: BinaryIO, as_json: bool) -> None:
    """Submit the suggestion in FILE (JSON or YAML).

    With - as FILE it reads standard input. Prints the new suggestion's id. Nothing is
    written when the suggestion is refused. With "kind: report" it is a report: what
    is wrong, in words (summary, rationale, about), with no content and no branch.

    \b
    Example:
      wikitool suggest submit fee-fix.yaml
      curl -s https://example.org/s.json | wikitool suggest submit --json -
    """
    name = getattr(file, "name", "<stdin>")
    name = name if name == "<stdin>" else click.format_filename(name)
    raw = file.read()
    store = wiki.store()
    repair_branches(store)  # complete any suggestion a killed writer left half-made
    result = suggestion_submit(store, parse_suggestion(raw, source=name))
    _report(result, as_json)


@suggest.command(context_settings=CONTEXT_SETTINGS)
@click.argument("guide")
@click.option("--summary", "-m", help="One line saying what you changed (asked for if missing).")
@click.option("--rationale", default="", help="Why the change is right (public).")
@json_option('Print {"id", "branch", "guide", "base", "warnings"} as JSON.')
@pass_wiki
def edit(wiki: WikiContext, guide: str, summary: str | None, rationale: str, as_json: bool) -> None:
    """Edit GUIDE in $EDITOR and submit the change as a suggestion.

    You edit the guide as it is on main. GUIDE is its path under content/, with or
    without .md.

    \b
    Example:
      wikitool suggest edit identity-and-travel/renew-an-adult-passport
    """
    store = wiki.store()
    path = typed_guide_path(guide)
    base = store.main()
    current = store.read(base, path)
    if current is None:
        raise SuggestionError(f"{path} does not exist on main")
    edited = click.edit(current.decode("utf-8"), extension=".md", require_save=True)
    if edited is None or edited == current.decode("utf-8"):
        raise SuggestionError("no change made: nothing submitted")
    if summary is None:
        summary = (
            click.prompt("One-line summary of your change", err=True) if sys.stdin.isatty() else ""
        )
    suggestion = SuggestionInput(
        guide=path, content=edited, summary=summary or "", base=base, rationale=rationale
    )
    if not suggestion.summary.strip():
        raise SuggestionError("a one-line summary is required (--summary)")
    _report(suggestion_submit(store, suggestion), as_json)


@suggest.command(context_settings=CONTEXT_SETTINGS)
@click.argument("suggestion_id", metavar="ID")
@pass_wiki
def forget(wiki: WikiContext, suggestion_id: str) -> None:
    """Delete the contact details kept for suggestion ID.

    The citizen's name and e-mail, and the addresses its supporters left, are kept
    in a private store, never in git; this removes them from it. A citizen who asked
    for e-mail gets one last message saying so (sent wherever mail is sent: `intake
    serve --smtp`, `mail send`). ID is a suggestion id, or any unique start of one (at
    least 4 characters).

    \b
    Example:
      wikitool suggest forget 01jd4m7k2q8x9v0c3b5n6r7t8w
    """
    store = wiki.store()
    full_id = resolve_id(store, suggestion_id)
    if forget_contact(store, full_id):
        echo_line(f"Deleted the contact details of suggestion {full_id}")
    else:
        echo_line(f"No contact details are kept for suggestion {full_id}")
