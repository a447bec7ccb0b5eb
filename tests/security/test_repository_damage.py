"""A lock file left behind or a damaged object: one clear error line, and no damage done.

A killed writer leaves ``<ref>.lock`` behind; a stale one (older than
``STALE_LOCK_SECONDS``) is removed by the next writer, a fresh one is another writer at
work and is waited for, then reported. A damaged loose object (a disk error, a careless
edit) makes every command that reads it stop with one line naming the object, and write
nothing: ``git fsck`` says afterwards exactly what it said before.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from main_commits import commit_to_main
from wiki_state import GUIDE, repository_state

from wikitool.gitstore import MAIN_REF, WikiStore
from wikitool.model import Identity
from wikitool.review.decisions import review_approve
from wikitool.review.listing import review_list
from wikitool.suggestions.input import SuggestionInput
from wikitool.suggestions.submission import suggestion_submit

RunCli = Callable[..., Result]

STAFF = Identity("Test Staff", "staff@agency.invalid")
REVIEWER = Identity("Ben Osei", "ben.osei@passports.veloria.invalid")
MERGER = Identity("Ana Ruiz", "ana.ruiz@passports.veloria.invalid")
HOUSING = "content/housing/apply-for-housing-benefit.md"
FIRST_STEP = ("## Steps\n\n1. ", "## Steps\n\n1. First, ")


def _approved_suggestion(store: WikiStore, passport: str) -> str:
    content = passport.replace(*FIRST_STEP, 1)
    sid = suggestion_submit(store, SuggestionInput(GUIDE, content, "Say what comes first")).id
    review_approve(store, sid, staff=REVIEWER)
    return sid


def _lock(wiki: Path, ref: str, *, age: float) -> Path:
    lock = wiki / ".git" / f"{ref}.lock"
    lock.write_text("")
    then = time.time() - age
    os.utime(lock, (then, then))
    return lock


def _fsck(wiki: Path) -> str:
    done = subprocess.run(
        ["git", "-C", str(wiki), "fsck", "--full", "--strict", "--no-dangling"],
        capture_output=True, text=True,
    )  # fmt: skip
    return f"exit {done.returncode}\n{done.stdout}{done.stderr}"


# -- lock files ---------------------------------------------------------------------------


def test_a_stale_lock_on_main_is_removed_by_the_next_merge(
    wiki: Path, store: WikiStore, run_cli: RunCli, passport: str
) -> None:
    sid = _approved_suggestion(store, passport)
    lock = _lock(wiki, MAIN_REF, age=60)
    before = store.main()

    check = run_cli("--repo", str(wiki), "check")
    merge = run_cli("--repo", str(wiki), "review", "merge", sid, "--as", str(MERGER))

    assert check.exit_code == 0, check.output  # reading never minds a lock
    assert merge.exit_code == 0, merge.output
    assert not lock.exists()
    assert store.main() != before
    assert _fsck(wiki) == "exit 0\n"


def test_a_fresh_lock_on_main_is_waited_for_then_reported_and_nothing_changes(
    wiki: Path, store: WikiStore, run_cli: RunCli, passport: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("wikitool.gitstore.refs.LOCK_WAIT_SECONDS", 0.5)
    sid = _approved_suggestion(store, passport)
    lock = _lock(wiki, MAIN_REF, age=0)
    refs_before = repository_state(wiki)[0]

    started = time.monotonic()
    merge = run_cli("--repo", str(wiki), "review", "merge", sid, "--as", str(MERGER))
    waited = time.monotonic() - started

    assert merge.exit_code == 1
    assert merge.stderr == "Error: refs/heads/main is locked by another writer; try again in a moment\n"
    assert 0.5 <= waited < 5
    assert repository_state(wiki)[0] == refs_before
    assert lock.exists(), "another writer's lock is not ours to remove"
    assert [row.entry.id for row in review_list(store)] == [sid]

    lock.unlink()  # the other writer finished
    again = run_cli("--repo", str(wiki), "review", "merge", sid, "--as", str(MERGER))
    assert again.exit_code == 0, again.output
    assert _fsck(wiki) == "exit 0\n"


# -- a damaged object ---------------------------------------------------------------------


def _garbage(raw: bytes) -> bytes:
    return b"this is not zlib data"


def _truncated(raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


def _another_object(raw: bytes) -> bytes:
    return zlib.compress(b"blob 6\0hello\n")


def _empty(raw: bytes) -> bytes:
    return b""


DAMAGE = {
    "garbage": (_garbage, None),
    "truncated": (_truncated, "its content does not match its id"),
    "another object's content": (_another_object, "its content does not match its id"),
    "empty file": (_empty, "Corrupted empty file detected"),
}


@pytest.fixture(params=list(DAMAGE))
def damaged_blob(request: pytest.FixtureRequest, wiki: Path, store: WikiStore) -> tuple[str, str | None]:
    """Staff commit an edit of the housing guide to main; then its blob's loose object
    file is damaged. Returns the blob id and why reading it fails (None: any reason)."""
    damage, why = DAMAGE[request.param]
    main = store.main()
    text = store.read(main, HOUSING)
    assert text is not None
    edited = text.replace(b"\n## Steps", b"\nA note from staff.\n\n## Steps", 1)
    commit = commit_to_main(
        store, {HOUSING: edited}, "Add a note\n", when=int(time.time()), author=STAFF, committer=STAFF
    )
    blob = next(f.blob_id for f in store.files(commit, HOUSING))
    loose = wiki / ".git/objects" / blob[:2] / blob[2:]
    raw = loose.read_bytes()
    loose.chmod(0o644)
    loose.write_bytes(damage(raw))
    return blob, why


def _submit_elsewhere(wiki: Path, tmp_path: Path, passport: str) -> tuple[str, ...]:
    document = tmp_path / "suggestion.json"
    content = passport.replace(*FIRST_STEP, 1)
    document.write_text(json.dumps({"guide": GUIDE, "content": content, "summary": "Say what comes first"}))
    return ("suggest", "submit", str(document))


@pytest.mark.parametrize("command", ["check", "build", "suggest submit"])
def test_a_damaged_object_stops_each_command_with_one_line_and_no_damage(
    wiki: Path, run_cli: RunCli, tmp_path: Path, passport: str,
    damaged_blob: tuple[str, str | None], command: str,
) -> None:  # fmt: skip
    blob, why = damaged_blob
    args = {
        "check": ("check",),
        "build": ("build", "--out", str(tmp_path / "site")),
        "suggest submit": _submit_elsewhere(wiki, tmp_path, passport),
    }[command]
    fsck_before, state_before = _fsck(wiki), repository_state(wiki)
    assert f"{blob}: object corrupt or missing" in fsck_before or "hash-path mismatch" in fsck_before

    result = run_cli("--repo", str(wiki), *args)

    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"Error: object {blob} is corrupt (")
    assert result.stderr.endswith("): the repository is damaged, see git fsck --full\n")
    if why is not None:
        assert f"({why})" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert repository_state(wiki) == state_before
    assert _fsck(wiki) == fsck_before
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("command", ["show", "merge"])
def test_a_damaged_folder_of_a_suggestion_stops_review_with_one_line(
    wiki: Path, store: WikiStore, run_cli: RunCli, passport: str, command: str
) -> None:
    sid = _approved_suggestion(store, passport)
    tip = store.ref(f"refs/heads/suggestions/{sid}")
    assert tip is not None
    # The suggestion's own version of the guide's folder: a loose tree only it uses.
    tree = subprocess.run(
        ["git", "-C", str(wiki), "rev-parse", f"{tip}:{GUIDE.rsplit('/', 1)[0]}"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    loose = wiki / ".git/objects" / tree[:2] / tree[2:]
    loose.chmod(0o644)
    loose.write_bytes(zlib.compress(b"tree 5\0junk!"))
    before = store.main()

    args = ("--as", str(MERGER)) if command == "merge" else ()
    result = run_cli("--repo", str(wiki), "review", command, sid, *args)

    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"Error: object {tree} is corrupt (")
    assert len(result.stderr.splitlines()) == 1
    assert store.main() == before
