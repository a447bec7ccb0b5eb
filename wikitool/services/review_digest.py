"""``wikitool notify digest``: each folder's owners told what waits for them and what is
overdue, by a message queued in the outbox (sent wherever mail is sent).

The owners are the review policy's (``owners`` per folder, inherited); an ``@domain``
owner names no one to write to, so a folder owned only by domains gets no digest (its
suggestions are counted as ``unowned``). One digest per owner and day: a second run the
same day queues nothing. An owner who used the unsubscribe link gets no more digests.
Digests are in English, like the command line staff use.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from wikitool.gitstore import WikiStore
from wikitool.mail.addresses import address_problem
from wikitool.mail.outbox import MessageKind, Outbox, staff_recipient
from wikitool.review.listing import BacklogRow, review_list
from wikitool.review.policy import load_policy

DIGEST_LANGUAGE = "en"


@dataclass
class DigestReport:
    """What a digest run queued: per owner, how many suggestions wait and are overdue."""

    owners: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Owner address -> (waiting, overdue)."""
    queued: int = 0
    """Digests newly queued (not today's already, not to who unsubscribed)."""
    unowned: int = 0
    """Open suggestions in folders without an owner's address."""

    def to_json(self) -> dict[str, object]:
        """The ``--json`` form."""
        return {
            "queued": self.queued,
            "owners": [
                {"owner": owner, "waiting": waiting, "overdue": overdue}
                for owner, (waiting, overdue) in sorted(self.owners.items())
            ],
            "unowned": self.unowned,
        }


def queue_digests(store: WikiStore, *, now: int | None = None) -> DigestReport:
    """Queue today's digest for every owner with open suggestions in their folders.

    Raises:
        ReviewError: the review policy on main is malformed.
    """
    moment = int(time.time()) if now is None else now
    policy = load_policy(store)
    waiting: dict[str, list[BacklogRow]] = defaultdict(list)
    report = DigestReport()
    for row in review_list(store, state="open", now=moment):
        owners = [
            o
            for o in policy.for_path(row.entry.guide).owners
            if not o.startswith("@") and address_problem(o) is None
        ]
        if not owners:
            report.unowned += 1
        for owner in owners:
            waiting[owner.casefold()].append(row)
    today = datetime.fromtimestamp(moment, UTC).date().isoformat()
    outbox = Outbox.of(store)
    for owner, rows in sorted(waiting.items()):
        overdue = sum(row.overdue for row in rows)
        report.owners[owner] = (len(rows), overdue)
        recipient = staff_recipient(owner)
        outbox.subscribe(recipient, "", DIGEST_LANGUAGE)  # kept stopped once unsubscribed
        items = [
            {
                "id": row.entry.id,
                "guide": row.entry.guide,
                "summary": row.entry.summary,
                "age_days": row.age_days,
                "due": row.due,
                "overdue": row.overdue,
            }
            for row in sorted(rows, key=lambda r: (not r.overdue, r.entry.submitted))
        ]
        params = {"date": today, "items": json.dumps(items)}
        dedupe = f"{recipient}:{MessageKind.DIGEST.value}:{today}"
        report.queued += outbox.enqueue(MessageKind.DIGEST, recipient, params, dedupe=dedupe)
    return report
