"""Properties: the screening functions accept any text without raising, and text the markup
check accepts renders safely."""

from __future__ import annotations

from html.parser import HTMLParser
from itertools import pairwise

import markdown
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from wikitool.screening.invisible import find_invisible_characters
from wikitool.screening.markup import find_unsafe_markup
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


# Pieces of Markdown and HTML that interact: code spans and fences, comments, links,
# attribute lists, line breaks of every kind, entities and encodings of "javascript:".
MARKDOWN_PIECES = st.sampled_from(
    ["`", "``", "```", "~~~", "\n", "\n\n", "\r", "\r\n", "\u00a0", "    ", "\t", "x ", "- ",
     "# ", "> ", "1. ", "|", "!!! note\n", "---\n", "<b>", "</b>", "<script>", "<x", ">", "<",
     "<!--", "-->", "--!>", "<!-->", "<?x?>", "<![CDATA[x]]>", "<a@b.c>", "<http://x>",
     "<javascript:x>", "[a](", "![i](", "](", "[r]: ", ")", "(", "[", "]", "\\", "&#106;",
     "&lt;", "%6A", "javascript:", "data:", "{: onclick=1}", "\"", "'", "*", "_"]
)  # fmt: skip
SITE_EXTENSIONS = ["toc", "tables", "fenced_code", "admonition"]
MARKDOWN_OWN_ELEMENTS = frozenset(
    ["p", "code", "pre", "a", "em", "strong", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
     "li", "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "img", "div"]
)  # fmt: skip


class _RenderedHtmlCheck(HTMLParser):
    """Collects anything in rendered HTML that Markdown itself would never produce."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.unsafe: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in MARKDOWN_OWN_ELEMENTS:
            self.unsafe.append(f"<{tag}>")
        for name, value in attrs:
            url = "".join(ch for ch in value or "" if ch not in "\t\n\r").lstrip(" \x00-\x1f")
            if name.startswith("on") or (
                name in ("href", "src") and url.lower().startswith(("javascript:", "data:"))
            ):
                self.unsafe.append(f"{tag} {name}={value!r}")

    def handle_endtag(self, tag: str) -> None:
        if tag not in MARKDOWN_OWN_ELEMENTS:
            self.unsafe.append(f"</{tag}>")

    def handle_comment(self, data: str) -> None:
        if data.startswith((">", "->")) or "--" in data or "<" in data:
            self.unsafe.append(f"comment {data!r}")

    def handle_pi(self, data: str) -> None:
        self.unsafe.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.unsafe.append(f"<![{data}]>")


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(MARKDOWN_PIECES, max_size=30))
def test_what_passes_the_markup_check_renders_safely(pieces: list[str]) -> None:
    # Differential: if the checker finds nothing, the real renderer must produce nothing
    # but Markdown's own elements, with no event handler and no script or data URL.
    text = "".join(pieces)
    assume(find_unsafe_markup(text) == [])
    check = _RenderedHtmlCheck()
    check.feed(markdown.markdown(text, extensions=SITE_EXTENSIONS))
    check.close()
    assert check.unsafe == []
