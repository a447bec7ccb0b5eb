"""``wikitool publish --watch``: publishes main at the start when the live release is not
its tip, then each time main moves (a burst of commits once); a failed build is logged in
one line and changes nothing live, and the next good commit is published (main reset
back to the live commit publishes nothing); SIGTERM stops it with exit 0. Bad input is
one line before anything is watched or written. (A watch started with main live, and
Ctrl+C: ``test_publish_no_gap.py``.)

A real process on a real repository, moved by the real git; builds of the reference
wiki (about half a second each).
"""

from __future__ import annotations

import json
import os
import re
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from guide_edits import commit_guide_edits
from site_pages import expected_pages
from watching import LINE_WAIT, WatchProcess

RunCli = Callable[..., Result]
Git = Callable[..., str]
GUIDE = "content/vehicles/pay-a-parking-fine.md"
GUIDE_PAGE = "vehicles/pay-a-parking-fine/index.html"
TAG = "refs/tags/published"
TIME = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"
BROKEN_CONFIG = ("site_name:", "theme: [unclosed\nsite_name:")


@pytest.fixture
def live(tmp_path: Path) -> Path:
    """The live path a web server would serve; publish makes it a symlink."""
    return tmp_path / "www" / "guides"


def _edit_main(wiki: Path, git: Git, words: str) -> str:
    commit_guide_edits(wiki, git, GUIDE, ("## Steps\n\n1. ", f"## Steps\n\n1. {words} "))
    return git(wiki, "rev-parse", "main").strip()


def _live_commit(live: Path) -> str:
    record = (live.parent / os.readlink(live)).parent / "release.json"
    return str(json.loads(record.read_text(encoding="utf-8"))["commit"])


def _published(wiki: Path, commit: str) -> str:
    pages = expected_pages(wiki, commit)
    return (
        rf"{TIME} published {commit[:12]}: {pages} pages, \d+\.\d s, 0 held back, "
        r"(full|incremental) \(.+\)"
    )


def test_watch_publishes_at_start_each_burst_of_moves_once_and_survives_a_failed_build(
    wiki: Path, live: Path, git: Git
) -> None:
    start = git(wiki, "rev-parse", "main").strip()
    watch = WatchProcess(wiki, live)  # the default debounce: main still for 1 s
    try:
        watch.next_line(
            rf"Watching main of {re.escape(str(wiki))}: publishing it to {re.escape(str(live))} "
            r"each time it moves \(after 1 s still\); SIGTERM or Ctrl\+C stops"
        )
        watch.next_line(_published(wiki, start))
        assert _live_commit(live) == start == git(wiki, "rev-parse", TAG).strip()

        _edit_main(wiki, git, "First,")
        burst = _edit_main(wiki, git, "Then,")  # within the debounce: one publish
        watch.next_line(_published(wiki, burst))
        assert _live_commit(live) == burst == git(wiki, "rev-parse", TAG).strip()
        assert "Then, First, " in (live / GUIDE_PAGE).read_text(encoding="utf-8")

        commit_guide_edits(wiki, git, "mkdocs.yml", BROKEN_CONFIG)
        broken = git(wiki, "rev-parse", "main").strip()
        watch.next_line(
            rf"{TIME} failed {broken[:12]} after \d+\.\d s, {burst[:12]} still live: the site "
            r"did not build: MkDocs encountered an error parsing the configuration file: .*"
        )
        assert _live_commit(live) == burst == git(wiki, "rev-parse", TAG).strip()

        # Main reset back to the live commit: nothing to publish (no line), then a fix.
        git(wiki, "reset", "-q", "--hard", burst)
        assert watch.nothing_logged_for(1.5), watch.lines
        fixed = _edit_main(wiki, git, "At last,")
        watch.next_line(_published(wiki, fixed))
        assert "At last, Then, First, " in (live / GUIDE_PAGE).read_text(encoding="utf-8")

        # SIGTERM while a publish is being built: it is finished (link and tag agree),
        # then the watch exits 0.
        last = _edit_main(wiki, git, "Finally,")
        _wait_for_a_build(live, last)
        assert watch.stop(signal.SIGTERM) == 0
        watch.next_line(_published(wiki, last))
        watch.next_line("Stopped watching")
    finally:
        watch.kill()
    assert len(watch.lines) == 7
    assert _live_commit(live) == last == git(wiki, "rev-parse", TAG).strip()
    releases = live.with_name("guides.releases")
    assert [p.name for p in releases.iterdir() if p.name.startswith(".building-")] == []
    # The folders kept ready for the next build (spare_folders.py) go with the watch.
    assert [p.name for p in releases.iterdir() if p.name.startswith(".retired-")] == []
    assert len([p for p in releases.iterdir() if not p.name.startswith(".")]) == 4
    git(wiki, "fsck", "--full", "--strict")


def _wait_for_a_build(live: Path, commit: str, seconds: float = LINE_WAIT) -> None:
    """Until a release of ``commit`` is being built (or, on a fast machine, is live)."""
    releases = live.with_name("guides.releases")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(releases.glob(f".building-*-{commit[:12]}")) or _live_commit(live) == commit:
            return
        time.sleep(0.01)
    raise AssertionError(f"no build of {commit} began in {seconds} s")


@pytest.mark.parametrize(
    ("args", "code", "error"),
    [
        (["--watch", "--rev", "main"], 2, "Error: --watch publishes main each time it moves: drop --rev"),
        (["--watch", "--rollback"], 2, "Error: --watch publishes main each time it moves: drop --rollback"),
        (["--watch", "--json"], 2, "Error: --watch logs one line a publish, not JSON: drop --json"),
        (["--debounce", "2"], 2, "Error: --debounce is for --watch: drop --debounce"),
        (["--watch", "--debounce", "-1"], 2, "Error: Invalid value for '--debounce': -1.0 is not in the range x>=0."),
        (["--watch", "--keep", "0"], 1, "Error: --keep 0: keep at least 1 release, the live one"),
        (["--watch", "--out", "{tmp}/a-file"], 1, "Error: {tmp}/a-file is a file: --out names the folder readers are served"),
    ],
    ids=["rev", "rollback", "json", "debounce without watch", "negative debounce", "keep 0", "out is a file"],
)  # fmt: skip
def test_bad_watch_input_is_one_line_and_nothing_is_watched_or_written(
    wiki: Path, live: Path, tmp_path: Path, run_cli: RunCli, git: Git,
    args: list[str], code: int, error: str,
) -> None:  # fmt: skip
    (tmp_path / "a-file").write_text("not a site\n")
    argv = [a.format(tmp=tmp_path) for a in args]
    if "--out" not in argv:
        argv = ["--out", str(live), *argv]

    result = run_cli("--repo", str(wiki), "publish", *argv)

    assert (result.exit_code, result.stderr.splitlines()[-1]) == (code, error.format(tmp=tmp_path))
    assert result.stdout == ""
    assert not live.parent.exists()
    assert git(wiki, "for-each-ref", TAG) == ""
