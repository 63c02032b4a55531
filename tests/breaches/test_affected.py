"""Affected agreements: derived from sub-processors, services and data categories; reviewed."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from art28.breaches.services import adjust_affected, open_incident, send_notices
from art28.ledger.models import Event


@pytest.mark.django_db
def test_it_derives_agreements_from_the_subprocessor(incident, agreements):
    rows = {r.agreement_id: r for r in incident.affected.all()}
    assert set(rows) == {a.pk for a in agreements}
    assert all("Backupkluis GmbH" in " ".join(r.reason_texts) for r in rows.values())


@pytest.mark.django_db
def test_it_derives_agreements_from_a_service(processor, admin_user, agreements):
    incident = open_incident(processor=processor, acting_user=admin_user,
                             facts={"title": "Analytics outage", "aware_at": timezone.now(),
                                    "services": ["Analytics platform"], "availability": True})
    assert [r.agreement for r in incident.affected.all()] == [agreements[1]]


@pytest.mark.django_db
def test_it_derives_from_data_categories_alone(processor, admin_user, agreements):
    incident = open_incident(processor=processor, acting_user=admin_user,
                             facts={"title": "Medical export", "aware_at": timezone.now(),
                                    "data_categories": ["medische gegevens"]})
    assert [r.agreement for r in incident.affected.all()] == [agreements[0]]


@pytest.mark.django_db
def test_it_includes_and_notes_agreements_without_the_data_involved(processor, subprocessor,
                                                                       admin_user, agreements):
    incident = open_incident(processor=processor, acting_user=admin_user, subprocessors=[subprocessor],
                             facts={"title": "Medical export", "aware_at": timezone.now(),
                                    "data_categories": ["medische gegevens"]})
    rows = {r.agreement_id: r for r in incident.affected.all()}
    # A mismatch of free-text categories is a note for staff, never a silent exclusion.
    assert rows[agreements[0].pk].included and rows[agreements[1].pk].included
    assert len(rows[agreements[1].pk].reasons) == 2  # why it came up, and the note to check it


@pytest.mark.django_db
def test_it_lets_staff_leave_out_and_add_before_notices(incident, admin_user, agreements, make_controller,
                                                        make_agreement):
    b = incident.affected.get(agreement=agreements[1])
    other = make_agreement(make_controller("Bakkerij De Korst"), state="signed")
    adjust_affected(incident=incident, exclude={str(b.code): "Its data is in another bucket"}, add=[other],
                    acting_user=admin_user)
    rows = {r.agreement_id: r for r in incident.affected.all()}
    assert not rows[agreements[1].pk].included and rows[other.pk].added_by_staff
    sent = send_notices(incident=incident, stage="initial", acting_user=admin_user)
    assert {n.affected.agreement_id for n in sent} == {agreements[0].pk, other.pk}
    assert Event.objects.filter(action="breach.affected_adjusted").exists()
    with pytest.raises(ValidationError):  # notified controllers cannot be taken out afterwards
        adjust_affected(incident=incident, exclude=[rows[other.pk].code], acting_user=admin_user)
