"""How long the suggestion page promises to keep a citizen's contact details.

"What happens to what you send" (``theme/suggest.html``) says the period of
``delete_contacts_after`` in ``review-policy.yaml`` (``review/policy.py``), the one
``wikitool privacy purge`` keeps to, read from the commit built (a policy changed on
``main`` is a file that is not a page, so ``publish --watch`` builds the whole site
again). It is said in the site's language ("90 days", "90 jours").
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

from wikitool.errors import WikitoolError
from wikitool.gitstore import WikiStore
from wikitool.mkdocs_plugin.collected import SiteFacts
from wikitool.mkdocs_plugin.context import BuildContext
from wikitool.mkdocs_plugin.display import Display
from wikitool.review.policy import DEFAULT_DELETE_CONTACTS_AFTER, load_policy

log = get_plugin_logger(__name__)


def read_delete_after(context: BuildContext, config: MkDocsConfig, commit: str) -> int:
    """``delete_contacts_after`` at ``commit`` (``HEAD`` when ``""``); the default without
    a repository, and (with a warning, which fails a strict build) when the policy
    cannot be read: the page must not promise what the purge does not keep to."""
    git_dir = context.git_dir(Path(config.docs_dir))
    if git_dir is None:
        return DEFAULT_DELETE_CONTACTS_AFTER
    try:
        with WikiStore.open(git_dir) as store:
            return load_policy(store, store.resolve(commit or "HEAD")).delete_contacts_after
    except WikitoolError as exc:
        log.warning(
            "the suggestion page cannot say how long contact details are kept "
            "(it says %d days): %s",
            DEFAULT_DELETE_CONTACTS_AFTER,
            exc,
        )
        return DEFAULT_DELETE_CONTACTS_AFTER


def delete_after_html(facts: SiteFacts) -> str:
    """The period, escaped, in the site's language: ``90 days``."""
    days = facts.delete_contacts_after
    return Display.of(facts.language).plural("{count} day", "{count} days", days)
