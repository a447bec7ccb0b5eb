"""Screening of untrusted text before it reaches git: personal data, unsafe markup,
invisible characters."""

from wikitool.screening.invisible import InvisibleCharacter, find_invisible_characters
from wikitool.screening.markup import UnsafeMarkup, find_unsafe_markup
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
