"""A draft whose terms lack a party's name: its preview and downloads say so, in the reader's
language, instead of failing with a server error; nothing is changed."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def nameless_draft(make_agreement, controller_a, admin_user):
    from art28.agreements import services

    agreement = make_agreement(controller_a)
    services.update_terms(agreement=agreement, terms={"controller": {"name": None}}, acting_user=admin_user)
    version = agreement.versions.get()
    assert not version.dpa_terms.controller.name
    return version


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "its terms lack the client's name"),
    ("nl", "ontbreekt de naam van de klant"),
])
def test_it_says_what_the_terms_lack_on_the_preview(client, login, admin_user, nameless_draft,
                                                     language, expected):
    login(client, admin_user)
    client.cookies["django_language"] = language
    response = client.get(reverse("agreements:version_preview", args=[nameless_draft.code]),
                          HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert expected in html.unescape(response.content.decode())


@pytest.mark.parametrize("name", ["agreements:version_pdf", "agreements:version_docx"])
def test_it_sends_a_download_back_to_the_preview_with_the_reason(client, login, admin_user,
                                                                 nameless_draft, name):
    from art28.ledger.models import Event

    login(client, admin_user)
    events = Event.objects.count()
    response = client.get(reverse(name, args=[nameless_draft.code]), HTTP_ACCEPT_LANGUAGE="en",
                          follow=True)
    assert response.redirect_chain[-1][0] == reverse("agreements:version_preview",
                                                     args=[nameless_draft.code])
    assert "its terms lack the client's name" in html.unescape(response.content.decode())
    nameless_draft.refresh_from_db()
    assert not nameless_draft.document and Event.objects.count() == events


def test_the_portal_pdf_of_a_sent_version_that_cannot_make_one_goes_back_to_the_agreement(
        client, login, user_a, make_agreement, controller_a):
    # Bulk-made data (the page bench's): a sent version with no frozen document whose terms
    # lack the processor's name.
    from art28.agreements.models import AgreementVersion

    agreement = make_agreement(controller_a, state="sent")
    version = agreement.versions.get()
    terms = version.terms
    terms["processor"]["name"] = None
    AgreementVersion.objects.filter(pk=version.pk).update(terms=terms, document="")
    login(client, user_a)
    response = client.get(reverse("agreements:portal_version_pdf", args=[version.code]),
                          HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert response.redirect_chain[-1][0] == reverse("agreements:portal_agreement", args=[agreement.code])
    assert "its terms lack the processor's name" in html.unescape(response.content.decode())
