"""Need-to-know inside one incident: staff act only on the rows of controllers assigned to them.

The cast: staff_a is assigned to controller A only; the incident touches A and B. Over the
web form, the API and the services, staff_a may list, change, exclude and notify A's row,
and never B's: B's row stays included and unnotified, B gets no notice, and no answer names
B. The processor's admin still reaches both.
"""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from art28.breaches.models import AffectedAgreement, IncidentNotice
from art28.breaches.services import adjust_affected, send_notices
from art28.notices.models import Delivery, Notice
from art28.notices.services import drain
from tests.api.conftest import Api


@pytest.fixture
def api(client, db):
    return Api(client)


@pytest.fixture
def rows(incident, agreements):
    """A's and B's rows of the incident, both included and waiting for their first notice."""
    a = incident.affected.get(agreement=agreements[0])
    b = incident.affected.get(agreement=agreements[1])
    assert a.included and b.included and not a.notified_at and not b.notified_at
    return a, b


def _b_marks(b_row):
    b = b_row.agreement
    return [b.controller.name, str(b.controller.code), b.reference, str(b.code), str(b_row.code)]


def assert_no_b(body, b_row):
    text = body if isinstance(body, str) else body.decode()
    for mark in _b_marks(b_row):
        assert mark not in text, f"{mark!r} of controller B leaked"


def assert_b_untouched(b_row):
    fresh = AffectedAgreement.objects.get(pk=b_row.pk)
    assert fresh.included and fresh.notified_at is None
    assert not IncidentNotice.objects.filter(affected=fresh).exists()
    controller = b_row.agreement.controller
    assert not Notice.objects.filter(controller=controller, kind="breach_notice").exists()
    emails = set(controller.contacts.values_list("email", flat=True))
    assert not Delivery.objects.filter(notice__kind="breach_notice", recipient__in=emails).exists()
    drain()
    assert not any(set(m.to) & emails for m in mail.outbox)


# --- API ------------------------------------------------------------------------------

@pytest.mark.django_db
def test_it_lists_only_visible_rows_when_the_api_adjust_gets_an_empty_body(api, staff_a, incident, rows):
    a, b = rows
    r = api.post(f"/breaches/{incident.code}/affected", as_=staff_a, json={})
    assert r.status_code == 200, r.content
    assert [row["code"] for row in r.json()] == [str(a.code)]
    assert_no_b(r.content, b)


@pytest.mark.django_db
def test_it_refuses_to_exclude_another_controllers_row_over_the_api(api, staff_a, incident, rows):
    a, b = rows
    r = api.post(f"/breaches/{incident.code}/affected", as_=staff_a,
                 json={"exclude": [str(b.code)], "include": [str(a.code)]})
    assert r.status_code == 422
    assert_no_b(r.content, b)
    assert_b_untouched(b)


@pytest.mark.django_db
def test_it_refuses_to_include_another_controllers_row_over_the_api(api, admin_user, staff_a, incident, rows):
    a, b = rows
    adjust_affected(incident=incident, exclude={str(b.code): "Other bucket"}, acting_user=admin_user)
    r = api.post(f"/breaches/{incident.code}/affected", as_=staff_a, json={"include": [str(b.code)]})
    assert r.status_code == 422
    assert not AffectedAgreement.objects.get(pk=b.pk).included


@pytest.mark.django_db
def test_it_notifies_only_visible_controllers_over_the_api(api, staff_a, incident, rows):
    a, b = rows
    r = api.post(f"/breaches/{incident.code}/notices", as_=staff_a, json={"stage": "initial"})
    assert r.status_code == 201, r.content
    assert [n["affected"] for n in r.json()] == [str(a.code)]
    assert AffectedAgreement.objects.get(pk=a.pk).notified_at is not None
    assert_no_b(r.content, b)
    assert_b_untouched(b)


@pytest.mark.django_db
def test_it_refuses_a_notice_to_another_controllers_row_over_the_api(api, staff_a, incident, rows):
    a, b = rows
    r = api.post(f"/breaches/{incident.code}/notices", as_=staff_a,
                 json={"stage": "initial", "affected": [str(b.code)]})
    assert r.status_code == 422
    assert_no_b(r.content, b)
    assert_b_untouched(b)
    assert AffectedAgreement.objects.get(pk=a.pk).notified_at is None


@pytest.mark.django_db
def test_it_reads_only_visible_rows_over_the_api(api, staff_a, admin_user, incident, rows):
    a, b = rows
    for path in (f"/breaches/{incident.code}/affected", "/breaches/clocks"):
        r = api.get(path, as_=staff_a)
        listed = r.json()["items"] if path.endswith("/affected") else r.json()
        assert r.status_code == 200 and [row["code"] for row in listed] == [str(a.code)]
        assert_no_b(r.content, b)
    send_notices(incident=incident, stage="initial", acting_user=admin_user)  # A and B notified
    r = api.get(f"/breaches/{incident.code}/notices", as_=staff_a)
    assert [n["affected"] for n in r.json()["items"]] == [str(a.code)] and r.json()["count"] == 1
    assert_no_b(r.content, b)
    assert api.get(f"/breaches/{incident.code}/notices", as_=admin_user).json()["count"] == 2


# --- web ------------------------------------------------------------------------------

@pytest.mark.django_db
def test_it_refuses_to_exclude_another_controllers_row_from_the_form(client, login, staff_a, incident, rows):
    a, b = rows
    login(client, staff_a)
    r = client.post(reverse("breaches:affected_adjust", args=[incident.code]),
                    {"listed": [str(a.code), str(b.code)], "include": [str(a.code)]})
    assert r.status_code == 400
    assert_no_b(r.content, b)
    assert_b_untouched(b)


@pytest.mark.django_db
def test_it_changes_only_visible_rows_from_the_form(client, login, staff_a, incident, rows):
    a, b = rows
    login(client, staff_a)
    r = client.post(reverse("breaches:affected_adjust", args=[incident.code]),
                    {"listed": [str(a.code)], f"reason-{a.code}": "Other bucket"})
    assert r.status_code == 302
    assert not AffectedAgreement.objects.get(pk=a.pk).included
    assert_b_untouched(b)


@pytest.mark.django_db
def test_it_notifies_only_visible_controllers_from_the_form(client, login, staff_a, incident, rows):
    a, b = rows
    login(client, staff_a)
    r = client.post(reverse("breaches:notices_send", args=[incident.code]),
                    {"stage": "initial", "confirm": "1"}, follow=True)
    assert r.status_code == 200
    assert AffectedAgreement.objects.get(pk=a.pk).notified_at is not None
    assert_no_b(r.content, b)
    assert_b_untouched(b)


@pytest.mark.django_db
def test_it_shows_only_visible_rows_on_the_pages(client, login, staff_a, incident, rows):
    a, b = rows
    login(client, staff_a)
    for url in (reverse("breaches:incident_detail", args=[incident.code]) + "?tab=affected",
                reverse("breaches:incident_detail", args=[incident.code]) + "?tab=notices",
                reverse("breaches:clock_dashboard")):
        r = client.get(url)
        assert r.status_code == 200 and a.agreement.reference in r.content.decode()
        assert_no_b(r.content, b)


# --- services and the admin -----------------------------------------------------------

@pytest.mark.django_db
def test_it_restricts_the_services_to_the_acting_user(staff_a, incident, rows):
    a, b = rows
    with pytest.raises(ValidationError):
        adjust_affected(incident=incident, exclude=[b.code], acting_user=staff_a)
    with pytest.raises(ValidationError):
        send_notices(incident=incident, stage="initial", affected_codes=[str(b.code)], acting_user=staff_a)
    assert [r.pk for r in adjust_affected(incident=incident, acting_user=staff_a)] == [a.pk]
    sent = send_notices(incident=incident, stage="initial", acting_user=staff_a)
    assert [n.affected_id for n in sent] == [a.pk]
    assert_b_untouched(b)


@pytest.mark.django_db
def test_it_leaves_b_for_the_admin_after_staff_notified_a(api, staff_a, admin_user, incident, rows):
    a, b = rows
    api.post(f"/breaches/{incident.code}/notices", as_=staff_a, json={"stage": "initial"})
    clocks = api.get("/breaches/clocks", as_=admin_user).json()
    assert [c["code"] for c in clocks] == [str(b.code)]  # B's clock still runs for the admin
    r = api.post(f"/breaches/{incident.code}/notices", as_=admin_user, json={"stage": "initial"})
    assert [n["affected"] for n in r.json()] == [str(b.code)]
    assert AffectedAgreement.objects.get(pk=b.pk).notified_at is not None


@pytest.mark.django_db
def test_it_refuses_staff_a_decision_that_would_stop_bs_clock(api, client, login, staff_a, admin_user,
                                                              incident, rows):
    a, b = rows
    reasoning = {"reasoning": "Only test data was in the bucket, no personal data at all."}
    r = api.post(f"/breaches/{incident.code}/no-notice", as_=staff_a, json=reasoning)
    assert r.status_code == 422
    assert_no_b(r.content, b)
    login(client, staff_a)
    r = client.post(reverse("breaches:incident_no_notice", args=[incident.code]), reasoning)
    assert r.status_code == 400
    incident.refresh_from_db()
    assert incident.decision == "undecided" and incident.is_open
    # The admin's clocks still show B, and the admin may decide.
    clocks = api.get("/breaches/clocks", as_=admin_user).json()
    assert {c["code"] for c in clocks} == {str(a.code), str(b.code)}
    assert api.post(f"/breaches/{incident.code}/no-notice", as_=admin_user, json=reasoning).status_code == 200


@pytest.mark.django_db
def test_it_counts_only_visible_controllers_in_the_register(api, staff_a, admin_user, incident, rows):
    a, b = rows
    send_notices(incident=incident, stage="initial", affected_codes=[str(a.code)], acting_user=admin_user)
    staff_csv = api.get("/breaches/register.csv", as_=staff_a).getvalue().decode()
    admin_csv = api.get("/breaches/register.csv", as_=admin_user).getvalue().decode()
    assert "1/1 · 0" in staff_csv and "1/2 · 0" in admin_csv
    assert_no_b(staff_csv, b)
