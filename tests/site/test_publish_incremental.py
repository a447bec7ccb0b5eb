"""Incremental publish: with a build kept loaded (``publish --watch``'s ``SiteSession``), a
commit that only changed existing pages is published by rendering those pages (and the
pages that list them) again, the rest hard-linked from the live release; its tree is
byte for byte the tree a full build of the same commit makes. Any other change (a page
added, deleted or renamed, a title, ``mkdocs.yml``) is a full build that says why.

One wiki, one session and one live path for the module: each test publishes the next
commit (real git, real MkDocs; about 1.5 s a full build of the reference wiki).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from isolation import isolated_environment

from wikitool.gitstore import MAIN_REF, WikiStore
from wikitool.model import Identity
from wikitool.publishing.deployment import Published, publish
from wikitool.publishing.incremental import SiteSession
from wikitool.publishing.publish import build_site
from wikitool.publishing.releases import Releases
from wikitool.services.wiki_init import init_wiki

STAFF = Identity("Test Staff", "staff@agency.invalid")
WHEN = 1_790_000_000
PARKING = "content/vehicles/pay-a-parking-fine.md"
APPEAL = "content/vehicles/appeal-a-parking-fine.md"
BIRTH = "content/family-and-civil-status/register-a-birth.md"
USED = "content/vehicles/register-a-used-vehicle.md"
MOVED = "content/vehicles/register-a-second-hand-vehicle.md"
DROPPED = "content/vehicles/renew-your-driving-licence.md"


@dataclass
class Wiki:
    store: WikiStore
    session: SiteSession
    live: Path
    scratch: Path
    when: int = WHEN

    def commit(self, changes: dict[str, bytes | None], message: str) -> str:
        """Commit ``changes`` on main as staff would (``None`` deletes a file)."""
        self.when += 60
        tip = self.store.main()
        commit = self.store.write_files_commit(
            parents=[tip],
            base_tree=self.store.commit_info(tip).tree,
            changes=changes,
            message=message,
            author=STAFF,
            committer=STAFF,
            when=self.when,
        )
        assert self.store.update_ref(MAIN_REF, tip, commit)
        return commit

    def edited(self, path: str, old: str, new: str) -> bytes:
        text = self.text(path)
        assert old in text, old
        return text.replace(old, new, 1).encode("utf-8")

    def text(self, path: str) -> str:
        raw = self.store.read(self.store.main(), path)
        assert raw is not None, path
        return raw.decode("utf-8")

    def publish(self) -> Published:
        return publish(self.store, self.live, session=self.session)

    def full_build(self, name: str) -> Path:
        """The same commit built in full, the way a fresh ``wikitool build`` does."""
        return build_site(self.store, self.scratch / name, rev="main").site_dir


@pytest.fixture(scope="module")
def wiki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wiki]:
    root = tmp_path_factory.mktemp("incremental")
    (root / "home").mkdir()
    with isolated_environment(root / "home"):
        init_wiki(root / "wiki", author=STAFF, when=WHEN)
        session = SiteSession()
        with WikiStore.open(root / "wiki") as store:
            yield Wiki(store, session, root / "www" / "guides", root / "scratch")
        session.close()


def _tree(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _folders(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_dir())


def _assert_same_tree(incremental: Path, full: Path) -> None:
    made, expected = _tree(incremental), _tree(full)
    assert sorted(made) == sorted(expected)
    # No folder more or less: an incremental build's folders may be an old release's.
    assert _folders(incremental) == _folders(full)
    differing = [path for path in expected if made[path] != expected[path]]
    assert differing == []


def test_the_first_publish_of_a_session_is_a_full_build(wiki: Wiki) -> None:
    done = wiki.publish()
    assert done.plan is not None
    assert (done.plan.mode, done.plan.reason) == ("full", "no build loaded in this process")
    assert done.plan.reused == 0


def test_changed_guides_render_only_their_pages_and_the_tree_is_a_full_builds(
    wiki: Wiki,
) -> None:
    wiki.commit(
        {
            PARKING: wiki.edited(PARKING, "## Steps\n\n1. ", "## Steps\n\n1. First, "),
            # A section more: the search entries of every page after it move along.
            BIRTH: wiki.edited(
                BIRTH,
                "## Steps\n\n1. ",
                "## Good to know\n\nBring the hospital's letter.\n\n## Steps\n\n1. Promptly, ",
            ),
        },
        "Reword two guides' first steps, one with a new section",
    )
    before = wiki.live.resolve()
    done = wiki.publish()
    assert (done.plan.mode, done.plan.reason) == ("incremental", "2 page(s) changed")
    # Two guides, their two category pages, home, and the generated pages: changes,
    # suggest, track and stats.
    assert done.plan.rendered == 9
    site = wiki.live.resolve()
    assert site != before
    page = (site / "vehicles/pay-a-parking-fine/index.html").read_text(encoding="utf-8")
    assert "First, " in page
    assert "Promptly" in (site / "search/search_index.json").read_text(encoding="utf-8")
    # An unchanged guide is the live release's file, shared, not a copy.
    unchanged = "housing/apply-for-housing-benefit/index.html"
    assert os.path.samefile(site / unchanged, before / unchanged)
    # So is its source for the suggestion page, which names no commit; a changed guide's
    # is written again, and the commit file names the new commit.
    sources = site / "suggest/sources"
    assert os.path.samefile(sources / "housing/apply-for-housing-benefit.json", before / "suggest/sources/housing/apply-for-housing-benefit.json")
    assert "First, " in (sources / "vehicles/pay-a-parking-fine.json").read_text(encoding="utf-8")
    assert (sources / "commit.txt").read_text() == wiki.store.main()
    _assert_same_tree(site, wiki.full_build("two-guides"))


def test_added_deleted_and_renamed_guides_change_the_navigation_so_build_in_full(
    wiki: Wiki,
) -> None:
    category = "content/vehicles/index.md"
    index = wiki.text(category).replace(USED.rpartition("/")[2], MOVED.rpartition("/")[2])
    index = "".join(line for line in index.splitlines(True) if DROPPED.rpartition("/")[2] not in line)
    wiki.commit(
        {
            MOVED: wiki.text(USED).encode("utf-8"),
            USED: None,
            DROPPED: None,
            category: index.encode("utf-8"),
            "content/vehicles/new-guide.md": wiki.text(APPEAL)
            .replace("title: Appeal a parking fine", "title: A new guide")
            .encode("utf-8"),
        },
        "Rename the used vehicle guide, drop the driving licence one, add one",
    )
    done = wiki.publish()
    assert done.plan.mode == "full"
    assert done.plan.reason.endswith("the navigation changes")


def test_after_a_rename_a_changed_guide_is_incremental_and_redirects_are_kept(
    wiki: Wiki,
) -> None:
    home = "content/index.md"
    wiki.commit(
        {
            MOVED: wiki.edited(MOVED, "## Steps\n\n1. ", "## Steps\n\n1. Soon, "),
            PARKING: wiki.edited(PARKING, "First, ", "Before anything else, "),
            home: wiki.text(home).replace("\n\n", "\n\nWelcome.\n\n", 1).encode("utf-8"),
        },
        "Reword the renamed guide and the home page",
    )
    done = wiki.publish()
    assert done.plan.mode == "incremental"
    site = wiki.live.resolve()
    assert (site / "vehicles/register-a-used-vehicle/index.html").is_file()  # the redirect
    _assert_same_tree(site, wiki.full_build("after-rename"))


def test_the_release_pruned_is_renamed_away_and_gives_a_later_build_its_folders(
    wiki: Wiki,
) -> None:
    releases = Releases(wiki.live)

    def reword(word: str) -> Published:
        wiki.commit(
            {APPEAL: wiki.edited(APPEAL, "## Steps\n\n1. ", f"## Steps\n\n1. {word}")},
            f"Reword the appeal's first step ({word})",
        )
        done = publish(wiki.store, wiki.live, session=wiki.session, keep=2)
        assert done.plan is not None and done.plan.mode == "incremental"
        return done

    reword("Next, ")
    oldest = releases.all()[0]
    folder = (oldest.site / "housing").stat().st_ino
    done = reword("Then, ")
    # Out of the releases at once (one rename), never to be rolled back to.
    assert done.pruned == 1
    assert len(releases.all()) == 2 and oldest.id not in [r.id for r in releases.all()]
    assert not oldest.path.exists()
    reword("Finally, ")
    # Its files unlinked in the background, its folders are the next release's.
    site = wiki.live.resolve()
    assert (site / "housing").stat().st_ino == folder
    assert os.path.samefile(
        site / "housing/apply-for-housing-benefit/index.html",
        releases.all()[0].site / "housing/apply-for-housing-benefit/index.html",
    )
    _assert_same_tree(site, wiki.full_build("reused-folders"))
    # A folder in the old release where the live release has a file (none should be):
    # the file is linked in its place.
    unchanged = "housing/apply-for-housing-benefit/index.html"
    (spare,) = releases.folder.glob(".retired-*")
    deadline = time.monotonic() + 30
    while (spare / "site" / unchanged).exists() and time.monotonic() < deadline:
        time.sleep(0.01)  # the files are unlinked in the background
    (spare / "site" / unchanged).mkdir()
    reword("At last, ")
    assert os.path.samefile(wiki.live / unchanged, site / unchanged)
    # The spare folders deleted under the watch (another publisher's prune): the next
    # build makes its own.
    for spare in releases.folder.glob(".retired-*"):
        shutil.rmtree(spare, ignore_errors=True)  # a thread may be emptying it
    reword("Lastly, ")
    page = wiki.live / "vehicles/appeal-a-parking-fine/index.html"
    assert "Lastly, At last, Finally, Then, Next, " in page.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("path", "old", "new", "reason"),
    [
        (
            APPEAL,
            "title: Appeal a parking fine",
            "title: Appeal a fine",
            "the title of vehicles/appeal-a-parking-fine.md changed: the navigation shows it",
        ),
        ("mkdocs.yml", "site_name: Veloria", "site_name: The Veloria", "mkdocs.yml changed"),
    ],
)
def test_a_changed_title_or_configuration_builds_in_full_and_says_why(
    wiki: Wiki, path: str, old: str, new: str, reason: str
) -> None:
    wiki.commit({path: wiki.edited(path, old, new)}, f"Change {path}")
    done = wiki.publish()
    assert (done.plan.mode, done.plan.reason) == ("full", reason)
    assert new.split(": ")[1] in (wiki.live / "index.html").read_text(encoding="utf-8") or (
        path == APPEAL
    )


def test_a_changed_guide_that_cannot_be_rendered_is_held_back_by_a_full_build(
    wiki: Wiki,
) -> None:
    # `<![` makes the HTML reader raise: issue 14's guide that stopped every guide.
    broken = wiki.edited(BIRTH, "## Steps\n\n1. ", "## Steps\n\n1. Type `<![` here. ")
    wiki.commit({BIRTH: broken}, "A step the HTML reader cannot read")
    done = wiki.publish()
    assert done.plan is not None and done.plan.mode == "full"
    assert done.plan.reason.startswith("a changed page did not build (")
    assert [held.path for held in done.held_back] == [BIRTH]
    # While a guide is held back, each publish tries it again: in full.
    wiki.commit(
        {PARKING: wiki.edited(PARKING, "Before anything else, ", "First of all, ")},
        "Reword the parking fine guide",
    )
    done = wiki.publish()
    assert done.plan is not None
    assert (done.plan.mode, done.plan.reason) == (
        "full",
        "guides are held back: each publish tries them again",
    )
