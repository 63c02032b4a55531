"""The outbox: queued in the transaction, delivered by the worker over real SMTP."""

from datetime import timedelta

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from art28.notices.models import Delivery, DeliveryStatus, Notice
from art28.notices.services import About, drain, queue_notice


def _queue(controller, recipients=("a@x.example",), code="v1"):
    with transaction.atomic():
        return queue_notice(controller=controller, kind="agreement_signed", about=About("test", code),
                            template="agreement_signed", recipients=list(recipients),
                            link="http://testserver/p", context={"processor": "Wolkenrand",
                                                                 "reference": "DPA-1", "version": 1})


@pytest.mark.django_db(transaction=True)
def test_it_delivers_each_recipient_once_over_smtp(controller_a, smtp_server):
    notice = _queue(controller_a, recipients=["a@x.example", "A@x.example ", "b@x.example"])
    assert notice.deliveries.count() == 2
    assert drain() == 2 and drain() == 0
    assert sorted(m["to"][0] for m in smtp_server.messages) == ["a@x.example", "b@x.example"]
    mail = smtp_server.to("a@x.example")[0]
    assert "DPA-1" in mail["subject"] and "http://testserver/p" in mail["text"]
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


@pytest.mark.django_db(transaction=True)
def test_it_keeps_nothing_when_the_transaction_rolls_back(controller_a):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_notice(controller=controller_a, kind="agreement_signed", about=About("t", "1"),
                     template="agreement_signed", recipients=["a@x.example"],
                     context={"reference": "X"})
        raise RuntimeError("the state change failed")
    assert not Notice.objects.exists() and not Delivery.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_it_waits_and_retries_with_backoff_while_smtp_is_down(controller_a, smtp_server, settings):
    smtp_server.stop()
    _queue(controller_a)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert drain() == 0
        d = Delivery.objects.get()
        assert d.status == DeliveryStatus.PENDING and d.attempts == 1 and d.last_error
        backoff = timedelta(seconds=settings.ART28_DELIVERY_BACKOFF_SECONDS)
        assert d.next_attempt_at == timezone.now() + backoff
        assert drain() == 0 and Delivery.objects.get().attempts == 1  # not due yet
        smtp_server.start()
        clock.shift(timedelta(seconds=settings.ART28_DELIVERY_BACKOFF_SECONDS + 1))
        assert drain() == 1
    assert Delivery.objects.get().status == DeliveryStatus.SENT
    assert len(smtp_server.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_it_marks_failed_after_the_last_attempt(controller_a, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    settings.ART28_DELIVERY_MAX_ATTEMPTS = 2
    _queue(controller_a)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        drain()
        clock.shift(timedelta(hours=2))
        drain()
    d = Delivery.objects.get()
    assert d.status == DeliveryStatus.FAILED and d.attempts == 2


@pytest.mark.django_db(transaction=True)
def test_it_reclaims_a_delivery_a_dead_worker_left_sending(controller_a, smtp_server):
    _queue(controller_a)
    past = timezone.now() - timedelta(seconds=1)
    Delivery.objects.update(status=DeliveryStatus.SENDING, lease_until=past)
    assert drain() == 1 and len(smtp_server.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_it_does_not_touch_a_delivery_another_worker_holds(controller_a, smtp_server):
    _queue(controller_a)
    Delivery.objects.update(status=DeliveryStatus.SENDING, lease_until=timezone.now() + timedelta(minutes=1))
    assert drain() == 0 and smtp_server.messages == []


@pytest.mark.django_db(transaction=True)
def test_it_queues_a_fan_out_in_bulk_in_each_language(make_controller, smtp_server):
    from django_tasks_db.models import DBTaskResult

    from art28.notices.services import NoticeDraft, queue_notices

    controllers = [make_controller(language=lang) for lang in ("nl", "en") * 3]
    drafts = [NoticeDraft(controller=c, kind="agreement_signed", about=About("t", str(c.code)),
                          template="agreement_signed", recipients=[f"x{i}@x.example", f"X{i}@x.example"],
                          context={"reference": f"DPA-{i}", "processor": "P", "version": 1})
              for i, c in enumerate(controllers)]
    with transaction.atomic():
        notices = queue_notices(drafts)
    assert [n.language for n in notices] == ["nl", "en"] * 3
    assert "ondertekend" in notices[0].subject and "signed" in notices[1].subject
    assert Delivery.objects.count() == 6 and DBTaskResult.objects.count() == 1
    assert drain() == 6 and len(smtp_server.messages) == 6


def test_it_spreads_a_large_fan_out_over_several_drains(settings):
    from art28.notices.services import BATCH, _parallel_drains

    settings.ART28_DELIVERY_WORKERS = 4
    assert _parallel_drains(1) == 1 and _parallel_drains(BATCH) == 1
    assert _parallel_drains(BATCH + 1) == 2 and _parallel_drains(10_000) == 4
