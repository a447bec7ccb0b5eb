"""A real SMTP server on loopback (aiosmtpd) that keeps every message it accepts, and can
be stopped and started again on the same port, as a relay goes down and comes back."""

from __future__ import annotations

import socket
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

SITE_URL = "https://guides.example.org"
INTAKE_URL = "https://intake.example.org"
MAIL_FROM = "guides@agency.example.org"


class Keeper:
    """The server's handler: every accepted message, parsed."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.answers: dict[str, str] = {}
        """Recipient address -> the answer its RCPT TO gets instead of accepting it."""

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address in self.answers:
            return self.answers[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"


class Relay:
    """A loopback SMTP relay on a fixed free port."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.keeper = Keeper()
        self._controller: Controller | None = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    @property
    def messages(self) -> list[EmailMessage]:
        return self.keeper.messages

    def start(self) -> None:
        self._controller = Controller(self.keeper, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def to(self, address: str) -> list[EmailMessage]:
        """The messages whose envelope was addressed to ``address``."""
        return [
            message
            for message, (_, recipients) in zip(self.messages, self.keeper.envelopes, strict=True)
            if address in recipients
        ]
