"""An affected row's "why" is stored as codes and read in the viewer's language (issue 12)."""

from __future__ import annotations

import importlib

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from art28.breaches.models import AffectedAgreement
from art28.breaches.services import open_incident

pytestmark = pytest.mark.django_db

migration = importlib.import_module("art28.breaches.migrations.0003_structured_affected_reasons")


def _open_as(language, processor, subprocessor, admin_user):
    with translation.override(language):
        return open_incident(processor=processor, acting_user=admin_user, subprocessors=[subprocessor],
                             facts={"title": "Backup bucket readable", "aware_at": timezone.now(),
                                    "confidentiality": True, "data_categories": ["NAW-gegevens"]})


def _page(client, incident, language):
    client.cookies["django_language"] = language
    return client.get(reverse("breaches:incident_detail", args=[incident.code]) + "?tab=affected",
                      HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_reasons_are_stored_as_codes_not_text(processor, subprocessor, admin_user, agreements):
    incident = _open_as("en", processor, subprocessor, admin_user)
    row = incident.affected.get(agreement=agreements[0])
    assert {"kind": "subprocessor", "params": {"name": "Backupkluis GmbH"}} in row.reasons
    assert not any(isinstance(r, str) for r in row.reasons)


def test_opened_in_english_read_in_dutch(client, login, processor, subprocessor, admin_user, agreements):
    incident = _open_as("en", processor, subprocessor, admin_user)
    login(client, admin_user)
    nl = _page(client, incident, "nl")
    assert "gebruikt subverwerker Backupkluis GmbH" in nl
    assert "let op: de overeenkomst noemt geen van de betrokken gegevenscategorieën" in nl
    assert "uses sub-processor" not in nl and "note: its agreement" not in nl
    en = _page(client, incident, "en")
    assert "uses sub-processor Backupkluis GmbH" in en and "gebruikt subverwerker" not in en


def test_opened_in_dutch_read_in_english(client, login, processor, subprocessor, admin_user, agreements):
    incident = _open_as("nl", processor, subprocessor, admin_user)
    login(client, admin_user)
    en = _page(client, incident, "en")
    assert "uses sub-processor Backupkluis GmbH" in en
    assert "gebruikt subverwerker" not in en and "let op:" not in en


def test_the_api_gives_the_reasons_in_the_request_language(processor, subprocessor, admin_user, agreements):
    from art28.api.schemas.breaches import AffectedOut

    incident = _open_as("nl", processor, subprocessor, admin_user)
    row = AffectedAgreement.objects.select_related("agreement__controller").get(
        incident=incident, agreement=agreements[0])
    with translation.override("en"):
        assert AffectedOut.resolve_reasons(row)[0] == "uses sub-processor Backupkluis GmbH"
    with translation.override("nl"):
        assert AffectedOut.resolve_reasons(row)[0] == "gebruikt subverwerker Backupkluis GmbH"


def test_the_migration_converts_known_text_and_keeps_the_rest():
    old = ["uses sub-processor Backupkluis GmbH", "de verwerking omvat dienst hosting",
           "verwerkt de betrokken categorieën gegevens", "added by staff",
           "note: its agreement names none of the data categories involved in the same words; "
           "check, and leave it out only with a reason", "something someone typed"]
    assert [migration.structured(r) for r in old] == [
        {"kind": "subprocessor", "params": {"name": "Backupkluis GmbH"}},
        {"kind": "service", "params": {"service": "hosting"}},
        {"kind": "categories", "params": {}}, {"kind": "staff", "params": {}},
        {"kind": "category_note", "params": {}}, "something someone typed"]
    # Already structured rows stay as they are; the way back gives the English text.
    assert migration.structured({"kind": "staff", "params": {}}) == {"kind": "staff", "params": {}}
    assert [migration.as_text(migration.structured(r)) for r in old[:1]] == old[:1]


def test_the_migration_rewrites_stored_rows(processor, subprocessor, admin_user, agreements):
    from django.apps import apps

    incident = _open_as("en", processor, subprocessor, admin_user)
    AffectedAgreement.objects.filter(incident=incident).update(
        reasons=["gebruikt subverwerker Backupkluis GmbH", "free text"])
    migration.forwards(apps, None)
    for row in incident.affected.all():
        assert row.reasons == [{"kind": "subprocessor", "params": {"name": "Backupkluis GmbH"}}, "free text"]
        with translation.override("en"):
            assert row.reason_texts == ["uses sub-processor Backupkluis GmbH", "free text"]
