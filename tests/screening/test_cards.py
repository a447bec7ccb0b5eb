"""Payment card numbers of every brand: Luhn-valid numbers in a brand's IIN range at a
length it issues are found, others are not; the ranges are data from a named source.

The numbers are made here: a brand's prefix, filler digits and python-stdnum's Luhn
check digit (or the networks' published test numbers), never a real card.
"""

from __future__ import annotations

import json

import pytest
from stdnum import luhn

from wikitool.screening.cards import RANGES_FILE, is_card_number
from wikitool.screening.personal_data import redact, scan


def card(prefix: str, length: int) -> str:
    """A Luhn-valid number of ``length`` digits starting with ``prefix``."""
    body = (prefix + "0123456789" * 2)[: length - 1]
    return body + luhn.calc_check_digit(body)


def failing(number: str) -> str:
    """``number`` with its check digit wrong."""
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def grouped(number: str) -> str:
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


# (brand, a number of it)
BRANDS = [
    ("Visa 13", card("4", 13)),
    ("Visa 16", card("4", 16)),
    ("Visa 19", card("4", 19)),
    ("Mastercard", card("5425", 16)),
    ("Mastercard 2-series", card("2223", 16)),
    ("American Express", card("37", 15)),
    ("Diners Club 14", card("3056", 14)),
    ("Diners Club 16", card("36", 16)),
    ("Discover", card("6011", 16)),
    ("Discover 19", card("65", 19)),
    ("JCB 15", card("1800", 15)),
    ("JCB 15 (2131)", card("2131", 15)),
    ("JCB 16", card("3530", 16)),
    ("JCB 19", card("3589", 19)),
    ("UnionPay 16", card("6212", 16)),
    ("UnionPay 19", card("6240", 19)),
    ("UnionPay 14", card("8110", 14)),
    ("Maestro 12", card("6759", 12)),
    ("Maestro 13", card("5020", 13)),
    ("Maestro 15", card("6304", 15)),
    ("Maestro 19", card("5893", 19)),
    ("Mir", card("2200", 16)),
    ("Mir 19", card("2204", 19)),
    ("Elo", card("636368", 16)),
    ("Hipercard", card("606282", 16)),
    ("Hiper", card("637095", 16)),
    ("Verve", card("506099", 16)),
    ("Verve 19", card("507865", 19)),
    ("RuPay", card("8200", 16)),
    ("RuPay (60)", card("6080", 16)),
    ("Troy", card("9792", 16)),
    ("Dankort", card("5019", 16)),
    ("Forbrugsforeningen", card("600722", 16)),
    ("Cartes Bancaires (co-badged Visa)", card("4970", 16)),
    ("Cartes Bancaires (co-badged Mastercard)", card("5132", 16)),
]


@pytest.mark.parametrize(("brand", "number"), BRANDS)
def test_every_brand_is_a_card_number(brand: str, number: str) -> None:
    assert is_card_number(number)
    assert not is_card_number(failing(number))


@pytest.mark.parametrize(("brand", "number"), BRANDS)
def test_every_brand_is_found_as_written(brand: str, number: str) -> None:
    for written in (number, grouped(number), grouped(number).replace(" ", "-")):
        text = f"I paid with {written} yesterday."
        assert [(f.kind, text[f.start : f.end]) for f in scan(text)] == [
            ("payment card number", written)
        ]


@pytest.mark.parametrize(("brand", "number"), BRANDS)
def test_a_failing_check_digit_is_not_a_card(brand: str, number: str) -> None:
    text = f"I paid with {failing(number)} yesterday."
    assert "payment card number" not in [f.kind for f in scan(text)]


@pytest.mark.parametrize(
    "digits",
    [
        card("34", 16),  # American Express issues 15 digits only
        card("5425", 15),  # Mastercard issues 16
        card("9111", 16),  # no brand's range
        card("4", 14),  # Visa issues 13, 16, 18 and 19
        card("6759", 11),  # too short for any card
        card("1234", 16),  # 1 is no payment network's (UATP aside)
        card("7", 16),
    ],
)
def test_near_misses_are_not_cards(digits: str) -> None:
    assert luhn.is_valid(digits)
    assert not is_card_number(digits)


@pytest.mark.parametrize(
    "text",
    [
        f"A longer run {card('4', 16)}2222 is not a card.",
        # An international phone number is not a card, whatever its digits.
        f"Call +{card('6281', 13)} from abroad.",
        f"Tracking number {card('4', 16)}-7 on the parcel.",
    ],
)
def test_card_shaped_text_that_is_not_a_card(text: str) -> None:
    assert "payment card number" not in [f.kind for f in scan(text)]


def test_a_card_is_redacted() -> None:
    text = f"Maestro {card('6759', 12)} was charged."
    assert redact(text, scan(text)) == "Maestro [card number removed] was charged."


def test_the_ranges_name_their_source_and_hold_together() -> None:
    data = json.loads(RANGES_FILE.read_text(encoding="utf-8"))
    assert "credit-card-type" in data["source"]
    assert data["generated_by"] == ".ci/card_ranges.py"
    for brand in data["brands"]:
        assert brand["name"] and brand["ranges"], brand
        assert set(brand["lengths"]) <= set(range(12, 20)), brand["name"]
        for low, high in brand["ranges"]:
            assert 0 < low <= high and len(str(low)) == len(str(high)), brand["name"]
