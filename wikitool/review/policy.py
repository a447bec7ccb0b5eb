"""Who must approve a suggestion before it is merged: ``review-policy.yaml`` on ``main``.

The policy is a file in the wiki repository's root, read from ``main``'s committed tree
(never a working tree), so changing it is itself a reviewed, recorded change::

    # review-policy.yaml
    approvals: 1                 # approvals any suggestion needs
    sensitive_approvals: 2       # ... when it changes a sensitive field
    sensitive_fields: [fees, eligibility, documents, legal_basis, deadlines, channels,
                       apply, situations]
    folders:
      identity-and-travel:       # a folder under content/ (nested: a/b)
        owners:                  # at least one approval must come from an owner
          - passports@veloria.invalid
          - "@passport-office.veloria.invalid"   # anyone at this domain
        sensitive_approvals: 3
        decide_within: 5 working days   # review list flags what waits longer
    delete_contacts_after: 90 days   # citizens' contact details, after the decision

A folder inherits every setting it does not name from its parent folders and from the
top level; without a file the defaults above apply (and no owners).

The default sensitive fields are what a reader pays, must bring, must qualify by, must
meet in time, and where and how they apply: a mistake there costs a citizen money, a
trip or a missed deadline. A change anywhere under such a field is sensitive, including
model 2's structures in it (a ``when`` on a fee, a channel's address, a ``choose_one``
alternative). Beside them: ``apply``, model 1's ways to apply; and ``situations``, since
relabelling or removing one changes which fees, documents and deadlines a reader is
shown as theirs without touching those fields. ``time`` (and model 1's
``processing_time``) is not: it says how long the service usually takes, an estimate to
plan by rather than a cost or an obligation, so one approval suffices unless a wiki adds
it here.

``decide_within`` counts working days, Monday to Friday, from the day a suggestion was
submitted (UTC); public holidays are counted as working days, since they differ by region
and by agency (``review/deadlines.py``). ``delete_contacts_after`` is for the whole wiki
(``wikitool privacy purge``), not per folder: it is a promise made on the suggestion page.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from wikitool.errors import GuideError, ReviewError
from wikitool.gitstore import WikiStore
from wikitool.guides.paths import CONTENT_DIR
from wikitool.guides.plain_yaml import load_plain_yaml

POLICY_PATH = "review-policy.yaml"
DEFAULT_SENSITIVE_FIELDS = (
    "fees",
    "eligibility",
    "documents",
    "legal_basis",
    "deadlines",
    "channels",
    "apply",
    "situations",
)
MAX_APPROVALS = 10
_SETTINGS = ("approvals", "sensitive_approvals", "sensitive_fields", "owners", "decide_within")
_TOP_ONLY = ("delete_contacts_after",)
DEFAULT_DELETE_CONTACTS_AFTER = 90
"""Days after the decision a citizen's contact details are kept (``privacy purge``)."""
MAX_DAYS = 3650
_WORKING_DAYS = re.compile(r"([0-9]{1,4}) working days?")
_DAYS = re.compile(r"([0-9]{1,4}) days?")


@dataclass(frozen=True)
class FolderPolicy:
    """The rules for the guides of one folder."""

    approvals: int = 1
    sensitive_approvals: int = 2
    sensitive_fields: tuple[str, ...] = DEFAULT_SENSITIVE_FIELDS
    owners: tuple[str, ...] = ()
    """E-mail addresses, or ``@domain`` for anyone at that domain."""
    decide_within: int | None = None
    """Working days a suggestion may wait for a decision before it is overdue."""

    def required(self, sensitive: bool) -> int:
        """Approvals needed: the sensitive count when a sensitive field changes."""
        return max(self.approvals, self.sensitive_approvals) if sensitive else self.approvals

    def is_owner(self, email: str) -> bool:
        """Whether ``email`` is one of the folder's owners (always true without owners)."""
        if not self.owners:
            return True
        address = email.casefold()
        for owner in self.owners:
            owner = owner.casefold()
            if owner.startswith("@") and address.endswith(owner):
                return True
            if address == owner:
                return True
        return False


@dataclass(frozen=True)
class ReviewPolicy:
    """The top-level rules and the per-folder overrides (folder: path under content/)."""

    default: FolderPolicy = FolderPolicy()
    folders: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    delete_contacts_after: int = DEFAULT_DELETE_CONTACTS_AFTER
    """Days after a suggestion's decision its contact details are deleted."""
    _resolved: dict[str, FolderPolicy] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """Rules per folder, worked out once (``review list`` asks for each suggestion)."""

    def for_path(self, path: str) -> FolderPolicy:
        """The rules for the file at ``path`` (``content/<folder>/.../<guide>.md``)."""
        folder = posixpath.dirname(path.removeprefix(CONTENT_DIR + "/"))
        cached = self._resolved.get(folder)
        if cached is not None:
            return cached
        policy = self.default
        parts = folder.split("/") if folder else []
        for depth in range(1, len(parts) + 1):
            overrides = self.folders.get("/".join(parts[:depth]))
            if overrides:
                policy = replace(policy, **overrides)
        self._resolved[folder] = policy
        return policy

    def for_paths(self, paths: Sequence[str]) -> FolderPolicy:
        """The strictest rules over several files (a suggestion amended to touch more)."""
        policies = [self.for_path(p) for p in paths] or [self.default]
        if len(policies) == 1:
            return policies[0]
        return FolderPolicy(
            approvals=max(p.approvals for p in policies),
            sensitive_approvals=max(p.sensitive_approvals for p in policies),
            sensitive_fields=tuple(sorted({f for p in policies for f in p.sensitive_fields})),
            owners=tuple(sorted({o for p in policies for o in p.owners})),
            decide_within=min(
                (p.decide_within for p in policies if p.decide_within is not None),
                default=None,
            ),
        )


def load_policy(store: WikiStore, commit: str | None = None) -> ReviewPolicy:
    """The review policy committed on ``commit`` (default: main's tip).

    Raises:
        ReviewError: the policy file is malformed (names the file and line).
    """
    raw = store.read(commit or store.main(), POLICY_PATH)
    if raw is None:
        return ReviewPolicy()
    return parse_policy(raw)


def parse_policy(raw: bytes) -> ReviewPolicy:
    """Parse ``review-policy.yaml``.

    Raises:
        ReviewError: malformed YAML, an unknown key, or a value of the wrong kind.
    """
    try:
        data = load_plain_yaml(raw.decode("utf-8"), path=POLICY_PATH, first_line=1)
    except UnicodeDecodeError:
        raise ReviewError(f"{POLICY_PATH}: is not valid UTF-8") from None
    except GuideError as error:
        raise ReviewError(str(error)) from None
    top = _settings(data, allowed=(*_SETTINGS, *_TOP_ONLY, "folders"), where=None)
    delete_after = top.pop("delete_contacts_after", DEFAULT_DELETE_CONTACTS_AFTER)
    folders_data = data.get("folders") or {}
    if not isinstance(folders_data, Mapping):
        raise _error(data, "folders", "folders must map folder names to settings")
    folders: dict[str, Mapping[str, Any]] = {}
    for name, settings in folders_data.items():
        folder = str(name).strip("/")
        if folder.startswith(CONTENT_DIR + "/"):
            folder = folder.removeprefix(CONTENT_DIR + "/")
        if not isinstance(settings, Mapping):
            raise _error(folders_data, name, f"folder {name!r} must map settings to values")
        folders[folder] = _settings(settings, allowed=_SETTINGS, where=folder)
    return ReviewPolicy(
        default=replace(FolderPolicy(), **top),
        folders=folders,
        delete_contacts_after=delete_after,
    )


def _settings(
    data: Mapping[str, Any], *, allowed: Sequence[str], where: str | None
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    label = f"folders.{where}." if where else ""
    for key, value in data.items():
        if key not in allowed:
            known = ", ".join(allowed)
            raise _error(data, key, f"unknown key {label}{key} (known: {known})")
        if key == "folders":
            continue
        if key in ("approvals", "sensitive_approvals"):
            if isinstance(value, bool) or not isinstance(value, int):
                raise _error(data, key, f"{label}{key} must be a whole number")
            if not 1 <= value <= MAX_APPROVALS:
                raise _error(data, key, f"{label}{key} must be between 1 and {MAX_APPROVALS}")
            out[key] = value
        elif key == "decide_within":
            out[key] = _count(data, key, value, _WORKING_DAYS, f"{label}{key}", "5 working days")
        elif key == "delete_contacts_after":
            out[key] = _count(data, key, value, _DAYS, key, "90 days")
        else:
            out[key] = _strings(data, key, value, f"{label}{key}")
            if key == "owners" and not all("@" in o for o in out[key]):
                raise _error(data, key, f"{label}owners must be e-mail addresses or @domains")
    return out


def _count(
    data: Mapping[str, Any],
    key: str,
    value: object,
    form: re.Pattern[str],
    label: str,
    example: str,
) -> int:
    """A number of days written as in ``example`` (between 1 and ``MAX_DAYS``)."""
    match = form.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None or not 1 <= int(match.group(1)) <= MAX_DAYS:
        unit = example.split(" ", 1)[1]
        raise _error(
            data, key, f"{label} must be a number of {unit} from 1 to {MAX_DAYS}, e.g. {example!r}"
        )
    return int(match.group(1))


def parse_days(text: str, label: str) -> int:
    """An option such as ``--after``: a whole number of days from 1 to ``MAX_DAYS``
    (``90`` or ``90 days``).

    Raises:
        ReviewError: anything else, naming ``label``.
    """
    match = _DAYS.fullmatch(text.strip()) or re.fullmatch(r"[0-9]{1,4}", text.strip())
    value = int(match.group(1) if match and match.groups() else text) if match else 0
    if not 1 <= value <= MAX_DAYS:
        raise ReviewError(f"{label} {text!r} is not a number of days from 1 to {MAX_DAYS}")
    return value


def _strings(data: Mapping[str, Any], key: str, value: object, label: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _error(data, key, f"{label} must be a list of text values")
    return tuple(v.strip() for v in value)


def _error(data: object, key: object, message: str) -> ReviewError:
    line: int | None = None
    lc = getattr(data, "lc", None)
    if lc is not None:
        try:
            line = int(lc.key(key)[0]) + 1
        except (KeyError, TypeError):
            line = None
    where = f"{POLICY_PATH}:{line}" if line is not None else POLICY_PATH
    return ReviewError(f"{where}: {message}")
