"""A worker holds its batch only while its claim is its own: it renews the lease as it goes,
re-checks it before every message, and stops when another worker took the batch over.

The slow-server test runs two real `art28 worker` processes on one file-based SQLite
database against a real aiosmtpd server that takes a while per message, with a lease far
shorter than the batch takes: before the fix the second worker found the batch's lease run
out and sent the rest again.
"""

import asyncio
import os
import subprocess
import sys
import time
import uuid

import pytest
from django.db import transaction

from art28.notices.models import Delivery, DeliveryStatus
from art28.notices.services import About, _deliver_batch, claim_batch, drain, queue_notice
from tests.conftest import Mailbox


def _queue(controller, n):
    with transaction.atomic():
        return queue_notice(controller=controller, kind="agreement_signed", about=About("test", "v1"),
                            template="agreement_signed",
                            recipients=[f"r{i}@x.example" for i in range(n)],
                            link="http://testserver/p", context={"processor": "Wolkenrand",
                                                                 "reference": "DPA-1", "version": 1})


@pytest.mark.django_db(transaction=True)
def test_it_stops_sending_a_batch_another_worker_took_over(controller_a, smtp_server):
    _queue(controller_a, 5)
    token, ids = claim_batch()
    assert len(ids) == 5 and set(Delivery.objects.values_list("claim", flat=True)) == {token}
    # Our lease ran out and a second worker claimed the middle of our batch.
    theirs = uuid.uuid4()
    Delivery.objects.filter(pk__in=ids[2:4]).update(claim=theirs)

    assert _deliver_batch(token, ids) == 2
    assert sorted(m["to"][0] for m in smtp_server.messages) == ["r0@x.example", "r1@x.example"]
    assert set(Delivery.objects.filter(pk__in=ids[2:4]).values_list("claim", "status")) == {
        (theirs, DeliveryStatus.SENDING)}
    # What was still ours after the loss is given back, due at once, not left to its lease.
    rest = Delivery.objects.get(pk=ids[4])
    assert rest.status == DeliveryStatus.PENDING and rest.claim is None and rest.lease_until is None
    assert drain() == 1 and len(smtp_server.messages) == 3


@pytest.mark.django_db(transaction=True)
def test_it_claims_nothing_that_is_already_claimed_and_leased(controller_a):
    _queue(controller_a, 3)
    first, ids = claim_batch()
    second, more = claim_batch()
    assert len(ids) == 3 and more == []
    assert set(Delivery.objects.values_list("claim", flat=True)) == {first}


class SlowMailbox(Mailbox):
    """A mail server that takes ``delay`` seconds to accept each message."""

    delay = 0.25

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        await asyncio.sleep(self.delay)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def slow_smtp():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    box = SlowMailbox(port)
    box.start()
    yield box
    box.stop()


N = 40

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


def _art28(*args):
    return [sys.executable, "-m", "art28.cli", *args]


@pytest.mark.smtp
def test_two_workers_send_nothing_twice_and_lose_nothing_with_a_slow_mail_server(tmp_path, slow_smtp):
    lease = 2  # one batch of 40 at 0.25 s a message outlives it five times over
    env = {**os.environ, "ART28_HOME": str(tmp_path), "DATABASE_URL": "",
           "ART28_DELIVERY_LEASE_SECONDS": str(lease),
           "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(slow_smtp.port),
           "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend"}
    run = dict(env=env, check=True, capture_output=True, text=True, timeout=300)
    subprocess.run(_art28("migrate"), **run)
    queued = subprocess.run(_art28("manage", "shell", "-c", SETUP), **run)
    assert queued.stdout.strip().splitlines()[-1] == str(N)

    worker = _art28("worker", "--batch", "--interval", "0.1")
    first = subprocess.Popen(worker, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not slow_smtp.messages and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(lease + 0.5)  # the first worker's original lease has run out
    assert len(slow_smtp.messages) < N, "the second worker must start while the first still sends"
    subprocess.run(worker, **run)  # the second worker, to the end of its queue
    assert first.wait(timeout=240) == 0

    ids = [m["message_id"] for m in slow_smtp.messages]
    assert len(set(ids)) == N, f"lost {N - len(set(ids))}"
    assert len(ids) == N, f"sent twice: {sorted({i for i in ids if ids.count(i) > 1})}"


class TwoSecondMailbox(SlowMailbox):
    delay = 2.0


@pytest.mark.smtp
def test_a_heartbeat_keeps_a_batch_whose_every_message_outlasts_the_lease(tmp_path):
    """2 s per message, a 2 s lease renewed every 0.5 s by the heartbeat, and a second worker
    that looks for due deliveries several times a second: nothing is sent twice. Before the
    heartbeat the lease was renewed only between messages and ran out during each send."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    box = TwoSecondMailbox(port)
    box.start()
    n = 6
    env = {**os.environ, "ART28_HOME": str(tmp_path), "DATABASE_URL": "",
           "ART28_DELIVERY_LEASE_SECONDS": "2",
           "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(port),
           "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend"}
    run = dict(env=env, check=True, capture_output=True, text=True, timeout=300)
    workers = []
    try:
        subprocess.run(_art28("migrate"), **run)
        queued = subprocess.run(_art28("manage", "shell", "-c", SETUP.replace(f"range({N})", f"range({n})")),
                                **run)
        assert queued.stdout.strip().splitlines()[-1] == str(n)
        quiet = dict(env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        workers.append(subprocess.Popen(_art28("worker", "--batch", "--interval", "0.1"), **quiet))
        # The other worker polls and ticks (a drain each time) all along.
        workers.append(subprocess.Popen(_art28("worker", "--interval", "0.1", "--tick", "0.3"), **quiet))
        deadline = time.monotonic() + 180
        while len(box.messages) < n and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(2 * 2 + 1)  # two leases more: a late second send would show now
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(timeout=60)
        box.stop()
    ids = [m["message_id"] for m in box.messages]
    assert len(set(ids)) == n, f"lost {n - len(set(ids))}"
    assert len(ids) == n, f"sent twice: {sorted({i for i in ids if ids.count(i) > 1})}"
