"""Guides whose steps use the whole convention of ``guides/steps.py``: groups, groups of
some situations, ``or`` and ``and`` between lists and between groups, in English and in
French. Their front matter is the reference passport renewal's, with situations."""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from wikitool.model import Identity
from wikitool.services.wiki_init import init_wiki

CATEGORY = "identity-and-travel"
REFERENCE = Path(__file__).resolve().parents[2]
_SOURCE = (REFERENCE / "content" / CATEGORY / "renew-an-adult-passport.md").read_text("utf-8")
FRONT_MATTER = _SOURCE[: _SOURCE.index("\n---\n") + 5]

# The guides' pages, by their path under the site.
PASSPORT = f"{CATEGORY}/passport-by-situation"
FRENCH = f"{CATEGORY}/passeport"
PLAIN = f"{CATEGORY}/renew-a-passport"

SITUATIONS = (
    "situations:\n"
    "  in-country: You live in Veloria\n"
    "  abroad: You live abroad\n"
    "  under-16: The passport is for a child under 16\n"
)

PASSPORT_STEPS = """
Follow the steps for your situation.

## Steps

Follow the steps for your situation.

### Prepare

1. Get a passport photo.
2. Find your current passport.

### Apply in Veloria {when: in-country, under-16}

1. Apply online.

or

1. Fill in form PA2.
2. Post it to the Passport Office.

or

### Apply from abroad {when: abroad}

1. Book an appointment at the embassy.

and

- Bring your photo and your passport.

### A parent signs {when: under-16}

1. A parent signs the form.

or

### A guardian signs {when: under-16}

1. The guardian signs the form and adds the court order.

## After you apply

Wait for your passport.
"""

FRENCH_STEPS = """
Renouvelez votre passeport.

## Étapes

1. Faites la demande en ligne.

ou

1. Remplissez le formulaire PA2.
2. Envoyez-le par la poste.
"""

# Three situations, their steps in order (every path through the groups that apply).
PASSPORT_HOWTOS = {
    "You live in Veloria": [
        ("Prepare", ["Get a passport photo.", "Find your current passport."]),
        ("Apply in Veloria", ["Apply online."]),
        ("Or: Apply in Veloria", ["Fill in form PA2.", "Post it to the Passport Office."]),
    ],
    "You live abroad": [
        ("Prepare", ["Get a passport photo.", "Find your current passport."]),
        ("Apply from abroad",
         ["Book an appointment at the embassy.", "Bring your photo and your passport."]),
    ],
    "The passport is for a child under 16": [
        ("Prepare", ["Get a passport photo.", "Find your current passport."]),
        ("Apply in Veloria", ["Apply online."]),
        ("Or: Apply in Veloria", ["Fill in form PA2.", "Post it to the Passport Office."]),
        ("A parent signs", ["A parent signs the form."]),
        ("Or: A guardian signs", ["The guardian signs the form and adds the court order."]),
    ],
}  # fmt: skip

GUIDES = {
    f"content/{PASSPORT}.md": FRONT_MATTER.replace(
        "title: Renew an adult passport", "title: Get a passport"
    ).replace("lang: en\n", SITUATIONS + "lang: en\n")
    + PASSPORT_STEPS,
    f"content/{FRENCH}.md": FRONT_MATTER.replace(
        "title: Renew an adult passport", "title: Renouveler un passeport"
    ).replace("lang: en\n", "lang: fr\n")
    + FRENCH_STEPS,
    f"content/{PLAIN}.md": FRONT_MATTER
    + "\nRenew it online.\n\n## Steps\n\n1. Apply online.\n2. Send your old passport.\n",
}


def build_step_site(root: Path) -> Path:
    """A wiki of a home page, one category and ``GUIDES``, committed and built strictly;
    the site's folder."""
    source = root / "source"
    shutil.copytree(REFERENCE / "theme", source / "theme")
    shutil.copy(REFERENCE / "mkdocs.yml", source / "mkdocs.yml")
    folder = source / "content" / CATEGORY
    folder.mkdir(parents=True)
    (source / "content" / "index.md").write_text("---\ntitle: Guides\n---\n\nGuides.\n")
    (folder / "index.md").write_text("---\ntitle: Identity and travel\n---\n\nPassports.\n")
    for path, text in GUIDES.items():
        (source / path).write_text(text, encoding="utf-8")
    staff = Identity("Staff", "s@x.invalid")
    init_wiki(root / "wiki", source=source, author=staff, when=1_790_000_000)
    built = root / "site"
    build(load_config(str(root / "wiki" / "mkdocs.yml"), site_dir=str(built), strict=True))
    return built
