"""``wikitool check`` on a guide of model 2: a guide that says what a real procedure says
(situations, fees limited to them, a deadline relative to an event, several ways to apply)
passes ``--strict``, and each mistake the issue lists is one line naming the file, the
line and what to do."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

RunCli = Callable[..., Result]
GUIDE = "content/identity-and-travel/apply-for-a-passport-abroad.md"

FRONT = """\
---
model: 2
title: Apply for a passport
summary: Apply for a first Velorian passport, in the country or from abroad.
category: identity-and-travel
agency: Veloria Passport Office
publisher: Citizen Guides Team
owner: Passport Office guidance team
last_reviewed: 2026-11-30
review_by: 2027-05-30
lang: en
situations:
  in-country: You live in Veloria
  abroad: You live abroad
fees:
  - id: standard
    label: Adult passport
    amount: 96
    currency: EUR
    when: [in-country]
  - id: consular
    label: Adult passport
    amount: 120
    currency: EUR
    when: [abroad]
  - label: Courier return
    amount: 12
    currency: EUR
    adds_to: consular
time:
  - kind: typical
    value: 3
    unit: weeks
    from: when your application arrives
deadlines:
  - label: Collect your passport
    offset:
      months: 3
      after: the date of the letter
    counts: received
    when: [abroad]
channels:
  - id: online
    type: online
    label: Online
    urls: [https://services.veloria.invalid/passport/apply]
    when: [in-country]
  - id: embassy
    type: in_person
    label: At an embassy
    where: The Velorian embassy or consulate nearest to you
    when: [abroad]
documents:
  - name: Your birth certificate
    required: true
eligibility:
  - You are a Velorian citizen.
  - text: You are registered with a consulate.
    when: [abroad]
"""
BODY = """\
---

Apply for your first passport.

## Steps

1. Fill in the form.
2. Pay the fee.
"""

# (what, text of the guide above, its replacement, the lines `check` prints)
TIME = "time:\n  - kind: typical\n    value: 3\n    unit: weeks\n    from: when your application arrives\n"
NOT_DECLARED = "is not a situation: the guide declares none (add situations:)"
BAD = [
    ("a when naming no declared situation", "    when: [abroad]\n  - label: Courier",
     "    when: [overseas]\n  - label: Courier",
     ["25: fees[1].when[0]: 'overseas' is not one of the guide's situations (abroad, in-country)"]),
    ("a when in a guide without situations",
     "situations:\n  in-country: You live in Veloria\n  abroad: You live abroad\n", "",
     [f"17: fees[0].when[0]: 'in-country' {NOT_DECLARED}",
      f"22: fees[1].when[0]: 'abroad' {NOT_DECLARED}",
      f"38: deadlines[0].when[0]: 'abroad' {NOT_DECLARED}",
      f"44: channels[0].when[0]: 'in-country' {NOT_DECLARED}",
      f"49: channels[1].when[0]: 'abroad' {NOT_DECLARED}",
      f"56: eligibility[1].when[0]: 'abroad' {NOT_DECLARED}"]),
    ("an unknown currency", "    amount: 12\n    currency: EUR", "    amount: 12\n    currency: XYZ",
     ["28: fees[2].currency: 'XYZ' is not an ISO 4217 currency code (such as EUR, GBP, USD "
      "or CAD)"]),
    ("a time unit that does not exist", "    unit: weeks", "    unit: fortnights",
     ["33: time[0].unit: must be one of hours, days, working_days, weeks, months, years, not 'fortnights'"]),
    ("a deadline offset without its event", "      after: the date of the letter\n", "",
     ["36: deadlines[0].offset needs its event: 'before: ...' or 'after: ...' (such as "
      "'after: the date on the letter')"]),
    ("an unknown language tag", "lang: en\n", "lang: xx-Klingon\n",
     ['11: lang: "xx-Klingon" is not a language tag Babel knows']),
    ("a channel with no way to reach it",
     "    where: The Velorian embassy or consulate nearest to you\n", "",
     ["48: channel 'embassy' has no way to reach it: give urls, addresses, emails, phones or "
      "where"]),
    ("a future model version", "model: 2\n", "model: 3\n",
     ["2: model: 3 is a newer guide model than this wikitool reads (up to 2): upgrade "
      "wikitool before you check, build or edit this guide"]),
    ("a model-1 processing time in model 2", TIME, "processing_time:\n  max_days: 21\n",
     ["30: processing_time: processing_time is model 1: say it as time (migrate does it)"]),
    ("a model-1 apply in model 2", TIME, TIME + "apply:\n  online:\n    url: https://a.invalid\n",
     ["35: apply: apply is model 1: list the ways to apply as channels (migrate does it)",
      "45: give the ways to apply either as 'apply' or as 'channels', not both"]),
    ("fees as an empty list in model 2", "fees:\n  - id: standard\n",
     "fees: []\nold_fees:\n  - id: standard\n",
     ["15: fees: an empty list says nothing: write 'fees: free', or 'fees: not stated'",
      "16: unknown field 'old_fees' (did you mean 'fees'?)"]),
]  # fmt: skip


@pytest.fixture
def guide_on_main(wiki: Path, git: Callable[..., str]) -> Callable[[str], None]:
    """Commit the model-2 guide, as given, to main of the wiki."""

    def commit(text: str) -> None:
        (wiki / GUIDE).write_text(text, encoding="utf-8")
        git(wiki, "add", GUIDE)
        git(wiki, "commit", "-q", "-m", "Add a guide of model 2")

    return commit


def test_a_guide_saying_what_a_real_procedure_says_passes_strict(
    wiki: Path, run_cli: RunCli, guide_on_main: Callable[[str], None]
) -> None:
    guide_on_main(FRONT + BODY)

    result = run_cli("--repo", str(wiki), "check", "--strict")

    assert (result.exit_code, result.stdout) == (0, ""), result.output


@pytest.mark.parametrize(("old", "new", "lines"), [r[1:] for r in BAD], ids=[r[0] for r in BAD])
def test_each_mistake_is_one_line_naming_file_and_line(
    wiki: Path, run_cli: RunCli, guide_on_main: Callable[[str], None], old: str, new: str, lines: list[str]
) -> None:
    assert old in FRONT, old
    guide_on_main(FRONT.replace(old, new, 1) + BODY)

    result = run_cli("--repo", str(wiki), "check")

    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f"{GUIDE}:{line}" for line in lines]
