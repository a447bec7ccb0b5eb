"""The gettext catalogues of the labels readers see: ``<lang>/LC_MESSAGES/wikitool.po``
beside this module, one folder per language, read with Babel and compiled in memory
(no ``.mo`` file is committed or shipped).

A page in ``es-419`` reads ``es_419`` if there is such a catalogue, then ``es``, then
English: an agency adds a language by adding a catalogue, and a label missing from one
falls back to the next. ``tests/locales/test_catalogues.py`` asserts that every label
the code asks for is in every catalogue.
"""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from wikitool.locales.language import DEFAULT_LANGUAGE, known_locale

CATALOGUE_DIR = Path(__file__).parent
DOMAIN = "wikitool"


def N_(message: str) -> str:  # gettext's name for the marker
    """Mark ``message`` as a label for the catalogues where it is written, to be
    translated where it is shown (``display._(NAME)``)."""
    return message


STEPS = N_("Steps")
"""The msgid of the heading of a guide's numbered steps (``## Steps``, ``## Étapes``)."""
OR = N_("or")
AND = N_("and")
"""The msgids of the words that, alone between two lists of steps, join them: ``or``
(one or the other), ``and`` (both, in any order)."""


def catalogue_path(language: str) -> Path:
    """Where the catalogue of ``language`` (a Babel name: ``fr``, ``es_419``) lives."""
    return CATALOGUE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def catalogue_languages() -> list[str]:
    """The languages that have a catalogue, sorted."""
    return sorted(p.parent.parent.name for p in CATALOGUE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def fallback_chain(tag: str) -> list[str]:
    """The catalogue names a page in ``tag`` reads, nearest first: ``es-419`` ->
    ``es_419``, ``es``, ``en``; ``zh-Hant-TW`` -> ``zh_Hant_TW``, ``zh_Hant``, ``zh``, ``en``."""
    chain: list[str] = []
    locale = known_locale(tag)
    if locale is not None:
        names = [
            str(locale),
            f"{locale.language}_{locale.script}" if locale.script else "",
            f"{locale.language}_{locale.territory}" if locale.territory else "",
            locale.language,
        ]
        chain = [name for name in names if name]
    chain.append(DEFAULT_LANGUAGE)
    return list(dict.fromkeys(chain))


def labels_language(tag: str) -> str:
    """The language a page in ``tag`` reads its labels in: the nearest catalogue of its
    chain (``it`` -> ``en`` while there is no Italian catalogue; ``es-419`` -> ``es``)."""
    chain = fallback_chain(tag)
    return next((name for name in chain if catalogue_path(name).is_file()), chain[-1])


@lru_cache(maxsize=64)
def translations(tag: str) -> NullTranslations:
    """The labels of a page in ``tag``, each from the nearest catalogue that has it."""
    first: NullTranslations | None = None
    for name in fallback_chain(tag):
        path = catalogue_path(name)
        if not path.is_file():
            continue
        compiled = _compiled(path)
        if first is None:
            first = compiled
        else:
            first.add_fallback(compiled)
    return first if first is not None else NullTranslations()


def _compiled(path: Path) -> Translations:
    with path.open("rb") as handle:
        # A malformed catalogue fails loudly here, not as a warning in some command's output.
        catalog = read_po(handle, domain=DOMAIN, abort_invalid=True)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def steps_heading(tag: str) -> str:
    """The heading of the steps section in ``tag``'s language: ``Steps``, ``Étapes``."""
    return translations(tag).gettext(STEPS)


def steps_headings(tag: str) -> frozenset[str]:
    """The headings (casefolded) a guide in ``tag`` may give its steps: its own
    language's and English's, so a guide keeps passing while it is being translated."""
    return frozenset({STEPS.casefold(), steps_heading(tag).casefold()})


def step_joins(tag: str) -> dict[str, str]:
    """The words (casefolded) that join two lists of steps in ``tag``'s language and in
    English, each mapped to its msgid: ``{"ou": "or", "or": "or", "et": "and", ...}``."""
    labels = translations(tag)
    return {
        **{word: word for word in (OR, AND)},
        **{labels.gettext(word).casefold(): word for word in (OR, AND)},
    }
