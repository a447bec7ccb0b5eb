"""How many pages a built site of a wiki has: what `wikitool build` and `publish` report."""

from __future__ import annotations

import subprocess
from pathlib import Path

GENERATED_PAGES = ("changes", "stats", "suggest", "track")
"""The pages the plugin makes beside the wiki's own: what changed, the public figures,
the suggestion page and the tracking page."""


def expected_pages(wiki: Path, rev: str = "main") -> int:
    """The wiki's Markdown pages under `content/` at ``rev``, plus the generated ones."""
    listed = subprocess.run(
        ["git", "-C", str(wiki), "ls-tree", "-r", "--name-only", rev, "content/"],
        check=True, capture_output=True, text=True,
    ).stdout.split()
    return sum(1 for path in listed if path.endswith(".md")) + len(GENERATED_PAGES)
