"""A living worker's claim is renewed by a heartbeat (by time, not by message count), and a
dead worker's batch is free one lease after its last heartbeat, when a drain is already
scheduled to take it over. A fan-out is split so every worker takes a share."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django_tasks_db.models import DBTaskResult

from art28.notices import services
from art28.notices.models import Delivery, DeliveryStatus
from art28.notices.services import _Claim, _Heartbeat, claim_batch, drain
from art28.notices.tasks import drain_outbox
from tests.notices.workers import queue

T0 = datetime(2026, 3, 29, 0, 59, 50, tzinfo=UTC)  # across the spring DST switch in Amsterdam


def _drains():
    return DBTaskResult.objects.filter(task_path=drain_outbox.module_path, status="READY")


@pytest.mark.django_db
def test_a_heartbeat_keeps_the_batch_and_a_dead_workers_batch_is_taken_over_after_one_lease(
        controller_a, settings):
    settings.ART28_DELIVERY_LEASE_SECONDS = 20
    with time_machine.travel(T0, tick=False) as clock:
        queue(controller_a, 3)
        token, ids = claim_batch()
        assert len(ids) == 3
        assert set(Delivery.objects.values_list("lease_until", flat=True)) == {T0 + timedelta(seconds=20)}
        # The worker lives: every 5 s (a quarter lease) its heartbeat renews the lease, so a
        # message that takes a minute never lets another worker in.
        for beat in range(1, 13):
            clock.move_to(T0 + timedelta(seconds=5 * beat))
            assert _Claim(token).renew() == 3
            assert claim_batch()[1] == []
        last_beat = T0 + timedelta(seconds=60)
        assert set(Delivery.objects.values_list("claim", flat=True)) == {token}
        # The worker dies right after its last heartbeat: nobody renews any more.
        clock.move_to(last_beat + timedelta(seconds=20))
        assert claim_batch()[1] == []  # the lease runs to its very end
        clock.move_to(last_beat + timedelta(seconds=20, microseconds=1))
        theirs, taken = claim_batch()
        assert sorted(taken) == sorted(ids) and theirs != token  # 20 s after death: < 30 s
    assert set(Delivery.objects.values_list("claim", flat=True)) == {theirs}


@pytest.mark.django_db
def test_a_drain_that_finds_a_living_workers_batch_looks_again_when_its_lease_would_end(
        controller_a, settings):
    settings.ART28_DELIVERY_LEASE_SECONDS = 20
    with time_machine.travel(T0, tick=False) as clock:
        queue(controller_a, 2)
        DBTaskResult.objects.all().delete()
        claim_batch()  # another worker holds both
        assert drain() == 0
        assert list(_drains().values_list("run_after", flat=True)) == [T0 + timedelta(seconds=21)]
        # A second idle drain does not pile up another task for the same moment.
        clock.move_to(T0 + timedelta(seconds=3))
        assert drain() == 0 and _drains().count() == 1
    assert Delivery.objects.filter(status=DeliveryStatus.SENDING).count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_thread_renews_by_time_while_the_batch_is_delivered(controller_a, settings):
    settings.ART28_DELIVERY_LEASE_SECONDS = 1  # a beat every 0.25 s
    queue(controller_a, 2)
    token, ids = claim_batch()
    claim = _Claim(token)
    Delivery.objects.filter(pk__in=ids).update(lease_until=T0)  # long run out, unless renewed
    renewed = threading.Event()
    original = claim.renew

    def renew():
        n = original()
        if n:
            renewed.set()
        return n

    claim.renew = renew
    with _Heartbeat(claim):
        assert renewed.wait(timeout=30), "no heartbeat while the batch was held"
    leases = set(Delivery.objects.values_list("lease_until", flat=True))
    assert len(leases) == 1 and leases.pop() > T0


@pytest.mark.django_db
def test_a_fan_out_queues_one_drain_per_worker_and_drains_take_small_batches(controller_a, settings):
    settings.ART28_DELIVERY_WORKERS = 3
    DBTaskResult.objects.all().delete()
    queue(controller_a, 1)
    assert _drains().count() == 1
    DBTaskResult.objects.all().delete()
    Delivery.objects.all().delete()
    n = services.BATCH * 2 + 7
    queue(controller_a, n)
    assert _drains().count() == 3  # three workers, three batches: every worker has work
    first, a = claim_batch()
    second, b = claim_batch()
    third, c = claim_batch()
    assert [len(a), len(b), len(c)] == [services.BATCH, services.BATCH, 7]
    assert not set(a) & set(b) and not set(b) & set(c)
    assert claim_batch()[1] == []
    for token in (first, second, third):
        assert Delivery.objects.filter(claim=token).count() > 0


def test_the_number_of_drains_follows_the_workers_setting(settings):
    settings.ART28_DELIVERY_WORKERS = 6
    assert services._parallel_drains(0) == 1
    assert services._parallel_drains(services.BATCH) == 1
    assert services._parallel_drains(services.BATCH + 1) == 2
    assert services._parallel_drains(10_000) == 6
    settings.ART28_DELIVERY_WORKERS = 2
    assert services._parallel_drains(10_000) == 2
