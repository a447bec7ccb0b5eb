"""What a procedure costs, for the panel: only what the guide states.

``fees: free`` and an empty list read "Free", ``fees: not stated`` says so, and no
``fees`` says nothing. A ``choose_one`` group reads as alternatives ("One of:"), and a
fee with ``adds_to`` is shown under the fee it is paid on top of ("Courier: + €12.00"),
and a fee marked ``total`` after the others, as the sum ("Total: €108.00").
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from wikitool.mkdocs_plugin.display import Display, note_html
from wikitool.mkdocs_plugin.fact_links import NO_LINKS, FactLinks
from wikitool.mkdocs_plugin.guide import Fee, FeeChoice, FeeItem, GuideFacts, every_fee

AddOns = dict[str, list[Fee]]
"""The add-ons of each fee id."""


def fees_html(guide: GuideFacts, d: Display, links: FactLinks = NO_LINKS) -> str:
    """The panel's answer to "What it costs", as HTML, each fee with its "Suggest a
    change" link from ``links``; ``""`` when the guide says nothing about it."""
    fees = guide.fees
    if fees is None:
        if guide.fees_not_stated:
            fix = links.label_link("fees", "What it costs")
            return f'<p class="wt-not-stated">{d.html("Not stated by the agency")}{fix}</p>'
        return ""
    if all(fee.amount == 0 for fee in every_fee(fees)):
        fix = links.label_link("fees", "What it costs")
        return f'<p class="wt-fee"><strong>{d.html("Free")}</strong>{fix}</p>'
    totals = [item for item in fees if isinstance(item, Fee) and item.total]
    summed = tuple(item for item in fees if not any(item is fee for fee in totals))
    return _fees_html(summed, d, links) + "".join(_total(fee, d, links) for fee in totals)


def _fees_html(fees: tuple[FeeItem, ...], d: Display, links: FactLinks) -> str:
    addons = add_ons(fees)
    attached = {id(fee) for fees_of in addons.values() for fee in fees_of}
    items = [item for item in fees if id(item) not in attached]
    if len(items) == 1 and isinstance(items[0], Fee) and not addons.get(items[0].id):
        fee = items[0]
        label = f" ({escape(fee.label)})" if fee.label else ""
        money = d.money_html(fee.amount, fee.currency)
        fix = _fix(fee, d, links)
        return f'<p class="wt-fee"><strong>{money}</strong>{label}{note_html(fee.note)}{fix}</p>'
    return _list(_item(item, addons, d, links) for item in items)


def _total(fee: Fee, d: Display, links: FactLinks) -> str:
    """The sum the guide states, apart from the fees it adds up: "Total: €108.00"."""
    money = f"<strong>{d.money_html(fee.amount, fee.currency)}</strong>"
    label = f" ({escape(fee.label)})" if fee.label else ""
    total = d.html("Total: {amount}", amount=money)
    fix = _fix(fee, d, links)
    return f'<p class="wt-fee wt-fee--total">{total}{label}{note_html(fee.note)}{fix}</p>'


def _fix(fee: Fee, d: Display, links: FactLinks) -> str:
    return links.link(fee.field, fee_name(fee, d)) if links.href else ""


def fee_name(fee: Fee, d: Display) -> str:
    """A fee named in plain text, for its link and a report's choice: its label, else
    its amount."""
    return fee.label or d.money(fee.amount, fee.currency)


def add_ons(fees: tuple[FeeItem, ...]) -> AddOns:
    """Each fee id's add-ons; an add-on naming no fee (``check`` refuses it) is left
    out of the result, so it is shown as a fee of its own."""
    ids = {fee.id for fee in every_fee(fees) if fee.id}
    found: AddOns = {}
    for fee in every_fee(fees):
        if fee.adds_to in ids and fee.adds_to != fee.id:
            found.setdefault(fee.adds_to, []).append(fee)
    return found


def _item(item: FeeItem, addons: AddOns, d: Display, links: FactLinks) -> str:
    if isinstance(item, FeeChoice):
        attached = {id(fee) for fees_of in addons.values() for fee in fees_of}
        shown = [fee for fee in item.options if id(fee) not in attached]
        options = _list(_fee(fee, addons, d, links) for fee in shown)
        return f"{d.html('One of:')}{note_html(item.note)}{options}"
    return _fee(item, addons, d, links)


def _fee(fee: Fee, addons: AddOns, d: Display, links: FactLinks) -> str:
    money = f"<strong>{d.money_html(fee.amount, fee.currency)}</strong>"
    text = f"{escape(fee.label)}: {money}" if fee.label else money
    extras = _list(_addon(extra, d, links) for extra in addons.get(fee.id, []) if fee.id)
    return f"{text}{note_html(fee.note)}{_fix(fee, d, links)}{extras}"


def _addon(fee: Fee, d: Display, links: FactLinks) -> str:
    money = d.money_html(fee.amount, fee.currency)
    plus = d.html("+ {amount}", amount=f"<strong>{money}</strong>")
    text = f"{escape(fee.label)}: {plus}" if fee.label else plus
    return f"{text}{note_html(fee.note)}{_fix(fee, d, links)}"


def _list(items: Iterable[str]) -> str:
    entries = [f"<li>{item}</li>" for item in items]
    return f"<ul>{''.join(entries)}</ul>" if entries else ""
