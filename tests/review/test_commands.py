"""Every review command, good and bad input, against one wiki holding suggestions in each state.

The wiki (built once, copied for each test) holds:

- ``open``: a plain open suggestion, no approvals;
- ``approved``: open, approved by Ana (enough to merge);
- ``fee``: open, changes a fee (sensitive), approved by Ana only;
- ``clash``: open, approved by Ana, but it changes the line ``merged`` changed: a conflict;
- ``credited``: open, by a citizen credited as Maria Lopez (contact maria@example.org);
- ``merged``: merged; ``rejected``: rejected as spam.
"""

from __future__ import annotations

import importlib
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from isolation import isolated_environment
from review_samples import (
    ANA,
    BEN,
    EXPIRY,
    FEE,
    FIRST_STEP,
    FIRST_STEP_OTHER,
    GUIDE,
    HELPLINE,
    UPLOAD,
)

from wikitool.gitstore import WikiStore
from wikitool.model import Identity
from wikitool.review.decisions import review_approve, review_reject
from wikitool.review.events import RejectReason
from wikitool.review.merge import review_merge
from wikitool.services.wiki_init import init_wiki
from wikitool.suggestions.input import SuggestionAuthor, SuggestionInput
from wikitool.suggestions.submission import suggestion_submit

UNKNOWN = "01m8zzzzzzzzzzzzzzzzzzzzzz"
MARIA = "Maria Lopez <maria@example.org>"
TRACKED = ("Use a tracked postal service.", "Use a tracked and signed postal service.")

Ids = dict[str, str]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Ids]]:
    """The wiki with one suggestion in every state (built once per module)."""
    path = tmp_path_factory.mktemp("review-template") / "wiki"
    with isolated_environment(path.parent):
        init_wiki(path, author=Identity("Test Staff", "staff@agency.invalid"), when=1_790_000_000)
        with WikiStore.open(path) as store:
            raw = store.read(store.main(), GUIDE)
            assert raw is not None
            published = raw.decode()

            def submit(edit: tuple[str, str], summary: str, author: SuggestionAuthor | None = None) -> str:
                content = published.replace(*edit)
                return suggestion_submit(store, SuggestionInput(
                    guide=GUIDE, content=content, summary=summary,
                    author=author or SuggestionAuthor())).id

            ids = {
                "merged": submit(FIRST_STEP, "Say what to do first"),
                "clash": submit(FIRST_STEP_OTHER, "Start with the photo"),
                "open": submit(HELPLINE, "Calls are free from mobiles too"),
                "approved": submit(UPLOAD, "Comma in step 4"),
                "fee": submit(FEE, "The online fee is 88 euros"),
                "rejected": submit(EXPIRY, "Buy my pills"),
                "credited": submit(TRACKED, "Signed post", SuggestionAuthor("Maria Lopez", "maria@example.org", True)),
            }
            for name in ("merged", "clash", "approved", "fee"):
                review_approve(store, ids[name], staff=ANA)
            review_merge(store, ids["merged"], staff=BEN)
            review_reject(store, ids["rejected"], staff=BEN, reason=RejectReason.SPAM)
    yield path, ids


@pytest.fixture
def scenario(template: tuple[Path, Ids], tmp_path: Path) -> tuple[Path, Ids]:
    """A private copy of the template wiki."""
    source, ids = template
    copy = tmp_path / "wiki"
    shutil.copytree(source, copy, symlinks=True)
    return copy, ids


@pytest.fixture
def cmd(scenario: tuple[Path, Ids], run_cli: Callable[..., Result]) -> Callable[..., Result]:
    """Run ``wikitool review`` in the scenario wiki; ``{name}`` in an argument is that id."""
    repo, ids = scenario

    def run(*args: str) -> Result:
        return run_cli("--repo", str(repo), "review", *(a.format(**ids) for a in args))

    return run


def _expect(result: Result, code: int, output: str, ids: Ids) -> None:
    expected = output.format(**ids)
    stream = result.stdout if code == 0 else result.stderr
    assert result.exit_code == code, result.output
    if expected.endswith("*"):
        assert stream.startswith(expected[:-1]), stream
    else:
        assert stream == expected + "\n", stream


ANA_AS = ("--as", str(ANA))
BEN_AS = ("--as", str(BEN))
NOT_FOUND = f"Error: no suggestion {UNKNOWN}"


@pytest.mark.parametrize(
    ("args", "code", "output"),
    [
        (("approve", "{open}", *ANA_AS), 0, "Approved suggestion {open} (1 of 1 approvals; ready to merge)"),
        (("approve", "{fee}", *BEN_AS), 0, "Approved suggestion {fee} (2 of 2 approvals; ready to merge)"),
        (("approve", "{fee}", "--as", "Ana R <ANA.RUIZ@passports.veloria.invalid>"), 1, "Error: Ana R <ANA.RUIZ@passports.veloria.invalid> has already approved suggestion {fee}"),
        (("approve", "{credited}", "--as", MARIA), 1, f"Error: {MARIA} wrote or amended suggestion {{credited}} and cannot approve it: ask a colleague to review it"),
        (("approve", "{credited}", "--as", "M. Lopez <MARIA@example.org>"), 1, "Error: M. Lopez <MARIA@example.org> wrote or amended suggestion {credited} and cannot approve it: ask a colleague to review it"),
        (("approve", "{open}", "--as", "Citizen {open} <{open}@suggestions.invalid>"), 1, "Error: Citizen {open} <{open}@suggestions.invalid> is a citizen's pseudonymous address, not a member of staff"),
        (("approve", "{merged}", *ANA_AS), 1, "Error: suggestion {merged} is already merged"),
        (("approve", "{rejected}", *ANA_AS), 1, "Error: suggestion {rejected} was rejected; it can no longer be changed"),
        (("approve", UNKNOWN, *ANA_AS), 1, NOT_FOUND),
        (("approve", "no-such!", *ANA_AS), 1, "Error: no suggestion 'no-such!'"),
        (("approve", "01m", *ANA_AS), 1, "Error: a suggestion id needs at least 4 characters: 01m is too short"),
        (("approve", "{open}", "--as", "Ana"), 1, "Error: --as must look like \"Name <email>\", got 'Ana'"),
        (("approve", "{open}", "--as", "Ana <no-at-sign>"), 1, "Error: --as must look like \"Name <email>\", got 'Ana <no-at-sign>'"),
        (("approve",), 2, "Usage: *"),
    ],
)
def test_approve(cmd: Callable[..., Result], scenario: tuple[Path, Ids], args: tuple[str, ...], code: int, output: str) -> None:
    _expect(cmd(*args), code, output, scenario[1])


@pytest.mark.parametrize(
    ("args", "code", "output"),
    [
        (("comment", "{open}", "-m", "Checking with Finance.", *ANA_AS), 0, "Commented on suggestion {open}"),
        (("comment", "{open}", "-m", "   ", *ANA_AS), 1, 'Error: a comment needs a message: pass -m "..."'),
        (("comment", "{open}", *ANA_AS), 2, "Usage: *"),
        (("comment", "{merged}", "-m", "Late.", *ANA_AS), 1, "Error: suggestion {merged} is already merged"),
        (("comment", UNKNOWN, "-m", "Hello", *ANA_AS), 1, NOT_FOUND),
        (("comment", "{open}", "-m", "x" * 5001, *ANA_AS), 1, "Error: the message is longer than 5000 characters"),
        (("request-changes", "{approved}", "-m", "Say which form.", *BEN_AS), 0, "Requested changes to suggestion {approved}"),
        (("request-changes", "{approved}", "-m", "", *BEN_AS), 1, 'Error: a request for changes needs a message: pass -m "..."'),
        (("request-changes", "{rejected}", "-m", "No.", *BEN_AS), 1, "Error: suggestion {rejected} was rejected; it can no longer be changed"),
        (("request-changes", UNKNOWN, "-m", "No.", *BEN_AS), 1, NOT_FOUND),
    ],
)
def test_comment_and_request_changes(cmd: Callable[..., Result], scenario: tuple[Path, Ids], args: tuple[str, ...], code: int, output: str) -> None:
    _expect(cmd(*args), code, output, scenario[1])


@pytest.mark.parametrize(
    ("args", "code", "output"),
    [
        (("reject", "{open}", "--reason", "duplicate", "-m", "Same as another.", *BEN_AS), 0, "Rejected suggestion {open} (duplicate)"),
        (("reject", "{open}", "--reason", "spam", *BEN_AS), 0, "Rejected suggestion {open} (spam)"),
        (("reject", "{open}", "--reason", "other", *BEN_AS), 1, 'Error: rejecting for reason "other" needs a message: pass -m "..."'),
        (("reject", "{open}", "--reason", "boring", *BEN_AS), 2, "Usage: *"),
        (("reject", "{open}", *BEN_AS), 2, "Usage: *"),
        (("reject", "{rejected}", "--reason", "spam", *BEN_AS), 1, "Error: suggestion {rejected} was rejected; it can no longer be changed"),
        (("reject", "{merged}", "--reason", "spam", *BEN_AS), 1, "Error: suggestion {merged} is already merged"),
        (("reject", UNKNOWN, "--reason", "spam", *BEN_AS), 1, NOT_FOUND),
    ],
)
def test_reject(cmd: Callable[..., Result], scenario: tuple[Path, Ids], args: tuple[str, ...], code: int, output: str) -> None:
    _expect(cmd(*args), code, output, scenario[1])


def test_a_rejected_suggestion_is_archived(
    cmd: Callable[..., Result], scenario: tuple[Path, Ids], git: Callable[..., str]
) -> None:
    repo, ids = scenario
    tip = git(repo, "rev-parse", f"refs/heads/suggestions/{ids['open']}").strip()
    assert cmd("reject", "{open}", "--reason", "incorrect", "-m", "The helpline is not free.", *BEN_AS).exit_code == 0
    refs = git(repo, "for-each-ref", "--format=%(refname) %(objectname)")
    assert f"refs/heads/suggestions/{ids['open']}" not in refs
    assert f"refs/archive/suggestions/{ids['open']} {tip}" in refs
    message = git(repo, "log", "-1", "--format=%B", f"refs/reviews/{ids['open']}")
    assert "The helpline is not free.\n\nEvent: reject\n" in message
    assert f"Reviewer: {BEN}\nReason: incorrect\nCommit: {tip}\n" in message
    git(repo, "fsck", "--full", "--strict")


@pytest.mark.parametrize(
    ("args", "code", "output"),
    [
        (("merge", "{approved}", *BEN_AS), 0, "Merged suggestion {approved} as *"),
        (("merge", "{open}", *BEN_AS), 1, "Error: suggestion {open} cannot be merged yet: it needs 1 approval; it has 0"),
        (("merge", "{fee}", *BEN_AS), 1, "Error: suggestion {fee} cannot be merged yet: it needs 2 approvals from different people because it changes fees; it has 1"),
        (("merge", "{clash}", *BEN_AS), 3, "content/identity-and-travel/renew-an-adult-passport.md: changed on both sides*"),
        (("merge", "{merged}", *BEN_AS), 1, "Error: suggestion {merged} is already merged"),
        (("merge", "{rejected}", *BEN_AS), 1, "Error: suggestion {rejected} was rejected; it can no longer be changed"),
        (("merge", UNKNOWN, *BEN_AS), 1, NOT_FOUND),
        (("merge", "{approved}", "--as", "nobody"), 1, "Error: --as must look like \"Name <email>\", got 'nobody'"),
    ],
)
def test_merge(cmd: Callable[..., Result], scenario: tuple[Path, Ids], args: tuple[str, ...], code: int, output: str) -> None:
    _expect(cmd(*args), code, output, scenario[1])


def test_changes_requested_block_the_merge_until_the_reviewer_approves(
    cmd: Callable[..., Result], scenario: tuple[Path, Ids]
) -> None:
    ids = scenario[1]
    assert cmd("request-changes", "{approved}", "-m", "Name the form.", *BEN_AS).exit_code == 0
    blocked = cmd("merge", "{approved}", *BEN_AS)
    assert blocked.stderr == (
        f"Error: suggestion {ids['approved']} cannot be merged yet: changes were requested by "
        f"{BEN} (they can approve the current version, or the branch can be amended)\n"
    )
    assert cmd("approve", "{approved}", *BEN_AS).exit_code == 0
    assert cmd("merge", "{approved}", *BEN_AS).exit_code == 0


@pytest.mark.parametrize(
    ("args", "code", "output"),
    [
        (("show", "{open}"), 0, "Suggestion {open} (open)*"),
        (("show", "{merged}"), 0, "Suggestion {merged} (merged)*"),
        (("show", UNKNOWN), 1, NOT_FOUND),
        (("log", "{rejected}"), 0, "* submitted *"),
        (("log", UNKNOWN), 1, NOT_FOUND),
        (("checkout", "{merged}"), 1, "Error: suggestion {merged} is merged; only open ones can be amended"),
        (("checkout", UNKNOWN), 1, NOT_FOUND),
        (("list", "--state", "closed"), 2, "Usage: *"),
        (("list", "--sort", "size"), 2, "Usage: *"),
    ],
)
def test_read_commands(cmd: Callable[..., Result], scenario: tuple[Path, Ids], args: tuple[str, ...], code: int, output: str) -> None:
    result = cmd(*args)
    if output.startswith("* "):
        assert result.exit_code == code and output[2:-2] in result.stdout, result.output
    else:
        _expect(result, code, output, scenario[1])


def test_a_unique_start_of_an_id_is_enough(cmd: Callable[..., Result], scenario: tuple[Path, Ids]) -> None:
    ids = scenario[1]
    others = [i for name, i in ids.items() if name != "open"]
    length = next(n for n in range(4, 27) if not any(o.startswith(ids["open"][:n]) for o in others))
    shown = cmd("show", ids["open"][:length], "--json")
    assert json.loads(shown.stdout)["id"] == ids["open"]
    shared = cmd("show", ids["open"][:4])
    assert shared.exit_code == 1
    assert shared.stderr == f"Error: {ids['open'][:4]} is ambiguous: 7 suggestions start with it; give more characters\n"


def test_list_shows_the_backlog_oldest_first_with_its_flags(
    cmd: Callable[..., Result], scenario: tuple[Path, Ids]
) -> None:
    ids = scenario[1]
    rows = json.loads(cmd("list", "--json").stdout)
    assert [r["id"] for r in rows] == [ids[n] for n in ("clash", "open", "approved", "fee", "credited")]
    by_name = {name: next((r for r in rows if r["id"] == i), None) for name, i in ids.items()}
    clash, fee, approved = by_name["clash"], by_name["fee"], by_name["approved"]
    assert clash is not None and fee is not None and approved is not None
    assert (clash["stale"], clash["guide_changed"], clash["conflict"], clash["sensitive"]) == (True, True, True, False)
    assert (approved["stale"], approved["guide_changed"], approved["conflict"]) == (True, True, False)
    assert (fee["sensitive"], fee["sensitive_fields"], fee["required_approvals"], fee["approvals"]) == (True, ["fees"], 2, 1)
    assert (approved["added"], approved["removed"], approved["approvers"]) == (1, 1, [str(ANA)])
    assert clash["summary"] == "Start with the photo" and clash["guide"] == GUIDE

    text = cmd("list").stdout.splitlines()
    assert text[0].split() == ["ID", "AGE", "GUIDE", "SIZE", "APPROVALS", "SUPPORT", "FLAGS", "SUMMARY"]
    assert text[1].split()[0] == ids["clash"]
    assert "stale,guide-changed,conflict" in text[1] and text[1].endswith("Start with the photo")
    assert "sensitive" in text[4] and " 1/2 " in text[4]


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (("--state", "merged"), ["merged"]),
        (("--state", "rejected"), ["rejected"]),
        (("--state", "all"), ["merged", "clash", "open", "approved", "fee", "rejected", "credited"]),
        (("--guide", "identity-and-travel"), ["clash", "open", "approved", "fee", "credited"]),
        (("--guide", GUIDE), ["clash", "open", "approved", "fee", "credited"]),
        (("--guide", "housing"), []),
    ],
)
def test_list_filters(cmd: Callable[..., Result], scenario: tuple[Path, Ids], args: tuple[str, ...], names: list[str]) -> None:
    ids = scenario[1]
    rows = json.loads(cmd("list", *args, "--json").stdout)
    assert [r["id"] for r in rows] == [ids[n] for n in names]


def test_an_empty_backlog(cmd: Callable[..., Result]) -> None:
    result = cmd("list", "--guide", "housing")
    assert result.exit_code == 0
    assert result.stdout == "No open suggestions.\n"


def test_list_sees_new_events_through_its_index(
    cmd: Callable[..., Result], scenario: tuple[Path, Ids]
) -> None:
    ids = scenario[1]
    before = {r["id"]: r for r in json.loads(cmd("list", "--json").stdout)}
    assert before[ids["open"]]["approvals"] == 0
    assert (scenario[0] / ".git/wikitool/review-index.json").is_file()
    assert cmd("approve", "{open}", *ANA_AS).exit_code == 0
    assert cmd("merge", "{approved}", *BEN_AS).exit_code == 0
    after = {r["id"]: r for r in json.loads(cmd("list", "--json").stdout)}
    assert after[ids["open"]]["approvals"] == 1
    assert ids["approved"] not in after


def test_show_tells_a_reviewer_everything_needed(cmd: Callable[..., Result], scenario: tuple[Path, Ids]) -> None:
    ids = scenario[1]
    text = cmd("show", "{fee}").stdout
    assert f"Guide:      {GUIDE}\n" in text
    assert "Summary:    The online fee is 88 euros\n" in text
    assert "Approvals:  1 of 2 needed (it changes fees)\n" in text
    assert f"  - {ANA}\n" in text
    assert "Ready:      no: it needs 2 approvals from different people because it changes fees; it has 1\n" in text
    assert "Merge:      merges cleanly onto today's main (main moved since its base: a three-way merge)\n" in text
    assert "Checks:     the merged guide passes wikitool check\n" in text
    assert "fees[Online renewal].amount: 86 -> 88 EUR" in text
    assert "\x1b[" not in text  # no colour in a pipe

    clash = json.loads(cmd("show", "{clash}", "--json").stdout)
    assert clash["mergeable"] is False
    assert clash["conflicts"][0]["path"] == GUIDE
    assert clash["conflicts"][0]["hunks"][0]["main"][0].startswith("1. First, get a passport photo.")
    assert clash["conflicts"][0]["hunks"][0]["suggestion"][0].startswith("1. Start with a passport photo.")
    assert clash["diffs"][0]["path"] == GUIDE

    merged = json.loads(cmd("show", "{merged}", "--json").stdout)
    assert merged["state"] == "merged" and merged["mergeable"] is None
    assert merged["decision"]["event"] == "merge" and merged["decision"]["by"] == str(BEN)
    assert ids["merged"] == merged["id"]


def test_log_is_the_audit_trail(cmd: Callable[..., Result], scenario: tuple[Path, Ids]) -> None:
    ids = scenario[1]
    assert cmd("comment", "{clash}", "-m", "Conflicts with the merged one.\nLet us wait.", *BEN_AS).exit_code == 0
    events = json.loads(cmd("log", "{clash}", "--json").stdout)
    assert [(e["event"], e["by"]) for e in events] == [
        ("submitted", f"Citizen {ids['clash']} <{ids['clash']}@suggestions.invalid>"),
        ("approve", str(ANA)),
        ("comment", str(BEN)),
    ]
    assert events[2]["text"] == "Conflicts with the merged one.\nLet us wait."
    assert all(isinstance(e["time"], int) and e["time"] > 0 for e in events)
    lines = cmd("log", "{clash}").stdout.splitlines()
    assert lines[1].split()[3:5] == ["approve", "Ana"]
    assert lines[-2:] == ["    Conflicts with the merged one.", "    Let us wait."]
    rejected = json.loads(cmd("log", "{rejected}", "--json").stdout)
    assert rejected[-1]["event"] == "reject" and rejected[-1]["data"]["Reason"] == "spam"


def test_stats(cmd: Callable[..., Result], run_cli: Callable[..., Result], scenario: tuple[Path, Ids]) -> None:
    figures = json.loads(cmd("stats", "--json").stdout)
    assert figures["open"] == 5
    assert figures["decided"] == 2
    assert figures["rejected_by_reason"] == {"spam": 1}
    assert sum(m["merged"] for m in figures["months"]) == 1
    assert sum(m["rejected"] for m in figures["months"]) == 1
    assert figures["median_days_to_decision"] is not None
    text = cmd("stats").stdout
    assert text.startswith("Open suggestions:   5 (oldest ")


def test_every_review_command_has_help_with_an_example(cmd: Callable[..., Result], run_cli: Callable[..., Result]) -> None:
    for name in ("list", "show", "comment", "approve", "request-changes", "reject", "merge", "log", "checkout", "stats"):
        result = cmd(name, "-h")
        assert result.exit_code == 0 and "Example" in result.stdout, name
    for acting in ("comment", "approve", "request-changes", "reject", "merge"):
        assert '--as "NAME <EMAIL>"' in cmd(acting, "-h").stdout, acting
    for listing in ("list", "show", "log", "stats"):
        assert "--json" in cmd(listing, "-h").stdout, listing
    history = run_cli("history", "-h")
    assert history.exit_code == 0 and "Example" in history.stdout and "--json" in history.stdout


@pytest.mark.parametrize(("no_color", "coloured"), [("", True), ("1", False)])
def test_show_is_coloured_on_a_terminal_unless_no_color(
    cmd: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, no_color: str, coloured: bool
) -> None:
    # Where the review commands decide on colour (fetched by name: the package exports the
    # command group under its own name).
    module = importlib.import_module("wikitool.cli.review.common")
    monkeypatch.setattr(module, "stdout_is_terminal", lambda: True)
    monkeypatch.setenv("NO_COLOR", no_color)
    text = cmd("show", "{fee}").stdout
    assert ("\x1b[" in text) is coloured
    assert "86" in text and "88" in text
