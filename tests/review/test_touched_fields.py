"""Which front matter fields a change touches: what decides a second approval."""

from __future__ import annotations

from pathlib import Path

import pytest

from wikitool.review.changes import touched_keys

GUIDE = (Path(__file__).resolve().parents[2] / "content/identity-and-travel/renew-an-adult-passport.md").read_bytes()


@pytest.mark.parametrize(
    ("old", "new", "touched"),
    [
        (b"    amount: 86\n", b"    amount: 88\n", {"fees"}),
        (b"  - You are a Velorian citizen aged 18 or over.\n", b"  - You are a Velorian citizen aged 16 or over.\n", {"eligibility"}),
        (b"    required: false\n", b"    required: true\n", {"documents"}),
        (b"  - title: Passport Fees Regulations 2025\n", b"  - title: Passport Fees Regulations 2026\n", {"legal_basis"}),
        (b"title: Renew an adult passport\n", b"title: Renew your adult passport\n", {"title"}),
        (b"    amount: 86\n", b"    amount: 86  # checked in March\n", {"fees"}),  # text changed: counted, to be safe
        (b"lang: en\n", b"lang: en\nchecked_by: Ana\n", {"checked_by"}),
        (b"Calls are free.", b"Calls cost nothing.", set()),
        (b"fees:\n", b'"fees":\n', {"fees"}),
        (b"", b"", set()),
    ],
)
def test_touched_keys(old: bytes, new: bytes, touched: set[str]) -> None:
    assert old in GUIDE
    assert touched_keys(GUIDE, GUIDE.replace(old, new, 1)) == touched


def test_a_new_guide_touches_every_field_and_a_file_without_front_matter_none() -> None:
    assert {"fees", "eligibility", "documents", "legal_basis", "title"} <= touched_keys(None, GUIDE)
    assert touched_keys(b"# Notes\n", b"# More notes\n") == set()


def test_moving_a_field_is_not_touching_it() -> None:
    title = b"title: Renew an adult passport\n"
    lang = b"lang: en\n"
    moved = GUIDE.replace(title, b"", 1).replace(lang, lang + title, 1)
    assert touched_keys(GUIDE, moved) == set()
