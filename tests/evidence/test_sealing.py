"""Countersigning, certifying and exporting the breach register seal the PDF and register its hash."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from art28.agreements.services import termination as req
from art28.evidence.models import SealedDocument, SealedKind
from art28.ledger.models import Event
from tests.tsa import loopback_tsa

pytestmark = pytest.mark.django_db


def _pyhanko_status(pdf: bytes, *roots):  # type: ignore[no-untyped-def]
    sig = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
    ctx = ValidationContext(trust_roots=list(roots))
    return validate_pdf_signature(sig, signer_validation_context=ctx, ts_validation_context=ctx)


def test_it_seals_the_countersigned_agreement_and_records_its_hash(signed_pdf, seal_key):
    version, pdf = signed_pdf
    status = _pyhanko_status(pdf, seal_key)
    assert status.intact and status.valid and status.trusted
    digest = hashlib.sha256(pdf).hexdigest()
    assert version.signed_document_sha256 == digest
    doc = SealedDocument.objects.get(sha256=digest)
    assert (doc.kind, doc.object_code, doc.level) == (SealedKind.AGREEMENT, str(version.code), "B-B")
    event = Event.objects.get(action="agreement.signed", object_code=str(version.agreement.code))
    assert event.data["signed_sha256"] == digest


def test_it_leaves_pdfs_unsealed_without_a_certificate(make_agreement, controller_a, settings):
    settings.ART28_SEAL_P12 = ""
    version = make_agreement(controller_a, state="signed").versions.get(number=1)
    with version.signed_document.open("rb") as fh:
        assert PdfFileReader(io.BytesIO(fh.read())).embedded_signatures == []
    assert not SealedDocument.objects.exists()


def test_it_timestamps_the_seal_when_a_tsa_is_set(seal_key, settings, make_agreement, controller_a):
    with loopback_tsa() as tsa:
        settings.ART28_TSA_URL = tsa.url
        version = make_agreement(controller_a, state="signed").versions.get(number=1)
        assert tsa.requests
    with version.signed_document.open("rb") as fh:
        status = _pyhanko_status(fh.read(), seal_key, tsa.certificate)
    assert status.intact and status.timestamp_validity.intact and status.timestamp_validity.valid
    assert SealedDocument.objects.get().level == "B-T"


def test_it_rolls_the_countersignature_back_when_the_tsa_is_down(seal_key, settings, make_agreement,
                                                                  controller_a):
    from art28.agreements import services
    from art28.agreements.models import VersionStatus
    from art28.documents.seal import SealError

    settings.ART28_TSA_URL = "http://127.0.0.1:9/tsa"  # discard port: nothing answers
    version = make_agreement(controller_a, state="accepted").versions.get(number=1)
    with pytest.raises(SealError):
        services.countersign_version(version=version, acting_user="pytest", signature=services.Signature(
            name="Iris de Vries", function="FG", confirmed=True))
    version.refresh_from_db()
    assert version.status == VersionStatus.ACCEPTED and not version.signed_document
    assert not SealedDocument.objects.exists()
    assert not Event.objects.filter(action="agreement.signed").exists()


def test_it_seals_the_certificate_of_destruction(seal_key, make_agreement, controller_a, staff_a):
    agreement = make_agreement(controller_a, state="signed", terms={"end": {"choice": "delete"}})
    t = req.terminate_agreement(agreement=agreement, reason="agreement", acting_user=staff_a)
    req.confirm_destruction(termination=t, target_kind="system", target="PMS database",
                            method="Crypto-erase", acting_user=staff_a)
    t = req.issue_certificate(termination=t, acting_user=staff_a)
    with t.certificate.open("rb") as fh:
        pdf = fh.read()
    assert _pyhanko_status(pdf, seal_key).intact
    doc = SealedDocument.objects.get(kind=SealedKind.CERTIFICATE)
    assert doc.sha256 == t.certificate_sha256 == hashlib.sha256(pdf).hexdigest()


def test_it_seals_the_breach_register_export_and_logs_it(seal_key, client, login, admin_user):
    login(client, admin_user)
    response = client.get(reverse("breaches:register_pdf"))
    pdf = response.content
    assert response.status_code == 200 and _pyhanko_status(pdf, seal_key).intact
    doc = SealedDocument.objects.get(kind=SealedKind.BREACH_REGISTER)
    event = Event.objects.get(action="breaches.register_exported")
    assert event.data["sha256"] == doc.sha256 == hashlib.sha256(pdf).hexdigest()
    assert event.actor_label == admin_user.username and event.object_code == doc.object_code


def test_it_seals_the_controllers_own_register_extract(seal_key, client, login, user_a, controller_a):
    login(client, user_a)
    pdf = client.get(reverse("breaches:portal_register_pdf")).content
    assert _pyhanko_status(pdf, seal_key).intact
    event = Event.objects.get(action="breaches.register_exported")
    assert event.controller_id_ref == controller_a.pk
