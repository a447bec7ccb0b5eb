"""Screening of untrusted text before it reaches git: personal data, unsafe markup,
invisible characters.

The personal-data scanner's names load on first use (PEP 562): importing any screening
module (``unicode_text``, ``markup``) must not compile the scanner's few hundred
patterns, which a site build or a CLI command that screens nothing never runs.
"""

from typing import TYPE_CHECKING, Any

from wikitool.screening.invisible import InvisibleCharacter, find_invisible_characters
from wikitool.screening.markup import UnsafeMarkup, find_unsafe_markup

if TYPE_CHECKING:
    from wikitool.screening.personal_data import Finding, published_contacts, redact, scan

__all__ = [
    "Finding",
    "InvisibleCharacter",
    "UnsafeMarkup",
    "find_invisible_characters",
    "find_unsafe_markup",
    "published_contacts",
    "redact",
    "scan",
]

_PERSONAL_DATA = frozenset({"Finding", "published_contacts", "redact", "scan"})


def __getattr__(name: str) -> Any:
    if name in _PERSONAL_DATA:
        from wikitool.screening import personal_data

        return getattr(personal_data, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
