"""The one judgement of whether a string is text (lone surrogates, noncharacters and NUL
are not), and the field it names in a decoded document."""

from __future__ import annotations

import pytest

from wikitool.screening.unicode_text import invalid_character, invalid_text_field

NOT_TEXT = [
    ("a\x00", 0x0000, "a NUL character"),
    ("\ud800", 0xD800, "a lone surrogate"),
    ("a\udbff", 0xDBFF, "a lone surrogate"),
    ("ab\udc00", 0xDC00, "a lone surrogate"),
    ("\udfff", 0xDFFF, "a lone surrogate"),
    ("\ufdd0", 0xFDD0, "a noncharacter"),
    ("x\ufdef", 0xFDEF, "a noncharacter"),
    ("\ufffe", 0xFFFE, "a noncharacter"),
    ("\uffff", 0xFFFF, "a noncharacter"),
    ("\U0001fffe", 0x1FFFE, "a noncharacter"),
    ("\U0008ffff", 0x8FFFF, "a noncharacter"),
    ("\U0010fffe", 0x10FFFE, "a noncharacter"),
    ("\U0010ffff", 0x10FFFF, "a noncharacter"),
]


@pytest.mark.parametrize(("text", "code_point", "kind"), NOT_TEXT)
def test_lone_surrogates_and_noncharacters_are_not_text(
    text: str, code_point: int, kind: str
) -> None:
    found = invalid_character(text)
    assert found is not None
    assert (found.offset, found.code_point) == (len(text) - 1, code_point)
    assert found.description == f"U+{code_point:04X} ({kind})"


TEXT = [
    "plain ASCII",
    "\ufeffa byte order mark, \ufffd the replacement character",
    "emoji \U0001f600 and a flag \U0001f1ea\U0001f1f8 (pairs made whole by the decoder)",
    "the code points beside the noncharacters: \ufdcf \ufdf0 \ufffd \U0001fffd \U00020000",
    "private use \ue000 \U000f0000 and Arabic \u0627\u0644",
    "",
]


@pytest.mark.parametrize("text", TEXT)
def test_text_is_text(text: str) -> None:
    assert invalid_character(text) is None


FIRST = [
    ("e\u0301\U0001f600\U0001fffe then \ufdd0", 3, 0x1FFFE),
    ("caf\u00e9 \ufdd0 then \U0001ffff", 5, 0xFDD0),
    ("\U0010ffff then \ud800", 0, 0x10FFFF),
    ("plain ASCII then \x00", 17, 0),
]


@pytest.mark.parametrize(("text", "offset", "code_point"), FIRST)
def test_the_first_one_is_found_wherever_it_is(text: str, offset: int, code_point: int) -> None:
    assert invalid_character(text) == (offset, code_point)


FIELDS = [
    ({"summary": "Fee\ud800"}, "summary contains U+D800 (a lone surrogate), which is not text"),
    ({"author": {"name": "Ana", "email": "ana\udfff@x.org"}},
     "author.email contains U+DFFF (a lone surrogate), which is not text"),
    ({"changes": [{"step": 1, "text": "ok"}, {"field": "fees[0].note", "set": "\ufdd0"}]},
     "changes[1].set contains U+FDD0 (a noncharacter), which is not text"),
    ({"changes": [{"field": "x", "insert": {"amount": 1, "note": ["a", "\uffff"]}}]},
     "changes[0].insert.note[1] contains U+FFFF (a noncharacter), which is not text"),
    ({"summ\ud800ary": "x"}, "a field name contains U+D800 (a lone surrogate), which is not text"),
    ({"author": {"\ufffe": "x"}},
     "author field name contains U+FFFE (a noncharacter), which is not text"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "message"), FIELDS)
def test_the_field_is_named_and_the_character_shown_as_a_code(data: object, message: str) -> None:
    assert invalid_text_field(data) == message


def test_a_document_of_text_has_no_such_field() -> None:
    data = {"guide": "a/b.md", "new": False, "changes": [{"step": 2, "text": "\U0001f600"}]}
    assert invalid_text_field(data) is None
