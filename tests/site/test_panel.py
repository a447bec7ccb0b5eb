"""The at-a-glance panel reads right for every shape of front matter, even a wrong one."""

from __future__ import annotations

from datetime import date

import pytest
from html_tree import parse_html

from wikitool.mkdocs_plugin.display import ENGLISH
from wikitool.mkdocs_plugin.guide import GuideFacts
from wikitool.mkdocs_plugin.panel import render_panel
from wikitool.mkdocs_plugin.panel_time import time_html


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        (85, "EUR", "€85.00"),
        (85.5, "GBP", "£85.50"),
        # A guide in bare `en` is written in CLDR's international English: the symbol
        # says which dollar or yen.
        (1200, "USD", "US$1,200.00"),
        (500, "JPY", "JP¥500"),
        (85, "CHF", "CHF85.00"),
        (0, "EUR", "Free"),
    ],
)
def test_money(amount: float, currency: str, text: str) -> None:
    assert ENGLISH.money(amount, currency) == text


@pytest.mark.parametrize(
    ("min_days", "max_days", "text"),
    [
        (10, 21, "10 to 21 days"),
        (None, 21, "Up to 21 days"),
        (0, 5, "Up to 5 days"),
        (7, 7, "7 days"),
        (None, 1, "Up to 1 day"),
        (None, 0, "Same day"),
        (None, 1200, "Up to 1,200 days"),
    ],
)
def test_durations(min_days: int | None, max_days: int, text: str) -> None:
    time = {"max_days": max_days} | ({} if min_days is None else {"min_days": min_days})
    guide = GuideFacts.from_data({"processing_time": time}, "A guide")

    assert time_html(guide, ENGLISH) == f"<p>{text}</p>"


def test_english_dates_read_day_month_year() -> None:
    assert ENGLISH.long_date(date(2026, 10, 6)) == "6 October 2026"


@pytest.mark.parametrize(
    ("fees", "costs"),
    [
        ([], "What it costs Free"),
        ([{"label": "Renewal", "amount": 86, "currency": "EUR"}], "What it costs €86.00 (Renewal)"),
        ([{"label": "Copy", "amount": 0, "currency": "EUR"}], "What it costs Free"),
        # Malformed fees are left out; a list of nothing but malformed fees says nothing,
        # rather than "Free".
        ([{"label": "Renewal", "amount": "86", "currency": "EUR"}], None),
        ([{"label": "Renewal", "amount": -1, "currency": "EUR"}], None),
        (
            [
                {"label": "A", "amount": 5, "currency": "euro"},
                {"label": "B", "amount": 7, "currency": "EUR"},
            ],
            "What it costs €7.00 (B)",
        ),
        ("gratis", None),
        ([{"label": "Unknown money", "amount": 5, "currency": "XYZ"}], None),
    ],
)
def test_what_it_costs(fees: object, costs: str | None) -> None:
    guide = GuideFacts.from_data({"title": "T", "fees": fees, "eligibility": ["Anyone."]}, "T")

    rows = [row.text for row in parse_html(render_panel(guide)).find_all("div", "wt-panel__fact")]

    assert [r for r in rows if r.startswith("What it costs")] == ([costs] if costs else [])


def test_only_https_addresses_become_links() -> None:
    guide = GuideFacts.from_data(
        {
            "apply": {
                "online": {"url": "http://plain.invalid"},
                "by_post": {"address": "PO Box 1"},
            },
            "legal_basis": [
                {"title": "Act", "url": "javascript:alert(1)"},
                {"title": "Rules", "url": "https://laws.invalid/rules"},
            ],
        },
        "T",
    )

    panel = parse_html(render_panel(guide))

    assert [a.attrs["href"] for a in panel.find_all("a")] == ["https://laws.invalid/rules"]
    assert "How to apply Online By post: PO Box 1" in panel.text


def test_a_guide_without_facts_has_no_panel() -> None:
    assert render_panel(GuideFacts.from_data({"title": "T", "fees": None}, "T")) == ""
