"""The text staff read: plain under NO_COLOR or a pipe, coloured on a terminal, never tricked."""

from __future__ import annotations

import pytest
from diff_samples import GUIDE, GUIDE_PATH, edit, without_colour

from wikitool.diffing import guide_diff, render_text
from wikitool.diffing.rendering import INVISIBLE_ONLY

OLD = b"""---
title: Pay a parking fine
fees:
  - label: Fine
    amount: 40
documents:
  - name: The fine notice
eligibility:
  - You got a fine.
  - You are the driver.
---
## Steps

1. Find the notice number.
2. Pay 40 euros online.
3. Keep the receipt.
"""

NEW = b"""---
title: Pay a parking fine
fees:
  - label: Fine
    amount: 45
documents:
  - name: The fine notice
  - name: Your bank card
eligibility:
  - You got a fine.
---
## Steps

1. Find the notice number.
2. Pay 45 euros online or by phone.
3. Keep the receipt.
4. Wait for the confirmation letter.
"""

PLAIN = """\
content/roads/pay-a-fine.md: 4 lines added, 3 removed
Key: [-removed-] {+added+} words; lines: - removed, + added, ~ changed

Details (front matter):
  fees[Fine].amount: 40 -> 45
  documents[Your bank card]: added {name: "Your bank card"}
  eligibility[1]: removed "You are the driver."

Text:
@@ line 12, in \u201cSteps\u201d @@
  ## Steps

  1. Find the notice number.
~ 2. Pay [-40-]{+45+} euros online{+ or by phone+}.
  3. Keep the receipt.
+ 4. Wait for the confirmation letter.
"""


def test_plain_text_names_fields_marks_words_and_says_where() -> None:
    assert render_text(guide_diff("content/roads/pay-a-fine.md", OLD, NEW), color=False) == PLAIN


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (OLD, NEW),
        (
            GUIDE.encode(),
            edit(GUIDE, ("86 euros", "87 euros"), ("max: 21", "max: 28")).encode(),
        ),
        (None, GUIDE.encode()),
        (GUIDE.encode(), b"not a guide\n"),
    ],
    ids=["fields and body", "reference guide", "new guide", "line diff fallback"],
)
def test_colour_only_adds_ansi_codes(old: bytes | None, new: bytes | None) -> None:
    diff = guide_diff("content/roads/pay-a-fine.md", old, new)

    coloured = render_text(diff, color=True)
    plain = render_text(diff, color=False)

    assert "\x1b[" in coloured
    assert "\x1b" not in plain
    assert without_colour(coloured) == plain


@pytest.mark.parametrize(
    ("shown", "style"),
    [
        ("[-40-]", "\x1b[31m"),  # removed: red
        ("{+45+}", "\x1b[32m"),  # added: green
        ("fees[Fine].amount", "\x1b[01m"),  # field names: bold
        ("+ 4. Wait for the confirmation letter.", "\x1b[32m"),
        ('removed "You are the driver."', "\x1b[31m"),
    ],
)
def test_colours_say_removed_added_and_field(shown: str, style: str) -> None:
    coloured = render_text(guide_diff("content/roads/pay-a-fine.md", OLD, NEW), color=True)

    assert style + shown + "\x1b[39;49;00m" in coloured


HOSTILE = {
    "an escape sequence that clears the screen": ("\x1b[2J", "\\x1b[2J"),
    "a bidi override that reverses text": ("\u202etxt.exe", "<U+202E>txt.exe"),
    "a zero-width space": ("fee\u200b", "fee<U+200B>"),
    "a backspace": ("86\b7", "86\\x087"),
    "a carriage return inside a line": ("86\rok", "86\\x0dok"),
    "a C1 control": ("\x9b2J", "\\x9b2J"),
    "a window title (OSC ended by BEL)": ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),
    "a hidden hyperlink (OSC 8)": (
        "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
        "\\x1b]8;;https://evil.example/\\x1b\\click\\x1b]8;;\\x1b\\",
    ),
    "a left-to-right isolate": ("\u2066fee\u2069", "<U+2066>fee<U+2069>"),
    "a byte order mark": ("\ufefffee", "<U+FEFF>fee"),
    "a line separator": ("86\u2028ok", "86<U+2028>ok"),
}


@pytest.mark.parametrize(("hostile", "visible"), HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("color", [False, True])
def test_control_and_invisible_characters_are_shown_not_obeyed(
    hostile: str, visible: str, color: bool
) -> None:
    new = edit(
        GUIDE,
        ("Calls are free.", f"Calls are free. {hostile}"),
        ("max: 21", f'max: "{hostile}"'),
    )

    rendered = render_text(guide_diff(GUIDE_PATH, GUIDE.encode(), new.encode()), color=color)

    assert hostile not in rendered
    assert rendered.count(visible) == 2  # in the body and in the field


def test_an_unreadable_side_says_so_and_why() -> None:
    rendered = render_text(
        guide_diff(GUIDE_PATH, GUIDE.encode(), b"---\ntitle: Renew\n"), color=False
    )

    assert rendered.splitlines()[1] == (
        "Note: the details at the top of the page could not be read "
        f"({GUIDE_PATH}:1: front matter is not closed: add a line '---' after it), "
        "so the whole file is compared line by line."
    )


@pytest.mark.parametrize(
    "new",
    [GUIDE.replace("\n", "\r\n"), "\ufeff" + GUIDE, GUIDE.removesuffix("\n"), "\ufeff"],
    ids=["CRLF line endings", "a byte order mark", "no final line break", "only a BOM"],
)
def test_a_change_nobody_can_see_is_explained(new: str) -> None:
    old = GUIDE if new != "\ufeff" else ""
    diff = guide_diff(GUIDE_PATH, old.encode(), new.encode())

    lines = render_text(diff, color=False).splitlines()

    assert (diff.fields, diff.body) == ([], [])
    assert lines[1] == INVISIBLE_ONLY


@pytest.mark.parametrize("color", [False, True])
def test_a_tab_in_the_text_is_kept_and_no_escape_but_our_colours_is_sent(color: bool) -> None:
    new = edit(GUIDE, ("Calls are free.", "Calls are free.\tTabbed \x1b[2J."))

    rendered = render_text(guide_diff(GUIDE_PATH, GUIDE.encode(), new.encode()), color=color)

    assert "free.{+\tTabbed \\x1b[2J.+}" in without_colour(rendered)
    assert "\x1b" not in without_colour(rendered)
