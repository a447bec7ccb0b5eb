"""``POST /api/suggestions`` over real HTTP: the same checks and branches as ``suggest submit``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from intake_server import GUIDE, SITE, Intake

from wikitool.gitstore import WikiStore
from wikitool.ids import is_suggestion_id
from wikitool.suggestions.contacts import contact_get

JSON = "application/json"
Body = Callable[[dict[str, Any]], bytes]


def _json(**changes: Any) -> Body:
    """The valid suggestion with ``changes`` (a value of None removes the field)."""

    def make(suggestion: dict[str, Any]) -> bytes:
        body = {**suggestion, **changes}
        return json.dumps({k: v for k, v in body.items() if v is not None}).encode()

    return make


def _raw(data: bytes) -> Body:
    return lambda suggestion: data


def _content(edit: Callable[[str], str]) -> Body:
    return lambda suggestion: json.dumps({**suggestion, "content": edit(suggestion["content"])}).encode()


# The line of a line appended after a blank one to the reference guide.
APPENDED_LINE = len((Path(__file__).parents[2] / GUIDE).read_text(encoding="utf-8").splitlines()) + 2

BAD_REQUESTS = [
    # (case, body, content type, status, error)
    ("malformed JSON", _raw(b'{"guide": '), JSON, 400, "invalid JSON: Expecting value (line 1, column 11)"),
    ("invalid UTF-8", _raw(b'{"guide": "caf\xe9"}'), JSON, 400, "the request body is not valid UTF-8 (byte 14)"),
    ("empty body", _raw(b""), JSON, 400, "invalid JSON: Expecting value (line 1, column 1)"),
    ("not an object", _raw(b"[1, 2]"), JSON, 400, "the request body must be a JSON object"),
    ("a field twice", _raw(b'{"summary": "a", "summary": "b"}'), JSON, 400, "invalid JSON: field 'summary' appears twice"),
    ("endless number", _raw(b'{"base": ' + b"9" * 5_000 + b"}"), JSON, 400, "invalid JSON: a number is longer than 100 digits"),
    ("nesting bomb", _raw(b"[" * 100_000 + b"]" * 100_000), JSON, 400, "invalid JSON: nested too deeply"),
    ("unknown field", _json(colour="red"), JSON, 400, "suggestion: unknown field 'colour'"),
    ("unknown author field", _json(author={"phone": "1"}), JSON, 400, "suggestion: unknown field 'author.phone'"),
    ("no summary", _json(summary=None), JSON, 400, "suggestion: missing required field 'summary'"),
    ("summary not text", _json(summary=42), JSON, 400, "suggestion: summary must be text"),
    ("path outside content", _json(guide="../../etc/passwd.md"), JSON, 400, "guide path '../../etc/passwd.md' has an empty, '.' or '..' segment"),
    ("not a guide file", _json(guide="identity-and-travel/notes.txt"), JSON, 400, "guide path 'identity-and-travel/notes.txt' is not a .md file under content/"),
    ("unknown guide", _json(guide="identity-and-travel/no-such-guide.md"), JSON, 400, "content/identity-and-travel/no-such-guide.md does not exist (set new: true to propose a new guide)"),
    ("unknown base", _json(base="0" * 40), JSON, 400, f"unknown base revision {'0' * 40}"),
    ("no change", lambda s: json.dumps({**s, "content": s["content"].replace("1. First, ", "1. ", 1)}).encode(), JSON, 400, f"{GUIDE}: the suggested content is the same as the published guide"),
    ("a script in the guide", _content(lambda c: c + "\n<script>alert(1)</script>\n"), JSON, 400, f"{GUIDE}:{APPENDED_LINE}: unsafe HTML element <script>"),
    ("a guide the site cannot render", _content(lambda c: c + "\nType `<![` here.\n"), JSON, 400, f"{GUIDE}:{APPENDED_LINE}: the site cannot render this line: its HTML reader fails (expected name token at '<![` here.'); write it another way"),
    ("personal data in the guide", _content(lambda c: c + "\nCall Ana on +44 20 7946 0958.\n"), JSON, 400, f"{GUIDE}: personal data is not allowed in a guide: phone number (***58) on line {APPENDED_LINE}; remove it and submit again"),
    ("text/plain", _json(), "text/plain", 415, "send the request body as application/json (UTF-8)"),
    ("a form post", _raw(b"guide=x"), "application/x-www-form-urlencoded", 415, "send the request body as application/json (UTF-8)"),
    ("Latin-1 JSON", _json(), "application/json; charset=iso-8859-1", 415, "send the request body as application/json (UTF-8)"),
    ("no content type", _json(), "", 415, "send the request body as application/json (UTF-8)"),
    ("over the size limit", _json(content="x" * 300_000), JSON, 413, "the request body is larger than 216 KB"),
]


@pytest.mark.parametrize(
    ("body", "content_type", "status", "error"),
    [row[1:] for row in BAD_REQUESTS],
    ids=[row[0] for row in BAD_REQUESTS],
)
def test_a_refused_suggestion_gets_its_status_and_one_line_error_and_writes_nothing(
    intake: Intake, suggestion: dict[str, Any], refs: Callable[[], list[str]],
    body: Body, content_type: str, status: int, error: str,
) -> None:
    before = refs()
    headers = {"Content-Type": content_type} if content_type else {}

    response = intake.post("/api/suggestions", content=body(suggestion), headers=headers)

    assert response.status_code == status, response.text
    assert response.headers["content-type"] == JSON
    message = response.json()["error"]
    assert message == error
    assert "\n" not in message
    assert refs() == before


def test_the_charset_parameter_may_name_utf8(intake: Intake, suggestion: dict[str, Any]) -> None:
    response = intake.post(
        "/api/suggestions", content=json.dumps(suggestion).encode(),
        headers={"Content-Type": "application/json; charset=UTF-8"},
    )
    assert response.status_code == 201, response.text


def test_a_good_suggestion_becomes_a_branch_real_git_reads(
    intake: Intake, suggestion: dict[str, Any], wiki: Path, git: Callable[..., str],
    store: WikiStore, fee_fix: str,
) -> None:
    response = intake.post("/api/suggestions", suggestion)

    assert response.status_code == 201, response.text
    body = response.json()
    sid = body["id"]
    assert is_suggestion_id(sid)
    status_url = f"{intake.url}/api/suggestions/{sid}"
    secret = body["secret"]  # the author's private secret for answering staff
    assert body == {"id": sid, "status_url": status_url, "duplicate": False, "warnings": [], "secret": secret}
    assert response.headers["location"] == status_url
    branch = f"refs/heads/suggestions/{sid}"
    assert git(wiki, "rev-parse", f"{branch}^").strip() == store.main()
    assert git(wiki, "show", f"{branch}:{GUIDE}") == fee_fix
    assert "Event: submitted" in git(wiki, "log", "--format=%B", f"refs/reviews/{sid}")
    git(wiki, "fsck", "--full", "--strict")
    # The e-mail went to the private store, never into git.
    assert "ana@example.org" not in git(wiki, "log", "--all", "-p", "--format=%an %ae %B")
    assert secret not in git(wiki, "log", "--all", "-p", "--format=%an %ae %B")
    contact = contact_get(store, sid)
    assert contact is not None and contact.email == "ana@example.org"


def test_personal_data_in_the_summary_is_removed_and_reported(
    intake: Intake, suggestion: dict[str, Any], wiki: Path, git: Callable[..., str]
) -> None:
    response = intake.post(
        "/api/suggestions", {**suggestion, "summary": "Fix the first step, write to ana@example.org"}
    )

    assert response.status_code == 201, response.text
    assert response.json()["warnings"] == ["summary: removed personal data (e-mail address)"]
    sid = response.json()["id"]
    assert git(wiki, "log", "-1", "--format=%s", f"suggestions/{sid}").strip() == (
        "Fix the first step, write to [e-mail removed]"
    )


def test_the_same_suggestion_twice_is_one_branch_and_a_plus_one(
    intake: Intake, suggestion: dict[str, Any], wiki: Path, git: Callable[..., str],
    refs: Callable[[], list[str]],
) -> None:
    first = intake.post("/api/suggestions", suggestion).json()
    again = intake.post("/api/suggestions", {**suggestion, "summary": "Same fix"})

    assert again.status_code == 201
    assert again.json()["id"] == first["id"]
    assert again.json()["duplicate"] is True
    assert again.json()["status_url"] == first["status_url"]
    assert len([r for r in refs() if r.startswith("refs/heads/suggestions/")]) == 1
    events = git(wiki, "log", "--format=%(trailers:key=Event,valueonly)", f"refs/reviews/{first['id']}").split()
    assert events == ["+1", "submitted"]


def test_a_filled_honeypot_looks_accepted_but_writes_nothing(
    intake: Intake, suggestion: dict[str, Any], refs: Callable[[], list[str]], store: WikiStore
) -> None:
    before = refs()

    response = intake.post("/api/suggestions", {**suggestion, "website": "http://spam.example"})

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "status_url", "duplicate", "warnings", "secret"}
    assert is_suggestion_id(body["id"])
    assert refs() == before
    assert contact_get(store, body["id"]) is None
    assert intake.get(f"/api/suggestions/{body['id']}").status_code == 404


def test_an_empty_honeypot_is_what_people_send(intake: Intake, suggestion: dict[str, Any]) -> None:
    assert suggestion["website"] == ""
    assert intake.post("/api/suggestions", suggestion).status_code == 201


def test_the_public_url_names_the_status_url_behind_a_proxy(
    start_intake: Callable[..., Intake], suggestion: dict[str, Any]
) -> None:
    intake = start_intake(public_url="https://intake.example.org/")
    body = intake.post("/api/suggestions", suggestion).json()
    assert body["status_url"] == f"https://intake.example.org/api/suggestions/{body['id']}"


# -- CORS and headers -----------------------------------------------------------------------


def _preflight(intake: Intake, origin: str, method: str = "POST") -> Any:
    return intake.client.options(
        "/api/suggestions",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": "content-type",
        },
    )


def test_the_site_origin_may_post_from_a_browser(intake: Intake, suggestion: dict[str, Any]) -> None:
    preflight = _preflight(intake, SITE)
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == SITE
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "content-type" in preflight.headers["access-control-allow-headers"].lower()

    response = intake.post("/api/suggestions", suggestion, headers={"Origin": SITE})
    assert response.status_code == 201
    assert response.headers["access-control-allow-origin"] == SITE
    assert "Origin" in response.headers["vary"]


@pytest.mark.parametrize(
    "origin", ["https://evil.example", "https://guides.example.org.evil.example", "null", "http://guides.example.org"]
)
def test_other_origins_get_no_cors_permission(intake: Intake, origin: str) -> None:
    preflight = _preflight(intake, origin)
    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers

    response = intake.get("/api/health", headers={"Origin": origin})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


def test_a_preflight_for_a_method_the_api_does_not_take_is_refused(intake: Intake) -> None:
    assert _preflight(intake, SITE, method="DELETE").status_code == 400


def test_no_origin_is_allowed_unless_configured(
    start_intake: Callable[..., Intake]
) -> None:
    intake = start_intake(allow_origins=())
    assert _preflight(intake, SITE).status_code == 400
    assert "*" not in str(intake.get("/api/health", headers={"Origin": SITE}).headers)


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("POST", "/api/suggestions", 400),
        ("GET", "/api/suggestions/not-an-id", 404),
        ("GET", "/api/health", 200),
        ("GET", "/nothing-here", 404),
        ("OPTIONS", "/api/suggestions", 400),
    ],
)
def test_every_response_carries_the_security_headers(
    intake: Intake, method: str, path: str, status: int
) -> None:
    response = intake.client.request(
        method, path, content=b"{}", headers={"Content-Type": JSON, "Origin": SITE,
                                              "Access-Control-Request-Method": "PUT"},
    )
    assert response.status_code == status
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert "server" not in response.headers


@pytest.mark.parametrize(
    ("method", "path", "status", "error"),
    [
        ("GET", "/api/suggestions", 405, "method not allowed"),
        ("PUT", "/api/suggestions", 405, "method not allowed"),
        ("GET", "/api/feedback", 405, "method not allowed"),
        ("POST", "/api/suggestions/01m82td1qaxakf756wgvacw96w", 405, "method not allowed"),
        ("GET", "/", 404, "not found"),
    ],
)
def test_other_routes_and_methods_answer_json_errors(
    intake: Intake, method: str, path: str, status: int, error: str
) -> None:
    response = intake.client.request(method, path)
    assert response.status_code == status
    assert response.json() == {"error": error}


def test_worker_processes_check_and_write_exactly_the_same(
    start_intake: Callable[..., Intake], suggestion: dict[str, Any], wiki: Path,
    git: Callable[..., str],
) -> None:
    intake = start_intake(workers=2)

    created = intake.post("/api/suggestions", suggestion)
    again = intake.post("/api/suggestions", suggestion)
    refused = intake.post("/api/suggestions", {**suggestion, "guide": "identity-and-travel/nope.md"})

    assert created.status_code == 201, created.text
    sid = created.json()["id"]
    assert git(wiki, "rev-parse", "--verify", f"refs/heads/suggestions/{sid}")
    assert (again.status_code, again.json()["id"], again.json()["duplicate"]) == (201, sid, True)
    assert refused.status_code == 400
    assert refused.json() == {"error": "content/identity-and-travel/nope.md does not exist (set new: true to propose a new guide)"}
