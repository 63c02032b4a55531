"""A worker holds its batch only while its claim is its own: it renews the lease as it goes,
re-checks it before every message, and stops when another worker took the batch over.

The slow-server test runs two real `art28 worker` processes on one file-based SQLite
database against a real aiosmtpd server that takes a while per message, with a lease far
shorter than the batch takes: before the fix the second worker found the batch's lease run
out and sent the rest again.
"""

import subprocess
import time
import uuid

import pytest

from art28.notices.models import Delivery, DeliveryStatus
from art28.notices.services import _claim_mails, _deliver_batch, claim_batch, drain
from tests.notices.workers import art28, assert_each_once, queue, queue_outbox, worker_env


@pytest.mark.django_db(transaction=True)
def test_it_stops_sending_a_batch_another_worker_took_over(controller_a, smtp_server):
    queue(controller_a, 5)
    token, ids = claim_batch()
    assert len(ids) == 5 and set(Delivery.objects.values_list("claim", flat=True)) == {token}
    # Our lease ran out and a second worker claimed the middle of our batch.
    theirs = uuid.uuid4()
    Delivery.objects.filter(pk__in=ids[2:4]).update(claim=theirs)

    assert _deliver_batch(token, ids) == 2
    assert sorted(m["to"][0] for m in smtp_server.messages) == ["r000@x.example", "r001@x.example"]
    assert set(Delivery.objects.filter(pk__in=ids[2:4]).values_list("claim", "status")) == {
        (theirs, DeliveryStatus.SENDING)}
    # What was still ours after the loss is given back, due at once, not left to its lease.
    rest = Delivery.objects.get(pk=ids[4])
    assert rest.status == DeliveryStatus.PENDING and rest.claim is None and rest.lease_until is None
    assert drain() == 1 and len(smtp_server.messages) == 3


@pytest.mark.django_db(transaction=True)
def test_it_claims_nothing_that_is_already_claimed_and_leased(controller_a):
    queue(controller_a, 3)
    first, ids = claim_batch()
    second, more = claim_batch()
    assert len(ids) == 3 and more == []
    assert set(Delivery.objects.values_list("claim", flat=True)) == {first}


@pytest.mark.django_db(transaction=True)
def test_it_claims_a_batch_of_at_most_the_limit_with_what_its_mails_need(controller_a):
    # On PostgreSQL one statement claims and loads; a sub-select with LIMIT that the planner
    # ran again per updated row once claimed the whole queue.
    notice = queue(controller_a, 7)
    first, mails, webhooks = _claim_mails(limit=3)
    second, more, _ = _claim_mails(limit=3)

    assert [m.recipient for m in mails] == ["r000@x.example", "r001@x.example", "r002@x.example"]
    assert [m.recipient for m in more] == ["r003@x.example", "r004@x.example", "r005@x.example"]
    assert webhooks == {}
    claims = dict(Delivery.objects.filter(status=DeliveryStatus.SENDING).values_list("recipient", "claim"))
    assert claims == {m.recipient: first for m in mails} | {m.recipient: second for m in more}
    assert Delivery.objects.get(recipient="r006@x.example").status == DeliveryStatus.PENDING
    text = mails[0].notice
    assert (text.code, text.subject, text.link) == (notice.code, notice.subject, notice.link)
    assert mails[1].notice is text  # one per notice, not one per mail
    assert {m.unsubscribe_token for m in mails} == {None} and {m.attempts for m in mails} == {0}


N = 40


@pytest.mark.smtp
def test_two_workers_send_nothing_twice_and_lose_nothing_with_a_slow_mail_server(tmp_path, slow_smtp):
    lease = 2  # one batch of 40 at 0.25 s a message outlives it five times over
    box = slow_smtp(0.25)
    env = worker_env(tmp_path, box, ART28_DELIVERY_LEASE_SECONDS=str(lease))
    queue_outbox(env, N)

    worker = art28("worker", "--batch", "--interval", "0.1")
    first = subprocess.Popen(worker, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not box.messages and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(lease + 0.5)  # the first worker's original lease has run out
    assert len(box.messages) < N, "the second worker must start while the first still sends"
    # the second worker, to the end of its queue
    subprocess.run(worker, env=env, check=True, capture_output=True, timeout=300)
    assert first.wait(timeout=240) == 0

    assert_each_once(box, N)


@pytest.mark.smtp
def test_a_heartbeat_keeps_a_batch_whose_every_message_outlasts_the_lease(tmp_path, slow_smtp):
    """2 s per message, a 2 s lease renewed every 0.5 s by the heartbeat, and a second worker
    that looks for due deliveries several times a second: nothing is sent twice. Before the
    heartbeat the lease was renewed only between messages and ran out during each send."""
    box = slow_smtp(2.0)
    n = 6
    env = worker_env(tmp_path, box, ART28_DELIVERY_LEASE_SECONDS="2")
    workers = []
    try:
        queue_outbox(env, n)
        quiet = dict(env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        workers.append(subprocess.Popen(art28("worker", "--batch", "--interval", "0.1"), **quiet))
        # The other worker polls and ticks (a drain each time) all along.
        workers.append(subprocess.Popen(art28("worker", "--interval", "0.1", "--tick", "0.3"), **quiet))
        deadline = time.monotonic() + 180
        while len(box.messages) < n and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(2 * 2 + 1)  # two leases more: a late second send would show now
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(timeout=60)
    assert_each_once(box, n)
