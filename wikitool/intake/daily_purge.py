"""The intake's daily ``privacy purge``: contact details deleted when their time is up,
with no timer to set up beside the service (``services/privacy_purge.py``)."""

from __future__ import annotations

import asyncio
import logging

from starlette.concurrency import run_in_threadpool

from wikitool.intake.thread_stores import ThreadStores
from wikitool.services.privacy_purge import PURGE_EVERY, purge_contacts

log = logging.getLogger("wikitool.intake")


async def purge_daily(stores: ThreadStores, every: float = PURGE_EVERY) -> None:
    """Purge now, then every ``every`` seconds, until cancelled; a failed pass is logged
    and tried again next time (the intake outlives it)."""
    while True:
        try:
            # In a pool thread with its own store; a cancel waits for the pass to finish.
            report = await run_in_threadpool(lambda: purge_contacts(stores.get()))
            if report.deleted:
                log.info(
                    "deleted the contact details of %d suggestion(s) decided more than %d days ago",
                    len(report.deleted),
                    report.after_days,
                )
        except Exception:  # a broken policy on main, a locked store: next time
            log.exception("the daily purge of contact details failed")
        await asyncio.sleep(every)
