"""The guide schema: shipped in the package, and each kind of bad front matter reported
with the field, the file line and a plain-English message."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from guide_samples import GUIDE, GUIDE_PATH, edit
from jsonschema import Draft202012Validator

from wikitool.guides.frontmatter import parse_guide
from wikitool.schema import (
    load_guide_schema,
    schema_path,
    validate_front_matter,
    validate_index_front_matter,
)

BAD_FRONT_MATTER = [
    # (what, text to replace, replacement, the problems as printed without the path)
    ("missing field", "summary: Renew your passport if it has expired or will expire in the "
     "next 9 months.\n", "", ["1: missing required field 'summary'"]),
    ("missing nested field", "    currency: EUR\n    note: Includes", "    note: Includes",
     ["13: fees[1]: missing required field 'currency'"]),
    ("unknown field", "lang: en\n", "lang: en\ncolour: blue\n", ["43: unknown field 'colour'"]),
    ("misspelt field", "owner: Passport", "ownr: Passport",
     ["1: missing required field 'owner'", "6: unknown field 'ownr' (did you mean 'owner'?)"]),
    ("unknown nested field", "    amount: 86\n", "    amount: 86\n    price: 86\n",
     ["15: fees[1]: unknown field 'price'"]),
    ("wrong type: text for a list", "fees:\n  - label: Online application\n    amount: 75.5\n"
     "    currency: EUR\n  - label: Paper form by post\n    amount: 86\n    currency: EUR\n"
     "    note: Includes return postage.\n", "fees: gratis\n",
     ["9: fees: must be a list of fees, 'free' or 'not stated'"]),
    ("wrong type: text for a number", "max_days: 21", "max_days: three weeks",
     ["19: processing_time.max_days: must be a whole number, not the text 'three weeks'"]),
    ("wrong type: empty", "title: Renew an adult passport", "title:",
     ["2: title: must be text, not empty"]),
    ("wrong type: text for true/false", "    required: true\n  - name: A passport",
     "    required: 'yes'\n  - name: A passport",
     ["23: documents[0].required: must be true or false, not the text 'yes'"]),
    ("negative fee", "amount: 86\n", "amount: -5\n",
     ["14: fees[1].amount: -5 is less than the minimum of 0"]),
    ("huge fee", "amount: 86\n", "amount: 2000000\n",
     ["14: fees[1].amount: 2000000 is more than the maximum of 1000000"]),
    ("bad currency", "amount: 75.5\n    currency: EUR", "amount: 75.5\n    currency: euro",
     ["12: fees[0].currency: must be a three-letter currency code in capitals, like EUR"]),
    ("bad date", "review_by: 2027-03-14", "review_by: March 2027",
     ["8: review_by: must be a date in the form YYYY-MM-DD"]),
    ("impossible quoted date", "review_by: 2027-03-14", "review_by: '2027-02-30'",
     ["8: review_by: '2027-02-30' is not a real date"]),
    ("date and time", "review_by: 2027-03-14", "review_by: 2027-03-14 10:00:00",
     ["8: review_by: must be a date in the form YYYY-MM-DD"]),
    ("HTML in title", "title: Renew an adult passport", "title: Renew <b>now</b>",
     ["2: title: must be plain text without HTML"]),
    ("HTML in summary", "summary: Renew your passport",
     "summary: <script>alert(1)</script> Renew your passport",
     ["3: summary: must be plain text without HTML"]),
    ("HTML in a fee note", "note: Includes return postage.", "note: Includes <a href=x>postage</a>",
     ["16: fees[1].note: must be plain text without HTML"]),
    ("line break in title", "title: Renew an adult passport",
     "title: |\n  Renew an\n  adult passport",
     ["2: title: must be a single line of text"]),
    ("title too short", "title: Renew an adult passport", "title: Go",
     ["2: title: must be at least 3 characters long"]),
    ("bad slug", "category: identity-and-travel", "category: Identity & Travel",
     ["4: category: must be a slug of lowercase letters, digits and single hyphens, "
      "like 'identity-and-travel'"]),
    ("bad tag", "  - travel\n", "  - Travel\n",
     ["41: tags[1]: must be a slug of lowercase letters, digits and single hyphens, "
      "like 'identity-and-travel'"]),
    ("repeated tag", "  - travel\n", "  - passport\n",
     ["39: tags: must not list the same item twice"]),
    ("plain http link", "url: https://services", "url: http://services",
     ["31: apply.online.url: must be a web address starting with https://, without spaces"]),
    # Whether Babel knows the tag is check_guide's question (tests/locales/test_language.py).
    ("language not text", "lang: en", "lang: [en]", ["42: lang: must be text, not a list"]),
    ("nobody eligible", "eligibility:\n  - You are 16 or over.\n  - Your current passport was "
     "issued in Veloria.\n", "eligibility: []\n", ["26: eligibility: must list at least 1 item"]),
    ("no way to apply", "apply:\n  online:\n    url: https://services.veloria.invalid/passport/"
     "renew\n  in_person:\n    where: Any Citizen Service Point with a passport desk\n  by_post:\n"
     "    address: Veloria Passport Office, PO Box 2218, Aldmere 1010\n", "apply: {}\n",
     ["29: apply: must not be empty"]),
]


@pytest.mark.parametrize(
    ("old", "new", "problems"),
    [row[1:] for row in BAD_FRONT_MATTER],
    ids=[row[0] for row in BAD_FRONT_MATTER],
)
def test_bad_front_matter_is_reported_with_field_and_line(
    old: str, new: str, problems: list[str]
) -> None:
    guide = parse_guide(edit(GUIDE, old, new), GUIDE_PATH)
    assert [str(problem) for problem in validate_front_matter(guide)] == [
        f"{GUIDE_PATH}:{problem}" for problem in problems
    ]


def test_the_sample_guide_is_valid(guide_text: str) -> None:
    assert validate_front_matter(parse_guide(guide_text, GUIDE_PATH)) == []


def test_problems_are_errors_in_line_order() -> None:
    bad = edit(edit(GUIDE, "lang: en", "lang: [en]"), "title: Renew an adult passport",
               "title: <i>x</i>")
    problems = validate_front_matter(parse_guide(bad, GUIDE_PATH))
    assert [(p.line, p.severity) for p in problems] == [(2, "error"), (42, "error")]


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(load_guide_schema())


def test_the_schema_file_ships_in_the_package() -> None:
    assert json.loads(schema_path().read_text(encoding="utf-8")) == load_guide_schema()


def test_each_caller_gets_its_own_copy_of_the_schema() -> None:
    load_guide_schema()["required"].clear()
    assert "title" in load_guide_schema()["required"]


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("---\ntitle: Housing\nhide: [toc]\n---\n", []),
        ("---\nsummary: Help with housing.\n---\n", ["1: missing required field 'title'"]),
        ("---\ntitle: <em>Housing</em>\n---\n", ["2: title: must be plain text without HTML"]),
    ],
    ids=["title and MkDocs options", "no title", "HTML title"],
)
def test_index_pages_need_only_a_plain_title(text: str, problems: list[str]) -> None:
    page = parse_guide(text, "content/housing/index.md")
    assert [str(p) for p in validate_index_front_matter(page)] == [
        f"content/housing/index.md:{problem}" for problem in problems
    ]


@dataclass(frozen=True)
class _PlainPage:
    """Not a guide: the schema reads only a page's path, its data and a key's line."""

    path: str
    fields: dict[str, Any]

    def data(self) -> dict[str, Any]:
        return self.fields

    def line_of(self, location: Sequence[str | int]) -> int | None:
        return 10 + len(location)  # the deeper the key, the later its line


@pytest.mark.parametrize(
    ("fields", "problems"),
    [
        ({"title": "Housing"}, []),
        ({}, ["x.md:10: missing required field 'title'"]),
        ({"title": 3}, ["x.md:11: title: must be text, not the number 3"]),
    ],
    ids=["valid", "no title", "number title"],
)
def test_the_schema_validates_any_page_that_tells_its_data_and_lines(
    fields: dict[str, Any], problems: list[str]
) -> None:
    assert [str(p) for p in validate_index_front_matter(_PlainPage("x.md", fields))] == problems
