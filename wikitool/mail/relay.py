"""The agency's SMTP relay, named by a URL: ``smtp://host:port`` (plain, as on a local
relay), ``smtp+starttls://host:587`` (upgraded to TLS, certificate checked) and
``smtps://host:465`` (TLS from the start). A user and password come from the URL
(``smtps://user:secret@host``) or the environment (``$WIKITOOL_SMTP_USER``,
``$WIKITOOL_SMTP_PASSWORD``), so the password need not appear in a process list.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from wikitool.errors import MailError

PASSWORD_ENV = "WIKITOOL_SMTP_PASSWORD"
USER_ENV = "WIKITOOL_SMTP_USER"
TIMEOUT_SECONDS = 30.0
_DEFAULT_PORTS = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}


@dataclass(frozen=True)
class Relay:
    """Where and how to hand messages over."""

    scheme: str
    host: str
    port: int
    user: str = ""
    password: str = field(default="", repr=False)

    def shown(self) -> str:
        """The relay for a log line: never the password."""
        user = f"{self.user}@" if self.user else ""
        return f"{self.scheme}://{user}{self.host}:{self.port}"

    def connect(self, timeout: float = TIMEOUT_SECONDS) -> smtplib.SMTP:
        """An open, authenticated SMTP session (the caller quits it).

        Raises:
            OSError, smtplib.SMTPException: the relay cannot be reached or refuses us.
        """
        context = ssl.create_default_context()
        session: smtplib.SMTP
        if self.scheme == "smtps":
            session = smtplib.SMTP_SSL(self.host, self.port, timeout=timeout, context=context)
        else:
            session = smtplib.SMTP(self.host, self.port, timeout=timeout)
        try:
            if self.scheme == "smtp+starttls":
                session.starttls(context=context)
            if self.user:
                session.login(self.user, self.password)
        except BaseException:
            session.close()
            raise
        return session


def parse_relay(url: str) -> Relay:
    """The relay a ``--smtp`` URL names.

    Raises:
        MailError: not one of the three schemes, no host, or a path or query.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise MailError(
            f"--smtp {_no_password(url)!r}: use smtp://, smtp+starttls:// or smtps://host[:port]"
        )
    try:
        port = parts.port or _DEFAULT_PORTS[scheme]
    except ValueError:
        raise MailError(f"--smtp {_no_password(url)!r}: the port is not a number") from None
    if not parts.hostname or parts.path not in ("", "/") or parts.query or parts.fragment:
        raise MailError(f"--smtp {_no_password(url)!r}: give a host and port only")
    password = unquote(parts.password or "") or os.environ.get(PASSWORD_ENV, "")
    user = unquote(parts.username or "") or os.environ.get(USER_ENV, "")
    return Relay(scheme, parts.hostname, port, user, password)


def _no_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return url.replace(f":{parts.password}@", ":***@", 1)
