"""Staff and portal views: each works, read-only is denied, an outsider gets 404."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from art28.breaches.models import Incident, IncidentNotice, SeverityAssessment
from art28.breaches.services import send_notices
from art28.ledger.models import Event
from art28.notices.models import Notice


def _aware():
    return (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")


@pytest.mark.django_db
def test_it_records_an_incident_from_the_form(client, login, staff_a, subprocessor):
    login(client, staff_a)
    assert client.get(reverse("breaches:incident_create")).status_code == 200
    r = client.post(reverse("breaches:incident_create"), {
        "title": "Backups exposed", "aware_at": _aware(), "subprocessors": [subprocessor.pk],
        "confidentiality": "on", "data_categories": "naam\ne-mail", "subjects_approx": "12"})
    incident = Incident.objects.get()
    assert r.status_code == 302 and r["Location"].endswith(f"/breaches/{incident.code}/")
    assert incident.data_categories == ["naam", "e-mail"] and incident.handler == staff_a
    page = client.get(r["Location"]).content.decode()
    assert incident.reference in page and "Backupkluis GmbH" in page


@pytest.mark.django_db
def test_it_shows_bad_input_on_the_form_and_saves_nothing(client, login, staff_a, subprocessor):
    login(client, staff_a)
    future = (timezone.localtime() + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    r = client.post(reverse("breaches:incident_create"), {"title": "x", "aware_at": future,
                                                          "subjects_approx": "-3"})
    assert r.status_code == 400 and not Incident.objects.exists()


@pytest.mark.django_db
def test_it_denies_read_only_staff(client, login, staff_readonly, incident):
    login(client, staff_readonly)
    assert client.get(reverse("breaches:incident_detail", args=[incident.code])).status_code == 200
    r = client.post(reverse("breaches:incident_create"), {"title": "x", "aware_at": _aware()})
    assert r.status_code == 403
    r = client.post(reverse("breaches:notices_send", args=[incident.code]), {"stage": "initial"})
    assert r.status_code == 403 and not IncidentNotice.objects.exists()


@pytest.mark.django_db
def test_it_hides_incidents_from_outsiders(client, login, staff_none, user_b, incident):
    login(client, staff_none)
    assert client.get(reverse("breaches:incident_detail", args=[incident.code])).status_code == 404
    assert client.post(reverse("breaches:notices_send", args=[incident.code]),
                       {"stage": "initial"}).status_code == 404
    login(client, user_b)
    assert client.get(reverse("breaches:incident_detail", args=[incident.code])).status_code == 404
    assert client.get(reverse("breaches:incident_list")).status_code == 404


@pytest.mark.django_db
def test_it_reviews_and_notifies_from_the_detail_page(client, login, admin_user, incident, agreements):
    login(client, admin_user)
    rows = {r.agreement_id: r for r in incident.affected.all()}
    a, b = rows[agreements[0].pk], rows[agreements[1].pk]
    r = client.post(reverse("breaches:affected_adjust", args=[incident.code]),
                    {"listed": [a.code, b.code], "include": [a.code], f"reason-{b.code}": "Other bucket"})
    assert r.status_code == 302
    r = client.post(reverse("breaches:notices_send", args=[incident.code]),
                    {"stage": "initial", "confirm": "1"})
    assert r.status_code == 302
    assert [n.affected_id for n in IncidentNotice.objects.all()] == [a.pk]
    r = client.post(reverse("breaches:incident_close", args=[incident.code]), {"reasoning": "x"})
    assert r.status_code == 400  # reasoning too short: nothing changes
    assert Incident.objects.get().is_open


@pytest.mark.django_db
def test_it_shows_open_clocks_with_overdue_in_red(client, login, admin_user, incident):
    login(client, admin_user)
    from art28.breaches.models import AffectedAgreement

    AffectedAgreement.objects.filter(notice_hours=24).update(deadline=timezone.now() - timedelta(hours=1))
    page = client.get(reverse("breaches:clock_dashboard")).content.decode()
    assert incident.reference in page and 'class="overdue"' in page


@pytest.mark.django_db
def test_it_exports_the_register_as_csv_and_pdf(client, login, admin_user, staff_none, incident,
                                                controller_a):
    login(client, admin_user)
    csv = client.get(reverse("breaches:register_csv")).getvalue().decode()
    assert incident.reference in csv and "Backup bucket readable" in csv
    filtered = client.get(reverse("breaches:register_csv") + f"?controller={controller_a.code}")
    assert incident.reference in filtered.getvalue().decode()
    pdf = client.get(reverse("breaches:register_pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    from art28.documents import pdf_text

    assert incident.reference in pdf_text(pdf.content)
    login(client, staff_none)
    assert incident.reference not in client.get(reverse("breaches:register_csv")).getvalue().decode()


@pytest.mark.django_db
def test_it_lets_the_controller_open_acknowledge_and_assess(client, login, admin_user, user_a, user_b,
                                                            incident, agreements):
    send_notices(incident=incident, stage="initial", acting_user=admin_user)
    item = IncidentNotice.objects.get(affected__agreement=agreements[0])
    login(client, user_a)
    # Named in the reader's language (English here), not by the Dutch e-mail's subject.
    listed = client.get(reverse("breaches:portal_notices")).content.decode()
    assert f"Personal data breach {incident.reference}: Backup bucket readable" in listed
    page = client.get(reverse("breaches:portal_notice", args=[item.code])).content.decode()
    assert "SE = DPC" in page and "72" in page
    assert client.post(reverse("breaches:portal_acknowledge", args=[item.code])).status_code == 302
    assert Notice.objects.get(pk=item.notice_id).acknowledged_at is not None
    r = client.post(reverse("breaches:portal_severity", args=[item.code]), {
        "dpc": "2", "dpc_reason": "Only contact data", "ei": "1", "ei_reason": "Names",
        "cb": "0.5", "cb_reason": "Public bucket"})
    assert r.status_code == 302 and SeverityAssessment.objects.get().dpc == 2
    assert Event.objects.filter(action="breach.severity_assessed").exists()
    csv = client.get(reverse("breaches:portal_register_csv")).getvalue().decode()
    assert incident.reference in csv
    assert client.get(reverse("breaches:portal_register_pdf")).content.startswith(b"%PDF")
    login(client, user_b)  # the other controller's user: not its notice
    assert client.get(reverse("breaches:portal_notice", args=[item.code])).status_code == 404
    assert client.post(reverse("breaches:portal_acknowledge", args=[item.code])).status_code == 404


@pytest.mark.django_db
def test_it_shows_staff_only_the_controllers_assigned_to_them(client, login, staff_a, incident,
                                                              controller_b):
    login(client, staff_a)
    url = reverse("breaches:incident_detail", args=[incident.code]) + "?tab=affected"
    page = client.get(url).content.decode()
    assert "Tandartspraktijk Zonnebloem" in page and controller_b.name not in page


@pytest.mark.django_db
def test_it_names_the_severity_level_in_the_readers_language(client, login, admin_user, user_a,
                                                              incident, agreements):
    from decimal import Decimal

    from art28.breaches.services.enisa import level_of

    send_notices(incident=incident, stage="initial", acting_user=admin_user)
    item = IncidentNotice.objects.get(affected__agreement=agreements[0])
    login(client, user_a)
    url = reverse("breaches:portal_notice", args=[item.code])
    level = level_of(Decimal(client.get(url).context["severity"]["score"]))
    words = {"low": ("low", "laag"), "medium": ("medium", "gemiddeld"), "high": ("high", "hoog"),
             "very_high": ("very high", "zeer hoog")}[level]
    assert f'id="severity-level">{words[0]}<' in client.get(url).content.decode()
    client.cookies["django_language"] = "nl"
    assert f'id="severity-level">{words[1]}<' in client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()


@pytest.mark.django_db
def test_it_adds_an_agreement_named_by_its_reference(client, login, admin_user, incident, make_agreement,
                                                      controller_a):
    from art28.breaches.models import AffectedAgreement

    extra = make_agreement(controller_a, state="signed")
    login(client, admin_user)
    url = reverse("breaches:affected_adjust", args=[incident.code])
    listed = [str(c) for c in incident.affected.values_list("code", flat=True)]
    assert not AffectedAgreement.objects.filter(incident=incident, agreement=extra).exists()
    # A person types the reference they read on screen, in any case, with stray spaces.
    r = client.post(url, {"listed": listed, "include": listed, "add": f"  {extra.reference.lower()} "})
    assert r.status_code == 302
    assert AffectedAgreement.objects.filter(incident=incident, agreement=extra).exists()
    before = AffectedAgreement.objects.count()
    r = client.post(url, {"listed": listed, "include": listed, "add": "DPA-1999-9999"})
    assert r.status_code == 404 and AffectedAgreement.objects.count() == before
