"""Load on the intake: many citizens at once, with broken and hostile clients mixed in.

Starts ``wikitool intake serve`` in its own process on 127.0.0.1 over a fresh wiki (or
``--repo``), then from this process sends ``--suggestions`` suggestions from ``--clients``
concurrent clients (each its own keep-alive connection and client address, passed as
``X-Forwarded-For`` as a proxy on the same host would). The last request of the first
``--duplicates`` clients repeats that client's first suggestion, which must come back as
the same id and be recorded as a +1.

While the load runs, other clients send malformed JSON, invalid UTF-8, bodies over the
size limit (announced, chunked, and sent in full), bodies that trickle in, and
connections that never finish their headers; each must get its status (400, 413, 408,
or a closed connection) while the load goes on.

Afterwards it checks that nothing was lost (one branch per distinct suggestion, one +1
per duplicate, ``git fsck --full --strict`` clean) and that the server still serves.
Everything stays on loopback and is bounded in time.

Usage:
    .venv/bin/python bench/intake_load.py [--suggestions 500] [--clients 20] [--json]
    .venv/bin/python bench/intake_load.py --repeat 10      # median, lowest, highest of 10 loads
    .venv/bin/python bench/intake_load.py --profile 100    # where suggestion_submit spends time
    .venv/bin/python bench/intake_load.py --notify         # every citizen asks to hear back

With ``--notify`` every suggestion carries an e-mail address and ``notify: true``, so each
submission also writes the outbox (the intake runs without ``--smtp``: the mail stays
queued). After the load, ``wikitool mail send`` (its own process, as a timer runs it)
sends the queued mail to an SMTP relay on loopback (aiosmtpd); nothing is lost when
every new suggestion had its "received" message queued and its author's address got
exactly one message.

Exits 1 when anything was lost, an abusive request got the wrong answer, or the server
stopped serving. Missing the throughput target (100 suggestions/s) is reported, not fatal.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import pstats
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import aiohttp
import httpx
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope

from wikitool.gitstore import WikiStore
from wikitool.mail.outbox import Outbox
from wikitool.model import Identity
from wikitool.services.wiki_init import init_wiki
from wikitool.suggestions.input import SuggestionAuthor, SuggestionInput
from wikitool.suggestions.submission import suggestion_submit

GUIDE = "content/identity-and-travel/renew-an-adult-passport.md"
TARGET_PER_SECOND = 100.0
HOST = "127.0.0.1"
BENCH_AUTHOR = Identity("Bench Staff", "bench@agency.invalid")
REQUEST_TIMEOUT = 60.0
SLOW_CLIENT_WAIT = 30.0
"""Longest a slow client waits for the server to cut it off (its timeouts are 10 s)."""

Attempt = Callable[[], Awaitable[str]]
"""One abusive request: its outcome, an HTTP status or ``closed``."""


@dataclass
class LoadResult:
    """What the load run measured and found."""

    suggestions: int
    clients: int
    duplicates: int
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    ids: dict[str, str] = field(default_factory=dict)
    """Content key -> suggestion id answered."""
    duplicate_ids_ok: int = 0
    abuse: dict[str, Counter[str]] = field(default_factory=dict)
    abuse_wrong: list[str] = field(default_factory=list)
    branches: int = 0
    plus_ones: int = 0
    server_cpu_seconds: float | None = None
    """CPU time of the server and its worker processes during the load (Linux)."""
    server_main_cpu_seconds: float | None = None
    """The part of it spent in the server's own process (HTTP, JSON, the event loop)."""
    client_cpu_seconds: float = 0.0
    """CPU time of this process (the citizens' clients), which shares the machine."""
    fsck_clean: bool = False
    serving_after: bool = False
    notify: bool = False
    """Every citizen ticked "Tell me what happens" (``--notify``)."""
    mail_queued: int = 0
    """"received" messages in the outbox after the load (``--notify``)."""
    mail_delivered: int = 0
    """Authors of new suggestions whose address the relay got exactly one message for."""
    mail_stray: int = 0
    """Messages the relay got beyond those (a second copy, an address not expected)."""
    mail_seconds: float = 0.0
    """How long ``wikitool mail send`` took to send them."""

    @property
    def per_second(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    @property
    def lost(self) -> int:
        expected_branches = self.suggestions - self.duplicates
        lost_mail = (
            max(0, expected_branches - min(self.mail_queued, self.mail_delivered))
            if self.notify
            else 0
        )
        return (
            max(0, expected_branches - self.branches)
            + max(0, self.duplicates - self.plus_ones)
            + lost_mail
        )

    @property
    def ok(self) -> bool:
        return (
            self.lost == 0
            and self.statuses == Counter({201: self.suggestions})
            and self.duplicate_ids_ok == self.duplicates
            and self.mail_stray == 0
            and not self.abuse_wrong
            and self.fsck_clean
            and self.serving_after
        )


# -- the server --------------------------------------------------------------------------


def start_server(
    repo: Path, rate_limit: int, workers: int | None
) -> tuple[subprocess.Popen[str], str]:
    """``wikitool intake serve`` in its own process on a free loopback port."""
    command = [
        sys.executable, "-c", "from wikitool.cli import main; main()",
        "--repo", str(repo), "intake", "serve", "--host", HOST, "--port", "0",
        "--rate-limit", str(rate_limit), *(["--workers", str(workers)] if workers else []),
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    first = process.stdout.readline()
    if " on http://" not in first:
        process.kill()
        raise SystemExit(f"the intake did not start: {first!r}")
    url = first.split(" on ", 1)[1].split("/api/", 1)[0]
    wait_until_serving(url, process)
    return process, url


def wait_until_serving(url: str, process: subprocess.Popen[str], seconds: float = 60) -> None:
    """Wait for ``/api/health``: the URL is printed before the worker processes start,
    and their start (imports, warm-up) must not be counted as the load's CPU."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/health", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if process.poll() is not None:
            raise SystemExit("the intake stopped while starting")
        time.sleep(0.1)
    process.kill()
    raise SystemExit(f"the intake did not answer {url}/api/health within {seconds:.0f} s")


def tree_cpu_seconds(pid: int, *, children: bool = True) -> float | None:
    """CPU seconds used so far by process ``pid`` and (``children``) its descendants."""
    usage: dict[int, tuple[int, int]] = {}
    try:
        entries = [e for e in Path("/proc").iterdir() if e.name.isdigit()]
    except OSError:
        return None
    for entry in entries:
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        usage[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    tree, todo = {pid}, [pid]
    while todo and children:
        current = todo.pop()
        tree.add(current)
        todo += [child for child, (parent, _) in usage.items() if parent == current]
    ticks = sum(usage[p][1] for p in tree if p in usage)
    return ticks / os.sysconf("SC_CLK_TCK")


def stop_server(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# -- the load ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Published:
    """The guide the citizens correct, as main has it."""

    guide: str
    text: str


FIRST_STEP = "## Steps\n\n1. "


def _content(published: Published, client: int, n: int) -> str:
    return published.text.replace(FIRST_STEP, f"{FIRST_STEP}(Tip {client}-{n}) ", 1)


async def _citizen(
    url: str, client: int, count: int, repeat_first: bool, published: Published, result: LoadResult
) -> None:
    headers = {"X-Forwarded-For": f"10.0.{client // 250}.{client % 250 + 1}"}
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    async with aiohttp.ClientSession(url, headers=headers, timeout=timeout) as http:
        first_id = ""
        for n in range(count):
            repeat = repeat_first and n == count - 1
            content = _content(published, client, 0 if repeat else n)
            body = {
                "guide": published.guide,
                "content": content,
                "summary": f"Tip {client}-{n}",
                "website": "",
            }
            if result.notify:
                body["author"] = {"email": f"citizen-{client}-{n}@example.org", "notify": True}
            started = time.perf_counter()
            async with http.post("/api/suggestions", json=body) as response:
                text = await response.text()
            result.latencies_ms.append((time.perf_counter() - started) * 1000)
            result.statuses[response.status] += 1
            if response.status != 201:
                print(f"client {client}: {response.status} {text}", file=sys.stderr)
                continue
            answer = json.loads(text)
            if n == 0:
                first_id = answer["id"]
            if repeat:
                if answer["id"] == first_id and answer["duplicate"] is True:
                    result.duplicate_ids_ok += 1
            else:
                result.ids[f"{client}-{n}"] = answer["id"]


async def run_load(url: str, published: Published, result: LoadResult) -> None:
    """Citizens and abusers at once; ``result`` collects what happened."""
    per_client, extra = divmod(result.suggestions, result.clients)
    citizens = [
        _citizen(url, c, per_client + (c < extra), c < result.duplicates, published, result)
        for c in range(result.clients)
    ]
    abuse = asyncio.create_task(_abuse(url, result))
    started = time.perf_counter()
    await asyncio.gather(*citizens)
    result.seconds = time.perf_counter() - started
    await abuse


# -- abuse ------------------------------------------------------------------------------


async def _raw(url: str, data: bytes, *, trickle: bytes = b"") -> bytes:
    """Send ``data`` (then ``trickle``, a byte every half second) on a raw connection.

    Returns:
        What the server answered before closing (empty when it closed without a word).
    """
    host, port = url.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    # Read all along: a server that answers early and closes resets the connection, and
    # an answer not read by then is lost.
    answer = asyncio.create_task(_read_answer(reader))
    try:
        writer.write(data)
        await writer.drain()
        for byte in trickle:
            if answer.done():
                break
            await asyncio.sleep(0.5)
            writer.write(bytes([byte]))
            await writer.drain()
    except (ConnectionResetError, BrokenPipeError):
        pass  # the server stopped listening: its answer, if any, is being read
    try:
        return await asyncio.wait_for(answer, SLOW_CLIENT_WAIT)
    finally:
        writer.close()


async def _read_answer(reader: asyncio.StreamReader) -> bytes:
    chunks = []
    try:
        while chunk := await reader.read(65536):
            chunks.append(chunk)
    except (ConnectionResetError, BrokenPipeError):
        pass
    return b"".join(chunks)


def _head(length: int | None, client: str, chunked: bool = False) -> bytes:
    head = (
        "POST /api/suggestions HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
        f"X-Forwarded-For: {client}\r\n"
    )
    head += "Transfer-Encoding: chunked\r\n" if chunked else f"Content-Length: {length}\r\n"
    return (head + "\r\n").encode()


def _status_of(answer: bytes) -> str:
    parts = answer.split(b" ", 2)
    return parts[1].decode() if len(parts) > 1 and answer.startswith(b"HTTP/") else "closed"


async def _abuse(url: str, result: LoadResult) -> None:
    """Each kind of abuse from its own address, a few times, while the load runs."""

    async def posted(client: str, content: bytes) -> str:
        timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
        async with aiohttp.ClientSession(url, timeout=timeout) as http:
            headers = {"Content-Type": "application/json", "X-Forwarded-For": client}
            async with http.post("/api/suggestions", data=content, headers=headers) as response:
                return str(response.status)

    async def raw(data: bytes, trickle: bytes = b"") -> str:
        return _status_of(await _raw(url, data, trickle=trickle))

    chunk = b"x" * 65536
    chunked_body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(16))
    huge_json = b"[" + b"1," * 600_000 + b"1]"
    slow_headers = b"POST /api/suggestions HTTP/1.1\r\n"
    # kind, expected outcome, how many, one attempt (each kind from its own address)
    kinds: list[tuple[str, str, int, Attempt]] = [
        ("malformed JSON", "400", 10, lambda: posted("10.9.0.1", b'{"guide": ')),
        ("invalid UTF-8", "400", 10, lambda: posted("10.9.0.2", b'{"guide": "\xff\xfe"}')),
        ("huge body sent", "413", 3, lambda: posted("10.9.0.3", huge_json)),
        ("huge length announced", "413", 5, lambda: raw(_head(10 * 1024**3, "10.9.0.4"))),
        ("huge chunked body", "413", 3, lambda: raw(_head(None, "10.9.0.5", True) + chunked_body)),
        (
            "body trickling in", "408", 5,
            lambda: raw(_head(5000, "10.9.0.6") + b'{"guide": ', trickle=b"a" * 100),
        ),
        (
            "headers never finished", "closed", 20,
            lambda: raw(slow_headers, trickle=b"X-Slow: " + b"a" * 100),
        ),
    ]  # fmt: skip

    async def run(kind: str, expected: str, count: int, attempt: Attempt) -> None:
        outcomes = await asyncio.gather(*(_outcome(attempt()) for _ in range(count)))
        result.abuse[kind] = Counter(outcomes)
        wrong = [o for o in outcomes if o != expected]
        if wrong:
            result.abuse_wrong.append(f"{kind}: expected {expected}, got {Counter(wrong)}")

    await asyncio.gather(*(run(*kind) for kind in kinds))


async def _outcome(attempt: Awaitable[str]) -> str:
    try:
        return await attempt
    except (aiohttp.ClientError, OSError, TimeoutError) as exc:
        return f"error {type(exc).__name__}"


# -- checks -----------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


def verify(repo: Path, url: str, result: LoadResult) -> None:
    """Count branches and +1 events with real git; check fsck and that the server serves."""
    refs = _git(repo, "for-each-ref", "--format=%(refname)", "refs/heads/suggestions/").split()
    result.branches = len(refs)
    events = _git(
        repo, "log", "--format=%(trailers:key=Event,valueonly)", "--glob=refs/reviews/*"
    ).split()
    result.plus_ones = events.count("+1")
    if result.notify:
        with WikiStore.open(repo) as store:
            result.mail_queued = Outbox.of(store).counts().get("pending", 0)
        send_mail(repo, result)
    try:
        _git(repo, "fsck", "--full", "--strict")
        result.fsck_clean = True
    except subprocess.CalledProcessError:
        result.fsck_clean = False
    try:
        health = httpx.get(f"{url}/api/health", timeout=10)
        result.serving_after = health.status_code == 200
    except httpx.TransportError:
        result.serving_after = False


class _RelayCount:
    """The loopback relay's handler: how many messages each address was sent."""

    def __init__(self) -> None:
        self.received: Counter[str] = Counter()

    async def handle_DATA(self, server: object, session: object, envelope: Envelope) -> str:
        self.received.update(envelope.rcpt_tos)
        return "250 OK"


def send_mail(repo: Path, result: LoadResult) -> None:
    """Send the queued mail with ``wikitool mail send`` to a relay on loopback, and count
    what reached each author of a new suggestion."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port = probe.getsockname()[1]
    relay = _RelayCount()
    controller = Controller(relay, hostname=HOST, port=port)
    controller.start()
    try:
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable, "-c", "from wikitool.cli import main; main()",
                "--repo", str(repo), "mail", "send", "--smtp", f"smtp://{HOST}:{port}",
                "--mail-from", "guides@agency.invalid", "--site-url", "https://guides.invalid",
                "--intake-url", "https://intake.invalid",
            ],
            check=True, capture_output=True, text=True, timeout=REQUEST_TIMEOUT * 5,
        )  # fmt: skip
        result.mail_seconds = time.perf_counter() - started
    finally:
        controller.stop()
    authors = {f"citizen-{key}@example.org" for key in result.ids}
    result.mail_delivered = sum(relay.received[address] == 1 for address in authors)
    result.mail_stray = sum(relay.received.values()) - result.mail_delivered


def report(result: LoadResult) -> str:
    lines = [
        f"{result.suggestions} suggestions from {result.clients} concurrent clients "
        f"({result.duplicates} repeated) in {result.seconds:.1f} s: "
        f"{result.per_second:.1f} suggestions/s (target {TARGET_PER_SECOND:.0f}/s: "
        f"{'met' if result.per_second >= TARGET_PER_SECOND else 'MISSED'})",
        f"latency: p50 {result.percentile(0.5):.0f} ms, p95 {result.percentile(0.95):.0f} ms, "
        f"max {max(result.latencies_ms, default=0):.0f} ms",
        f"server CPU: {_cpu_line(result)}",
        f"statuses: {dict(result.statuses)}",
        f"branches: {result.branches} (expected {result.suggestions - result.duplicates}), "
        f"+1 events: {result.plus_ones} (expected {result.duplicates}), "
        f"duplicates answered with the first id: {result.duplicate_ids_ok}, lost: {result.lost}",
        f"git fsck --full --strict: {'clean' if result.fsck_clean else 'ERRORS'}; "
        f"serving afterwards: {'yes' if result.serving_after else 'NO'}",
        "abuse during the load:",
    ]
    lines += [f"  {kind}: {dict(outcomes)}" for kind, outcomes in result.abuse.items()]
    lines += [f"  WRONG: {w}" for w in result.abuse_wrong]
    if result.notify:
        lines.append(
            f"mail: {result.mail_queued} 'received' messages queued; `wikitool mail send` to a "
            f"loopback relay in {result.mail_seconds:.1f} s: {result.mail_delivered} of "
            f"{len(result.ids)} authors got theirs once, {result.mail_stray} stray"
        )
    lines.append("OK" if result.ok else "FAILED")
    return "\n".join(lines)


def _cpu_line(result: LoadResult) -> str:
    if result.server_cpu_seconds is None:
        return "unknown (no /proc)"
    each = result.server_cpu_seconds / result.suggestions * 1000
    line = (
        f"{result.server_cpu_seconds:.1f} s, {each:.1f} ms per suggestion "
        f"(at most {1000 / each:.0f} suggestions/s per core)"
    )
    if result.server_main_cpu_seconds is not None:
        in_main = result.server_main_cpu_seconds / result.suggestions * 1000
        line += f"; {in_main:.1f} ms of it in the server's own process (HTTP, JSON)"
    client = result.client_cpu_seconds / result.suggestions * 1000
    return line + f"; the clients used {client:.1f} ms per suggestion"


# -- profile ----------------------------------------------------------------------------


PROFILE_BATCHES = 5


def profile(repo: Path, published: Published, count: int, *, notify: bool = False) -> str:
    """Profile ``count`` direct ``suggestion_submit`` calls (what each request runs);
    with ``notify`` each carries an address and asks for mail."""
    with WikiStore.open(repo) as store:
        suggestion_submit(store, _suggestion(published, 9999, 0, notify))  # warm caches
        # Five batches, the least disturbed of them quoted: other work on a shared
        # machine only ever adds time.
        cpus, walls = [], []
        for batch in range(PROFILE_BATCHES):
            cpu, wall = time.process_time(), time.perf_counter()
            for n in range(count // PROFILE_BATCHES):
                suggestion_submit(store, _suggestion(published, 9000 + batch, n, notify))
            cpus.append((time.process_time() - cpu) / (count // PROFILE_BATCHES) * 1000)
            walls.append((time.perf_counter() - wall) / (count // PROFILE_BATCHES) * 1000)
        cpu_each, wall_each = min(cpus), min(walls)
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        for n in range(count):
            suggestion_submit(store, _suggestion(published, 9998, n, notify))
        profiler.disable()
        seconds = time.perf_counter() - started
    out = [
        f"direct suggestion_submit{' with notify' if notify else ''}: {cpu_each:.1f} ms CPU "
        f"(median {statistics.median(cpus):.1f}) and {wall_each:.1f} ms wall (median "
        f"{statistics.median(walls):.1f}) each without the profiler, best of "
        f"{PROFILE_BATCHES} batches (at most {1000 / wall_each:.0f}/s per worker); "
        f"{seconds / count * 1000:.1f} ms each under it:"
    ]
    stats = pstats.Stats(profiler)
    stream = _Lines()
    stats.stream = stream  # type: ignore[attr-defined]
    stats.sort_stats("cumulative").print_stats(r"wikitool|ruamel/yaml/main|dulwich/refs", 25)
    out.append(stream.text())
    return "\n".join(out)


def _suggestion(
    published: Published, client: int, n: int, notify: bool = False
) -> SuggestionInput:
    author = (
        SuggestionAuthor(email=f"citizen-{client}-{n}@example.org", notify=True)
        if notify
        else SuggestionAuthor()
    )
    return SuggestionInput(
        guide=published.guide,
        content=_content(published, client, n),
        summary=f"Tip {n}",
        author=author,
    )


class _Lines:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def text(self) -> str:
        return "".join(self.parts)


# -- main ------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--suggestions", type=int, default=500)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duplicates", type=int, default=20, help="at most --clients")
    parser.add_argument("--rate-limit", type=int, default=30, help="passed to intake serve")
    parser.add_argument(
        "--workers", type=int, help="passed to intake serve (default: its own, one per core)"
    )
    parser.add_argument("--repo", type=Path, help="an existing wiki (default: a fresh one)")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--profile", type=int, metavar="N", help="profile N direct submissions")
    parser.add_argument(
        "--notify", action="store_true", help="every citizen asks to hear back by e-mail"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, metavar="N",
        help="run the load N times (a fresh wiki each) and summarize the throughputs",
    )  # fmt: skip
    args = parser.parse_args()
    duplicates = min(args.duplicates, args.clients)
    if args.profile:
        with tempfile.TemporaryDirectory(prefix="wikitool-intake-load-") as tmp:
            repo = args.repo or _fresh_wiki(Path(tmp))
            print(profile(repo, _published(repo), args.profile, notify=args.notify))
        return 0

    results = []
    for _ in range(args.repeat):
        speed = machine_speed_ms()
        fsync = disk_fsync_ms()
        result = load_once(args, duplicates)
        results.append(result)
        if args.json:
            print(json.dumps(_as_json(result, speed, fsync), indent=2, sort_keys=True))
        else:
            print(report(result))
            print(f"machine speed probe: {speed:.0f} ms (a fixed Python loop; lower is faster)")
            print(f"disk fsync probe: {fsync:.2f} ms (median of {FSYNC_PROBES} small appends)")
    if args.repeat > 1 and not args.json:
        print(summary(results))
    return 0 if all(r.ok for r in results) else 1


def _fresh_wiki(tmp: Path) -> Path:
    repo = tmp / "wiki"
    init_wiki(repo, author=BENCH_AUTHOR)
    return repo


def _published(repo: Path) -> Published:
    """The reference wiki's passport guide, or (another wiki) its first guide with Steps."""
    with WikiStore.open(repo) as store:
        main = store.main()
        paths = [GUIDE] + [f.path for f in store.files(main, "content/") if f.path != GUIDE]
        for path in paths:
            raw = store.read(main, path)
            if raw is not None and FIRST_STEP.encode() in raw and not path.endswith("index.md"):
                return Published(path, raw.decode("utf-8"))
    raise SystemExit(f"{repo}: no guide on main has a '## Steps' list to correct")


def load_once(args: argparse.Namespace, duplicates: int) -> LoadResult:
    """One load on ``--repo`` or a fresh wiki: start the server, send, verify, stop."""
    with tempfile.TemporaryDirectory(prefix="wikitool-intake-load-") as tmp:
        repo = args.repo or _fresh_wiki(Path(tmp))
        published = _published(repo)
        result = LoadResult(args.suggestions, args.clients, duplicates, notify=args.notify)
        process, url = start_server(repo, args.rate_limit, args.workers)
        try:
            cpu_before = tree_cpu_seconds(process.pid)
            main_before = tree_cpu_seconds(process.pid, children=False)
            client_before = time.process_time()
            asyncio.run(run_load(url, published, result))
            result.client_cpu_seconds = time.process_time() - client_before
            cpu_after = tree_cpu_seconds(process.pid)
            main_after = tree_cpu_seconds(process.pid, children=False)
            if cpu_before is not None and cpu_after is not None:
                result.server_cpu_seconds = cpu_after - cpu_before
            if main_before is not None and main_after is not None:
                result.server_main_cpu_seconds = main_after - main_before
            verify(repo, url, result)
        finally:
            stop_server(process)
    return result


def machine_speed_ms() -> float:
    """CPU milliseconds of a fixed pure-Python loop, best of three.

    This machine is a virtual one whose speed varies with its host's load (the same loop
    has taken 60 % longer from one minute to the next on an idle guest): printed beside
    each run so throughputs from different moments can be compared.
    """
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        total = 0
        for i in range(1_000_000):
            total += i * i % 7
        best = min(best, time.process_time() - started)
    return best * 1000


FSYNC_PROBES = 50


def disk_fsync_ms() -> float:
    """Wall milliseconds of appending 64 bytes to a file and fsyncing it, median of
    ``FSYNC_PROBES``: a suggestion waits on six of these with ``--notify`` (three refs,
    three SQLite commits), and other work on a shared disk stretches them."""
    times = []
    with tempfile.TemporaryDirectory(prefix="wikitool-fsync-probe-") as tmp:
        fd = os.open(Path(tmp) / "probe", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            for _ in range(FSYNC_PROBES):
                started = time.perf_counter()
                os.write(fd, b"x" * 64)
                os.fsync(fd)
                times.append(time.perf_counter() - started)
        finally:
            os.close(fd)
    return statistics.median(times) * 1000


def summary(results: list[LoadResult]) -> str:
    """Median, lowest and highest throughput over the runs, and how many met the target."""
    rates = sorted(r.per_second for r in results)
    met = sum(rate >= TARGET_PER_SECOND for rate in rates)
    median = statistics.median(rates)
    return (
        f"{len(rates)} runs: median {median:.1f} suggestions/s, lowest {rates[0]:.1f}, "
        f"highest {rates[-1]:.1f}; {met} of {len(rates)} at or above "
        f"{TARGET_PER_SECOND:.0f}/s; nothing lost in any: "
        f"{'yes' if all(r.lost == 0 for r in results) else 'NO'}"
    )


def _as_json(result: LoadResult, speed_ms: float, fsync_ms: float) -> dict[str, object]:
    data = asdict(result)
    data.pop("ids")
    data["latencies_ms"] = {
        "p50": result.percentile(0.5), "p95": result.percentile(0.95),
        "max": max(result.latencies_ms, default=0.0),
    }  # fmt: skip
    # asdict() rebuilds a Counter from its items, counting the pairs: take them as they are.
    data["statuses"] = {str(status): n for status, n in result.statuses.items()}
    data["abuse"] = {kind: dict(outcomes) for kind, outcomes in result.abuse.items()}
    data.update(
        per_second=result.per_second, lost=result.lost, ok=result.ok, machine_speed_ms=speed_ms,
        disk_fsync_ms=fsync_ms,
    )  # fmt: skip
    return data


if __name__ == "__main__":
    sys.exit(main())
