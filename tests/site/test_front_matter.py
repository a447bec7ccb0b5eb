"""The publishing reader of front matter gives exactly what ``parse_guide`` gives.

It is a fast path (libyaml events instead of ruamel's pure-Python round trip); anything
it cannot promise to read the same way goes to ``parse_guide``, so the two must agree on
every page and every tricky value, and refuse the same pages with the same message.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wikitool.errors import GuideError
from wikitool.guides.frontmatter import parse_guide
from wikitool.guides.page_source import read_page
from wikitool.services.wiki_init import reference_wiki

REFERENCE = sorted((reference_wiki() / "content").rglob("*.md"))


@pytest.mark.parametrize("page", REFERENCE, ids=lambda p: p.relative_to(p.parents[1]).as_posix())
def test_reference_pages_read_as_parse_guide_reads_them(page: Path) -> None:
    text = page.read_text(encoding="utf-8")

    read = read_page(text, "content/x.md")
    parsed = parse_guide(text, "content/x.md")

    assert (read.data, read.body) == (parsed.data(), parsed.body)


@pytest.mark.parametrize(
    ("yaml", "value"),
    [
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("86", 86),
        ("-3", -3),
        ("85.5", 85.5),
        ("017", 17),  # not the fast path's: handed to parse_guide
        ("0o17", 15),
        ("0x1f", 31),
        ("1_000", 1000),
        ("+1", 1),
        ("1e3", 1000.0),
        ("2026-10-06", "2026-10-06"),
        ("2026-10-06 10:30:00", "2026-10-06T10:30:00"),
        ("'2026-10-06'", "2026-10-06"),
        ('"86"', "86"),
        ("[a, 1, {b: c}]", ["a", 1, {"b": "c"}]),
        ("|\n  two\n  lines", "two\nlines\n"),
        ("yes please", "yes please"),
        ("Kestrel Point", "Kestrel Point"),  # text at its first character, no resolver asked
        ("Écluse 12", "Écluse 12"),
        ("{price: 5}", {"price": 5}),
    ],
)
def test_values_read_as_yaml_1_2(yaml: str, value: object) -> None:
    text = f"---\nkey: {yaml}\n---\nBody\n"

    read = read_page(text, "content/a/b.md")

    assert read.data == {"key": value} == parse_guide(text, "content/a/b.md").data()
    assert read.body == "Body\n"


@pytest.mark.parametrize(
    ("front_matter", "error"),
    [
        ("a: yes", "content/a/b.md:2: 'yes' is ambiguous YAML (MkDocs reads it as true or false)"),
        ("a: Off", "content/a/b.md:2: 'Off' is ambiguous YAML (MkDocs reads it as true or false)"),
        ("a: 12:30", "content/a/b.md:2: '12:30' is ambiguous YAML (MkDocs reads it as a number)"),
        ("on: x", "content/a/b.md:2: 'on' is ambiguous YAML"),
        ("a: &x 1\nb: *x", "content/a/b.md:2: YAML aliases and anchors are not allowed"),
        ("a: !!python/object:os.system ls", "content/a/b.md:2: YAML tags are not allowed"),
        ("a: 1\na: 2", "content/a/b.md:3: duplicate key 'a' (first defined on line 2)"),
        ("a: 2026-02-30", "content/a/b.md:2: '2026-02-30' is not a valid date"),
        ("a: .inf", "content/a/b.md:2: numbers must be finite"),
        ("a: b: c", "content/a/b.md:2: invalid YAML: mapping values are not allowed here"),
        ("- a\n- b", "content/a/b.md:2: front matter must be a mapping"),
        ("[1, 2]: x", "content/a/b.md:2: mapping keys must be text"),
        ("a: [[[[[[[[[[[1]]]]]]]]]]]", "content/a/b.md:2: front matter is nested more than 10"),
    ],
)
def test_unsafe_front_matter_is_refused_with_parse_guides_message(
    front_matter: str, error: str
) -> None:
    text = f"---\n{front_matter}\n---\nBody\n"

    with pytest.raises(GuideError) as refused:
        read_page(text, "content/a/b.md")
    with pytest.raises(GuideError) as canonical:
        parse_guide(text, "content/a/b.md")

    assert str(refused.value) == str(canonical.value)
    assert str(refused.value).startswith(error)


@pytest.mark.parametrize(
    "text",
    ["# A page\n\nNo front matter.\n", "Text\n---\ntitle: not front matter\n---\n", ""],
)
def test_a_page_without_front_matter_is_all_body(text: str) -> None:
    assert (read_page(text, "content/a.md").data, read_page(text, "content/a.md").body) == (
        None,
        text,
    )


def test_unclosed_front_matter_is_refused() -> None:
    with pytest.raises(GuideError, match="front matter is not closed"):
        read_page("---\ntitle: x\n\nBody\n", "content/a/b.md")
