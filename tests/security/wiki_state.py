"""The guide attacks start from, and a repository's state as real git sees it.

Test modules import this by name (``from wiki_state import ...``).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import httpx

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


def stores_state(repo: Path) -> dict[str, list[str]]:
    """Every row of every SQLite store beside the repository (contacts, feedback, caches)."""
    dumps = {}
    for path in sorted((repo / ".git" / "wikitool").glob("*.sqlite3")):
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            dumps[path.name] = list(db.iterdump())
    return dumps


def everything_state(repo: Path) -> tuple[str, list[str], dict[str, list[str]]]:
    """Refs, object files and store rows: equal before and after means nothing was written."""
    return (*repository_state(repo), stores_state(repo))


def post_json(client: httpx.Client, path: str, body: dict[str, Any]) -> httpx.Response:
    """POST ``body`` as a browser's ``JSON.stringify`` sends it: ASCII, a lone surrogate as
    a ``\\ud800`` escape (httpx's own ``json=`` cannot encode one)."""
    return client.post(
        path, content=json.dumps(body).encode("ascii"), headers={"Content-Type": "application/json"}
    )
