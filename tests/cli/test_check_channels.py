"""``wikitool check`` on a guide's ways to apply given as ``channels`` and its
``deadlines``: one clear line per problem, naming the file and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

RunCli = Callable[..., Result]
GUIDE = "content/vehicles/appeal-a-parking-fine.md"
POST = (
    "  - id: by-post\n"
    "    type: post\n"
    "    label: By post\n"
    "    addresses:\n"
    "      - Vehicle and Driver Agency, Parking Appeals, PO Box 7180, Corvale 3310\n"
)
ADDRESSES = (
    "    addresses:\n"
    "      - Vehicle and Driver Agency, Parking Appeals, PO Box 7180, Corvale 3310\n"
)
EMAIL_ID = "  - id: by-email\n"
APPEAL = "      days: 28\n      after: the date on the fine notice\n"
COUNTS = "    counts: received\n"
APPLY = "apply:\n  online:\n    url: https://services.veloria.invalid/appeal\n"
LEGAL = "legal_basis:\n"


def _without_channels(text: str) -> str:
    start, end = text.index("channels:\n"), text.index("deadlines:\n")
    return text[:start] + text[end:]


# (what, the edit: text of the reference guide and its replacement, the lines printed)
BAD = [
    ("a channel with no way to reach it", ADDRESSES, "",
     ["42: channel 'by-post' has no way to reach it: give urls, addresses, emails, phones or where"]),
    ("a channel whose addresses are empty", ADDRESSES, "    addresses: []\n",
     ["42: channel 'by-post' has no way to reach it: give urls, addresses, emails, phones or where"]),
    ("two channels with one id", EMAIL_ID, "  - id: online\n",
     ["36: channel id 'online' is used twice: give each channel its own id"]),
    ("apply and channels together", LEGAL, APPLY + LEGAL,
     ["30: give the ways to apply either as 'apply' or as 'channels', not both",
      "61: apply: apply is model 1: list the ways to apply as channels (migrate does it)"]),
    ("an unknown channel type", "    type: post\n", "    type: fax\n",
     ["43: channels[2].type: must be one of online, post, email, phone, in_person, "
      "representative, other, not 'fax'"]),
    ("a mailto: address given as a URL", "    urls:\n      - https://services.veloria.invalid/"
     "vehicles/parking-fine/appeal\n", "    urls:\n      - mailto:appeals@vehicles.veloria.invalid\n",
     ["35: channels[0].urls[0]: must be a web address starting with https://, without spaces"]),
    ("an e-mail address that is not one", "      - parking-appeals@vehicles.veloria.invalid\n",
     "      - parking appeals\n",
     ["40: channels[1].emails[0]: must be an e-mail address such as help@agency.example"]),
    ("a phone number in words", "      - 0800 555 0137\n", "      - call us\n",
     ["53: channels[3].phones[0]: must be a phone number: digits, spaces and + ( ) - . only"]),
    ("a deadline with a date and an offset", COUNTS, COUNTS + "    date: 2027-05-01\n",
     ["56: deadlines[0] has both a date and an offset: give one of them"]),
    ("a deadline with neither", "    offset:\n" + APPEAL, "",
     ["56: deadlines[0] needs a date or an offset from an event"]),
    ("an offset without its event", APPEAL, "      days: 28\n",
     ["56: deadlines[0].offset needs its event: 'before: ...' or 'after: ...' "
      "(such as 'after: the date on the letter')"]),
    ("an offset without its unit", APPEAL, "      after: the date on the fine notice\n",
     ["56: deadlines[0].offset needs one of hours, days, weeks, months or years"]),
    ("an offset in a unit that does not exist", APPEAL,
     "      fortnights: 2\n      after: the date on the fine notice\n",
     ["56: deadlines[0].offset needs one of hours, days, weeks, months or years",
      "58: deadlines[0].offset: unknown field 'fortnights'"]),
    ("an offset of more hours than a year has", APPEAL, "      hours: 8761\n      after: you arrive\n",
     ["58: deadlines[0].offset.hours: 8761 is more than the maximum of 8760"]),
    ("an offset of more than a hundred years", APPEAL, "      years: 101\n      after: you arrive\n",
     ["58: deadlines[0].offset.years: 101 is more than the maximum of 100"]),
    ("a deadline naming an unknown channel", COUNTS, COUNTS + "    channels: [by-fax]\n",
     ["56: deadlines[0].channels names 'by-fax', which is not a channel's id"]),
    ("a deadline counting an unknown way", COUNTS, "    counts: stamped\n",
     ["60: deadlines[0].counts: must be one of postmarked, received, not 'stamped'"]),
    ("a past date, with --strict", "    offset:\n" + APPEAL, "    date: 2020-03-31\n",
     ["57: deadlines[0].date 2020-03-31 has passed: remove it or set the next date"]),
]  # fmt: skip


def _commit(wiki: Path, git: Callable[..., str], text: str) -> None:
    (wiki / GUIDE).write_text(text, encoding="utf-8")
    git(wiki, "commit", "-q", "-am", "Edit the parking appeal guide's ways to apply")


def _edited(wiki: Path, old: str, new: str) -> str:
    text = (wiki / GUIDE).read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "lines"), [row[1:] for row in BAD], ids=[row[0] for row in BAD]
)
def test_bad_ways_to_apply_and_deadlines_are_one_line_each(
    wiki: Path, run_cli: RunCli, git: Callable[..., str], old: str, new: str, lines: list[str]
) -> None:
    _commit(wiki, git, _edited(wiki, old, new))

    result = run_cli("--repo", str(wiki), "check", "--strict")

    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f"{GUIDE}:{line}" for line in lines]


def test_a_guide_with_neither_apply_nor_channels_is_refused(
    wiki: Path, run_cli: RunCli, git: Callable[..., str]
) -> None:
    text = _without_channels((wiki / GUIDE).read_text(encoding="utf-8"))
    _commit(wiki, git, text)

    result = run_cli("--repo", str(wiki), "check")

    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{GUIDE}:1: missing the ways to apply: add 'channels' (or 'apply')"
    ]


def test_a_past_deadline_is_a_warning_without_strict(
    wiki: Path, run_cli: RunCli, git: Callable[..., str]
) -> None:
    _commit(wiki, git, _edited(wiki, "    offset:\n" + APPEAL, "    date: 2020-03-31\n"))

    result = run_cli("--repo", str(wiki), "check")

    assert result.exit_code == 0, result.output
    assert "deadlines[0].date 2020-03-31 has passed" in result.output


# (what, the edits) that pass `check --strict`
GOOD = [
    ("today's apply instead of channels", [], True),
    ("a deadline dated in the future, for two channels",
     [("    offset:\n" + APPEAL, "    date: 2099-03-31\n    channels: [online, by-post]\n")], False),
    ("an offset before an event, postmarked",
     [(APPEAL + COUNTS, "      weeks: 4\n      before: election day\n    counts: postmarked\n")],
     False),
    ("an offset in hours after an event",
     [(APPEAL, "      hours: 72\n      after: you arrive\n")], False),
    ("an offset in years after an event",
     [(APPEAL, "      years: 1\n      after: you arrive in the country\n")], False),
    ("a channel reached only in person",
     [(ADDRESSES, "    where: Vehicle and Driver Agency office, Corvale\n")], False),
    ("a collect channel and a representative",
     [(POST, POST + "    role: collect\n  - id: agent\n    type: representative\n"
       "    label: A solicitor\n    urls: [https://www.law.veloria.invalid/find]\n")], False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("edits", "to_apply"), [row[1:] for row in GOOD], ids=[row[0] for row in GOOD]
)
def test_good_ways_to_apply_pass_strict_check(
    wiki: Path,
    run_cli: RunCli,
    git: Callable[..., str],
    edits: list[tuple[str, str]],
    to_apply: bool,
) -> None:
    text = (wiki / GUIDE).read_text(encoding="utf-8")
    if to_apply:
        # A guide of model 1: `apply` is its way of saying it.
        text = _without_channels(text).replace("deadlines:\n", APPLY + "deadlines:\n")
        text = text.replace("model: 2\n", "", 1)
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    _commit(wiki, git, text)

    result = run_cli("--repo", str(wiki), "check", "--strict")

    assert (result.exit_code, result.stdout) == (0, ""), result.output
