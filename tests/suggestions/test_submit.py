"""``wikitool suggest submit``: a suggestion becomes a branch and a review log, safely."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from sqlite_files import stored_bytes

from wikitool.gitstore import WikiStore
from wikitool.ids import is_suggestion_id
from wikitool.suggestions.submission import warm_up

GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"

RunCli = Callable[..., Result]
UNKNOWN = "01m82td1qaxakf756wgvacw96w"  # the form of an id, but no suggestion


def _refs(git: Callable[..., str], repo: Path) -> list[str]:
    return git(repo, "for-each-ref", "--format=%(refname)").split()


def test_a_suggestion_becomes_one_commit_on_its_own_branch(
    wiki: Path, run_cli: RunCli, git: Callable[..., str], suggestion_file: Callable[..., Path],
    fee_fix: str, store: WikiStore,
) -> None:
    main = store.main()
    path = suggestion_file(
        guide=GUIDE, content=fee_fix, summary="Say what to do first",
        rationale="I renewed mine last week.",
    )

    result = run_cli("--repo", str(wiki), "suggest", "submit", "--json", str(path))

    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    sid = out["id"]
    assert is_suggestion_id(sid)
    assert out == {"id": sid, "kind": "edit", "branch": f"refs/heads/suggestions/{sid}",
                   "guide": GUIDE, "base": main, "warnings": []}
    branch = f"suggestions/{sid}"
    assert git(wiki, "rev-parse", f"{branch}^").strip() == main
    assert git(wiki, "show", f"{branch}:{GUIDE}") == fee_fix
    assert git(wiki, "diff", "--name-only", "main", branch).split() == [GUIDE]
    assert git(wiki, "log", "-1", "--format=%an <%ae>", branch).strip() == (
        f"Citizen {sid} <{sid}@suggestions.invalid>"
    )
    assert git(wiki, "log", "-1", "--format=%cn", branch).strip() == "wikitool"
    message = git(wiki, "log", "-1", "--format=%B", branch)
    assert message.startswith("Say what to do first\n\nI renewed mine last week.\n\n")
    trailers = git(wiki, "log", "-1", "--format=%(trailers:only,unfold)", branch).split("\n")
    assert f"Suggestion-Id: {sid}" in trailers and f"Base: {main}" in trailers
    review = git(wiki, "log", "--format=%B", f"refs/reviews/{sid}")
    assert "Event: submitted" in review and f"Commit: {git(wiki, 'rev-parse', branch).strip()}" in review
    assert git(wiki, "rev-parse", "main").strip() == main
    assert git(wiki, "status", "--porcelain") == ""
    git(wiki, "fsck", "--full", "--strict")


def test_plain_output_is_the_id(
    wiki: Path, run_cli: RunCli, suggestion_file: Callable[..., Path], fee_fix: str
) -> None:
    result = run_cli("--repo", str(wiki), "suggest", "submit",
                     str(suggestion_file(guide=GUIDE, content=fee_fix, summary="Fix")))
    assert result.exit_code == 0
    assert is_suggestion_id(result.stdout.strip())


def test_yaml_from_standard_input(wiki: Path, run_cli: RunCli, fee_fix: str) -> None:
    import textwrap

    document = "guide: identity-and-travel/renew-an-adult-passport.md\nsummary: Fix\ncontent: |\n"
    document += textwrap.indent(fee_fix, "  ")
    result = run_cli("--repo", str(wiki), "suggest", "submit", "-", input=document)
    assert result.exit_code == 0, result.output


def test_a_credited_citizen_is_named_but_their_email_stays_out_of_git(
    wiki: Path, run_cli: RunCli, git: Callable[..., str], suggestion_file: Callable[..., Path],
    fee_fix: str,
) -> None:
    path = suggestion_file(guide=GUIDE, content=fee_fix, summary="Fix",
                           author={"name": "Ana Ruiz", "email": "ana.ruiz@example.org", "credit": True})
    sid = run_cli("--repo", str(wiki), "suggest", "submit", str(path)).stdout.strip()
    assert git(wiki, "log", "-1", "--format=%an <%ae>", f"suggestions/{sid}").strip() == (
        f"Ana Ruiz <{sid}@suggestions.invalid>"
    )
    assert "ana.ruiz" not in _all_objects(wiki)
    forget = run_cli("--repo", str(wiki), "suggest", "forget", sid)
    assert forget.exit_code == 0
    assert forget.stdout == f"Deleted the contact details of suggestion {sid}\n"
    assert "ana.ruiz" not in stored_bytes(wiki / ".git/wikitool/private.sqlite3").decode("latin-1")


def _all_objects(repo: Path) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), "cat-file", "--batch-all-objects", "--batch"],
        capture_output=True, check=True,
    )
    return done.stdout.decode("utf-8", "replace")


def test_personal_data_never_reaches_any_git_object(
    wiki: Path, run_cli: RunCli, suggestion_file: Callable[..., Path], fee_fix: str,
) -> None:
    secrets = {
        "email": "maria.lopez@example.net",
        "phone": "+34 612 345 678",
        "iban": "DE89 3704 0044 0532 0130 00",
        "card": "4111 1111 1111 1111",
    }
    rationale = (f"Write to me at {secrets['email']} or call {secrets['phone']}. "
                 f"I paid from {secrets['iban']} with card {secrets['card']}.")
    path = suggestion_file(guide=GUIDE, content=fee_fix, summary=f"Fix, mail {secrets['email']}",
                           rationale=rationale,
                           author={"name": "Maria Lopez", "email": secrets["email"]})

    result = run_cli("--repo", str(wiki), "suggest", "submit", "--json", str(path))

    assert result.exit_code == 0, result.output
    warnings = json.loads(result.stdout)["warnings"]
    assert any(w.startswith("summary: removed personal data") for w in warnings)
    assert any(w.startswith("rationale: removed personal data") for w in warnings)
    everything = _all_objects(wiki)
    for value in [*secrets.values(), "Maria Lopez"]:
        assert value not in everything
        assert value.replace(" ", "") not in everything
    assert "[e-mail removed]" in everything


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"guide": "../mkdocs.yml"}, "Error: guide path '../mkdocs.yml' has an empty, '.' or '..' segment"),
        ({"guide": "mkdocs.yml"}, "Error: guide path 'mkdocs.yml' is not a .md file under content/"),
        ({"guide": "/etc/passwd.md"}, "Error: guide path '/etc/passwd.md' is absolute"),
        ({"guide": "content\\x.md"}, "Error: guide path 'content\\\\x.md' contains a backslash"),
        ({"guide": ".git/config.md"}, "Error: guide path '.git/config.md': '.git' must be lower-case letters, digits and hyphens"),
        ({"guide": "housing/.GIT.md"}, "Error: guide path 'housing/.GIT.md': '.GIT' must be lower-case letters, digits and hyphens"),
        ({"guide": "git~1/x.md"}, "Error: guide path 'git~1/x.md': 'git~1' must be lower-case letters, digits and hyphens"),
        ({"guide": "theme/main.md"}, None),
        ({"guide": "housing/x\u0000.md"}, "Error: SRC: guide contains U+0000 (a NUL character), which is not text"),
        ({"guide": "housing/index.md"}, "Error: content/housing/index.md is a category page, not a guide: suggest a change to a guide"),
        ({"guide": "housing/no-such-guide.md"}, "Error: content/housing/no-such-guide.md does not exist (set new: true to propose a new guide)"),
        ({"new": True}, f"Error: {GUIDE} already exists: suggest a change to it instead of a new guide"),
        ({"base": "0" * 40}, f"Error: unknown base revision {'0' * 40}"),
        ({"base": "main"}, "Error: base must be a full 40-character commit id, got 'main'"),
        ({"summary": "   "}, "Error: SRC: summary is empty: say in one line what you changed"),
        ({"summary": "x" * 151}, "Error: SRC: summary is longer than 150 characters: keep it to one line and put details in rationale"),
        ({"summary": None}, "Error: SRC: missing required field 'summary'"),
        ({"content": 5}, "Error: SRC: content must be text"),
        ({"colour": "red"}, "Error: SRC: unknown field 'colour'"),
        ({"author": {"email": "not-an-address"}}, "Error: SRC: author.email is not an e-mail address"),
        ({"content": "SAME"}, f"Error: {GUIDE}: the suggested content is the same as the published guide"),
        ({"content": "x" * (201 * 1024)}, "Error: SRC: content is larger than 200 KB"),
        ({"follows": UNKNOWN}, "Error: SRC: follows is for a report (kind: report), not an edit"),
        ({"kind": "report", "content": None, "follows": "01jd"},
         "Error: SRC: follows must be a suggestion id (26 letters and digits), got '01jd'"),
        ({"kind": "report", "content": None, "follows": UNKNOWN}, f"Error: follows: no suggestion {UNKNOWN}"),
    ],
)
def test_bad_suggestions_are_refused_and_nothing_is_written(
    wiki: Path, run_cli: RunCli, git: Callable[..., str], suggestion_file: Callable[..., Path],
    fee_fix: str, published: str, fields: dict[str, object], error: str | None,
) -> None:
    document: dict[str, object] = {"guide": GUIDE, "content": fee_fix, "summary": "Fix"}
    document.update(fields)
    if document["content"] == "SAME":
        document["content"] = published
    document = {k: v for k, v in document.items() if v is not None}
    path = suggestion_file(**document)
    refs_before = _refs(git, wiki)
    objects_before = git(wiki, "count-objects", "-v")

    result = run_cli("--repo", str(wiki), "suggest", "submit", str(path))

    assert result.exit_code == 1
    if error is not None:
        assert result.stderr == error.replace("SRC", str(path)) + "\n"
    else:
        assert result.stderr.startswith("Error: ")
    assert len(result.stderr.splitlines()) == 1
    assert _refs(git, wiki) == refs_before
    assert git(wiki, "count-objects", "-v") == objects_before


@pytest.mark.parametrize(
    ("edit", "error_part"),
    [
        (lambda t: t.replace("## Steps", "<script>alert(1)</script>\n\n## Steps"), "script"),
        (lambda t: t.replace("## Steps", '<img src=x onerror="alert(1)">\n\n## Steps'), "onerror"),
        (lambda t: t.replace("## Steps", "[click](javascript:alert(1))\n\n## Steps"), "javascript"),
        (lambda t: t.replace("## Steps", "<iframe src=https://evil.example></iframe>\n\n## Steps"), "iframe"),
        (lambda t: t.replace("## Steps", "Fee \u202eEUR 58\n\n## Steps"), "U+202E"),
        (lambda t: t.replace("## Steps", "Fe\u200be\n\n## Steps"), "U+200B"),
        (lambda t: t.replace("## Steps", "Contact me: jane.doe@example.com\n\n## Steps"), "personal data"),
        (lambda t: t.replace("## Steps", "My card 4111 1111 1111 1111\n\n## Steps"), "personal data"),
        (lambda t: t.replace("## Steps", "## Things"), "Steps"),
        (lambda t: t.replace("---\n", "---\nfoo: &a [1]\nbar: *a\n", 1), "alias"),
        (lambda t: t.replace("title:", "title: !!python/object:os.system x\nold_title:", 1), "tag"),
        (lambda t: t.replace("fees:", "fees: 12\nold_fees:", 1), "fees"),
    ],
)
def test_unsafe_or_invalid_content_is_refused(
    wiki: Path, run_cli: RunCli, git: Callable[..., str], suggestion_file: Callable[..., Path],
    published: str, edit: Callable[[str], str], error_part: str,
) -> None:
    content = edit(published)
    assert content != published
    path = suggestion_file(guide=GUIDE, content=content, summary="Fix")
    refs_before = _refs(git, wiki)

    result = run_cli("--repo", str(wiki), "suggest", "submit", str(path))

    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: ") and error_part.lower() in result.stderr.lower()
    assert len(result.stderr.splitlines()) == 1
    assert _refs(git, wiki) == refs_before


def test_invalid_utf8_is_refused(wiki: Path, run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes(b"guide: housing/x.md\nsummary: caf\xe9\n")
    result = run_cli("--repo", str(wiki), "suggest", "submit", str(path))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {path}:2: is not valid UTF-8\n"


def test_a_suggestion_based_on_an_older_revision(
    wiki: Path, run_cli: RunCli, git: Callable[..., str], suggestion_file: Callable[..., Path],
    fee_fix: str, store: WikiStore,
) -> None:
    old = store.main()
    (wiki / "content/housing/index.md").write_text(
        (wiki / "content/housing/index.md").read_text() + "\nMore.\n")
    git(wiki, "commit", "-qam", "Staff edit")
    result = run_cli("--repo", str(wiki), "suggest", "submit", "--json",
                     str(suggestion_file(guide=GUIDE, content=fee_fix, summary="Fix", base=old)))
    assert result.exit_code == 0, result.output
    sid = json.loads(result.stdout)["id"]
    assert git(wiki, "rev-parse", f"suggestions/{sid}^").strip() == old


def test_the_same_change_twice_is_a_plus_one_not_a_new_branch(
    wiki: Path, run_cli: RunCli, git: Callable[..., str], suggestion_file: Callable[..., Path],
    fee_fix: str,
) -> None:
    first = json.loads(run_cli("--repo", str(wiki), "suggest", "submit", "--json",
                               str(suggestion_file(guide=GUIDE, content=fee_fix, summary="Fix"))).stdout)
    again = run_cli("--repo", str(wiki), "suggest", "submit", "--json",
                    str(suggestion_file(guide=GUIDE, content=fee_fix, summary="Same fix")))
    second = json.loads(again.stdout)
    assert second["id"] == first["id"]
    assert second["duplicate_of"] == first["id"]
    assert second["warnings"] == []
    plain = run_cli("--repo", str(wiki), "suggest", "submit",
                    str(suggestion_file(guide=GUIDE, content=fee_fix, summary="Third")))
    assert plain.stdout.strip() == first["id"]
    assert plain.stderr == f"Note: the same change is already suggested as {first['id']}: recorded as +1 on it\n"
    assert len([r for r in _refs(git, wiki) if r.startswith("refs/heads/suggestions/")]) == 1
    assert "Event: +1" in git(wiki, "log", "--format=%B", f"refs/reviews/{first['id']}")


def test_a_new_guide_can_be_proposed(
    wiki: Path, run_cli: RunCli, git: Callable[..., str], suggestion_file: Callable[..., Path],
    published: str,
) -> None:
    path = suggestion_file(guide="identity-and-travel/renew-a-passport-abroad.md", content=published,
                           summary="New guide", new=True)
    result = run_cli("--repo", str(wiki), "suggest", "submit", "--json", str(path))
    assert result.exit_code == 0, result.output
    sid = json.loads(result.stdout)["id"]
    assert git(wiki, "diff", "--name-status", "main", f"suggestions/{sid}").split() == [
        "A", "content/identity-and-travel/renew-a-passport-abroad.md"]


def test_a_killed_writer_leaves_no_branch_without_its_review(
    wiki: Path, store: WikiStore, run_cli: RunCli, git: Callable[..., str],
    suggestion_file: Callable[..., Path], fee_fix: str,
) -> None:
    sid = run_cli("--repo", str(wiki), "suggest", "submit",
                  str(suggestion_file(guide=GUIDE, content=fee_fix, summary="Fix"))).stdout.strip()
    # Simulate a crash between the review log and the branch: the branch is missing.
    branch = f"refs/heads/suggestions/{sid}"
    assert store.delete_ref(branch, store.ref(branch) or "")
    from wikitool.suggestions.submission import repair_branches

    assert repair_branches(store) == 1
    assert branch in _refs(git, wiki)


def test_suggest_edit_opens_the_editor_on_main_and_submits(
    wiki: Path, run_cli: RunCli, git: Callable[..., str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, published: str,
) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('## Steps\\n\\n1. ', '## Steps\\n\\n1. First, ', 1))\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    (wiki / GUIDE).write_text("an uncommitted edit the editor must not start from\n")

    result = run_cli("--repo", str(wiki), "suggest", "edit", "--json",
                     "identity-and-travel/renew-an-adult-passport.md", "-m", "Say what comes first")

    assert result.exit_code == 0, result.output
    sid = json.loads(result.stdout)["id"]
    expected = published.replace("## Steps\n\n1. ", "## Steps\n\n1. First, ", 1)
    assert git(wiki, "show", f"suggestions/{sid}:{GUIDE}") == expected
    assert git(wiki, "log", "-1", "--format=%s", f"suggestions/{sid}").strip() == "Say what comes first"


@pytest.mark.parametrize(
    ("editor_code", "args", "error"),
    [
        ("pass", ["-m", "x"], "Error: no change made: nothing submitted"),
        ("p.write_text(p.read_text() + 'More.\\n')", ["-m", " "], "Error: a one-line summary is required (--summary)"),
        ("pass", ["--", "housing/no-such.md"], "Error: content/housing/no-such.md does not exist on main"),
    ],
)
def test_suggest_edit_bad_rows(
    wiki: Path, run_cli: RunCli, git: Callable[..., str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, editor_code: str, args: list[str], error: str,
) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(f"import sys, pathlib\np = pathlib.Path(sys.argv[1])\n{editor_code}\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    guide = [] if "--" in args else ["identity-and-travel/renew-an-adult-passport.md"]
    refs_before = _refs(git, wiki)
    result = run_cli("--repo", str(wiki), "suggest", "edit", *guide, *args)
    assert result.exit_code == 1
    assert result.stderr == error + "\n"
    assert _refs(git, wiki) == refs_before


def test_warming_up_the_checks_writes_nothing_to_git(
    wiki: Path, git: Callable[..., str], store: WikiStore
) -> None:
    objects_before = git(wiki, "count-objects", "-v")
    refs_before = _refs(git, wiki)

    warm_up(store)

    assert git(wiki, "count-objects", "-v") == objects_before
    assert _refs(git, wiki) == refs_before


def test_a_report_that_follows_another_is_linked_both_ways(
    wiki: Path, run_cli: RunCli, git: Callable[..., str], suggestion_file: Callable[..., Path],
    fee_fix: str,
) -> None:
    def submitted(**document: object) -> str:
        result = run_cli("--repo", str(wiki), "suggest", "submit", str(suggestion_file(**document)))
        assert result.exit_code == 0, result.output
        return result.stdout.strip()

    first = submitted(guide=GUIDE, content=fee_fix, summary="Say what to do first")
    other_guide = "content/housing/apply-for-housing-benefit.md"
    report = {"kind": "report", "summary": "The first step is still unclear", "follows": first}
    refs_before = _refs(git, wiki)
    refused = run_cli("--repo", str(wiki), "suggest", "submit", str(suggestion_file(guide=other_guide, **report)))
    assert (refused.exit_code, refused.stderr) == (
        1, f"Error: follows: suggestion {first} is about {GUIDE}, not {other_guide}\n",
    )
    assert _refs(git, wiki) == refs_before

    later = submitted(guide=GUIDE, **report)

    shown = run_cli("--repo", str(wiki), "review", "show", first).stdout
    assert f"Followed by: {later} (a report: something is still wrong)\n" in shown
    shown = run_cli("--repo", str(wiki), "review", "show", later).stdout
    assert f"Follows:    {first} (the citizen says it left the guide wrong)\n" in shown
    log = run_cli("--repo", str(wiki), "review", "log", first).stdout
    assert f"follow-up        Citizen {later} <{later}@suggestions.invalid>  report {later}\n" in log
    log = run_cli("--repo", str(wiki), "review", "log", later).stdout
    assert f"submitted (report) Citizen {later} <{later}@suggestions.invalid>  version " in log
    assert f"  follows {first}\n" in log
    trailers = git(wiki, "log", "-1", "--format=%B", f"refs/reviews/{first}")
    assert "Event: follow-up\n" in trailers and f"Followed-By: {later}\n" in trailers
