"""``wikitool check`` on a guide's provenance: who publishes it (``publisher``) and the
official pages its facts come from (``sources``), one clear line per problem."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from guide_edits import commit_guide_edits

RunCli = Callable[..., Result]
GUIDE = "content/vehicles/register-a-used-vehicle.md"
PUBLISHER = "publisher: Public Services Guide editorial team, Ministry of the Interior\n"
FIRST_URL = "  - url: https://www.veloria.invalid/vehicle-agency/register-a-used-vehicle\n"
FIRST_TITLE = "    title: Registering a vehicle you have bought (Vehicle and Driver Agency)\n"
FIRST_SEEN = "    seen: 2026-10-13\n"
SOURCES = (
    "sources:\n"
    + FIRST_URL
    + FIRST_TITLE
    + FIRST_SEEN
    + "  - url: https://www.veloria.invalid/vehicle-agency/registration-fees\n"
    "    title: Vehicle registration fees\n"
    "    seen: 2026-09-28\n"
)

# (what, text of the reference guide, its replacement, the lines `check` prints)
BAD = [
    ("publisher with HTML", PUBLISHER, "publisher: <b>Ministry</b>\n",
     ["8: publisher: must be plain text without HTML"]),
    ("empty publisher", PUBLISHER, "publisher:\n", ["8: publisher: must be text, not empty"]),
    ("publisher as a list", PUBLISHER, "publisher:\n  - Ministry\n",
     ["8: publisher: must be text, not a list"]),
    ("a plain http source", FIRST_URL, FIRST_URL.replace("https:", "http:"),
     ["51: sources[0].url: must be a web address starting with https://, without spaces"]),
    ("a script address", FIRST_URL, "  - url: javascript:alert(document.cookie)\n",
     ["51: sources[0].url: must be a web address starting with https://, without spaces"]),
    ("a hostile title", FIRST_TITLE, "    title: <script>alert(1)</script>\n",
     ["52: sources[0].title: must be plain text without HTML"]),
    ("no title", FIRST_TITLE, "", ["51: sources[0]: missing required field 'title'"]),
    ("no date seen", FIRST_SEEN, "", ["51: sources[0]: missing required field 'seen'"]),
    ("a date seen in words", FIRST_SEEN, "    seen: last week\n",
     ["53: sources[0].seen: must be a date in the form YYYY-MM-DD"]),
    ("an impossible date seen", FIRST_SEEN, "    seen: '2026-02-30'\n",
     ["53: sources[0].seen: '2026-02-30' is not a real date"]),
    ("a date seen still to come", FIRST_SEEN, "    seen: 2099-01-01\n",
     ["53: sources[0].seen date 2099-01-01 is in the future"]),
    ("an unknown field", FIRST_SEEN, FIRST_SEEN + "    note: read twice\n",
     ["54: sources[0]: unknown field 'note'"]),
    ("sources as text", SOURCES, "sources: https://www.veloria.invalid/vehicle-agency\n",
     ["50: sources: must be a list, not the text 'https://www.veloria.invalid/vehicle-age…'"]),
]  # fmt: skip

# (what, the edits: text of the reference guide and its replacement)
GOOD = [
    ("neither field (as every guide before them)", [(PUBLISHER, ""), (SOURCES, "")]),
    ("a publisher without sources", [(SOURCES, "")]),
    ("an empty list of sources", [(SOURCES, "sources: []\n")]),
    ("a source read long ago", [(FIRST_SEEN, "    seen: 2020-01-31\n")]),
]


def _commit_edit(wiki: Path, git: Callable[..., str], *edits: tuple[str, str]) -> None:
    commit_guide_edits(wiki, git, GUIDE, *edits)


@pytest.mark.parametrize(
    ("old", "new", "lines"), [row[1:] for row in BAD], ids=[row[0] for row in BAD]
)
def test_bad_provenance_is_one_line_each_naming_file_and_line(
    wiki: Path, run_cli: RunCli, git: Callable[..., str], old: str, new: str, lines: list[str]
) -> None:
    _commit_edit(wiki, git, (old, new))

    result = run_cli("--repo", str(wiki), "check")

    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f"{GUIDE}:{line}" for line in lines]


@pytest.mark.parametrize("edits", [row[1] for row in GOOD], ids=[row[0] for row in GOOD])
def test_good_provenance_passes_strict_check(
    wiki: Path, run_cli: RunCli, git: Callable[..., str], edits: list[tuple[str, str]]
) -> None:
    _commit_edit(wiki, git, *edits)

    result = run_cli("--repo", str(wiki), "check", "--strict")

    assert (result.exit_code, result.stdout) == (0, ""), result.output
