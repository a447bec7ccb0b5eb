"""Amending a suggestion in the working tree (``review checkout``) and ``wikitool history``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from review_samples import ANA, BEN, CARA, FIRST_STEP, GUIDE, HELPLINE, Submit, staff

from wikitool.gitstore import WikiStore

Git = Callable[..., str]
Review = Callable[..., Result]


def _commit_as(git: Git, repo: Path, who: object, message: str) -> None:
    name, email = str(who).removesuffix(">").split(" <")
    git(repo, "-c", f"user.name={name}", "-c", f"user.email={email}", "commit", "-qam", message)


def test_staff_amend_a_suggestion_and_it_is_reviewed_again(
    wiki: Path, store: WikiStore, submit: Submit, review: Review, git: Git, published: str
) -> None:
    sid = submit(FIRST_STEP, summary="Say what to do first")
    assert review("approve", sid, *staff(ANA)).exit_code == 0

    checkout = review("checkout", sid[:12])

    assert checkout.exit_code == 0, checkout.output
    assert checkout.stdout == (
        f"Switched to branch suggestions/{sid} in {wiki}\n"
        f"Edit {GUIDE}, commit, then: wikitool review show {sid}\n"
    )
    assert git(wiki, "rev-parse", "--abbrev-ref", "HEAD").strip() == f"suggestions/{sid}"
    page = wiki / GUIDE
    page.write_text(page.read_text().replace("Calls are free.", "Calls are free of charge."))
    _commit_as(git, wiki, CARA, "Say calls cost nothing")
    amended = git(wiki, "rev-parse", "HEAD").strip()

    shown = json.loads(review("show", sid, "--json").stdout)
    assert shown["tip"] == amended
    assert [(a["author"], a["subject"]) for a in shown["amendments"]] == [(str(CARA), "Say calls cost nothing")]
    assert shown["approvers"] == []  # Ana approved the earlier version
    refused = review("approve", sid, *staff(CARA))
    assert refused.stderr == (
        f"Error: {CARA} wrote or amended suggestion {sid} and cannot approve it: ask a colleague to review it\n"
    )
    assert review("approve", sid, *staff(ANA)).exit_code == 0
    log = json.loads(review("log", sid, "--json").stdout)
    assert [(e["event"], e["by"]) for e in log] == [
        ("submitted", f"Citizen {sid} <{sid}@suggestions.invalid>"),
        ("approve", str(ANA)),
        ("amend", str(CARA)),
        ("approve", str(ANA)),
    ]
    assert log[2]["data"] == {"Commit": amended, "Previous": log[0]["data"]["Commit"]}
    assert log[3]["data"] == {"Commit": amended}

    merged = review("merge", sid, *staff(BEN))

    assert merged.exit_code == 0, merged.output
    # The branch is still checked out, so it is kept (git would refuse to delete it too).
    assert merged.stderr == (
        f"Note: the branch suggestions/{sid} is checked out in the working tree, so it was kept: "
        f"switch branches, then delete it with git branch -D suggestions/{sid}\n"
    )
    assert git(wiki, "rev-parse", "main^2").strip() == amended
    assert git(wiki, "rev-parse", f"refs/archive/suggestions/{sid}").strip() == amended
    assert git(wiki, "show", f"main:{GUIDE}") == published.replace(*FIRST_STEP).replace(
        "Calls are free.", "Calls are free of charge."
    )
    git(wiki, "fsck", "--full", "--strict")


def test_checkout_refuses_a_dirty_working_tree(
    wiki: Path, submit: Submit, review: Review, git: Git
) -> None:
    sid = submit()
    (wiki / GUIDE).write_text("unsaved work\n")

    result = review("checkout", sid)

    assert result.exit_code == 1
    assert result.stderr == f"Error: {wiki} has uncommitted changes: commit or stash them, then try again\n"
    assert git(wiki, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"


def test_history_lists_a_guides_changes_and_marks_citizen_suggestions(
    wiki: Path, submit: Submit, review: Review, run_cli: Callable[..., Result], git: Git
) -> None:
    first = submit(FIRST_STEP, summary="Say what to do first",
                   author={"name": "Rosa Marin", "email": "rosa@example.org", "credit": True})
    assert review("approve", first, *staff(ANA)).exit_code == 0
    assert review("merge", first, *staff(BEN)).exit_code == 0
    git(wiki, "reset", "-q", "--hard", "main")  # the working tree follows main for a staff edit
    page = wiki / GUIDE
    page.write_text(page.read_text().replace("Calls are free.", "Calls cost nothing."))
    _commit_as(git, wiki, CARA, "Plain words for the helpline")

    result = run_cli("--repo", str(wiki), "history", "identity-and-travel/renew-an-adult-passport.md", "--json")

    assert result.exit_code == 0, result.output
    changes = json.loads(result.stdout)
    assert [(c["summary"], c["suggestion_ids"], c["status"]) for c in changes] == [
        ("Plain words for the helpline", [], "changed"),
        ("Say what to do first", [first], "changed"),
        ("Start the wiki", [], "added"),
    ]
    assert changes[1]["author"] == BEN.name and changes[1]["suggested"] is True
    assert [c["credited"] for c in changes] == [[], ["Rosa Marin"], []]
    text = run_cli("--repo", str(wiki), "history", GUIDE).stdout.splitlines()
    assert text[1].endswith(
        f"Say what to do first  (citizen suggestion {first}) suggested by Rosa Marin  - {BEN.name}"
    )
    assert "rosa@example.org" not in result.stdout
    assert "[added] Start the wiki" in text[2]


def test_history_of_an_unknown_guide(wiki: Path, run_cli: Callable[..., Result]) -> None:
    missing = run_cli("--repo", str(wiki), "history", "housing/no-such-guide.md")
    assert missing.exit_code == 1
    assert missing.stderr == "Error: content/housing/no-such-guide.md has no history on main: is the path right?\n"
    unsafe = run_cli("--repo", str(wiki), "history", "../mkdocs.yml")
    assert unsafe.exit_code == 1
    assert unsafe.stderr == "Error: guide path '../mkdocs.yml' has an empty, '.' or '..' segment\n"


def test_history_follows_a_helpline_change_through_a_three_way_merge(
    wiki: Path, submit: Submit, review: Review, run_cli: Callable[..., Result]
) -> None:
    ids = [submit(FIRST_STEP, summary="One"), submit(HELPLINE, summary="Two")]
    for sid in ids:
        assert review("approve", sid, *staff(ANA)).exit_code == 0
        assert review("merge", sid, *staff(BEN)).exit_code == 0
    changes = json.loads(run_cli("--repo", str(wiki), "history", GUIDE, "--json").stdout)
    assert [c["summary"] for c in changes] == ["Two", "One", "Start the wiki"]


def test_checkout_works_in_a_working_tree_that_merges_left_behind(
    wiki: Path, submit: Submit, review: Review, git: Git
) -> None:
    merged, amended = submit(FIRST_STEP, summary="One"), submit(HELPLINE, summary="Two")
    assert review("approve", merged, *staff(ANA)).exit_code == 0
    assert review("merge", merged, *staff(BEN)).exit_code == 0
    assert git(wiki, "status", "--porcelain") != ""  # main moved; the files did not

    result = review("checkout", amended)

    assert result.exit_code == 0, result.output
    assert git(wiki, "rev-parse", "--abbrev-ref", "HEAD").strip() == f"suggestions/{amended}"
    assert git(wiki, "status", "--porcelain") == ""


def test_checkout_keeps_refusing_real_edits_in_a_tree_left_behind(
    wiki: Path, submit: Submit, review: Review, git: Git
) -> None:
    merged, other = submit(FIRST_STEP, summary="One"), submit(HELPLINE, summary="Two")
    assert review("approve", merged, *staff(ANA)).exit_code == 0
    assert review("merge", merged, *staff(BEN)).exit_code == 0
    (wiki / "content/housing/index.md").write_text("my draft\n")

    result = review("checkout", other)

    assert result.exit_code == 1
    assert "has uncommitted changes" in result.stderr
    assert (wiki / "content/housing/index.md").read_text() == "my draft\n"
