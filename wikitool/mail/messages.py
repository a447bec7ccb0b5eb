"""The messages a citizen gets, in plain words and in the guide's language.

Built with :class:`email.message.EmailMessage` when sent, from what the outbox holds
(the kind, the language, a few public facts) and the sender's settings (the site and
intake addresses). No citizen's text is ever placed in a header: the subject names the
suggestion by its number, the name in ``To:`` is encoded by ``email.headerregistry``,
and the summary and the staff's explanation (both screened for personal data before
they were queued) go into the body only.

A supporter who left an address (``supporter_ref``) is written to as one: "the suggestion
you supported", never "your suggestion", and only about the outcome (``review/notify.py``
queues nothing else to them).

Each message carries a one-click unsubscribe (RFC 8058: ``List-Unsubscribe`` with an
https link to the intake, and ``List-Unsubscribe-Post``) and the same link in its text.
"""

from __future__ import annotations

import email.policy
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate
from urllib.parse import urlencode, urlsplit

from wikitool.errors import MailError
from wikitool.locales.catalogues import translations
from wikitool.mail.addresses import address_problem, name_problem
from wikitool.mail.outbox import MessageKind, Queued, supporter_ref

_BODY_POLICY = email.policy.default.clone(max_line_length=76)
"""How the body is encoded: quoted-printable lines of at most 76 characters (RFC 2045;
the email package would cut them at the policy's 78)."""
_HEADERS_POLICY = email.policy.default.clone(max_line_length=998)
"""How a message is written once its body is encoded: headers folded only past RFC
5322's hard limit. At 78 characters the email package would write a long
``List-Unsubscribe`` link as encoded words, which mail programs do not read as a link
(RFC 8058 wants ``<https://...>`` as it is)."""
_LOOPBACK = {"localhost", "127.0.0.1", "::1"}
"""Hosts whose links may be plain http (a demo or a test on this machine)."""
UNSUBSCRIBE_PATH = "api/unsubscribe"
"""The intake's path for unsubscribing (a page on GET, the one click on POST)."""


@dataclass(frozen=True)
class MailSettings:
    """Who the mail is from and where its links lead."""

    mail_from: str
    """The sender's address (``--mail-from``): the agency's no-reply mailbox."""
    site_url: str
    """The public site's base URL (the tracking page is ``<site>/track/?id=<id>``)."""
    intake_url: str
    """The intake's public base URL (the unsubscribe link)."""
    from_name: str = ""

    def __post_init__(self) -> None:
        problem = address_problem(self.mail_from) or name_problem(self.from_name)
        if problem:
            raise MailError(f"--mail-from {self.mail_from!r} {problem}")
        for option, url in (("--site-url", self.site_url), ("--public-url", self.intake_url)):
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
                raise MailError(f"{option} {url!r} is not an http(s) base URL")
            if parts.scheme == "http" and parts.hostname not in _LOOPBACK:
                # RFC 8058 asks for an https unsubscribe link; links in mail travel far.
                raise MailError(f"{option} {url!r}: the links in mail must be https")

    @property
    def sender(self) -> Address:
        local, _, domain = self.mail_from.rpartition("@")
        return Address(display_name=self.from_name, username=local, domain=domain)

    def tracking_url(self, suggestion_id: str) -> str:
        return f"{self.site_url.rstrip('/')}/track/?{urlencode({'id': suggestion_id})}"

    def unsubscribe_url(self, recipient: str, token: str) -> str:
        query = urlencode({"to": recipient, "token": token})
        return f"{self.intake_url.rstrip('/')}/{UNSUBSCRIBE_PATH}?{query}"


def compose(
    queued: Queued, to: Address, settings: MailSettings, token: str, answer_token: str = ""
) -> EmailMessage:
    """The message ``queued`` as it goes to ``to``, in the language it was queued in.

    ``answer_token`` (the author's only) makes its tracking link the private one, which
    lets them answer the team's questions (``#secret=``: a fragment, never sent to a
    server when the link is opened)."""
    gettext = translations(queued.lang).gettext
    track_url = settings.tracking_url(queued.suggestion_id)
    facts = {
        "number": queued.suggestion_id,
        "guide": queued.params.get("guide", ""),
        "summary": queued.params.get("summary", ""),
        "track_url": track_url,
        "private_url": f"{track_url}#secret={answer_token}" if answer_token else track_url,
    }
    unsubscribe = settings.unsubscribe_url(queued.recipient, token)
    supporter = supporter_ref(queued.recipient) is not None
    if queued.kind is MessageKind.DIGEST:
        subject, paragraphs = _digest(settings, queued.params)
        footer = "You get this e-mail because review-policy.yaml names you as an owner."
    else:
        texts = _SUPPORTER_TEXTS if supporter else _TEXTS
        subject, paragraphs = texts[queued.kind](gettext, facts, queued.params)
        if queued.kind is MessageKind.FORGOTTEN:
            footer = ""
        elif supporter:
            footer = gettext(
                "You get this e-mail because you supported this suggestion and left your "
                "e-mail address to hear the outcome."
            )
        else:
            footer = gettext(
                "You get this e-mail because you asked to hear what happens to your suggestion."
            )
    lines = [*paragraphs]
    if queued.kind not in (MessageKind.FORGOTTEN, MessageKind.DIGEST):
        lines.append(gettext("Where it stands: {track_url}").format(track_url=facts["private_url"]))
    if queued.kind is not MessageKind.FORGOTTEN:
        lines.append(
            footer
            + " "
            + gettext("To stop these e-mails: {unsubscribe_url}").format(
                unsubscribe_url=unsubscribe
            )
        )
    message = EmailMessage(policy=_BODY_POLICY)
    message["Subject"] = subject.format(**facts)
    message["From"] = settings.sender
    message["To"] = to
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = f"<{queued.message_id}@{settings.sender.domain}>"
    message["Auto-Submitted"] = "auto-generated"
    if queued.kind is not MessageKind.FORGOTTEN:
        message["List-Unsubscribe"] = f"<{unsubscribe}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    # Quoted-printable: 7-bit clean for any relay, whatever the language.
    message.set_content("\n\n".join(lines) + "\n", cte="quoted-printable")
    message["Content-Language"] = queued.lang  # after set_content, which clears Content-*
    message.policy = _HEADERS_POLICY  # then written (and sent) with headers folded late
    return message


Gettext = Callable[[str], str]
Texts = tuple[str, list[str]]


def _received(_: Gettext, facts: dict[str, str], params: Mapping[str, str]) -> Texts:
    return _("We received your suggestion {number}"), [
        _("Thank you. We received your suggestion about the guide “{guide}”:").format(**facts),
        facts["summary"],
        _("The team that owns the guide will look at it. We will e-mail you when they decide."),
    ]


def _accepted(_: Gettext, facts: dict[str, str], params: Mapping[str, str]) -> Texts:
    paragraphs = [
        _("Your suggestion about the guide “{guide}” was accepted:").format(**facts),
        facts["summary"],
        _("The guide will show it the next time the site is updated."),
    ]
    if params.get("explanation"):
        paragraphs.append(_("A note from the team: {note}").format(note=params["explanation"]))
    return _("Your suggestion {number} was accepted"), paragraphs


def _published(_: Gettext, facts: dict[str, str], params: Mapping[str, str]) -> Texts:
    paragraphs = [
        _("The guide “{guide}” now shows your suggestion:").format(**facts),
        facts["summary"],
        _("Thank you for helping."),
    ]
    if facts["private_url"] != facts["track_url"]:
        # Asked once (review/recheck.py), answered on the tracking page: a link that
        # changed anything when opened would be followed by mail scanners.
        paragraphs.append(
            _(
                "Is the guide right now? If something is still wrong, tell us from this "
                "link, which is yours alone: {private_url}"
            ).format(**facts)
        )
    return _("Your suggestion {number} is now in the guide"), paragraphs


def _rejected(_: Gettext, facts: dict[str, str], params: Mapping[str, str]) -> Texts:
    return _("Your suggestion {number} was not accepted"), _why_not(_, facts, params)


def _why_not(_: Gettext, facts: dict[str, str], params: Mapping[str, str]) -> list[str]:
    """What was not accepted, and why (the reason, the team's explanation)."""
    paragraphs = [
        _("The team that owns the guide “{guide}” decided not to make this change:").format(
            **facts
        ),
        facts["summary"],
    ]
    if params.get("reason"):
        paragraphs.append(_("The reason: {reason}").format(reason=_(params["reason"])))
    if params.get("explanation"):
        paragraphs.append(
            _("What the team said: {explanation}").format(explanation=params["explanation"])
        )
    return paragraphs


def _supported_accepted(_: Gettext, facts: dict[str, str], params: Mapping[str, str]) -> Texts:
    paragraphs = [
        _("The suggestion you supported, about the guide “{guide}”, was accepted:").format(**facts),
        facts["summary"],
        _("The guide will show it the next time the site is updated."),
    ]
    if params.get("explanation"):
        paragraphs.append(_("A note from the team: {note}").format(note=params["explanation"]))
    return _("The suggestion {number} you supported was accepted"), paragraphs


def _supported_published(_: Gettext, facts: dict[str, str], params: Mapping[str, str]) -> Texts:
    return _("The suggestion {number} you supported is now in the guide"), [
        _("The guide “{guide}” now shows the suggestion you supported:").format(**facts),
        facts["summary"],
        _("Thank you for helping."),
    ]


def _supported_rejected(_: Gettext, facts: dict[str, str], params: Mapping[str, str]) -> Texts:
    return _("The suggestion {number} you supported was not accepted"), _why_not(_, facts, params)


def _question(_: Gettext, facts: dict[str, str], params: Mapping[str, str]) -> Texts:
    return _("The team has a question about your suggestion {number}"), [
        _("The team that owns the guide “{guide}” has a question about your suggestion:").format(
            **facts
        ),
        facts["summary"],
        _("Their question: {question}").format(question=params.get("question", "")),
        _("Answer it from this link, which is yours alone: {private_url}").format(**facts),
    ]


def _forgotten(_: Gettext, facts: dict[str, str], params: Mapping[str, str]) -> Texts:
    deleted = (
        _(
            "We deleted the name and e-mail address you gave with suggestion {number}, "
            "{days} days after it was decided, as we said we would. This is the last "
            "e-mail you get about it."
        ).format(days=params["kept_days"], **facts)
        if params.get("kept_days")  # deleted by ``privacy purge``, not on request
        else _(
            "As you asked, we deleted the name and e-mail address you gave with suggestion "
            "{number}. This is the last e-mail you get about it."
        ).format(**facts)
    )
    return _("We deleted your contact details"), [
        deleted,
        _("Its status stays on the tracking page: {track_url}").format(**facts),
    ]


def _digest(settings: MailSettings, params: Mapping[str, str]) -> Texts:
    """An owner's digest, in English like the staff's command line (not a citizen's mail)."""
    items = json.loads(params.get("items", "[]"))
    overdue = [i for i in items if i.get("overdue")]
    waiting = [i for i in items if not i.get("overdue")]

    def line(item: Mapping[str, object]) -> str:
        due = f"; due {item['due']}" if item.get("due") else ""
        return (
            f"- {item['id']} {str(item['guide']).removeprefix('content/')}: {item['summary']} "
            f"({item['age_days']} days{due}) {settings.tracking_url(str(item['id']))}"
        )

    paragraphs = [
        f"Suggestions waiting for a decision in the folders you own, on {params.get('date')}."
    ]
    if overdue:
        paragraphs.append(
            "Overdue (open longer than decide_within):\n" + "\n".join(map(line, overdue))
        )
    if waiting:
        paragraphs.append("Waiting:\n" + "\n".join(map(line, waiting)))
    paragraphs.append("See each with: wikitool review show ID")
    subject = f"Review digest: {len(items)} waiting, {len(overdue)} overdue"
    return subject, paragraphs


TextsOf = Callable[[Gettext, dict[str, str], Mapping[str, str]], Texts]
_TEXTS: dict[MessageKind, TextsOf] = {
    MessageKind.RECEIVED: _received,
    MessageKind.ACCEPTED: _accepted,
    MessageKind.PUBLISHED: _published,
    MessageKind.REJECTED: _rejected,
    MessageKind.FORGOTTEN: _forgotten,
    MessageKind.QUESTION: _question,
}
_SUPPORTER_TEXTS: dict[MessageKind, TextsOf] = {
    MessageKind.ACCEPTED: _supported_accepted,
    MessageKind.PUBLISHED: _supported_published,
    MessageKind.REJECTED: _supported_rejected,
}
"""What a supporter is told: the outcome only (no "received", no last message: those are
the author's)."""
