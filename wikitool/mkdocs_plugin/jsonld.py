"""Structured data for search engines: a schema.org GovernmentService, its HowTos, and the
WebPage's provenance (who publishes the guide, the official pages it is based on).

The JSON sits inside a ``<script>`` element, where ``</script>`` or ``<!--`` in a value
would end it early; every ``<``, ``>`` and ``&`` is written as a JSON ``\\u`` escape, so
no front matter value can break out, and the data still parses as the same JSON.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from wikitool.guides.steps import Steps
from wikitool.mkdocs_plugin.display import Display
from wikitool.mkdocs_plugin.guide import CHANNEL_NAMES, Fee, GuideFacts, every_fee
from wikitool.mkdocs_plugin.howto import guide_howtos
from wikitool.mkdocs_plugin.panel_fees import add_ons
from wikitool.mkdocs_plugin.ways_to_apply import ServiceChannel


def guide_jsonld(
    guide: GuideFacts,
    steps: Steps | None,
    step_texts: Sequence[Sequence[str]],
    url: str | None,
) -> list[dict[str, Any]]:
    """The guide as schema.org items: the service, (if it has steps) a HowTo per
    situation (``howto.py``; ``step_texts`` as ``step_marks.mark_steps`` gives them), and
    (if the guide names its publisher or sources) the page itself."""
    service: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": guide.title,
        "description": guide.summary,
    }
    if url:
        service["url"] = url
    if guide.agency:
        service["provider"] = {"@type": "GovernmentOrganization", "name": guide.agency}
    if guide.eligibility:
        audience = " ".join(c.text for c in guide.eligibility)
        service["audience"] = {"@type": "Audience", "description": audience}
    display = Display.of(guide.lang)
    offers = guide_offers(guide, display)
    if offers:
        service["offers"] = offers
    channels = [_channel(c.kind, c.detail, display) for c in guide.apply]
    channels += [service_channel(c) for c in guide.channels]
    if channels:
        service["availableChannel"] = channels
    items = [service]
    items.extend(guide_howtos(guide, steps, step_texts, display))
    page = _provenance(guide, url)
    if page:
        items.append(page)
    return items


def guide_offers(guide: GuideFacts, display: Display) -> list[dict[str, Any]]:
    """The fees as schema.org Offers, only what the guide states: a free procedure is one
    Offer of price 0; each alternative of a ``choose_one`` group is an Offer; an add-on
    is the ``addOn`` of the Offer it is paid on top of; a stated total is the sum of the
    Offers, not one more. Nothing for fees not stated."""
    if guide.fees == ():
        return [{"@type": "Offer", "name": display._("Free"), "price": "0"}]
    addons = add_ons(guide.fees or ())
    attached = {id(fee) for fees in addons.values() for fee in fees}

    def offer(fee: Fee) -> dict[str, Any]:
        item: dict[str, Any] = {
            "@type": "Offer",
            "name": fee.label,
            "price": f"{fee.amount:.2f}",
            "priceCurrency": fee.currency,
        }
        extras = addons.get(fee.id, []) if fee.id else []
        if extras:
            item["addOn"] = [offer(extra) for extra in extras]
        return item

    shown = [fee for fee in every_fee(guide.fees) if not fee.total]
    return [offer(fee) for fee in shown if id(fee) not in attached]


def _provenance(guide: GuideFacts, url: str | None) -> dict[str, Any]:
    """The page as a schema.org WebPage: ``publisher`` (who writes and checks it; the
    service's ``provider`` stays the agency) and ``isBasedOn`` (its sources), a
    CreativeWork's properties that a GovernmentService does not have. ``{}`` if neither."""
    if not guide.publisher and not guide.sources:
        return {}
    page: dict[str, Any] = {"@context": "https://schema.org", "@type": "WebPage"}
    page["name"] = guide.title
    if url:
        page["url"] = url
    if guide.publisher:
        page["publisher"] = {"@type": "Organization", "name": guide.publisher}
    if guide.sources:
        page["isBasedOn"] = [
            {"@type": "WebPage", "name": s.title, **({"url": s.url} if s.url else {})}
            for s in guide.sources
        ]
    return page


def _channel(kind: str, detail: str, display: Display) -> dict[str, Any]:
    channel: dict[str, Any] = {"@type": "ServiceChannel", "name": display._(CHANNEL_NAMES[kind])}
    if kind == "online" and detail:
        channel["serviceUrl"] = detail
    elif kind == "in_person":
        channel["serviceLocation"] = {"@type": "Place", "name": detail}
    elif kind == "by_post":
        channel["servicePostalAddress"] = {"@type": "PostalAddress", "streetAddress": detail}
    return channel


def service_channel(channel: ServiceChannel) -> dict[str, Any]:
    """A channel as a schema.org ServiceChannel, with only what the guide states. Its
    e-mail addresses join its phones in the ContactPoint (``servicePhone``'s range),
    since a ServiceChannel has no e-mail property of its own."""
    item: dict[str, Any] = {"@type": "ServiceChannel", "name": channel.label}
    if channel.urls:
        item["serviceUrl"] = _one_or_all(list(channel.urls))
    contact: dict[str, Any] = {}
    if channel.phones:
        contact["telephone"] = _one_or_all(list(channel.phones))
    if channel.emails:
        contact["email"] = _one_or_all(list(channel.emails))
    if contact:
        item["servicePhone"] = {"@type": "ContactPoint", **contact}
    if channel.addresses:
        item["servicePostalAddress"] = _one_or_all(
            [{"@type": "PostalAddress", "streetAddress": a} for a in channel.addresses]
        )
    if channel.where:
        item["serviceLocation"] = {"@type": "Place", "name": channel.where}
    return item


def _one_or_all(values: list[Any]) -> Any:
    return values[0] if len(values) == 1 else values


def jsonld_scripts(items: list[dict[str, Any]]) -> str:
    """One ``<script type="application/ld+json">`` element per item, none breakable."""
    return "".join(
        '<script type="application/ld+json">'
        f"{_script_safe(json.dumps(item, ensure_ascii=False, separators=(',', ':')))}"
        "</script>"
        for item in items
    )


def _script_safe(text: str) -> str:
    # Three scans for one character each, in C: str.translate with a table looks each
    # character up in a dict (the JSON-LD is a few kilobytes a guide).
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
