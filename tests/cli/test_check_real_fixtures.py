"""Real procedures of five governments pass ``wikitool check --strict`` as they are
written: model 2, their own language, situations, sources, and a publisher who is not
the agency that runs the service."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from isolation import isolated_environment
from real_fixtures import RealFixture, build_real_wiki, real_fixtures

from wikitool.cli import cli
from wikitool.locales.catalogues import steps_heading

RunCli = Callable[..., Result]
FIXTURES = real_fixtures()


@pytest.fixture(scope="module")
def real_wiki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference wiki with every real fixture committed on main."""
    root = tmp_path_factory.mktemp("real")
    with isolated_environment(root):
        return build_real_wiki(root)


@pytest.fixture(scope="module")
def problems(real_wiki: Path) -> list[dict[str, object]]:
    """What ``check --strict --json`` finds in the whole wiki, run once."""
    with isolated_environment(real_wiki.parent):
        result = CliRunner().invoke(cli, ["--repo", str(real_wiki), "check", "--strict", "--json"])
    assert result.exit_code == 0, result.output
    found: list[dict[str, object]] = json.loads(result.output)["problems"]
    return found


def test_there_are_eight_procedures_from_at_least_four_governments() -> None:
    assert len(FIXTURES) >= 8
    assert len({fixture.government for fixture in FIXTURES}) >= 4


@pytest.mark.parametrize("fixture", FIXTURES, ids=str)
def test_each_real_procedure_passes_check_strict(
    fixture: RealFixture, problems: list[dict[str, object]]
) -> None:
    assert [p for p in problems if str(p.get("path", "")).endswith(fixture.content_path)] == []


@pytest.mark.parametrize("fixture", FIXTURES, ids=str)
def test_each_real_procedure_says_where_its_facts_come_from(fixture: RealFixture) -> None:
    data = fixture.data

    assert data["model"] == 2
    assert len(fixture.situations) >= 2
    assert data["sources"] and all(source["seen"] for source in data["sources"])
    assert data["publisher"] != data["agency"]
    assert f"\n## {steps_heading(fixture.lang)}\n" in fixture.text


def test_the_wiki_with_every_real_procedure_passes_check_strict(
    real_wiki: Path, run_cli: RunCli
) -> None:
    result = run_cli("--repo", str(real_wiki), "check", "--strict")

    assert (result.exit_code, result.output) == (0, "All guides are valid.\n")
