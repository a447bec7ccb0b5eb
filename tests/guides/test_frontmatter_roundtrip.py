"""Reading then writing a page gives back the same bytes; edits change only what they edit."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from guide_samples import GUIDE, GUIDE_PATH, edit

from wikitool.guides.frontmatter import GuideSource, dump_guide, parse_guide, render_guide
from wikitool.guides.plain_yaml import YamlIndent, dump_yaml

# Pages ruamel.yaml re-emits exactly as written: the house style and its usual variants.
FAITHFUL = {
    "house style": GUIDE,
    "lists level with their key": (
        "---\ntitle: Register a birth\nfees:\n- label: Certificate\n  amount: 12\n"
        "  currency: EUR\ntags:\n- birth\n- family\n---\nBody.\n"
    ),
    "four-space indents": (
        "---\ntitle: Register a birth\nprocessing_time:\n    max_days: 5\n"
        "fees:\n    -   label: Certificate\n        amount: 12\n---\nBody.\n"
    ),
    "comments and blank lines": (
        "---\n# Owner: civil status team\ntitle: Register a birth  # the task\n\n"
        "# Money\nfees: []   # free\n\n\ntags: [birth, family]\n# last comment\n---\n\nBody.\n"
    ),
    "quoting kept": (
        "---\ntitle: 'It''s your tenancy'\nsummary: \"Rent: what \\\"fair\\\" means\"\n"
        "last_reviewed: '2026-01-05'\nagency: \"Housing Office\"\n---\n"
    ),
    "unicode": (
        "---\ntitle: Déclarer une naissance — été\nsummary: \"Ümlaut, 日本語, emoji 🎉\"\n"
        "---\nÇa va.\n"
    ),
    "block scalars": (
        "---\nsummary: >-\n  Folded text\n  over two lines.\nnote: |\n  Kept\n  as lines.\n---\n"
    ),
    "odd key order": "---\nlang: en\ntags: [a]\ntitle: Pay a parking fine\nagency: Roads\n---\n",
    "dates and numbers as written": (
        "---\nlast_reviewed: 2026-05-01\nshort_date: 2026-5-1\namount: 86.50\nwhole: 12\n---\n"
    ),
    "comments between list items": (
        "---\nfees:\n  - label: A  # first\n    amount: 1\n\n  # the second one\n"
        "  - label: B\n    amount: 2\n---\n"
    ),
}

# Pages ruamel.yaml would normalise when re-emitting; dump_guide keeps them as written.
NORMALISED_BY_RUAMEL = {
    "spaces after a colon": "---\ntitle:   Spaced out\n---\n",
    "flow list without spaces": "---\ntags: [a,b]\n---\n",
    "capitalised booleans": "---\nrequired: True\n---\n",
    "null spellings": "---\nnote: ~\nother: null\n---\n",
    "plain value over two lines": "---\nsummary: a long\n  plain value\n---\n",
    "list of lists": "---\nrows:\n  - - a\n    - b\n---\n",
}

# How the file is stored rather than what it says.
ENCODINGS = {
    "CRLF line endings": "---\r\ntitle: Renew\r\n# note\r\ntags:\r\n  - a\r\n---\r\nBody.\r\n",
    "byte order mark": "\ufeff---\ntitle: Renew\n---\nBody.\n",
    "no newline at the end": "---\ntitle: Renew\n---\nLast line without a newline",
    "empty body": "---\ntitle: Renew\n---\n",
    "closed with dots (as MkDocs allows)": "---\ntitle: Renew\n...\nBody.\n",
    "spaces after the delimiters": "--- \ntitle: Renew\n---\t\nBody.\n",
}


@pytest.mark.parametrize(
    "text",
    [*FAITHFUL.values(), *NORMALISED_BY_RUAMEL.values(), *ENCODINGS.values()],
    ids=[*FAITHFUL, *NORMALISED_BY_RUAMEL, *ENCODINGS],
)
def test_reading_then_writing_gives_the_same_bytes(text: str) -> None:
    raw = text.encode("utf-8")
    assert dump_guide(parse_guide(raw, GUIDE_PATH)).encode("utf-8") == raw


@pytest.mark.parametrize("text", FAITHFUL.values(), ids=FAITHFUL.keys())
def test_ruamel_re_emits_the_front_matter_exactly(text: str) -> None:
    # dump_guide falls back to the original text when nothing changed; this checks the
    # emitter itself, which is what an edited page goes through.
    guide = parse_guide(text, GUIDE_PATH)
    assert dump_yaml(guide.front_matter, guide.indent) == guide.yaml_text


@pytest.mark.parametrize(
    ("text", "indent"),
    [
        (GUIDE, YamlIndent(mapping=2, sequence=4, offset=2)),
        (FAITHFUL["lists level with their key"], YamlIndent(mapping=2, sequence=2, offset=0)),
        (FAITHFUL["four-space indents"], YamlIndent(mapping=4, sequence=8, offset=4)),
        ("---\ntitle: Flat\n---\n", YamlIndent(mapping=2, sequence=4, offset=2)),
    ],
    ids=["house style", "level lists", "four spaces", "nothing nested"],
)
def test_indentation_is_detected(text: str, indent: YamlIndent) -> None:
    assert parse_guide(text, GUIDE_PATH).indent == indent


@pytest.mark.parametrize(
    ("text", "title_line"),
    [
        (GUIDE, "title: Renew an adult passport\n"),
        (FAITHFUL["lists level with their key"], "title: Register a birth\n"),
        (ENCODINGS["CRLF line endings"], "title: Renew\r\n"),
    ],
    ids=["house style", "level lists", "CRLF"],
)
def test_changing_one_value_changes_only_its_line(text: str, title_line: str) -> None:
    guide = parse_guide(text, GUIDE_PATH)
    guide.front_matter["title"] = "Renew your adult passport"

    new_line = title_line.replace(title_line[7:].rstrip(), "Renew your adult passport")
    assert dump_guide(guide) == edit(text, title_line, new_line)


def test_changing_a_list_item_keeps_comments_and_layout() -> None:
    guide = parse_guide(GUIDE, GUIDE_PATH)
    guide.front_matter["fees"][1]["amount"] = 90
    guide.front_matter["review_by"] = dt.date(2027, 9, 1)

    expected = edit(edit(GUIDE, "amount: 86\n", "amount: 90\n"), "2027-03-14", "2027-09-01")
    assert dump_guide(guide) == expected


def test_a_new_value_yaml_1_1_reads_differently_is_quoted() -> None:
    # MkDocs (PyYAML, YAML 1.1) would read a plain `off` as false.
    guide = parse_guide(GUIDE, GUIDE_PATH)
    guide.front_matter["processing_time"]["note"] = "off"

    written = dump_guide(guide)

    assert "  note: 'off'\n" in written
    assert parse_guide(written, GUIDE_PATH).data()["processing_time"]["note"] == "off"


def test_where_the_parts_of_a_page_are() -> None:
    guide = parse_guide(GUIDE.encode(), GUIDE_PATH)

    assert (guide.front_matter_line, guide.closing_line, guide.body_line) == (2, 44, 45)
    assert guide.body.startswith("\nUse this guide to renew an adult passport.")
    assert guide.yaml_text.startswith("title: Renew an adult passport\n")
    assert guide.yaml_text.endswith("# Checked against form PA1, edition 2026.\n")


@pytest.mark.parametrize(
    ("location", "line"),
    [
        ([], 1),
        (["title"], 2),
        (["fees"], 9),
        (["fees", 1], 13),
        (["fees", 1, "note"], 16),
        (["apply", "by_post", "address"], 35),
        (["fees", 7, "amount"], 9),  # no such item: its list
        (["nothing"], 1),
    ],
)
def test_line_of_a_key_or_item(location: list[str | int], line: int) -> None:
    assert parse_guide(GUIDE, GUIDE_PATH).line_of(location) == line


def test_data_is_plain_json_compatible() -> None:
    data = parse_guide(GUIDE, GUIDE_PATH).data()

    assert data["last_reviewed"] == "2026-03-14"
    assert type(data["fees"][0]["amount"]) is float
    assert type(data["fees"][1]["amount"]) is int
    assert type(data["title"]) is str
    assert type(data["fees"]) is list and type(data["apply"]) is dict
    assert json.loads(json.dumps(data)) == data


def test_a_rendered_guide_is_in_the_house_style_and_parses_back() -> None:
    front_matter = {
        "title": "Pay a parking fine",
        "last_reviewed": dt.date(2026, 1, 2),
        "fees": [{"label": "Fine", "amount": 40, "currency": "EUR"}],
        "tags": [],
        "note": "yes",
    }

    text = render_guide(front_matter, "\n## Steps\n\n1. Pay.\n")

    assert text == (
        "---\ntitle: Pay a parking fine\nlast_reviewed: 2026-01-02\nfees:\n"
        "  - label: Fine\n    amount: 40\n    currency: EUR\ntags: []\nnote: 'yes'\n---\n"
        "\n## Steps\n\n1. Pay.\n"
    )
    assert parse_guide(text, "content/vehicles/pay.md").data()["note"] == "yes"
    assert front_matter["note"] == "yes"  # the caller's data is not changed


def test_a_guide_built_in_code_can_be_written() -> None:
    guide = GuideSource(path=GUIDE_PATH, front_matter=parse_guide(GUIDE, GUIDE_PATH).front_matter,
                        body="\nBody.\n")
    assert dump_guide(guide).endswith("---\n\nBody.\n")


@pytest.mark.parametrize("text", NORMALISED_BY_RUAMEL.values(), ids=NORMALISED_BY_RUAMEL.keys())
@pytest.mark.parametrize(
    ("edit_data", "expected_of"),
    [
        (lambda data: data.insert(0, "lang", "en"), lambda text: "---\nlang: en\n" + text[4:]),
        (lambda data: data.update({"owner": "Team"}), lambda text: text[:-4] + "owner: Team\n---\n"),
    ],
    ids=["a key added first", "a key added last"],
)
def test_an_edit_keeps_the_lines_ruamel_would_normalise_as_written(
    text: str, edit_data: Callable[[Any], None], expected_of: Callable[[str], str],
) -> None:
    guide = parse_guide(text, GUIDE_PATH)
    edit_data(guide.front_matter)

    assert dump_guide(guide) == expected_of(text)
