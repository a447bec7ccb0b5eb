"""The one judgement of a name and an e-mail address that may go into a mail header.

A citizen types both; the sender later places them in ``To:``. A line break there would
add headers of the citizen's choosing (``Bcc:``), so a name or address with any control
character is refused at submission, and an address must parse whole as one plain
``local@domain`` (``email.headerregistry.Address``), never a list or a display form.
"""

from __future__ import annotations

import unicodedata
from email.errors import HeaderParseError
from email.headerregistry import Address

# Cc: controls (CR, LF, NUL, tab...); Zl/Zp: the Unicode line and paragraph separators,
# which some mail software also ends a header at.
_REFUSED_CATEGORIES = {"Cc", "Zl", "Zp"}


def header_unsafe(text: str) -> bool:
    """Whether ``text`` holds a line break or another control character."""
    return any(unicodedata.category(ch) in _REFUSED_CATEGORIES for ch in text)


def address_problem(email: str) -> str | None:
    """Why ``email`` cannot be a recipient (one phrase), or None when it can."""
    if header_unsafe(email):
        return "contains a line break or control character"
    try:
        parsed = Address(addr_spec=email)
    except (ValueError, HeaderParseError):
        return "is not an e-mail address"
    local, _, domain = email.rpartition("@")
    if (
        parsed.addr_spec != email
        or not local
        or '"' in local
        or not local.isascii()
        or "." not in domain
        or domain.startswith("[")
    ):
        return "is not an e-mail address"
    return None


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a recipient's display name, or None when it can."""
    if header_unsafe(name):
        return "contains a line break or control character"
    return None


def recipient(name: str, email: str) -> Address:
    """The ``To:`` address; the name is encoded by the email package, never pasted.

    Raises:
        ValueError: the name or address was not checked (a programming error).
    """
    problem = address_problem(email) or name_problem(name)
    if problem:
        raise ValueError(f"recipient {problem}")
    local, _, domain = email.rpartition("@")
    return Address(display_name=name, username=local, domain=domain)
