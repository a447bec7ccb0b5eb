"""A local SMTP server that keeps every message it is sent, for the demo only
(``wikitool mail catch``, run by ``make demo``): a newcomer reads the mail a citizen
would get without a relay. Never a relay: it delivers nothing anywhere.

aiosmtpd (the ``demo`` extra, and the tests' relay) does the SMTP; this module only
hands each message, parsed, to the caller.
"""

from __future__ import annotations

from collections.abc import Callable
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from wikitool.errors import MailError

OnMessage = Callable[[EmailMessage, list[str]], None]
"""Called with each message accepted and its envelope's recipients."""


class _Handler:
    def __init__(self, on_message: OnMessage) -> None:
        self._on_message = on_message

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self._on_message(parsed, list(envelope.rcpt_tos))
        return "250 Message accepted for the demo"


class MailCatcher:
    """An SMTP server on ``host:port`` in a thread of its own, until :meth:`stop`."""

    def __init__(self, host: str, port: int, on_message: OnMessage) -> None:
        try:
            from aiosmtpd.controller import Controller
        except ImportError:
            raise MailError(
                "wikitool mail catch needs aiosmtpd: pip install 'wikitool[demo]'"
            ) from None
        self._controller = Controller(_Handler(on_message), hostname=host, port=port)

    def start(self) -> None:
        """Listen (raises MailError when the port is taken)."""
        try:
            self._controller.start()
        except (OSError, RuntimeError) as exc:
            raise MailError(f"cannot listen for mail: {exc}") from None

    def stop(self) -> None:
        self._controller.stop()


def plain_text(message: EmailMessage) -> str:
    """The message's plain text, decoded (quoted-printable undone)."""
    body = message.get_body(("plain",))
    return body.get_content() if isinstance(body, EmailMessage) else ""
