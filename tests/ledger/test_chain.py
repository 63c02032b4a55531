import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from art28.ledger.models import Event
from art28.ledger.services import LedgerError, record_event, verify_chain


def _events(n):
    for i in range(n):
        with transaction.atomic():
            record_event(action="test.done", obj=("thing", i), acting_user="pytest", data={"i": i})


@pytest.mark.django_db
def test_it_chains_each_event_to_the_one_before():
    _events(3)
    events = list(Event.objects.order_by("seq"))
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[1].prev_hash == events[0].hash and events[2].prev_hash == events[1].hash
    assert verify_chain().ok and verify_chain().checked == 3


@pytest.mark.django_db
def test_it_finds_the_first_tampered_event():
    _events(5)
    Event.objects.filter(seq=3).update(data={"i": 999})
    result = verify_chain()
    assert not result.ok and result.broken_seq == 3 and result.checked == 2


@pytest.mark.django_db
def test_it_finds_a_deleted_event():
    _events(4)
    Event.objects.filter(seq=2).delete()
    assert verify_chain().broken_seq == 2


@pytest.mark.django_db
def test_it_finds_a_truncated_chain():
    _events(4)
    Event.objects.filter(seq=4).delete()
    result = verify_chain()
    assert not result.ok and result.broken_seq == 4


@pytest.mark.django_db(transaction=True)
def test_it_refuses_events_outside_a_transaction():
    with pytest.raises(LedgerError):
        record_event(action="x", obj=("thing", 1), acting_user=None)
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_it_verifies_from_the_command_line(capsys):
    _events(2)
    call_command("ledger_verify")
    assert "intact: 2 events" in capsys.readouterr().out
    Event.objects.filter(seq=2).update(actor_label="mallory")
    with pytest.raises(CommandError) as exc:
        call_command("ledger_verify")
    assert exc.value.returncode == 1 and "#2" in str(exc.value)
