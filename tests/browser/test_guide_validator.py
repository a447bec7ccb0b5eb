"""The guide schema's checks in the browser (``theme/assets/javascripts/guide-validator.js``,
built by ``make assets``): ``window.WikitoolGuideValidator.validate(frontMatter)`` names
each problem by its field in the ``changes`` syntax, on a page whose Content-Security-
Policy allows no ``eval``, in real Chromium and without node."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from browsing import DESKTOP_ONLY, serving
from playwright.sync_api import Page

from wikitool.suggestions.editable_parts import editable_parts

ROOT = Path(__file__).resolve().parents[2]
VALIDATOR = ROOT / "theme" / "assets" / "javascripts" / "guide-validator.js"
PASSPORT = ROOT / "content" / "identity-and-travel" / "renew-an-adult-passport.md"
STRICT_PAGE = (
    "<!doctype html><html lang=en><head><meta charset=utf-8>"
    "<meta http-equiv=Content-Security-Policy content=\"default-src 'self'; script-src 'self'\">"
    "<title>Validator</title><script src=guide-validator.js></script></head>"
    "<body><p>Validator</p></body></html>"
)


def _front_matter() -> dict[str, Any]:
    """The passport guide's front matter as the suggestion page has it (JSON, dates as text)."""
    fields = editable_parts(PASSPORT.read_text(encoding="utf-8"), str(PASSPORT))["fields"]
    loaded = json.loads(json.dumps(fields, default=date.isoformat))
    assert isinstance(loaded, dict)
    return loaded


@pytest.fixture(scope="module")
def strict_page_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("validator")
    shutil.copy(VALIDATOR, site / "guide-validator.js")
    (site / "index.html").write_text(STRICT_PAGE, encoding="utf-8")
    with serving(site) as base_url:
        yield f"{base_url}/index.html"


def _validate(page: Page, url: str, front_matter: dict[str, Any]) -> list[dict[str, str]]:
    if page.url != url:
        page.goto(url)
    found = page.evaluate("fm => window.WikitoolGuideValidator.validate(fm)", front_matter)
    assert isinstance(found, list)
    return found


def _set(front_matter: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    node: Any = front_matter
    for step in path[:-1]:
        node = node[step]
    if value is _REMOVE:
        del node[path[-1]]
    else:
        node[path[-1]] = value


_REMOVE = object()

BAD = [
    (("fees", 0, "amount"), "86 euros", "fees[0].amount", "must be a number"),
    (("fees", 0, "label"), "", "fees[0].label", "must not be empty"),
    (
        ("fees", 1, "currency"),
        "eur",
        "fees[1].currency",
        "must be a currency code of three capital letters, such as EUR",
    ),
    (("documents", 1, "name"), _REMOVE, "documents[1].name", "is required"),
    (("title",), _REMOVE, "title", "is required"),
    (
        ("review_by",),
        "next year",
        "review_by",
        "must be a date written YYYY-MM-DD, such as 2026-10-27",
    ),
    (("eligibility",), [], "eligibility", "must have at least 1 item"),
    (("documents", 0, "colour"), "blue", "documents[0].colour", "is not a field a guide can have"),
]


@DESKTOP_ONLY
def test_the_reference_guide_is_valid_in_the_browser(page: Page, strict_page_url: str) -> None:
    assert _validate(page, strict_page_url, _front_matter()) == []


@DESKTOP_ONLY
@pytest.mark.parametrize(
    ("path", "value", "field", "message"), BAD, ids=[case[2] + " " + case[3] for case in BAD]
)
def test_a_bad_field_is_named_in_the_changes_syntax_with_one_message(
    page: Page,
    strict_page_url: str,
    path: tuple[str | int, ...],
    value: Any,
    field: str,
    message: str,
) -> None:
    front_matter = _front_matter()
    _set(front_matter, path, value)

    assert _validate(page, strict_page_url, front_matter) == [{"field": field, "message": message}]


@DESKTOP_ONLY
def test_a_fee_in_a_group_is_judged_as_a_fee_not_as_a_group(
    page: Page, strict_page_url: str
) -> None:
    front_matter = _front_matter()
    fee = dict(front_matter["fees"][0], amount="free")
    front_matter["fees"][0] = {"choose_one": [dict(fee, amount=10), fee]}

    assert _validate(page, strict_page_url, front_matter) == [
        {"field": "fees[0].choose_one[1].amount", "message": "must be a number"}
    ]
