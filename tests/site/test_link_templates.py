"""The "Suggest an edit" and "Is something wrong?" link templates are checked as
``mkdocs.yml`` loads: a typo is a configuration error naming the option, not a broken
link on 2,000 pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from html_tree import parse_html
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from wikitool.mkdocs_plugin.context import BuildContext
from wikitool.mkdocs_plugin.plugin import WikitoolPlugin

GUIDE = "---\ntitle: A guide\nsummary: What this guide is about.\n---\n\n## Steps\n\n1. Do it.\n"
COMMIT = "c0ffee" + "0" * 34


def _project(tmp_path: Path, option: str, template: str) -> Path:
    for name, text in {"index.md": "# Home\n", "topic/a-guide.md": GUIDE}.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text)
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: Test\ntheme: mkdocs\nplugins:\n  - wikitool:\n"
        f"      history: false\n      {option}: {template}\n"
    )
    return config


@pytest.mark.parametrize(
    ("option", "template", "reason"),
    [
        (
            "suggest_url",
            "suggest/{guide}",
            "'suggest/{guide}' is not a valid link template: {guide} is not a placeholder "
            "(placeholders: {path}, {url}, {commit})",
        ),
        ("report_url", "report/?page={page}", "{page} is not a placeholder"),
        ("suggest_url", "'suggest/{}'", "{} is not a placeholder"),
        ("suggest_url", "'suggest/{0}'", "{0} is not a placeholder"),
        ("suggest_url", "'suggest/{path.upper}'", "{path.upper} is not a placeholder"),
        ("suggest_url", "'suggest/{path!r}'", "{path!r} is not a placeholder"),
        ("suggest_url", "'suggest/{path:>40}'", "{path:>40} is not a placeholder"),
        ("suggest_url", "'suggest/{path'", "expected '}' before end of string"),
        ("report_url", "'report/}{path}'", "Single '}' encountered in format string"),
        ("suggest_url", "'javascript:alert(1)//{path}'", "not javascript:"),
        ("report_url", "'JavaScript:alert({path})'", "not javascript:"),
        ("suggest_url", "'data:text/html,{path}'", "not data:"),
        ("report_url", "'vbscript:msgbox({path})'", "not vbscript:"),
        ("suggest_url", "'{path}:x'", "not x.md:"),
        ("suggest_url", "42", "a link template must be text, not int"),
    ],
)
def test_a_bad_link_template_is_a_configuration_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, option: str, template: str, reason: str
) -> None:
    config = _project(tmp_path, option, template)

    with pytest.raises(Abort):
        load_config(str(config), site_dir=str(tmp_path / "site"))

    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"Config value 'plugins': Plugin 'wikitool' option '{option}': ")
    assert reason in errors[0]
    assert not (tmp_path / "site").exists()


PASSPORT = "identity-and-travel/renew-an-adult-passport"


@pytest.mark.parametrize(
    ("option", "template", "link"),
    [
        ("suggest_url", "suggest/?guide={path}", f"../../suggest/?guide={PASSPORT}.md"),
        ("suggest_url", "edit/{url}?at={commit}", f"../../edit/{PASSPORT}/?at={COMMIT}"),
        (
            "suggest_url",
            "https://forms.example.org/{{{path}}}",
            f"https://forms.example.org/{{{PASSPORT}.md}}",
        ),
        (
            "report_url",
            "mailto:help@example.org?subject={path}",
            f"mailto:help@example.org?subject={PASSPORT}.md",
        ),
        ("report_url", "//help.example.org/{path}", f"//help.example.org/{PASSPORT}.md"),
    ],
)
def test_a_good_link_template_fills_in_the_guide(
    wiki: Path, tmp_path: Path, option: str, template: str, link: str
) -> None:
    settings = wiki / "mkdocs.yml"
    text = settings.read_text()
    assert f"\n      {option}: " in text
    lines = [
        f"      {option}: '{template}'" if line.startswith(f"      {option}: ") else line
        for line in text.splitlines()
    ]
    settings.write_text("\n".join(lines) + "\n")
    config = load_config(str(settings), site_dir=str(tmp_path / "site"))
    plugin = config.plugins["wikitool"]
    assert isinstance(plugin, WikitoolPlugin)
    plugin.context = BuildContext(commit=COMMIT)

    build(config)

    page = parse_html((tmp_path / "site" / PASSPORT / "index.html").read_text()).find("article")
    if option == "suggest_url":
        hrefs = [a.attrs["href"] for a in page.find_all("a", "wt-suggest")]
    else:
        hrefs = [a.attrs["href"] for a in page.find("p", "wt-report").find_all("a")]
    assert hrefs == [link]
