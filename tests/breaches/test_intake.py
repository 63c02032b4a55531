"""Intake in phases; bad input refused with nothing half-saved."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from art28.breaches.models import AffectedAgreement, Incident, IncidentNotice
from art28.breaches.services import (
    close_incident,
    open_incident,
    record_no_notice,
    send_notices,
    update_incident,
)
from art28.ledger.models import Event
from art28.notices.models import Delivery, Notice
from tests.conftest import row_counts


def counts():
    return row_counts(Incident, AffectedAgreement, IncidentNotice, Notice, Delivery, Event)


@pytest.mark.django_db
def test_it_opens_with_little_known_and_completes_in_phases(processor, subprocessor, admin_user):
    incident = open_incident(processor=processor, acting_user=admin_user,
                             facts={"title": "Laptop stolen", "aware_at": timezone.now()})
    assert incident.reference.startswith("BR-") and incident.is_open and incident.description == ""
    update_incident(incident=incident, acting_user=admin_user, subprocessors=[subprocessor],
                    facts={"description": "Unencrypted laptop stolen from a car.", "confidentiality": True,
                           "subjects_approx": 120, "data_categories": "naam\ne-mailadres\n"})
    incident.refresh_from_db()
    assert incident.data_categories == ["naam", "e-mailadres"] and incident.subjects_approx == 120
    assert incident.affected.count() == 2  # the sub-processor brought in both agreements
    actions = list(Event.objects.filter(object_code=str(incident.code)).values_list("action", flat=True))
    assert actions == ["breach.opened", "breach.updated"]
    changed = Event.objects.get(action="breach.updated").data["changed"]
    assert set(changed) >= {"description", "subjects_approx", "subprocessors"}


@pytest.mark.django_db
@pytest.mark.parametrize(("facts", "field"), [
    ({"title": "x", "aware_at": "later"}, "aware_at"),
    ({"title": "x", "subjects_approx": -1}, "subjects_approx"),
    ({"title": "x", "records_approx": -5}, "records_approx"),
    ({"title": "x", "colour": "red"}, "colour"),
    ({"title": "", }, "title"),
    ({"title": "x", "occurred_at": "future"}, "occurred_at"),
    ({"title": "x", "occurred_at": "after-aware"}, "aware_at"),
    ({"title": "x", "subprocessor_aware_at": "after-report", "subprocessor_reported_at": "now"},
     "subprocessor_reported_at"),
])
def test_it_refuses_bad_input_and_saves_nothing(processor, subprocessor, admin_user, facts, field):
    now = timezone.now()
    moments = {"later": now + timedelta(hours=1), "future": now + timedelta(days=1),
               "after-aware": now - timedelta(minutes=1), "after-report": now - timedelta(minutes=5),
               "now": now - timedelta(minutes=10)}
    facts = {k: moments.get(v, v) if isinstance(v, str) else v for k, v in facts.items()}
    facts.setdefault("aware_at", now - timedelta(hours=1))
    before = counts()
    with pytest.raises(ValidationError) as exc:
        open_incident(processor=processor, acting_user=admin_user, facts=facts, subprocessors=[subprocessor])
    assert field in exc.value.message_dict
    assert counts() == before


@pytest.mark.django_db
def test_it_refuses_awareness_in_the_future_on_update_too(incident, admin_user):
    before, aware = counts(), incident.aware_at
    with pytest.raises(ValidationError):
        update_incident(incident=incident, acting_user=admin_user,
                        facts={"aware_at": timezone.now() + timedelta(hours=2), "description": "new"})
    incident.refresh_from_db()
    assert counts() == before and incident.aware_at == aware and incident.description != "new"


@pytest.mark.django_db
def test_it_refuses_notices_for_an_incident_touching_no_agreement(processor, admin_user, agreements):
    incident = open_incident(processor=processor, acting_user=admin_user,
                             facts={"title": "Phishing mail to staff", "aware_at": timezone.now()})
    before = counts()
    with pytest.raises(ValidationError, match="(?i)no agreement|geen overeenkomst"):
        send_notices(incident=incident, stage="initial", acting_user=admin_user)
    assert counts() == before
    record_no_notice(incident=incident, acting_user=admin_user,
                     reasoning="No personal data of clients was involved; only our own mailbox.")
    closed = close_incident(incident=incident, acting_user=admin_user, reasoning="Mailbox cleaned, done.")
    assert closed.status == "closed" and "No personal data" in closed.decision_reasoning


@pytest.mark.django_db
def test_it_refuses_a_follow_up_on_a_closed_incident(incident, admin_user):
    send_notices(incident=incident, stage="initial", acting_user=admin_user)
    close_incident(incident=incident, acting_user=admin_user, reasoning="All facts reported, closed.")
    before = counts()
    with pytest.raises(ValidationError):
        send_notices(incident=incident, stage="follow_up", acting_user=admin_user)
    with pytest.raises(ValidationError):
        update_incident(incident=incident, acting_user=admin_user, facts={"description": "more"})
    assert counts() == before


@pytest.mark.django_db
def test_it_refuses_a_follow_up_before_the_initial_notice(incident, admin_user):
    with pytest.raises(ValidationError):
        send_notices(incident=incident, stage="follow_up", acting_user=admin_user)
    with pytest.raises(ValidationError):
        close_incident(incident=incident, acting_user=admin_user, reasoning="Trying to close early.")
