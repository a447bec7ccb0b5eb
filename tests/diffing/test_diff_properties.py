"""On any input, computing and rendering a diff raises nothing but a WikitoolError (issue 7)."""

from __future__ import annotations

import json
import unicodedata

from diff_samples import GUIDE, GUIDE_PATH
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wikitool.diffing import GuideDiff, count_lines, guide_diff, render_text
from wikitool.errors import WikitoolError
from wikitool.guides.frontmatter import render_guide

GUIDE_LINES = GUIDE.split("\n")
# Unicode categories of control, formatting and unassigned characters.
HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}

# Plain front matter values drawn from a few keys, so two guides share some of them.
_KEYS = st.sampled_from(["title", "fees", "documents", "amount", "name", "note", "in person"])
_SCALARS = st.none() | st.booleans() | st.integers(-1000, 1000) | st.text(max_size=30)
_PLAIN = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=12,
)
_BODY = st.text(alphabet=st.sampled_from(list("ab 86.#-\n\t\x1b\u202e\r")), max_size=200)


@st.composite
def generated_guides(draw: st.DrawFn) -> bytes:
    """A well-formed guide written from random plain data and a random body."""
    front_matter = draw(st.dictionaries(_KEYS, _PLAIN, min_size=1, max_size=5))
    return render_guide(front_matter, draw(_BODY)).encode()


@st.composite
def edited_reference_guides(draw: st.DrawFn) -> bytes:
    """The reference guide with a few of its lines replaced, dropped or duplicated."""
    lines = list(GUIDE_LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        lines[index : index + 1] = draw(
            st.lists(st.text(max_size=40) | st.sampled_from(GUIDE_LINES), max_size=2)
        )
    return "\n".join(lines).encode("utf-8", errors="surrogatepass")


VERSIONS = (
    st.none()
    | st.binary(max_size=300)
    | st.text(max_size=300).map(lambda text: text.encode("utf-8", errors="surrogatepass"))
    | generated_guides()
    | edited_reference_guides()
    | st.just(GUIDE.encode())
)


def diff_and_render(old: bytes | None, new: bytes | None) -> GuideDiff | None:
    """The diff, rendered both ways and as JSON; None when a WikitoolError was raised."""
    try:
        diff = guide_diff(GUIDE_PATH, old, new)
        for color in (False, True):
            render_text(diff, color=color)
        json.dumps(diff.to_json())
    except WikitoolError:
        return None
    return diff


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(VERSIONS, VERSIONS)
def test_any_two_versions_give_a_diff_or_a_wikitool_error(
    old: bytes | None, new: bytes | None
) -> None:
    diff = diff_and_render(old, new)
    if diff is None:
        return
    assert {change.key for change in diff.fields} <= diff.changed_keys
    assert diff.added_lines >= 0 and diff.removed_lines >= 0
    if old == new:
        assert (diff.status, diff.fields, diff.body) == ("unchanged", [], [])
    for hunk in diff.body:
        for line in hunk.lines:
            assert line.segments
            assert (line.old_line is None) == (line.kind == "added")
            assert (line.new_line is None) == (line.kind == "removed")
    # Control and invisible characters are shown as codes, never sent to the terminal.
    rendered = render_text(diff, color=False)
    assert all(char in "\n\t" or unicodedata.category(char) not in HIDDEN for char in rendered)


def longest_common_subsequence(old: list[bytes], new: list[bytes]) -> int:
    """The textbook dynamic programme: an independent check on Myers' algorithm."""
    previous = [0] * (len(new) + 1)
    for old_line in old:
        current = [0]
        for j, new_line in enumerate(new):
            current.append(
                previous[j] + 1 if old_line == new_line else max(previous[j + 1], current[j])
            )
        previous = current
    return previous[-1]


_LINES = st.lists(st.sampled_from([b"a\n", b"b\n", b"c\n", b"a\r\n", b"a"]), max_size=30)


@settings(max_examples=200, deadline=None)
@given(_LINES, _LINES)
def test_line_counts_are_those_of_a_shortest_diff(old: list[bytes], new: list[bytes]) -> None:
    # Only the last line of a file can lack its line break.
    old = [line if line.endswith(b"\n") else line + b"\n" for line in old[:-1]] + old[-1:]
    new = [line if line.endswith(b"\n") else line + b"\n" for line in new[:-1]] + new[-1:]
    kept = longest_common_subsequence(old, new)

    assert count_lines(b"".join(old), b"".join(new)) == (len(new) - kept, len(old) - kept)
