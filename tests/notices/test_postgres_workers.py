"""Beyond one machine: two real `art28 worker` processes, each on its own PostgreSQL connection,
claim from one outbox (SKIP LOCKED, heartbeat lease) and deliver every message exactly once to a
real aiosmtpd server on loopback.

Runs in a database of its own (created and dropped here), not the suite's, so it never meets
CI's test database. Skips, saying why, when PostgreSQL is not reachable; set
ART28_TEST_POSTGRES (default postgres://postgres@127.0.0.1:5432) to point elsewhere.
"""

import os
import subprocess
import time

import pytest

from tests.notices.workers import art28, assert_each_once, queue_outbox, worker_env

SERVER = os.environ.get("ART28_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
N = 200


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


@pytest.mark.smtp
def test_two_worker_processes_on_postgresql_deliver_one_outbox_exactly_once(
        tmp_path, postgres_db, slow_smtp):
    import psycopg

    box = slow_smtp(0.05)  # a little while per message: both workers are still sending side by side
    env = worker_env(tmp_path, box, database_url=postgres_db, ART28_DELIVERY_WORKERS="2")
    queue_outbox(env, N, timeout=600)

    quiet = dict(env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    workers = [subprocess.Popen(art28("worker", "--batch", "--interval", "0.1"), **quiet) for _ in range(2)]
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

    assert_each_once(box, N)
    assert left == 0
    assert side_by_side >= 2, "both workers should have held a batch at the same time"
