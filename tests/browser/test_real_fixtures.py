"""Real procedures in a real browser: for two situations of each, the reader picks the
situation and the panel shows that situation's fee, time in words, ways to apply and
deadline, in the guide's language, and nothing of the other situation's; the page
never says "Free", "Same day" or "Up to" where the source does not, and passes axe-core's
WCAG 2.1 A/AA rules.

Read on the 375 px screen: what a page says does not depend on its width.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from browsing import PHONE_ONLY, PublishedWiki, axe_violations, build, serving
from isolation import isolated_environment
from playwright.sync_api import Browser, Page, expect
from real_fixtures import RealFixture, build_real_wiki, real_fixtures

pytestmark = pytest.mark.browser

FIXTURES = {str(fixture): fixture for fixture in real_fixtures()}


@dataclass(frozen=True)
class InSituation:
    """What a real guide's panel shows, and does not show, in one of its situations."""

    guide: str
    situation: str
    shows: tuple[str, ...]
    hides: tuple[str, ...] = ()

    @property
    def fixture(self) -> RealFixture:
        return FIXTURES[self.guide]

    def misread(self, text: str) -> list[str]:
        """What ``text`` gets wrong: a text it should show and lacks, or one it shows and
        should not (empty when it reads right)."""
        missing = [f"missing: {t}" for t in self.shows if t not in text]
        return missing + [f"shown: {t}" for t in self.hides if t in text]

    def __str__(self) -> str:
        return f"{self.guide}:{self.situation}"


# Each text as the panel writes it in the guide's language (money with Babel's spaces
# made plain: the test reads text content with them normalised).
SITUATIONS = [
    InSituation("gov-uk/renew-or-replace-an-adult-passport", "online",
                ("£75.50", "Apply online"), ("£85.00", "Send a paper form")),
    InSituation("gov-uk/renew-or-replace-an-adult-passport", "paper",
                ("£85.00", "Send a paper form"), ("£75.50", "Apply online")),
    InSituation("gov-uk/renew-or-replace-an-adult-passport-earlier-edition", "renew",
                ("One of:", "£72.50", "£82.25", "Usually within 3 weeks",
                 "The online passport application service", "Send your application by post",
                 "Passport Check and Send"),
                ("signed by someone else",)),
    InSituation("gov-uk/renew-or-replace-an-adult-passport-earlier-edition", "replace",
                ("£72.50", "£82.25", "Usually within 3 weeks",
                 "signed by someone else", "Extra documents if you have changed your name")),
    InSituation("fr/carte-d-identite-d-un-majeur-premiere-demande", "avec-pre-demande",
                ("Gratuit", "Pré-demande en ligne (facultative)", "En mairie",
                 "Le numéro de pré-demande ou le QR code")),
    InSituation("fr/carte-d-identite-d-un-majeur-premiere-demande", "sans-pre-demande",
                ("Gratuit", "En mairie"),
                ("Pré-demande en ligne (facultative)", "Le numéro de pré-demande")),
    InSituation("fr/carte-d-identite-modification-consulat-londres", "avec-ancienne-carte",
                ("Gratuit", "Au consulat", "3 mois après sa mise à disposition"), ("25,00 €",)),
    InSituation("fr/carte-d-identite-modification-consulat-londres", "sans-ancienne-carte",
                ("25,00 €", "Payable en livres sterling", "Au consulat",
                 "3 mois après sa mise à disposition"), ("Gratuit",)),
    InSituation("fr/inscription-sur-les-listes-electorales", "cas-general",
                ("En ligne", "Par courrier", "Par une personne que vous mandatez"),
                ("10 jours avant le 1er tour",)),
    InSituation("fr/inscription-sur-les-listes-electorales", "situation-particuliere",
                ("En mairie", "Par courrier", "10 jours avant le 1er tour")),
    InSituation("us/register-to-vote-in-new-york", "in-new-york",
                ("Register online", "Register by mail", "Register in person",
                 "10 days before Election Day", "15 days before Election Day, postmarked",
                 "10 days before Election Day, received"),
                ("Federal Post Card Application",)),
    InSituation("us/register-to-vote-in-new-york", "outside-the-us",
                ("Federal Post Card Application (FPCA)",),
                ("Register online", "days before Election Day")),
    InSituation("us/registrarse-para-votar-en-alaska", "en-alaska",
                ("Inscripción por internet", "Registrarse por correo postal",
                 "30 días antes de el día de las elecciones, fecha del matasellos"),
                ("Tarjeta Federal Postal de Solicitud",)),
    InSituation("us/registrarse-para-votar-en-alaska", "fuera-de-eeuu",
                ("Tarjeta Federal Postal de Solicitud (FPCA)",),
                ("Inscripción por internet", "30 días antes")),
    InSituation("ca/apply-for-canadian-citizenship", "adult",
                ("The application package for adults", "Apply online", "Apply on paper"),
                ("applying for a minor",)),
    InSituation("ca/apply-for-canadian-citizenship", "minor",
                ("applying for a minor", "Apply online", "Apply on paper"),
                ("package for adults",)),
    InSituation("de/personalausweis-beantragen-muenster", "unter-24",
                ("22,80 €", "+ 13,00 €", "+ 10,00 €", "Antrag im Stadthaus 1", "Abholen",
                 "Termin vereinbaren"), ("37,00 €",)),
    InSituation("de/personalausweis-beantragen-muenster", "ab-24",
                ("37,00 €", "+ 13,00 €", "+ 10,00 €", "Antrag im Stadthaus 1", "Abholen",
                 "Termin vereinbaren"), ("22,80 €",)),
]  # fmt: skip
SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PublishedWiki]:
    """Every real fixture in the reference wiki, built with ``wikitool build`` and served."""
    root = tmp_path_factory.mktemp("real")
    with isolated_environment(root):
        build_real_wiki(root)
    built = build(root)
    with serving(built.site_dir) as base_url:
        yield PublishedWiki(root / "wiki", built.site_dir, base_url, built.commit)


def _text(page: Page, selector: str) -> str:
    return page.locator(selector).first.inner_text().translate(SPACES)


def _facts_shown(page: Page) -> str:
    """The panel's facts the reader sees (the picker's own options left out)."""
    shown = page.locator(".wt-panel .wt-panel__facts:visible").all_inner_texts()
    return "\n".join(shown).translate(SPACES)


def test_two_situations_of_every_real_fixture_are_checked() -> None:
    checked = {(row.guide, row.situation) for row in SITUATIONS}
    for name, fixture in FIXTURES.items():
        assert len({s for guide, s in checked if guide == name}) >= 2, name
        assert {s for guide, s in checked if guide == name} <= set(fixture.situations), name


@PHONE_ONLY
@pytest.mark.parametrize("fixture", FIXTURES.values(), ids=str)
def test_the_page_reads_in_the_guides_language_claims_nothing_unstated_and_passes_axe(
    page: Page, real_site: PublishedWiki, fixture: RealFixture
) -> None:
    page.goto(real_site.url(fixture.content_path))
    panel = _text(page, ".wt-panel")

    expect(page.locator("html")).to_have_attribute("lang", fixture.lang)
    expect(page.locator(".wt-panel__title")).to_have_text(fixture.label("At a glance"))
    assert fixture.claims_shown(panel) == fixture.stated_claims()
    assert axe_violations(page) == []


@PHONE_ONLY
@pytest.mark.parametrize("row", SITUATIONS, ids=str)
def test_every_situations_facts_are_on_the_page_before_choosing(
    page: Page, real_site: PublishedWiki, row: InSituation
) -> None:
    page.goto(real_site.url(row.fixture.content_path))
    panel = _text(page, ".wt-panel")

    assert [text for text in row.shows if text not in panel] == []


def _situation(situation: str) -> str:
    return f".wt-situation[data-situation='{situation}']"


@PHONE_ONLY
@pytest.mark.parametrize("row", SITUATIONS, ids=str)
def test_choosing_a_situation_shows_only_its_facts(
    page: Page, real_site: PublishedWiki, row: InSituation
) -> None:
    page.goto(real_site.url(row.fixture.content_path))
    page.locator("#wt-situation-choice").select_option(row.situation)
    chosen = page.locator(_situation(row.situation))

    expect(chosen).to_be_visible()
    # What the reader sees: the facts common to every situation, then the chosen one's.
    assert row.misread(_facts_shown(page)) == []
    for other in set(row.fixture.situations) - {row.situation}:
        expect(page.locator(_situation(other))).to_be_hidden()
    expect(page).to_have_url(re.compile(rf"[?&]situation={re.escape(row.situation)}(&|$)"))


@PHONE_ONLY
@pytest.mark.parametrize("row", SITUATIONS, ids=str)
def test_a_shared_link_opens_on_its_situation(
    page: Page, real_site: PublishedWiki, row: InSituation
) -> None:
    page.goto(real_site.url(row.fixture.content_path) + f"?situation={row.situation}")
    chosen = page.locator(_situation(row.situation))

    expect(page.locator("#wt-situation-choice")).to_have_value(row.situation)
    expect(chosen).to_be_visible()
    assert row.misread(_facts_shown(page)) == []


@pytest.mark.parametrize("fixture", FIXTURES.values(), ids=str)
def test_without_javascript_every_situation_is_shown_under_its_own_heading(
    browser: Browser, real_site: PublishedWiki, fixture: RealFixture
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(real_site.url(fixture.content_path))

        expect(page.locator(".wt-situation-picker")).to_be_hidden()
        for situation, label in fixture.situations.items():
            section = page.locator(_situation(situation))
            expect(section).to_be_visible()
            expect(section.locator("h3").first).to_have_text(label)
    finally:
        context.close()


GROUPED = [f for f in FIXTURES.values() if "{when:" in f.text]


@PHONE_ONLY
@pytest.mark.parametrize("fixture", GROUPED, ids=str)
def test_choosing_a_situation_hides_the_step_groups_of_the_others(
    page: Page, real_site: PublishedWiki, fixture: RealFixture
) -> None:
    page.goto(real_site.url(fixture.content_path))
    for situation in fixture.situations:
        page.locator("#wt-situation-choice").select_option(situation)
        ours = page.locator(f"article [data-when~='{situation}']")
        theirs = page.locator(f"article [data-when]:not([data-when~='{situation}'])")

        expect(ours.first).to_be_visible()
        for index in range(theirs.count()):
            expect(theirs.nth(index)).to_be_hidden()
