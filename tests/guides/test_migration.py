"""One guide migrated from model 1 to model 2: each field model 2 says differently is
rewritten in place, every other line kept byte for byte; bad input is one line."""

from __future__ import annotations

import pytest

from wikitool.errors import GuideError
from wikitool.guides.migration import migrate_guide
from wikitool.guides.model_version import CURRENT_MODEL

PATH = "content/travel/renew.md"
HEAD = "---\ntitle: Renew a passport\n"
TAIL = "lang: en\n---\n\nBody.\n"


def _guide(middle: str, tail: str = TAIL) -> str:
    return HEAD + middle + tail


def _migrated(middle: str, tail: str = TAIL) -> str:
    return migrate_guide(_guide(middle, tail), PATH).text


@pytest.mark.parametrize(
    ("processing_time", "time"),
    [
        (
            "  min_days: 10\n  max_days: 21\n",
            "  - kind: maximum\n    min: 10\n    max: 21\n    unit: days\n",
        ),
        # Model 1 read a min of 0, or none, as "up to": so does the migrated guide.
        ("  min_days: 0\n  max_days: 3\n", "  - kind: maximum\n    value: 3\n    unit: days\n"),
        ("  max_days: 3\n", "  - kind: maximum\n    value: 3\n    unit: days\n"),
        # "Same day" stays the same day: a maximum of 0 days reads "Same day".
        ("  min_days: 0\n  max_days: 0\n", "  - kind: maximum\n    value: 0\n    unit: days\n"),
        # Model 2 has no "exactly": the most it takes is what is sure.
        ("  min_days: 28\n  max_days: 28\n", "  - kind: maximum\n    value: 28\n    unit: days\n"),
        (
            "  min_days: 1\n  max_days: 5\n  note: Most are done the next day.\n",
            "  - kind: maximum\n    min: 1\n    max: 5\n    unit: days\n"
            "    note: Most are done the next day.\n",
        ),
    ],
)
def test_processing_time_becomes_one_maximum_in_days(processing_time: str, time: str) -> None:
    migrated = _migrated(f"processing_time:\n{processing_time}fees: free\n")

    assert migrated == _guide(f"time:\n{time}fees: free\n").replace(
        "---\n", f"---\nmodel: {CURRENT_MODEL}\n", 1
    )


def test_an_empty_fee_list_says_free() -> None:
    # ruamel writes the comment one space after the new value.
    assert "fees: free # checked 2026\n" in _migrated("fees: []  # checked 2026\n")


def test_each_way_to_apply_becomes_a_channel_in_the_same_place() -> None:
    migrated = _migrated(
        "apply:\n"
        "  by_post:\n    address: PO Box 2210, Aldmere 1010\n"
        "  online:\n    url: https://services.veloria.invalid/renew\n    note: The quickest way.\n"
        "  in_person:\n    where: Any Citizen Service Point\n"
        "tags: [passport]\n"
    )

    assert migrated == (
        "---\nmodel: 2\ntitle: Renew a passport\nchannels:\n"
        "  - id: by-post\n    type: post\n    label: By post\n"
        "    addresses:\n      - PO Box 2210, Aldmere 1010\n"
        "  - id: online\n    type: online\n    label: Online\n"
        "    urls:\n      - https://services.veloria.invalid/renew\n    note: The quickest way.\n"
        "  - id: in-person\n    type: in_person\n    label: In person\n"
        "    where: Any Citizen Service Point\n"
        "tags: [passport]\n" + TAIL
    )


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        ("fr", ("En ligne", "Sur place")),
        ("de", ("Online", "Persönlich")),
        ("es-419", ("En línea", "En persona")),
    ],
)
def test_channel_labels_are_in_the_guides_language(lang: str, labels: tuple[str, str]) -> None:
    migrated = _migrated(
        "apply:\n  online:\n    url: https://a.invalid/x\n  in_person:\n    where: Mairie\n",
        f"lang: {lang}\n---\n",
    )

    assert [f"    label: {label}" for label in labels] == [
        line for line in migrated.splitlines() if line.startswith("    label:")
    ]


def test_comments_key_order_and_untouched_lines_are_kept() -> None:
    middle = (
        "# Checked against the agency's page on 2026-11-30.\n"
        "summary: 'Renew it: online or by post.'   # quoted on purpose\n"
        "fees:\n"
        "- label: Renewal\n"
        "  amount: 86\n"
        "  currency: EUR\n"
        "processing_time:\n"
        "  max_days: 21\n"
        "# Ways to apply below.\n"
        "apply:\n"
        "  online: {url: 'https://a.invalid/x'}\n"
        "legal_basis:\n"
        "- title: Passports Act   # section 12\n"
    )
    migrated = _migrated(middle)
    replaced = (
        "processing_time:",
        "  max_days: 21",
        "apply:",
        "  online: {url: 'https://a.invalid/x'}",
    )
    kept = [line for line in _guide(middle).splitlines() if line not in replaced]

    assert migrated.startswith("---\nmodel: 2\ntitle: Renew a passport\n# Checked against")
    new_lines = migrated.splitlines()
    assert [line for line in new_lines if line in kept] == kept
    assert "- kind: maximum" in migrated  # the author's list layout is kept too
    assert "- id: online" in migrated


@pytest.mark.parametrize(
    "text",
    [
        _guide(
            "fees: []\nprocessing_time: {max_days: 5}\napply: {online: {url: 'https://a.invalid'}}\n"
        ),
        _guide("model: 1\nfees: free\n"),
        _guide("fees: free\n"),
    ],
)
def test_a_second_run_changes_nothing(text: str) -> None:
    once = migrate_guide(text, PATH)
    twice = migrate_guide(once.text, PATH)

    assert once.changed
    assert not twice.changed
    assert twice.text == once.text


def test_a_model_2_guide_is_left_alone() -> None:
    text = _guide("model: 2\nfees: []\nprocessing_time: {max_days: 5}\n")

    assert migrate_guide(text, PATH).text == text
    assert not migrate_guide(text, PATH).changed


def test_model_1_named_anywhere_becomes_model_2_first() -> None:
    migrated = _migrated("fees: free\nmodel: 1\n")

    assert migrated == "---\nmodel: 2\ntitle: Renew a passport\nfees: free\n" + TAIL


@pytest.mark.parametrize(
    ("middle", "message"),
    [
        (
            "model: 3\n",
            f"{PATH}:3: model: 3 is a newer guide model than this wikitool reads (up to 2): "
            "upgrade wikitool before you check, build or edit this guide",
        ),
        ("model: 0\n", f"{PATH}:3: model: 0 is not a guide model (1 or 2)"),
        ("fees: [unclosed\n", f"{PATH}:4: invalid YAML: "),
        (
            "apply: {online: {url: 'https://a.invalid'}}\nchannels: []\n",
            f"{PATH}:3: cannot migrate: apply: give the ways to apply either as apply or as "
            "channels, not both",
        ),
        (
            "processing_time: {max_days: 5}\ntime: not stated\n",
            f"{PATH}:3: cannot migrate: processing_time: give either time or processing_time, "
            "not both",
        ),
        (
            "processing_time: {min_days: 5}\n",
            f"{PATH}:3: cannot migrate: processing_time: needs max_days (and min_days) as "
            "whole numbers",
        ),
        (
            "apply: {by_post: {note: Write to us}}\n",
            f"{PATH}:3: cannot migrate: apply: apply.by_post has no address",
        ),
        (
            "apply: {by_fax: {number: '123'}}\n",
            f"{PATH}:3: cannot migrate: apply: has ways other than online, in_person and by_post",
        ),
    ],
)
def test_what_cannot_be_migrated_is_one_line(middle: str, message: str) -> None:
    with pytest.raises(GuideError) as refused:
        migrate_guide(_guide(middle), PATH)

    assert str(refused.value).startswith(message)
    assert "\n" not in str(refused.value)
