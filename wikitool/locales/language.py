"""Is this a language tag we can render? One judgement, made by Babel (CLDR), for
``wikitool check``, suggestion screening (through ``check_guide``) and the site.

A guide's ``lang`` is a BCP 47 tag written with hyphens: ``en``, ``fr``, ``es-419``,
``zh-Hans``, ``pt-BR``, ``de-CH``. A tag Babel cannot parse, or whose language CLDR does
not know, is refused: the site could neither label nor format the page in it.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError

DEFAULT_LANGUAGE = "en"
"""The language of a page that names none, and the last fallback of every catalogue."""

# Bare English in CLDR is American English (October 6, 2026; $). A guide that says only
# `en` is read in CLDR's international English (6 October 2026), as the wiki always
# wrote it; `en-US` still gets American formats.
_FORMATS_OF_BARE = {"en": "en_001"}


@lru_cache(maxsize=256)
def known_locale(tag: str) -> Locale | None:
    """The Babel locale of a BCP 47 ``tag``, or ``None`` if Babel does not know it."""
    if not tag or tag != tag.strip():
        return None
    try:
        return Locale.parse(tag, sep="-")
    except (ValueError, TypeError, UnknownLocaleError):
        return None


def language_problem(tag: object) -> str | None:
    """``None`` for a tag the site can render; otherwise the one line ``check`` reports."""
    if isinstance(tag, str) and known_locale(tag) is not None:
        return None
    shown = tag if isinstance(tag, str) else repr(tag)
    return f'lang: "{shown}" is not a language tag Babel knows'


def page_language(tag: object, default: str = DEFAULT_LANGUAGE) -> str:
    """``tag`` if it is a language the site can render, else ``default``."""
    return tag if isinstance(tag, str) and known_locale(tag) is not None else default


@lru_cache(maxsize=256)
def formatting_locale(tag: str) -> Locale:
    """The locale money, numbers and dates of a page in ``tag`` are written in."""
    locale = known_locale(tag) or known_locale(DEFAULT_LANGUAGE)
    assert locale is not None  # Babel always knows English
    bare = _FORMATS_OF_BARE.get(str(locale))
    return Locale.parse(bare) if bare else locale
