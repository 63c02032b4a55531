"""Set-up shared by the outbox tests: one notice of ``n`` e-mails queued in the test database;
and for the tests that run real `art28 worker` processes, a mail server that takes its time
per message, the command line, the same outbox queued in the workers' own database, and the
check that every message arrived exactly once."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path

from django.db import transaction

from art28.notices.services import About, queue_notice
from tests.conftest import Mailbox


def queue(controller, n: int):
    """One notice to ``n`` addresses (``r000@x.example``, ...) in the test database."""
    with transaction.atomic():
        return queue_notice(controller=controller, kind="agreement_signed", about=About("test", "v1"),
                            template="agreement_signed",
                            recipients=[f"r{i:03d}@x.example" for i in range(n)],
                            link="http://testserver/p", context={"processor": "Wolkenrand",
                                                                 "reference": "DPA-1", "version": 1})


SETUP = """
from django.db import transaction
from art28.notices.services import About, queue_notice
from art28.parties.models import Controller, Processor
p = Processor.objects.create(name="P", kvk="87654321")
c = Controller.objects.create(processor=p, name="C", kvk="30000000", language="en")
with transaction.atomic():
    n = queue_notice(controller=c, kind="agreement_signed", about=About("test", "v1"),
                     template="agreement_signed", recipients=[f"r{i}@x.example" for i in range(N)],
                     link="http://testserver/p", context={"reference": "DPA-1", "version": 1})
print(n.deliveries.count())
"""


class SlowMailbox(Mailbox):
    """A real aiosmtpd server that takes ``delay`` seconds to accept each message."""

    def __init__(self, port: int, delay: float):
        super().__init__(port)
        self.delay = delay

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        await asyncio.sleep(self.delay)
        return await super().handle_DATA(server, session, envelope)


def start_mailbox(delay: float) -> SlowMailbox:
    """A started ``SlowMailbox`` on a free loopback port (stop it when done)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    box = SlowMailbox(port, delay)
    box.start()
    return box


def art28(*args: str) -> list[str]:
    """The command line of ``art28 ARGS`` in this interpreter."""
    return [sys.executable, "-m", "art28.cli", *args]


def worker_env(home: Path, box: Mailbox, *, database_url: str = "", **settings: str) -> dict[str, str]:
    """The environment of a worker process: its own home and database, mail to ``box``."""
    return {**os.environ, "ART28_HOME": str(home), "DATABASE_URL": database_url,
            "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(box.port),
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", **settings}


def queue_outbox(env: dict[str, str], n: int, *, timeout: int = 300) -> None:
    """Migrate the workers' database and queue one notice with ``n`` e-mail deliveries in it."""
    run = dict(env=env, check=True, capture_output=True, text=True, timeout=timeout)
    subprocess.run(art28("migrate"), **run)
    queued = subprocess.run(art28("manage", "shell", "-c", f"N = {n}\n{SETUP}"), **run)
    assert queued.stdout.strip().splitlines()[-1] == str(n)


def assert_each_once(box: Mailbox, n: int) -> None:
    """Every one of the ``n`` messages arrived, none twice."""
    ids = [m["message_id"] for m in box.messages]
    assert len(set(ids)) == n, f"lost {n - len(set(ids))}"
    assert len(ids) == n, f"sent twice: {sorted({i for i in ids if ids.count(i) > 1})}"
