"""Property: the screening functions accept any text whatsoever without raising."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from wikitool.screening.markup import find_invisible_characters, find_unsafe_markup
from wikitool.screening.personal_data import published_contacts, redact, scan

# Arbitrary Unicode, and text built from the characters the scanners care about, so that
# near-valid numbers, addresses, tags and code fences come up often.
NUMBERISH = st.text(alphabet="0123456789 +-()./@:xXZABGEW", max_size=80)
MARKUPISH = st.text(alphabet="<>/!?-`~[](){}:=\"' \n\tascriptjvonerrd&#;%x0A9\\|", max_size=120)
ANY_TEXT = st.one_of(st.text(max_size=300), NUMBERISH, MARKUPISH)


@settings(max_examples=200, deadline=None)
@given(text=ANY_TEXT, allowlist=st.lists(st.one_of(st.text(max_size=30), NUMBERISH), max_size=3))
def test_scan_and_redact_never_raise(text: str, allowlist: list[str]) -> None:
    findings = scan(text, allowlist)

    spans = [(f.start, f.end) for f in findings]
    assert spans == sorted(spans)
    assert all(0 <= start < end <= len(text) for start, end in spans)
    assert all(end <= next_start for (_, end), (next_start, _) in pairwise(spans))
    redacted = redact(text, findings)
    assert redacted.count(" removed]") - text.count(" removed]") == len(findings)
    assert redact(text, []) == text


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(ANY_TEXT, max_size=3))
def test_published_contacts_never_raise(texts: list[str]) -> None:
    assert isinstance(published_contacts(texts), set)


@settings(max_examples=200, deadline=None)
@given(text=ANY_TEXT)
def test_markup_checks_never_raise(text: str) -> None:
    for problem in find_unsafe_markup(text):
        assert problem.line >= 1 and problem.column >= 1
    for invisible in find_invisible_characters(text):
        assert invisible.line >= 1 and invisible.column >= 1
