"""Front matter is shown field by field, with paths staff can read:
fees[Online renewal].amount: 85 -> 86 EUR."""

from __future__ import annotations

import pytest
from diff_samples import GUIDE, GUIDE_PATH, edit, field_lines

from wikitool.diffing import guide_diff, render_text

NAME_CHANGE_DOCUMENT = (
    "  - name: Proof of your name change, such as a marriage certificate\n"
    "    required: false\n"
    "    note: Only if your name is different from the one in your current passport.\n"
)
PROOF_OF_ADDRESS = "  - name: Proof of address\n    required: true\n"
PHOTO_DOCUMENT = "  - name: A digital or printed passport photo taken in the last month\n"
OVER_16 = "  - Your current passport was issued when you were 16 or over.\n"
FAST_TRACK = "  - label: Fast Track appointment (passport in 7 days)\n"
BY_PHONE = "  - label: Phone renewal\n    amount: 99\n    currency: EUR\n"

# The passport guide's sources, added after its tags in both versions of a case.
SOURCES = (
    "lang: en\n",
    "sources:\n"
    "  - url: https://www.veloria.invalid/passport-office/renew\n"
    "    title: Renewing a passport\n"
    "    seen: 2026-10-06\n"
    "  - url: https://www.veloria.invalid/passport-office/fees\n"
    "    title: Passport fees from 1 January 2026\n"
    "    seen: 2026-10-02\n"
    "lang: en\n",
)

# (old version edits, new version edits, the field lines shown, top-level keys touched);
# each version is the reference guide with its edits applied.
CHANGES = {
    "a fee changed": (
        [("amount: 86", "amount: 85")],
        [],
        ["fees[Online renewal].amount: 85 -> 86 EUR"],
        {"fees"},
    ),
    "a document added at the end": (
        [(NAME_CHANGE_DOCUMENT, "")],
        [],
        [
            'documents[Proof of your name change, such as a marriage\u2026]: added '
            '{name: "Proof of your name change, such as a marriage certificate", '
            'required: false, note: "Only if your name is different from the one in your current passport."}'
        ],
        {"documents"},
    ),
    "a document inserted in the middle: later ones are not shown as changed": (
        [],
        [(PHOTO_DOCUMENT, PROOF_OF_ADDRESS + PHOTO_DOCUMENT)],
        ['documents[Proof of address]: added {name: "Proof of address", required: true}'],
        {"documents"},
    ),
    "an eligibility item removed": (
        [],
        [(OVER_16, "")],
        ['eligibility[1]: removed "Your current passport was issued when you were 16 or over."'],
        {"eligibility"},
    ),
    "a fee inserted before a fee that changed": (
        [],
        [(FAST_TRACK, BY_PHONE + FAST_TRACK), ("amount: 160", "amount: 165")],
        [
            'fees[Phone renewal]: added {label: "Phone renewal", amount: 99, currency: "EUR"}',
            "fees[Fast Track appointment (passport in 7 days)].amount: 160 -> 165 EUR",
        ],
        {"fees"},
    ),
    "a nested number": (
        [],
        [("    max: 21", "    max: 28")],
        ["time[maximum].max: 21 -> 28 days"],
        {"time"},
    ),
    "a title rewritten": (
        [],
        [("title: Renew an adult passport", "title: Passport renewal for adults")],
        ['title: "Renew an adult passport" -> "Passport renewal for adults"'],
        {"title"},
    ),
    "a sentence with one word changed: only that word": (
        [],
        [("from June to August", "from May to August")],
        [
            'time[maximum].note: "Allow longer from [-June-]{+May+} to August. Do not book travel until you have your new passport."'
        ],
        {"time"},
    ),
    "a nested key removed": (
        [],
        [("    note: Fast Track service only. You must book an appointment.\n", "")],
        ['channels[In person].note: removed "Fast Track service only. You must book an appointment."'],
        {"channels"},
    ),
    "a top-level key removed": ([], [("lang: en\n", "")], ['lang: removed "en"'], {"lang"}),
    "a list added: one line per item": (
        [("tags:\n  - passport\n  - travel\n  - renewal\n", "")],
        [],
        ['tags[0]: added "passport"', 'tags[1]: added "travel"', 'tags[2]: added "renewal"'],
        {"tags"},
    ),
    "a value emptied": (
        [],
        [
            (
                "    note: Send it with your application. It will be cancelled and returned to you.",
                "    note:",
            )
        ],
        [
            'documents[Your current passport].note: "Send it with your application. It will be cancelled and returned to you." -> (empty)'
        ],
        {"documents"},
    ),
    "a value of another type": (
        [],
        [("    required: false", '    required: "no"')],
        ['documents[Proof of your name change, such as a marriage\u2026].required: false -> "no"'],
        {"documents"},
    ),
    "a date": (
        [],
        [("review_by: 2027-04-06", "review_by: 2027-05-06")],
        ['review_by: "2027-04-06" -> "2027-05-06"'],
        {"review_by"},
    ),
    "a source read again, its page renamed": (
        [SOURCES],
        [
            SOURCES,
            ("    seen: 2026-10-02", "    seen: 2026-11-20"),
            ("title: Passport fees from 1 January 2026", "title: Passport fees from 1 March 2027"),
        ],
        [
            'sources[Passport fees from 1 March 2027].title: "Passport fees from 1 [-January 2026-]{+March 2027+}"',
            'sources[Passport fees from 1 March 2027].seen: "2026-10-02" -> "2026-11-20"',
        ],
        {"sources"},
    ),
    "a source added": (
        [SOURCES],
        [
            SOURCES,
            (
                "    seen: 2026-10-02\n",
                "    seen: 2026-10-02\n  - url: https://www.veloria.invalid/forms/pa1\n"
                "    title: Form PA1\n    seen: 2026-10-03\n",
            ),
        ],
        [
            'sources[Form PA1]: added {url: "https://www.veloria.invalid/forms/pa1", '
            'title: "Form PA1", seen: "2026-10-03"}'
        ],
        {"sources"},
    ),
    "a publisher named": (
        [],
        [("owner: Passport Office guidance team\n", "owner: Passport Office guidance team\n"
          "publisher: Guides team, Ministry of the Interior\n")],
        ['publisher: added "Guides team, Ministry of the Interior"'],
        {"publisher"},
    ),
    "body only: no field changes": (
        [],
        [("Pay the fee of 86 euros.", "Pay the fee of 87 euros.")],
        [],
        set(),
    ),
}


@pytest.mark.parametrize(
    ("old_edits", "new_edits", "shown", "keys"), CHANGES.values(), ids=CHANGES.keys()
)
def test_front_matter_changes_are_listed_field_by_field(
    old_edits: list[tuple[str, str]],
    new_edits: list[tuple[str, str]],
    shown: list[str],
    keys: set[str],
) -> None:
    old = edit(GUIDE, *old_edits).encode()
    new = edit(GUIDE, *new_edits).encode()

    diff = guide_diff(GUIDE_PATH, old, new)

    assert field_lines(render_text(diff, color=False)) == shown
    assert diff.changed_keys == keys
    assert diff.fallback_reason is None


def test_a_field_change_knows_its_file_line() -> None:
    new = edit(GUIDE, ("    max: 21", "    max: 28"))

    (change,) = guide_diff(GUIDE_PATH, GUIDE.encode(), new.encode()).fields

    assert (change.location, change.change, change.old, change.new) == (
        ("time", 0, "max"),
        "changed",
        21,
        28,
    )
    assert change.line == new.splitlines().index("    max: 28") + 1


def test_a_removed_item_has_its_old_index_and_line() -> None:
    (change,) = guide_diff(GUIDE_PATH, GUIDE.encode(), edit(GUIDE, (OVER_16, "")).encode()).fields

    assert change.location == ("eligibility", 1)
    assert change.line == GUIDE.splitlines().index(OVER_16.rstrip("\n")) + 1


@pytest.mark.parametrize(
    ("yaml_before", "yaml_after", "shown"),
    [
        ("title: A\n", "title: B\n", ['title: "A" -> "B"']),
        ('"in person": 1\n', '"in person": 2\n', ['["in person"]: 1 -> 2']),
        ("apply:\n  by.post: a\n", "apply:\n  by.post: b\n", ['apply["by.post"]: "a" -> "b"']),
        ("rows:\n  - [1, 2]\n", "rows:\n  - [1, 3]\n", ["rows[0][1]: 2 -> 3"]),
        ("amount: 1\n", "amount: 1.0\n", ["amount: 1 -> 1.0"]),
        ("fees: []\n", "fees:\n  - amount: 5\n", ["fees[0]: added {amount: 5}"]),
        ("note: a b c d\n", "note: x y c d\n", ['note: "[-a b-]{+x y+} c d"']),
        ("note: a b c\n", "note: x y c\n", ['note: "a b c" -> "x y c"']),
        ("note: a\n", "note: b\n", ['note: "a" -> "b"']),
        (
            "tags: [passport, travel]\n",
            "tags: [passport, trips]\n",
            ['tags[1]: "travel" -> "trips"'],
        ),
        ("count: 1\n", "count: true\n", ["count: 1 -> true"]),
    ],
)
def test_paths_and_values_read_naturally(
    yaml_before: str, yaml_after: str, shown: list[str]
) -> None:
    old = f"---\n{yaml_before}---\nBody.\n".encode()
    new = f"---\n{yaml_after}---\nBody.\n".encode()

    assert field_lines(render_text(guide_diff("content/x.md", old, new), color=False)) == shown
