"""Screening of untrusted text before it reaches git: personal data, unsafe markup,
invisible characters.

Every name below loads on first use (PEP 562): importing any screening module
(``unicode_text``, ``markup``) must not compile the personal-data scanner's few hundred
patterns, nor load the invisible-character check, which a site build or a CLI command
that screens nothing never runs.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# name -> the module under wikitool.screening that defines it
_HOMES = {
    "Finding": "personal_data",
    "published_contacts": "personal_data",
    "redact": "personal_data",
    "scan": "personal_data",
    "InvisibleCharacter": "invisible",
    "find_invisible_characters": "invisible",
    "UnsafeMarkup": "markup",
    "find_unsafe_markup": "markup",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)
