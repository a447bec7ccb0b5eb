"""The structured data of every built page is valid schema.org, and a guide's steps
reach it whole: one HowTo per situation with every step that applies in it, in order,
groups as HowToSections and each ``or`` alternative a section of its own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from html_tree import parse_html
from step_guides import FRENCH, PASSPORT, PASSPORT_HOWTOS, PLAIN

# What each type we emit must have, and the properties it may have. Required: Google's
# structured-data documentation of how-tos (developers.google.com/search/docs/appearance/
# structured-data/how-to: HowTo needs name and step; HowToSection name and
# itemListElement of HowToSteps; HowToStep text), with ``position`` (schema.org ListItem)
# on every step and section, since the order is the procedure. Allowed: the properties
# schema.org (schema.org/<Type>) gives each type, of those this wiki states.
VOCABULARY: dict[str, tuple[set[str], set[str]]] = {
    "GovernmentService": ({"name"}, {"description", "url", "provider", "audience", "offers",
                                     "availableChannel", "serviceType"}),
    "HowTo": ({"name", "step"}, {"description", "supply"}),
    "HowToSection": ({"name", "itemListElement", "position"}, set()),
    "HowToStep": ({"text", "position"}, {"name"}),
    "HowToSupply": ({"name"}, set()),
    "GovernmentOrganization": ({"name"}, set()),
    "Organization": ({"name"}, set()),
    "Audience": ({"description"}, set()),
    "Offer": ({"price"}, {"name", "priceCurrency", "addOn"}),
    "ServiceChannel": ({"name"}, {"serviceUrl", "servicePhone", "servicePostalAddress",
                                  "serviceLocation"}),
    "ContactPoint": (set(), {"telephone", "email"}),
    "PostalAddress": ({"streetAddress"}, set()),
    "Place": ({"name"}, set()),
    "WebPage": ({"name"}, {"url", "publisher", "isBasedOn"}),
}  # fmt: skip
# Which types a property's values may be (schema.org's ranges, as this wiki uses them).
RANGES = {
    "step": {"HowToStep", "HowToSection"},
    "itemListElement": {"HowToStep"},  # Google: a section's items are steps
    "supply": {"HowToSupply"},
    "provider": {"GovernmentOrganization"},
}


def _items(html: str) -> list[dict[str, Any]]:
    return [
        json.loads(script.raw_text)
        for script in parse_html(html).find_all("script")
        if script.attrs.get("type") == "application/ld+json"
    ]


def _problems(item: dict[str, Any], where: str) -> list[str]:
    kind = item.get("@type")
    if kind not in VOCABULARY:
        return [f"{where}: unknown type {kind!r}"]
    required, allowed = VOCABULARY[kind]
    keys = {k for k in item if not k.startswith("@")}
    problems = [f"{where}: {kind} lacks {name}" for name in sorted(required - keys)]
    problems += [f"{where}: {kind} has no {name}" for name in sorted(keys - required - allowed)]
    for name, value in item.items():
        values = value if isinstance(value, list) else [value]
        if name in ("step", "itemListElement"):
            positions = [v.get("position") for v in values if isinstance(v, dict)]
            if not values or positions != list(range(1, len(values) + 1)):
                problems.append(f"{where}.{name}: positions {positions}")
        for index, child in enumerate(values):
            if not isinstance(child, dict):
                continue
            if name in RANGES and child.get("@type") not in RANGES[name]:
                problems.append(f"{where}.{name}: a {child.get('@type')} is not expected")
            problems += _problems(child, f"{where}.{name}[{index}]")
    if kind == "HowToStep" and not str(item.get("text", "")).strip():
        problems.append(f"{where}: an empty step")
    return problems


def _howtos(site: Path, page: str) -> list[dict[str, Any]]:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    return [item for item in _items(html) if item["@type"] == "HowTo"]


def _sections(howto: dict[str, Any]) -> list[tuple[str, list[str]]]:
    return [
        (section["name"], [step["text"] for step in section["itemListElement"]])
        for section in howto["step"]
    ]


def test_every_pages_structured_data_is_valid_schema_org(step_site: Path) -> None:
    pages = sorted(step_site.rglob("*.html"))
    found = {p: _items(p.read_text(encoding="utf-8")) for p in pages}

    problems = [
        problem
        for page, items in found.items()
        for index, item in enumerate(items)
        for problem in _problems(item, f"{page.relative_to(step_site)}[{index}]")
    ]

    assert sum(len(items) for items in found.values()) >= 8  # 3 guides: services, HowTos
    assert all(item.get("@context") == "https://schema.org" for v in found.values() for item in v)
    assert problems == []


def test_one_howto_per_situation_with_every_step_that_applies_in_it(step_site: Path) -> None:
    howtos = _howtos(step_site, PASSPORT)

    assert {h["name"]: _sections(h) for h in howtos} == {
        f"Get a passport: {label}": sections for label, sections in PASSPORT_HOWTOS.items()
    }


def test_no_step_of_the_page_is_dropped(step_site: Path) -> None:
    article = parse_html((step_site / PASSPORT / "index.html").read_text()).find("article")
    on_page, in_steps = set(), False
    for element in article.iter():  # the items between "## Steps" and the next heading
        if element.tag == "h2":
            in_steps = element.attrs.get("id") == "steps"
        elif in_steps and element.tag == "li":
            on_page.add(element.text)
    in_data = {
        step["text"]
        for howto in _howtos(step_site, PASSPORT)
        for section in howto["step"]
        for step in section["itemListElement"]
    }

    assert len(on_page) == 9
    assert on_page <= in_data


def test_a_guide_without_situations_has_one_howto_in_its_language(step_site: Path) -> None:
    (howto,) = _howtos(step_site, FRENCH)

    assert howto["name"] == "Renouveler un passeport"
    assert _sections(howto) == [
        ("Étapes", ["Faites la demande en ligne."]),
        ("Ou : Étapes", ["Remplissez le formulaire PA2.", "Envoyez-le par la poste."]),
    ]


def test_one_plain_list_gives_steps_without_sections(step_site: Path) -> None:
    (howto,) = _howtos(step_site, PLAIN)

    assert howto["step"] == [
        {"@type": "HowToStep", "position": 1, "text": "Apply online."},
        {"@type": "HowToStep", "position": 2, "text": "Send your old passport."},
    ]


STEP = {"@type": "HowToStep", "position": 1, "text": "Apply."}
# (what, an item, what the validation says): the table above catches each mistake.
WRONG = [
    ("a HowTo without steps", {"@type": "HowTo", "name": "T"}, ["x: HowTo lacks step"]),
    ("a misspelt property", {"@type": "HowTo", "name": "T", "steps": [STEP]},
     ["x: HowTo lacks step", "x: HowTo has no steps"]),
    ("a section without a name",
     {"@type": "HowTo", "name": "T", "step": [
         {"@type": "HowToSection", "position": 1, "itemListElement": [STEP]}]},
     ["x.step[0]: HowToSection lacks name"]),
    ("steps out of order", {"@type": "HowTo", "name": "T", "step": [STEP, STEP]},
     ["x.step: positions [1, 1]"]),
    ("a section inside a section",
     {"@type": "HowTo", "name": "T", "step": [
         {"@type": "HowToSection", "position": 1, "name": "A", "itemListElement": [
             {"@type": "HowToSection", "position": 1, "name": "B", "itemListElement": [STEP]}]}]},
     ["x.step[0].itemListElement: a HowToSection is not expected"]),
    ("an empty step", {"@type": "HowTo", "name": "T", "step": [{**STEP, "text": " "}]},
     ["x.step[0]: an empty step"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("item", "problems"), [row[1:] for row in WRONG], ids=[row[0] for row in WRONG]
)
def test_the_validation_finds_each_mistake(item: dict[str, Any], problems: list[str]) -> None:
    assert _problems(item, "x") == problems
