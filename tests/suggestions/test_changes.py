"""A suggestion given as a list of changes (``changes``): applied to the guide at its base
with the round-trip writer, so the branch differs from its base in exactly the lines
changed, then checked like a whole guide."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from change_lists import GUIDE, OLD_BASE, REFUSED_CHANGES, SHORT_GUIDE, commit_fourth_fee
from click.testing import Result
from guide_edits import commit_guide_edits

RunCli = Callable[..., Result]

COMMENTED = (
    ("fees:\n", "fees:  # what the Passport Office charges, checked 2026-10-06\n"),
    ("  - label: Paper form by post\n", "  # the paper form costs more: it is checked by hand\n  - label: Paper form by post\n"),
)
"""Comments staff wrote in the front matter: a change list must keep them."""


@pytest.fixture
def commented(wiki: Path, git: Callable[..., str]) -> str:
    """The passport guide on main with comments in its front matter; its text."""
    commit_guide_edits(wiki, git, GUIDE, *COMMENTED)
    return git(wiki, "show", f"main:{GUIDE}")


@pytest.fixture
def submit(wiki: Path, run_cli: RunCli) -> Callable[..., Result]:
    """Submit a change list (None: none) for the passport guide with ``suggest submit -``."""

    def run(changes: Any, **fields: Any) -> Result:
        document = {"guide": SHORT_GUIDE, "summary": "Fix", **fields}
        if changes is not None:
            document["changes"] = changes
        return run_cli(
            "--repo", str(wiki), "suggest", "submit", "--json", "-", input=json.dumps(document)
        )

    return run


def _branch(result: Result) -> str:
    assert result.exit_code == 0, result.output
    return str(json.loads(result.stdout)["branch"])


def test_a_one_fee_change_is_one_line_in_git_with_comments_and_key_order_kept(
    wiki: Path, git: Callable[..., str], submit: Callable[..., Result], commented: str,
) -> None:
    branch = _branch(submit([{"field": "fees[1].amount", "set": 99}]))

    assert git(wiki, "diff", "--numstat", "main", branch) == f"1\t1\t{GUIDE}\n"
    expected = commented.replace("    amount: 95\n", "    amount: 99\n", 1)
    assert git(wiki, "show", f"{branch}:{GUIDE}") == expected
    git(wiki, "fsck", "--full", "--strict")


def test_spellings_the_writer_would_normalise_stay_as_staff_wrote_them(
    wiki: Path, git: Callable[..., str], submit: Callable[..., Result],
) -> None:
    commit_guide_edits(
        wiki, git, GUIDE,
        ("  - label: Online renewal\n", "  - label:   Online renewal\n"),
        ("    required: true\n", "    required: True\n"),
        ("tags:\n  - passport\n  - travel\n  - renewal\n", "tags: [passport,travel,renewal]\n"),
    )

    branch = _branch(submit([{"field": "fees[1].amount", "set": 99}]))

    assert git(wiki, "diff", "--numstat", "main", branch) == f"1\t1\t{GUIDE}\n"


def test_the_whole_fee_list_sent_with_one_amount_changed_is_still_one_line(
    wiki: Path, git: Callable[..., str], submit: Callable[..., Result], commented: str,
) -> None:
    fees = [
        {"label": "Online renewal", "amount": 86, "currency": "EUR"},
        {"label": "Paper form by post", "amount": 99, "currency": "EUR"},
        {"label": "Fast Track appointment (passport in 7 days)", "amount": 160, "currency": "EUR",
         "note": "Includes the renewal fee. Book online; in person only."},
    ]

    branch = _branch(submit([{"field": "fees", "set": fees}, {"field": "title", "set": "Renew an adult passport"}]))

    assert git(wiki, "diff", "--numstat", "main", branch) == f"1\t1\t{GUIDE}\n"
    assert git(wiki, "show", f"{branch}:{GUIDE}") == commented.replace("amount: 95", "amount: 99", 1)


def test_a_fee_a_new_document_and_a_reworded_step_touch_exactly_their_lines(
    wiki: Path, git: Callable[..., str], submit: Callable[..., Result], commented: str,
) -> None:
    changes = [
        {"field": "fees[0].amount", "set": 89},
        {"field": "documents", "insert": 3, "value": {"name": "Proof of address", "required": False}},
        {"step": 4, "text": "Pay the fee of 89 euros."},
    ]

    branch = _branch(submit(changes))

    assert git(wiki, "diff", "--numstat", "main", branch) == f"4\t2\t{GUIDE}\n"
    expected = (
        commented.replace("    amount: 86\n", "    amount: 89\n", 1)
        .replace(
            "eligibility:\n",
            "  - name: Proof of address\n    required: false\neligibility:\n",
            1,
        )
        .replace("5. Pay the fee of 86 euros.", "5. Pay the fee of 89 euros.", 1)
    )
    assert git(wiki, "show", f"{branch}:{GUIDE}") == expected


@pytest.mark.parametrize(
    ("changes", "edits"),
    [
        ([{"field": "fees[2].note", "remove": True}],
         [("    note: Includes the renewal fee. Book online; in person only.\n", "")]),
        ([{"field": "fees[0].note", "set": "Pay by card."}],
         [("    currency: EUR\n  # the paper", "    currency: EUR\n    note: Pay by card.\n  # the paper")]),
        ([{"field": "tags[2]", "move": 0}], [("  - passport\n  - travel\n  - renewal\n", "  - renewal\n  - passport\n  - travel\n")]),
        ([{"field": "tags", "insert": 3, "value": "on"}], [("  - renewal\n", "  - renewal\n  - 'on'\n")]),
        ([{"step": 0, "insert": "before", "text": "Check your passport's expiry date."}],
         [("## Steps\n\n1. Get", "## Steps\n\n1. Check your passport's expiry date.\n1. Get")]),
        ([{"step": 6, "insert": "after", "text": "Check your new passport."}],
         [("Someone must be there to sign for it.\n", "Someone must be there to sign for it.\n8. Check your new passport.\n")]),
        ([{"step": 3, "remove": True}], [("4. Upload your photo or enter the photo code.\n", "")]),
        ([{"section": "Get help", "text": "Call the helpline: 0800 555 0142\n\nWeekdays, 8am to 8pm."}],
         [("Passport Office helpline: 0800 555 0142\n\nMonday to Friday, 8am to 8pm. Saturday, 9am to 1pm. Calls are free.",
           "Call the helpline: 0800 555 0142\n\nWeekdays, 8am to 8pm.")]),
        ([{"section": "after you apply", "text": "You get an email."}],
         [("You get an email when your old passport arrives and when your new passport is printed. "
           "You can track your application online with the reference on your confirmation page.\n\n"
           "Your old passport is returned to you separately, with its corner cut off. Keep any valid "
           "visas in it: you can travel with the old passport and the new one together.", "You get an email.")]),
    ],
    ids=["remove a key", "add a key", "move an item", "insert an item YAML 1.1 reads as true",
         "insert a first step", "insert a last step", "remove a step", "a section's text",
         "a section named in other case"],
)
def test_each_kind_of_change_rewrites_only_its_lines(
    wiki: Path, git: Callable[..., str], submit: Callable[..., Result], commented: str,
    changes: list[dict[str, Any]], edits: list[tuple[str, str]],
) -> None:
    branch = _branch(submit(changes))

    expected = commented
    for old, new in edits:
        assert old in expected
        expected = expected.replace(old, new, 1)
    assert git(wiki, "show", f"{branch}:{GUIDE}") == expected


def test_changes_apply_in_order_each_to_the_guide_the_ones_before_left(
    wiki: Path, git: Callable[..., str], submit: Callable[..., Result], commented: str,
) -> None:
    changes = [
        {"field": "fees", "insert": 0, "value": {"label": "Urgent", "amount": 200, "currency": "EUR"}},
        {"field": "fees[1].amount", "set": 87},  # the online fee, now second
        {"step": 0, "insert": "after", "text": "Book an appointment."},
        {"step": 1, "text": "Book an appointment online."},  # the step just inserted
    ]

    branch = _branch(submit(changes))

    text = git(wiki, "show", f"{branch}:{GUIDE}")
    assert "  - label: Urgent\n    amount: 200\n    currency: EUR\n  - label: Online renewal\n    amount: 87\n" in text
    assert "plain light background.\n2. Book an appointment online.\n2. Go to" in text


def test_a_change_list_gives_the_same_branch_as_the_whole_guide(
    wiki: Path, git: Callable[..., str], submit: Callable[..., Result], commented: str,
) -> None:
    whole = commented.replace("    amount: 95\n", "    amount: 99\n", 1)
    first = json.loads(submit([{"field": "fees[1].amount", "set": 99}]).stdout)

    again = submit(None, content=whole)

    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["id"] == first["id"]  # the same change: a +1


def test_the_base_is_the_revision_the_changes_are_read_against(
    wiki: Path, git: Callable[..., str], submit: Callable[..., Result],
) -> None:
    old = commit_fourth_fee(wiki, git)

    branch = _branch(submit([{"field": "fees[2].amount", "set": 170}], base=old))

    assert git(wiki, "rev-parse", f"{branch}^").strip() == old
    assert git(wiki, "diff", "--numstat", old, branch) == f"1\t1\t{GUIDE}\n"


@pytest.mark.parametrize(
    ("changes", "base", "error"),
    [row[1:] for row in REFUSED_CHANGES],
    ids=[row[0] for row in REFUSED_CHANGES],
)
def test_bad_changes_are_refused_naming_the_change_and_nothing_is_written(
    wiki: Path, git: Callable[..., str], submit: Callable[..., Result],
    changes: object, base: str | None, error: str,
) -> None:
    main = git(wiki, "rev-parse", "main").strip()
    fields: dict[str, str] = {}
    if base == OLD_BASE:
        fields["base"] = commit_fourth_fee(wiki, git)
    refs_before = git(wiki, "for-each-ref")
    objects_before = git(wiki, "count-objects", "-v")

    result = submit(changes, **fields)

    assert result.exit_code == 1
    expected = (
        error.replace("SRC", "<stdin>")
        .replace(OLD_BASE, fields.get("base", "")[:7])
        .replace("BASE", main[:7])
    )
    assert result.stderr == f"Error: {expected}\n"
    assert git(wiki, "for-each-ref") == refs_before
    assert git(wiki, "count-objects", "-v") == objects_before


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"changes": [{"step": 0, "text": "Go."}], "content": "---\n"},
         "give exactly one of content (the whole guide) and changes (what changed)"),
        ({}, "give exactly one of content (the whole guide) and changes (what changed)"),
        ({"changes": [{"step": 0, "text": "Go."}], "new": True},
         "a new guide is given whole, as content, not as changes"),
    ],
    ids=["both content and changes", "neither", "a new guide as changes"],
)
def test_content_or_changes_exactly_one(
    wiki: Path, run_cli: RunCli, suggestion_file: Callable[..., Path],
    fields: dict[str, Any], error: str,
) -> None:
    path = suggestion_file(guide=SHORT_GUIDE, summary="Fix", **fields)

    result = run_cli("--repo", str(wiki), "suggest", "submit", str(path))

    assert result.exit_code == 1
    assert result.stderr == f"Error: {path}: {error}\n"


def test_the_readme_example_is_a_change_list_the_intake_takes(
    wiki: Path, git: Callable[..., str], submit: Callable[..., Result],
) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### A list of changes instead of the whole guide")[1]
    example = json.loads(section.split("```json\n")[1].split("```")[0])
    assert example["guide"] == SHORT_GUIDE

    branch = _branch(submit(example["changes"], base=git(wiki, "rev-parse", "main").strip()))

    text = git(wiki, "show", f"{branch}:{GUIDE}")
    assert "    amount: 89\n" in text and "  - name: Proof of address\n" in text
    assert "5. Pay the fee of 89 euros.\n" in text and "Weekdays, 8am to 8pm." in text
    assert "4. Upload your photo" not in text


LOST = "content/identity-and-travel/replace-a-lost-or-stolen-passport.md"


def test_steps_are_counted_through_groups_and_alternatives(
    wiki: Path, git: Callable[..., str], submit: Callable[..., Result],
) -> None:
    changes = [
        {"step": 2, "text": "Call the Passport Office emergency line."},  # after "or"
        {"step": 3, "insert": "before", "text": "Read the confirmation page."},  # in-veloria's first
        {"step": 14, "text": "Wait for your new passport."},  # the last, abroad
    ]

    branch = _branch(submit(changes, guide=LOST.removeprefix("content/")))

    assert git(wiki, "diff", "--numstat", "main", branch) == f"3\t2\t{LOST}\n"
    text = git(wiki, "show", f"{branch}:{LOST}")
    assert "or\n\n1. Call the Passport Office emergency line.\n\n### Apply" in text
    assert "{when: in-veloria}\n\n1. Read the confirmation page.\n1. Choose" in text
    assert "5. Wait for your new passport.\n\n## After you apply" in text


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ([{"section": "Report the loss", "text": "Call us."}],
         "changes[0] (section 'Report the loss'): change the steps one by one, with step entries"),
        ([{"step": 2, "remove": True}],
         "changes[0] (steps[2]): is the only step of its list: a list of steps needs at least one; reword it instead"),
    ],
    ids=["a group of steps as a section", "the only step of an alternative"],
)
def test_the_steps_groups_and_alternatives_keep_their_shape(
    submit: Callable[..., Result], changes: list[dict[str, Any]], error: str,
) -> None:
    result = submit(changes, guide=LOST.removeprefix("content/"))

    assert result.exit_code == 1
    assert result.stderr == f"Error: {error}\n"


def test_a_yaml_suggestion_file_may_hold_a_change_list(
    wiki: Path, git: Callable[..., str], run_cli: RunCli, tmp_path: Path,
) -> None:
    path = tmp_path / "review-date.yaml"
    path.write_text(
        f"guide: {SHORT_GUIDE}\n"
        "summary: Checked again\n"
        "changes:\n"
        "  - {field: review_by, set: 2027-05-06}\n"
        "  - field: fees[1].amount\n"
        "    set: 96.5\n",
        encoding="utf-8",
    )

    result = run_cli("--repo", str(wiki), "suggest", "submit", "--json", str(path))

    branch = _branch(result)
    diff = git(wiki, "diff", "-U0", "main", branch)
    assert "+review_by: 2027-05-06\n" in diff and "+    amount: 96.5\n" in diff
    assert git(wiki, "diff", "--numstat", "main", branch) == f"2\t2\t{GUIDE}\n"
