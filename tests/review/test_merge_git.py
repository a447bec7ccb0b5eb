"""``review merge`` as real git sees it: merge commits, stale bases, conflicts, validation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from review_samples import (
    ANA,
    BEN,
    FEE,
    FIRST_STEP,
    FIRST_STEP_OTHER,
    GUIDE,
    HELPLINE,
    Submit,
    staff,
)

from wikitool.gitstore import WikiStore

Git = Callable[..., str]
Review = Callable[..., Result]


def _refs(git: Git, repo: Path) -> str:
    return git(repo, "for-each-ref", "--format=%(refname) %(objectname)")


def _approve_and_merge(review: Review, sid: str) -> Result:
    assert review("approve", sid, *staff(ANA)).exit_code == 0
    return review("merge", sid, *staff(BEN))


def test_a_suggestion_on_mains_tip_gets_a_merge_commit_with_its_trailers(
    wiki: Path, store: WikiStore, submit: Submit, review: Review, git: Git
) -> None:
    main = store.main()
    sid = submit(FIRST_STEP, summary="Say what to do first")
    tip = store.ref(f"refs/heads/suggestions/{sid}")

    result = _approve_and_merge(review, sid)

    assert result.exit_code == 0, result.output
    merged = git(wiki, "rev-parse", "main").strip()
    assert result.stdout == f"Merged suggestion {sid} as {merged[:12]} (based on main's tip)\n"
    assert git(wiki, "rev-list", "--parents", "-1", "main").split() == [merged, main, tip]
    assert git(wiki, "rev-parse", "main^{tree}") == git(wiki, "rev-parse", f"{tip}^{{tree}}")
    assert git(wiki, "log", "-1", "--format=%B", "main") == (
        "Say what to do first\n\n"
        f"Suggestion-Id: {sid}\n"
        f"Reviewed-by: {ANA}\n\n"
    )
    assert git(wiki, "log", "-1", "--format=%an <%ae>|%cn", "main").strip() == f"{BEN}|wikitool"
    refs = _refs(git, wiki)
    assert f"refs/heads/suggestions/{sid}" not in refs
    assert f"refs/archive/suggestions/{sid} {tip}" in refs
    events = git(wiki, "log", "--format=%(trailers:key=Event,valueonly)", f"refs/reviews/{sid}").split()
    assert events == ["merge", "approve", "submitted"]
    assert f"Merged-As: {merged}" in git(wiki, "log", "-1", "--format=%B", f"refs/reviews/{sid}")
    git(wiki, "fsck", "--full", "--strict")


def test_staff_with_main_checked_out_are_told_how_to_bring_it_up_to_date(
    wiki: Path, submit: Submit, review: Review, git: Git
) -> None:
    sid = submit(FIRST_STEP, summary="Say what to do first")

    result = _approve_and_merge(review, sid)

    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"Note: the working tree at {wiki} has main checked out and now shows this merge as "
        "if reverted: with no edits of your own there, `git reset --hard main` brings it up "
        "to date\n"
    )
    assert git(wiki, "status", "--porcelain") != ""
    git(wiki, "reset", "-q", "--hard", "main")  # what the note says
    assert git(wiki, "status", "--porcelain") == ""
    assert FIRST_STEP[1] in (wiki / GUIDE).read_text()


def test_two_suggestions_on_different_sections_of_one_guide_both_merge(
    wiki: Path, store: WikiStore, submit: Submit, review: Review, git: Git, published: str
) -> None:
    base = store.main()
    first = submit(FIRST_STEP, summary="Say what to do first")
    second = submit(HELPLINE, summary="Calls are free from mobiles too")
    second_tip = store.ref(f"refs/heads/suggestions/{second}")

    assert _approve_and_merge(review, first).exit_code == 0
    after_first = store.main()
    result = _approve_and_merge(review, second)

    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("(three-way merge)\n")
    final = git(wiki, "show", f"main:{GUIDE}")
    assert final == published.replace(*FIRST_STEP).replace(*HELPLINE)
    assert git(wiki, "rev-list", "--parents", "-1", "main").split()[1:] == [after_first, second_tip]
    # The second suggestion still hangs off the revision its citizen saw.
    assert git(wiki, "merge-base", "main^1", "main^2").strip() == base
    assert git(wiki, "merge-base", "--is-ancestor", f"refs/archive/suggestions/{second}", "main") == ""
    graph = git(wiki, "log", "--graph", "--format=%s", "main")
    assert graph.splitlines()[0] == "*   Calls are free from mobiles too"
    assert "Say what to do first" in graph and "Start the wiki" in graph
    subjects = git(wiki, "log", "--first-parent", "--format=%s", "main").splitlines()
    assert subjects == ["Calls are free from mobiles too", "Say what to do first", "Start the wiki"]
    git(wiki, "fsck", "--full", "--strict")


def test_two_suggestions_changing_the_same_line_conflict_and_nothing_changes(
    wiki: Path, store: WikiStore, submit: Submit, review: Review, git: Git, published: str
) -> None:
    first = submit(FIRST_STEP, summary="Say what to do first")
    second = submit(FIRST_STEP_OTHER, summary="Start with the photo")
    assert _approve_and_merge(review, first).exit_code == 0
    assert review("approve", second, *staff(ANA)).exit_code == 0
    before = _refs(git, wiki)
    line = published.splitlines().index(
        next(x for x in published.splitlines() if x.startswith("1. Get a passport photo"))
    ) + 1

    result = review("merge", second, *staff(BEN))

    assert result.exit_code == 3
    report = result.stderr.splitlines()
    assert report[0] == f"{GUIDE}: changed on both sides"
    assert report[1] == f"  at line {line} of the suggestion's base:"
    assert report[2].startswith("    main:       1. First, get a passport photo.")
    assert report[3].startswith("    suggestion: 1. Start with a passport photo.")
    assert report[-1] == (
        f"Error: suggestion {second} does not merge cleanly onto main: {GUIDE} "
        f"(changed on both sides, line {line}); nothing was changed"
    )
    assert _refs(git, wiki) == before
    git(wiki, "fsck", "--full", "--strict")


def test_a_merge_that_would_break_the_guide_is_refused(
    wiki: Path, store: WikiStore, submit: Submit, review: Review, git: Git
) -> None:
    # The suggestion links to a guide that staff delete on main meanwhile: each side is
    # valid alone, the merge is not.
    link = ("Calls are free.", "Calls are free. [Lost passport?](replace-a-lost-or-stolen-passport.md)")
    sid = submit(link, summary="Link the lost-passport guide")
    git(wiki, "rm", "-q", "content/identity-and-travel/replace-a-lost-or-stolen-passport.md")
    for page in git(wiki, "grep", "-l", "replace-a-lost-or-stolen-passport", "--", "content").split():
        text = (wiki / page).read_text()
        (wiki / page).write_text(text.replace("(replace-a-lost-or-stolen-passport.md)", "(index.md)").replace(
            "(../identity-and-travel/replace-a-lost-or-stolen-passport.md)", "(../identity-and-travel/index.md)"))
    git(wiki, "commit", "-qam", "Retire the lost-passport guide")
    assert review("approve", sid, *staff(ANA)).exit_code == 0
    shown = review("show", sid).stdout
    assert "Checks:     1 problem(s), would block the merge:\n" in shown
    assert "points to content/identity-and-travel/replace-a-lost-or-stolen-passport.md, which does not exist" in shown
    before = _refs(git, wiki)

    result = review("merge", sid, *staff(BEN))

    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Error: the merged guide would not pass wikitool check: {GUIDE}:"
    )
    assert "replace-a-lost-or-stolen-passport.md" in result.stderr
    assert _refs(git, wiki) == before


def test_a_sensitive_change_needs_two_people(
    wiki: Path, submit: Submit, review: Review, git: Git
) -> None:
    sid = submit(FEE, summary="The online fee is 88 euros")
    assert review("approve", sid, *staff(ANA)).stdout == (
        f"Approved suggestion {sid} (1 of 2 approvals; not ready to merge: it needs 2 "
        "approvals from different people because it changes fees; it has 1)\n"
    )
    refused = review("merge", sid, *staff(BEN))
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"Error: suggestion {sid} cannot be merged yet: it needs 2 approvals from different "
        "people because it changes fees; it has 1\n"
    )
    assert review("approve", sid, *staff(BEN)).exit_code == 0

    merged = review("merge", sid, *staff(BEN))

    assert merged.exit_code == 0, merged.output
    trailers = git(wiki, "log", "-1", "--format=%(trailers:key=Reviewed-by,valueonly)", "main")
    assert trailers.split("\n")[:2] == [str(ANA), str(BEN)]


def test_a_credited_citizen_is_a_co_author_of_the_merge(
    wiki: Path, submit: Submit, review: Review, git: Git
) -> None:
    sid = submit(HELPLINE, author={"name": "Maria Lopez", "email": "maria@example.org", "credit": True})

    assert _approve_and_merge(review, sid).exit_code == 0

    message = git(wiki, "log", "-1", "--format=%B", "main")
    assert f"Co-authored-by: Maria Lopez <{sid}@suggestions.invalid>" in message
    assert "maria@example.org" not in message


def test_a_merge_whose_process_died_before_its_event_is_recorded_by_the_next_attempt(
    wiki: Path, store: WikiStore, submit: Submit, review: Review, git: Git
) -> None:
    from wikitool.review.merge import merge_message
    from wikitool.review.record import load_record

    sid = submit(FIRST_STEP, summary="Say what to do first")
    assert review("approve", sid, *staff(ANA)).exit_code == 0
    record = load_record(store, sid)
    main = store.main()
    # What a merging process does before it dies: main moves, no merge event yet.
    commit = store.write_commit(
        tree=store.commit_info(record.tip).tree, parents=[main, record.tip],
        message=merge_message(record, (str(ANA),)), author=BEN,
    )
    assert store.update_ref("refs/heads/main", main, commit)

    again = review("merge", sid, *staff(ANA))

    assert again.exit_code == 1
    assert again.stderr == f"Error: suggestion {sid} is already merged\n"
    last = git(wiki, "log", "-1", "--format=%B", f"refs/reviews/{sid}")
    assert f"Event: merge\nSuggestion-Id: {sid}\nReviewer: {BEN}\n" in last
    assert f"Merged-As: {commit}" in last
    assert git(wiki, "rev-parse", "main").strip() == commit
    assert f"refs/archive/suggestions/{sid}" in _refs(git, wiki)
    assert f"refs/heads/suggestions/{sid}" not in _refs(git, wiki)
