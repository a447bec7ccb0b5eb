"""A page in a language with no catalogue of its own reads its labels in English, and
each label says so (WCAG 2.1 3.1.2, Language of Parts); a page whose language has a
catalogue is written exactly as before."""

from __future__ import annotations

import pytest

from wikitool.locales.catalogues import labels_language
from wikitool.mkdocs_plugin.display import Display
from wikitool.mkdocs_plugin.stats_page import month_chart
from wikitool.review.public_stats import Month

EN = '<span lang="en" dir="ltr">'


@pytest.mark.parametrize(
    ("tag", "labels"),
    [
        ("en", "en"),
        ("en-GB", "en"),
        ("fr", "fr"),
        ("fr-CA", "fr"),
        ("es-419", "es"),
        ("de-AT", "de"),
        ("it", "en"),
        ("pt-BR", "en"),
        ("ar", "en"),
        ("ps", "en"),
    ],
)
def test_the_labels_come_from_the_nearest_catalogue(tag: str, labels: str) -> None:
    assert labels_language(tag) == labels


@pytest.mark.parametrize("tag", ["en", "en-GB", "fr", "es-419", "de"])
def test_a_language_with_a_catalogue_is_written_as_before(tag: str) -> None:
    d = Display.of(tag)
    assert d.label_attributes == ""
    assert "<span" not in d.html("Checked by {agency} on {date}", agency="A", date="D")
    assert "lang=" not in d.option_html("Every situation")


@pytest.mark.parametrize(
    ("call", "html"),
    [
        (lambda d: d.html("At a glance"), f"{EN}At a glance</span>"),
        (
            lambda d: d.html("Checked by {agency} on {date}", agency="Ufficio", date="6 ottobre"),
            f"{EN}Checked by</span> Ufficio {EN}on</span> 6 ottobre",
        ),
        (
            lambda d: d.html("{source} (read on {date})", source="<a>x</a>", date="D"),
            f"<a>x</a> {EN}(read on</span> D{EN})</span>",
        ),
        (lambda d: d.plural("{count} day", "{count} days", 3), f"3 {EN}days</span>"),
        (lambda d: d.money_html(0, "EUR"), f"{EN}Free</span>"),
        (lambda d: d.money_html(86, "EUR"), "86,00\u00a0€"),
        (
            lambda d: d.option_html("Every situation"),
            '<option value="" lang="en" dir="ltr">Every situation</option>',
        ),
    ],
)
def test_each_literal_part_of_a_fallen_back_label_says_it_is_english(call, html: str) -> None:  # type: ignore[no-untyped-def]
    d = Display.of("it")
    assert d.label_attributes == ' lang="en" dir="ltr"'
    assert call(d) == html


def test_a_right_to_left_page_keeps_the_english_labels_left_to_right() -> None:
    assert Display.of("ar").html("What it costs") == f"{EN}What it costs</span>"


def test_inside_svg_a_label_says_its_language_on_its_own_element() -> None:
    # An HTML <span> inside SVG would end the drawing (the parser breaks out of it).
    chart = month_chart([Month("2026-11", submitted=3, accepted=2, rejected=1)], Display.of("it"))
    svg = chart[chart.index("<svg") : chart.index("</svg>")]

    assert "<span" not in svg
    assert '<title id="__wt-chart-title" lang="en" dir="ltr">Suggestions accepted' in svg
    assert '<text x="26" y="18" lang="en" dir="ltr">Accepted</text>' in svg
