"""Who sees which notice: the portal inbox never shows what the processor tells its own staff.

Breach-deadline reminders and staff-only audit notices are processor-level notices: they
name no controller, the portal's list leaves them out and their page is a 404 for a
controller's user, while the staff they are meant for still get them.
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from art28.notices.access import portal_notice_for, portal_notices, staff_notices
from art28.notices.models import Audience, Notice, NoticeKind

TERMS = {"language": "nl", "breach": {"notice_hours": 24, "content": ["nature"]},
         "processing": {"data_categories": ["naam", "patiëntdossier"]}}
TITLE = "Intern: sleutel van de back-upkluis gelekt"


@pytest.fixture
def agreement_a(make_agreement, controller_a):
    return make_agreement(controller_a, state="signed", terms=TERMS)


@pytest.fixture
def reminder(agreement_a, processor, admin_user, staff_a):
    """An 80 % reminder to staff about an incident touching A, before any notice to A."""
    from art28.breaches.services import open_incident, send_reminders

    incident = open_incident(processor=processor, acting_user=admin_user,
                             facts={"title": TITLE, "aware_at": timezone.now() - timedelta(hours=20),
                                    "data_categories": ["patiëntdossier"], "confidentiality": True})
    assert incident.affected.count() == 1
    assert send_reminders() == 1
    return Notice.objects.get(kind=NoticeKind.BREACH_REMINDER)


@pytest.fixture
def audit_notice(agreement_a, user_a):
    from art28.requests.services import audits

    start = date.today() + timedelta(days=60)
    audit = audits.request_audit(agreement=agreement_a, scope_text="Hosting platform", starts_on=start,
                                 ends_on=start, auditor="Audit & Co", acting_user=user_a)
    return Notice.objects.get(about_code=f"{audit.code}:requested")


@pytest.mark.django_db
def test_it_stores_staff_reminders_for_the_processor_and_no_controller(reminder, processor):
    assert reminder.audience == Audience.PROCESSOR
    assert reminder.controller is None and reminder.processor == processor
    assert "staff_a@example.test" in set(reminder.deliveries.values_list("recipient", flat=True))


@pytest.mark.django_db
def test_it_keeps_staff_reminders_out_of_the_portal(client, login, user_a, reminder, controller_a):
    mine = set(Notice.objects.filter(controller=controller_a, audience=Audience.CONTROLLER))
    assert mine  # the invitation to sign and the signed agreement
    own = next(iter(mine))
    login(client, user_a)
    page = client.get(reverse("notices:portal_notices"))
    assert page.status_code == 200
    assert set(page.context["page"]) == mine
    body = page.content.decode()
    assert TITLE not in body and reminder.subject not in body and own.subject in body
    assert client.get(reverse("notices:portal_notice", args=[reminder.code])).status_code == 404
    assert client.get(reverse("notices:portal_notice", args=[own.code])).status_code == 200


@pytest.mark.django_db
def test_it_keeps_staff_only_audit_notices_out_of_the_portal(client, login, user_a, audit_notice):
    assert audit_notice.audience == Audience.PROCESSOR and audit_notice.controller is None
    login(client, user_a)
    body = client.get(reverse("notices:portal_notices")).content.decode()
    assert audit_notice.subject not in body and audit_notice.link not in body
    assert client.get(reverse("notices:portal_notice", args=[audit_notice.code])).status_code == 404
    assert audit_notice not in portal_notices(user_a)


@pytest.mark.django_db
def test_it_still_gives_staff_their_notices(reminder, audit_notice, admin_user, staff_a, staff_none,
                                            user_a, controller_a):
    assert {reminder, audit_notice} <= set(staff_notices(admin_user))
    assert reminder in staff_notices(staff_a)  # addressed to the staff assigned to A
    assert audit_notice in staff_notices(staff_a)  # issue 12: audit requests reach the assigned staff
    assert not staff_notices(staff_none).filter(pk__in=[reminder.pk, audit_notice.pk]).exists()
    assert not staff_notices(user_a).exists()
    assert set(staff_notices(staff_a).filter(controller=controller_a)) == set(
        Notice.objects.filter(controller=controller_a))


@pytest.mark.django_db
def test_it_gives_404_for_another_organisations_notice(client, login, user_b, user_a, reminder,
                                                       controller_a):
    own_a = Notice.objects.filter(controller=controller_a).first()
    login(client, user_b)
    assert client.get(reverse("notices:portal_notice", args=[own_a.code])).status_code == 404
    assert portal_notice_for(user_a, own_a.code) == own_a


@pytest.mark.django_db
def test_it_counts_processor_level_deliveries_on_the_staff_dashboard(client, login, admin_user, reminder):
    from art28.notices.models import Delivery

    assert reminder.deliveries.exists()
    login(client, admin_user)
    response = client.get(reverse("obligations:staff_dashboard"))
    # Every delivery of this processor, the staff-only ones with no controller included.
    assert response.context["pending_deliveries"] == Delivery.objects.filter(status="pending").count()


@pytest.mark.django_db
@pytest.mark.parametrize("language, more", [("en", "more than"), ("nl", "meer dan")])
def test_the_dashboard_says_more_than_the_cap_of_waiting_deliveries(client, login, admin_user, reminder,
                                                                    monkeypatch, language, more):
    from art28.notices.models import Delivery

    waiting = Delivery.objects.filter(status="pending").count()
    assert waiting >= 2
    login(client, admin_user)
    client.cookies["django_language"] = language
    monkeypatch.setattr("art28.obligations.views.DELIVERY_COUNT_CAP", waiting)
    response = client.get(reverse("obligations:staff_dashboard"))
    assert response.context["pending_deliveries"] == waiting
    assert f">{waiting}</span>" in response.content.decode() and more not in response.content.decode()
    # One fewer allowed than there are: counting stops past the cap and the tile says so.
    monkeypatch.setattr("art28.obligations.views.DELIVERY_COUNT_CAP", waiting - 1)
    response = client.get(reverse("obligations:staff_dashboard"))
    assert response.context["pending_deliveries"] == waiting
    assert f">{more} {waiting - 1}</span>" in response.content.decode()
