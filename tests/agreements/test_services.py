"""Issuing, changing, sending, accepting and countersigning agreements."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from art28.accounts.models import Invitation
from art28.agreements import services
from art28.agreements.models import Acceptance, AgreementVersion, VersionStatus
from art28.documents import pdf_text
from art28.ledger.models import Event
from art28.notices.models import Delivery, Notice
from tests.annex import with_measures

SIG = services.Signature(name="Sanne Jansen", function="Praktijkmanager", confirmed=True,
                         ip="192.0.2.7", user_agent="Firefox/140")


@pytest.mark.django_db
def test_it_creates_a_draft_from_the_processor_profile(controller_a, admin_user):
    a = services.create_agreement(controller=controller_a, acting_user=admin_user)
    v = a.latest
    terms = v.dpa_terms
    assert (v.number, v.status, v.language) == (1, VersionStatus.DRAFT, "nl")
    assert terms.processor.kvk == "87654321" and terms.controller.kvk == controller_a.kvk
    assert terms.breach.notice_hours == 48 and terms.controller.contact.email.startswith("signer")
    assert Event.objects.filter(action="agreement.created", object_code=str(a.code)).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("patch,field", [
    ({"breach": {"notice_hours": 0}}, "breach.notice_hours"),
    ({"breach": {"notice_hours": 73}}, "breach.notice_hours"),
    ({"language": "de"}, "language"),
    ({"controller": {"kvk": "123"}}, "controller.kvk"),
])
def test_it_rejects_bad_terms_and_saves_nothing(controller_a, admin_user, patch, field):
    with pytest.raises(ValidationError) as exc:
        services.create_agreement(controller=controller_a, acting_user=admin_user, terms=patch)
    assert field in exc.value.message_dict
    assert not AgreementVersion.objects.exists() and not Event.objects.exists()


@pytest.mark.django_db
def test_it_sends_the_frozen_pdf_and_queues_an_invitation(controller_a, admin_user):
    a = services.create_agreement(controller=controller_a, acting_user=admin_user,
                                  terms=with_measures({"breach": {"notice_hours": 24}}))
    v = services.send_for_signature(version=a.latest, acting_user=admin_user)
    pdf = v.document.read()
    assert v.status == VersionStatus.SENT and hashlib.sha256(pdf).hexdigest() == v.document_sha256
    text = pdf_text(pdf)
    assert controller_a.name in text and "24" in text
    # The signatory has no login yet: the link is an invitation that lands on the agreement,
    # and the notice is kept for the processor's staff (it is one person's key).
    notice = Notice.objects.get(processor=controller_a.processor, kind="signature_invitation")
    assert v.document_sha256 in notice.body_text and "/invite/" in notice.link
    assert str(a.code) in Invitation.objects.get(email=controller_a.signatories().get().email).next_url
    assert list(Delivery.objects.values_list("recipient", flat=True)) == [
        controller_a.signatories().get().email]
    with pytest.raises(ValidationError):
        services.send_for_signature(version=v, acting_user=admin_user)


@pytest.mark.django_db
def test_it_records_who_accepted_which_exact_document(controller_a, make_agreement, user_a):
    a = make_agreement(controller_a, state="sent")
    v = a.latest
    acc = services.accept_version(version=v, signature=SIG, acting_user=user_a,
                                  document_sha256=v.document_sha256.upper())
    assert (acc.ip, acc.user_agent, acc.document_sha256) == ("192.0.2.7", "Firefox/140", v.document_sha256)
    assert acc.user == user_a and acc.role == "controller"
    assert AgreementVersion.objects.get(pk=v.pk).status == VersionStatus.ACCEPTED


@pytest.mark.django_db
def test_it_refuses_a_stale_document_hash(controller_a, make_agreement, user_a):
    v = make_agreement(controller_a, state="sent").latest
    with pytest.raises(ValidationError, match="not the current one"):
        services.accept_version(version=v, signature=SIG, acting_user=user_a, document_sha256="0" * 64)
    assert not Acceptance.objects.exists()
    assert AgreementVersion.objects.get(pk=v.pk).status == VersionStatus.SENT


@pytest.mark.django_db
def test_it_refuses_an_acceptance_without_name_or_tick(controller_a, make_agreement, user_a):
    v = make_agreement(controller_a, state="sent").latest
    bad = services.Signature(name=" ", function="", confirmed=False)
    with pytest.raises(ValidationError) as exc:
        services.accept_version(version=v, signature=bad, acting_user=user_a,
                                document_sha256=v.document_sha256)
    assert set(exc.value.message_dict) == {"name", "function", "confirmed"}
    assert not Acceptance.objects.exists()


@pytest.mark.django_db
def test_it_seals_the_signed_version_with_an_evidence_page(controller_a, make_agreement, user_a):
    a = make_agreement(controller_a, state="signed", signer=user_a)
    v = a.latest
    assert v.status == VersionStatus.SIGNED and a.in_force == v
    text = pdf_text(v.signed_document.read())
    assert "Sanne Jansen" in text and "Iris de Vries" in text and v.document_sha256 in text
    assert "Europe/Amsterdam" in text
    assert Notice.objects.filter(kind="agreement_signed", controller=controller_a).exists()
    actions = list(Event.objects.filter(object_code=str(a.code)).values_list("action", flat=True))
    assert actions == ["agreement.created", "agreement.sent", "agreement.accepted", "agreement.signed"]


@pytest.mark.django_db
def test_it_refuses_to_accept_a_signed_version(controller_a, make_agreement, user_a):
    v = make_agreement(controller_a, state="signed").latest
    with pytest.raises(ValidationError, match="cannot be accepted"):
        services.accept_version(version=v, signature=SIG, acting_user=user_a,
                                document_sha256=v.document_sha256)


@pytest.mark.django_db
def test_it_makes_a_new_version_when_signed_terms_change(controller_a, make_agreement, admin_user):
    a = make_agreement(controller_a, state="signed")
    old = a.latest
    new = services.update_terms(agreement=a, terms={"breach": {"notice_hours": 24}}, acting_user=admin_user)
    assert (new.number, new.status) == (2, VersionStatus.DRAFT)
    assert any(c["path"] == "breach.notice_hours" for c in new.changes)
    old.refresh_from_db()
    assert old.status == VersionStatus.SIGNED and old.dpa_terms.breach.notice_hours == 48
    assert a.in_force == old  # the signed version applies until the new one is signed


@pytest.mark.django_db
def test_it_supersedes_an_unsigned_sent_version_and_refuses_its_acceptance(
        controller_a, make_agreement, admin_user, user_a):
    a = make_agreement(controller_a, state="sent")
    sent = a.latest
    services.update_terms(agreement=a, terms={"audit": {"notice_days": 30}}, acting_user=admin_user)
    sent.refresh_from_db()
    assert sent.status == VersionStatus.SUPERSEDED
    with pytest.raises(ValidationError):
        services.accept_version(version=sent, signature=SIG, acting_user=user_a,
                                document_sha256=sent.document_sha256)


@pytest.mark.django_db
def test_it_supersedes_the_old_signed_version_when_the_new_one_is_signed(
        controller_a, make_agreement, admin_user):
    a = make_agreement(controller_a, state="signed")
    new = services.update_terms(agreement=a, terms={"breach": {"notice_hours": 24}}, acting_user=admin_user)
    new = services.send_for_signature(version=new, acting_user=admin_user)
    services.accept_version(version=new, signature=SIG, acting_user="t", document_sha256=new.document_sha256)
    services.countersign_version(version=new, signature=SIG, acting_user=admin_user)
    statuses = dict(a.versions.values_list("number", "status"))
    assert statuses == {1: VersionStatus.SUPERSEDED, 2: VersionStatus.SIGNED}
    assert a.in_force.dpa_terms.breach.notice_hours == 24


@pytest.mark.django_db
def test_it_edits_a_draft_in_place(controller_a, admin_user):
    a = services.create_agreement(controller=controller_a, acting_user=admin_user)
    v = services.update_terms(agreement=a, terms={"language": "en"}, acting_user=admin_user)
    assert v.number == 1 and a.versions.count() == 1 and v.language == "en"


def _flat(pdf: bytes) -> str:
    return " ".join(pdf_text(pdf).split())


@pytest.mark.django_db
def test_new_agreements_take_the_current_standard_terms_and_existing_ones_keep_theirs(
        controller_a, admin_user):
    from art28.core.templatetags.art28 import change_line
    from art28.documents import CURRENT_VERSION

    fresh = services.create_agreement(controller=controller_a, acting_user=admin_user,
                                      terms=with_measures({}))
    assert fresh.latest.standard_version == CURRENT_VERSION == "2026.2"
    text = _flat(services.render_version_pdf(fresh.latest))
    assert "met name die van vernietiging, verlies of wijziging" in text

    # An agreement issued on 2026.1 is sent, and later amended, on 2026.1.
    older = services.create_agreement(controller=controller_a, acting_user=admin_user,
                                      terms=with_measures({}))
    AgreementVersion.objects.filter(pk=older.latest.pk).update(standard_version="2026.1")
    sent = services.send_for_signature(version=AgreementVersion.objects.get(pk=older.latest.pk),
                                       acting_user=admin_user)
    text = _flat(sent.document.read())
    assert "standaardvoorwaarden versie 2026.1" in text and "vernietiging, verlies" not in text
    amended = services.update_terms(agreement=older, terms={"breach": {"notice_hours": 24}},
                                    acting_user=admin_user)
    assert amended.standard_version == "2026.1"
    assert [c["path"] for c in amended.changes] == ["breach.notice_hours"]

    # Moving it to 2026.2 is a change the controller is shown in words before accepting.
    moved = services.update_terms(agreement=older, terms={}, acting_user=admin_user,
                                  standard_version="2026.2")
    assert (moved.pk, moved.standard_version) == (amended.pk, "2026.2")  # the draft, edited
    assert moved.changes[0]["path"] == "standard_version"
    with translation.override("nl"):
        line = change_line(moved.changes[0])
        assert line.startswith("Versie van de standaardvoorwaarden: 2026.1 → 2026.2. Het artikel over")
        assert "vernietiging, verlies of wijziging" in line
    with translation.override("en"):
        line = change_line(moved.changes[0])
        assert line.startswith("Standard terms version: 2026.1 → 2026.2. The security article now names")
        assert "destroyed, lost or altered" in line
    assert Event.objects.filter(action="agreement.terms_changed", object_code=str(older.code)).count() == 2
