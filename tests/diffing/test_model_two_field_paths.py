"""Model 2's structures read in words: a list item by its name (a fee by its label, with
its situations when two fees share it; a document by its name; a time by its kind), a
fee of a choose_one group as ``one of``, situations and ``when`` as ids, and an item
matched by who it is, not where it is, so a moved item reads as moved."""

from __future__ import annotations

import pytest
from diff_samples import edit, field_lines
from model_two_guides import PASSPORT_V2, PASSPORT_V2_PATH

from wikitool.diffing import guide_diff, render_text

BIRTH_CERTIFICATE = "  - name: Birth certificate\n    when: [in-country]\n"
CURRENT_PASSPORT = "  - name: Your current passport\n    required: true\n"

CHANGES = {
    "a fee named by its situation and label": (
        [("amount: 120", "amount: 124")],
        ["fees[abroad: Passport fee].amount: 120 -> 124 EUR"],
    ),
    "an alternative of a choose_one group": (
        [("amount: 86", "amount: 88")],
        ["fees[one of: Online].amount: 86 -> 88 EUR"],
    ),
    "an alternative added to a choose_one group": (
        [("        amount: 95\n        currency: EUR\n",
          "        amount: 95\n        currency: EUR\n"
          "      - label: At a counter\n        amount: 99\n        currency: EUR\n")],
        ['fees[one of: At a counter]: added {label: "At a counter", amount: 99, currency: "EUR"}'],
    ),
    "a fee's currency changed: the amount is not said in the old currency": (
        [("amount: 96\n    currency: EUR", "amount: 104\n    currency: USD")],
        ["fees[in-country: Passport fee].amount: 96 -> 104",
         'fees[in-country: Passport fee].currency: "EUR" -> "USD"'],
    ),
    "a channel's second address": (
        [('addresses: ["Passport Office, PO Box 2210, Aldmere 1010"]',
          'addresses: ["Passport Office, PO Box 2210, Aldmere 1010", "Consulate, 4 Quay St"]')],
        ['channels[By post].addresses[1]: added "Consulate, 4 Quay St"'],
    ),
    "a time by its kind, with its unit": (
        [("value: 12", "value: 14")],
        ["time[typical].value: 12 -> 14 months"],
    ),
    "a range's unit said in words": (
        [("max: 21", "max: 25")],
        ["time[maximum].max: 21 -> 25 working days"],
    ),
    "a deadline by its label": (
        [("days: 28", "days: 21")],
        ["deadlines[Register to vote].offset.days: 28 -> 21"],
    ),
    "a document's situations widened": (
        [(BIRTH_CERTIFICATE, BIRTH_CERTIFICATE.replace("[in-country]", "[in-country, abroad]"))],
        ["documents[Birth certificate].when: in-country -> in-country, abroad"],
    ),
    "a document limited to a situation": (
        [(CURRENT_PASSPORT, CURRENT_PASSPORT + "    when: [abroad]\n")],
        ["documents[Your current passport].when: every situation -> abroad"],
    ),
    "a document for every situation again": (
        [("  - name: Proof of address abroad\n    when: [abroad]\n",
          "  - name: Proof of address abroad\n")],
        ["documents[Proof of address abroad].when: abroad -> every situation"],
    ),
    "a condition of one situation by its text": (
        [("at least 6 months", "at least 12 months")],
        ['eligibility[You have lived abroad for at least 12 months.].text: '
         '"You have lived abroad for at least [-6-]{+12+} months."'],
    ),
    "a situation added": (
        [("  abroad: You live abroad\n",
          "  abroad: You live abroad\n  under-16: The passport is for a child under 16\n")],
        ['situations.under-16: added "The passport is for a child under 16"'],
    ),
    "a situation's label changed": (
        [("abroad: You live abroad", "abroad: You live outside Veloria")],
        ['situations.abroad: "You live [-abroad-]{+outside Veloria+}"'],
    ),
    "a document moved: only the move, nothing else changed": (
        [(BIRTH_CERTIFICATE, ""),
         ("    when: [abroad]\neligibility:", "    when: [abroad]\n" + BIRTH_CERTIFICATE
          + "eligibility:")],
        ["documents[Birth certificate]: moved from place 1 to 3"],
    ),
    "a channel moved and edited": (
        [("  - id: online\n    type: online\n    label: Online\n"
          "    urls: [https://passports.veloria.invalid/apply]\n", ""),
         ("    when: [abroad]\ndocuments:",
          "    when: [abroad]\n  - id: online\n    type: online\n    label: Online\n"
          "    urls: [https://passports.veloria.invalid/apply-now]\ndocuments:")],
        ["channels[Online]: moved from place 1 to 2",
         'channels[Online].urls[0]: "https://passports.veloria.invalid/apply" -> '
         '"https://passports.veloria.invalid/apply-now"'],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("edits", "shown"), CHANGES.values(), ids=CHANGES.keys())
def test_model_two_changes_read_in_words(edits: list[tuple[str, str]], shown: list[str]) -> None:
    new = edit(PASSPORT_V2, *edits)

    diff = guide_diff(PASSPORT_V2_PATH, PASSPORT_V2.encode(), new.encode())

    assert field_lines(render_text(diff, color=False)) == shown


def test_a_moved_item_keeps_its_new_place_and_line() -> None:
    new = edit(
        PASSPORT_V2,
        (BIRTH_CERTIFICATE, ""),
        ("    when: [abroad]\neligibility:", "    when: [abroad]\n" + BIRTH_CERTIFICATE + "eligibility:"),
    )

    (change,) = guide_diff(PASSPORT_V2_PATH, PASSPORT_V2.encode(), new.encode()).fields

    assert (change.location, change.change, change.old, change.new) == (
        ("documents", 2), "moved", 1, 3
    )
    assert change.line == new.splitlines().index("  - name: Birth certificate") + 1


def test_two_items_of_one_name_and_no_situations_read_by_their_place() -> None:
    old = b"---\nfees:\n  - {label: Fee, amount: 1, currency: EUR}\n" \
          b"  - {label: Fee, amount: 2, currency: EUR}\n---\nBody.\n"
    new = old.replace(b"amount: 2", b"amount: 3")

    assert field_lines(render_text(guide_diff("content/x.md", old, new), color=False)) == [
        "fees[1].amount: 2 -> 3 EUR"
    ]
