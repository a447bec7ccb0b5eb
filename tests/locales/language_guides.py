"""Small guides in French, Latin American Spanish and German, as an agency would write
them: the steps heading in the guide's language, a fee in euros, review dates."""

from __future__ import annotations

from dataclasses import dataclass

CATEGORY = "identity-and-travel"


@dataclass(frozen=True)
class LanguageGuide:
    """A guide in one language and what its page must show."""

    lang: str
    name: str
    title: str
    steps_heading: str
    steps: tuple[str, str]
    panel_labels: tuple[str, ...]
    """The panel's labels, in order."""
    fee: str
    """The fee as the page writes it."""
    duration: str
    checked: str
    """The freshness line's "Checked by ... on DATE"."""
    suggest: str
    channel: str
    """The first way to apply, as the panel names it."""

    @property
    def path(self) -> str:
        return f"content/{CATEGORY}/{self.name}.md"

    def text(self) -> str:
        """The guide's Markdown, front matter first."""
        return GUIDE_TEXT[self.lang].format(heading=self.steps_heading)


GUIDE_TEXT = {
    "fr": """---
title: Renouveler une carte d'identité
summary: Renouvelez votre carte d'identité veloriane en mairie si elle expire dans moins de six mois.
category: identity-and-travel
agency: Ministère de l'Intérieur de Veloria
owner: Équipe des guides d'identité
last_reviewed: 2026-10-06
review_by: 2099-04-06
fees:
  - label: Renouvellement
    amount: 86
    currency: EUR
processing_time:
  min_days: 10
  max_days: 21
documents:
  - name: Votre carte d'identité actuelle
eligibility:
  - Vous êtes citoyen de Veloria.
apply:
  online:
    url: https://services.veloria.invalid/identite
  in_person:
    where: Mairie de votre commune
lang: fr
---

Ce guide explique comment renouveler votre carte d'identité.

## {heading}

1. Prenez rendez-vous en mairie.
2. Apportez votre ancienne carte et une photo récente.
""",
    "es-419": """---
title: Renovar la cédula de identidad
summary: Renueve su cédula de identidad veloriana en la municipalidad si vence en menos de seis meses.
category: identity-and-travel
agency: Ministerio del Interior de Veloria
owner: Equipo de guías de identidad
last_reviewed: 2026-10-06
review_by: 2099-04-06
fees:
  - label: Renovación
    amount: 86
    currency: EUR
processing_time:
  max_days: 21
documents:
  - name: Su cédula actual
eligibility:
  - Usted es ciudadano de Veloria.
apply:
  online:
    url: https://services.veloria.invalid/identidad
lang: es-419
---

Esta guía explica cómo renovar su cédula de identidad.

## {heading}

1. Pida una cita en la municipalidad.
2. Lleve su cédula anterior y una foto reciente.
""",
    "de": """---
title: Personalausweis verlängern
summary: Verlängern Sie Ihren velorianischen Personalausweis im Bürgeramt, wenn er in weniger als sechs Monaten abläuft.
category: identity-and-travel
agency: Innenministerium von Veloria
owner: Team Ausweisleitfäden
last_reviewed: 2026-10-06
review_by: 2099-04-06
fees:
  - label: Verlängerung
    amount: 1286.5
    currency: EUR
processing_time:
  min_days: 7
  max_days: 7
documents:
  - name: Ihr bisheriger Personalausweis
eligibility:
  - Sie sind Bürgerin oder Bürger von Veloria.
apply:
  by_post:
    address: Bürgeramt Aldmere, Postfach 10, 1010 Aldmere
lang: de
---

Dieser Leitfaden erklärt, wie Sie Ihren Personalausweis verlängern.

## {heading}

1. Vereinbaren Sie einen Termin im Bürgeramt.
2. Bringen Sie Ihren alten Ausweis und ein aktuelles Foto mit.
""",
}

FRENCH = LanguageGuide(
    lang="fr",
    name="renouveler-une-carte-d-identite",
    title="Renouveler une carte d'identité",
    steps_heading="Étapes",
    steps=("Prenez rendez-vous en mairie.", "Apportez votre ancienne carte et une photo récente."),
    panel_labels=("Coût", "Délai", "Qui peut faire la demande", "Pièces à fournir",
                  "Comment faire la demande"),
    fee="86,00\u00a0€",
    duration="10 à 21 jours",
    checked="Vérifié par Ministère de l'Intérieur de Veloria le 6 octobre 2026",
    suggest="Proposer une modification",
    channel="En ligne",
)  # fmt: skip
SPANISH = LanguageGuide(
    lang="es-419",
    name="renovar-la-cedula-de-identidad",
    title="Renovar la cédula de identidad",
    steps_heading="Pasos",
    steps=("Pida una cita en la municipalidad.", "Lleve su cédula anterior y una foto reciente."),
    panel_labels=("Cuánto cuesta", "Cuánto tarda", "Quién puede solicitarlo", "Qué necesita",
                  "Cómo solicitarlo"),
    fee="EUR86.00",
    duration="Hasta 21 días",
    checked="Revisado por Ministerio del Interior de Veloria el 6 de octubre de 2026",
    suggest="Sugerir un cambio",
    channel="En línea",
)  # fmt: skip
GERMAN = LanguageGuide(
    lang="de",
    name="personalausweis-verlaengern",
    title="Personalausweis verlängern",
    steps_heading="Schritte",
    steps=("Vereinbaren Sie einen Termin im Bürgeramt.",
           "Bringen Sie Ihren alten Ausweis und ein aktuelles Foto mit."),
    panel_labels=("Kosten", "Bearbeitungsdauer", "Wer den Antrag stellen kann",
                  "Was Sie mitbringen müssen", "So stellen Sie den Antrag"),
    fee="1.286,50\u00a0€",
    duration="7 Tage",
    checked="Geprüft von Innenministerium von Veloria am 6. Oktober 2026",
    suggest="Änderung vorschlagen",
    channel="Per Post",
)  # fmt: skip
LANGUAGE_GUIDES = (FRENCH, SPANISH, GERMAN)
