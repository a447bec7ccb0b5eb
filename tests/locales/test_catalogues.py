"""Every label the code asks for is in every catalogue, translated with the same fields:
an agency adds a language by adding a catalogue, and this test tells it what is missing."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from catalogue_messages import Message, code_messages

from wikitool.locales.catalogues import catalogue_languages, catalogue_path, translations
from wikitool.mkdocs_plugin.display import Display

LANGUAGES = catalogue_languages()
MESSAGES = code_messages()
# Asked for by their English text through the catalogues (the scaffold's headings).
SCAFFOLD = {"Before you start", "After you apply"}


def _catalogue(language: str) -> Catalog:
    with catalogue_path(language).open("rb") as handle:
        return read_po(handle)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalogue_is_well_formed(language: str) -> None:
    # A merge can drop a line (a msgid without its msgstr): Babel only warns when reading.
    with catalogue_path(language).open("rb") as handle:
        read_po(handle, abort_invalid=True)


def test_the_four_languages_ship() -> None:
    assert {"en", "fr", "es", "de"} <= set(LANGUAGES)


def test_the_code_asks_for_labels() -> None:
    # The walk itself must find what the panel asks for, or the test below proves nothing.
    assert {"What it costs", "Steps", "Online", ("{count} day", "{count} days")} <= set(MESSAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_label_is_in_every_catalogue(language: str) -> None:
    catalogue = _catalogue(language)
    missing = [
        f"{where}: {message!r}" for message, where in MESSAGES.items() if _singular(message) not in catalogue
    ]
    missing += [repr(m) for m in SCAFFOLD if m not in catalogue]
    assert missing == []


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_every_label_is_translated_with_its_fields(language: str) -> None:
    catalogue = _catalogue(language)
    wrong = []
    for message in catalogue:
        if not message.id:
            continue  # the header
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(texts):
            wrong.append(f"{ids[0]!r}: not translated")
        elif any(_fields(text) != _fields(ids[-1]) for text in texts):
            wrong.append(f"{ids[0]!r}: fields {sorted(_fields(ids[-1]))} changed")
        if message.pluralizable and len(texts) != catalogue.num_plurals:
            wrong.append(f"{ids[0]!r}: {len(texts)} forms, the language has {catalogue.num_plurals}")
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_catalogue_holds_a_label_the_code_no_longer_asks_for(language: str) -> None:
    asked = {_singular(m) for m in MESSAGES} | SCAFFOLD
    held = {_singular(m.id) for m in _catalogue(language) if m.id}
    assert sorted(held - asked) == []


def _singular(message: Message) -> str:
    return message if isinstance(message, str) else message[0]


@pytest.mark.parametrize(
    ("lang", "counts"),
    [
        ("en", {0: "0 guides", 1: "1 guide", 2: "2 guides", 1200: "1,200 guides"}),
        ("fr", {0: "0 guide", 1: "1 guide", 2: "2 guides", 1200: "1\u202f200 guides"}),
        ("es-419", {0: "0 guías", 1: "1 guía", 2: "2 guías", 1200: "1,200 guías"}),
        ("de", {0: "0 Leitfäden", 1: "1 Leitfaden", 2: "2 Leitfäden", 1200: "1.200 Leitfäden"}),
    ],
)
def test_plurals_follow_each_languages_rules(lang: str, counts: dict[int, str]) -> None:
    display = Display.of(lang)
    assert {n: display.plural("{count} guide", "{count} guides", n) for n in counts} == counts


def test_a_language_without_a_catalogue_reads_english() -> None:
    assert translations("ja").gettext("What it costs") == "What it costs"
    assert translations("pt-BR").gettext("Steps") == "Steps"


def test_a_label_missing_from_a_regional_catalogue_falls_back_to_the_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import wikitool.locales.catalogues as catalogues

    for language in ("es", "en"):
        source = catalogue_path(language)
        target = tmp_path / language / "LC_MESSAGES" / source.name
        target.parent.mkdir(parents=True)
        target.write_bytes(source.read_bytes())
    regional = tmp_path / "es_419" / "LC_MESSAGES" / "wikitool.po"
    regional.parent.mkdir(parents=True)
    regional.write_text('msgid ""\nmsgstr ""\n"Language: es_419\\n"\n\nmsgid "Free"\nmsgstr "Sin costo"\n')
    monkeypatch.setattr(catalogues, "CATALOGUE_DIR", tmp_path)
    catalogues.translations.cache_clear()
    try:
        labels = catalogues.translations("es-419")
        assert (labels.gettext("Free"), labels.gettext("Steps"), labels.gettext("Yes")) == (
            "Sin costo", "Pasos", "Sí"
        )
    finally:
        catalogues.translations.cache_clear()
