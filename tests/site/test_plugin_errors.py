"""A misconfigured plugin or an unreadable page stops the build with one clear error.

(Link templates are checked as the configuration loads: test_link_templates.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

GUIDE = "---\ntitle: A guide\nsummary: What this guide is about.\n---\n\n## Steps\n\n1. Do it.\n"


def _project(tmp_path: Path, options: str, pages: dict[str, str]) -> Path:
    for name, text in {"index.md": "# Home\n", "topic/a-guide.md": GUIDE, **pages}.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text)
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: Test\ntheme: mkdocs\nplugins:\n  - wikitool:{options}\n")
    return config


@pytest.mark.parametrize(
    ("options", "pages", "error"),
    [
        (
            "\n      changes_page: changes",
            {},
            "wikitool: changes_page 'changes' must be a .md path",
        ),
        (
            " {}",
            {"changes.md": "# Mine\n"},
            "wikitool: changes.md exists in the docs, but the plugin generates the changes "
            "page there; set the plugin's changes_page to another path",
        ),
        (
            " {}",
            {"topic/bad.md": "---\ntitle: [unclosed\n---\nBody\n"},
            "wikitool: docs/topic/bad.md:",
        ),
        (
            " {}",
            {"topic/alias.md": "---\ntitle: &a x\nsummary: *a\n---\nBody\n"},
            "wikitool: docs/topic/alias.md:2: YAML aliases and anchors are not allowed",
        ),
    ],
)
def test_build_stops_with_a_plugin_error(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    options: str,
    pages: dict[str, str],
    error: str,
) -> None:
    config = _project(tmp_path, options, pages)

    with pytest.raises(Abort):
        build(load_config(str(config), site_dir=str(tmp_path / "site")))

    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any(message.startswith(error) for message in errors), errors


def test_a_named_repository_that_cannot_be_read_stops_the_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = load_config(str(_project(tmp_path, " {}", {})), site_dir=str(tmp_path / "site"))
    config["extra"]["wikitool"] = {"repository": str(tmp_path / "nowhere"), "commit": "f" * 40}

    with pytest.raises(Abort):
        build(config)

    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any(m.startswith("wikitool: cannot read the history: git log failed in") for m in errors)
