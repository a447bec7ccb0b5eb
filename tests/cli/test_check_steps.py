"""``wikitool check`` on a guide's steps section (``guides/steps.py``): groups under
``### Title``, ``{when: ...}`` on a group heading, ``or``/``and`` between two lists. Each
malformed part is one line naming the file, the line and what to do."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from guide_edits import commit_guide_edits

RunCli = Callable[..., Result]
GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"
SITUATIONS = "situations:\n  in-country: You live in Veloria\n  abroad: You live abroad\nlang: en\n"
FIRST = 90  # the file line of the section's first line, below "## Steps" and a blank line

# (what, the steps section's text, the lines `check` prints)
BAD = [
    ("a group heading with an unclosed {when:", "### Abroad {when: abroad\n\n1. Send the form.\n",
     [f"{FIRST}: the group heading's '{{when:' is not closed: end it with '}}'"]),
    ("a when naming an undeclared situation", "### On the moon {when: moon}\n\n1. Send it.\n",
     [f"{FIRST}: the group 'On the moon' {{when: ...}}: 'moon' is not one of the guide's "
      "situations (abroad, in-country)"]),
    ("a when with an empty id", "### Abroad {when: abroad, }\n\n1. Send it.\n",
     [f"{FIRST}: the group 'Abroad': '{{when:' needs situation ids separated by commas, "
      "such as {when: abroad, in-country}"]),
    ("a group heading with no title", "### {when: abroad}\n\n1. Send it.\n",
     [f"{FIRST}: a group heading needs a title: '### Apply from abroad {{when: abroad}}'"]),
    ("an 'or' followed by no list", "1. Send the form.\n\nor\n\nCall us.\n",
     [f"{FIRST + 2}: 'or' joins two lists of steps: it must be followed by a list of steps"]),
    ("an 'or' ending the section", "1. Send the form.\n\nor\n",
     [f"{FIRST + 2}: 'or' joins two lists of steps: it must be followed by a list of steps"]),
    ("an 'or' before any list", "or\n\n1. Send the form.\n",
     [f"{FIRST}: 'or' joins two lists of steps: it must come straight after a list of steps"]),
    ("two separators in a row", "1. Send the form.\n\nor\n\nand\n\n1. Call us.\n",
     [f"{FIRST + 2}: 'or' joins two lists of steps: it must be followed by a list of steps",
      f"{FIRST + 4}: 'and' joins two lists of steps: it must come straight after a list "
      "of steps"]),
    ("an 'or' glued to the list", "1. Send the form.\nor\n2. Call us.\n",
     [f"{FIRST + 1}: 'or' must be a paragraph of its own, between two lists: leave a blank "
      "line before and after it"]),
    ("an empty group", "### Prepare\n\n### Send\n\n1. Send the form.\n",
     [f"{FIRST}: the group 'Prepare' is empty: list its steps under its heading"]),
    ("a group with no list", "### Prepare\n\nGet a photo.\n\n### Send\n\n1. Send the form.\n",
     [f"{FIRST}: the group 'Prepare' has no list of steps: give each step as an item "
      "(1., 2., 3.)"]),
    ("a section without any list", "Send the form.\n",
     [f"{FIRST - 2}: the '## Steps' section has no numbered list (1., 2., 3.)"]),
    ("a section with only a bulleted list", "- Send the form.\n",
     [f"{FIRST - 2}: the '## Steps' section has no numbered list (1., 2., 3.)"]),
]  # fmt: skip

# (what, the steps section's text)
GOOD = [
    ("one numbered list", "1. Get a photo.\n2. Send the form.\n"),
    ("groups, one of some situations",
     "### Prepare\n\n1. Get a photo.\n\n### Send it from abroad {when: abroad}\n\n"
     "1. Send the form to the embassy.\n"),
    ("a group for two situations", "### Send {when: in-country, abroad}\n\n1. Send it.\n"),
    ("an introduction before the groups",
     "Follow the steps for where you live.\n\n### Send\n\n1. Send the form.\n"),
    ("alternatives in a group",
     "### Apply\n\n1. Apply online.\n\nor\n\n1. Fill in form PA2.\n2. Post it.\n"),
    ("two lists done together", "1. Get a photo.\n\nand\n\n- Find your old passport.\n"),
    ("a group that is an alternative to the one before",
     "### Apply online\n\n1. Apply online.\n\nor\n\n### Apply by post {when: abroad}\n\n"
     "If you live abroad:\n\n1. Post form PA2.\n"),
    ("'or' inside a step's own words", "1. Send the form or bring it.\n"),
    ("'or' in a code block", "1. Send the form.\n\n```\nor\n```\n"),
]  # fmt: skip


def _commit_steps(wiki: Path, git: Callable[..., str], section: str) -> None:
    text = (wiki / GUIDE).read_text(encoding="utf-8")
    start, end = text.index("## Steps\n"), text.index("## After you apply\n")
    commit_guide_edits(
        wiki,
        git,
        GUIDE,
        ("lang: en\n", SITUATIONS),
        (text[start:end], f"## Steps\n\n{section}\n"),
    )


@pytest.mark.parametrize(
    ("section", "lines"), [row[1:] for row in BAD], ids=[row[0] for row in BAD]
)
def test_each_malformed_part_is_one_line_naming_file_and_line(
    wiki: Path, run_cli: RunCli, git: Callable[..., str], section: str, lines: list[str]
) -> None:
    _commit_steps(wiki, git, section)

    result = run_cli("--repo", str(wiki), "check")

    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f"{GUIDE}:{line}" for line in lines]


@pytest.mark.parametrize("section", [row[1] for row in GOOD], ids=[row[0] for row in GOOD])
def test_the_convention_passes_strict_check(
    wiki: Path, run_cli: RunCli, git: Callable[..., str], section: str
) -> None:
    _commit_steps(wiki, git, section)

    result = run_cli("--repo", str(wiki), "check", "--strict")

    assert (result.exit_code, result.stdout) == (0, ""), result.output
