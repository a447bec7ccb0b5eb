"""Where a guide's Markdown conversion failed, when the exception says nowhere: the first
block of the body (blank lines apart, outside code) that raises on its own
(``publishing.held_back.first_failing_block``), with the reference wiki's extensions."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from wikitool.publishing.held_back import first_failing_block

REFERENCE = Path(__file__).resolve().parents[2]
FRONT_MATTER = "---\ntitle: A guide\n---\n"  # the body starts on line 4
DEEP = "*" * 3000 + "deep" + "*" * 3000


@pytest.fixture(scope="module")
def config() -> MkDocsConfig:
    return load_config(str(REFERENCE / "mkdocs.yml"))


@pytest.mark.parametrize(
    ("body", "line"),
    [
        (f"{DEEP}\n", 4),
        (f"# Title\n\nIntro.\n\n1. One\n2. {DEEP}\n\nAfter.\n", 8),
        # A fenced block with blank lines inside is one block; the failure comes after it.
        (f"```\ncode\n\nmore code\n```\n\nText\nstill text {DEEP}\n", 10),
        ("# Title\n\nNothing wrong here.\n", None),
    ],
    ids=["first-line", "in-a-list", "after-a-fence", "nothing-fails"],
)
def test_the_first_block_that_fails_alone_is_named_by_its_first_line(
    tmp_path: Path, config: MkDocsConfig, body: str, line: int | None
) -> None:
    guide = tmp_path / "guide.md"
    guide.write_text(FRONT_MATTER + body, encoding="utf-8")

    assert first_failing_block(guide, config) == line


def test_a_guide_that_cannot_be_read_has_no_line(tmp_path: Path, config: MkDocsConfig) -> None:
    assert first_failing_block(tmp_path / "missing.md", config) is None
    (tmp_path / "bad.md").write_bytes(b"---\ntitle: x\n---\n\xff\n")
    assert first_failing_block(tmp_path / "bad.md", config) is None
