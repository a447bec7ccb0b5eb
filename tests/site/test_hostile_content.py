"""Nothing executable from a guide, a commit message or the front matter reaches a reader.

Staff can commit straight to main, so the site neutralises whatever the wiki holds: one
guide here attacks through every field and every raw-HTML trick Python-Markdown passes
through, and a merged suggestion attacks through its summary (the commit subject).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from html_tree import Element, parse_html
from site_history import INIT_TIME, STAFF, BuiltSite, citizen, commit_to_main, isolated_git

from wikitool.gitstore import WikiStore
from wikitool.publishing.publish import build_site
from wikitool.services.wiki_init import init_wiki

HOSTILE = "identity-and-travel/hostile-guide.md"
SCRIPT = '<script>alert("front matter")</script>'
BREAKOUT = '" onmouseover="alert(1)" x="'
SUBJECT = '<img src=x onerror=alert("subject")> Fee is lower </script><script>alert(2)</script>'

HOSTILE_GUIDE = f"""---
title: '{SCRIPT} Renew {BREAKOUT}'
summary: '"><img src=x onerror=alert(1)> A guide that attacks its readers {BREAKOUT}'
category: identity-and-travel
agency: '</script><script>alert("agency")</script>'
owner: Passport Office
last_reviewed: 2026-10-06
review_by: 2027-04-06
fees:
  - label: '<b onclick=alert(1)>Online</b> {BREAKOUT}'
    amount: 86
    currency: EUR
processing_time:
  max_days: 21
  note: '{SCRIPT}'
documents:
  - name: '<iframe src=javascript:alert(1)></iframe> passport'
eligibility:
  - '{BREAKOUT}'
apply:
  online:
    url: 'javascript:alert("apply")'
  by_post:
    address: '{SCRIPT}'
legal_basis:
  - title: Passports Act
    url: 'javascript:alert("law")'
template: 404.html
hide: [navigation, toc]
lang: en
---

<script>alert("body")</script>

<style>body {{ display: none }}</style>

<img src="missing.png" onerror="alert('img')">

<img src="https://tracker.invalid/pixel.gif" alt="pixel">

<svg onload="alert('svg')"></svg>

<details open ontoggle="alert('details')"><summary>More</summary>x</details>

<iframe src="javascript:alert('iframe')"></iframe>

<a href="javascript:alert('raw link')">Open the form</a>
<a href="JaVaScRiPt&#58;alert('entity link')">Open it again</a>
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">Data</a>

<div class="md-dialog md-dialog--active" id="__config" style="position:fixed">Fake</div>

<form action="https://phish.invalid/"><input name="card"></form>

## Steps <img src=x onerror="alert('heading')">

1. Read [the form](javascript:document.location='https://phish.invalid') carefully.
2. Pay the fee <b onclick="alert('bold')" style="position:fixed;inset:0">here</b>.
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The reference wiki plus the hostile guide and a hostile merged summary, built."""
    root = tmp_path_factory.mktemp("hostile")
    with isolated_git(root):
        init_wiki(root / "wiki", author=STAFF, when=INIT_TIME)
        with WikiStore.open(root / "wiki") as store:
            commit_to_main(
                store, {HOSTILE: HOSTILE_GUIDE.encode()}, "Add a guide\n", when=INIT_TIME + 60
            )
            commit_to_main(
                store,
                {HOSTILE: HOSTILE_GUIDE.replace("max_days: 21", "max_days: 20").encode()},
                f"{SUBJECT}\n\nSuggestion-Id: 01evil00000000000000000000\n",
                when=INIT_TIME + 120,
                author=citizen("01evil00000000000000000000"),
            )
            # Not strict: the attack makes MkDocs warn (missing.png); readers are the point.
            built = build_site(store, root / "site", strict=False)
    return BuiltSite(root / "wiki", built.site_dir, built.commit)


def _scripts(page: Element) -> list[Element]:
    return page.find_all("script")


def _executable_traces(page: Element) -> list[str]:
    """Every way the page could run something the wiki's content put there.

    The theme's own search form and icons are allowed; in the article, where the wiki's
    content goes, no frame, form, SVG or style element is.
    """
    found = [
        f"<{element.tag}> in the article"
        for element in page.find("article").iter()
        if element.tag in ("iframe", "object", "embed", "form", "input", "svg", "style")
    ]
    for element in page.iter():
        for name, value in element.attrs.items():
            if name.startswith("on"):
                found.append(f"<{element.tag} {name}>")
            if name in ("href", "src", "action") and re.match(
                r"\s*(javascript|data|vbscript):", value, re.IGNORECASE
            ):
                found.append(f"<{element.tag} {name}={value}>")
    for script in _scripts(page):
        # Structured data is JSON, not run (test_structured_data_cannot_break_out...).
        if "alert" in script.raw_text and script.attrs.get("type") != "application/ld+json":
            found.append(f"<script>{script.raw_text[:60]}")
    return found


@pytest.mark.parametrize("src", [HOSTILE, "changes.md", "index.md"])
def test_pages_carry_nothing_executable_from_the_wiki(hostile: BuiltSite, src: str) -> None:
    page = parse_html(hostile.page(src))

    assert _executable_traces(page) == []


def test_hostile_front_matter_shows_as_text(hostile: BuiltSite) -> None:
    html = hostile.page(HOSTILE)
    page = parse_html(html)

    assert page.find("h1").text == f"{SCRIPT} Renew {BREAKOUT}"
    assert page.find("title").text.startswith(f"{SCRIPT} Renew {BREAKOUT} - ")
    description = [
        m.attrs["content"] for m in page.find_all("meta") if m.attrs.get("name") == "description"
    ]
    assert description == [
        f'"><img src=x onerror=alert(1)> A guide that attacks its readers {BREAKOUT}'
    ]
    assert "How to apply Online By post:" in page.find("section", "wt-panel").text
    links = [a.attrs["href"] for a in page.find("section", "wt-panel").find_all("a")]
    # No link to javascript:, only each fact's "Suggest a change" on the site itself.
    assert links and all(href.startswith("../../suggest/?guide=") for href in links)
    assert 'Checked by </script><script>alert("agency")</script> on' in page.text


def test_front_matter_cannot_pick_the_template_or_hide_the_navigation(
    hostile: BuiltSite,
) -> None:
    page = parse_html(hostile.page(HOSTILE))

    sidebars = [el.attrs for el in page.find_all("div", "md-sidebar")]

    assert page.find_all("section", "wt-panel"), "the guide layout, not 404.html"
    assert all("hidden" not in attrs for attrs in sidebars)


def test_structured_data_cannot_break_out_of_its_script(hostile: BuiltSite) -> None:
    page = parse_html(hostile.page(HOSTILE))

    blocks = [s for s in _scripts(page) if s.attrs.get("type") == "application/ld+json"]

    assert len(blocks) == 2
    assert all("<" not in block.raw_text for block in blocks)
    assert json.loads(blocks[0].raw_text)["provider"]["name"] == (
        '</script><script>alert("agency")</script>'
    )


def test_body_keeps_its_text_and_steps_but_loses_the_attack(hostile: BuiltSite) -> None:
    body = parse_html(hostile.page(HOSTILE)).find("div", "wt-body")

    images = [img.attrs for img in body.find_all("img")]
    steps = [li.text for li in body.find("ol").find_all("li")]

    assert steps == ["Read the form carefully.", "Pay the fee here."]
    assert {"src": "https://tracker.invalid/pixel.gif", "alt": "pixel"} not in images
    assert all("src" not in attrs or not attrs["src"].startswith("http") for attrs in images)
    assert [div.attrs.get("class") for div in body.find_all("div") if div is not body] == [None]
    assert not [el for el in body.iter() if el.attrs.get("id") == "__config"]
    assert not [el for el in body.iter() if "style" in el.attrs]


def test_hostile_commit_subject_shows_as_text(hostile: BuiltSite) -> None:
    guide = parse_html(hostile.page(HOSTILE)).find("section", "wt-changes")
    changes = parse_html(hostile.page("changes.md")).find("article")
    feed = Path(hostile.site, "changes.xml").read_text()

    assert f"{SUBJECT} Suggested by a citizen" in guide.text
    assert SUBJECT in changes.text
    assert "<script>" not in feed and "&lt;script&gt;alert(2)&lt;/script&gt;" in feed


def test_search_index_holds_no_markup_from_the_attack(hostile: BuiltSite) -> None:
    index = json.loads(Path(hostile.site, "search", "search_index.json").read_text())

    texts = [doc["title"] + doc["text"] for doc in index["docs"]]

    assert not [t for t in texts if re.search(r"<(script|img|iframe|svg)|onerror=", t, re.I)]
