"""Fixtures for mail: a loopback relay and the delivery settings pointing at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from smtp_relay import INTAKE_URL, MAIL_FROM, SITE_URL, Relay

from wikitool.mail.messages import MailSettings
from wikitool.mail.relay import parse_relay
from wikitool.mail.sender import Backoff
from wikitool.services.mail_delivery import MailDelivery


@pytest.fixture(scope="module")
def relay() -> Iterator[Relay]:
    """A running SMTP relay on loopback, stopped at the end of the module."""
    running = Relay()
    running.start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def delivery(relay: Relay) -> MailDelivery:
    """Sending through the loopback relay, with back-off short enough to test."""
    return MailDelivery(
        parse_relay(relay.url),
        MailSettings(MAIL_FROM, SITE_URL, INTAKE_URL),
        Backoff(first=60, cap=600, give_up_after=3 * 24 * 3600),
    )
