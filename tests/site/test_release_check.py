"""A release is checked whole before it goes live: every guide's page of its commit, the
search index and the feed. One real build; each row damages a copy of it."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from wikitool.errors import BuildError
from wikitool.gitstore import WikiStore
from wikitool.publishing.publish import BuildResult, build_site
from wikitool.publishing.release_check import check_release

GUIDE_PAGE = "vehicles/pay-a-parking-fine/index.html"


@pytest.fixture
def built(store: WikiStore, tmp_path: Path) -> BuildResult:
    """The reference wiki built as publish builds a release."""
    return build_site(store, tmp_path / "release" / "site")


def _remove(path: Path) -> None:
    path.unlink()


def _cut_short(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-200])


def _garble(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-5])


@pytest.mark.parametrize(
    ("file", "damage", "error"),
    [
        (GUIDE_PAGE, _remove, f"the release is not whole: 1 of 21 pages missing or cut short, the first {GUIDE_PAGE}"),
        (GUIDE_PAGE, _cut_short, f"the release is not whole: 1 of 21 pages missing or cut short, the first {GUIDE_PAGE}"),
        ("index.html", _remove, "the release is not whole: 1 of 21 pages missing or cut short, the first index.html"),
        ("search/search_index.json", _remove, "the release is not whole: search/search_index.json is missing"),
        ("search/search_index.json", _garble, "the release is not whole: search/search_index.json does not parse: "),
        ("changes.xml", _garble, "the release is not whole: changes.xml does not parse: "),
    ],
    ids=["guide page missing", "guide page cut short", "home page missing", "search index missing", "search index garbled", "feed garbled"],
)  # fmt: skip
def test_a_release_missing_or_breaking_a_file_is_refused(
    store: WikiStore, built: BuildResult, tmp_path: Path, file: str,
    damage: Callable[[Path], None], error: str,
) -> None:  # fmt: skip
    site = tmp_path / "damaged"
    shutil.copytree(built.site_dir, site)
    damage(site / file)

    with pytest.raises(BuildError) as refused:
        check_release(store, dataclasses.replace(built, site_dir=site))

    assert str(refused.value).startswith(error)


def test_the_whole_release_passes(store: WikiStore, built: BuildResult) -> None:
    assert (built.feed, built.search_index) == ("changes.xml", "search/search_index.json")
    check_release(store, built)
