"""No guide can stop the others: a guide the build would stop on is held back, named with
``path:line: reason``, and every other guide is published; the exit code is 4.

One wiki for the module: the reference wiki published once, then one commit on main
holding the two failures of issue 14 (a ``javascript&#58;`` link MkDocs warns about under
strict mode, a `` `<![` `` that makes its HTML reader raise), a guide Python-Markdown
raises on while MkDocs renders it (emphasis nested 3,000 deep: only the build finds it),
a new guide with `` `<![` ``, and a good edit that must reach readers. Real git, real
MkDocs, the real CLI.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from isolation import isolated_environment
from main_commits import commit_to_main

from wikitool.cli import cli
from wikitool.gitstore import WikiStore
from wikitool.model import Identity
from wikitool.services.wiki_init import init_wiki

STAFF = Identity("Site Staff", "staff@agency.invalid")
WHEN = 1_790_000_000
PARKING = "content/vehicles/pay-a-parking-fine.md"
HOUSING = "content/housing/apply-for-housing-benefit.md"
NEW = "content/housing/get-help-with-a-deposit.md"
LICENCE = "content/vehicles/renew-your-driving-licence.md"
VEHICLE = "content/vehicles/register-a-used-vehicle.md"
DEEP_EMPHASIS = "*" * 3000 + "deep" + "*" * 3000 + " "
VEHICLES = "content/vehicles/index.md"
SCRIPT_LINK = "See [the form](javascript&#58;alert(1)). "
CDATA_LIKE = "Type `<![` here. "
GOOD_EDIT = "Have your old licence at hand. "
NEXT_EDIT = "Check your address first. "
FIRST_STEP = "## Steps\n\n1. "


def _with_first_step(raw: bytes | None, words: str) -> bytes:
    assert raw is not None and FIRST_STEP.encode() in raw
    return raw.replace(FIRST_STEP.encode(), (FIRST_STEP + words).encode(), 1)


def _line_of(raw: bytes, words: str) -> int:
    lines = raw.decode("utf-8").split("\n")
    return next(n for n, line in enumerate(lines, start=1) if words.strip() in line)


@dataclass(frozen=True)
class HeldBackWiki:
    """The module's wiki, its live path, and what each command said."""

    wiki: Path
    live: Path
    first: dict[str, object]
    """``publish --json`` of the reference wiki: nothing held back."""
    bad_commit: str
    published: Result
    """``publish --json`` of the commit with the bad guides."""
    built: Result
    """``build`` (text) of the same commit, into ``built_site``, before that publish."""
    republished: Result
    """``publish --json`` of a good edit on top: the bad guides still held back."""
    built_site: Path
    broken_index: Result
    """``build`` of a commit whose category page has a link MkDocs warns about."""
    lines: dict[str, int]
    """The line of each bad guide's failing text."""


def _cli(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def held(tmp_path_factory: pytest.TempPathFactory) -> HeldBackWiki:
    root = tmp_path_factory.mktemp("held-back")
    wiki, live = root / "wiki", root / "www" / "guides"
    with isolated_environment(root):
        init_wiki(wiki, author=STAFF, when=WHEN)
        first = _cli("--repo", str(wiki), "publish", "--out", str(live), "--json")
        assert first.exit_code == 0, first.output
        with WikiStore.open(wiki) as store:
            main = store.main()
            parking = _with_first_step(store.read(main, PARKING), SCRIPT_LINK)
            housing = _with_first_step(store.read(main, HOUSING), CDATA_LIKE)
            deposit = store.read(main, "content/housing/register-a-tenancy-deposit.md")
            assert deposit is not None
            new = _with_first_step(
                deposit.replace(b"title: ", b"title: Get help with a deposit\nold_title: ", 1),
                CDATA_LIKE,
            ).replace(b"old_title: ", b"# ", 1)
            changes = {
                PARKING: parking,
                HOUSING: housing,
                NEW: new,
                LICENCE: _with_first_step(store.read(main, LICENCE), GOOD_EDIT),
                VEHICLE: _with_first_step(store.read(main, VEHICLE), DEEP_EMPHASIS),
            }
            bad = commit_to_main(
                store, changes, "Edit five guides", when=WHEN + 60, author=STAFF, committer=STAFF
            )
            index = store.read(main, VEHICLES)
            assert index is not None
            broken = store.write_files_commit(
                parents=[main],
                base_tree=store.commit_info(main).tree,
                changes={VEHICLES: index + SCRIPT_LINK.encode() + b"\n"},
                message="A category page with a link MkDocs warns about",
                author=STAFF,
                when=WHEN + 120,
            )
        site = root / "built"
        built = _cli("--repo", str(wiki), "build", "--out", str(site))
        published = _cli("--repo", str(wiki), "publish", "--out", str(live), "--json")
        with WikiStore.open(wiki) as store:
            licence = store.read(store.main(), LICENCE)
            commit_to_main(
                store,
                {LICENCE: _with_first_step(licence, NEXT_EDIT)},
                "Edit the licence guide again",
                when=WHEN + 180,
                author=STAFF,
                committer=STAFF,
            )
        republished = _cli("--repo", str(wiki), "publish", "--out", str(live), "--json")
        broken_index = _cli("--repo", str(wiki), "build", "--rev", broken, "--out", str(root / "x"))
    lines = {
        PARKING: _line_of(parking, SCRIPT_LINK),
        HOUSING: _line_of(housing, CDATA_LIKE),
        NEW: _line_of(new, CDATA_LIKE),
        VEHICLE: _line_of(changes[VEHICLE], DEEP_EMPHASIS),
    }
    return HeldBackWiki(
        wiki,
        live,
        json.loads(first.stdout),
        bad,
        published,
        built,
        republished,
        site,
        broken_index,
        lines,
    )


def _reasons(lines: dict[str, int]) -> list[tuple[str, int | None, str]]:
    html_reader = (
        "the site cannot render this line: its HTML reader fails (expected name token at "
        "'<![` here. Gather yo'); write it another way"
    )
    return [
        (HOUSING, lines[HOUSING], html_reader),
        (NEW, lines[NEW], html_reader.replace("Gather yo", "Go to the")),
        (
            PARKING,
            lines[PARKING],
            "MkDocs warns: Doc file 'vehicles/pay-a-parking-fine.md' contains an unrecognized "
            "relative link 'javascript&#58;alert(1)', it was left as is.",
        ),
        # Python-Markdown says nowhere where it failed: the block that fails alone.
        (VEHICLE, lines[VEHICLE], "RecursionError: maximum recursion depth exceeded"),
    ]


def _recursion_said_alike(held_back: list[dict[str, object]]) -> list[dict[str, object]]:
    """``held_back`` with Python's words after "maximum recursion depth exceeded" cut
    (they say where in Python it happened: "while calling a Python object"...)."""
    said = "RecursionError: maximum recursion depth exceeded"
    return [
        {**h, "reason": said} if str(h["reason"]).startswith(said) else h for h in held_back
    ]


def _page(site: Path, guide: str) -> Path:
    return site / guide.removeprefix("content/").removesuffix(".md") / "index.html"


def test_publish_holds_back_each_bad_guide_alone_and_names_it_with_its_line(
    held: HeldBackWiki,
) -> None:
    assert held.published.exit_code == 4, held.published.output
    report = json.loads(held.published.stdout)
    assert report["commit"] == held.bad_commit
    kept = {HOUSING: "published", NEW: "none", PARKING: "published", VEHICLE: "published"}
    assert _recursion_said_alike(report["held_back"]) == [
        {"path": path, "line": line, "reason": reason, "kept": kept[path]}
        for path, line, reason in _reasons(held.lines)
    ]
    assert report["pages"] == held.first["pages"]  # the new guide is left out


@pytest.mark.parametrize("publish", ["published", "republished"])
def test_every_other_guide_is_published_and_the_held_back_ones_keep_their_live_page(
    held: HeldBackWiki, publish: str
) -> None:
    report = json.loads(getattr(held, publish).stdout)
    site, before = Path(report["release"]) / "site", Path(str(held.first["release"])) / "site"
    assert GOOD_EDIT.strip() in _page(site, LICENCE).read_text(encoding="utf-8")
    for guide in (PARKING, HOUSING, VEHICLE):  # history too: it stops at the version shown
        assert _page(site, guide).read_bytes() == _page(before, guide).read_bytes()
    changes = (site / "changes" / "index.html").read_text(encoding="utf-8")
    entry = changes.split("Edit five guides", 1)[1].split("</ul>", 1)[0]
    assert [line for line in entry.split("<li>") if "href" in line] == [
        '<a href="../vehicles/renew-your-driving-licence/">Renew your driving licence</a></li>'
    ]
    assert not _page(site, NEW).exists()
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "alert(1)" not in index and "&lt;![" not in index
    assert "get-help-with-a-deposit" not in index
    assert "get-help-with-a-deposit" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    for page in site.rglob("*.html"):
        assert 'get-help-with-a-deposit/"' not in page.read_text(encoding="utf-8"), page


def test_the_next_publish_keeps_the_same_versions_and_names_the_same_guides(
    held: HeldBackWiki,
) -> None:
    assert held.republished.exit_code == 4, held.republished.output
    again = json.loads(held.republished.stdout)
    assert _recursion_said_alike(again["held_back"]) == _recursion_said_alike(
        json.loads(held.published.stdout)["held_back"]
    )
    live = Path(again["release"]) / "site"
    assert NEXT_EDIT.strip() in _page(live, LICENCE).read_text(encoding="utf-8")
    with WikiStore.open(held.wiki) as store:
        assert store.ref("refs/tags/published") == again["commit"] == store.main()


def test_build_names_the_held_back_guides_and_exits_4(held: HeldBackWiki) -> None:
    assert held.built.exit_code == 4, held.built.output
    kept = {HOUSING: "its published page kept", NEW: "left out"}
    lines = held.built.stdout.splitlines()[1:]
    assert lines[-1].startswith(
        f"  {VEHICLE}:{held.lines[VEHICLE]}: RecursionError: maximum recursion depth exceeded"
    )
    assert lines[-1].endswith(" (its published page kept)")
    assert lines[:-1] == [
        "Held back 4 guide(s), the rest is built:",
        *(
            f"  {path}:{line}: {reason} ({kept.get(path, 'its published page kept')})"
            for path, line, reason in _reasons(held.lines)[:-1]
        ),
    ]
    assert held.built.stderr == ""
    assert GOOD_EDIT.strip() in _page(held.built_site, LICENCE).read_text(encoding="utf-8")


def test_a_warning_about_a_page_that_is_not_a_guide_fails_the_build_naming_the_file(
    held: HeldBackWiki,
) -> None:
    assert (held.broken_index.exit_code, held.broken_index.stderr) == (
        1,
        "Error: the site did not build: MkDocs warned: content/vehicles/index.md: Doc file "
        "'vehicles/index.md' contains an unrecognized relative link 'javascript&#58;alert(1)', "
        "it was left as is.\n",
    )


def test_the_watch_log_line_names_each_held_back_guide_where_it_fails(
    held: HeldBackWiki, capsys: pytest.CaptureFixture[str]
) -> None:
    # The line `publish --watch` logs for this publish (the watch itself: test_publish_watch).
    from wikitool.cli.site import _log_publish
    from wikitool.publishing.deployment import Published
    from wikitool.publishing.held_back import HeldBack

    report = json.loads(held.published.stdout)
    held_back = tuple(HeldBack(h["path"], h["line"], h["reason"]) for h in report["held_back"])
    _log_publish(Published(held.bad_commit, Path(report["release"]), 30, 1.25, 0, held_back))

    where = [f"{path}:{line}" if line else path for path, line, _ in _reasons(held.lines)]
    assert capsys.readouterr().out.endswith(
        f" published {held.bad_commit[:12]}: 30 pages, 1.2 s, 4 held back ({', '.join(where)})\n"
    )
