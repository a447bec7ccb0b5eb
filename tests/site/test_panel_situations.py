"""The panel of a guide with situations: a question whose answer is the same in every
situation is answered once, in the common facts; a question whose answer depends on the
situation is answered whole in each situation's section, headed by its label. Each
section holds exactly what applies in that situation (its ``when``), and a fact tied to
another (an add-on, a deadline for one way to apply) follows it."""

from __future__ import annotations

from typing import Any

import pytest
from html_tree import Element, parse_html
from situation_guides import FRONT_MATTER, SITUATIONS

from wikitool.mkdocs_plugin.guide import GuideFacts
from wikitool.mkdocs_plugin.panel import render_panel

NBSP = "\u00a0"


def _panel(front_matter: dict[str, Any] = FRONT_MATTER, **changes: Any) -> Element:
    data = {**front_matter, **changes}
    return parse_html(render_panel(GuideFacts.from_data(data, "Get a passport")))


def _rows(facts: Element) -> dict[str, str]:
    """Each fact of a list (or section) by its label, its value as text."""
    return {
        row.find("dt").text: row.find("dd").text.replace(NBSP, " ")
        for row in facts.find_all("div", "wt-panel__fact")
    }


def _section(panel: Element, situation: str) -> Element:
    found = [
        s for s in panel.find_all("section", "wt-situation") if s.attrs["data-situation"] == situation
    ]
    assert len(found) == 1, situation
    return found[0]


def _common(panel: Element) -> dict[str, str]:
    """The facts outside every situation's section."""
    inside = {id(dl) for s in panel.find_all("section", "wt-situation") for dl in s.find_all("dl")}
    outside = [dl for dl in panel.find_all("dl", "wt-panel__facts") if id(dl) not in inside]
    return {label: value for dl in outside for label, value in _rows(dl).items()}


def test_each_declared_situation_has_a_section_headed_by_its_label_in_order() -> None:
    sections = _panel().find_all("section", "wt-situation")

    assert [s.attrs["data-situation"] for s in sections] == list(SITUATIONS)
    assert [s.children[0].tag for s in sections] == ["h3"] * 3
    assert [s.find("h3").text for s in sections] == list(SITUATIONS.values())


def test_what_is_the_same_in_every_situation_is_said_once_outside_the_sections() -> None:
    panel = _panel()

    assert _common(panel) == {
        "Who can apply": "You are a Velorian citizen.",
        "Legal basis": "Passports Act 2019",
    }
    for situation in SITUATIONS:
        assert "Who can apply" not in _rows(_section(panel, situation))


# (situation, the facts its section states)
SECTIONS = [
    ("in-country", {
        "What it costs": "€96.00 (Adult passport)",
        "How long it takes": "About 3 weeks on average",
        "What to bring": "A passport photo taken in the last month",
        "How to apply": "Online services.veloria.invalid/passport",
    }),
    ("abroad", {
        "What it costs": "Adult passport: €120.00 Courier return: + €12.00",
        "How long it takes": "Up to 10 weeks",
        "What to bring": "A passport photo taken in the last month Proof of your address abroad",
        "How to apply": "Online services.veloria.invalid/passport "
                        "In person: At an embassy The Velorian embassy or consulate nearest to you",
        "Deadlines": "Book your appointment: 6 weeks before you travel Only for: At an embassy",
    }),
    ("child", {
        "What it costs": "One of: Child passport online: €50.00 Child passport on paper: €58.00",
        "How long it takes": "About 3 weeks on average",
        "What to bring": "A passport photo taken in the last month Consent of both parents",
        "How to apply": "Online services.veloria.invalid/passport",
    }),
]  # fmt: skip


@pytest.mark.parametrize(("situation", "facts"), SECTIONS, ids=[s for s, _ in SECTIONS])
def test_each_section_answers_whole_what_depends_on_the_situation(
    situation: str, facts: dict[str, str]
) -> None:
    assert _rows(_section(_panel(), situation)) == facts


EURO = {"currency": "EUR"}
# (the fees, what the "child" situation's section says they cost; None: no cost row)
FEES_IN_A_SITUATION = [
    # An alternative left alone is the fee to pay, with the group's note.
    ([{"choose_one": [{"label": "Online", "amount": 50, **EURO},
                      {"label": "Paper", "amount": 58, **EURO, "when": ["abroad"]}],
       "note": "Pay when you apply."}],
     "€50.00 (Online) Pay when you apply."),
    # An add-on follows the fee it is paid on top of, whatever its own when.
    ([{"id": "a", "label": "Adult", "amount": 96, **EURO, "when": ["abroad"]},
      {"label": "Courier", "amount": 12, **EURO, "adds_to": "a"},
      {"label": "Child", "amount": 50, **EURO, "when": ["child"]}],
     "€50.00 (Child)"),
    # No fee applies: the guide does not say what it costs (never "Free").
    ([{"label": "Adult", "amount": 96, **EURO, "when": ["abroad"]}], None),
    # A situation where only free fees apply is free.
    ([{"label": "Adult", "amount": 96, **EURO, "when": ["abroad"]},
      {"label": "Child", "amount": 0, **EURO, "when": ["child"]}],
     "Free"),
]  # fmt: skip


@pytest.mark.parametrize(("fees", "costs"), FEES_IN_A_SITUATION)
def test_a_situations_fees_are_the_ones_that_apply_in_it(
    fees: list[dict[str, Any]], costs: str | None
) -> None:
    assert _rows(_section(_panel(fees=fees), "child")).get("What it costs") == costs


def test_a_deadline_for_a_way_to_apply_follows_that_way() -> None:
    panel = _panel()

    assert "Deadlines" in _rows(_section(panel, "abroad"))
    assert "Deadlines" not in _rows(_section(panel, "in-country"))
    assert "Deadlines" not in _common(panel)


def test_free_and_not_stated_are_the_same_in_every_situation() -> None:
    panel = _panel(fees="free", time="not stated")

    assert _common(panel)["What it costs"] == "Free"
    assert _common(panel)["How long it takes"] == "Not stated by the agency"


def test_a_situation_with_nothing_of_its_own_says_so() -> None:
    panel = _panel(fees="free", time=[], documents=[], deadlines=[], channels=[])

    for situation in SITUATIONS:
        assert _section(panel, situation).text.endswith("Nothing more is stated for this situation.")


def test_a_guide_without_situations_has_no_picker_and_no_sections() -> None:
    plain = {key: value for key, value in FRONT_MATTER.items() if key != "situations"}

    html = render_panel(GuideFacts.from_data(plain, "Get a passport"))

    assert "wt-situation" not in html and "<form" not in html and "data-situation" not in html
    assert html.count('<dl class="wt-panel__facts">') == 1


def test_labels_of_situations_are_text() -> None:
    hostile = {"abroad": '<img src=x onerror="alert(1)">', 'x"><script>': "Quote"}

    html = render_panel(GuideFacts.from_data({**FRONT_MATTER, "situations": hostile}, "T"))

    assert "<img" not in html and "<script>" not in html
    assert 'data-situation="x&quot;&gt;&lt;script&gt;"' in html


def test_once_one_condition_depends_on_the_situation_each_section_lists_them_all() -> None:
    adults = {"text": "You are 16 or over.", "when": ["in-country", "abroad"]}
    panel = _panel(eligibility=["You are a Velorian citizen.", adults])

    assert "Who can apply" not in _common(panel)
    assert _rows(_section(panel, "abroad"))["Who can apply"] == (
        "You are a Velorian citizen. You are 16 or over."
    )
    assert _rows(_section(panel, "child"))["Who can apply"] == "You are a Velorian citizen."
