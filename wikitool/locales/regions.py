"""Where a guide's readers live: the regions whose phone formats its text is read in.

A citizen writes their phone number the way people do in their own country ("34 41 23 45"
in Denmark, "(11) 96123-4567" in Brazil), which only that country's numbering plan
recognises. The country is inferred, most specific first, from:

1. the region of the guide's ``lang`` (``en-IE`` -> IE, ``pt-BR`` -> BR);
2. the wiki's country (``extra.wikitool.country`` in ``mkdocs.yml``), an ISO 3166 code;
3. the region where the language is most likely spoken, from CLDR's likely subtags
   (``da`` -> DK, ``nb`` and ``no`` -> NO, ``en`` -> US, ``pt`` -> BR).

International forms ("+45 ...") need no region; the screening adds a fixed list of
regions after these (``wikitool.screening.phones.PHONE_REGIONS``).
"""

from __future__ import annotations

import functools

from babel import Locale
from babel.core import get_global, parse_locale

from wikitool.locales.language import known_locale


def phone_regions(lang: object, country: str | None = None) -> tuple[str, ...]:
    """The regions (ISO 3166 alpha-2, upper case) to read a guide's phone numbers in.

    Args:
        lang: the guide's ``lang`` (anything: a tag Babel does not know adds nothing).
        country: the wiki's country, already checked with :func:`country_problem`.
    """
    found: list[str] = []
    locale = known_locale(lang) if isinstance(lang, str) else None
    if locale is not None and locale.territory and _is_country(locale.territory):
        found.append(locale.territory)
    if country:
        found.append(country.upper())
    if locale is not None:
        likely = _likely_territory(locale.language)
        if likely:
            found.append(likely)
    return tuple(dict.fromkeys(found))


def country_problem(value: object) -> str | None:
    """``None`` for a country code CLDR knows (``DK``, ``ie``); else the one-line reason."""
    if isinstance(value, str) and _is_country(value.upper()) and value.upper() in _territories():
        return None
    return f'country: "{value}" is not an ISO 3166 country code such as DK or IE'


@functools.lru_cache(maxsize=256)
def _likely_territory(language: str) -> str | None:
    likely = get_global("likely_subtags").get(language)
    if not likely:
        return None
    territory = parse_locale(likely)[1]
    return territory if _is_country(territory) else None


def _is_country(territory: str | None) -> bool:
    # "419" (Latin America) and other UN M.49 areas are not countries.
    return territory is not None and len(territory) == 2 and territory.isalpha()


# Codes CLDR names that are groupings or placeholders, not countries.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ"})


@functools.cache
def _territories() -> frozenset[str]:
    return frozenset(Locale("en").territories) - _NOT_COUNTRIES
