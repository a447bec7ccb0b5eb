"""A guide's facts as they stand in one of its situations: what a reader who picked
that situation is told, and nothing that applies only in another.

Whether an item applies is :func:`wikitool.guides.situations.applies` (its ``when``).
A fact tied to another follows it: an add-on applies only where the fee it is paid on
top of does, and a deadline for some ways to apply only where one of them does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from wikitool.guides.situations import applies
from wikitool.mkdocs_plugin.guide import Fee, FeeItem, GuideFacts, every_fee
from wikitool.mkdocs_plugin.ways_to_apply import Deadline, ServiceChannel


def in_situation(guide: GuideFacts, situation: str) -> GuideFacts:
    """``guide`` with only the fees, times, documents, conditions, ways to apply and
    deadlines that apply in ``situation`` (a declared situation's id)."""
    channels = tuple(c for c in guide.channels if applies(c.when, situation))
    return replace(
        guide,
        fees=_fees_in(guide.fees, situation),
        time=tuple(t for t in guide.time if applies(t.when, situation)),
        documents=tuple(doc for doc in guide.documents if applies(doc.when, situation)),
        eligibility=tuple(c for c in guide.eligibility if applies(c.when, situation)),
        channels=channels,
        deadlines=_deadlines_in(guide.deadlines, guide.channels, channels, situation),
    )


def _fees_in(fees: tuple[FeeItem, ...] | None, situation: str) -> tuple[FeeItem, ...] | None:
    if not fees:
        return fees  # free, or nothing said: the same in every situation
    declared = {fee.id for fee in every_fee(fees) if fee.id}
    items = [item for item in fees if applies(item.when, situation)]
    kept = _keeping(items, lambda fee: applies(fee.when, situation))
    here = {fee.id for fee in every_fee(tuple(kept)) if fee.id}
    # An add-on naming no fee at all stays: it is shown as a fee of its own (check refuses it).
    kept = _keeping(kept, lambda fee: fee.adds_to in here or fee.adds_to not in declared)
    # No fee applies: the guide does not say what this situation costs (never "Free").
    return tuple(kept) or None


def _keeping(items: list[FeeItem], keep: Callable[[Fee], bool]) -> list[FeeItem]:
    """The fees ``keep`` keeps; a group of alternatives left with one is that fee."""
    kept: list[FeeItem] = []
    for item in items:
        if isinstance(item, Fee):
            if keep(item):
                kept.append(item)
            continue
        options = tuple(fee for fee in item.options if keep(fee))
        if len(options) > 1:
            kept.append(replace(item, options=options))
        elif options:
            kept.append(replace(options[0], note=options[0].note or item.note))
    return kept


def _deadlines_in(
    deadlines: tuple[Deadline, ...],
    every_channel: tuple[ServiceChannel, ...],
    channels: tuple[ServiceChannel, ...],
    situation: str,
) -> tuple[Deadline, ...]:
    declared = {c.id for c in every_channel if c.id}
    here = {c.id for c in channels if c.id}

    def for_a_way_here(deadline: Deadline) -> bool:
        named = [i for i in deadline.channels if i in declared]
        return not named or any(i in here for i in named)

    return tuple(
        deadline
        for deadline in deadlines
        if applies(deadline.when, situation) and for_a_way_here(deadline)
    )
