"""Who is acting: the member of staff behind a review command or a commit."""

from __future__ import annotations

import os
from dataclasses import dataclass

from wikitool.errors import WikitoolError
from wikitool.gitstore import WikiStore, global_identity
from wikitool.model import Identity

STAFF_ENV = "WIKITOOL_STAFF"
AS_OPTION = "--as"


@dataclass(frozen=True)
class Staff:
    """The acting member of staff, and where the tool found who that is."""

    identity: Identity
    source: str
    """``--as``, ``WIKITOOL_STAFF``, ``GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL`` or ``git config``."""

    @property
    def named(self) -> bool:
        """Whether the person named themselves with ``--as`` (else the machine said who)."""
        return self.source == AS_OPTION


def staff_identity(as_option: str | None, store: WikiStore | None = None) -> Staff:
    """The acting member of staff.

    In order: ``--as "Name <email>"``; the ``WIKITOOL_STAFF`` environment variable (same
    form); ``GIT_AUTHOR_NAME``/``GIT_AUTHOR_EMAIL``; ``user.name``/``user.email`` from git
    config (the repository's, else the user's).

    Raises:
        WikitoolError: the identity is malformed or cannot be found.
    """
    for source, text in ((AS_OPTION, as_option), (STAFF_ENV, os.environ.get(STAFF_ENV))):
        if text:
            identity = Identity.parse(text)
            if identity is None or "@" not in identity.email:
                raise WikitoolError(f'{source} must look like "Name <email>", got {text!r}')
            return Staff(identity, source)
    name, email = os.environ.get("GIT_AUTHOR_NAME"), os.environ.get("GIT_AUTHOR_EMAIL")
    if name and email:
        return Staff(Identity.sanitized(name, email), "GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL")
    configured = store.configured_identity() if store is not None else global_identity()
    if configured is not None:
        return Staff(Identity.sanitized(*configured), "git config")
    raise WikitoolError(
        'who are you? pass --as "Name <email>", set WIKITOOL_STAFF, '
        "or set git config user.name and user.email"
    )
