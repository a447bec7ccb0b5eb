"""The phone numbers and e-mail addresses the wiki itself publishes (official helplines).

They are the personal-data scanner's allowlist: a citizen who quotes a helpline is not
leaking anyone's data.
"""

from __future__ import annotations

import json
import os
import threading

from wikitool.gitstore import WikiStore
from wikitool.guides.paths import CONTENT_DIR
from wikitool.screening.personal_data import published_contacts


def published_contacts_at(store: WikiStore, commit: str) -> set[str]:
    """Normalized contacts published in the guides of ``commit``.

    Cached per tree under ``.git/wikitool/published-contacts/``: reading every guide on
    each submission would dominate its cost on a large wiki.
    """
    tree = store.commit_info(commit).tree
    cache = store.git_dir / "wikitool" / "published-contacts" / f"{tree}.json"
    try:
        return set(json.loads(cache.read_text()))
    except (OSError, ValueError):
        pass
    texts = [
        store.blob(f.blob_id).decode("utf-8", "replace")
        for f in store.files(commit, CONTENT_DIR + "/")
        if f.path.endswith(".md")
    ]
    contacts = published_contacts(texts)
    cache.parent.mkdir(parents=True, exist_ok=True)
    # Unique per process and thread: the intake writes from several threads at once.
    tmp = cache.with_name(f"{cache.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(json.dumps(sorted(contacts)))
    tmp.replace(cache)  # atomic: concurrent submitters never read half a file
    return contacts
