"""Our profile: what the agreements print about the processor, and which agreements follow it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from art28.agreements.models import AgreementVersion
from art28.agreements.services import render_version_pdf
from art28.documents import pdf_text
from art28.ledger.models import Event
from art28.parties import services

pytestmark = pytest.mark.django_db

NEW = {"name": "Wolkenrand Hosting B.V.", "address": "Herengracht 7", "postcode": "1015 BA",
       "city": "Amsterdam", "country": "NL", "kvk": "87654321", "language": "nl",
       "default_notice_hours": "24",
       "contact_name": "Joost Brandsma", "contact_function": "Directeur",
       "contact_email": "joost@wolkenrand.example", "contact_phone": "+31 20 555 0101",
       "contact_mobile": "",
       "privacy_name": "Femke Dijkstra", "privacy_function": "Functionaris gegevensbescherming",
       "privacy_email": "privacy@wolkenrand.example", "privacy_phone": "",
       "breach_email": "datalek@wolkenrand.example", "breach_phone": "+31 20 555 0199"}


def _text(version: AgreementVersion) -> str:
    return " ".join(pdf_text(render_version_pdf(version)).split())


def test_it_saves_the_profile_and_writes_one_ledger_event(processor, admin_user):
    services.update_processor(processor=processor, data=NEW, acting_user=admin_user)
    processor.refresh_from_db()
    assert (processor.address, processor.default_notice_hours) == ("Herengracht 7", 24)
    assert (processor.breach_desk_email, processor.breach_desk_phone) == (
        "datalek@wolkenrand.example", "+31 20 555 0199")
    person, privacy = processor.contact_person(), processor.privacy_contact()
    assert (person.name, person.email, person.is_privacy_contact) == (
        "Joost Brandsma", "joost@wolkenrand.example", False)
    assert (privacy.name, privacy.is_signatory) == ("Femke Dijkstra", False)
    assert processor.contacts.count() == 2  # the old contact person was edited, not added to
    event = Event.objects.order_by("-seq").first()
    assert event.action == "processor.updated"
    assert event.data["contact"]["name"] == "Joost Brandsma"
    assert event.data["breach_desk"] == ["datalek@wolkenrand.example", "+31 20 555 0199"]


def test_drafts_follow_the_profile_and_sent_and_signed_ones_keep_theirs(
        processor, admin_user, controller_a, controller_b, make_agreement):
    draft = make_agreement(controller_a).latest
    sent = make_agreement(controller_a, state="sent").latest
    signed = make_agreement(controller_b, state="signed").latest
    before = {v.pk: _text(v) for v in (draft, sent, signed)}
    sent_sha, signed_sha = sent.document_sha256, signed.signed_document_sha256
    assert all("Iris de Vries" in text for text in before.values())

    services.update_processor(processor=processor, data=NEW, acting_user=admin_user)

    draft, sent, signed = (AgreementVersion.objects.get(pk=v.pk) for v in (draft, sent, signed))
    now = _text(draft)
    assert "Joost Brandsma" in now and "Iris de Vries" not in now
    assert "Herengracht 7" in now and "datalek@wolkenrand.example" in now
    assert "Femke Dijkstra" in now and "privacy@wolkenrand.example" in now
    for version in (sent, signed):
        text = _text(version)
        assert text == before[version.pk]
        assert "Iris de Vries" in text and "Joost Brandsma" not in text
        assert version.terms["processor"]["contact"]["name"] == "Iris de Vries"
    assert (sent.document_sha256, signed.signed_document_sha256) == (sent_sha, signed_sha)
    assert Event.objects.order_by("-seq").first().data["drafts_refreshed"] == 1


def test_a_new_agreement_prints_the_privacy_contact_and_the_breach_desk(
        processor, admin_user, controller_b, make_agreement):
    services.update_processor(processor=processor, data=NEW, acting_user=admin_user)
    text = _text(make_agreement(controller_b).latest)  # an English agreement
    assert "Privacy contact" in text and "Data breach desk" in text
    assert "datalek@wolkenrand.example, +31 20 555 0199" in text


@pytest.mark.parametrize(("field", "value"), [("breach_email", "not an address"),
                                              ("contact_email", "nope"),
                                              ("privacy_name", "Femke\x00"),
                                              ("contact_name", "")])
def test_it_refuses_a_bad_profile_and_changes_nothing(processor, admin_user, controller_a,
                                                      make_agreement, field, value):
    draft = make_agreement(controller_a).latest
    terms_before, events = dict(draft.terms), Event.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.update_processor(processor=processor, data={**NEW, field: value},
                                  acting_user=admin_user)
    assert field in exc.value.message_dict
    processor.refresh_from_db()
    draft.refresh_from_db()
    assert processor.address == "Keizersgracht 1001" and processor.breach_desk_email == ""
    assert [c.name for c in processor.contacts.all()] == ["Iris de Vries"]
    assert draft.terms == terms_before and Event.objects.count() == events


def test_a_blank_section_removes_it(processor, admin_user):
    services.update_processor(processor=processor, data=NEW, acting_user=admin_user)
    blank = {k: "" for k in NEW if k.startswith(("privacy_", "breach_"))}
    services.update_processor(processor=processor, data={**NEW, **blank}, acting_user=admin_user)
    processor.refresh_from_db()
    assert processor.privacy_contact() is None and processor.breach_desk_email == ""
    assert processor.contact_person().name == "Joost Brandsma"
