"""Shared values for the review tests: the guide, staff, edits, and helper types."""

from __future__ import annotations

from typing import Any, Protocol

from wikitool.model import Identity

GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"
ANA = Identity("Ana Ruiz", "ana.ruiz@passports.veloria.invalid")
BEN = Identity("Ben Osei", "ben.osei@passports.veloria.invalid")
CARA = Identity("Cara Lind", "cara.lind@passports.veloria.invalid")

# Edits of the passport guide that touch different places (they merge together) or the
# same line (they conflict).
FIRST_STEP = ("## Steps\n\n1. Get a passport photo.", "## Steps\n\n1. First, get a passport photo.")
FIRST_STEP_OTHER = ("## Steps\n\n1. Get a passport photo.", "## Steps\n\n1. Start with a passport photo.")
HELPLINE = ("Calls are free.", "Calls are free from landlines and mobiles.")
FEE = ("    amount: 86\n", "    amount: 88\n")


class Submit(Protocol):
    def __call__(
        self,
        *edits: tuple[str, str],
        summary: str = ...,
        base: str | None = ...,
        author: dict[str, Any] | None = ...,
        rationale: str = ...,
    ) -> str: ...


def staff(identity: Identity) -> tuple[str, str]:
    """The ``--as`` option for ``identity``."""
    return ("--as", str(identity))


UPLOAD = ("4. Upload your photo or enter the photo code.", "4. Upload your photo, or enter the photo code.")
EXPIRY = ("Check the expiry date of your passport.", "Check the expiry date in your passport.")
