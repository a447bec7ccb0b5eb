"""Who is acting: the member of staff behind a review command or a commit."""

from __future__ import annotations

import os

from wikitool.errors import WikitoolError
from wikitool.gitstore import WikiStore, global_identity
from wikitool.model import Identity

STAFF_ENV = "WIKITOOL_STAFF"


def staff_identity(as_option: str | None, store: WikiStore | None = None) -> Identity:
    """The acting member of staff.

    In order: ``--as "Name <email>"``; the ``WIKITOOL_STAFF`` environment variable (same
    form); ``GIT_AUTHOR_NAME``/``GIT_AUTHOR_EMAIL``; ``user.name``/``user.email`` from git
    config (the repository's, else the user's).

    Raises:
        WikitoolError: the identity is malformed or cannot be found.
    """
    for source, text in (("--as", as_option), (STAFF_ENV, os.environ.get(STAFF_ENV))):
        if text:
            identity = Identity.parse(text)
            if identity is None or "@" not in identity.email:
                raise WikitoolError(f'{source} must look like "Name <email>", got {text!r}')
            return identity
    name, email = os.environ.get("GIT_AUTHOR_NAME"), os.environ.get("GIT_AUTHOR_EMAIL")
    if name and email:
        return Identity.sanitized(name, email)
    configured = store.configured_identity() if store is not None else global_identity()
    if configured is not None:
        return Identity.sanitized(*configured)
    raise WikitoolError(
        'who are you? pass --as "Name <email>", set WIKITOOL_STAFF, '
        "or set git config user.name and user.email"
    )
