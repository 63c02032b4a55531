"""Safe defaults of a breach's scope (issue 12, item 1): every agreement that uses an involved
sub-processor is included; a category mismatch is a note; leaving one out needs a reason."""

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from art28.breaches.models import AffectedAgreement
from art28.breaches.services import adjust_affected, open_incident, send_notices
from art28.ledger.models import Event
from tests.api.conftest import Api

NOW = "2026-03-02 10:00Z"


@pytest.fixture
def naw_incident(processor, subprocessor, admin_user):
    """Free-text categories that share no word with either agreement's."""
    return open_incident(processor=processor, acting_user=admin_user, subprocessors=[subprocessor],
                         facts={"title": "Backup bucket readable", "aware_at": timezone.now(),
                                "confidentiality": True, "data_categories": ["NAW-gegevens", "E-mailadres"]})


@pytest.mark.django_db
def test_it_includes_every_agreement_of_the_subprocessor_whatever_the_categories(naw_incident, agreements):
    rows = {r.agreement_id: r for r in naw_incident.affected.all()}
    assert set(rows) == {a.pk for a in agreements}
    assert all(r.included for r in rows.values())
    assert all(r.exclusion_reason == "" for r in rows.values())
    # The mismatch is a note for staff on the row, not a reason to leave it out.
    assert any("none of the data categories" in " ".join(r.reason_texts) for r in rows.values())


@pytest.mark.django_db
def test_it_refuses_to_leave_an_agreement_out_without_a_reason(naw_incident, admin_user, agreements):
    row = naw_incident.affected.get(agreement=agreements[1])
    for reason in ("", "   "):
        with pytest.raises(ValidationError):
            adjust_affected(incident=naw_incident, exclude={str(row.code): reason}, acting_user=admin_user)
    with pytest.raises(ValidationError):  # a bare list of codes carries no reason either
        adjust_affected(incident=naw_incident, exclude=[row.code], acting_user=admin_user)
    row.refresh_from_db()
    assert row.included and not Event.objects.filter(action="breach.affected_adjusted").exists()


@pytest.mark.django_db
def test_it_keeps_the_reason_with_the_row_and_in_the_ledger(naw_incident, admin_user, agreements):
    row = naw_incident.affected.get(agreement=agreements[1])
    adjust_affected(incident=naw_incident, exclude={str(row.code): "Only test data in this backup set"},
                    acting_user=admin_user)
    row.refresh_from_db()
    assert not row.included and row.exclusion_reason == "Only test data in this backup set"
    event = Event.objects.get(action="breach.affected_adjusted")
    assert event.data["exclusion_reasons"] == {str(row.code): "Only test data in this backup set"}
    # Sent: only the included controller; taking it back in clears the reason.
    sent = send_notices(incident=naw_incident, stage="initial", acting_user=admin_user)
    assert [n.affected.agreement_id for n in sent] == [agreements[0].pk]
    adjust_affected(incident=naw_incident, include=[row.code], acting_user=admin_user)
    row.refresh_from_db()
    assert row.included and row.exclusion_reason == ""


@pytest.mark.django_db
def test_it_asks_the_reason_on_the_web_form(client, login, admin_user, naw_incident, agreements):
    login(client, admin_user)
    a, b = (naw_incident.affected.get(agreement=x) for x in agreements)
    url = reverse("breaches:affected_adjust", args=[naw_incident.code])
    r = client.post(url, {"listed": [a.code, b.code], "include": [a.code]})
    assert r.status_code == 400
    assert AffectedAgreement.objects.get(pk=b.pk).included
    r = client.post(url, {"listed": [a.code, b.code], "include": [a.code],
                          f"reason-{b.code}": "Agreement B's data is not in this backup"})
    assert r.status_code == 302
    b.refresh_from_db()
    assert not b.included and b.exclusion_reason == "Agreement B's data is not in this backup"


@pytest.mark.django_db
def test_it_asks_the_reason_over_the_api(client, admin_user, naw_incident, agreements):
    api = Api(client)
    b = naw_incident.affected.get(agreement=agreements[1])
    url = f"/breaches/{naw_incident.code}/affected"
    r = api.post(url, as_=admin_user, json={"exclude": [str(b.code)]})
    assert r.status_code == 422, r.content
    assert r.json()["detail"][0]["loc"] == ["exclusion_reason"]
    b.refresh_from_db()
    assert b.included
    r = api.post(url, as_=admin_user, json={"exclude": [str(b.code)], "reason": "Not in this backup"})
    assert r.status_code == 200, r.content
    out = {x["code"]: x for x in r.json()}
    assert out[str(b.code)]["included"] is False
    assert out[str(b.code)]["exclusion_reason"] == "Not in this backup"


@pytest.mark.django_db
def test_it_shows_left_out_rows_apart_on_the_clock_list(client, login, admin_user, processor, subprocessor,
                                                       agreements):
    with time_machine.travel(NOW, tick=False):
        incident = open_incident(processor=processor, acting_user=admin_user, subprocessors=[subprocessor],
                                 facts={"title": "Bucket", "aware_at": timezone.now(),
                                        "data_categories": ["NAW-gegevens"]})
        b = incident.affected.get(agreement=agreements[1])
        adjust_affected(incident=incident, exclude={str(b.code): "Separate bucket, never exposed"},
                        acting_user=admin_user)
        login(client, admin_user)
        page = client.get(reverse("breaches:clock_dashboard")).content.decode()
    waiting, _sep, left_out = page.partition('id="left-out"')
    assert agreements[0].reference in waiting and agreements[1].reference not in waiting
    assert agreements[1].reference in left_out and "Separate bucket, never exposed" in left_out


@pytest.mark.django_db
def test_it_lists_left_out_rows_apart_over_the_api(client, admin_user, staff_a, naw_incident, agreements):
    api = Api(client)
    b = naw_incident.affected.get(agreement=agreements[1])
    adjust_affected(incident=naw_incident, exclude={str(b.code): "Separate bucket"}, acting_user=admin_user)
    assert [r["code"] for r in api.get("/breaches/clocks", as_=admin_user).json()] == [
        str(naw_incident.affected.get(agreement=agreements[0]).code)]
    left = api.get("/breaches/left-out", as_=admin_user).json()
    assert [(r["code"], r["exclusion_reason"]) for r in left] == [(str(b.code), "Separate bucket")]
    assert api.get("/breaches/left-out", as_=staff_a).json() == []  # B is not assigned to staff_a
