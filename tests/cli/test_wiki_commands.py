"""init, check, new and build, as staff use them from the command line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

RunCli = Callable[..., Result]
GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"


def _commit_all(git: Callable[..., str], repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


# -- init ---------------------------------------------------------------------------------


def test_init_makes_a_repository_real_git_accepts(
    tmp_path: Path, run_cli: RunCli, git: Callable[..., str]
) -> None:
    result = run_cli("init", str(tmp_path / "w"), cwd=tmp_path)

    assert result.exit_code == 0, result.output
    repo = tmp_path / "w"
    assert f"Created wiki repository {repo}" in result.output
    git(repo, "fsck", "--full", "--strict")
    assert git(repo, "log", "--format=%s", "main").splitlines() == ["Start the wiki"]
    files = git(repo, "ls-tree", "-r", "--name-only", "main").splitlines()
    assert "mkdocs.yml" in files
    assert GUIDE in files
    assert any(f.startswith("theme/") for f in files)
    assert git(repo, "status", "--porcelain") == ""  # checked out for staff, nothing dirty
    assert (repo / GUIDE).is_file()


def test_init_from_another_wiki_copies_its_files(
    wiki: Path, tmp_path: Path, run_cli: RunCli, git: Callable[..., str]
) -> None:
    (wiki / "content/housing/extra-guide-note.txt").write_text("kept\n")
    result = run_cli("init", str(tmp_path / "copy"), "--from", str(wiki), cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "content/housing/extra-guide-note.txt" in git(tmp_path / "copy", "ls-files")
    assert ".git" not in git(tmp_path / "copy", "ls-files")


@pytest.mark.parametrize(
    ("make_bad", "message"),
    [
        (lambda p: (p / "w").mkdir() or (p / "w" / "f").write_text("x"), "already exists and is not empty"),
        (lambda p: (p / "w").write_text("x"), "already exists and is not empty"),
    ],
)
def test_init_refuses_a_non_empty_target(
    tmp_path: Path, run_cli: RunCli, make_bad: Callable[[Path], object], message: str
) -> None:
    make_bad(tmp_path)
    result = run_cli("init", str(tmp_path / "w"), cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'w'} {message}\n"
    assert not (tmp_path / "w" / ".git").exists()


def test_init_from_a_folder_that_is_not_a_wiki(tmp_path: Path, run_cli: RunCli) -> None:
    (tmp_path / "src").mkdir()
    result = run_cli("init", str(tmp_path / "w"), "--from", str(tmp_path / "src"), cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'src'} is not a wiki: it needs mkdocs.yml and content/\n"
    assert not (tmp_path / "w").exists()


def test_init_refuses_a_symlink_in_the_source(wiki: Path, tmp_path: Path, run_cli: RunCli) -> None:
    (wiki / "content/leak.md").symlink_to("/etc/passwd")
    result = run_cli("init", str(tmp_path / "w"), "--from", str(wiki), cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {wiki / 'content/leak.md'}: refusing to copy a symlink\n"


# -- check --------------------------------------------------------------------------------


def test_check_is_clean_on_the_reference_wiki(wiki: Path, run_cli: RunCli) -> None:
    result = run_cli("--repo", str(wiki), "check", "--strict")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "All guides are valid." in result.stderr


def test_check_finds_the_repository_around_the_current_directory(
    wiki: Path, run_cli: RunCli
) -> None:
    result = run_cli("check", cwd=wiki / "content" / "housing")
    assert result.exit_code == 0, result.output


def test_check_reads_main_not_the_working_tree(wiki: Path, run_cli: RunCli) -> None:
    (wiki / GUIDE).write_text("broken, but not committed\n")
    assert run_cli("--repo", str(wiki), "check").exit_code == 0


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda t: t.replace("## Steps", "## Things to do"),
            f"{GUIDE}:ANY: ",
        ),
        (
            lambda t: t.replace("title: Renew an adult passport", "title: <b>Renew</b>"),
            f"{GUIDE}:3: title",
        ),
        (lambda t: "---\ntitle: [\n---\nBody\n", f"{GUIDE}:3: invalid YAML"),
        (lambda t: t.replace("fees:", "fees: &fees\nold:", 1), f"{GUIDE}:10: "),
        (lambda t: t.replace("[online renewal service]", "[x](../nowhere/guide.md) ["), f"{GUIDE}:88: "),
    ],
)
def test_check_reports_committed_problems_one_per_line(
    wiki: Path, run_cli: RunCli, git: Callable[..., str], edit: Callable[[str], str], expected: str
) -> None:
    path = wiki / GUIDE
    path.write_text(edit(path.read_text()))
    _commit_all(git, wiki, "Break a guide")

    result = run_cli("--repo", str(wiki), "check")

    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    prefix = expected.split("ANY")[0]
    assert lines and all(line.startswith(prefix) for line in lines), lines
    assert "error(s)" in result.stderr


def test_check_json_lists_problems(wiki: Path, run_cli: RunCli, git: Callable[..., str]) -> None:
    path = wiki / GUIDE
    path.write_text(
        path.read_text()
        .replace("last_reviewed: 2026-10-06", "last_reviewed: 2024-01-10")
        .replace("review_by: 2027-04-06", "review_by: 2025-01-10")
    )
    _commit_all(git, wiki, "Overdue review")

    warn = run_cli("--repo", str(wiki), "check", "--json")
    strict = run_cli("--repo", str(wiki), "check", "--json", "--strict")

    data = json.loads(warn.stdout)
    assert warn.exit_code == 0 and data["ok"] is True
    assert [p["severity"] for p in data["problems"]] == ["warning"]
    assert data["problems"][0]["path"] == GUIDE
    assert strict.exit_code == 1 and json.loads(strict.stdout)["ok"] is False


def test_check_outside_a_repository(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("check", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no wiki repository at ")


# -- new ----------------------------------------------------------------------------------


def test_new_writes_a_guide_that_passes_check(
    wiki: Path, run_cli: RunCli, git: Callable[..., str]
) -> None:
    result = run_cli(
        "--repo", str(wiki), "new", "housing/apply-for-a-parking-permit.md",
        "--title", "Apply for a parking permit",
    )
    assert result.exit_code == 0, result.output
    written = wiki / "content/housing/apply-for-a-parking-permit.md"
    assert "title: Apply for a parking permit" in written.read_text()
    _commit_all(git, wiki, "Add a guide")
    assert run_cli("--repo", str(wiki), "check").exit_code == 0


@pytest.mark.parametrize(
    ("path", "title", "error"),
    [
        ("../evil.md", "T x", "Error: guide path '../evil.md' has an empty, '.' or '..' segment"),
        ("/etc/x.md", "T x", "Error: guide path '/etc/x.md' is absolute"),
        ("housing/x.txt", "T x", "Error: guide path 'housing/x.txt' is not a .md file under content/"),
        ("housing/Bad Name.md", "T x", "Error: guide path 'housing/Bad Name.md': 'Bad Name' must be lower-case letters, digits and hyphens"),
        (GUIDE, "T x", f"Error: {GUIDE} already exists"),
        ("housing/index.md", "T x", "Error: content/housing/index.md: index.md is a category page, not a guide"),
    ],
)
def test_new_refuses_bad_input_and_writes_nothing(
    wiki: Path, run_cli: RunCli, git: Callable[..., str], path: str, title: str, error: str
) -> None:
    before = git(wiki, "status", "--porcelain")
    result = run_cli("--repo", str(wiki), "new", path, "--title", title)
    assert result.exit_code == 1
    assert result.stderr == error + "\n"
    assert git(wiki, "status", "--porcelain") == before


# -- build --------------------------------------------------------------------------------


def test_build_publishes_every_guide_and_never_the_working_tree(
    wiki: Path, tmp_path: Path, run_cli: RunCli, git: Callable[..., str]
) -> None:
    (wiki / GUIDE).write_text((wiki / GUIDE).read_text().replace("## Steps", "## Steps\n\nUNCOMMITTED-EDIT\n"))
    (wiki / "content/housing/draft-guide.md").write_text("---\ntitle: Draft\n---\nDRAFT\n")

    result = run_cli("--repo", str(wiki), "build", "--out", str(tmp_path / "site"))

    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    guides = git(wiki, "ls-tree", "-r", "--name-only", "main", "content/").split()
    for guide in guides:
        page = guide.removeprefix("content/").removesuffix(".md")
        page = page.removesuffix("index")
        assert (site / page / "index.html").is_file(), page
    html = "".join(p.read_text() for p in site.rglob("*.html"))
    assert "UNCOMMITTED-EDIT" not in html
    assert not (site / "housing/draft-guide").exists()


def test_build_and_check_refuse_a_committed_symlink(
    wiki: Path, tmp_path: Path, run_cli: RunCli, git: Callable[..., str]
) -> None:
    (wiki / "content/housing/leak.md").symlink_to("/etc/passwd")
    _commit_all(git, wiki, "Sneak a symlink in")

    build = run_cli("--repo", str(wiki), "build", "--out", str(tmp_path / "site"))
    check = run_cli("--repo", str(wiki), "check")

    assert build.exit_code == 1
    assert build.stderr == "Error: content/housing/leak.md: refusing to export a symlink\n"
    assert not (tmp_path / "site").exists()
    assert check.exit_code == 1
    assert "content/housing/leak.md: is a symlink or submodule, not a file" in check.stdout
