"""The intake runs ``privacy purge`` when it starts and once a day after: contact details
whose time is up go without a timer beside the service."""

from __future__ import annotations

import time
from collections.abc import Callable

from intake_server import Intake

from wikitool.gitstore import WikiStore
from wikitool.ids import new_suggestion_id
from wikitool.suggestions.contacts import Contact, contact_get, contact_save

DAY = 86_400


def test_the_intake_purges_contacts_whose_time_is_up(
    store: WikiStore, start_intake: Callable[..., Intake]
) -> None:
    # Contacts of submissions that died before their review log was written: they go
    # the policy's 90 days after they were saved.
    old, recent = new_suggestion_id(), new_suggestion_id()
    now = int(time.time())
    contact_save(store, Contact(old, "Ana", "ana@example.org", now - 91 * DAY))
    contact_save(store, Contact(recent, "Ben", "ben@example.org", now - 89 * DAY))

    start_intake()

    deadline = time.monotonic() + 10
    while contact_get(store, old) is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert contact_get(store, old) is None
    assert contact_get(store, recent) is not None
