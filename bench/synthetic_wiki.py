"""A synthetic wiki repository for benchmarks: N guides in ten categories, M commits on main.

The history looks like a wiki that has been in use for a few years: the guides arrive in
large batches first, then come one-guide edits by staff and merged citizen suggestions
(``Suggestion-Id:``, ``Base:`` and ``Reviewed-by:`` trailers), with the odd rename. Every
guide has front matter that passes the guide schema and the shape of the reference
guides (``## Steps`` with an ordered list), and every link resolves, so the site builds
under ``--strict``. The same seed gives the same repository, commit for commit.

Commits are written the way the tool writes them, through :class:`WikiStore` at the
object level (no working tree, no ``git`` process per commit); ``main`` is set once at
the end, then ``git gc`` packs the objects (a real wiki's objects are packed) and the
working tree is checked out for the tools that need one (MkDocs' git plugins).

Command line::

    python bench/synthetic_wiki.py OUT --guides 2000 --commits 10000

As a library (e.g. to submit many suggestions against it)::

    from synthetic_wiki import make_synthetic_wiki, suggested_edit
    wiki = make_synthetic_wiki(path, guides=500, commits=2000)
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import random
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from wikitool.gitstore import MAIN_REF, WikiStore
from wikitool.ids import is_suggestion_id
from wikitool.model import Identity
from wikitool.services.wiki_init import collect_wiki_files, reference_wiki
from wikitool.suggestions.submission import citizen_identity

START = calendar.timegm((2023, 11, 1, 9, 0, 0))
"""When the synthetic wiki's history begins (its history ends about three years later)."""
SPAN_SECONDS = 3 * 365 * 86_400
BATCH = 50
"""Guides added per commit while the wiki is being filled."""
SUGGESTION_SHARE = 0.4
"""Share of single-guide edits that are merged citizen suggestions."""
RENAME_SHARE = 0.01


class Category(NamedTuple):
    """A folder of guides: its slug, title, the agency that runs it, what its guides are about."""

    slug: str
    title: str
    agency: str
    topics: list[str]


CATEGORIES = [Category(*row) for row in [
    ("identity-and-travel", "Identity and travel", "Veloria Passport Office",
     ["passport", "identity card", "travel document", "residence card", "visa letter",
      "emergency passport", "consular certificate", "name record", "photo record",
      "citizenship certificate"]),
    ("family-and-civil-status", "Family and civil status", "Civil Registry Service",
     ["birth certificate", "marriage certificate", "civil partnership", "name change",
      "death registration", "adoption record", "divorce record", "parental agreement",
      "family book", "guardianship order"]),
    ("housing", "Housing", "Housing Agency of Veloria",
     ["housing benefit", "tenancy deposit", "repair complaint", "social housing place",
      "rent review", "energy grant", "building permit", "noise complaint",
      "accessible home grant", "homelessness support"]),
    ("work-and-benefits", "Work and benefits", "Employment and Benefits Office",
     ["jobseeker's allowance", "parental leave pay", "sick pay", "training grant",
      "work permit", "pension statement", "disability allowance", "carer's allowance",
      "redundancy payment", "winter fuel payment"]),
    ("business", "Business", "Business Registry of Veloria",
     ["limited company", "sole trader registration", "food business licence",
      "market stall permit", "alcohol licence", "trademark", "export certificate",
      "business rates relief", "street trading licence", "charity registration"]),
    ("vehicles", "Vehicles", "Vehicle and Driver Agency",
     ["driving licence", "vehicle registration", "parking fine", "parking permit",
      "vehicle tax", "learner permit", "disabled parking badge", "number plate",
      "roadworthiness test", "taxi licence"]),
    ("health", "Health", "Veloria Health Service",
     ["health card", "GP registration", "prescription exemption", "vaccination record",
      "patient transport", "dental treatment grant", "hearing aid grant",
      "medical certificate", "care home place", "health complaint"]),
    ("education", "Education", "Education Authority",
     ["school place", "school transport", "student grant", "exam certificate",
      "adult learning course", "childcare place", "school meals support",
      "home schooling notice", "special needs support", "diploma recognition"]),
    ("tax", "Tax", "Veloria Tax Office",
     ["income tax return", "tax number", "tax refund", "property tax", "payment plan",
      "self-employed tax", "inheritance tax", "gift tax", "tax residence certificate",
      "VAT registration"]),
    ("environment", "Environment", "Environment and Waste Agency",
     ["bulky waste collection", "garden waste bin", "tree felling permit",
      "hunting licence", "fishing permit", "bonfire notice", "water connection",
      "septic tank registration", "recycling centre pass", "pollution report"]),
]]  # fmt: skip

VERBS = ["Apply for", "Renew", "Replace", "Register", "Cancel", "Change", "Check",
         "Appeal a decision on", "Get a copy of", "Transfer"]  # fmt: skip
REGIONS = ["Aldmere", "Brackton", "Corvale", "Dunmore", "Eastwick", "Fallow Bay",
           "Greyhaven", "Highmoor", "Irlen", "Juniper Vale", "Kestrel Point", "Lowford",
           "Marrow", "Northgate", "Oakhollow", "Pellham", "Quarry Hill", "Redwater",
           "Stonebridge", "Thornfield"]  # fmt: skip
STAFF_NAMES = ["Ana Ruiz", "Ben Okafor", "Chloe Marsh", "Dev Patel", "Elena Sokolova",
               "Farid Haddad", "Grace Lin", "Hugo Brandt", "Ines Costa", "Jonas Berg",
               "Kemi Adeyemi", "Luca Romano", "Maya Cohen", "Nils Holm", "Olga Petrova",
               "Pavel Novak", "Rosa Diaz", "Sami Laine", "Tara Quinn", "Yusuf Demir"]  # fmt: skip
WORDS = ["appointment", "office", "counter", "letter", "form", "online", "service",
         "reference", "number", "payment", "card", "receipt", "copy", "original",
         "certificate", "document", "proof", "address", "record", "decision", "review",
         "deadline", "working", "days", "calendar", "month", "officer", "registrar",
         "helpline", "email", "post", "courier", "signature", "photo", "scan", "upload",
         "download", "account", "login", "confirmation", "status", "tracking", "interview",
         "visit", "inspection", "notice", "request", "evidence", "statement", "declaration",
         "witness", "translation", "stamp", "seal", "envelope", "deposit", "refund",
         "instalment", "discount", "exemption", "renewal", "extension", "cancellation",
         "replacement", "transfer", "appeal", "complaint", "assessment"]  # fmt: skip
DOCUMENTS = ["Your identity card or passport", "Proof of address from the last 3 months",
             "A recent passport photo", "Your tax number", "Your bank account details",
             "The decision letter you received", "A signed application form",
             "Proof of income for the last 3 months", "Your residence card",
             "A letter from your employer"]  # fmt: skip
LAWS = ["Public Services Act 2018", "Administrative Procedure Act 2012",
        "Fees and Charges Regulations 2024", "Digital Services Act 2021",
        "Data Protection Act 2020"]  # fmt: skip
SUGGESTION_SUMMARIES = [
    "Fix the opening hours in step {n}",
    "Say that the form is also available at Citizen Service Points",
    "Correct the fee to {fee} euros",
    "Add that the letter can take {days} days to arrive",
    "Explain what to do if the online service is down",
    "Clarify which photo is accepted in step {n}",
    "Update the helpline number's opening hours",
    "Mention that a scan is accepted instead of the original",
]
STAFF_SUMMARIES = [
    "Reword step {n} for clarity",
    "Record the annual review of this guide",
    "Update the fee for {year}",
    "Add a section on what to do if something goes wrong",
    "Shorten the introduction",
    "Link to the category page",
]
_YAML_PLAIN = re.compile(r"^[A-Z][A-Za-z0-9 ,.'()/-]*[A-Za-z0-9.)]$")
_YAML_11_WORDS = {"Yes", "No", "On", "Off", "True", "False", "Y", "N", "Null"}
_ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


@dataclass
class Guide:
    """One guide's state as the generator tracks it (rendered to Markdown on each write)."""

    category: int
    slug: str
    title: str
    summary: str
    fees: list[tuple[str, float]]
    min_days: int
    max_days: int
    documents: list[str]
    eligibility: list[str]
    regions: list[str]
    laws: list[str]
    last_reviewed: dt.date
    steps: list[str]
    intro: list[str]
    trouble: list[str] = field(default_factory=list)
    review_days: int = 4 * 365
    """How long after a check the next one is due (a few guides are checked twice a year)."""
    abroad: bool = False
    """Whether the guide has two situations (in the country, abroad), as about a third of
    real procedures do: fees, time, a document, ways to apply and a step group per case."""
    deadline: bool = False
    edits: int = 0

    @property
    def path(self) -> str:
        """The path in the repository, ``content/<category>/<slug>.md``."""
        return f"content/{CATEGORIES[self.category].slug}/{self.slug}.md"


@dataclass(frozen=True)
class SyntheticWiki:
    """A generated wiki: where it is, main's tip, and the guides on main."""

    path: Path
    main: str
    commits: int
    guides: list[str]
    """Paths of the guides on main (``content/<category>/<slug>.md``)."""
    seconds: float


# -- text ----------------------------------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _yaml_text(value: str) -> str:
    """A YAML scalar both YAML 1.1 (MkDocs) and 1.2 read as this exact string."""
    if _YAML_PLAIN.match(value) and value not in _YAML_11_WORDS:
        return value
    return json.dumps(value, ensure_ascii=False)


def _sentence(rng: random.Random, words: int = 12) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def _paragraph(rng: random.Random, sentences: int = 3) -> str:
    return " ".join(_sentence(rng, rng.randint(8, 16)) for _ in range(sentences))


def _new_guide(rng: random.Random, category: int, title: str, when: dt.date) -> Guide:
    agency = CATEGORIES[category].agency
    amount = float(rng.choice([0, 12, 25, 35, 40, 60, 86, 95, 120, 150]))
    fees = [("Online application", amount)]
    if rng.random() < 0.5:
        fees.append(("Paper form by post", amount + 10))
    return Guide(
        category=category,
        slug=_slug(title),
        title=title,
        summary=f"{title} with the {agency}: who can apply, what it costs and what to bring.",
        fees=fees if amount or rng.random() < 0.5 else [],
        min_days=rng.randint(1, 10),
        max_days=rng.randint(11, 60),
        documents=rng.sample(DOCUMENTS, rng.randint(2, 4)),
        eligibility=[
            "You live in Veloria or you are a Velorian citizen.",
            f"You are {rng.choice([16, 18, 21])} or over, or a parent applies for you.",
        ],
        regions=rng.sample(REGIONS, 3),
        laws=rng.sample(LAWS, rng.randint(1, 2)),
        last_reviewed=when,
        steps=[_sentence(rng, rng.randint(10, 22)) for _ in range(rng.randint(5, 8))],
        intro=[_paragraph(rng) for _ in range(2)],
        trouble=[_paragraph(rng, 2)],
        # Twice-yearly checks fall behind on a busy wiki: these guides end up overdue.
        review_days=182 if rng.random() < 0.05 else 4 * 365,
        abroad=rng.random() < 0.35,
        deadline=rng.random() < 0.2,
    )


HOME, ABROAD = "in-country", "abroad"


def _fees(guide: Guide) -> list[str]:
    """Model 2's fees: one fee, or the online and paper prices as alternatives; an abroad
    guide's consular fee limited to that situation; ``free`` when nothing is paid."""
    if not guide.fees:
        return ["fees: free"]

    def fee(label: str, amount: float, indent: str, when: str = "") -> list[str]:
        number = int(amount) if amount.is_integer() else amount
        lines = [f"{indent}- label: {_yaml_text(label)}", f"{indent}  amount: {number}"]
        lines.append(f"{indent}  currency: EUR")
        return lines + ([f"{indent}  when: [{when}]"] if when else [])

    home = HOME if guide.abroad else ""
    lines = ["fees:"]
    if len(guide.fees) == 1:
        lines += fee(*guide.fees[0], "  ", home)
    else:
        lines += ["  - choose_one:"]
        for label, amount in guide.fees:
            lines += fee(label, amount, "      ")
        lines += [f"    when: [{home}]"] if home else []
    if guide.abroad:
        lines += fee("Consular fee", guide.fees[0][1] + 25, "  ", ABROAD)
    return lines


def _channels(guide: Guide, category: str, agency: str) -> list[str]:
    """Model 2's ways to apply: online and in person; a consulate for an abroad guide;
    a helpline to prepare."""
    office = f"{agency} offices in {', '.join(guide.regions)}"
    home = [f"    when: [{HOME}]"] if guide.abroad else []
    lines = [
        "channels:",
        "  - id: online",
        "    type: online",
        "    label: Online",
        f"    urls: [https://services.veloria.invalid/{category}/{guide.slug}]",
        *home,
        "  - id: in-person",
        "    type: in_person",
        "    label: In person",
        f"    where: {_yaml_text(office)}",
        *home,
    ]
    if guide.abroad:
        lines += [
            "  - id: consulate",
            "    type: in_person",
            "    label: At a consulate",
            "    where: The Velorian consulate nearest to you",
            f"    when: [{ABROAD}]",
        ]
    lines += [
        "  - id: helpline",
        "    type: phone",
        "    label: Helpline",
        f"    phones: [0800 555 {1000 + guide.category * 97}]",
        "    hours: Monday to Friday, 9:00 to 17:00",
        "    role: prepare",
    ]
    return lines


def _steps(guide: Guide) -> list[str]:
    """The steps: one list, or for an abroad guide a group per situation (the steps
    grammar: ``### Title {when: id}`` under ``## Steps``)."""
    numbered = "\n".join(f"{n}. {step}" for n, step in enumerate(guide.steps, 1))
    if not guide.abroad:
        return [numbered]
    half = max(1, len(guide.steps) // 2)
    first = "\n".join(f"{n}. {step}" for n, step in enumerate(guide.steps[:half], 1))
    rest = "\n".join(f"{n}. {step}" for n, step in enumerate(guide.steps[half:], 1))
    return [
        f"### If you live in Veloria {{when: {HOME}}}",
        numbered,
        f"### If you live abroad {{when: {ABROAD}}}",
        first,
        "or",
        rest,
    ]


def render(guide: Guide) -> bytes:
    """The guide as a Markdown file with YAML front matter, in the reference guides' shape."""
    slug_, cat_title, agency, _ = CATEGORIES[guide.category]
    review_by = guide.last_reviewed + dt.timedelta(days=guide.review_days)
    lines = [
        "---",
        "model: 2",
        f"title: {_yaml_text(guide.title)}",
        f"summary: {_yaml_text(guide.summary)}",
        f"category: {slug_}",
        f"agency: {_yaml_text(agency)}",
        f"owner: {_yaml_text(agency + ' guidance team')}",
        f"last_reviewed: {guide.last_reviewed.isoformat()}",
        f"review_by: {review_by.isoformat()}",
    ]
    if guide.abroad:
        lines += ["situations:", f"  {HOME}: You live in Veloria", f"  {ABROAD}: You live abroad"]
    lines += _fees(guide)
    lines += [
        "time:",
        "  - kind: maximum",
        f"    min: {guide.min_days}",
        f"    max: {guide.max_days}",
        "    unit: days",
        "    from: when your application arrives",
    ]
    if guide.abroad:
        lines += ["  - kind: typical", "    value: 6", "    unit: weeks", f"    when: [{ABROAD}]"]
    lines.append("documents:")
    for i, name in enumerate(guide.documents):
        lines += [f"  - name: {_yaml_text(name)}", f"    required: {'true' if i < 2 else 'false'}"]
    if guide.abroad:
        lines += ["  - name: Proof of your address abroad", f"    when: [{ABROAD}]"]
    lines.append("eligibility:")
    lines += [f"  - {_yaml_text(item)}" for item in guide.eligibility]
    lines += _channels(guide, slug_, agency)
    if guide.deadline:
        lines += [
            "deadlines:",
            "  - label: Apply",
            "    offset:",
            "      days: 28",
            "      before: the date you need the decision",
            "    counts: received",
        ]
    lines.append("legal_basis:")
    lines += [f"  - title: {_yaml_text(law)}" for law in guide.laws]
    lines += ["tags:", f"  - {slug_}", "lang: en", "---", ""]
    blocks = [
        *guide.intro,
        "## Before you start",
        "You need:",
        "\n".join(f"- {name[0].lower()}{name[1:]}" for name in guide.documents),
        "## Steps",
        *_steps(guide),
        "## After you apply",
        f"You get a decision within {guide.max_days} days. "
        f"Other [{cat_title.lower()} guides](index.md) may apply to you too.",
        "## If something goes wrong",
        *guide.trouble,
        "## Get help",
        f"{agency} helpline: 0800 555 {1000 + guide.category * 97}",
    ]
    return ("\n".join(lines) + "\n" + "\n\n".join(blocks) + "\n").encode()


def render_category(category: int, guides: list[Guide]) -> bytes:
    """A category's index page, listing and linking every guide in it."""
    _, title, agency, _ = CATEGORIES[category]
    items = sorted((g.title, g.slug) for g in guides if g.category == category)
    lines = [
        "---",
        f"title: {_yaml_text(title)}",
        f"summary: {_yaml_text(f'Guides to {title.lower()} services run by the {agency}.')}",
        "---",
        "",
        f"Guides to services run by the {agency}.",
        "",
        *[f"- [{t}]({s}.md)" for t, s in items],
        "",
    ]
    return "\n".join(lines).encode()


def render_home() -> bytes:
    """The home page: what the site is, and the categories."""
    lines = [
        "---",
        "title: Public services in Veloria",
        "summary: A synthetic wiki of public service guides, generated for benchmarks.",
        "---",
        "",
        "A synthetic wiki generated for benchmarks. Veloria and its services are fictional.",
        "",
        "## Find a guide",
        "",
        *[f"- [{title}]({slug_}/index.md)" for slug_, title, _, _ in CATEGORIES],
        "",
    ]
    return "\n".join(lines).encode()


# -- edits ---------------------------------------------------------------------------------


def _suggestion_id(rng: random.Random, when: int) -> str:
    """An id in the tool's layout (time, then random), drawn from ``rng`` for reproducibility."""
    value = (when * 1000) << 80 | rng.getrandbits(80)
    chars = [_ID_ALPHABET[(value >> (5 * i)) & 31] for i in range(26)]
    made = "".join(reversed(chars))
    assert is_suggestion_id(made)
    return made


def _edit(rng: random.Random, guide: Guide, when: dt.date, citizen: bool) -> tuple[Guide, str]:
    """One realistic change to a guide; returns the changed guide and its one-line summary."""
    n = rng.randint(1, len(guide.steps))
    kind = rng.random()
    steps, trouble, fees = list(guide.steps), list(guide.trouble), list(guide.fees)
    reviewed = guide.last_reviewed
    if kind < 0.5:
        steps[n - 1] = _sentence(rng, rng.randint(10, 22))
    elif kind < 0.65 and fees:
        label, amount = fees[0]
        fees[0] = (label, float(max(0, amount + rng.choice([-5, 5, 10]))))
    elif kind < 0.8 and not citizen:
        reviewed = when
    else:
        trouble.append(_sentence(rng, rng.randint(8, 14)))
        trouble = trouble[-3:]
    template = rng.choice(SUGGESTION_SUMMARIES if citizen else STAFF_SUMMARIES)
    summary = template.format(
        n=n, fee=int(fees[0][1]) if fees else 0, days=rng.randint(3, 15), year=when.year
    )
    changed = replace(
        guide, steps=steps, trouble=trouble, fees=fees, last_reviewed=reviewed,
        edits=guide.edits + 1,
    )  # fmt: skip
    return changed, summary


def suggested_edit(content: str, rng: random.Random) -> tuple[str, str]:
    """A citizen's plausible correction to a guide's Markdown: ``(new content, summary)``.

    Rewords one step of the ``## Steps`` list, so it changes the body only. For
    benchmarks that submit many suggestions against a synthetic wiki.
    """
    steps = [m for m in re.finditer(r"^(\d+)\. (.*)$", content, re.MULTILINE)]
    if not steps:
        raise ValueError("the guide has no numbered steps")
    step = rng.choice(steps)
    text = _sentence(rng, rng.randint(10, 22))
    changed = content[: step.start(2)] + text + content[step.end(2) :]
    return changed, f"Reword step {step.group(1)}: {text[:40].rstrip()}"


# -- history -------------------------------------------------------------------------------


def _titles(rng: random.Random, count: int) -> Iterator[tuple[int, str]]:
    """``count`` distinct (category, title) pairs spread over the ten categories."""
    combos = [
        (c, f"{verb} {('a ' if verb in {'Apply for', 'Register'} else 'your ')}{topic} in {region}")
        for c, (_, _, _, topics) in enumerate(CATEGORIES)
        for topic in topics
        for verb in VERBS
        for region in REGIONS
    ]
    if count > len(combos):
        raise ValueError(f"at most {len(combos):,} guides")
    rng.shuffle(combos)
    yield from combos[:count]


@dataclass
class PlannedCommit:
    """One commit of the synthetic history, before it is written."""

    changes: dict[str, bytes | None]
    message: str
    author: Identity
    committer: Identity
    when: int
    suggestion: bool = False
    """Whether it stands for a merged citizen suggestion (a ``Suggestion-Id:`` trailer)."""


class History:
    """The synthetic history, commit by commit: bulk additions, then single-guide edits."""

    def __init__(self, guides: int, commits: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.commits = commits
        self.bulk = -(-guides // BATCH)
        if commits < self.bulk:
            raise ValueError(f"{guides} guides need at least {self.bulk} commits")
        self.step = SPAN_SECONDS // max(commits, 1)
        self.staff = [
            Identity(name, f"{_slug(name).replace('-', '.')}@agency.veloria.invalid")
            for name in STAFF_NAMES
        ]
        self.pending = list(_titles(self.rng, guides))
        self.live: list[Guide] = []

    def plan(self, number: int, parent: str | None) -> PlannedCommit:
        """Commit ``number`` (from 0) on top of ``parent``."""
        when = START + number * self.step + self.rng.randint(0, max(self.step - 1, 0))
        staff = self.rng.choice(self.staff)
        if number < self.bulk:
            return self._add_batch(number, when, staff)
        # A few guides get most of the edits, as on any wiki.
        index = min(int(self.rng.paretovariate(1.2)) - 1, len(self.live) - 1)
        if self.rng.random() < 0.5:
            index = (index * 7919 + number) % len(self.live)
        citizen = self.rng.random() < SUGGESTION_SHARE
        if not citizen and self.rng.random() < RENAME_SHARE:
            return self._rename(index, when, staff)
        old = self.live[index]
        day = dt.datetime.fromtimestamp(when, dt.UTC).date()
        new, summary = _edit(self.rng, old, day, citizen)
        self.live[index] = new
        planned = PlannedCommit({new.path: render(new)}, f"{summary}\n", staff, staff, when)
        if citizen:
            sid = _suggestion_id(self.rng, when)
            planned.author = citizen_identity(sid)
            planned.suggestion = True
            planned.message += (
                "\nSuggested by a citizen after using the service.\n\n"
                f"Suggestion-Id: {sid}\nBase: {parent}\nReviewed-by: {staff}\n"
            )
        return planned

    def _category_page(self, category: int) -> tuple[str, bytes]:
        return (
            f"content/{CATEGORIES[category].slug}/index.md",
            render_category(category, self.live),
        )

    def _add_batch(self, number: int, when: int, staff: Identity) -> PlannedCommit:
        day = dt.datetime.fromtimestamp(when, dt.UTC).date()
        batch = [_new_guide(self.rng, c, t, day) for c, t in self.pending[:BATCH]]
        del self.pending[:BATCH]
        self.live.extend(batch)
        changes: dict[str, bytes | None] = {g.path: render(g) for g in batch}
        changes.update(self._category_page(c) for c in sorted({g.category for g in batch}))
        message = f"Add {len(batch)} guides\n"
        if number == 0:
            skeleton = collect_wiki_files(reference_wiki())
            changes.update({p: d for p, d in skeleton.items() if not p.startswith("content/")})
            changes["content/index.md"] = render_home()
            message = f"Start the wiki with {len(batch)} guides\n"
        return PlannedCommit(changes, message, staff, staff, when)

    def _rename(self, index: int, when: int, staff: Identity) -> PlannedCommit:
        old = self.live[index]
        original = old.title.removesuffix(" (new service)")
        title = original if original != old.title else f"{old.title} (new service)"
        new = replace(old, title=title, slug=_slug(title), edits=old.edits + 1)
        self.live[index] = new
        changes: dict[str, bytes | None] = {old.path: None, new.path: render(new)}
        changes.update([self._category_page(new.category)])
        return PlannedCommit(changes, f'Rename "{old.title}" to "{title}"\n', staff, staff, when)


def make_synthetic_wiki(
    dest: Path,
    *,
    guides: int = 2000,
    commits: int = 10_000,
    seed: int = 1,
    pack: bool = True,
    checkout: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> SyntheticWiki:
    """Generate a wiki repository at ``dest`` (which must not exist or be empty).

    Args:
        guides: how many guides main ends with.
        commits: how many commits main has (the first ``guides / 50`` add guides in bulk).
        seed: the same seed gives the same repository.
        pack: run ``git gc`` at the end, as a real repository would be.
        checkout: check main out into a working tree (MkDocs' git plugins read one).
        progress: called as ``progress(done, total)`` every 250 commits.

    Raises:
        ValueError: fewer commits than the bulk additions need, or ``dest`` is not empty.
    """
    started = time.perf_counter()
    if dest.exists() and any(dest.iterdir()):
        raise ValueError(f"{dest} exists and is not empty")
    history = History(guides, commits, seed)
    tip: str | None = None
    tree: str | None = None
    with WikiStore.init(dest) as store:
        for number in range(commits):
            planned = history.plan(number, tip)
            if tip is None:
                files = {p: d for p, d in planned.changes.items() if d is not None}
                tree = store.write_tree(files)
                tip = store.write_commit(
                    tree=tree, parents=[], message=planned.message, author=planned.author,
                    committer=planned.committer, when=planned.when,
                )  # fmt: skip
            else:
                tip = store.write_files_commit(
                    parents=[tip], base_tree=tree, changes=planned.changes,
                    message=planned.message, author=planned.author,
                    committer=planned.committer, when=planned.when,
                )  # fmt: skip
                tree = store.commit_info(tip).tree
            if progress and (number + 1) % 250 == 0:
                progress(number + 1, commits)
        assert tip is not None
        # One ref update at the end: nobody else writes to a repository being generated.
        if not store.update_ref(MAIN_REF, None, tip, reason="synthetic wiki"):
            raise RuntimeError(f"{dest} already had a main branch")
    if pack:
        subprocess.run(["git", "-C", str(dest), "gc", "--quiet"], check=True)
    if checkout:
        with WikiStore.open(dest) as store:
            store.check_out_main()
    return SyntheticWiki(
        path=dest.resolve(),
        main=tip,
        commits=commits,
        guides=sorted(g.path for g in history.live),
        seconds=time.perf_counter() - started,
    )


def main(argv: list[str] | None = None) -> int:
    """The command line: ``python bench/synthetic_wiki.py OUT [--guides N] [--commits M]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="where to create the repository (new or empty)")
    parser.add_argument("--guides", type=int, default=2000, help="guides on main (2000)")
    parser.add_argument("--commits", type=int, default=10_000, help="commits on main (10000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    parser.add_argument("--no-pack", action="store_true", help="leave objects loose")
    args = parser.parse_args(argv)

    def report(done: int, total: int) -> None:
        print(f"\r{done:,}/{total:,} commits", end="", file=sys.stderr, flush=True)

    wiki = make_synthetic_wiki(
        args.out, guides=args.guides, commits=args.commits, seed=args.seed,
        pack=not args.no_pack, progress=report if sys.stderr.isatty() else None,
    )  # fmt: skip
    print(
        f"{wiki.path}: {len(wiki.guides):,} guides, {wiki.commits:,} commits,"
        f" main {wiki.main[:12]}, {wiki.seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
