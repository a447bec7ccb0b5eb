"""History for every page from one ``git log``, following renames."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from main_commits import commit_to_main

from wikitool.errors import GitStoreError
from wikitool.gitstore import WikiStore
from wikitool.gitstore.log import Repository
from wikitool.history import FileChange, HistoryIndex, LogCommit, parse_log, read_log
from wikitool.model import Identity

STAFF = Identity("History Staff", "staff@agency.invalid")
CITIZEN = Identity("Citizen 01hist", "01hist@suggestions.invalid")
T0 = 1_790_000_000
SHA1 = "1" * 40
SHA2 = "2" * 40
GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"
MOVED = "content/identity-and-travel/renew-your-passport.md"


def _header(sha: str, subject: str, trailers: str = "", credits: str = "") -> str:
    """One commit's header as ``git log -z`` writes it with the history's format."""
    return f"{sha}\x002026-09-22T10:00:00+02:00\x00Ana\x00{subject}\x00{trailers}\x00{credits}\x00"


@pytest.mark.parametrize(
    ("output", "commits"),
    [
        ("", []),
        (
            _header(SHA1, "Fee is now 85 euros", "01abc")
            + "\nM\0content/a/b.md\0R087\0content/a/old.md\0content/a/new.md\0"
            + _header(SHA2, "Start")
            + "\nA\0content/a/b.md\0",
            [
                LogCommit(
                    SHA1,
                    datetime.fromisoformat("2026-09-22T10:00:00+02:00"),
                    "Ana",
                    "Fee is now 85 euros",
                    ("01abc",),
                    (
                        FileChange("M", "content/a/b.md"),
                        FileChange("R", "content/a/new.md", "content/a/old.md"),
                    ),
                ),
                LogCommit(
                    SHA2,
                    datetime.fromisoformat("2026-09-22T10:00:00+02:00"),
                    "Ana",
                    "Start",
                    (),
                    (FileChange("A", "content/a/b.md"),),
                ),
            ],
        ),
        (  # a subject may hold anything but NUL; two trailers are two suggestions
            _header(SHA1, "Tabs\tand ü, 1/2", "01a,01b") + "\nD\0content/x y.md\0",
            [
                LogCommit(
                    SHA1,
                    datetime.fromisoformat("2026-09-22T10:00:00+02:00"),
                    "Ana",
                    "Tabs\tand ü, 1/2",
                    ("01a", "01b"),
                    (FileChange("D", "content/x y.md"),),
                )
            ],
        ),
        (  # credited citizens by name only, a comma in a name kept
            _header(SHA1, "Fee", "01a,01b", "Rosa, M. <01a@suggestions.invalid>\x1fJo <01b@x.invalid>")
            + "\nM\0content/a.md\0",
            [
                LogCommit(
                    SHA1,
                    datetime.fromisoformat("2026-09-22T10:00:00+02:00"),
                    "Ana",
                    "Fee",
                    ("01a", "01b"),
                    (FileChange("M", "content/a.md"),),
                    ("Rosa, M.", "Jo"),
                )
            ],
        ),
    ],
)
def test_parse_log(output: str, commits: list[LogCommit]) -> None:
    assert parse_log(output) == commits


def test_parse_log_refuses_what_it_does_not_understand() -> None:
    with pytest.raises(GitStoreError, match="unexpected git log output near 'not a commit'"):
        parse_log("not a commit\0")


def _commit(day: int, *changes: FileChange, suggestion: str = "") -> LogCommit:
    return LogCommit(
        id=f"{day:040d}",
        date=datetime(2026, 9, day, tzinfo=UTC),
        author="Staff",
        subject=f"day {day}",
        suggestion_ids=(suggestion,) if suggestion else (),
        changes=changes,
    )


def test_a_moved_file_keeps_its_history_through_a_chain_of_moves() -> None:
    log = [  # newest first, as git log gives it
        _commit(5, FileChange("R", "content/c.md", "content/b.md")),
        _commit(4, FileChange("A", "content/a.md")),  # a new, unrelated file at the old path
        _commit(3, FileChange("R", "content/b.md", "content/a.md")),
        _commit(2, FileChange("M", "content/a.md"), suggestion="01s"),
        _commit(1, FileChange("A", "content/a.md"), FileChange("A", "theme/x.html")),
    ]

    index = HistoryIndex(log, "content/")

    assert [c.subject for c in index.of("c.md")] == ["day 5", "day 3", "day 2", "day 1"]
    assert [c.subject for c in index.of("a.md")] == ["day 4"]
    assert index.moved() == {"b.md": "c.md", "a.md": "c.md"}
    assert [c.status for c in index.of("c.md")] == ["R", "R", "M", "A"]
    assert index.of("c.md")[2].suggested
    assert index.paths() == ["a.md", "c.md"]  # theme/ is outside the wiki's folder


def test_a_deleted_file_is_no_current_page() -> None:
    log = [
        _commit(2, FileChange("D", "content/gone.md")),
        _commit(1, FileChange("A", "content/gone.md")),
    ]

    index = HistoryIndex(log, "content/")

    assert [c.status for c in index.of("gone.md")] == ["D", "A"]
    assert [len(c.changes) for c in index.commits] == [1, 1]


# -- against a real repository ------------------------------------------------------------


def _commit_to_main(
    store: WikiStore,
    changes: dict[str, bytes | None],
    message: str,
    when: int,
    author: Identity = STAFF,
    extra_parents: tuple[str, ...] = (),
) -> str:
    return commit_to_main(
        store, changes, message,
        when=when, author=author, committer=STAFF, extra_parents=extra_parents,
    )  # fmt: skip


@pytest.fixture
def history_repo(store: WikiStore) -> WikiStore:
    """The reference wiki plus a merged suggestion (a merge commit) and a move."""
    base = store.main()
    text = store.read(base, GUIDE)
    assert text is not None
    suggested = text.replace(b"amount: 86", b"amount: 85")
    suggestion = store.write_files_commit(
        parents=[base],
        base_tree=store.commit_info(base).tree,
        changes={GUIDE: suggested},
        message="Fee is now 85 euros\n\nSuggestion-Id: 01hist\nBase: " + base + "\n",
        author=CITIZEN,
        when=T0 + 100,
    )
    _commit_to_main(store, {"theme/extra.html": b"x"}, "Theme only\n", T0 + 150)
    _commit_to_main(
        store,
        {GUIDE: suggested},
        "Fee is now 85 euros\n\nSuggestion-Id: 01hist\n",
        T0 + 200,
        extra_parents=(suggestion,),
    )
    _commit_to_main(store, {GUIDE: None, MOVED: suggested}, "Move the guide\n", T0 + 300)
    return store


def test_one_log_gives_mains_line_and_its_moves(history_repo: WikiStore) -> None:
    repository = Repository(history_repo.git_dir, history_repo.main(), "content/")

    commits = read_log(repository)
    index = HistoryIndex(commits, "content/")

    assert [c.subject for c in commits] == [
        "Move the guide",
        "Fee is now 85 euros",
        "Start the wiki",
    ]  # the citizen's own commit is on the merged branch, not main's line; theme/ is not wiki
    moved = index.of("identity-and-travel/renew-your-passport.md")
    assert [(c.subject, c.status, c.suggestion_ids) for c in moved] == [
        ("Move the guide", "R", ()),
        ("Fee is now 85 euros", "M", ("01hist",)),
        ("Start the wiki", "A", ()),
    ]
    assert index.moved() == {
        "identity-and-travel/renew-an-adult-passport.md": "identity-and-travel/renew-your-passport.md"
    }


def test_history_agrees_with_git_log_follow(
    history_repo: WikiStore, git: Callable[..., str]
) -> None:
    repository = Repository(history_repo.git_dir, history_repo.main(), "content/")
    index = HistoryIndex(read_log(repository), "content/")

    follow = git(
        history_repo.work_tree,
        "log",
        "--first-parent",
        "-m",
        "--follow",
        "--format=%H",
        "main",
        "--",
        MOVED,
    ).split()

    assert [c.commit for c in index.of("identity-and-travel/renew-your-passport.md")] == follow
