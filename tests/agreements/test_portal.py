"""Controller portal: agreement page, accept, downloads."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse

from art28.agreements.models import Acceptance, VersionStatus

pytestmark = pytest.mark.django_db

SIGN = {"name": "Sanne Jansen", "function": "Praktijkmanager", "confirmed": "on"}


def _accept(client, version, **extra):
    data = {**SIGN, "document_sha256": version.document_sha256, **extra}
    return client.post(reverse("agreements:portal_accept", args=[version.code]), data,
                       HTTP_USER_AGENT="Mozilla/5.0 (test)", REMOTE_ADDR="192.0.2.7")


def test_it_shows_the_agreement_with_the_hash_to_accept(client, login, user_a, controller_a,
                                                        make_agreement):
    version = make_agreement(controller_a, state="sent").latest
    login(client, user_a)
    response = client.get(reverse("agreements:portal_agreement", args=[version.agreement.code]))
    page = response.content.decode()
    assert controller_a.name in page
    assert f'value="{version.document_sha256}"' in page
    assert reverse("agreements:portal_accept", args=[version.code]) in page


def test_it_hides_a_draft_agreement(client, login, user_a, controller_a, make_agreement):
    version = make_agreement(controller_a).latest
    login(client, user_a)
    # An agreement with only a draft does not exist for the controller yet, as in the API.
    response = client.get(reverse("agreements:portal_agreement", args=[version.agreement.code]))
    assert response.status_code == 404
    assert version.agreement.reference not in response.content.decode()
    assert client.get(reverse("agreements:portal_version_pdf", args=[version.code])).status_code == 404
    assert _accept(client, version).status_code == 404


def test_it_downloads_the_exact_pdf_that_was_sent(client, login, user_a, controller_a,
                                                  make_agreement):
    version = make_agreement(controller_a, state="sent").latest
    login(client, user_a)
    body = client.get(reverse("agreements:portal_version_pdf", args=[version.code])).content
    assert body.startswith(b"%PDF")
    assert hashlib.sha256(body).hexdigest() == version.document_sha256


def test_it_accepts_with_evidence(client, login, user_a, controller_a, make_agreement, actions):
    version = make_agreement(controller_a, state="sent").latest
    login(client, user_a)
    response = _accept(client, version)
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.ACCEPTED
    acceptance = Acceptance.objects.get(version=version, role="controller")
    assert (acceptance.name, acceptance.ip, acceptance.user_agent) == (
        "Sanne Jansen", "192.0.2.7", "Mozilla/5.0 (test)")
    assert acceptance.document_sha256 == version.document_sha256 and acceptance.user == user_a
    assert actions()[-1] == "agreement.accepted"


@pytest.mark.parametrize(("change", "field"), [({"confirmed": ""}, "confirmed"),
                                               ({"name": ""}, "name"),
                                               ({"function": " "}, "function")])
def test_it_shows_what_is_missing(client, login, user_a, controller_a, make_agreement,
                                  change, field):
    version = make_agreement(controller_a, state="sent").latest
    login(client, user_a)
    response = _accept(client, version, **change)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not Acceptance.objects.filter(version=version).exists()


def test_it_refuses_a_stale_document_hash(client, login, user_a, controller_a, make_agreement):
    version = make_agreement(controller_a, state="sent").latest
    login(client, user_a)
    response = _accept(client, version, document_sha256="0" * 64)
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    version.refresh_from_db()
    assert version.status == VersionStatus.SENT and not version.acceptances.exists()


def test_it_refuses_to_accept_a_signed_version(client, login, user_a, controller_a,
                                               make_agreement):
    version = make_agreement(controller_a, state="signed").latest
    login(client, user_a)
    response = _accept(client, version)
    assert response.status_code == 400
    assert version.acceptances.count() == 2


def test_it_refuses_a_superseded_version(client, login, user_a, admin_user, controller_a,
                                         make_agreement):
    from art28.agreements import services

    agreement = make_agreement(controller_a, state="sent")
    old = agreement.latest
    services.update_terms(agreement=agreement, terms={"breach": {"notice_hours": 12}},
                          acting_user=admin_user)
    login(client, user_a)
    assert _accept(client, old).status_code == 400
    old.refresh_from_db()
    assert old.status == VersionStatus.SUPERSEDED and not old.acceptances.exists()


def test_it_offers_the_signed_pdf_and_the_history(client, login, user_a, controller_a,
                                                  make_agreement):
    version = make_agreement(controller_a, state="signed").latest
    login(client, user_a)
    page = client.get(reverse("agreements:portal_agreement", args=[version.agreement.code]))
    assert reverse("agreements:portal_signed_pdf", args=[version.code]) in page.content.decode()
    body = client.get(reverse("agreements:portal_signed_pdf", args=[version.code])).content
    assert hashlib.sha256(body).hexdigest() == version.signed_document_sha256


def test_read_only_is_denied(client, login, processor, controller_a, make_agreement):
    from tests.conftest import _user

    reader = _user("reader_a", role="controller_user", processor=processor,
                   controller=controller_a, read_only=True)
    version = make_agreement(controller_a, state="sent").latest
    login(client, reader)
    url = reverse("agreements:portal_agreement", args=[version.agreement.code])
    assert client.get(url).status_code == 200
    assert _accept(client, version).status_code == 403
    assert not version.acceptances.exists()


def test_outsider_gets_404(client, login, user_b, staff_a, controller_a, make_agreement):
    version = make_agreement(controller_a, state="signed").latest
    login(client, user_b)
    for name in ("portal_version_pdf", "portal_signed_pdf"):
        assert client.get(reverse(f"agreements:{name}", args=[version.code])).status_code == 404
    assert client.get(reverse("agreements:portal_agreement",
                              args=[version.agreement.code])).status_code == 404
    sent = make_agreement(controller_a, state="sent").latest
    assert _accept(client, sent).status_code == 404
    login(client, staff_a)  # staff use the console, not the portal
    assert _accept(client, sent).status_code == 404
    assert not sent.acceptances.exists()


def test_it_ends_the_acceptance_sentence_with_one_full_stop(client, login, user_a, controller_a,
                                                            make_agreement):
    from art28.parties.models import Controller

    Controller.objects.filter(pk=controller_a.pk).update(name="Fietsenmakerij De Ketting B.V.")
    version = make_agreement(controller_a, state="sent").latest
    login(client, user_a)
    page = client.get(reverse("agreements:portal_agreement", args=[version.agreement.code])).content.decode()
    assert "accept it on behalf of Fietsenmakerij De Ketting B.V." in page
    assert "B.V.." not in page
