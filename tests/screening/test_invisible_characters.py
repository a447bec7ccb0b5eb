"""Invisible characters: bidirectional controls and zero-width characters are found."""

from __future__ import annotations

import pytest

from wikitool.screening.invisible import InvisibleCharacter, find_invisible_characters


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("fee\u202a85", "U+202A LEFT-TO-RIGHT EMBEDDING"),
        ("fee\u202b85", "U+202B RIGHT-TO-LEFT EMBEDDING"),
        ("fee\u202c85", "U+202C POP DIRECTIONAL FORMATTING"),
        ("fee\u202d85", "U+202D LEFT-TO-RIGHT OVERRIDE"),
        ("fee\u202e85", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("fee\u206685", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("fee\u206785", "U+2067 RIGHT-TO-LEFT ISOLATE"),
        ("fee\u206885", "U+2068 FIRST STRONG ISOLATE"),
        ("fee\u206985", "U+2069 POP DIRECTIONAL ISOLATE"),
        ("pass\u200bport", "U+200B ZERO WIDTH SPACE"),
        ("pass\u200cport", "U+200C ZERO WIDTH NON-JOINER"),
        ("pass\u200dport", "U+200D ZERO WIDTH JOINER"),
        ("pass\u2060port", "U+2060 WORD JOINER"),
        ("pass\u2062port", "U+2062 INVISIBLE TIMES"),
        ("pass\ufeffport", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
        ("pass\u180eport", "U+180E MONGOLIAN VOWEL SEPARATOR"),
        ("\u200dمی", "U+200D ZERO WIDTH JOINER"),
        ("hidden\U000e0041", "U+E0041 TAG LATIN CAPITAL LETTER A"),
    ],
)
def test_invisible_character_is_found(text: str, name: str) -> None:
    assert [found.name for found in find_invisible_characters(text)] == [name]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Renew an adult passport: 85 EUR.", id="plain text"),
        pytest.param("\ufeff---\ntitle: Passports\n---\n", id="leading byte order mark"),
        pytest.param("می\u200cخواهم", id="Persian zero-width non-joiner"),
        pytest.param("क्\u200dष", id="Devanagari zero-width joiner"),
        pytest.param("👨\u200d👩\u200d👧", id="emoji family sequence"),
        pytest.param("❤\ufe0f\u200d🔥", id="emoji after a variation selector"),
        pytest.param("🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", id="flag"),
        pytest.param("שלום\u200f world \u200e", id="directional marks"),
        pytest.param("Stra\u00dfenverkehrs\u00adamt", id="soft hyphen"),
    ],
)
def test_legitimate_text_is_not_flagged(text: str) -> None:
    assert find_invisible_characters(text) == []


def test_positions_count_lines_and_columns_from_one() -> None:
    text = "Fee: 85\u202e EUR\nSteps\n\u200b1. Apply"
    assert find_invisible_characters(text) == [
        InvisibleCharacter(1, 8, "U+202E RIGHT-TO-LEFT OVERRIDE"),
        InvisibleCharacter(3, 1, "U+200B ZERO WIDTH SPACE"),
    ]


def test_a_byte_order_mark_inside_the_text_is_found() -> None:
    assert find_invisible_characters("\ufeffa\ufeff") == [
        InvisibleCharacter(1, 3, "U+FEFF ZERO WIDTH NO-BREAK SPACE")
    ]


def test_hidden_tag_text_is_reported_character_by_character() -> None:
    hidden = "".join(chr(0xE0000 + ord(ch)) for ch in "hi")
    assert [found.column for found in find_invisible_characters("ok" + hidden)] == [3, 4]


def test_reports_are_capped_on_hostile_input() -> None:
    found = find_invisible_characters("\u200b" * 200_000)
    assert len(found) == 500
    assert found[-1] == InvisibleCharacter(1, 500, "U+200B ZERO WIDTH SPACE")
