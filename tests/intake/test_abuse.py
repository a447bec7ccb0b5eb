"""Hostile and broken clients get the right status, and the server keeps serving everyone."""

from __future__ import annotations

import contextlib
import json
import socket
import time
from collections.abc import Callable
from typing import Any

import pytest
from intake_server import Intake, read_all

HEALTH = b"GET /api/health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"


def _post_head(length: int | None, *, chunked: bool = False) -> bytes:
    head = "POST /api/suggestions HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
    if chunked:
        head += "Transfer-Encoding: chunked\r\n"
    elif length is not None:
        head += f"Content-Length: {length}\r\n"
    return (head + "\r\n").encode()


def _status_line(response: bytes) -> bytes:
    return response.split(b"\r\n", 1)[0]


def _keeps_serving(intake: Intake, suggestion: dict[str, Any]) -> None:
    assert intake.get("/api/health").json() == {"ok": True}
    assert intake.post("/api/suggestions", suggestion).status_code == 201


def test_a_huge_declared_length_is_refused_before_the_body_is_read(
    intake: Intake, suggestion: dict[str, Any]
) -> None:
    with socket.create_connection(("127.0.0.1", intake.port), timeout=10) as sock:
        sock.sendall(_post_head(10 * 1024**3))  # 10 GB announced; nothing sent
        started = time.monotonic()
        answer = read_all(sock)
    assert _status_line(answer) == b"HTTP/1.1 413 Request Entity Too Large"
    assert answer.endswith(b'{"error":"the request body is larger than 216 KB"}')
    assert time.monotonic() - started < 5
    _keeps_serving(intake, suggestion)


def test_a_chunked_body_is_cut_off_at_the_limit(intake: Intake, suggestion: dict[str, Any]) -> None:
    chunk = b"x" * 65536
    with socket.create_connection(("127.0.0.1", intake.port), timeout=10) as sock:
        sock.sendall(_post_head(None, chunked=True))
        # Up to 4 MB, far more than the limit; the server stops reading and closes.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            for _ in range(64):
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        try:
            answer = sock.recv(65536)
        except ConnectionResetError:
            pytest.fail("the connection was reset before a 413 was answered")
    assert _status_line(answer) == b"HTTP/1.1 413 Request Entity Too Large"
    _keeps_serving(intake, suggestion)


def test_a_body_that_trickles_in_times_out(
    start_intake: Callable[..., Intake], suggestion: dict[str, Any]
) -> None:
    intake = start_intake(body_timeout=0.5)
    with socket.create_connection(("127.0.0.1", intake.port), timeout=10) as sock:
        sock.sendall(_post_head(1000) + b'{"guide": ')
        started = time.monotonic()
        answer = read_all(sock)
    assert _status_line(answer) == b"HTTP/1.1 408 Request Timeout"
    assert b"the request body took too long to arrive" in answer
    assert 0.4 < time.monotonic() - started < 5
    _keeps_serving(intake, suggestion)


@pytest.mark.parametrize(
    "sent",
    [
        b"",  # connects and says nothing
        b"POST /api/suggestions HTTP/1.1\r\nHost: t\r\n",  # headers never finish
    ],
    ids=["silent", "slow headers"],
)
def test_a_client_slow_to_send_its_headers_is_disconnected(
    start_intake: Callable[..., Intake], suggestion: dict[str, Any], sent: bytes
) -> None:
    intake = start_intake(headers_timeout=0.5)
    with socket.create_connection(("127.0.0.1", intake.port), timeout=10) as sock:
        sock.sendall(sent)
        _keeps_serving(intake, suggestion)  # while the slow client waits
        started = time.monotonic()
        assert sock.recv(65536) == b""  # closed by the server
    assert time.monotonic() - started < 5


def test_a_slow_client_trickling_header_bytes_is_still_disconnected(
    start_intake: Callable[..., Intake]
) -> None:
    intake = start_intake(headers_timeout=0.5)
    with socket.create_connection(("127.0.0.1", intake.port), timeout=10) as sock:
        started = time.monotonic()
        with pytest.raises((BrokenPipeError, ConnectionResetError)):
            for byte in b"POST /api/suggestions HTTP/1.1\r\nX-Slow: " + b"a" * 1000:
                sock.send(bytes([byte]))
                time.sleep(0.05)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"NONSENSE\r\n\r\n", b"400"),
        (b"POST /api/suggestions HTTP/1.1\r\nHost: t\r\nContent-Length: abc\r\n\r\n", b"400"),
        (b"GET /api/health HTTP/1.1\r\nHost: t\r\nX-Big: " + b"a" * 2_000_000 + b"\r\n\r\n", b"400"),
        (b"GET /api/health HTTP/1.1\r\n" + b"X-Many: aaaaaaaaaaaaaaaa\r\n" * 1000 + b"\r\n", b"400"),
        (b"GET /api/health?" + b"q" * 20_000 + b" HTTP/1.1\r\nHost: t\r\n\r\n", b"400"),
    ],
    ids=["not HTTP", "bad Content-Length", "huge header", "too many headers", "huge URL"],
)
def test_broken_http_is_answered_and_forgotten(
    intake: Intake, suggestion: dict[str, Any], request_bytes: bytes, status: bytes
) -> None:
    answer = intake.raw(request_bytes)
    assert _status_line(answer).split(b" ")[1] == status
    _keeps_serving(intake, suggestion)


def test_a_large_suggestion_sent_in_one_go_with_its_headers_is_not_taken_for_huge_headers(
    intake: Intake, suggestion: dict[str, Any]
) -> None:
    # The headers end inside the first chunk the server reads; the rest is body.
    padding = "\n\nMore detail about the steps, written out in full.\n" * 2_500  # ~130 KB
    body = json.dumps({**suggestion, "content": suggestion["content"] + padding}).encode()
    head = (
        "POST /api/suggestions HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode()

    answer = intake.raw(head + body)

    assert _status_line(answer).split(b" ")[1] == b"201", answer[:300]


def test_invalid_utf8_and_malformed_json_in_a_row_leave_the_server_serving(
    intake: Intake, suggestion: dict[str, Any]
) -> None:
    for body in (b"\xff" * 1000, b"{" * 1000, b'{"guide": "\xed\xa0\x80"}', b"\x00" * 100):
        response = intake.post("/api/suggestions", content=body, headers={"Content-Type": "application/json"})
        assert response.status_code == 400
    _keeps_serving(intake, suggestion)


# -- rate limit -------------------------------------------------------------------------------


def _bad_post(intake: Intake, client: str) -> Any:
    # Behind a proxy on the same host, uvicorn takes the client address from X-Forwarded-For.
    return intake.post("/api/feedback", {}, headers={"X-Forwarded-For": client})


def test_one_client_sending_too_many_is_told_when_to_come_back(
    start_intake: Callable[..., Intake]
) -> None:
    intake = start_intake(rate_limit=3)

    statuses = [_bad_post(intake, "203.0.113.7").status_code for _ in range(3)]
    limited = _bad_post(intake, "203.0.113.7")

    assert statuses == [400, 400, 400]  # invalid requests count too
    assert limited.status_code == 429
    assert limited.headers["retry-after"] == "20"
    assert limited.json() == {"error": "too many requests: try again in 20 seconds"}
    assert _bad_post(intake, "198.51.100.2").status_code == 400  # other clients are not affected
    assert intake.get("/api/health").status_code == 200


def test_status_reads_have_a_larger_allowance(start_intake: Callable[..., Intake]) -> None:
    intake = start_intake(rate_limit=1)
    statuses = [intake.get("/api/suggestions/01m82td1qaxakf756wgvacw96w").status_code for _ in range(11)]
    assert statuses == [404] * 10 + [429]


def test_a_rate_limit_of_zero_is_no_limit(intake: Intake) -> None:
    assert {_bad_post(intake, "203.0.113.7").status_code for _ in range(50)} == {400}
