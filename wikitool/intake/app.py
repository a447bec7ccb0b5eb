"""The intake HTTP API: the static site's suggestion form and feedback widget post here.

``POST /api/suggestions``
    a suggestion as JSON (the suggestion format, an edit or a ``"kind": "report"``, plus
    the ``website`` honeypot) -> 201 ``{"id", "status_url", "duplicate", "warnings",
    "secret"}``; exactly what ``suggest submit`` does. ``secret`` is the author's private
    secret for answering staff (null for a duplicate, which is a +1 on another's).
``GET /api/suggestions/<id>``
    its public status -> 200 ``{"id", "kind", "guide", "summary", "status", "reason",
    "reason_code", "question", "updated"}``.
``POST /api/suggestions/<id>/support``
    "This affects me too": ``{"note", "email"}`` (both optional, plus ``website``) -> 201
    ``{"id", "supporters", "warnings"}``; 404 unknown id, 409 closed.
``GET /api/guides/<path under content/>/suggestions``
    the suggestions open on a guide -> 200 ``{"guide", "suggestions": [{"id", "kind",
    "summary", "status", "submitted", "age_days", "supporters"}]}``, cacheable 30 s.
``POST /api/suggestions/<id>/answers``
    ``{"secret", "text"}`` (plus ``website``): the author answers staff's open question ->
    201 ``{"id", "status", "warnings"}``; 403 a missing or wrong secret, 409 the suggestion
    is decided or no question is open, 400 the text refused.
``POST /api/suggestions/<id>/recheck``
    ``{"secret", "right", "text"}`` (plus ``website``): after publication, the author's
    answer to "Is the guide right now?" (``right``: true, or false with what is still
    wrong in ``text``) -> 201 ``{"id", "recheck", "follow_up", "warnings"}``; a "No"
    opens a report following this one, ``follow_up`` ``{"id", "status_url", "secret"}``.
    403 a missing or wrong secret, 404 unknown id, 409 not published yet or answered
    already, 400 the text refused.
``POST /api/suggestions/<id>/forget``
    ``{"secret"}``: the author deletes their contact details from the private link,
    exactly as ``suggest forget`` does (a last e-mail, no more after it) -> 200
    ``{"id", "deleted"}``, ``deleted`` false when none were kept (never given, or deleted
    already: asking twice is not an error); 403 a missing or wrong secret, 404 unknown id.
``POST /api/feedback``
    ``{"page", "section", "helpful", "wrong"}`` (plus ``website``) -> 201 ``{"id", "warnings"}``.
``GET /api/unsubscribe?to=<recipient>&token=<token>``
    the page behind a message's unsubscribe link: one button, which posts to the same
    address (opening the link changes nothing).
``POST /api/unsubscribe?to=<recipient>&token=<token>``
    stops the mail to that recipient (RFC 8058 one-click, or the page's button) -> 200
    ``{"unsubscribed": true}`` (or the page saying so, for a browser); a forged token ->
    403.
``GET /api/health``
    200 ``{"ok": true}`` once the server can serve.

Every error is ``{"error": "<one line>"}`` with its status: 400 invalid input, 404 unknown
suggestion or guide, 408 body too slow, 409 a suggestion closed, 413 body too large, 415
not JSON, 429 too many requests (with ``Retry-After``), 503 the repository is busy.
README, "The intake API", is the reference for the site's pages.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from wikitool.errors import (
    NotFoundError,
    ReviewError,
    SuggestionError,
    UnsafePathError,
    WikitoolError,
)
from wikitool.gitstore import WikiStore
from wikitool.gitstore.local_db import close_local_dbs
from wikitool.guides.paths import guide_path, is_guide_path
from wikitool.ids import is_suggestion_id, new_suggestion_id
from wikitool.intake.body import (
    RequestRefused,
    check_json_content_type,
    decode_json_object,
    read_body,
)
from wikitool.intake.daily_purge import purge_daily
from wikitool.intake.rate_limit import RateLimiter
from wikitool.intake.security_headers import SecurityHeadersMiddleware
from wikitool.intake.settings import READS_PER_WRITE, IntakeSettings
from wikitool.intake.thread_stores import ThreadStores
from wikitool.intake.unsubscribe_page import unsubscribe_page
from wikitool.intake.workers import USER_ERRORS, SubmitRefused, Submitter
from wikitool.locales.language import DEFAULT_LANGUAGE
from wikitool.mail.outbox import suggestion_of
from wikitool.mail.sender import SenderLoop, SendReport
from wikitool.mail.tokens import TOKEN_CHARS
from wikitool.review.conversation import Answered, SecretRefused, answer_question
from wikitool.review.events import one_line
from wikitool.review.open_suggestions import OpenSuggestion, OpenSuggestions
from wikitool.review.recheck import Rechecked, answer_recheck
from wikitool.review.status import IN_REVIEW, PublicStatus, public_status
from wikitool.screening.unicode_text import invalid_text_field
from wikitool.services.contact_deletion import forget_by_citizen
from wikitool.services.feedback import (
    MAX_FEEDBACK_BYTES,
    FeedbackError,
    feedback_from_mapping,
    feedback_save,
)
from wikitool.services.mail_delivery import (
    deliver,
    queue_missing,
    subscription_language,
    unsubscribe,
    unsubscribe_link_valid,
)
from wikitool.suggestions.answer_secrets import SECRET_BYTES
from wikitool.suggestions.input import MAX_INPUT_BYTES, suggestion_from_mapping
from wikitool.suggestions.limits import HONEYPOT_FIELD
from wikitool.suggestions.submission import repair_branches, warm_up
from wikitool.suggestions.support import (
    SuggestionClosedError,
    SupportResult,
    support_from_mapping,
    support_suggestion,
)

NOT_FOUND = "no suggestion with this id"
MAX_ANSWER_BYTES = 32 * 1024
_RECHECK_FIELDS = {"secret", "right", "text"}
FOLLOWS_REFUSED = (
    "follows is set only by answering “Is the guide right now?” from the private link"
)
MAX_FORGET_BYTES = 1024
"""A request to delete one's contact details: the secret alone."""
FORGED_TOKEN = "this unsubscribe link is not valid: it was changed or cut short"
STATUS_PASS_SECONDS = 60.0
"""How often the sender looks for statuses not yet told (a merge made live by publishing)."""
MAX_SUPPORT_BYTES = 4 * 1024
"""A support's body: a short note and an address."""
OPEN_LIST_MAX_AGE = 30
"""Seconds a browser or proxy may keep a guide's list of open suggestions."""

log = logging.getLogger("wikitool.intake")

T = TypeVar("T")

# Refusals of the input itself (the citizen can fix them); any other WikitoolError is the
# server's trouble (a busy ref lock, a broken repository) and gets a 503.
_USER_ERRORS = (*USER_ERRORS, FeedbackError)
BUSY = "the service is busy: try again in a moment"


def create_app(settings: IntakeSettings) -> Starlette:
    """The intake ASGI application for ``settings``.

    Raises:
        NotAWikiError: ``settings.repo`` is not a wiki repository.
    """
    with WikiStore.open(settings.repo) as store:
        store.main()  # fail at start, not on the first citizen's request
        repair_branches(store)  # complete any suggestion a killed writer left half-made
        warm_up(store)  # the first citizens should not wait for the checks' first-use costs
    stores = ThreadStores(settings.repo)
    submitter = Submitter(settings.repo, stores, settings.workers)
    writes = RateLimiter(settings.rate_limit)
    reads = RateLimiter(settings.rate_limit * READS_PER_WRITE)
    mailer = _sender_loop(settings, stores)
    open_suggestions = OpenSuggestions()

    async def in_thread(work: Callable[[WikiStore], T]) -> T:
        # The store is taken in the pool thread: each thread has its own.
        return await _answered(run_in_threadpool(lambda: work(stores.get())))

    async def submit_suggestion(request: Request) -> Response:
        data = await _json_body(request, writes, MAX_INPUT_BYTES, settings.body_timeout)
        if _honeypot_filled(data):
            # Looks like success so the bot moves on; nothing is written.
            fake = {"id": new_suggestion_id(), "duplicate": False, "secret": _fake_secret()}
            return _created(request, settings, fake)
        try:
            suggestion = suggestion_from_mapping(data, source="suggestion")
        except SuggestionError as exc:
            raise RequestRefused(400, one_line(str(exc))) from None
        if suggestion.follows:
            # Anyone may read an id; only its author may say the guide is still wrong.
            raise RequestRefused(400, FOLLOWS_REFUSED)
        result = await _answered(submitter.submit(suggestion))
        if mailer is not None and suggestion.author.notify:
            mailer.wake()  # the "received" message goes now, not at the next pass
        open_suggestions.moved()
        return _created(
            request,
            settings,
            {
                "id": result.id,
                "duplicate": result.duplicate_of is not None,
                "warnings": result.warnings,
                "secret": result.secret or None,
            },
        )

    async def suggestion_status(request: Request) -> Response:
        _count(request, reads)
        suggestion_id = request.path_params["suggestion_id"]
        if not is_suggestion_id(suggestion_id):
            raise RequestRefused(404, NOT_FOUND)

        def read(store: WikiStore) -> PublicStatus | None:
            published = _published_commit(store, settings.published_rev)
            try:
                return public_status(store, suggestion_id, published_commit=published)
            except NotFoundError:
                return None

        status = await in_thread(read)
        if status is None:
            raise RequestRefused(404, NOT_FOUND)
        return JSONResponse(status.to_json())

    async def from_the_author(request: Request) -> tuple[str, dict[str, Any] | None]:
        """A post by a suggestion's author (an answer, the reply after publication): its
        id, checked, and its body; ``None`` for the body when a bot filled the honeypot."""
        data = await _json_body(request, writes, MAX_ANSWER_BYTES, settings.body_timeout)
        suggestion_id = request.path_params["suggestion_id"]
        if _honeypot_filled(data):
            return suggestion_id, None
        if not is_suggestion_id(suggestion_id):
            raise RequestRefused(404, NOT_FOUND)
        return suggestion_id, data

    async def submit_answer(request: Request) -> Response:
        suggestion_id, data = await from_the_author(request)
        if data is None:
            return JSONResponse({"id": suggestion_id, "warnings": []}, status_code=201)
        secret, text = _text_fields(data, ("secret", "text"))

        def answer(store: WikiStore) -> Answered:
            return answer_question(store, suggestion_id, secret=secret, text=text)

        answered = await in_thread(answer)
        return JSONResponse(
            {"id": suggestion_id, "status": IN_REVIEW, "warnings": answered.warnings},
            status_code=201,
        )

    async def recheck(request: Request) -> Response:
        suggestion_id, data = await from_the_author(request)
        if data is None:
            return JSONResponse({"id": suggestion_id, "warnings": []}, status_code=201)
        secret, right, text = _recheck_fields(data)

        def answer(store: WikiStore) -> Rechecked:
            published = _published_commit(store, settings.published_rev)
            try:
                return answer_recheck(
                    store,
                    suggestion_id,
                    secret=secret,
                    right=right,
                    text=text,
                    published_commit=published,
                )
            except NotFoundError:
                raise RequestRefused(404, NOT_FOUND) from None

        done = await in_thread(answer)
        follow_up = None
        if done.follow_up is not None:
            if mailer is not None:
                mailer.wake()  # the report's "received", when its author asked to hear back
            open_suggestions.moved()
            follow_up = _created_fields(request, settings, done.follow_up.id)
            follow_up["secret"] = done.follow_up.secret
        return JSONResponse(
            {
                "id": suggestion_id,
                "recheck": "yes" if done.right else "no",
                "follow_up": follow_up,
                "warnings": done.warnings,
            },
            status_code=201,
        )
    async def forget_contact_details(request: Request) -> Response:
        data = await _json_body(request, writes, MAX_FORGET_BYTES, settings.body_timeout)
        suggestion_id = request.path_params["suggestion_id"]
        if not is_suggestion_id(suggestion_id):
            raise RequestRefused(404, NOT_FOUND)
        (secret,) = _text_fields(data, ("secret",))

        def forget(store: WikiStore) -> bool:
            try:
                return forget_by_citizen(store, suggestion_id, secret=secret)
            except NotFoundError:
                raise RequestRefused(404, NOT_FOUND) from None

        deleted = await in_thread(forget)
        if deleted and mailer is not None:
            mailer.wake()  # the last message goes now, while its copy of the address is kept
        return JSONResponse({"id": suggestion_id, "deleted": deleted})

    async def submit_feedback(request: Request) -> Response:
        data = await _json_body(request, writes, MAX_FEEDBACK_BYTES, settings.body_timeout)
        if _honeypot_filled(data):
            return JSONResponse({"id": new_suggestion_id(), "warnings": []}, status_code=201)
        try:
            feedback = feedback_from_mapping(data)
        except FeedbackError as exc:
            raise RequestRefused(400, one_line(str(exc))) from None
        saved = await in_thread(lambda store: feedback_save(store, feedback))
        warnings = []
        if saved.redacted:
            warnings.append(f"wrong: removed personal data ({', '.join(saved.redacted)})")
        return JSONResponse({"id": saved.id, "warnings": warnings}, status_code=201)

    async def unsubscribe_link(request: Request) -> Response:
        _count(request, writes)
        recipient = request.query_params.get("to", "")
        token = request.query_params.get("token", "")
        if not recipient or len(recipient) > 100 or len(token) != TOKEN_CHARS:
            raise RequestRefused(400, "an unsubscribe link needs its to and token parts whole")
        suggestion_id = suggestion_of(recipient)  # an author's or a supporter's reference
        if request.method == "GET":
            valid = await in_thread(lambda store: unsubscribe_link_valid(store, recipient, token))
            done = False
        else:
            valid = await in_thread(lambda store: unsubscribe(store, recipient, token))
            done = True
        if not valid:
            raise RequestRefused(403, FORGED_TOKEN)
        if request.method == "POST" and "text/html" not in request.headers.get("accept", ""):
            return JSONResponse({"unsubscribed": True})
        lang = await in_thread(lambda store: subscription_language(store, recipient))
        return HTMLResponse(unsubscribe_page(lang or DEFAULT_LANGUAGE, suggestion_id, done=done))
    async def support(request: Request) -> Response:
        data = await _json_body(request, writes, MAX_SUPPORT_BYTES, settings.body_timeout)
        suggestion_id = request.path_params["suggestion_id"]
        if _honeypot_filled(data):
            return JSONResponse({"id": suggestion_id, "warnings": []}, status_code=201)
        if not is_suggestion_id(suggestion_id):
            raise RequestRefused(404, NOT_FOUND)
        try:
            given = support_from_mapping(data)
        except SuggestionError as exc:
            raise RequestRefused(400, one_line(str(exc))) from None

        def write(store: WikiStore) -> SupportResult:
            try:
                return support_suggestion(store, suggestion_id, given)
            except NotFoundError:
                raise RequestRefused(404, NOT_FOUND) from None
            except SuggestionClosedError as exc:
                raise RequestRefused(409, one_line(str(exc))) from None

        result = await in_thread(write)
        open_suggestions.moved()
        return JSONResponse(
            {"id": result.id, "supporters": result.supporters, "warnings": result.warnings},
            status_code=201,
        )

    async def guide_suggestions(request: Request) -> Response:
        _count(request, reads)
        typed = request.path_params["guide"]
        try:
            path = guide_path(typed)
        except UnsafePathError:
            raise RequestRefused(404, "no such guide") from None
        if not is_guide_path(path):
            raise RequestRefused(404, "no such guide")

        def read(store: WikiStore) -> list[OpenSuggestion]:
            return open_suggestions.on_guide(store, path)

        now = int(time.time())
        found = await in_thread(read)
        return JSONResponse(
            {"guide": path, "suggestions": [s.to_json(now) for s in found]},
            headers={"Cache-Control": f"max-age={OPEN_LIST_MAX_AGE}"},
        )

    async def health(request: Request) -> Response:
        return JSONResponse({"ok": True})

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await submitter.start()
        if mailer is not None:
            mailer.start()
        purging = asyncio.create_task(purge_daily(stores))
        try:
            yield
        finally:
            purging.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await purging
            if mailer is not None:
                mailer.stop()
            submitter.close()
            stores.close()
            close_local_dbs()  # the SQLite files' connections the pool threads kept

    return Starlette(
        routes=[
            Route("/api/suggestions", submit_suggestion, methods=["POST"]),
            Route("/api/suggestions/{suggestion_id}", suggestion_status, methods=["GET"]),
            Route(
                "/api/suggestions/{suggestion_id}/answers", submit_answer, methods=["POST"]
            ),
            Route("/api/suggestions/{suggestion_id}/recheck", recheck, methods=["POST"]),
            Route("/api/suggestions/{suggestion_id}/support", support, methods=["POST"]),
            Route(
                "/api/suggestions/{suggestion_id}/forget",
                forget_contact_details,
                methods=["POST"],
            ),
            Route("/api/guides/{guide:path}/suggestions", guide_suggestions, methods=["GET"]),
            Route("/api/feedback", submit_feedback, methods=["POST"]),
            Route("/api/unsubscribe", unsubscribe_link, methods=["GET", "POST"]),
            Route("/api/health", health, methods=["GET"]),
        ],
        middleware=[
            Middleware(SecurityHeadersMiddleware),
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.allow_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Content-Type"],
                expose_headers=["Location", "Retry-After"],
                max_age=600,
            ),
        ],
        exception_handlers={
            RequestRefused: _refused,
            HTTPException: _http_error,
            Exception: _server_error,
        },
        lifespan=lifespan,
    )


def _sender_loop(settings: IntakeSettings, stores: ThreadStores) -> SenderLoop | None:
    """The thread that sends queued mail through ``--smtp``, if one was given."""
    delivery = settings.mail
    if delivery is None:
        return None
    last_status_pass = 0.0

    def send() -> SendReport:
        nonlocal last_status_pass
        store = stores.get()  # the loop's own thread, so its own store
        now = time.monotonic()
        if now - last_status_pass >= STATUS_PASS_SECONDS:
            last_status_pass = now
            queue_missing(store, settings.published_rev)
        return deliver(store, delivery)

    return SenderLoop(send, settings.mail_interval)


async def _answered(work: Awaitable[T]) -> T:
    """``await work``, turning what it raises into the HTTP answer a client should get."""
    try:
        return await work
    except RequestRefused:
        raise  # already the answer
    except SecretRefused as exc:
        raise RequestRefused(403, one_line(str(exc))) from None
    except ReviewError as exc:  # decided, or no question open: the state, not the input
        raise RequestRefused(409, one_line(str(exc))) from None
    except _USER_ERRORS as exc:
        raise RequestRefused(400, one_line(str(exc))) from None
    except SubmitRefused as refused:
        if refused.kind == "user":
            raise RequestRefused(400, one_line(refused.message)) from None
        log.warning("repository busy or unreadable: %s", refused.message)
        raise RequestRefused(503, BUSY, {"Retry-After": "5"}) from None
    except WikitoolError as exc:
        log.warning("repository busy or unreadable: %s", exc)
        raise RequestRefused(503, BUSY, {"Retry-After": "5"}) from None
    except Exception:
        # Answered here rather than by Starlette's outermost error handler so the
        # response still carries the security headers.
        log.exception("intake request failed")
        raise RequestRefused(500, "internal error") from None


async def _json_body(
    request: Request, limiter: RateLimiter, limit: int, timeout: float
) -> dict[str, Any]:
    """Count the request against the client's allowance, then read its JSON object body."""
    _count(request, limiter)
    check_json_content_type(request)
    return decode_json_object(await read_body(request, limit, timeout=timeout))


def _count(request: Request, limiter: RateLimiter) -> None:
    # Behind a proxy on this host, uvicorn takes the client from X-Forwarded-For.
    client = request.client.host if request.client else "unknown"
    wait = limiter.check(client)
    if wait:
        seconds = limiter.retry_after(wait)
        raise RequestRefused(
            429,
            f"too many requests: try again in {seconds} seconds",
            {"Retry-After": str(seconds)},
        )


def _text_fields(data: dict[str, Any], names: tuple[str, ...]) -> list[str]:
    """The text fields ``names`` of a body (an answer's ``secret`` and ``text``), each
    ``""`` when absent; any other field is refused."""
    not_text = invalid_text_field(data)
    if not_text is not None:
        raise RequestRefused(400, one_line(not_text))
    unknown = sorted(set(data) - set(names))
    if unknown:
        raise RequestRefused(400, one_line(f"unknown field {unknown[0][:40]!r}"))
    values = []
    for name in names:
        value = data.get(name, "")
        if not isinstance(value, str):
            raise RequestRefused(400, f"{name} must be text")
        values.append(value)
    return values


def _recheck_fields(data: dict[str, Any]) -> tuple[str, bool, str]:
    """``secret``, ``right`` and ``text`` of a reply to "Is the guide right now?"."""
    not_text = invalid_text_field(data)
    if not_text is not None:
        raise RequestRefused(400, one_line(not_text))
    unknown = sorted(set(data) - _RECHECK_FIELDS)
    if unknown:
        raise RequestRefused(400, one_line(f"unknown field {unknown[0][:40]!r}"))
    right = data.get("right")
    if not isinstance(right, bool):
        raise RequestRefused(
            400, "right must be true (yes) or false (no, something is still wrong)"
        )
    values = []
    for name in ("secret", "text"):
        value = data.get(name, "")
        if not isinstance(value, str):
            raise RequestRefused(400, f"{name} must be text")
        values.append(value)
    return values[0], right, values[1]


def _fake_secret() -> str:
    """What a bot that filled the honeypot is given instead of a secret (keeps nothing)."""
    return secrets.token_urlsafe(SECRET_BYTES)


def _honeypot_filled(data: dict[str, Any]) -> bool:
    value = data.pop(HONEYPOT_FIELD, None)
    return value not in (None, "")


def _created(request: Request, settings: IntakeSettings, body: dict[str, Any]) -> Response:
    fields = _created_fields(request, settings, body["id"])
    return JSONResponse(
        {**fields, "warnings": [], **body},
        status_code=201,
        headers={"Location": fields["status_url"]},
    )


def _created_fields(
    request: Request, settings: IntakeSettings, suggestion_id: str
) -> dict[str, Any]:
    """``id`` and ``status_url`` of a suggestion just made."""
    base = (settings.public_url or str(request.base_url)).rstrip("/")
    return {"id": suggestion_id, "status_url": f"{base}/api/suggestions/{suggestion_id}"}


def _published_commit(store: WikiStore, rev: str | None) -> str | None:
    if not rev:
        return None
    try:
        return store.resolve(rev)
    except WikitoolError:
        return None  # not deployed yet: merged suggestions show as accepted


async def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestRefused)
    return JSONResponse({"error": exc.message}, status_code=exc.status, headers=exc.headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    messages = {404: "not found", 405: "method not allowed"}
    message = messages.get(exc.status_code, str(exc.detail))
    return JSONResponse(
        {"error": message}, status_code=exc.status_code, headers=dict(exc.headers or {})
    )


async def _server_error(request: Request, exc: Exception) -> Response:
    log.exception("intake request failed", exc_info=exc)
    return JSONResponse({"error": "internal error"}, status_code=500)
