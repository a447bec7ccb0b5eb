"""The mail settings as staff type them: the relay URL, the sender, the links; and the
whole path by the command line: submit asking to hear back, reject with an explanation,
``wikitool mail send`` hands both messages to the relay."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from smtp_relay import INTAKE_URL, MAIL_FROM, SITE_URL, Relay

from wikitool.errors import MailError
from wikitool.mail.messages import MailSettings
from wikitool.mail.relay import PASSWORD_ENV, USER_ENV, parse_relay
from wikitool.mail.relay import Relay as SmtpRelay


@pytest.mark.parametrize(
    ("url", "relay"),
    [
        ("smtp://127.0.0.1:2525", SmtpRelay("smtp", "127.0.0.1", 2525)),
        ("smtp://relay.example.org", SmtpRelay("smtp", "relay.example.org", 25)),
        ("smtp+starttls://relay.example.org", SmtpRelay("smtp+starttls", "relay.example.org", 587)),
        ("smtps://guides:s%40cret@relay.example.org", SmtpRelay("smtps", "relay.example.org", 465, "guides", "s@cret")),
        ("SMTPS://relay.example.org:4650/", SmtpRelay("smtps", "relay.example.org", 4650)),
    ],
)
def test_relay_urls(url: str, relay: SmtpRelay) -> None:
    assert parse_relay(url) == relay


def test_user_and_password_may_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "from-env")
    relay = parse_relay("smtps://guides@relay.example.org")
    assert (relay.user, relay.password) == ("guides", "from-env")
    assert "from-env" not in relay.shown() and "from-env" not in repr(relay)
    monkeypatch.setenv(USER_ENV, "agency")
    assert parse_relay("smtps://relay.example.org").user == "agency"


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("http://relay.example.org", "--smtp 'http://relay.example.org': use smtp://, smtp+starttls:// or smtps://host[:port]"),
        ("smtp://", "--smtp 'smtp://': give a host and port only"),
        ("smtp://relay.example.org/inbox", "--smtp 'smtp://relay.example.org/inbox': give a host and port only"),
        ("smtp://relay.example.org:port", "--smtp 'smtp://relay.example.org:port': the port is not a number"),
        ("smtp://u:secret@relay.example.org?x=1", "--smtp 'smtp://u:***@relay.example.org?x=1': give a host and port only"),
    ],
)
def test_bad_relay_urls_are_refused_in_one_line(url: str, error: str) -> None:
    with pytest.raises(MailError) as refused:
        parse_relay(url)
    assert str(refused.value) == error


@pytest.mark.parametrize(
    ("settings", "error"),
    [
        ((f"{MAIL_FROM}\r\nBcc: x@example.org", SITE_URL, INTAKE_URL), "contains a line break"),
        (("guides", SITE_URL, INTAKE_URL), "is not an e-mail address"),
        ((MAIL_FROM, "guides.example.org", INTAKE_URL), "--site-url 'guides.example.org' is not an http(s) base URL"),
        ((MAIL_FROM, SITE_URL, "ftp://intake.example.org"), "--public-url 'ftp://intake.example.org' is not an http(s) base URL"),
        ((MAIL_FROM, SITE_URL, "http://intake.example.org"), "--public-url 'http://intake.example.org': the links in mail must be https"),
    ],
)
def test_bad_mail_settings_are_refused(settings: tuple[str, str, str], error: str) -> None:
    with pytest.raises(MailError, match=error.replace("(", r"\(").replace(")", r"\)")):
        MailSettings(*settings)


def test_plain_http_links_only_on_this_machine() -> None:
    assert MailSettings(MAIL_FROM, "http://127.0.0.1:8000", "http://localhost:8001")


def _mail_options(relay: Relay) -> list[str]:
    return ["--smtp", relay.url, "--mail-from", MAIL_FROM, "--site-url", SITE_URL, "--intake-url", INTAKE_URL]


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--smtp", "smtp://127.0.0.1:25"], "Error: --smtp needs --mail-from, --site-url, --public-url/--intake-url: the sender and the links in the mail"),
        (["--mail-from", MAIL_FROM], "Error: --mail-from and --site-url go with --smtp (the relay to send through)"),
        (["--smtp", "ftp://x", "--mail-from", MAIL_FROM, "--site-url", SITE_URL, "--intake-url", INTAKE_URL],
         "Error: --smtp 'ftp://x': use smtp://, smtp+starttls:// or smtps://host[:port]"),
    ],
)
def test_mail_send_refuses_incomplete_settings(
    wiki: Path, run_cli: Callable[..., Result], args: list[str], error: str
) -> None:
    result = run_cli("--repo", str(wiki), "mail", "send", *args)
    assert (result.exit_code, result.output.strip()) == (1, error)


def test_submit_reject_and_send_from_the_command_line(
    wiki: Path, fee_fix: str, run_cli: Callable[..., Result], relay: Relay, tmp_path: Path
) -> None:
    suggestion = tmp_path / "s.yaml"
    body = "\n".join("      " + line for line in fee_fix.splitlines())
    suggestion.write_text(
        "guide: identity-and-travel/renew-an-adult-passport.md\n"
        "summary: Say what to do first\n"
        "author: {name: Cara, email: cara@example.org, notify: true}\n"
        f"content: |\n{body}\n"
    )
    submitted = run_cli("--repo", str(wiki), "suggest", "submit", str(suggestion))
    assert submitted.exit_code == 0, submitted.output
    suggestion_id = submitted.output.split()[0]
    queued_only = run_cli("--repo", str(wiki), "mail", "send")
    assert queued_only.output.strip() == "Queued 0, sent 0; 1 waiting in the outbox"
    rejected = run_cli(
        "--repo", str(wiki), "review", "reject", suggestion_id, "--reason", "other",
        "-m", "We are rewriting this guide next month.",
    )
    assert rejected.exit_code == 0, rejected.output
    sent = run_cli("--repo", str(wiki), "mail", "send", *_mail_options(relay))
    assert sent.output.strip() == "Queued 0, sent 2; 0 waiting in the outbox"
    again = run_cli("--repo", str(wiki), "mail", "send", "--json", *_mail_options(relay))
    assert json.loads(again.output) == {
        "queued": 0, "sent": 0, "retrying": 0, "dropped": 0, "failed": 0, "pending": 0,
    }
    received, not_accepted = relay.to("cara@example.org")
    assert received["Subject"] == f"We received your suggestion {suggestion_id}"
    body_text = not_accepted.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "What the team said: We are rewriting this guide next month." in body_text
