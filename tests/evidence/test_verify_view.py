"""The public upload form: no login, the same answers as the CLI, hostile input safe."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from art28.evidence.models import SealedDocument
from art28.ledger.models import Event
from tests.evidence.conftest import flip

pytestmark = pytest.mark.django_db
URL = "/verify/"


def upload(client: Client, data: bytes, name: str = "agreement.pdf", **extra):  # type: ignore[no-untyped-def]
    return client.post(URL, {"file": SimpleUploadedFile(name, data, "application/pdf")}, **extra)


def test_it_is_public_and_reversible():
    assert reverse("evidence:verify") == URL
    response = Client(enforce_csrf_checks=True).get(URL)
    assert response.status_code == 200 and b'enctype="multipart/form-data"' in response.content
    assert b"<script>" not in response.content  # the CSP allows no inline script


def test_it_verifies_a_sealed_agreement_without_login(signed_pdf):
    version, pdf = signed_pdf
    events = Event.objects.count()
    response = upload(Client(enforce_csrf_checks=True), pdf)
    body = response.content.decode()
    assert response.status_code == 200 and "Verified" in body and "Not verified" not in body
    assert "Accepted for Tandartspraktijk Zonnebloem by Sanne Jansen" in body
    assert version.agreement.reference in body and "127.0.0.1" in body
    # Checking writes nothing.
    assert Event.objects.count() == events and SealedDocument.objects.count() == 1


def test_it_answers_in_dutch(signed_pdf):
    body = upload(Client(), signed_pdf[1], HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Geverifieerd" in body and "Geaccepteerd namens Tandartspraktijk Zonnebloem" in body


def test_it_refuses_a_pdf_with_one_byte_changed(signed_pdf):
    body = upload(Client(), flip(signed_pdf[1])).content.decode()
    assert "Not verified" in body and "seal-broken" in body and "Sanne Jansen" not in body


def test_it_refuses_a_file_that_is_not_a_pdf(seal_key):
    response = upload(Client(), b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, name="photo.pdf")
    assert response.status_code == 200 and "not-a-pdf" in response.content.decode()


def test_it_refuses_a_file_over_the_limit_before_reading_it(seal_key, settings):
    settings.ART28_MAX_UPLOAD_MB = 1
    response = upload(Client(), b"%PDF-1.7\n" + b"0" * (1200 * 1024))
    assert response.status_code == 413 and "too-large" in response.content.decode()


def test_it_asks_for_a_file_when_none_was_sent(seal_key):
    response = Client().post(URL, {})
    body = response.content.decode()
    assert response.status_code == 400 and 'class="field-error"' in body and "Not verified" not in body


def test_it_refuses_other_methods():
    assert Client().put(URL).status_code == 405


def test_the_public_subprocessor_page_links_to_it(settings, processor):
    settings.ART28_PUBLIC_SUBPROCESSOR_PAGE = True
    body = Client().get(reverse("subprocessors:public", args=[processor.code])).content.decode()
    assert f'href="{URL}"' in body


@pytest.mark.parametrize("cut,expected", [
    ("truncated", ["not-a-pdf"]), ("no-xref", ["not-a-pdf"]),
    ("contents-zeroed", ["seal-broken", "not-issued-by-art28"]), ("deep-nesting", ["not-a-pdf"]),
])
def test_it_answers_hostile_pdfs_without_an_error(signed_pdf, cut, expected):
    pdf = signed_pdf[1]
    hostile = {
        "truncated": pdf[: len(pdf) // 2],
        "no-xref": pdf.replace(b"startxref", b"startxyz"),
        "contents-zeroed": pdf.replace(pdf[pdf.index(b"/Contents <") + 11:][:64], b"0" * 64, 1),
        "deep-nesting": b"%PDF-1.7\n1 0 obj\n" + b"[" * 50000 + b"\nendobj\ntrailer <</Root 1 0 R>>\n%%EOF",
    }[cut]
    response = upload(Client(), hostile)
    body = response.content.decode()
    assert response.status_code == 200 and "Not verified" in body
    names = ("not-a-pdf", "no-seal", "seal-broken", "not-issued-by-art28")
    named = [p for p in names if f"<code>{p}</code>" in body]
    assert named == expected
