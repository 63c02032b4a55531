"""Beyond one machine: two real `art28 worker` processes, each on its own PostgreSQL connection,
claim from one outbox (SKIP LOCKED, heartbeat lease) and deliver every message exactly once to a
real aiosmtpd server on loopback.

Runs in a database of its own (created and dropped here), not the suite's, so it never meets
CI's test database. Skips, saying why, when PostgreSQL is not reachable; set
ART28_TEST_POSTGRES (default postgres://postgres@127.0.0.1:5432) to point elsewhere.
"""

import asyncio
import os
import socket
import subprocess
import sys
import time

import pytest

from tests.conftest import Mailbox

SERVER = os.environ.get("ART28_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
N = 200

SETUP = f"""
from django.db import transaction
from art28.notices.services import About, queue_notice
from art28.parties.models import Controller, Processor
p = Processor.objects.create(name="P", kvk="87654321")
c = Controller.objects.create(processor=p, name="C", kvk="30000000", language="en")
with transaction.atomic():
    n = queue_notice(controller=c, kind="agreement_signed", about=About("test", "v1"),
                     template="agreement_signed", recipients=[f"r{{i}}@x.example" for i in range({N})],
                     link="http://testserver/p", context={{"reference": "DPA-1", "version": 1}})
print(n.deliveries.count())
"""


class PacedMailbox(Mailbox):
    """Takes a little while per message, so both workers are still sending side by side."""

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        await asyncio.sleep(0.05)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def postgres_db():
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(f"{SERVER}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL is not reachable at {SERVER} ({exc}); set ART28_TEST_POSTGRES")
    name = f"art28_delivery_test_{os.getpid()}"
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{SERVER}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture
def paced_smtp():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    box = PacedMailbox(port)
    box.start()
    yield box
    box.stop()


def _art28(*args):
    return [sys.executable, "-m", "art28.cli", *args]


@pytest.mark.smtp
def test_two_worker_processes_on_postgresql_deliver_one_outbox_exactly_once(
        tmp_path, postgres_db, paced_smtp):
    import psycopg

    env = {**os.environ, "ART28_HOME": str(tmp_path), "DATABASE_URL": postgres_db,
           "ART28_DELIVERY_WORKERS": "2",
           "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(paced_smtp.port),
           "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend"}
    run = dict(env=env, check=True, capture_output=True, text=True, timeout=600)
    subprocess.run(_art28("migrate"), **run)
    queued = subprocess.run(_art28("manage", "shell", "-c", SETUP), **run)
    assert queued.stdout.strip().splitlines()[-1] == str(N)

    quiet = dict(env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    workers = [subprocess.Popen(_art28("worker", "--batch", "--interval", "0.1"), **quiet) for _ in range(2)]
    side_by_side = 0  # the most batches held at one moment by different claims
    with psycopg.connect(postgres_db, autocommit=True) as db:
        deadline = time.monotonic() + 300
        while any(w.poll() is None for w in workers) and time.monotonic() < deadline:
            held = db.execute("SELECT count(DISTINCT claim) FROM notices_delivery "
                              "WHERE status = 'sending'").fetchone()[0]
            side_by_side = max(side_by_side, held)
            time.sleep(0.05)
        left = db.execute("SELECT count(*) FROM notices_delivery WHERE status <> 'sent'").fetchone()[0]
    for w in workers:
        _, err = w.communicate(timeout=60)
        assert w.returncode == 0, err[-2000:]

    ids = [m["message_id"] for m in paced_smtp.messages]
    assert len(set(ids)) == N, f"lost {N - len(set(ids))}"
    assert len(ids) == N, f"sent twice: {sorted({i for i in ids if ids.count(i) > 1})}"
    assert left == 0
    assert side_by_side >= 2, "both workers should have held a batch at the same time"
