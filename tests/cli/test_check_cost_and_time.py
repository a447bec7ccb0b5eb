"""``wikitool check`` on what a procedure costs and how long it takes: the new shapes of
``fees`` (free, not stated, choose_one, add-ons) and ``time`` pass, and each mistake is
one line naming the file, the line and what to do."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from guide_edits import commit_guide_edits

RunCli = Callable[..., Result]
GUIDE = "content/business/register-a-limited-company.md"
ONLINE_ID = "      - id: online\n"
PAPER_CURRENCY = "        amount: 180\n        currency: EUR\n"
ADDS_TO = "    adds_to: online\n"
TARGET = "  - kind: target\n    value: 1\n    unit: working_days\n"
TIME = (
    "time:\n"
    "  - kind: target\n"
    "    value: 1\n"
    "    unit: working_days\n"
    "    from: when the Registry receives your online registration\n"
    "  - kind: maximum\n"
    "    value: 10\n"
    "    unit: working_days\n"
    "    from: when the Registry receives your paper registration\n"
)
FEES_START = "fees:\n  - choose_one:\n"
ALL_FEES_END = "working day.\n"

# (what, text of the reference guide, its replacement, the lines `check` prints)
BAD = [
    ("a unit that does not exist", TARGET, TARGET.replace("working_days", "fortnights"),
     ["27: time[0].unit: must be one of hours, days, working_days, weeks, months, years, not 'fortnights'"]),
    ("a kind that does not exist", TARGET, TARGET.replace("target", "guaranteed"),
     ["25: time[0].kind: must be one of maximum, typical, target, not 'guaranteed'"]),
    ("processing_time and time together", TIME, TIME + "processing_time:\n  max_days: 10\n",
     ["24: time: give either time or processing_time, not both (time says more)",
      "33: processing_time: processing_time is model 1: say it as time (migrate does it)"]),
    ("a value and a range", TARGET, TARGET + "    min: 1\n    max: 3\n",
     ["25: time[0]: give either a value or a min and a max, not both"]),
    ("no value at all", TARGET, "  - kind: target\n    unit: working_days\n",
     ["25: time[0]: give a value, or a min and a max"]),
    ("half a range", TARGET, "  - kind: target\n    min: 1\n    unit: working_days\n",
     ["25: time[0]: a range needs both min and max (max is missing)"]),
    ("a range upside down", TARGET, "  - kind: target\n    min: 5\n    max: 2\n"
     "    unit: working_days\n",
     ["25: time[0]: min (5) must be less than max (2); for one number use value"]),
    ("time in words", TIME, "time: a few days\n",
     ["24: time: must be a list of times or 'not stated'"]),
    ("an unknown currency", PAPER_CURRENCY, PAPER_CURRENCY.replace("EUR", "XYZ"),
     ["18: fees[0].choose_one[1].currency: 'XYZ' is not an ISO 4217 currency code "
      "(such as EUR, GBP, USD or CAD)"]),
    ("a currency in words", PAPER_CURRENCY, PAPER_CURRENCY.replace("EUR", "EURO"),
     ["18: fees[0].choose_one[1].currency: must be a three-letter currency code in "
      "capitals, like EUR"]),
    ("an add-on to no fee", ADDS_TO, "    adds_to: express\n",
     ["22: fees[1].adds_to: no fee has the id 'express' (give that fee 'id: express')"]),
    ("an add-on to no fee id at all", ONLINE_ID, "      -\n",
     ["22: fees[1].adds_to: no fee has the id 'online' (give that fee 'id: online')"]),
    ("the same id twice", ADDS_TO, "    id: online\n" + ADDS_TO,
     ["22: fees[1].id: the id 'online' is already used by fees[0].choose_one[0]"]),
    ("an add-on to itself", ADDS_TO, "    id: same-day\n    adds_to: same-day\n",
     ["23: fees[1].adds_to: a fee cannot add to itself"]),
    ("a choice of one", "      - label: Paper registration\n        amount: 180\n"
     "        currency: EUR\n", "",
     ["11: fees[0].choose_one: must list at least 2 items"]),
    ("an alternative without its amount", "        amount: 180\n", "",
     ["16: fees[0].choose_one[1]: missing required field 'amount'"]),
    ("a fee with an unknown field", ADDS_TO, ADDS_TO + "    vat: true\n",
     ["23: fees[1]: unknown field 'vat'"]),
    ("a total said in words", ADDS_TO, ADDS_TO + "    total: yes please\n",
     ["23: fees[1].total: must be true or false, not the text 'yes please'"]),
    ("a total that adds to a fee", ADDS_TO, ADDS_TO + "    total: true\n",
     ["23: fees[1].total: a total is the sum of the fees, not an add-on: give it no adds_to"]),
    ("a total among alternatives", PAPER_CURRENCY, PAPER_CURRENCY + "        total: true\n",
     ["19: fees[0].choose_one[1].total: a total is the sum of the fees, not one of the "
      "alternatives to choose from"]),
    ("fees in words", "fees:\n  - choose_one:\n", "fees: gratis\nold:\n  - choose_one:\n",
     ["10: fees: must be a list of fees, 'free' or 'not stated'", "11: unknown field 'old'"]),
]  # fmt: skip

# (what, the edits: text of the reference guide and its replacement)
GOOD = [
    ("the reference guide as it is", []),
    ("no time and no fees: the guide says nothing", [(TIME, "")]),
    ("time not stated", [(TIME, "time: not stated\n")]),
    ("a range", [(TARGET, "  - kind: typical\n    min: 10\n    max: 21\n    unit: days\n")]),
    ("a time in months", [(TARGET, "  - kind: typical\n    value: 14\n    unit: months\n")]),
    ("a time in hours", [(TARGET, "  - kind: maximum\n    value: 48\n    unit: hours\n")]),
    ("a time in years", [(TARGET, "  - kind: typical\n    value: 1\n    unit: years\n")]),
    ("the older processing_time, in a guide of model 1",
     [(TIME, "processing_time:\n  max_days: 10\n"), ("model: 2\n", "")]),
    ("a total the source states", [(FEES_START, "fees:\n  - label: Online, same day\n"
      "    amount: 250\n    currency: EUR\n    total: true\n  - choose_one:\n")]),
]


def _commit_edit(wiki: Path, git: Callable[..., str], *edits: tuple[str, str]) -> None:
    commit_guide_edits(wiki, git, GUIDE, *edits)


@pytest.mark.parametrize(
    ("old", "new", "lines"), [row[1:] for row in BAD], ids=[row[0] for row in BAD]
)
def test_each_mistake_is_one_line_naming_file_and_line(
    wiki: Path, run_cli: RunCli, git: Callable[..., str], old: str, new: str, lines: list[str]
) -> None:
    _commit_edit(wiki, git, (old, new))

    result = run_cli("--repo", str(wiki), "check")

    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f"{GUIDE}:{line}" for line in lines]


@pytest.mark.parametrize("edits", [row[1] for row in GOOD], ids=[row[0] for row in GOOD])
def test_what_the_source_says_passes_strict_check(
    wiki: Path, run_cli: RunCli, git: Callable[..., str], edits: list[tuple[str, str]]
) -> None:
    _commit_edit(wiki, git, *edits)

    result = run_cli("--repo", str(wiki), "check", "--strict")

    assert (result.exit_code, result.stdout) == (0, ""), result.output


# (`fees: []` is model 1's "free": a guide of model 2 is refused it, test_check_model_2.py)
@pytest.mark.parametrize("fees", ["fees: free\n", "fees: not stated\n", ""])
def test_fees_may_be_free_not_stated_or_left_out(
    wiki: Path, run_cli: RunCli, git: Callable[..., str], fees: str
) -> None:
    text = (wiki / GUIDE).read_text(encoding="utf-8")
    start = text.index(FEES_START)
    end = text.index(ALL_FEES_END) + len(ALL_FEES_END)
    (wiki / GUIDE).write_text(text[:start] + fees + text[end:], encoding="utf-8")
    git(wiki, "commit", "-q", "-am", "Say the fees another way")

    result = run_cli("--repo", str(wiki), "check", "--strict")

    assert (result.exit_code, result.stdout) == (0, ""), result.output
