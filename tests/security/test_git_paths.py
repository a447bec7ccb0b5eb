"""Paths and names from untrusted input never name anything but a guide under content/.

A citizen chooses the guide path of a suggestion (``suggest submit`` or the intake's
JSON) and the id in a tracking URL. Each hostile one is refused with one line and
nothing is written. A suggestion's tree only ever gains regular files, as real git sees.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from click.testing import Result
from wiki_state import GUIDE, repository_state

RunCli = Callable[..., Result]
Git = Callable[..., str]

HOSTILE_PATHS = [
    # (case, guide path, error; SRC stands for where the suggestion came from)
    ("parent folder", "../../etc/passwd.md", "guide path '../../etc/passwd.md' has an empty, '.' or '..' segment"),
    ("parent inside", "content/../content/housing/x.md", "guide path 'content/../content/housing/x.md' has an empty, '.' or '..' segment"),
    ("parent to the root", "housing/../../mkdocs.md", "guide path 'housing/../../mkdocs.md' has an empty, '.' or '..' segment"),
    ("current folder", "housing/./x.md", "guide path 'housing/./x.md' has an empty, '.' or '..' segment"),
    ("empty segment", "housing//x.md", "guide path 'housing//x.md' has an empty, '.' or '..' segment"),
    ("trailing slash", "housing/x.md/", "guide path 'housing/x.md/' has an empty, '.' or '..' segment"),
    ("absolute", "/etc/passwd.md", "guide path '/etc/passwd.md' is absolute"),
    ("drive letter", "C:/Windows/x.md", "guide path 'C:/Windows/x.md' is absolute"),
    ("drive-relative", "c:housing/x.md", "guide path 'c:housing/x.md' is absolute"),
    ("backslashes", "content\\housing\\x.md", "guide path 'content\\\\housing\\\\x.md' contains a backslash"),
    ("backslash parent", "housing\\..\\..\\x.md", "guide path 'housing\\\\..\\\\..\\\\x.md' contains a backslash"),
    (".git", ".git/hooks/post-checkout.md", "guide path '.git/hooks/post-checkout.md': '.git' must be lower-case letters, digits and hyphens"),
    (".GIT", ".GIT/config.md", "guide path '.GIT/config.md': '.GIT' must be lower-case letters, digits and hyphens"),
    (".Git in a folder", "housing/.Git/x.md", "guide path 'housing/.Git/x.md': '.Git' must be lower-case letters, digits and hyphens"),
    (".git as a name", "housing/.git.md", "guide path 'housing/.git.md': '.git' must be lower-case letters, digits and hyphens"),
    ("NTFS short name", "git~1/config.md", "guide path 'git~1/config.md': 'git~1' must be lower-case letters, digits and hyphens"),
    ("NTFS short name, upper case", "GIT~1/x.md", "guide path 'GIT~1/x.md': 'GIT~1' must be lower-case letters, digits and hyphens"),
    ("NTFS stream", "housing/.git::$INDEX_ALLOCATION/x.md", "guide path 'housing/.git::$INDEX_ALLOCATION/x.md': '.git::$INDEX_ALLOCATION' must be lower-case letters, digits and hyphens"),
    ("NTFS data stream", "housing/x.md::$DATA", "guide path 'housing/x.md::$DATA' is not a .md file under content/"),
    ("NTFS trailing dot", "housing/x.md.", "guide path 'housing/x.md.' is not a .md file under content/"),
    ("NTFS trailing space", "housing /x.md", "guide path 'housing /x.md': 'housing ' must be lower-case letters, digits and hyphens"),
    ("NTFS folder trailing dot", "housing./x.md", "guide path 'housing./x.md': 'housing.' must be lower-case letters, digits and hyphens"),
    ("Windows device", "housing/con.md", "guide path 'housing/con.md': 'con' is a device name on Windows, not a file name"),
    ("Windows device folder", "aux/x.md", "guide path 'aux/x.md': 'aux' is a device name on Windows, not a file name"),
    ("Windows port", "housing/lpt1.md", "guide path 'housing/lpt1.md': 'lpt1' is a device name on Windows, not a file name"),
    ("HFS ignorable joiner", ".g\u200cit/x.md", "guide path '.g\\u200cit/x.md' must use plain ASCII letters, not U+200C ZERO WIDTH NON-JOINER"),
    ("HFS ignorable in a name", "housing/x\u200d.md", "guide path 'housing/x\\u200d.md' must use plain ASCII letters, not U+200D ZERO WIDTH JOINER"),
    ("byte order mark", "housing/x\ufeff.md", "guide path 'housing/x\\ufeff.md' must use plain ASCII letters, not U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    ("right-to-left override", "housing/x\u202egnp.md", "guide path 'housing/x\\u202egnp.md' must use plain ASCII letters, not U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("Cyrillic a", "housing/\u0430pply-for-housing-benefit.md", "guide path 'housing/\u0430pply-for-housing-benefit.md' must use plain ASCII letters, not U+0430 CYRILLIC SMALL LETTER A"),
    ("Cyrillic o in a folder", "h\u043eusing/x.md", "guide path 'h\u043eusing/x.md' must use plain ASCII letters, not U+043E CYRILLIC SMALL LETTER O"),
    ("full-width letter", "\uff48ousing/x.md", "guide path '\uff48ousing/x.md' must use plain ASCII letters, not U+FF48 FULLWIDTH LATIN SMALL LETTER H"),
    ("one-dot leader", "housing/x\u2024md", "guide path 'housing/x\u2024md' must use plain ASCII letters, not U+2024 ONE DOT LEADER"),
    ("NFC", "housing/caf\u00e9.md", "guide path 'housing/caf\u00e9.md' must use plain ASCII letters, not U+00E9 LATIN SMALL LETTER E WITH ACUTE"),
    ("NFD", "housing/cafe\u0301.md", "guide path 'housing/cafe\u0301.md' must use plain ASCII letters, not U+0301 COMBINING ACUTE ACCENT"),
    ("case collision", "housing/Apply-for-housing-benefit.md", "guide path 'housing/Apply-for-housing-benefit.md': 'Apply-for-housing-benefit' must be lower-case letters, digits and hyphens"),
    ("case collision, folder", "Housing/apply-for-housing-benefit.md", "guide path 'Housing/apply-for-housing-benefit.md': 'Housing' must be lower-case letters, digits and hyphens"),
    ("upper-case extension", "housing/apply-for-housing-benefit.MD", "guide path 'housing/apply-for-housing-benefit.MD' is not a .md file under content/"),
    ("percent-encoded parent", "housing/%2e%2e/x.md", "guide path 'housing/%2e%2e/x.md': '%2e%2e' must be lower-case letters, digits and hyphens"),
    ("home folder", "~/x.md", "guide path '~/x.md': '~' must be lower-case letters, digits and hyphens"),
    ("NUL", "housing/x.md\x00.txt", "SRC: guide contains U+0000 (a NUL character), which is not text"),
    ("newline", "housing/x.md\nrefs/heads/main", "guide path 'housing/x.md\\nrefs/heads/main' contains a control character"),
    ("not a guide file", "mkdocs.yml", "guide path 'mkdocs.yml' is not a .md file under content/"),
    ("very long", "housing/" + "a" * 250 + ".md", "guide path is longer than 200 characters"),
    ("longer than the field", "a/" * 200 + "x.md", "SRC: guide is longer than 300 characters"),
    ("empty", "   ", "guide path is empty"),
]

# Suggestion ids end up in ref names; every command and the tracking URL take one.
HOSTILE_IDS = ["../../heads/main", "..", "refs/heads/main", "01JD0000000000000000000000/../x", "main.lock", "-h"]


def _document(tmp_path: Path, guide: str, content: str) -> Path:
    path = tmp_path / "suggestion.json"
    path.write_text(json.dumps({"guide": guide, "new": True, "content": content, "summary": "New guide"}))
    return path


@pytest.mark.parametrize(("case", "guide", "error"), HOSTILE_PATHS, ids=[row[0] for row in HOSTILE_PATHS])
def test_a_hostile_guide_path_is_refused_by_suggest_submit(
    shared_wiki: Path, shared_passport: str, run_cli: RunCli, tmp_path: Path,
    case: str, guide: str, error: str,
) -> None:  # fmt: skip
    document = _document(tmp_path, guide, shared_passport)
    before = repository_state(shared_wiki)

    result = run_cli("--repo", str(shared_wiki), "suggest", "submit", str(document))

    assert result.exit_code == 1, result.output
    assert result.stderr == f"Error: {error.replace('SRC', str(document))}\n"
    assert repository_state(shared_wiki) == before


@pytest.mark.parametrize(("case", "guide", "error"), HOSTILE_PATHS, ids=[row[0] for row in HOSTILE_PATHS])
def test_a_hostile_guide_path_is_refused_by_the_intake(
    shared_wiki: Path, shared_passport: str, shared_intake: httpx.Client,
    case: str, guide: str, error: str,
) -> None:  # fmt: skip
    before = repository_state(shared_wiki)

    response = shared_intake.post(
        "/api/suggestions",
        json={"guide": guide, "new": True, "content": shared_passport, "summary": "New guide"},
    )

    assert response.status_code == 400
    assert response.json() == {"error": error.replace("SRC", "suggestion")}
    assert repository_state(shared_wiki) == before


@pytest.mark.parametrize("hostile_id", HOSTILE_IDS)
def test_a_hostile_suggestion_id_names_nothing(
    shared_wiki: Path, run_cli: RunCli, shared_intake: httpx.Client, hostile_id: str
) -> None:
    before = repository_state(shared_wiki)

    commands = [("suggest", "forget", "--", hostile_id)]
    commands += [("review", action, "--", hostile_id) for action in ("show", "log", "merge")]
    for command in commands:
        result = run_cli("--repo", str(shared_wiki), *command)
        assert result.exit_code == 1, (command, result.output)
        assert len(result.stderr.splitlines()) == 1, (command, result.stderr)
        assert re.match(r"Error: no suggestion .*", result.stderr), (command, result.stderr)
    status = shared_intake.get(f"/api/suggestions/{hostile_id}")

    assert status.status_code == 404
    assert repository_state(shared_wiki) == before


def test_a_suggested_tree_holds_regular_files_only(
    wiki: Path, run_cli: RunCli, git: Git, tmp_path: Path, passport: str
) -> None:
    changed = passport.replace("## Steps\n\n1. ", "## Steps\n\n1. First, ", 1)
    documents = [
        {"guide": GUIDE, "content": changed, "summary": "Say what comes first"},
        {"guide": "identity-and-travel/renew-a-passport-abroad.md", "new": True, "content": passport, "summary": "A new guide"},
    ]
    for n, document in enumerate(documents):
        (tmp_path / f"{n}.json").write_text(json.dumps(document))
        result = run_cli("--repo", str(wiki), "suggest", "submit", str(tmp_path / f"{n}.json"))
        assert result.exit_code == 0, result.output

    refs = git(wiki, "for-each-ref", "--format=%(refname)").split()
    suggestions = [r for r in refs if r.startswith(("refs/heads/suggestions/", "refs/reviews/"))]
    assert len(suggestions) == 4
    for ref in suggestions:
        entries = git(wiki, "ls-tree", "-r", "-t", ref).splitlines()
        modes = {line.split()[0] for line in entries}
        # 100644 regular files and 040000 folders: no 120000 symlink, no 160000 submodule.
        assert modes <= {"100644", "040000"}, (ref, modes)
        if ref.startswith("refs/reviews/"):
            assert entries == []  # a review event carries its data in the message
    added = git(wiki, "diff-tree", "-r", "main", suggestions[0]).splitlines()
    assert [line.split()[1] for line in added] == ["100644"]
