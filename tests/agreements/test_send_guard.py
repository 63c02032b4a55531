"""An agreement is not sent with an empty Annex III or without the processor's contact person,
unless staff say why (issue 12, item 6): in the service, on the page and in the API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from art28.agreements import services
from art28.agreements.models import AgreementVersion, VersionStatus
from art28.documents import pdf_text
from art28.ledger.models import Event
from art28.notices.models import Delivery
from tests.annex import MEASURES
from tests.api.conftest import counts

pytestmark = pytest.mark.django_db

NO_MEASURES = {"security": {"measures": []}}


def _draft(controller, admin_user, terms=NO_MEASURES) -> AgreementVersion:
    return services.create_agreement(controller=controller, acting_user=admin_user,
                                     terms=terms).latest


def _unchanged(version: AgreementVersion, before: dict) -> None:
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT and not version.document_sha256
    assert counts() == before and not Delivery.objects.exists()


def test_it_refuses_an_empty_annex_iii_and_changes_nothing(controller_a, admin_user):
    version = _draft(controller_a, admin_user)
    before = counts()
    with pytest.raises(services.NotReadyToSend) as exc:
        services.send_for_signature(version=version, acting_user=admin_user)
    assert exc.value.missing == ["Annex III lists no security measures."]
    _unchanged(version, before)


def test_it_refuses_a_missing_processor_contact(processor, controller_a, admin_user):
    version = _draft(controller_a, admin_user, terms={"security": {"measures": MEASURES}})
    processor.contacts.all().delete()  # the profile lost its contact person after the draft
    before = counts()
    with pytest.raises(services.NotReadyToSend) as exc:
        services.send_for_signature(version=version, acting_user=admin_user)
    assert len(exc.value.missing) == 1 and "contact person" in exc.value.missing[0]
    _unchanged(version, before)


def test_an_override_with_a_reason_sends_and_is_recorded(processor, controller_a, admin_user):
    processor.contacts.all().delete()
    version = _draft(controller_a, admin_user)
    services.send_for_signature(version=version, acting_user=admin_user,
                                override_reason="Annex III follows in version 2 next week.")
    version.refresh_from_db()
    assert version.status == VersionStatus.SENT
    event = Event.objects.order_by("-seq").first()
    assert event.action == "agreement.sent"
    assert event.data["override"]["reason"] == "Annex III follows in version 2 next week."
    assert len(event.data["override"]["missing"]) == 2
    text = pdf_text(version.document.read())
    assert "Iris de Vries" not in text


def test_a_reason_of_only_spaces_is_no_reason(controller_a, admin_user):
    version = _draft(controller_a, admin_user)
    with pytest.raises(services.NotReadyToSend):
        services.send_for_signature(version=version, acting_user=admin_user,
                                    override_reason=" \u200b\t ")


# -- the page ---------------------------------------------------------------------------------

def test_the_page_lists_what_is_missing_and_asks_for_a_reason(client, login, staff_a, controller_a,
                                                              admin_user):
    version = _draft(controller_a, admin_user)
    url = reverse("agreements:version_send", args=[version.code])
    login(client, staff_a)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Annex III lists no security measures." in page and 'name="override_reason"' in page
    before = counts()
    response = client.post(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 409
    assert "Annex III lists no security measures." in response.content.decode()
    _unchanged(version, before)
    response = client.post(url, {"override_reason": "Client asked for it today."})
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.SENT
    event = Event.objects.order_by("-seq").first()
    assert event.data["override"] == {"reason": "Client asked for it today.",
                                      "missing": ["Annex III lists no security measures."]}


def test_the_page_speaks_dutch(client, login, staff_a, controller_a, admin_user):
    version = _draft(controller_a, admin_user)
    login(client, staff_a)
    client.cookies["django_language"] = "nl"
    response = client.post(reverse("agreements:version_send", args=[version.code]))
    assert "Bijlage III vermeldt geen beveiligingsmaatregelen." in response.content.decode()


def test_a_complete_draft_needs_no_reason(client, login, staff_a, controller_a, make_agreement):
    version = make_agreement(controller_a).latest
    login(client, staff_a)
    page = client.get(reverse("agreements:version_send", args=[version.code])).content.decode()
    assert 'name="override_reason"' not in page
    client.post(reverse("agreements:version_send", args=[version.code]))
    version.refresh_from_db()
    assert version.status == VersionStatus.SENT
    assert "override" not in Event.objects.order_by("-seq").first().data
