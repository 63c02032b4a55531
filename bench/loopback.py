"""What the e-mail benches share: a loopback SMTP server in its own process, art28 set up
against it, ``art28 worker`` processes, and a bare smtplib loop to compare with.

The server is aiosmtpd in a separate process that appends each Message-ID it receives to a
log file, so neither art28 nor the bare loop shares its interpreter.
"""

from __future__ import annotations

import os
import signal
import smtplib
import socket
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from pathlib import Path
from typing import IO, Any

SMTP_SERVER = r"""
import sys, time
from aiosmtpd.controller import Controller
log = open(sys.argv[2], "a", buffering=1)
class H:
    async def handle_DATA(self, server, session, envelope):
        for line in envelope.content.split(b"\r\n"):
            if line.lower().startswith(b"message-id:"):
                log.write(line.split(b":", 1)[1].strip().decode() + "\n")
                break
            if not line:
                break
        return "250 OK"
c = Controller(H(), hostname="127.0.0.1", port=int(sys.argv[1]))
c.start()
print("ready", flush=True)
while True:
    time.sleep(3600)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def smtp_server(port: int, log: Path) -> Iterator[subprocess.Popen]:
    """The SMTP server on ``port``, ready when this is entered (its process is given, for its
    processor time) and killed when it is left."""
    log.touch()
    server = subprocess.Popen([sys.executable, "-c", SMTP_SERVER, str(port), str(log)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None and server.stdout.readline().strip() == "ready"
        yield server
    finally:
        server.kill()


def configure(database_url: str, home: Path, port: int) -> dict[str, str]:
    """Set up Django in this process for ``home`` and the SMTP server on ``port``; migrate (and flush a
    PostgreSQL database). Returns the environment for worker processes."""
    env = {
        "ART28_HOME": str(home),
        "DATABASE_URL": database_url,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "DJANGO_SETTINGS_MODULE": "art28.settings",
        "ART28_REQUIRE_OTP": "false",
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if database_url:
        call_command("flush", interactive=False, verbosity=0)
    return {**os.environ, **env}


@contextmanager
def workers(
    env: dict[str, str], n: int, stderr: IO[Any] | int = subprocess.DEVNULL
) -> Iterator[list[subprocess.Popen]]:
    """``n`` real ``art28 worker`` processes; on leaving, SIGTERM and up to 10 s each to stop."""
    procs: list[subprocess.Popen] = []
    try:
        procs = [subprocess.Popen([sys.executable, "-m", "art28.cli", "worker", "--interval", "0.2"],
                                  env=env, stdout=subprocess.DEVNULL, stderr=stderr)
                 for _ in range(n)]
        yield procs
    finally:
        for w in procs:
            w.send_signal(signal.SIGTERM)
        for w in procs:
            try:
                w.wait(timeout=10)
            except subprocess.TimeoutExpired:
                w.kill()


def peak_rss_mb(procs: list[subprocess.Popen]) -> float:
    """The largest peak resident memory (VmHWM, Linux) of the worker processes that are still
    running (together with their children, e.g. the worker's db_worker), in MB."""
    peak = 0
    for proc in procs:
        for pid in [proc.pid, *_children(proc.pid)]:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
    return round(peak / 1024, 1)


def cpu_seconds(procs: list[subprocess.Popen]) -> float:
    """Processor time (user + system, Linux) used so far by the running worker processes and
    their children: a figure that a busy machine disturbs far less than wall time."""
    return pid_cpu_seconds([pid for proc in procs for pid in [proc.pid, *_children(proc.pid)]])


def pid_cpu_seconds(pids: Iterable[int]) -> float:
    """Processor time (user + system, Linux) used so far by the processes ``pids`` (all their
    threads; a process that has gone counts nothing)."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(c) for c in found]


def art28_ids(log: Path) -> list[str]:
    """The Message-IDs of art28's e-mails the server received, in order, repeats included."""
    return [line.strip() for line in log.read_text().splitlines() if "@art28>" in line]


def wait_for(log: Path, expected: int, timeout: float, first: list[float] | None = None,
             since: float | None = None) -> float:
    """Seconds since ``since`` (a ``time.perf_counter()``; default: now) until ``expected`` art28
    e-mails reached the server (or ``timeout``); the seconds until the first one was seen are
    appended to ``first`` when it is given. The log is read on from where the last look ended:
    re-reading it whole every 50 ms would cost this process processor time that grows with N,
    on a machine whose cores the delivery needs."""
    start = time.perf_counter() if since is None else since
    seen, pending = 0, b""
    with log.open("rb") as f:
        while time.perf_counter() - start < timeout:
            chunk = f.read()
            if chunk:
                lines = (pending + chunk).split(b"\n")
                pending = lines.pop()
                seen += sum(1 for line in lines if b"@art28>" in line)
                if first is not None and not first and seen:
                    first.append(time.perf_counter() - start)
                if seen >= expected:
                    break
            time.sleep(0.05)
    return time.perf_counter() - start


def bare_smtplib(port: int, messages: Iterable[EmailMessage]) -> float:
    """Seconds for a bare smtplib loop to send ``messages`` over one connection (a generator is
    consumed inside the timing)."""
    start = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for msg in messages:
            smtp.send_message(msg)
    return time.perf_counter() - start


def bare_sendmail(port: int, messages: Iterable[tuple[str, bytes]]) -> float:
    """Seconds for a bare smtplib loop to send messages already built as bytes (recipient, bytes)
    over one connection: the transport alone, the strictest baseline."""
    start = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for to, raw in messages:
            smtp.sendmail("bench@localhost", [to], raw)
    return time.perf_counter() - start


class BackendCpu:
    """Processor time of the PostgreSQL server processes serving one database (its backends:
    the workers', their recorder threads', this bench's), sampled by a thread of its own
    every ``every`` seconds: a backend that ends between two samples loses at most that long.
    Other databases' backends on the same server (other people's work) are not counted."""

    def __init__(self, database_url: str, every: float = 0.25):
        import threading

        self.url, self.every = database_url, every
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self, cursor: Any) -> None:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
        for (pid,) in cursor.fetchall():
            cpu = pid_cpu_seconds([pid])
            self.first.setdefault(pid, cpu)
            self.last[pid] = cpu

    def _run(self) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn, conn.cursor() as cursor:
            while True:
                self._sample(cursor)
                if self._stop.wait(self.every):
                    self._sample(cursor)
                    return

    def __enter__(self) -> BackendCpu:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def seconds(self) -> float:
        return sum(self.last[pid] - self.first[pid] for pid in self.last)
