"""The page shows a guide's steps as ``guides/steps.py`` reads them: each group of some
situations wrapped in ``data-when`` with a clean heading and anchor, each ``or``/``and``
a separator a screen reader reads as the word. A real ``mkdocs build`` of a small wiki."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from html_tree import Element, parse_html
from step_guides import CATEGORY, FRENCH, GUIDES, PASSPORT, PLAIN

from wikitool.guides.checks import check_guide


def _body(site: Path, page: str) -> Element:
    """The guide's own text on its page (the panel left out)."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    return parse_html(html).find("div", "wt-body")


@pytest.mark.parametrize("path", list(GUIDES))
def test_the_guides_pass_strict_check(path: str) -> None:
    existing = {path, f"content/{CATEGORY}/index.md"}
    problems = check_guide(path, GUIDES[path], existing, dt.date(2026, 12, 1), strict=True)

    assert problems == []


def test_a_group_of_some_situations_is_wrapped_in_data_when(step_site: Path) -> None:
    groups = _body(step_site, PASSPORT).find_all("div", "wt-step-group")

    assert [(g.attrs["data-when"], g.find("h3").text.removesuffix("¶")) for g in groups] == [
        ("in-country under-16", "Apply in Veloria"),
        ("abroad", "Apply from abroad"),
        ("under-16", "A parent signs"),
        ("under-16", "A guardian signs"),
    ]
    abroad = groups[1]
    assert [li.text for li in abroad.find_all("li")] == [
        "Book an appointment at the embassy.",
        "Bring your photo and your passport.",
    ]


def test_a_group_for_every_situation_is_not_wrapped(step_site: Path) -> None:
    article = _body(step_site, PASSPORT)
    prepare = next(h for h in article.find_all("h3") if h.attrs["id"] == "prepare")

    assert all(prepare not in g.iter() for g in article.find_all("div", "wt-step-group"))


def test_the_headings_anchors_and_contents_stay_clean(step_site: Path) -> None:
    article = _body(step_site, PASSPORT)
    headings = article.find_all("h3")
    page = parse_html((step_site / PASSPORT / "index.html").read_text(encoding="utf-8"))
    toc = [a.attrs["href"] for a in page.find("nav", "md-nav--secondary").find_all("a")]

    assert [h.attrs["id"] for h in headings] == [
        "prepare", "apply-in-veloria", "apply-from-abroad", "a-parent-signs", "a-guardian-signs",
    ]  # fmt: skip
    assert [h.find("a", "headerlink").attrs["href"] for h in headings] == [
        f"#{h.attrs['id']}" for h in headings
    ]
    assert "{when" not in (step_site / PASSPORT / "index.html").read_text(encoding="utf-8")
    assert {f"#{h.attrs['id']}" for h in headings} <= set(toc)


@pytest.mark.parametrize(
    ("page", "separators"),
    [
        (PASSPORT, [("wt-step-or", "or"), ("wt-step-or", "or"), ("wt-step-and", "and"),
                    ("wt-step-or", "or")]),
        (FRENCH, [("wt-step-or", "ou")]),
        (PLAIN, []),
    ],
)
def test_or_and_and_are_separators_read_as_the_word(
    step_site: Path, page: str, separators: list[tuple[str, str]]
) -> None:
    found = [
        (p.attrs["class"], p.text)
        for p in _body(step_site, page).find_all("p")
        if p.attrs.get("class", "").startswith("wt-step-")
    ]

    assert found == separators


def test_a_separator_between_groups_shows_where_both_groups_show(step_site: Path) -> None:
    article = _body(step_site, PASSPORT)
    wrapped = {id(p) for g in article.find_all("div", "wt-step-group") for p in g.find_all("p")}
    separators = article.find_all("p", "wt-step-or")

    # In a group: inside its wrapper. Between groups: outside both, shown where both are
    # (between the Veloria and the abroad groups: in no one situation, so only while
    # none is chosen).
    assert [(id(p) in wrapped, p.attrs.get("data-when")) for p in separators] == [
        (True, None),
        (False, ""),
        (False, "under-16"),
    ]
