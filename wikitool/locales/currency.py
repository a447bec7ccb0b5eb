"""Is this a currency we can write? One judgement, made by Babel (CLDR's ISO 4217 codes),
for ``wikitool check`` and the site's panel and structured data."""

from __future__ import annotations

from functools import cache

from babel.numbers import list_currencies


@cache
def _known() -> frozenset[str]:
    return frozenset(list_currencies())


def known_currencies() -> frozenset[str]:
    """Every ISO 4217 code Babel knows (the list the suggestion page's form checks against)."""
    return _known()


def is_known_currency(code: object) -> bool:
    """Whether ``code`` is an ISO 4217 code Babel knows, written as it is (``EUR``)."""
    return isinstance(code, str) and code in _known()


def currency_problem(code: object) -> str | None:
    """``None`` for a currency Babel knows; otherwise what is wrong, in a few words."""
    if is_known_currency(code):
        return None
    shown = code if isinstance(code, str) else repr(code)
    return f"'{shown}' is not an ISO 4217 currency code (such as EUR, GBP, USD or CAD)"
