"""``review-policy.yaml``: approvals and owners per content folder, read from main."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from review_samples import ANA, CARA, FEE, FIRST_STEP, GUIDE, Submit, staff

from wikitool.errors import ReviewError
from wikitool.gitstore import WikiStore
from wikitool.review.deadlines import due_date
from wikitool.review.listing import review_list
from wikitool.review.policy import DEFAULT_SENSITIVE_FIELDS, FolderPolicy, parse_policy

DAN = "Dan Ek <dan@housing.veloria.invalid>"
EVE = "Eve Ho <eve@housing.veloria.invalid>"

POLICY = b"""\
# Who approves what.
approvals: 1
sensitive_approvals: 2
folders:
  identity-and-travel:
    owners: ["@passports.veloria.invalid"]
    approvals: 2
  identity-and-travel/abroad:
    sensitive_approvals: 3
    sensitive_fields: [fees]
  content/housing/:
    owners: housing-lead@veloria.invalid
"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("content/identity-and-travel/renew-an-adult-passport.md",
         FolderPolicy(2, 2, DEFAULT_SENSITIVE_FIELDS, ("@passports.veloria.invalid",))),
        ("content/identity-and-travel/abroad/renew-abroad.md",
         FolderPolicy(2, 3, ("fees",), ("@passports.veloria.invalid",))),
        ("content/housing/apply-for-housing-benefit.md",
         FolderPolicy(1, 2, DEFAULT_SENSITIVE_FIELDS, ("housing-lead@veloria.invalid",))),
        ("content/vehicles/pay-a-parking-fine.md", FolderPolicy()),
        ("content/identity-and-travel-extra/x.md", FolderPolicy()),
    ],
)
def test_a_folder_inherits_what_it_does_not_set(path: str, expected: FolderPolicy) -> None:
    assert parse_policy(POLICY).for_path(path) == expected


@pytest.mark.parametrize(
    ("email", "owner"),
    [
        ("cara.lind@passports.veloria.invalid", True),
        ("CARA.LIND@Passports.Veloria.Invalid", True),
        ("dan@housing.veloria.invalid", False),
        ("mallory@evil-passports.veloria.invalid", False),
    ],
)
def test_owners_by_address_or_domain(email: str, owner: bool) -> None:
    rules = parse_policy(POLICY).for_path("content/identity-and-travel/x.md")
    assert rules.is_owner(email) is owner


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("approvals: 0\n", "review-policy.yaml:1: approvals must be between 1 and 10"),
        ("approvals: two\n", "review-policy.yaml:1: approvals must be a whole number"),
        ("approvals: true\n", "review-policy.yaml:1: approvals must be a whole number"),
        ("\naprovals: 2\n", "review-policy.yaml:2: unknown key aprovals (known: approvals, sensitive_approvals, sensitive_fields, owners, decide_within, delete_contacts_after, folders)"),
        ("folders: [housing]\n", "review-policy.yaml:1: folders must map folder names to settings"),
        ("folders:\n  housing: 2\n", "review-policy.yaml:2: folder 'housing' must map settings to values"),
        ("folders:\n  housing:\n    owners: [nobody]\n", "review-policy.yaml:3: folders.housing.owners must be e-mail addresses or @domains"),
        ("folders:\n  housing:\n    folders: {}\n", "review-policy.yaml:3: unknown key folders.housing.folders (known: approvals, sensitive_approvals, sensitive_fields, owners, decide_within)"),
        ("sensitive_fields: 3\n", "review-policy.yaml:1: sensitive_fields must be a list of text values"),
        ("approvals: &a 1\nsensitive_approvals: *a\n", "review-policy.yaml:1: *"),
        ("approvals: [1\n", "review-policy.yaml:*"),
        ("decide_within: 5\n", "review-policy.yaml:1: decide_within must be a number of working days from 1 to 3650, e.g. '5 working days'"),
        ("decide_within: 5 days\n", "review-policy.yaml:1: decide_within must be a number of working days from 1 to 3650, e.g. '5 working days'"),
        ("decide_within: 0 working days\n", "review-policy.yaml:1: decide_within must be a number of working days from 1 to 3650, e.g. '5 working days'"),
        ("decide_within: -2 working days\n", "review-policy.yaml:1: decide_within must be a number of working days from 1 to 3650, e.g. '5 working days'"),
        ("decide_within: ５ working days\n", "review-policy.yaml:1: decide_within must be a number of working days from 1 to 3650, e.g. '5 working days'"),
        ("folders:\n  housing:\n    decide_within: soon\n", "review-policy.yaml:3: folders.housing.decide_within must be a number of working days from 1 to 3650, e.g. '5 working days'"),
        ("delete_contacts_after: forever\n", "review-policy.yaml:1: delete_contacts_after must be a number of days from 1 to 3650, e.g. '90 days'"),
        ("delete_contacts_after: 0 days\n", "review-policy.yaml:1: delete_contacts_after must be a number of days from 1 to 3650, e.g. '90 days'"),
        ("folders:\n  housing:\n    delete_contacts_after: 9 days\n", "review-policy.yaml:3: unknown key folders.housing.delete_contacts_after (known: approvals, sensitive_approvals, sensitive_fields, owners, decide_within)"),
    ],
)
def test_a_malformed_policy_is_refused_with_file_and_line(text: str, error: str) -> None:
    with pytest.raises(ReviewError) as raised:
        parse_policy(text.encode())
    if error.endswith("*"):
        assert str(raised.value).startswith(error[:-1])
    else:
        assert str(raised.value) == error


def test_decide_within_is_per_folder_and_contacts_are_kept_for_the_whole_wiki() -> None:
    policy = parse_policy(
        b"decide_within: 10 working days\ndelete_contacts_after: 30 days\n"
        b"folders:\n  housing:\n    decide_within: 1 working day\n"
    )
    assert policy.for_path("content/housing/a.md").decide_within == 1
    assert policy.for_path("content/vehicles/a.md").decide_within == 10
    assert policy.delete_contacts_after == 30
    assert parse_policy(b"approvals: 1\n").delete_contacts_after == 90
    assert parse_policy(b"approvals: 1\n").for_path("content/a/b.md").decide_within is None


def _commit_policy(git: Callable[..., str], wiki: Path, text: bytes) -> None:
    (wiki / "review-policy.yaml").write_bytes(text)
    git(wiki, "add", "review-policy.yaml")
    git(wiki, "commit", "-qm", "Review policy")


def test_merge_follows_the_policy_on_main(
    wiki: Path, submit: Submit, review: Callable[..., Result], git: Callable[..., str]
) -> None:
    _commit_policy(git, wiki, POLICY)
    sid = submit(FIRST_STEP, base=git(wiki, "rev-parse", "main").strip())
    assert review("approve", sid, "--as", DAN).exit_code == 0
    assert review("approve", sid, "--as", EVE).exit_code == 0

    refused = review("merge", sid, "--as", EVE)

    assert refused.exit_code == 1
    assert refused.stderr == (
        f"Error: suggestion {sid} cannot be merged yet: it needs an approval from an owner "
        "of the folder (@passports.veloria.invalid)\n"
    )
    assert review("approve", sid, *staff(CARA)).exit_code == 0
    merged = review("merge", sid, "--as", EVE)
    assert merged.exit_code == 0, merged.output


def test_the_built_in_policy_applies_without_a_file(
    wiki: Path, submit: Submit, review: Callable[..., Result]
) -> None:
    sid = submit(FEE)
    assert review("approve", sid, *staff(ANA)).exit_code == 0
    assert "needs 2 approvals from different people because it changes fees" in review("merge", sid, "--as", DAN).stderr


def test_a_broken_policy_on_main_stops_merges_with_a_clear_error(
    wiki: Path, submit: Submit, review: Callable[..., Result], git: Callable[..., str]
) -> None:
    _commit_policy(git, wiki, b"approvals: 1\nowners: nobody\n")
    sid = submit(FIRST_STEP, base=git(wiki, "rev-parse", "main").strip())
    approved = review("approve", sid, *staff(ANA))
    assert (approved.exit_code, approved.stdout) == (0, f"Approved suggestion {sid}\n")
    assert approved.stderr.startswith("Note: cannot tell whether it is ready to merge: review-policy.yaml:2:")
    result = review("merge", sid, "--as", DAN)
    assert result.exit_code == 1
    assert result.stderr == "Error: review-policy.yaml:2: owners must be e-mail addresses or @domains\n"


# Model 2 structures inside a field: (old text, new text) of the situations guide, and
# the sensitive fields the change touches under the default policy.
MODEL_TWO_EDITS = {
    "a fee limited to a situation": (
        ("amount: 120\n    currency: EUR\n    when: [abroad]",
         "amount: 120\n    currency: EUR\n    when: [abroad, in-country]"), ["fees"]),
    "an alternative of a choose_one group": (("amount: 86", "amount: 88"), ["fees"]),
    "a channel's address": (
        ('addresses: ["Passport Office, PO Box 2210, Aldmere 1010"]',
         'addresses: ["Passport Office, PO Box 2211, Aldmere 1010"]'), ["channels"]),
    "a deadline's offset": (("days: 28", "days: 21"), ["deadlines"]),
    "a document's situations": (
        ("  - name: Birth certificate\n    when: [in-country]",
         "  - name: Birth certificate\n    when: [in-country, abroad]"), ["documents"]),
    "a condition of one situation": (("at least 6 months", "at least 12 months"), ["eligibility"]),
    "a situation relabelled": (
        ("abroad: You live abroad", "abroad: You live outside Veloria"), ["situations"]),
    "a time (an estimate, not sensitive)": (("value: 12", "value: 14"), []),
}  # fmt: skip


@pytest.mark.parametrize(("edit", "sensitive"), MODEL_TWO_EDITS.values(), ids=MODEL_TWO_EDITS.keys())
def test_model_two_changes_under_a_sensitive_field_are_sensitive(
    submit_to_situations_guide: Callable[..., str],
    review_json: Callable[..., Any],
    edit: tuple[str, str],
    sensitive: list[str],
) -> None:
    shown = review_json("show", submit_to_situations_guide(edit))

    assert (shown["sensitive_fields"], shown["required_approvals"]) == (
        sensitive, 2 if sensitive else 1
    )


def test_the_default_sensitive_fields() -> None:
    assert set(DEFAULT_SENSITIVE_FIELDS) == {
        "fees", "eligibility", "documents", "legal_basis", "deadlines", "channels",
        "apply", "situations",
    }  # fmt: skip


def test_review_list_flags_what_waits_longer_than_its_folders_decide_within(
    wiki: Path, store: WikiStore, submit: Submit, review: Callable[..., Result], git: Callable[..., str]
) -> None:
    folder = GUIDE.removeprefix("content/").rsplit("/", 1)[0]
    _commit_policy(git, wiki, f"folders:\n  {folder}:\n    decide_within: 2 working days\n".encode())
    sid = submit(FIRST_STEP, base=git(wiki, "rev-parse", "main").strip())

    [today] = json.loads(review("list", "--json").stdout)
    assert (today["id"], today["overdue"], "overdue" in today["flags"]) == (sid, False, False)
    submitted = datetime.fromtimestamp(today["submitted"], UTC).date()
    assert today["due"] == due_date(today["submitted"], 2).isoformat() > submitted.isoformat()

    [late] = review_list(store, now=today["submitted"] + 7 * 86_400)
    assert late.overdue and "overdue" in late.flags and late.to_json()["overdue"] is True
    assert review_list(store, state="all", now=today["submitted"] + 7 * 86_400)[0].overdue
