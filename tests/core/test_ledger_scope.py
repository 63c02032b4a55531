"""The ledger scope: whose processor and controller an event concerns."""

from __future__ import annotations

from types import SimpleNamespace

from art28.core.ledger_scope import ledger_scope


def test_it_takes_parties_or_their_keys():
    processor, controller = SimpleNamespace(pk=3), SimpleNamespace(pk=7)
    assert ledger_scope(processor, controller) == {"processor_id": 3, "controller_id": 7}
    assert ledger_scope(3, 7) == {"processor_id": 3, "controller_id": 7}


def test_it_leaves_the_controller_empty_for_the_processor_alone():
    assert ledger_scope(SimpleNamespace(pk=3)) == {"processor_id": 3, "controller_id": None}
    assert ledger_scope() == {"processor_id": None, "controller_id": None}


def test_it_reads_both_from_an_agreement():
    agreement = SimpleNamespace(controller=SimpleNamespace(processor_id=3), controller_id=7)
    assert ledger_scope(agreement=agreement) == {"processor_id": 3, "controller_id": 7}


def test_it_files_an_event_under_the_agreement_in_the_ledger(make_agreement, controller_a):
    from art28.ledger.models import Event

    agreement = make_agreement(controller_a)
    event = Event.objects.filter(object_code=str(agreement.code)).latest("seq")
    assert (event.processor_id_ref, event.controller_id_ref) == \
        (controller_a.processor_id, controller_a.pk)
