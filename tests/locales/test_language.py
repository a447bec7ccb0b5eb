"""A guide's ``lang`` is any BCP 47 tag Babel knows, judged once (wikitool/locales/
language.py) for check, suggestions and the site; the steps heading may be in it."""

from __future__ import annotations

import datetime as dt

import pytest
from language_guides import FRENCH, LANGUAGE_GUIDES, LanguageGuide

from wikitool.guides.checks import check_guide
from wikitool.guides.frontmatter import parse_guide
from wikitool.guides.scaffold import guide_skeleton
from wikitool.locales.catalogues import fallback_chain
from wikitool.locales.language import language_problem

TODAY = dt.date(2026, 11, 1)
LANG_LINE = FRENCH.text().split("\n").index("lang: fr") + 1


def _check(text: str, path: str = FRENCH.path) -> list[str]:
    return [str(p) for p in check_guide(path, text.encode(), {path}, TODAY, strict=True)]


@pytest.mark.parametrize(
    "tag", ["en", "fr", "es-419", "zh-Hans", "pt-BR", "de-CH", "sr-Latn-RS", "en-GB", "EN"]
)
def test_tags_babel_knows_are_accepted(tag: str) -> None:
    text = FRENCH.text().replace("lang: fr", f"lang: {tag}").replace("## Étapes", "## Steps")
    assert _check(text) == []


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("xx-ZZZ", "xx-ZZZ"),  # no such language, no such region
        ("zz", "zz"),  # a well-formed tag for a language CLDR does not know
        ("en_GB", "en_GB"),  # a POSIX locale name, not a BCP 47 tag
        ("English", "English"),
        ("i-klingon", "i-klingon"),  # grandfathered, unknown to CLDR
        ("'en '", "en "),  # trailing space
        ("fr-FR-x-private", "fr-FR-x-private"),  # private use: nothing to render it with
    ],
)
def test_unknown_tags_are_one_line_naming_file_and_line(written: str, shown: str) -> None:
    text = FRENCH.text().replace("lang: fr", f"lang: {written}").replace("## Étapes", "## Steps")
    assert _check(text) == [
        f'{FRENCH.path}:{LANG_LINE}: lang: "{shown}" is not a language tag Babel knows'
    ]


def test_a_problem_line_for_any_value() -> None:
    assert language_problem("es-419") is None
    assert language_problem(None) == 'lang: "None" is not a language tag Babel knows'


@pytest.mark.parametrize("guide", LANGUAGE_GUIDES, ids=lambda g: g.lang)
def test_the_steps_heading_may_be_in_the_guides_language(guide: LanguageGuide) -> None:
    assert _check(guide.text(), guide.path) == []
    assert _check(guide.text().replace(f"## {guide.steps_heading}", "## Steps"), guide.path) == []


@pytest.mark.parametrize(
    ("guide", "heading", "message"),
    [
        (FRENCH, "Pasos", "missing a '## Étapes' section with a numbered list of steps"),
        (LANGUAGE_GUIDES[1], "Étapes", "missing a '## Pasos' section with a numbered list of steps"),
        (LANGUAGE_GUIDES[2], "Schritt", "missing a '## Schritte' section with a numbered list of steps"),
    ],
    ids=lambda value: value.lang if isinstance(value, LanguageGuide) else None,
)
def test_another_languages_heading_is_not_the_steps(
    guide: LanguageGuide, heading: str, message: str
) -> None:
    text = guide.text().replace(f"## {guide.steps_heading}", f"## {heading}")
    closing_line = text.split("\n").index("---", 1) + 1
    assert _check(text, guide.path) == [f"{guide.path}:{closing_line}: {message}"]


def test_a_steps_section_without_a_list_is_named_as_written() -> None:
    text = FRENCH.text().replace("1. Prenez", "Prenez").replace("2. Apportez", "Apportez")
    line = text.split("\n").index("## Étapes") + 1
    assert _check(text) == [
        f"{FRENCH.path}:{line}: the '## Étapes' section has no numbered list (1., 2., 3.)"
    ]


@pytest.mark.parametrize(
    ("tag", "chain"),
    [
        ("es-419", ["es_419", "es", "en"]),
        ("zh-Hant-TW", ["zh_Hant_TW", "zh_Hant", "zh_TW", "zh", "en"]),
        ("de-CH", ["de_CH", "de", "en"]),
        ("en", ["en"]),
        ("xx-ZZZ", ["en"]),
    ],
)
def test_a_language_reads_the_nearest_catalogue_first(tag: str, chain: list[str]) -> None:
    assert fallback_chain(tag) == chain


@pytest.mark.parametrize(
    ("lang", "headings"),
    [
        ("en", ["Before you start", "Steps", "After you apply"]),
        ("fr", ["Avant de commencer", "Étapes", "Après votre demande"]),
        ("es-419", ["Antes de empezar", "Pasos", "Después de presentar la solicitud"]),
        ("de", ["Bevor Sie beginnen", "Schritte", "Nach dem Antrag"]),
    ],
)
def test_a_new_guide_is_written_in_its_language(lang: str, headings: list[str]) -> None:
    path = "content/housing/report-damp.md"
    text = guide_skeleton(path, "Report damp", TODAY, lang)

    assert parse_guide(text, path).data()["lang"] == lang
    assert [line[3:] for line in text.split("\n") if line.startswith("## ")] == headings
    assert _check(text, path) == []


def test_a_new_guide_in_an_unknown_language_is_refused() -> None:
    with pytest.raises(Exception, match='lang: "xx-ZZZ" is not a language tag Babel knows'):
        guide_skeleton("content/housing/report-damp.md", "Report damp", TODAY, "xx-ZZZ")
