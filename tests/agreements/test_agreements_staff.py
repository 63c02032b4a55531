"""Staff console: agreements list, create, detail, terms, preview, downloads, send, countersign."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse

from art28.agreements.forms import TermsForm, initial_from
from art28.agreements.models import Acceptance, Agreement, AgreementVersion, VersionStatus
from art28.notices.models import Delivery

pytestmark = pytest.mark.django_db


def _form_data(version, **changes):
    data = {k: v for k, v in initial_from(version.dpa_terms).items() if v not in (None, False)}
    data.update(changes)
    return data


def test_it_lists_and_filters_agreements(client, login, staff_a, controller_a, controller_b,
                                         make_agreement):
    draft, sent = make_agreement(controller_a), make_agreement(controller_a, state="sent")
    other = make_agreement(controller_b)
    login(client, staff_a)
    page = client.get(reverse("agreements:agreement_list")).content.decode()
    assert draft.reference in page and sent.reference in page and other.reference not in page
    page = client.get(reverse("agreements:agreement_list"), {"status": "sent"}).content.decode()
    assert sent.reference in page and draft.reference not in page


def test_it_creates_an_agreement(client, login, staff_a, controller_a, actions):
    login(client, staff_a)
    url = reverse("agreements:agreement_create", args=[controller_a.code])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, False)}
    data.update({"breach__notice_hours": "24", "processing__purposes": "Patient records\nBilling"})
    response = client.post(url, data)
    agreement = Agreement.objects.get(controller=controller_a)
    assert response.url == reverse("agreements:agreement_detail", args=[agreement.code])
    terms = agreement.latest.dpa_terms
    assert terms.breach.notice_hours == 24
    assert terms.processing.purposes == ["Patient records", "Billing"]
    assert actions()[-1] == "agreement.created"


@pytest.mark.parametrize("hours", ["0", "73"])
def test_it_refuses_notice_hours_outside_1_to_72(client, login, staff_a, controller_a,
                                                 make_agreement, hours):
    agreement = make_agreement(controller_a)
    before = agreement.latest.terms
    login(client, staff_a)
    response = client.post(reverse("agreements:agreement_terms", args=[agreement.code]),
                           _form_data(agreement.latest, breach__notice_hours=hours))
    assert response.status_code == 200
    assert response.context["form"].errors["breach__notice_hours"]
    assert AgreementVersion.objects.get(agreement=agreement).terms == before


def test_it_shows_a_service_error_next_to_the_field(client, login, staff_a, controller_a,
                                                    make_agreement):
    agreement = make_agreement(controller_a)
    login(client, staff_a)
    data = _form_data(agreement.latest, law__governing_law="Atlantis")
    response = client.post(reverse("agreements:agreement_terms", args=[agreement.code]), data)
    assert response.context["form"].errors["law__governing_law"]
    assert agreement.latest.dpa_terms.law.governing_law != "Atlantis"


def test_it_edits_a_draft_in_place(client, login, staff_a, controller_a, make_agreement, actions):
    agreement = make_agreement(controller_a)
    login(client, staff_a)
    client.post(reverse("agreements:agreement_terms", args=[agreement.code]),
                _form_data(agreement.latest, breach__notice_hours="36", end__deadline_days="30"))
    version = AgreementVersion.objects.get(agreement=agreement)
    assert version.number == 1 and version.dpa_terms.breach.notice_hours == 36
    assert version.dpa_terms.end.deadline_days == 30
    assert actions()[-1] == "agreement.terms_changed"


def test_it_makes_a_new_version_of_a_signed_agreement(client, login, admin_user, controller_a,
                                                      make_agreement):
    agreement = make_agreement(controller_a, state="signed")
    login(client, admin_user)
    client.post(reverse("agreements:agreement_terms", args=[agreement.code]),
                _form_data(agreement.latest, breach__notice_hours="12"))
    v1, v2 = AgreementVersion.objects.filter(agreement=agreement).order_by("number")
    assert v1.status == VersionStatus.SIGNED and v2.status == VersionStatus.DRAFT
    assert any(c["path"] == "breach.notice_hours" for c in v2.changes)
    page = client.get(reverse("agreements:agreement_detail", args=[agreement.code])).content.decode()
    assert "12" in page and ("Breach" in page or "Datalek" in page or "breach" in page)


@pytest.mark.parametrize("language, offered", [("en", "2026.2, the newest"), ("nl", "2026.2, de nieuwste")])
def test_it_moves_a_signed_agreement_to_newer_standard_terms_from_the_form(
        client, login, admin_user, controller_a, make_agreement, actions, language, offered):
    agreement = make_agreement(controller_a, state="signed")
    AgreementVersion.objects.filter(agreement=agreement).update(standard_version="2026.1")
    login(client, admin_user)
    client.cookies["django_language"] = language
    url = reverse("agreements:agreement_terms", args=[agreement.code])
    assert offered in client.get(url).content.decode()
    # A choice that is not offered (back, or a version art28 does not ship) changes nothing.
    refused = client.post(url, _form_data(agreement.latest, standard_version="2025.9"))
    assert refused.context["form"].errors["standard_version"]
    assert agreement.versions.count() == 1
    client.post(url, _form_data(agreement.latest, standard_version="2026.2"))
    v1, v2 = AgreementVersion.objects.filter(agreement=agreement).order_by("number")
    assert (v1.standard_version, v1.status) == ("2026.1", VersionStatus.SIGNED)
    assert (v2.standard_version, v2.status) == ("2026.2", VersionStatus.DRAFT)
    assert [c["path"] for c in v2.changes] == ["standard_version"]
    assert actions()[-1] == "agreement.terms_changed"


def test_it_offers_no_choice_of_standard_terms_on_the_newest(client, login, admin_user, controller_a,
                                                              make_agreement):
    from art28.documents import CURRENT_VERSION

    agreement = make_agreement(controller_a, state="signed")
    assert agreement.latest.standard_version == CURRENT_VERSION
    login(client, admin_user)
    page = client.get(reverse("agreements:agreement_terms", args=[agreement.code])).content.decode()
    assert 'name="standard_version"' not in page and 'name="breach__notice_hours"' in page


def test_it_previews_and_downloads(client, login, staff_a, controller_a, make_agreement):
    agreement = make_agreement(controller_a, state="sent")
    version = agreement.latest
    login(client, staff_a)
    page = client.get(reverse("agreements:version_preview", args=[version.code])).content.decode()
    assert controller_a.name in page and controller_a.kvk in page
    pdf = client.get(reverse("agreements:version_pdf", args=[version.code]))
    body = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
    assert body.startswith(b"%PDF") and hashlib.sha256(body).hexdigest() == version.document_sha256
    docx = client.get(reverse("agreements:version_docx", args=[version.code]))
    assert docx.content.startswith(b"PK")
    assert client.get(reverse("agreements:version_signed_pdf", args=[version.code])).status_code == 404


def test_it_sends_for_signature_after_confirmation(client, login, staff_a, controller_a,
                                                   make_agreement, actions):
    agreement = make_agreement(controller_a)
    version = agreement.latest
    login(client, staff_a)
    url = reverse("agreements:version_send", args=[version.code])
    assert controller_a.signatories().first().email in client.get(url).content.decode()
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT  # the GET only asks
    client.post(url)
    version.refresh_from_db()
    assert version.status == VersionStatus.SENT and version.document_sha256
    assert Delivery.objects.filter(recipient=controller_a.signatories().first().email).exists()
    assert actions()[-1] == "agreement.sent"


def test_it_explains_why_it_cannot_send(client, login, staff_a, controller_a, make_agreement):
    agreement = make_agreement(controller_a)
    controller_a.contacts.all().delete()
    login(client, staff_a)
    response = client.post(reverse("agreements:version_send", args=[agreement.latest.code]), follow=True,
                           HTTP_ACCEPT_LANGUAGE="en")
    assert "has no signatory contact" in response.content.decode()
    assert agreement.latest.status == VersionStatus.DRAFT
    assert not Delivery.objects.exists()


def test_it_countersigns(client, login, admin_user, controller_a, make_agreement, actions):
    agreement = make_agreement(controller_a, state="accepted")
    version = agreement.latest
    login(client, admin_user)
    detail = client.get(reverse("agreements:agreement_detail", args=[agreement.code]))
    assert detail.context["countersign_form"] is not None
    client.post(reverse("agreements:version_countersign", args=[version.code]),
                {"name": "Iris de Vries", "function": "FG", "confirmed": "on"},
                HTTP_USER_AGENT="pytest-browser", REMOTE_ADDR="10.1.2.3")
    version.refresh_from_db()
    assert version.status == VersionStatus.SIGNED and version.signed_document
    processor_side = Acceptance.objects.get(version=version, role="processor")
    assert processor_side.ip == "10.1.2.3" and processor_side.user_agent == "pytest-browser"
    assert actions()[-1] == "agreement.signed"


def test_it_requires_the_tick_box_to_countersign(client, login, admin_user, controller_a,
                                                 make_agreement):
    agreement = make_agreement(controller_a, state="accepted")
    login(client, admin_user)
    response = client.post(reverse("agreements:version_countersign", args=[agreement.latest.code]),
                           {"name": "Iris de Vries", "function": "FG"})
    assert response.status_code == 400
    assert response.context["countersign_form"].errors["confirmed"]
    assert agreement.latest.status == VersionStatus.ACCEPTED


def test_read_only_is_denied(client, login, staff_readonly, controller_a, make_agreement):
    draft, accepted = make_agreement(controller_a), make_agreement(controller_a, state="accepted")
    login(client, staff_readonly)
    assert client.get(reverse("agreements:agreement_detail", args=[draft.code])).status_code == 200
    assert client.post(reverse("agreements:agreement_create", args=[controller_a.code]),
                       {"language": "nl", "breach__notice_hours": "24"}).status_code == 403
    assert client.post(reverse("agreements:agreement_terms", args=[draft.code]),
                       _form_data(draft.latest, breach__notice_hours="12")).status_code == 403
    assert client.post(reverse("agreements:version_send", args=[draft.latest.code])).status_code == 403
    assert client.post(reverse("agreements:version_countersign", args=[accepted.latest.code]),
                       {"name": "X", "function": "Y", "confirmed": "on"}).status_code == 403
    assert Agreement.objects.count() == 2
    assert draft.latest.status == VersionStatus.DRAFT and draft.latest.dpa_terms.breach.notice_hours != 12
    assert accepted.latest.status == VersionStatus.ACCEPTED


def test_outsider_gets_404(client, login, staff_none, user_b, controller_a, make_agreement):
    agreement = make_agreement(controller_a, state="accepted")
    version = agreement.latest
    for user in (staff_none, user_b):
        login(client, user)
        for name in ("version_preview", "version_pdf", "version_docx", "version_send"):
            assert client.get(reverse(f"agreements:{name}", args=[version.code])).status_code == 404
        assert client.get(reverse("agreements:agreement_detail", args=[agreement.code])).status_code == 404
        assert client.post(reverse("agreements:agreement_terms", args=[agreement.code]),
                           {"language": "nl"}).status_code == 404
        assert client.post(reverse("agreements:version_countersign", args=[version.code]),
                           {"name": "X", "function": "Y", "confirmed": "on"}).status_code == 404
    assert agreement.latest.status == VersionStatus.ACCEPTED


def test_the_terms_form_round_trips(controller_a, make_agreement):
    version = make_agreement(controller_a).latest
    form = TermsForm(_form_data(version))
    assert form.is_valid(), form.errors
    patch = form.to_patch()
    assert patch["breach"]["notice_hours"] == version.dpa_terms.breach.notice_hours


def test_it_ends_the_countersignature_sentence_with_one_full_stop(client, login, admin_user, controller_a,
                                                                  make_agreement):
    agreement = make_agreement(controller_a, state="accepted")  # the processor is "… Hosting B.V."
    login(client, admin_user)
    page = client.get(reverse("agreements:agreement_detail", args=[agreement.code])).content.decode()
    assert "I countersign this agreement on behalf of Wolkenrand Hosting B.V." in page
    assert "B.V.." not in page
