"""``terminal_safe``: untrusted text shows on a terminal as it reads, never as commands.

One rule: every character a terminal would obey or not show becomes a visible code
(``\\x1b`` below U+0100, ``<U+202E>`` above); everything else is kept as it is. Then
every command that shows untrusted text, run on a real pseudo-terminal, sends the
terminal no escape sequence but its own colours.
"""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
import termios
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st

from wikitool.gitstore import WikiStore
from wikitool.ids import new_suggestion_id
from wikitool.services.feedback import (
    FeedbackError,
    FeedbackInput,
    feedback_from_mapping,
    feedback_save,
)
from wikitool.suggestions.input import SuggestionInput
from wikitool.suggestions.submission import suggestion_submit
from wikitool.terminal import json_terminal_safe, terminal_safe

# name -> (payload, how it shows on one line)
PAYLOADS: dict[str, tuple[str, str]] = {
    "CSI clear screen": ("\x1b[2J", "\\x1b[2J"),
    "CSI cursor home and SGR": ("\x1b[H\x1b[8m", "\\x1b[H\\x1b[8m"),
    "OSC 0 window title ended by BEL": ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),
    "OSC 2 window title ended by ST": ("\x1b]2;pwned\x1b\\", "\\x1b]2;pwned\\x1b\\"),
    "OSC 8 hidden hyperlink": (
        "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
        "\\x1b]8;;https://evil.example/\\x1b\\click\\x1b]8;;\\x1b\\",
    ),
    "DCS string": ("\x1bPq#0;2;0\x1b\\", "\\x1bPq#0;2;0\\x1b\\"),
    "APC string": ("\x1b_apc\x1b\\", "\\x1b_apc\\x1b\\"),
    "PM string": ("\x1b^pm\x1b\\", "\\x1b^pm\\x1b\\"),
    "SOS string": ("\x1bXsos\x1b\\", "\\x1bXsos\\x1b\\"),
    "8-bit CSI": ("\x9b31m", "\\x9b31m"),
    "8-bit OSC": ("\x9d0;pwned\x9c", "\\x9d0;pwned\\x9c"),
    "carriage return overwrite": ("Pay 86 EUR\rPay 0 EUR", "Pay 86 EUR\\x0dPay 0 EUR"),
    "backspace overwrite": ("86\b\b00", "86\\x08\\x0800"),
    "right-to-left override": ("\u202eRUE 68", "<U+202E>RUE 68"),
    "left-to-right isolate": ("\u2066iso\u2069", "<U+2066>iso<U+2069>"),
    "right-to-left mark": ("a\u200fb", "a<U+200F>b"),
    "arabic letter mark": ("a\u061cb", "a<U+061C>b"),
    "zero-width space": ("fe\u200be", "fe<U+200B>e"),
    "zero-width joiner": ("a\u200db", "a<U+200D>b"),
    "word joiner": ("a\u2060b", "a<U+2060>b"),
    "byte order mark": ("\ufeffstart", "<U+FEFF>start"),
    "line separator": ("one\u2028two", "one<U+2028>two"),
    "paragraph separator": ("one\u2029two", "one<U+2029>two"),
}

SPLITS_A_LINE = {"carriage return overwrite", "line separator", "paragraph separator"}
"""Payloads that ``str.splitlines`` (how git subjects and summaries are cut) breaks."""


def joined(skip: frozenset[str] | set[str] = frozenset()) -> str:
    """Every payload but those named in ``skip``, separated by `` | ``."""
    return " | ".join(payload for name, (payload, _) in PAYLOADS.items() if name not in skip)


def shown(skip: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """How every payload but those named in ``skip`` shows."""
    return [visible for name, (_, visible) in PAYLOADS.items() if name not in skip]


KEPT = {
    "plain text": "Pay 86 EUR at the counter.",
    "accents, Greek, CJK and emoji": "Café Ελλάδα 日本 ✅",
    "a no-break space": "86\u00a0EUR",
    "a combining accent": "cafe\u0301",
    "backslashes that look like codes": "C:\\x1b\\n <U+202E>",
    "nothing": "",
}

ONE_LINE = {
    **{name: pair for name, pair in PAYLOADS.items()},
    "NUL": ("a\x00b", "a\\x00b"),
    "DEL": ("a\x7fb", "a\\x7fb"),
    "BEL alone": ("\x07", "\\x07"),
    "a line break": ("one\ntwo", "one\\x0atwo"),
    "a tab": ("one\ttwo", "one\\x09two"),
    "CRLF": ("one\r\ntwo", "one\\x0d\\x0atwo"),
    "vertical tab and form feed": ("a\x0bb\x0cc", "a\\x0bb\\x0cc"),
    "C1 next line": ("a\x85b", "a\\x85b"),
    "C1 string terminator": ("a\x9cb", "a\\x9cb"),
    "soft hyphen (invisible, below U+0100)": ("co\u00adop", "co\\xadop"),
    "left-to-right embedding and pop": ("\u202aa\u202c", "<U+202A>a<U+202C>"),
    "left-to-right mark": ("a\u200eb", "a<U+200E>b"),
    "zero-width non-joiner": ("a\u200cb", "a<U+200C>b"),
    "tag character": ("a\U000e0041b", "a<U+E0041>b"),
    "lone surrogate (a badly decoded byte)": ("a\udc80b", "a<U+DC80>b"),
    "private use": ("a\ue000b", "a<U+E000>b"),
    "unassigned": ("a\u0378b", "a<U+0378>b"),
}

MULTILINE = {
    "line breaks and tabs are kept": ("one\ntwo\tthree\n", "one\ntwo\tthree\n"),
    "a CRLF line ending becomes LF": ("one\r\ntwo\r\n", "one\ntwo\n"),
    "a lone carriage return still shows": ("Pay 86\rPay 0\n", "Pay 86\\x0dPay 0\n"),
    "CR CR LF: only the last CR ends the line": ("a\r\r\nb", "a\\x0d\nb"),
    "an escape sequence on a kept line": ("ok\n\x1b[2Jgone", "ok\n\\x1b[2Jgone"),
    "a line separator is no line break": ("one\u2028two", "one<U+2028>two"),
    "vertical tab and form feed are no line breaks": ("a\x0bb\x0c", "a\\x0bb\\x0c"),
}

HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}


@pytest.mark.parametrize("text", KEPT.values(), ids=KEPT.keys())
@pytest.mark.parametrize("multiline", [False, True])
def test_text_a_terminal_prints_as_it_reads_is_kept(text: str, multiline: bool) -> None:
    assert terminal_safe(text, multiline=multiline) == text


@pytest.mark.parametrize(("text", "shown"), ONE_LINE.values(), ids=ONE_LINE.keys())
def test_on_one_line_each_hidden_character_shows_as_a_code(text: str, shown: str) -> None:
    assert terminal_safe(text) == shown


@pytest.mark.parametrize(("text", "shown"), MULTILINE.values(), ids=MULTILINE.keys())
def test_multiline_text_keeps_its_line_breaks_and_tabs_only(text: str, shown: str) -> None:
    assert terminal_safe(text, multiline=True) == shown


@pytest.mark.parametrize(("text", "shown"), PAYLOADS.values(), ids=PAYLOADS.keys())
def test_a_payload_shows_the_same_inside_multiline_text(text: str, shown: str) -> None:
    assert terminal_safe(f"before\n{text}\nafter", multiline=True) == f"before\n{shown}\nafter"


def test_every_character_below_u0100_that_is_no_text_shows_as_its_byte_code() -> None:
    controls = [chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]]

    assert [terminal_safe(c) for c in controls] == [f"\\x{ord(c):02x}" for c in controls]


def _is_shown_as_text(char: str) -> bool:
    return unicodedata.category(char) not in HIDDEN


@given(st.text(alphabet=st.characters(codec=None), max_size=60))
def test_any_text_comes_out_printable_and_making_it_safe_twice_changes_nothing(
    text: str,
) -> None:
    once = terminal_safe(text)
    assert all(_is_shown_as_text(c) for c in once)
    assert terminal_safe(once) == once
    lines = terminal_safe(text, multiline=True)
    assert all(c in "\n\t" or _is_shown_as_text(c) for c in lines)
    assert "\r" not in lines
    assert terminal_safe(lines, multiline=True) == lines


@pytest.mark.parametrize(("text", "shown"), PAYLOADS.values(), ids=PAYLOADS.keys())
def test_json_output_escapes_each_payload_and_parses_back_the_same(text: str, shown: str) -> None:
    data = {"summary": f"before {text} after", "n": [1, "é"]}
    printed = json_terminal_safe(json.dumps(data, indent=2, ensure_ascii=False))
    assert json.loads(printed) == data
    assert all(ch in "\n" or unicodedata.category(ch) not in HIDDEN for ch in printed)


@given(st.text(alphabet=st.characters(codec=None), max_size=60))
def test_any_json_output_is_printable_and_parses_back_the_same(text: str) -> None:
    printed = json_terminal_safe(json.dumps({"t": text}, indent=2, ensure_ascii=False))
    assert json.loads(printed) == {"t": text}
    assert all(ch == "\n" or unicodedata.category(ch) not in HIDDEN for ch in printed)


@given(st.text(alphabet=st.characters(codec=None, exclude_characters="\\<"), max_size=60))
def test_visible_text_is_never_lost(text: str) -> None:
    # Removing the codes of the hidden characters, in order, leaves the visible ones (no
    # backslash or "<" in the text, so no visible text looks like a code).
    kept = "".join(c for c in text if _is_shown_as_text(c))
    shown = terminal_safe(text)
    hidden = [c for c in text if not _is_shown_as_text(c)]
    for char in hidden:
        code = f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"<U+{ord(char):04X}>"
        shown = shown.replace(code, "", 1)
    assert shown == kept


# -- every command, on a real terminal -------------------------------------------------------
#
# A wiki full of hostile text, put there by each way in: the citizen's submission (the
# screening keeps some of it), staff through the CLI, and git itself (a forged suggestion,
# a forged review event, a commit on main), which no screening sees. The real `wikitool`
# script then runs on a pseudo-terminal, so it colours its output as for a person.

GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"
STEP = "## Steps\n\n1. "
WIKITOOL = Path(sys.executable).with_name("wikitool")
ROOT = Path(__file__).resolve().parents[2]
OWN_COLOURS = re.compile("\x1b\\[[0-9;]*m")
"""The only escape sequences the tool itself writes: SGR colours."""
NEVER_SHOWN = set("\x1b\x9b\x9d\x07\r\b\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
NEVER_SHOWN |= set("\u200e\u200f\u061c\u200b\u200c\u200d\u2060\ufeff\u2028\u2029")
SCREENED_SUMMARY = "Fee \x1b[2J \x9b31m \u202eRUE 68"


def _git(repo: Path, *args: str, stdin: str = "", env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    return done.stdout.strip()


def _forge_commit(repo: Path, tree: str, parents: list[str], message: str, who: str) -> str:
    name, email = who.rsplit(" <", 1)
    people = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email.rstrip(">")}
    people |= {"GIT_COMMITTER_NAME": "wikitool", "GIT_COMMITTER_EMAIL": "wikitool@noreply.invalid"}
    parent_args = [arg for parent in parents for arg in ("-p", parent)]
    return _git(repo, "commit-tree", tree, *parent_args, "-F", "-", stdin=message, env=people)


def _forge_suggestion(repo: Path, tmp_path: Path, main: str, published: str) -> str:
    """A suggestion written with git alone: hostile summary, rationale, text and reviewers."""
    suggestion = new_suggestion_id()
    blob = _git(repo, "hash-object", "-w", "--stdin", stdin=published.replace(STEP, STEP + joined(), 1))
    index = {"GIT_INDEX_FILE": str(tmp_path / "forged-index")}
    _git(repo, "read-tree", main, env=index)
    _git(repo, "update-index", "--add", "--cacheinfo", f"100644,{blob},{GUIDE}", env=index)
    tree = _git(repo, "write-tree", env=index)
    citizen = f"Citizen {suggestion} <{suggestion}@suggestions.invalid>"
    message = f"{joined(SPLITS_A_LINE)}\n\n{joined()}\n\nSuggestion-Id: {suggestion}\nBase: {main}\n"
    commit = _forge_commit(repo, tree, [main], message, citizen)
    _git(repo, "update-ref", f"refs/heads/suggestions/{suggestion}", commit)
    empty = _git(repo, "hash-object", "-t", "tree", "-w", "--stdin")
    trailers = f"Suggestion-Id: {suggestion}\nReviewer: {citizen}\nCommit: {commit}\nBase: {main}"
    log = _forge_commit(
        repo, empty, [], f"Submit suggestion {suggestion}\n\nEvent: submitted\n{trailers}\n"
        f"Guide: {GUIDE}\n", citizen,
    )
    mallory = f"Mallory {joined(SPLITS_A_LINE)} <mallory@agency.invalid>"
    for event, extra in [("comment", ""), ("approve", f"Commit: {commit}\n")]:
        message = (
            f"Event on suggestion {suggestion}\n\n{joined()}\n\nEvent: {event}\n"
            f"Suggestion-Id: {suggestion}\nReviewer: {mallory}\n{extra}"
        )
        log = _forge_commit(repo, empty, [log], message, mallory)
    _git(repo, "update-ref", f"refs/reviews/{suggestion}", log)
    return suggestion


@pytest.fixture
def hostile_wiki(
    wiki: Path, store: WikiStore, published: str, run_cli: Callable[..., Result], tmp_path: Path
) -> dict[str, str]:
    """The wiki with hostile text in every place a command shows; the suggestions' ids."""
    main = store.main()
    screened = suggestion_submit(
        store,
        SuggestionInput(
            guide=GUIDE,
            content=published.replace(STEP, STEP + "\x1b[2J \x1b]0;pwned\x07 \x9b31m 86\b\b00 ", 1),
            summary=SCREENED_SUMMARY,
            rationale=joined(),
        ),
    ).id
    staff = f"Ana {joined(SPLITS_A_LINE)} <ana@agency.invalid>"
    said = run_cli("--repo", str(wiki), "review", "comment", screened, "-m", joined(), "--as", staff)
    assert said.exit_code == 0, said.output
    forged = _forge_suggestion(wiki, tmp_path, main, published)
    # A change straight on main, for `history`: subject, author and trailers from git.
    (wiki / GUIDE).write_text(published + f"\n{joined()}\n", encoding="utf-8")
    message = f"{joined(SPLITS_A_LINE)}\n\nSuggestion-Id: \x1b[2J\nCo-authored-by: Eve \x1b]0;x\x07 <e@x.invalid>\n"
    author = {"GIT_AUTHOR_NAME": f"Eve {joined(SPLITS_A_LINE)}", "GIT_AUTHOR_EMAIL": "eve@x.invalid"}
    _git(wiki, "commit", "-q", "-a", "-F", "-", stdin=message, env=author)
    for number, (payload, _) in enumerate(PAYLOADS.values()):
        try:
            reader = feedback_from_mapping({"page": GUIDE, "helpful": False, "wrong": payload})
        except FeedbackError:  # refused from a reader (invisible characters): stored anyway
            reader = FeedbackInput(page=GUIDE, helpful=False, wrong=payload)
        feedback_save(store, reader, now=1_790_000_000 + number)
    return {"screened": screened, "forged": forged}


def on_terminal(wiki: Path, *args: str, exit_code: int = 0) -> str:
    """What a terminal receives from the real ``wikitool`` script run with ``args``."""
    leader, follower = os.openpty()
    mode = termios.tcgetattr(follower)
    mode[1] &= ~termios.OPOST  # no LF -> CRLF: a carriage return received is the tool's
    termios.tcsetattr(follower, termios.TCSANOW, mode)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    command = [str(WIKITOOL), "--repo", str(wiki), *args]
    child = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=follower, stderr=follower, env=env
    )
    os.close(follower)
    received = bytearray()
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if not select.select([leader], [], [], 1)[0]:
                continue
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the child exited and the terminal closed
                break
            if not chunk:
                break
            received += chunk
        code = child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(leader)
    output = received.decode("utf-8")  # strict: a stray byte or lone surrogate fails here
    assert code == exit_code, output
    return output


EVERYTHING = shown()
SCREENED = ["\\x1b[2J \\x9b31m <U+202E>RUE 68", *EVERYTHING]  # the summary; the rationale
ONE_LINE_OF_IT = shown(SPLITS_A_LINE)
# command -> (its arguments, its exit code, what must show)
RUNS = {
    "review list": (["review", "list"], 0, ["\\x1b[2J \\x9b31m <U+202E>RUE 68", *ONE_LINE_OF_IT]),
    "review show, screened": (["review", "show", "{screened}"], 0, SCREENED),
    "review show, forged": (["review", "show", "{forged}"], 0, EVERYTHING),
    "review log, staff comment": (["review", "log", "{screened}"], 0, ["one<U+2028>two"]),
    "review log, forged events": (["review", "log", "{forged}"], 0, EVERYTHING),
    "history": (["history", GUIDE], 0, ONE_LINE_OF_IT),
    "feedback list": (["feedback", "list"], 0, EVERYTHING),
    "check": (["check"], 1, ["renew-an-adult-passport.md"]),
    "an error quoting its input": (["history", "content/x\x1b]0;t\x07.md"], 1, ["Error: "]),
}


@pytest.mark.parametrize(("args", "exit_code", "visible"), RUNS.values(), ids=RUNS.keys())
def test_hostile_text_reaches_the_terminal_only_as_visible_codes(
    hostile_wiki: dict[str, str], wiki: Path, args: list[str], exit_code: int, visible: list[str]
) -> None:
    output = on_terminal(wiki, *(arg.format(**hostile_wiki) for arg in args), exit_code=exit_code)

    text = OWN_COLOURS.sub("", output)
    assert "\x1b" not in text, "an escape sequence that is not our colour"
    assert sorted(NEVER_SHOWN & set(text)) == []
    assert [c for c in text if c not in "\n\t" and unicodedata.category(c) in HIDDEN] == []
    assert [v for v in visible if v not in text] == []  # shown, not dropped


def test_the_capture_is_a_terminal_colours_are_on(hostile_wiki: dict[str, str], wiki: Path) -> None:
    output = on_terminal(wiki, "review", "show", hostile_wiki["forged"])

    assert set(OWN_COLOURS.findall(output)) >= {"\x1b[31m", "\x1b[32m", "\x1b[39;49;00m"}
