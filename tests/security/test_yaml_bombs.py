"""Hostile YAML (and JSON) in a suggestion is refused in bounded time and memory.

Both places a citizen writes YAML are attacked: the suggestion document itself (a YAML
file for ``suggest submit``) and the front matter inside its ``content``. Each document
is refused with one line, nothing is written, and refusing it takes under 2 seconds of
CPU and under 100 MB of memory (``tracemalloc`` peak; measured in a second run, since
tracing slows Python down several times).
"""

from __future__ import annotations

import json
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from wiki_state import GUIDE, repository_state

RunCli = Callable[..., Result]

MAX_CPU_SECONDS = 2.0
MAX_PEAK_BYTES = 100 * 1024 * 1024

ALIAS_BOMB = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
)
VALID = "guide: identity-and-travel/renew-an-adult-passport.md\nsummary: Fix\ncontent: |\n  x\n"

SUGGESTION_DOCUMENTS = [
    # (case, the document, the error after "Error: SRC")
    ("alias bomb", ALIAS_BOMB + VALID, ":1: YAML aliases and anchors are not allowed (found anchor '&a')"),
    ("alias to a field", "summary: &s Fix\nrationale: *s\n", ":1: YAML aliases and anchors are not allowed (found anchor '&s')"),
    ("merge key", "author:\n  <<: {name: Ana}\n", ":2: YAML merge keys ('<<') are not allowed"),
    ("deep flow nesting", "guide: " + "[" * 200_000, ":1: suggestion is nested more than 10 levels deep"),
    ("deep block nesting", "".join(" " * level + f"k{level}:\n" for level in range(14)), ":11: suggestion is nested more than 10 levels deep"),
    ("duplicate key", VALID + "guide: ../../etc/passwd.md\n", ":5: duplicate key 'guide' (first defined on line 1)"),
    ("duplicate author key", "author:\n  name: Ana\n  name: Bo\n", ":3: duplicate key 'name' (first defined on line 2)"),
    ("python object tag", "guide: !!python/object/apply:os.system ['touch /tmp/pwned']\n", ":1: YAML tags are not allowed (found '!!python/object/apply:os.system')"),
    ("python name tag", "summary: !!python/name:os.system\n", ":1: YAML tags are not allowed (found '!!python/name:os.system')"),
    ("!ENV tag", "summary: !ENV ${HOME}\n", ":1: YAML tags are not allowed (found '!ENV')"),
    ("!include tag", "content: !include /etc/passwd\n", ":1: YAML tags are not allowed (found '!include')"),
    ("binary tag", "content: !!binary aGVsbG8=\n", ":1: YAML tags are not allowed (found '!!binary')"),
    ("20,000 keys", "".join(f"k{n}: v\n" for n in range(20_000)), ":1032: suggestion has more than 2064 keys and values"),
    ("a list of 100,000 items", "summary: [" + ",".join("a" * 100_000) + "]\n", ":1: suggestion has more than 2064 keys and values"),
    ("huge plain value", "guide: x.md\ncontent: x\nsummary: " + "x" * 200_000 + "\n", ": summary is longer than 150 characters: keep it to one line and put details in rationale"),
    ("huge key", "? " + "k" * 200_000 + "\n: 1\n", ": unknown field 'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk...'"),
    ("endless number", "base: " + "9" * 200_000 + "\n", ":1: a number is longer than 100 characters"),
    ("many documents", "---\n" * 50_000, ":1: YAML document markers are not allowed inside suggestion"),
    ("over the size limit", "content: |\n" + "  x\n" * 60_000, ": is larger than 216 KB"),
    ("JSON nesting bomb", '{"guide": ' + "[" * 200_000 + "]" * 10, ": invalid JSON: nested too deeply"),
    ("JSON endless number", '{"base": ' + "9" * 200_000 + "}", ": a number is longer than 100 digits"),
    ("JSON duplicate key", '{"guide": "a.md", "guide": "b.md"}', ": field 'guide' appears twice"),
]

FRONT_MATTER = [
    # (case, replaces the passport guide's front matter lines 2..n, the error after GUIDE)
    ("alias bomb", ALIAS_BOMB, ":2: YAML aliases and anchors are not allowed (found anchor '&a')"),
    ("deep flow nesting", "tags: " + "[" * 45_000 + "\n", ":2: front matter is nested more than 10 levels deep"),
    ("deep flow mappings", "tags: " + "{a: " * 11_000 + "\n", ":2: front matter is nested more than 10 levels deep"),
    ("duplicate key", "title: Renew an adult passport\ntitle: Renew nothing\n", ":3: duplicate key 'title' (first defined on line 2)"),
    ("python object tag", "title: !!python/object/apply:os.system ['touch /tmp/pwned']\n", ":2: YAML tags are not allowed (found '!!python/object/apply:os.system')"),
    ("!ENV tag", "owner: !ENV ${USER}\n", ":2: YAML tags are not allowed (found '!ENV')"),
    ("huge value", "summary: " + "x" * 10_001 + "\n", ":2: a value is longer than 10000 characters"),
    ("huge front matter", "tags:\n" + "  - passport\n" * 5_000, ":2: front matter is longer than 50,000 characters"),
    ("4,500 keys", "".join(f"k{n:04}: v\n" for n in range(4_500)), ":1: missing required field 'agency' (and 4510 more problem(s))"),
    ("endless number", "fees:\n  - label: Renewal\n    amount: " + "9" * 5_000 + "\n", ":4: a number is longer than 100 characters"),
]


def _front_matter(passport: str, lines: str) -> str:
    """``passport`` with its front matter replaced by ``lines`` (kept before the body)."""
    _, _, rest = passport.partition("\n---\n")
    return f"---\n{lines}---\n{rest}"


def _refuse(run_cli: RunCli, wiki: Path, document: Path) -> tuple[Result, float, int]:
    """Submit ``document``: the result, the CPU seconds it took, and (in a second run,
    traced) the peak of memory allocated."""
    args = ("--repo", str(wiki), "suggest", "submit", str(document))
    started = time.process_time()
    result = run_cli(*args)
    cpu = time.process_time() - started
    tracemalloc.start()
    try:
        run_cli(*args)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, cpu, peak


@pytest.mark.parametrize(("case", "text", "error"), SUGGESTION_DOCUMENTS, ids=[r[0] for r in SUGGESTION_DOCUMENTS])
def test_a_hostile_suggestion_document_is_refused_in_bounded_time_and_memory(
    shared_wiki: Path, run_cli: RunCli, tmp_path: Path, case: str, text: str, error: str
) -> None:
    document = tmp_path / ("suggestion.json" if text.startswith("{") else "suggestion.yaml")
    document.write_text(text)
    before = repository_state(shared_wiki)

    result, cpu, peak = _refuse(run_cli, shared_wiki, document)

    assert result.exit_code == 1, result.output
    assert result.stderr == f"Error: {document}{error}\n"
    assert cpu < MAX_CPU_SECONDS
    assert peak < MAX_PEAK_BYTES
    assert repository_state(shared_wiki) == before


@pytest.mark.parametrize(("case", "lines", "error"), FRONT_MATTER, ids=[r[0] for r in FRONT_MATTER])
def test_hostile_front_matter_in_a_suggestion_is_refused_in_bounded_time_and_memory(
    shared_wiki: Path, shared_passport: str, run_cli: RunCli, tmp_path: Path,
    case: str, lines: str, error: str,
) -> None:  # fmt: skip
    document = tmp_path / "suggestion.json"
    content = _front_matter(shared_passport, lines)
    document.write_text(json.dumps({"guide": GUIDE, "content": content, "summary": "Fix"}))
    before = repository_state(shared_wiki)

    result, cpu, peak = _refuse(run_cli, shared_wiki, document)

    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"Error: {GUIDE}{error}"), result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert cpu < MAX_CPU_SECONDS
    assert peak < MAX_PEAK_BYTES
    assert repository_state(shared_wiki) == before


def test_a_long_guide_can_be_suggested_as_yaml(
    wiki: Path, run_cli: RunCli, tmp_path: Path, passport: str
) -> None:
    """The limits above leave room for what citizens send: a 150 KB guide in YAML."""
    notes = "".join(f"- Note {n}: allow more time in the summer.\n" for n in range(3_500))
    content = passport.replace("\n## Steps", f"\n## Notes\n\n{notes}\n## Steps", 1)
    assert len(content) > 150_000
    indented = "".join(f"  {line}\n" if line else "\n" for line in content.split("\n"))
    document = tmp_path / "long.yaml"
    document.write_text(f"guide: {GUIDE}\nsummary: Add notes\ncontent: |\n{indented}")

    started = time.process_time()
    result = run_cli("--repo", str(wiki), "suggest", "submit", str(document))

    assert result.exit_code == 0, result.output
    assert time.process_time() - started < 10
