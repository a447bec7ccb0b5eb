"""``wikitool publish``: each publish a new release beside the live path, switched live by
one rename of a symlink, ``refs/tags/published`` moved with it; ``--rollback`` goes back;
a failed build or bad input changes nothing live.

Real git, real MkDocs builds of the reference wiki (about 1.5 s each).
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from guide_edits import commit_guide_edits
from site_pages import expected_pages

RunCli = Callable[..., Result]
Git = Callable[..., str]
GUIDE = "content/vehicles/pay-a-parking-fine.md"
GUIDE_PAGE = "vehicles/pay-a-parking-fine/index.html"
TAG = "refs/tags/published"


@pytest.fixture
def live(tmp_path: Path) -> Path:
    """The live path a web server would serve; publish makes it a symlink."""
    return tmp_path / "www" / "guides"


def _publish(run_cli: RunCli, wiki: Path, live: Path, *args: str) -> dict[str, object]:
    result = run_cli("--repo", str(wiki), "publish", "--out", str(live), "--json", *args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def _release_of(live: Path) -> Path:
    """The release folder the live symlink points at (``<release>/site``)."""
    target = live.parent / os.readlink(live)
    assert target.name == "site"
    return target.parent.resolve()


def _releases(live: Path) -> list[str]:
    return sorted(p.name for p in live.with_name(live.name + ".releases").iterdir())


def _edit_main(wiki: Path, git: Git, words: str) -> str:
    commit_guide_edits(wiki, git, GUIDE, ("## Steps\n\n1. ", f"## Steps\n\n1. {words} "))
    return git(wiki, "rev-parse", "main").strip()


def test_publish_twice_switches_to_the_second_release_and_rollback_goes_back_to_the_first(
    wiki: Path, live: Path, run_cli: RunCli, git: Git
) -> None:
    first = _publish(run_cli, wiki, live)
    second_commit = _edit_main(wiki, git, "First,")
    second = _publish(run_cli, wiki, live)

    assert live.is_symlink()
    assert _release_of(live) == Path(str(second["release"]))
    assert Path(str(first["release"])).is_dir()  # kept, ready for a rollback
    assert second["commit"] == second_commit == git(wiki, "rev-parse", TAG).strip()
    assert "First, " in (live / GUIDE_PAGE).read_text(encoding="utf-8")
    assert second["pages"] == expected_pages(wiki) and second["pruned"] == 0
    record = json.loads((Path(str(second["release"])) / "release.json").read_text())
    assert record["commit"] == second_commit

    back = _publish(run_cli, wiki, live, "--rollback")

    assert back["release"] == first["release"] and back["rollback"] is True
    assert _release_of(live) == Path(str(first["release"]))
    assert git(wiki, "rev-parse", TAG).strip() == first["commit"]
    assert "First, " not in (live / GUIDE_PAGE).read_text(encoding="utf-8")
    assert git(wiki, "reflog", "--format=%gs", TAG).splitlines() == [
        "wikitool publish --rollback", "wikitool publish", "wikitool publish",
    ]  # fmt: skip
    git(wiki, "fsck", "--full", "--strict")


def test_keep_2_prunes_the_oldest_release_and_what_was_left_a_day_ago(
    wiki: Path, live: Path, run_cli: RunCli, git: Git
) -> None:
    first = _publish(run_cli, wiki, live, "--keep", "2")
    second = _publish(run_cli, wiki, live, "--keep", "2")
    folder = live.with_name("guides.releases")
    # A build killed a day ago, and an old release a stopped watch was still reusing
    # (spare_folders.py); one retired an hour ago may still be in a watch's hands.
    abandoned = folder / ".building-20260101T000000.000Z-0a6f22190058"
    left = folder / ".retired-20260101T000000.000Z-0a6f22190058"
    recent = folder / ".retired-spare-0a6f22190058"
    for path, hours in ((abandoned, 25), (left, 25), (recent, 1)):
        (path / "site").mkdir(parents=True)
        os.utime(path, (0, time.time() - hours * 3600))
    third = _publish(run_cli, wiki, live, "--keep", "2")

    assert third["pruned"] == 1
    assert not Path(str(first["release"])).exists()
    assert not abandoned.exists() and not left.exists()
    kept = [Path(str(r["release"])).name for r in (second, third)]
    assert _releases(live) == [".lock", recent.name, *kept]
    assert _release_of(live) == Path(str(third["release"]))


def test_a_failing_build_leaves_the_live_site_and_the_tag_as_they_were(
    wiki: Path, live: Path, run_cli: RunCli, git: Git
) -> None:
    said = run_cli("--repo", str(wiki), "publish", "--out", str(live))
    published = json.loads((_release_of(live) / "release.json").read_text())
    published["release"] = str(_release_of(live))
    assert re.fullmatch(
        rf"Published {published['commit'][:12]}: {expected_pages(wiki)} pages live at {re.escape(str(live))} "
        rf"\(release \d{{8}}T\d{{6}}\.\d{{3}}Z-{published['commit'][:12]}, \d+\.\d s\)\n",
        said.stdout,
    ), said.stdout
    before = _releases(live)
    # A guide would be held back (test_held_back_guides.py): a category page fails the site.
    category = "content/vehicles/index.md"
    commit_guide_edits(wiki, git, category, ("Guides for", "Type `<![` here. Guides for"))

    result = run_cli("--repo", str(wiki), "publish", "--out", str(live))

    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(
        f"Error: the site did not build: {category}: AssertionError: expected name token at "
        "'<![` here. Guides"
    )
    assert _release_of(live) == Path(str(published["release"]))
    assert _releases(live) == before  # the failed release's folder is gone
    assert git(wiki, "rev-parse", TAG).strip() == published["commit"]
    assert (live / GUIDE_PAGE).is_file()


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--rev", "no-such-branch"], "Error: unknown revision 'no-such-branch'\n"),
        (["--out", "{tmp}/www/a-file"], "Error: {tmp}/www/a-file is a file: --out names the folder readers are served\n"),
        (["--out", "{tmp}/www/old-site"], "Error: {tmp}/www/old-site is a folder, not the link publish switches: move it away (mv {tmp}/www/old-site {tmp}/www/old-site.old) and publish again\n"),
        (["--out", "{tmp}/www/a-file/guides"], "Error: cannot make {tmp}/www/a-file/guides.releases: Not a directory\n"),
        (["--keep", "0"], "Error: --keep 0: keep at least 1 release, the live one\n"),
        (["--rollback"], "Error: {tmp}/www/guides has no release to roll back to before {live}\n"),
    ],
    ids=["unknown rev", "out is a file", "out is a real folder", "out under a file", "keep 0", "rollback with one release"],
)  # fmt: skip
def test_bad_input_is_one_line_exit_1_and_changes_nothing(
    wiki: Path, live: Path, tmp_path: Path, run_cli: RunCli, git: Git, args: list[str], error: str
) -> None:
    published = _publish(run_cli, wiki, live)
    (tmp_path / "www" / "a-file").write_text("not a site\n")
    (tmp_path / "www" / "old-site").mkdir()
    before = (_releases(live), os.readlink(live), git(wiki, "for-each-ref"))
    argv = [a.format(tmp=tmp_path) for a in args]
    if "--out" not in argv:
        argv = ["--out", str(live), *argv]

    result = run_cli("--repo", str(wiki), "publish", *argv)

    release = Path(str(published["release"])).name
    assert (result.exit_code, result.stderr) == (1, error.format(tmp=tmp_path, live=release))
    assert (_releases(live), os.readlink(live), git(wiki, "for-each-ref")) == before
    assert sorted(p.name for p in (tmp_path / "www").iterdir()) == [
        "a-file", "guides", "guides.releases", "old-site",
    ]  # fmt: skip
    assert not any((tmp_path / "www" / "old-site").iterdir())

