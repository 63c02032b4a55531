"""What the fan-out benches (``breach_fanout.py``, ``subprocessor_change.py``) share: their
command line, N bulk-inserted clients with one contact each, a run against the loopback SMTP
server, and the delivery figures they print."""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loopback import art28_ids, configure, free_port, smtp_server


def fanout_parser(doc: str, *, timeout: float) -> argparse.ArgumentParser:
    """--agreements, --workers, --database-url, --timeout and --queue-only."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--agreements", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--timeout", type=float, default=timeout)
    parser.add_argument("--queue-only", action="store_true",
                        help="measure queueing only: no workers, no delivery")
    return parser


def database(args: argparse.Namespace) -> str:
    return "postgresql" if args.database_url else "sqlite"


def bulk_clients(n: int, *, contact: dict[str, Any], **fields: Any):  # type: ignore[no-untyped-def]
    """The bench processor and ``n`` controllers (odd ones Dutch, even ones English), each with one
    contact ``dpo{i}@client{i}.example`` carrying the ``contact`` flags; bulk inserts (the set-up
    is not what is measured). Returns the processor and its controllers in order."""
    from art28.parties.models import Contact, Controller, Processor

    processor = Processor.objects.create(name="Bench Hosting B.V.", kvk="87654321")
    Controller.objects.bulk_create(
        [Controller(processor=processor, name=f"Client {i}", kvk=f"{20000000 + i}",
                    language="nl" if i % 2 else "en", **fields) for i in range(n)], batch_size=2000)
    controllers = list(Controller.objects.filter(processor=processor).order_by("pk"))
    Contact.objects.bulk_create([Contact(controller=c, name=f"DPO {i}", email=f"dpo{i}@client{i}.example",
                                         **contact) for i, c in enumerate(controllers)], batch_size=2000)
    return processor, controllers


@contextmanager
def queue_only_run(args: argparse.Namespace) -> Iterator[None]:
    """Django set up on a fresh home (or the flushed PostgreSQL database), no mail server."""
    with tempfile.TemporaryDirectory() as tmp:
        configure(args.database_url, Path(tmp), free_port())
        yield


@dataclass
class Run:
    home: Path
    log: Path  # the Message-IDs the server received, one a line
    port: int
    server_pid: int = 0  # the SMTP server's process, for its processor time
    env: dict[str, str] = field(default_factory=dict)  # for the worker processes
    received: list[str] = field(default_factory=list)  # read once the server has stopped


@contextmanager
def delivery_run(args: argparse.Namespace) -> Iterator[Run]:
    """Django set up on a fresh home against a loopback SMTP server in its own process."""
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        log = home / "message-ids.txt"
        run = Run(home, log, port)
        with smtp_server(port, log) as server:
            run.server_pid = server.pid
            run.env = configure(args.database_url, home, port)
            yield run
        run.received = art28_ids(log)  # after the server stopped: every message it took


def delivery_figures(*, queue_seconds: float, delivery_seconds: float, bare_seconds: float,
                     expected: set[str], received: list[str]) -> dict[str, Any]:
    """The timings, art28's rate over the bare loop's, and what was lost or sent twice."""
    ids = received
    return {
        "queue_seconds": round(queue_seconds, 3), "delivery_seconds": round(delivery_seconds, 3),
        "delivery_ratio_vs_bare_smtplib": round(bare_seconds / delivery_seconds, 3),
        "bare_smtplib_seconds": round(bare_seconds, 3),
        "lost": len(expected - set(ids)), "duplicated": len(ids) - len(set(ids)),
    }
