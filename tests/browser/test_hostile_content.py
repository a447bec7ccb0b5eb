"""Nothing executable from a guide reaches a reader, whoever wrote the guide.

A staff member can commit straight to main, so the site itself must neutralise script
in the Markdown and attribute break-outs in front matter values (which the schema lets
through: it forbids ``<`` and ``>``, not quotes).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import DESKTOP_ONLY, STAFF, PublishedWiki, build, serving, steps_list
from main_commits import commit_to_main
from playwright.sync_api import Dialog, Page, expect

from wikitool.gitstore import WikiStore
from wikitool.services.wiki_init import init_wiki

pytestmark = [
    pytest.mark.browser,
    DESKTOP_ONLY,
]

HOSTILE = "identity-and-travel/hostile-guide.md"
BREAKOUT = (
    '" onmouseover="window.__pwned=\'front matter\'"'
    ' autofocus onfocus="window.__pwned=\'focus\'" x="'
)

HOSTILE_GUIDE = f"""---
title: Renew a hostile passport {BREAKOUT}
summary: A guide whose every field tries to run script in the reader's browser {BREAKOUT}
category: identity-and-travel
agency: Veloria Passport Office {BREAKOUT}
owner: Passport Office guidance team
last_reviewed: 2026-10-06
review_by: 2027-04-06
fees:
  - label: Online renewal {BREAKOUT}
    amount: 86
    currency: EUR
processing_time:
  max_days: 21
  note: Allow longer {BREAKOUT}
documents:
  - name: Your current passport {BREAKOUT}
eligibility:
  - You are a Velorian citizen {BREAKOUT}
apply:
  online:
    url: https://services.veloria.invalid/passport/renew
tags:
  - passport
lang: en
---

<script>window.__pwned = "script element"</script>

<img src="missing.png" onerror="window.__pwned = 'img onerror'">

<svg onload="window.__pwned = 'svg onload'"></svg>

<details open ontoggle="window.__pwned = 'details ontoggle'"><summary>More</summary>x</details>

<iframe src="javascript:parent.__pwned = 'iframe'"></iframe>

<a href="javascript:window.__pwned = 'raw link'">Open the form</a>

## Steps

1. Read [the form](javascript:window.__pwned='markdown link') carefully.
2. Pay the fee <b onclick="window.__pwned='bold'" style="position:fixed;inset:0">here</b>.
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PublishedWiki]:
    """The reference wiki plus one guide written to attack its readers, built and served."""
    root = tmp_path_factory.mktemp("hostile")
    init_wiki(root / "wiki", author=STAFF, when=1_790_000_000)
    with WikiStore.open(root / "wiki") as store:
        commit_to_main(
            store, {f"content/{HOSTILE}": HOSTILE_GUIDE.encode()}, "Add a guide\n",
            when=1_790_000_100, author=STAFF, committer=STAFF,
        )  # fmt: skip
    # Not strict: the attack may well make MkDocs warn; what matters is what readers get.
    built = build(root, strict=False)
    with serving(built.site_dir) as base_url:
        yield PublishedWiki(root / "wiki", Path(built.site_dir), base_url, built.commit)


def test_hostile_guide_runs_no_script_and_keeps_its_steps(
    page: Page, hostile: PublishedWiki
) -> None:
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)

    page.goto(hostile.url(HOSTILE))
    page.wait_for_load_state("networkidle")
    page.mouse.move(10, 10)
    page.mouse.move(300, 300)
    page.keyboard.press("Tab")

    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    handlers = page.evaluate(
        """() => [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
            .filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name))"""
    )
    assert handlers == []
    expect(
        page.locator(
            "a[href^='javascript:' i], iframe, article script:not([type='application/ld+json'])"
        )
    ).to_have_count(0)
    expect(steps_list(page)).to_be_visible()
