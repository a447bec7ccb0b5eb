"""``wikitool migrate`` on a wiki made by ``wikitool init`` before guide model 2: one
commit on main, each guide changed only where model 2 says it differently, every guide
valid, and a site whose panels show the same facts as before."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import Result
from conftest import FIXED_TIME, STAFF
from html_tree import Element, parse_html
from isolation import isolated_environment

from wikitool.gitstore import WikiStore
from wikitool.guides.paths import is_guide_path
from wikitool.publishing.publish import build_site
from wikitool.services.wiki_check import check_wiki
from wikitool.services.wiki_init import init_wiki, reference_wiki
from wikitool.services.wiki_migrate import migrate_wiki

RunCli = Callable[..., Result]
MODEL_1 = Path(__file__).resolve().parents[1] / "fixtures" / "wiki-model-1"
PASSPORT = "content/identity-and-travel/renew-an-adult-passport.md"
COMMENTED = "content/vehicles/pay-a-parking-fine.md"
COMMENT = "# Fines doubled on 2026-01-01 (Parking Penalties Regulations 2020, as amended)."
# Model 1 said "28 days" for a processing time of exactly 28 days; model 2 has no
# "exactly", so the migrated guide says the most it takes (guides/migration.py).
REWORDED = {"28 days": "Up to 28 days"}


def _model_1_source(root: Path) -> Path:
    """The files of a wiki as `wikitool init` made it before model 2, one guide with a
    comment in its front matter."""
    source = root / "source"
    shutil.copytree(MODEL_1 / "content", source / "content")
    shutil.copytree(reference_wiki() / "theme", source / "theme")
    shutil.copy(reference_wiki() / "mkdocs.yml", source / "mkdocs.yml")
    guide = source / COMMENTED
    guide.write_text(guide.read_text().replace("fees:\n", f"{COMMENT}\nfees:\n", 1))
    return source


def _model_1_wiki(root: Path) -> Path:
    wiki = root / "wiki"
    init_wiki(wiki, source=_model_1_source(root), author=STAFF, when=FIXED_TIME)
    return wiki


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


@dataclass(frozen=True)
class Migrated:
    """A model-1 wiki migrated, and its site built before and after."""

    wiki: Path
    before: str
    after: str
    guides: tuple[str, ...]
    site_before: Path
    site_after: Path


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Migrated]:
    root = tmp_path_factory.mktemp("migrate")
    with isolated_environment(root):
        wiki = _model_1_wiki(root)
        with WikiStore.open(wiki) as store:
            before = store.main()
            build_site(store, root / "site-before")
            result = migrate_wiki(store, author=STAFF, when=FIXED_TIME + 60)
            assert result.commit is not None
            build_site(store, root / "site-after")
            guides = tuple(g.path for g in result.guides)
        yield Migrated(
            wiki, before, result.commit, guides, root / "site-before", root / "site-after"
        )


def test_every_guide_is_migrated_in_one_commit_on_main(migrated: Migrated) -> None:
    every_guide = [p for p in _git(migrated.wiki, "ls-files").split() if is_guide_path(p)]

    assert _git(migrated.wiki, "rev-list", f"{migrated.before}..main").split() == [migrated.after]
    assert sorted(migrated.guides) == sorted(every_guide)
    assert _git(migrated.wiki, "diff", "--name-only", migrated.before, "main").split() == sorted(
        every_guide
    )
    _git(migrated.wiki, "fsck", "--full", "--strict")
    assert _git(migrated.wiki, "log", "-1", "--format=%an <%ae>%n%s", "main") == (
        f"{STAFF}\nMigrate 20 guide(s) to guide model 2\n"
    )


def test_a_guide_changes_only_where_model_2_says_it_differently(migrated: Migrated) -> None:
    diff = _git(migrated.wiki, "diff", "-U0", migrated.before, "main", "--", PASSPORT)
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in "+++---"]

    assert changed == [
        "+model: 2",
        "-processing_time:",
        "-  min_days: 10",
        "-  max_days: 21",
        "-  note: Allow longer from June to August. Do not book travel until you have your new passport.",
        "+time:",
        "+  - kind: maximum",
        "+    min: 10",
        "+    max: 21",
        "+    unit: days",
        "+    note: Allow longer from June to August. Do not book travel until you have your new passport.",
        "-apply:",
        "-  online:",
        "-    url: https://services.veloria.invalid/passport/renew",
        "+channels:",
        "+  - id: online",
        "+    type: online",
        "+    label: Online",
        "+    urls:",
        "+      - https://services.veloria.invalid/passport/renew",
        "-  in_person:",
        "+  - id: in-person",
        "+    type: in_person",
        "+    label: In person",
        "-  by_post:",
        "-    address: Veloria Passport Office, Renewals, PO Box 2210, Aldmere 1010",
        "+  - id: by-post",
        "+    type: post",
        "+    label: By post",
        "+    addresses:",
        "+      - Veloria Passport Office, Renewals, PO Box 2210, Aldmere 1010",
    ]


def test_comments_in_front_matter_are_kept(migrated: Migrated) -> None:
    text = _git(migrated.wiki, "show", f"main:{COMMENTED}")

    assert f"{COMMENT}\nfees:\n" in text


def test_the_migrated_wiki_passes_check_strict(migrated: Migrated) -> None:
    with WikiStore.open(migrated.wiki) as store:
        assert check_wiki(store, strict=True, today=None) == []


def _panel_rows(site: Path, guide: str) -> dict[str, Element]:
    page = site / guide.removeprefix("content/").removesuffix(".md") / "index.html"
    panel = parse_html(page.read_text(encoding="utf-8")).find("section", "wt-panel")
    return {
        fact.find("dt").text: fact.find("dd") for fact in panel.find_all("div", "wt-panel__fact")
    }


# The names a way to apply is given by, model 1's and model 2's: words, not facts.
_WAY_NAMES = {"Online", "Online:", "In person", "In person:", "By post", "By post:", "Apply online"}


def _ways_facts(dd: Element) -> tuple[set[str], set[str]]:
    """The links and the texts (place, address, note) of the ways to apply, without the
    words naming them and without a link shown as its own text."""
    # The "Suggest a change" links name the field in the guide's own model (apply.online
    # before, channels[1] after): the fact is what must stay the same.
    fixes = [a for a in dd.find_all("a") if "wt-fix" in a.attrs.get("class", "").split()]
    inside_fixes = {id(e) for a in fixes for e in a.iter()}
    links = {a.attrs["href"] for a in dd.find_all("a") if id(a) not in inside_fixes}
    shown = {link.removeprefix("https://").rstrip("/") for link in links}
    texts = set()
    for element in dd.iter():
        if id(element) in inside_fixes:
            continue
        for child in element.children:
            if isinstance(child, str) and child.strip():
                texts.add(child.strip())
    return links, texts - _WAY_NAMES - shown


def test_every_panel_shows_the_same_facts_after_migration(migrated: Migrated) -> None:
    for guide in migrated.guides:
        before = _panel_rows(migrated.site_before, guide)
        after = _panel_rows(migrated.site_after, guide)

        assert list(after) == list(before), guide
        for row, shown in before.items():
            if row == "How to apply":
                assert _ways_facts(after[row]) == _ways_facts(shown), guide
            elif row == "How long it takes":
                said = shown.text
                for old, new in REWORDED.items():
                    said = re.sub(rf"^{old}\b", new, said)
                assert after[row].text == said, guide
            else:
                assert after[row].text == shown.text, (guide, row)


# -- the command line -------------------------------------------------------------------


@pytest.fixture
def model_1_wiki(tmp_path: Path) -> Path:
    return _model_1_wiki(tmp_path)


def test_check_lists_the_changes_and_exits_1_then_0_once_migrated(
    model_1_wiki: Path, run_cli: RunCli
) -> None:
    main = _git(model_1_wiki, "rev-parse", "main")
    checked = run_cli("--repo", str(model_1_wiki), "migrate", "--check")

    assert checked.exit_code == 1
    assert (
        f"{PASSPORT}: model: 2 added; processing_time -> time (kind: maximum, in days); "
        "apply -> channels (online, in-person, by-post)\n" in checked.stdout
    )
    assert "20 guide(s) would change.\n" in checked.stderr
    assert _git(model_1_wiki, "rev-parse", "main") == main

    done = run_cli("--repo", str(model_1_wiki), "migrate", "--as", "Ana Ruiz <ana@veloria.invalid>")
    assert done.exit_code == 0
    assert done.stdout.endswith(
        f"Migrated 20 guide(s): main at {_git(model_1_wiki, 'rev-parse', '--short=12', 'main')}"
    )

    again = run_cli("--repo", str(model_1_wiki), "migrate")
    assert (again.exit_code, again.stdout) == (
        0,
        "Every guide is already of the current model: nothing to migrate.\n",
    )
    assert run_cli("--repo", str(model_1_wiki), "migrate", "--check").exit_code == 0
    assert _git(model_1_wiki, "log", "-1", "--format=%an", "main") == "Ana Ruiz\n"


def test_json_says_what_changed(model_1_wiki: Path, run_cli: RunCli) -> None:
    import json

    result = run_cli("--repo", str(model_1_wiki), "migrate", "--json")
    data = json.loads(result.stdout)

    assert data["commit"] == _git(model_1_wiki, "rev-parse", "main").strip()
    assert data["model"] == 2
    assert len(data["guides"]) == 20
    assert {
        "path": PASSPORT,
        "changes": [
            "model: 2 added",
            "processing_time -> time (kind: maximum, in days)",
            "apply -> channels (online, in-person, by-post)",
        ],
    } in data["guides"]


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        (
            "---\ntitle:",
            "---\nmodel: 3\ntitle:",
            f"Error: {PASSPORT}:2: model: 3 is a newer guide model than this wikitool reads "
            "(up to 2): upgrade wikitool before you check, build or edit this guide\n",
        ),
        (
            "fees:\n",
            "fees: [\n",
            f"Error: {PASSPORT}:10: invalid YAML: ",
        ),
    ],
)
def test_a_guide_that_cannot_be_migrated_stops_everything_in_one_line(
    model_1_wiki: Path, run_cli: RunCli, old: str, new: str, error: str
) -> None:
    guide = model_1_wiki / PASSPORT
    guide.write_text(guide.read_text().replace(old, new, 1))
    _git(model_1_wiki, "commit", "-qam", "A guide nobody checked")
    main = _git(model_1_wiki, "rev-parse", "main")

    result = run_cli("--repo", str(model_1_wiki), "migrate")

    assert result.exit_code == 1
    assert result.stderr.startswith(error)
    assert result.stderr.count("\n") == 1
    assert _git(model_1_wiki, "rev-parse", "main") == main
