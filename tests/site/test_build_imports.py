"""A site build loads what it runs: the rooms it never uses stay unimported, since every
import is CPU that each `wikitool build` pays (bench/README.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import wikitool

# What `wikitool build` imports before MkDocs runs: the command line, the build command's
# module (the publishing room) and the plugin.
BUILD_ENTRY = ("wikitool.cli", "wikitool.cli.site", "wikitool.mkdocs_plugin.plugin")

NEVER_LOADED = {
    "wikitool.diffing": "the review diff",
    "wikitool.suggestions.changes": "the change-list format",
    "wikitool.suggestions.changed_guide": "applying a change list",
    "wikitool.guides.yaml_edits": "round-trip front matter edits",
    "wikitool.screening.personal_data": "the personal-data scanner",
    "wikitool.screening.invisible": "the invisible-character check",
    "wikitool.review.staff": "who is acting",
    "wikitool.review.notify": "the mails after a status change",
    "wikitool.mail": "the outbox",
    "statistics": "the stats page's median, taken only once a suggestion is decided",
}


@pytest.fixture(scope="module")
def loaded() -> frozenset[str]:
    """The modules a fresh interpreter holds after importing the build's entry points."""
    code = (
        "import importlib, sys\n"
        "for name in sys.argv[1:]:\n"
        "    importlib.import_module(name)\n"
        "print('\\n'.join(sys.modules))\n"
    )
    # Run beside the wikitool under test: `python -c` imports from its working folder first.
    root = Path(wikitool.__file__).parents[1]
    done = subprocess.run(
        [sys.executable, "-c", code, *BUILD_ENTRY],
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
    )
    return frozenset(done.stdout.split())


@pytest.mark.parametrize("module", sorted(NEVER_LOADED))
def test_a_build_does_not_import_what_it_never_runs(module: str, loaded: frozenset[str]) -> None:
    assert "wikitool.mkdocs_plugin.plugin" in loaded
    assert module not in loaded, f"a build imports {module} ({NEVER_LOADED[module]})"
