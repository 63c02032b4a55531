"""The named sub-processors quoted for an agreement come from the version the controller has."""

from __future__ import annotations

import pytest

from art28.agreements.services import update_terms
from art28.subprocessors.services.queries import subprocessor_names


def _named(name: str) -> dict:
    return {"subprocessors": {"named": [{"name": name, "country": "NL", "service": "Archiving"}]}}


@pytest.mark.django_db
def test_names_come_from_the_sent_version_while_a_draft_waits(make_agreement, controller_a, admin_user):
    agreement = make_agreement(controller_a, state="sent", terms=_named("Archiefkelder BV"))
    update_terms(agreement=agreement, terms=_named("Nieuwe Opslag BV"), acting_user=admin_user)
    agreement.refresh_from_db()
    assert subprocessor_names(agreement) == ["Archiefkelder BV"]


@pytest.mark.django_db
def test_names_of_an_agreement_never_sent_come_from_its_draft(make_agreement, controller_a):
    agreement = make_agreement(controller_a, state="draft", terms=_named("Archiefkelder BV"))
    assert subprocessor_names(agreement) == ["Archiefkelder BV"]
