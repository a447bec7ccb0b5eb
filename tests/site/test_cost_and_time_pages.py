"""The built site (a real ``mkdocs build`` of the reference wiki) says what the
reference guides state about cost and time, and nothing they do not state."""

from __future__ import annotations

import json

import pytest
from html_tree import Element, parse_html
from site_history import BuiltSite

COMPANY = "business/register-a-limited-company.md"
FOOD = "business/get-a-food-business-licence.md"
BENEFIT = "housing/apply-for-housing-benefit.md"


def _facts(site: BuiltSite, src: str) -> dict[str, str]:
    panel = parse_html(site.page(src)).find("article").find("section", "wt-panel")
    return {
        row.find("dt").text: row.find("dd").text.replace("\u00a0", " ")
        for row in panel.find_all("div", "wt-panel__fact")
    }


def _service(site: BuiltSite, src: str) -> dict[str, object]:
    page: Element = parse_html(site.page(src))
    blocks = [
        json.loads(s.raw_text)
        for s in page.find_all("script")
        if s.attrs.get("type") == "application/ld+json"
    ]
    service: dict[str, object] = blocks[0]
    return service


@pytest.mark.parametrize(
    ("src", "costs", "takes"),
    [
        (
            COMPANY,
            "One of: Online registration: €120.00 Same-day registration: + €130.00 On top of "
            "the online fee (250 euros in all), if you submit before 2pm on a working day. "
            "Paper registration: €180.00",
            "Usually within 1 working day, from when the Registry receives your online "
            "registration Up to 10 working days, from when the Registry receives your paper "
            "registration",
        ),
        (
            FOOD,
            "Food business licence: €180.00 Valid for 3 years. Temporary licence for an event: "
            "€45.00 For up to 14 days in a year.",
            "About 1 month on average, from when your complete application arrives Includes an "
            "inspection of your premises. You cannot open until you have the licence.",
        ),
        (
            BENEFIT,
            "Free",
            "14 to 42 days If you are already claiming jobseeker's allowance, decisions are "
            "usually faster.",
        ),
    ],
)
def test_the_panel_says_cost_and_time_as_the_guide_states_them(
    published: BuiltSite, src: str, costs: str, takes: str
) -> None:
    facts = _facts(published, src)

    assert (facts["What it costs"], facts["How long it takes"]) == (costs, takes)


def test_alternatives_and_add_ons_are_offers_in_the_structured_data(published: BuiltSite) -> None:
    assert _service(published, COMPANY)["offers"] == [
        {
            "@type": "Offer",
            "name": "Online registration",
            "price": "120.00",
            "priceCurrency": "EUR",
            "addOn": [
                {
                    "@type": "Offer",
                    "name": "Same-day registration",
                    "price": "130.00",
                    "priceCurrency": "EUR",
                }
            ],
        },
        {"@type": "Offer", "name": "Paper registration", "price": "180.00", "priceCurrency": "EUR"},
    ]
    assert _service(published, BENEFIT)["offers"] == [
        {"@type": "Offer", "name": "Free", "price": "0"}
    ]
