"""The body is shown word by word within changed lines, with file line numbers and context."""

from __future__ import annotations

import pytest
from diff_samples import GUIDE, GUIDE_PATH, edit, file_line
from hypothesis import example, given, settings
from hypothesis import strategies as st

from wikitool.diffing import BodyHunk, Segment, guide_diff, render_text
from wikitool.diffing.words import word_segments

STEP_5 = "5. Pay the fee of 86 euros."


def marked(segments: tuple[Segment, ...]) -> str:
    """Segments in ``git diff --word-diff`` notation."""
    marks = {"equal": "{}", "removed": "[-{}-]", "added": "{{+{}+}}"}
    return "".join(marks[segment.kind].format(segment.text) for segment in segments)


def text_section(rendered: str) -> list[str]:
    """The lines under "Text:" in a rendered diff."""
    lines = rendered.splitlines()
    return lines[lines.index("Text:") + 1 :]


WORDS = [
    ("Pay the fee of 86 euros.", "Pay the fee of 90 euros.", "Pay the fee of [-86-]{+90+} euros."),
    ("Pay the fee.", "Pay the fee online.", "Pay the fee{+ online+}."),
    ("Pay the fee online.", "Pay the fee.", "Pay the fee[- online-]."),
    ("Call 8am to 8pm.", "Call 9am to 5pm.", "Call [-8am-]{+9am+} to [-8pm-]{+5pm+}."),
    # edits separated only by a space read as one edit, as in git's word diff
    ("a b c d", "x y c d", "[-a b-]{+x y+} c d"),
    ("keep a b", "keep x", "keep [-a b-]{+x+}"),
    ("", "New text", "{+New text+}"),
    ("Old text", "", "[-Old text-]"),
    ("same", "same", "same"),
    ("see [the form](a.md)", "see [the form](b.md)", "see [the form]([-a-]{+b+}.md)"),
]


@pytest.mark.parametrize(("old", "new", "expected"), WORDS)
def test_word_segments_mark_only_the_words_that_changed(old: str, new: str, expected: str) -> None:
    assert marked(word_segments(old, new)) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(), st.text())
@example(" ", "0 0")  # two additions around a kept space: joining them lost the space
@example("a b", "")
def test_word_segments_give_back_both_texts(old: str, new: str) -> None:
    segments = word_segments(old, new)

    assert "".join(s.text for s in segments if s.kind != "added") == old
    assert "".join(s.text for s in segments if s.kind != "removed") == new
    assert all(segment.text for segment in segments)


def test_a_changed_step_shows_only_the_changed_words_with_context_and_its_line() -> None:
    new = edit(GUIDE, (STEP_5, "5. Pay the fee of 90 euros."))

    diff = guide_diff(GUIDE_PATH, GUIDE.encode(), new.encode())
    shown = text_section(render_text(diff, color=False))

    step_line = file_line(GUIDE, STEP_5)
    assert shown == [
        f"@@ line {step_line - 3}, in \u201cSteps\u201d @@",
        "  2. Go to the [online renewal service](https://services.veloria.invalid/passport/renew) and sign in with your Veloria ID.",
        "  3. Enter your details and your current passport number. Check that your name matches your current passport exactly.",
        "  4. Upload your photo or enter the photo code.",
        "~ 5. Pay the fee of [-86-]{+90+} euros.",
        "  6. Send your current passport to the address on your confirmation page within 14 days. Use a tracked postal service. Your application does not start until your old passport arrives.",
        "  7. Wait for your new passport. It is delivered to your home by courier. Someone must be there to sign for it.",
        "",
    ]
    (hunk,) = diff.body
    (changed,) = [line for line in hunk.lines if line.kind == "changed"]
    assert (changed.old_line, changed.new_line) == (step_line, step_line)
    assert (changed.old_text, changed.new_text) == (STEP_5, "5. Pay the fee of 90 euros.")


def test_far_apart_changes_are_separate_hunks_and_the_rest_is_left_out() -> None:
    new = edit(
        GUIDE,
        (STEP_5, "5. Pay the fee of 90 euros."),
        ("Calls are free.", "Calls are free from landlines."),
    )

    diff = guide_diff(GUIDE_PATH, GUIDE.encode(), new.encode())
    rendered = render_text(diff, color=False)

    assert [hunk.section for hunk in diff.body] == ["Steps", "Get help"]
    assert "## After you apply" not in rendered
    assert "Your old passport is returned to you separately" not in rendered
    assert (
        "~ Monday to Friday, 8am to 8pm. Saturday, 9am to 1pm. Calls are free{+ from landlines+}."
        in rendered
    )


def test_the_hunk_header_gives_the_line_now_and_before_when_lines_moved() -> None:
    # Two tags more in the front matter move every body line down by two.
    new = edit(
        GUIDE,
        ("tags:\n", "tags:\n  - photo\n  - adult\n"),
        ("Calls are free.", "Calls cost 5 cents a minute."),
    )

    diff = guide_diff(GUIDE_PATH, GUIDE.encode(), new.encode())

    old_start = file_line(GUIDE, "Calls are free.") - 3
    new_start = file_line(new, "Calls cost") - 3
    assert new_start == old_start + 2
    assert [(hunk.old_start, hunk.new_start) for hunk in diff.body] == [(old_start, new_start)]
    assert f"@@ line {new_start} (line {old_start} before), in “Get help” @@" in (
        render_text(diff, color=False).splitlines()
    )


def test_lines_with_nothing_in_common_are_removed_and_added_not_mixed() -> None:
    old_line = (
        "Use this service to renew an adult passport. Your new passport is valid for 10 years."
    )
    new = edit(GUIDE, (old_line, "Children need a different form."))

    shown = text_section(
        render_text(guide_diff(GUIDE_PATH, GUIDE.encode(), new.encode()), color=False)
    )

    assert f"- {old_line}" in shown
    assert "+ Children need a different form." in shown
    assert not any(line.startswith("~ ") for line in shown)


def test_an_inserted_paragraph_does_not_mark_the_following_ones_changed() -> None:
    new = edit(GUIDE, ("## After you apply\n\n", "## After you apply\n\nKeep your receipt.\n\n"))

    (hunk,) = guide_diff(GUIDE_PATH, GUIDE.encode(), new.encode()).body

    assert [(line.kind, line.new_text) for line in hunk.lines if line.kind != "context"] == [
        ("added", "Keep your receipt."),
        ("added", ""),
    ]


def test_a_step_rewritten_next_to_a_new_step_pairs_the_rewritten_one() -> None:
    new = edit(
        GUIDE,
        (
            "4. Upload your photo or enter the photo code.\n",
            "4. Upload your photo.\n4b. Check the photo preview.\n",
        ),
    )

    (hunk,) = guide_diff(GUIDE_PATH, GUIDE.encode(), new.encode()).body

    assert [
        (line.kind, marked(line.segments)) for line in hunk.lines if line.kind != "context"
    ] == [
        ("changed", "4. Upload your photo[- or enter the photo code-]."),
        ("added", "{+4b. Check the photo preview.+}"),
    ]


def test_a_hunk_is_a_plain_value() -> None:
    new = edit(GUIDE, ("Calls are free.", "Calls are free today."))

    (hunk,) = guide_diff(GUIDE_PATH, GUIDE.encode(), new.encode()).body

    assert isinstance(hunk, BodyHunk)
    assert hunk.to_json()["lines"][-1] == {
        "kind": "changed",
        "old_line": file_line(GUIDE, "Monday to Friday"),
        "new_line": file_line(GUIDE, "Monday to Friday"),
        "segments": [
            {
                "kind": "equal",
                "text": "Monday to Friday, 8am to 8pm. Saturday, 9am to 1pm. Calls are free",
            },
            {"kind": "added", "text": " today"},
            {"kind": "equal", "text": "."},
        ],
    }
