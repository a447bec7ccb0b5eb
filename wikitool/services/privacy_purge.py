"""``wikitool privacy purge``: contact details deleted a set time after the decision.

A citizen's name and e-mail (``suggestions/contacts.py``, never in git) are kept while
their suggestion is open and for ``delete_contacts_after`` days (``review-policy.yaml``,
default 90) after it was merged or rejected; then they are deleted as ``suggest forget``
deletes them (:func:`forget_contact`: the same last message, saying why). A contact whose
suggestion was never recorded (its submission died half way) goes the same time after it
was saved. The intake runs this once a day; it reads the contact store and the review
index, both cheap, and writes nothing to git.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from wikitool.gitstore import WikiStore
from wikitool.review.events import SuggestionState
from wikitool.review.listing import suggestion_index
from wikitool.review.policy import load_policy
from wikitool.suggestions.contacts import contacts_kept
from wikitool.suggestions.notifications import forget_contact

DAY = 86_400
PURGE_EVERY = DAY
"""How often the intake purges."""


@dataclass
class PurgeReport:
    """What a purge deleted (or, with ``dry_run``, would delete): ids, never addresses."""

    after_days: int
    dry_run: bool
    deleted: list[str] = field(default_factory=list)
    kept: int = 0

    def to_json(self) -> dict[str, object]:
        """The ``--json`` form."""
        return {
            "after_days": self.after_days,
            "dry_run": self.dry_run,
            "deleted": len(self.deleted),
            "ids": self.deleted,
            "kept": self.kept,
        }


def purge_contacts(
    store: WikiStore,
    *,
    after_days: int | None = None,
    dry_run: bool = False,
    now: float | None = None,
) -> PurgeReport:
    """Delete every contact kept longer than ``after_days`` (default: the policy's) after
    its suggestion's decision.

    Raises:
        ReviewError: the review policy on main is malformed (and no ``after_days``).
    """
    days = after_days if after_days is not None else load_policy(store).delete_contacts_after
    report = PurgeReport(after_days=days, dry_run=dry_run)
    contacts = contacts_kept(store)
    if not contacts:
        return report  # the daily run on a wiki nobody left an address on reads nothing else
    cutoff = (time.time() if now is None else now) - days * DAY
    # The decision's time, None while open; a suggestion never recorded is not here.
    decided = {
        entry.id: (entry.decided if entry.state is not SuggestionState.OPEN else None)
        for entry in suggestion_index(store)
    }
    for suggestion_id, saved in contacts:
        since = decided.get(suggestion_id, saved)
        if since is None or since > cutoff:
            report.kept += 1
            continue
        if dry_run or forget_contact(store, suggestion_id, kept_days=days):
            report.deleted.append(suggestion_id)
    return report
