"""Front matter is plain data: anything else is refused with one line naming file and line."""

from __future__ import annotations

import contextlib

import pytest
from guide_samples import GUIDE, GUIDE_PATH, edit
from hypothesis import given, settings
from hypothesis import strategies as st

from wikitool.errors import GuideError
from wikitool.guides.frontmatter import MAX_GUIDE_BYTES, parse_guide

P = "content/travel/x.md"

ALIAS_BOMB = (
    "---\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "---\n"
)

REFUSED = [
    # (what, file bytes, the exact error)
    ("alias bomb", ALIAS_BOMB,
     f"{P}:2: YAML aliases and anchors are not allowed (found anchor '&a')"),
    ("anchor", "---\ntitle: &t Renew\n---\n",
     f"{P}:2: YAML aliases and anchors are not allowed (found anchor '&t')"),
    ("alias", "---\ntitle: x\nsummary: *t\n---\n",
     f"{P}:3: YAML aliases and anchors are not allowed (found alias '*t')"),
    ("merge key", "---\nfees:\n  - <<: {amount: 1}\n---\n",
     f"{P}:3: YAML merge keys ('<<') are not allowed"),
    ("python object tag", "---\ntitle: !!python/object/apply:os.system ['ls']\n---\n",
     f"{P}:2: YAML tags are not allowed (found '!!python/object/apply:os.system')"),
    ("!ENV tag", "---\nowner: !ENV ${USER}\n---\n",
     f"{P}:2: YAML tags are not allowed (found '!ENV')"),
    ("!include tag", "---\nfees: !include fees.yml\n---\n",
     f"{P}:2: YAML tags are not allowed (found '!include')"),
    ("standard tag on a value", "---\ntitle: !!str 2026\n---\n",
     f"{P}:2: YAML tags are not allowed (found '!!str')"),
    ("tag on a list", "---\ntags: !!set {a, b}\n---\n",
     f"{P}:2: YAML tags are not allowed (found '!!set')"),
    ("verbatim tag", "---\ntitle: !<tag:example.org,2026:x> y\n---\n",
     f"{P}:2: YAML tags are not allowed (found '!<tag:example.org,2026:x>')"),
    ("duplicate key", "---\ntitle: A\nsummary: B\ntitle: C\n---\n",
     f"{P}:4: duplicate key 'title' (first defined on line 2)"),
    ("duplicate key, quoted", "---\ntitle: A\n'title': C\n---\n",
     f"{P}:3: duplicate key 'title' (first defined on line 2)"),
    ("duplicate nested key", "---\nfees:\n  - amount: 1\n    amount: 2\n---\n",
     f"{P}:4: duplicate key 'amount' (first defined on line 3)"),
    ("deep block nesting",
     "---\n" + "".join(" " * level + f"k{level}:\n" for level in range(12)) + "---\n",
     f"{P}:12: front matter is nested more than 10 levels deep"),
    ("deep flow nesting", "---\ntags: " + "[" * 49_000 + "\n---\n",
     f"{P}:2: front matter is nested more than 10 levels deep"),
    ("huge value", "---\nsummary: " + "x" * 10_001 + "\n---\n",
     f"{P}:2: a value is longer than 10000 characters"),
    ("huge key", "---\n? " + "k" * 10_001 + "\n: 1\n---\n",
     f"{P}:2: a key is longer than 10000 characters"),
    ("long simple key", "---\n" + "k" * 1_100 + ": 1\n---\n",
     f"{P}:2: invalid YAML: mapping values are not allowed here"),
    ("huge front matter", "---\n" + "tags:\n" + "  - travel\n" * 6000 + "---\n",
     f"{P}:2: front matter is longer than 50,000 characters"),
    ("endless number", "---\namount: " + "9" * 5000 + "\n---\n",
     f"{P}:2: a number is longer than 100 characters"),
    ("not-a-number", "---\namount: .nan\n---\n", f"{P}:2: numbers must be finite (found '.nan')"),
    ("infinite number", "---\namount: 1e999\n---\n",
     f"{P}:2: numbers must be finite (found '1e999')"),
    ("impossible date", "---\nreview_by: 2027-02-30\n---\n",
     f"{P}:2: '2027-02-30' is not a valid date"),
    ("YAML 1.1 boolean", "---\ndocuments:\n  - name: Passport\n    required: yes\n---\n",
     f"{P}:4: 'yes' is ambiguous YAML (MkDocs reads it as true or false): "
     "write true or false, or put it in quotes"),
    ("YAML 1.1 sexagesimal", "---\nnote: 1:30\n---\n",
     f"{P}:2: '1:30' is ambiguous YAML (MkDocs reads it as a number): put it in quotes"),
    ("number as key", "---\n2026: x\n---\n",
     f"{P}:2: mapping keys must be text (found 2026); put the key in quotes"),
    ("empty key", "---\n: x\n---\n", f"{P}:2: a mapping key is empty"),
    ("list as key", "---\n? [a, b]\n: x\n---\n",
     f"{P}:2: mapping keys must be text, not a list or mapping"),
    ("directive", "---\n%YAML 1.1\n--- {title: x}\n---\n",
     f"{P}:2: YAML directives (%YAML, %TAG) are not allowed"),
    ("bad directive (crashed ruamel.yaml)", "---\n%YAML 1.20\n---\n",
     f"{P}:2: YAML directives (%YAML, %TAG) are not allowed"),
    ("number that is not one (crashed ruamel.yaml)", "---\namount: +_\n---\n",
     f"{P}:2: '+_' is not a valid number: put it in quotes if it is text"),
    ("YAML 1.1 value indicator", "---\nnote: =\n---\n",
     f"{P}:2: '=' is special in YAML: put it in quotes"),
    ("document marker", "---\n--- {title: x}\n---\n",
     f"{P}:2: YAML document markers are not allowed inside front matter"),
    ("syntax error", "---\ntitle: Renew: now\n---\n",
     f"{P}:2: invalid YAML: mapping values are not allowed here"),
    ("unclosed flow list", "---\ntags: [a, b\nlang: en\n---\n",
     f"{P}:3: invalid YAML: expected ',' or ']', but got ':' (while parsing a flow sequence)"),
    ("tab indentation", "---\ntags:\n\t- a\n---\n",
     f"{P}:3: invalid YAML: found character '\\t' that cannot start any token "
     "(while scanning for the next token)"),
    ("control character", "---\ntitle: Renew\x07\n---\n",
     f"{P}:2: front matter contains a control character (#x0007)"),
    ("a list, not a mapping", "---\n- title\n---\n",
     f"{P}:2: front matter must be a mapping of fields ('key: value' lines)"),
    ("text, not a mapping", "---\nRenew a passport\n---\n",
     f"{P}:2: front matter must be a mapping of fields ('key: value' lines)"),
    ("empty front matter", "---\n# nothing yet\n---\n", f"{P}:1: front matter is empty"),
    ("no front matter", "# Renew a passport\n", f"{P}:1: missing front matter: the file must "
     "start with a line '---'"),
    ("front matter not first", "\n---\ntitle: x\n---\n", f"{P}:1: missing front matter: the "
     "file must start with a line '---'"),
    ("missing closing ---", "---\ntitle: x\n\n## Steps\n", f"{P}:1: front matter is not "
     "closed: add a line '---' after it"),
    ("closing --- at end of file", "---\ntitle: x\n---",
     f"{P}:3: the front matter's closing '---' must end with a line break"),
    ("mixed line endings", "---\r\ntitle: x\n---\r\n",
     f"{P}:2: mixes CRLF and LF line endings; use one kind throughout"),
    ("bare carriage return", "---\ntitle: x\rsummary: y\n---\n",
     f"{P}:2: contains a carriage return that does not end a line"),
]


@pytest.mark.parametrize(("text", "error"), [row[1:] for row in REFUSED],
                         ids=[row[0] for row in REFUSED])
def test_unsafe_or_broken_front_matter_is_refused(text: str, error: str) -> None:
    with pytest.raises(GuideError) as raised:
        parse_guide(text.encode("utf-8"), P)
    assert str(raised.value) == error


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        (b"---\ntitle: Caf\xe9\n---\n", f"{P}:2: is not valid UTF-8 text (byte 0xE9)"),
        (b"---\ntitle: x\n---\n\nText\xff\n", f"{P}:5: is not valid UTF-8 text (byte 0xFF)"),
        (b"---\ntitle: x\n---\nA\x00B\n", f"{P}:4: contains a NUL byte: pages must be plain text"),
        (b"x" * (MAX_GUIDE_BYTES + 1), f"{P}: is larger than 1,000,000 bytes"),
    ],
    ids=["Latin-1 in front matter", "bad byte in body", "NUL byte", "too large"],
)
def test_unreadable_bytes_are_refused(raw: bytes, error: str) -> None:
    with pytest.raises(GuideError) as raised:
        parse_guide(raw, P)
    assert str(raised.value) == error


def test_text_with_a_lone_surrogate_is_refused() -> None:
    with pytest.raises(GuideError) as raised:
        parse_guide("---\ntitle: \ud800\n---\n", P)
    assert str(raised.value) == f"{P}:2: is not valid UTF-8 text (lone surrogate)"


def test_the_error_carries_path_line_and_message() -> None:
    bad = edit(GUIDE, "lang: en\n", "lang: en\nlang: fr\n")
    with pytest.raises(GuideError) as raised:
        parse_guide(bad, GUIDE_PATH)
    assert (raised.value.path, raised.value.line, raised.value.message) == (
        GUIDE_PATH, 43, "duplicate key 'lang' (first defined on line 42)")


@pytest.mark.parametrize(
    "text",
    [
        ALIAS_BOMB,
        "---\ntags: " + "[" * 49_000 + "\n---\n",
        "---\ntags: " + "{a: " * 12_000 + "\n---\n",
        "---\nsummary: " + "b" * 49_000 + "\n---\n",
        "---\ntags: " + "[" * 900_000 + "\n---\n",
    ],
    ids=["alias bomb", "deep flow lists", "deep flow mappings", "long value", "900 KB"],
)
def test_hostile_input_is_refused(text: str) -> None:
    # Bounded CPU and memory for bombs: tests/security/test_yaml_bombs.py.
    with pytest.raises(GuideError):
        parse_guide(text.encode(), P)


def test_the_largest_front_matter_allowed_is_read() -> None:
    keys = "".join(f"k{number:05}: v\n" for number in range(5_000))  # 50,000 characters
    assert len(parse_guide(f"---\n{keys}---\n", P).front_matter) == 5_000


def test_values_that_look_like_other_types_are_fine_when_quoted() -> None:
    guide = parse_guide(
        "---\nnote: 'yes'\ntime: \"1:30\"\ndate: '2027-02-30'\n'2026': x\n---\n", P
    )
    assert guide.data() == {"note": "yes", "time": "1:30", "date": "2027-02-30", "2026": "x"}


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_nothing_but_guide_error(raw: bytes) -> None:
    with contextlib.suppress(GuideError):
        parse_guide(raw, P)


_YAMLISH = st.text(
    alphabet=st.sampled_from(list("ab1:-[]{},&*!|>'\"#%@`? \n\t\r\\.~<=0\u00e9\x07")),
    max_size=200,
)


@settings(max_examples=150, deadline=None)
@given(_YAMLISH)
def test_arbitrary_front_matter_raises_nothing_but_guide_error(yaml_text: str) -> None:
    try:
        guide = parse_guide(f"---\n{yaml_text}\n---\nBody\n".encode(), P)
    except GuideError:
        return
    assert isinstance(guide.data(), dict)
