"""The guide attacks start from, and a repository's state as real git sees it.

Test modules import this by name (``from wiki_state import ...``).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"


def repository_state(repo: Path) -> tuple[str, list[str]]:
    """Every ref and every file under ``.git/objects`` (loose objects, packs): equal
    before and after means nothing was written."""
    refs = subprocess.run(
        ["git", "-C", str(repo), "for-each-ref", "--format=%(refname) %(objectname)"],
        capture_output=True, text=True, check=True,
    ).stdout
    objects = sorted(
        str(p.relative_to(repo)) for p in (repo / ".git/objects").rglob("*") if p.is_file()
    )
    return refs, objects
