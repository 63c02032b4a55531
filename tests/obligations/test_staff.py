"""Staff console: dashboard, the processor's profile, the ledger."""

from __future__ import annotations

import pytest
from django.urls import reverse

from art28.ledger.models import Event
from art28.notices.models import Delivery, DeliveryStatus
from tests.web.test_ledger_page import verify

pytestmark = pytest.mark.django_db

PROFILE = {"name": "Wolkenrand Hosting B.V.", "address": "Keizersgracht 1001",
           "postcode": "1017 AB", "city": "Amsterdam", "country": "NL", "kvk": "87654321",
           "language": "nl", "default_notice_hours": "24"}


def test_it_counts_on_the_dashboard(client, login, staff_a, controller_a, controller_b,
                                    make_agreement, user_a):
    user_a.email = controller_a.signatories().get().email  # a login: the notice is A's own
    user_a.save()
    make_agreement(controller_a, state="sent")
    make_agreement(controller_a)
    make_agreement(controller_b, state="sent")  # not assigned: not counted
    Delivery.objects.filter(notice__controller=controller_a).update(status=DeliveryStatus.FAILED)
    login(client, staff_a)
    ctx = client.get(reverse("web:staff_dashboard")).context
    assert ctx["controller_count"] == 1
    assert {v: n for v, _, n in ctx["by_status"]}["sent"] == 1
    assert {v: n for v, _, n in ctx["by_status"]}["draft"] == 1
    assert ctx["failed_deliveries"] == 1 and ctx["pending_deliveries"] == 0


def test_it_edits_the_processor_profile(client, login, admin_user, processor, actions):
    login(client, admin_user)
    client.post(reverse("web:processor_edit"), {**PROFILE, "city": "Haarlem"})
    processor.refresh_from_db()
    assert processor.city == "Haarlem" and processor.default_notice_hours == 24
    assert actions()[-1] == "processor.updated"


@pytest.mark.parametrize(("field", "value"), [("default_notice_hours", "73"),
                                              ("default_notice_hours", "0"), ("kvk", "12ab")])
def test_it_refuses_a_bad_profile(client, login, admin_user, processor, field, value):
    login(client, admin_user)
    response = client.post(reverse("web:processor_edit"), {**PROFILE, field: value})
    assert response.context["form"].errors[field]
    processor.refresh_from_db()
    assert processor.default_notice_hours == 48


def test_only_admins_edit_the_profile(client, login, staff_a, staff_readonly, processor):
    for user in (staff_a, staff_readonly):
        login(client, user)
        assert client.post(reverse("web:processor_edit"),
                           {**PROFILE, "city": "Elders"}).status_code == 403
    processor.refresh_from_db()
    assert processor.city == "Amsterdam"


def test_controller_users_get_404_in_the_console(client, login, user_a):
    login(client, user_a)
    for name in ("staff_dashboard", "processor_edit", "ledger", "agreement_list"):
        assert client.get(reverse(f"web:{name}")).status_code == 404


def test_it_shows_and_verifies_the_ledger(client, login, admin_user, controller_a, make_agreement):
    make_agreement(controller_a, state="sent")
    login(client, admin_user)
    response = verify(client)
    assert response.context["result"].ok
    assert "agreement.sent" in response.content.decode()


def test_it_reports_a_broken_chain(client, login, admin_user, controller_a, make_agreement):
    make_agreement(controller_a)
    event = Event.objects.order_by("seq").first()
    Event.objects.filter(pk=event.pk).update(data={"tampered": True})
    login(client, admin_user)
    result = verify(client).context["result"]
    assert not result.ok and result.broken_seq == event.seq


def test_only_admins_see_the_ledger(client, login, staff_a):
    login(client, staff_a)
    assert client.get(reverse("web:ledger")).status_code == 403


def test_the_profile_page_edits_the_contact_person_privacy_contact_and_breach_desk(
        client, login, admin_user, processor, controller_a, make_agreement, actions):
    draft = make_agreement(controller_a).latest
    login(client, admin_user)
    client.cookies["django_language"] = "nl"
    page = client.get(reverse("web:processor_edit")).content.decode()
    assert "Meldpunt datalekken" in page and 'value="Iris de Vries"' in page
    response = client.post(reverse("web:processor_edit"), {
        **PROFILE, "contact_name": "Iris de Vries", "contact_function": "Directeur",
        "contact_email": "iris@wolkenrand.example", "privacy_name": "Femke Dijkstra",
        "privacy_email": "privacy@wolkenrand.example", "breach_email": "datalek@wolkenrand.example",
        "breach_phone": "+31 20 555 0199"})
    assert response.status_code == 302
    processor.refresh_from_db()
    assert processor.breach_desk_phone == "+31 20 555 0199"
    assert processor.privacy_contact().email == "privacy@wolkenrand.example"
    assert processor.contact_person().function == "Directeur"
    assert actions()[-1] == "processor.updated"
    draft.refresh_from_db()
    assert draft.terms["processor"]["breach_desk"]["email"] == "datalek@wolkenrand.example"
    assert draft.terms["processor"]["privacy_contact"]["name"] == "Femke Dijkstra"
