"""Typed signature evidence keeps no invisible characters, and says where it lost some."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from art28.agreements import services
from art28.agreements.models import Acceptance, AgreementVersion
from art28.agreements.typed_text import MARKER, clean_typed
from art28.documents import pdf_text
from art28.ledger.models import Event

pytestmark = pytest.mark.django_db

RLO, PDF_, LRI, PDI, ZWSP, BOM = "\u202e", "\u202c", "\u2066", "\u2069", "\u200b", "\ufeff"
HOSTILE = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), *range(0x200B, 0x2010),
                            0xFEFF, 0x00, 0x07, 0x1B, 0x7F, 0x85, 0x9B, 0x2028, 0x2029)]


@pytest.mark.parametrize("ch", HOSTILE, ids=[f"U+{ord(c):04X}" for c in HOSTILE])
def test_it_removes_each_invisible_or_control_character(ch):
    assert clean_typed(f"Sanne{ch}Jansen") == f"Sanne{MARKER}Jansen"


def test_it_keeps_ordinary_names_as_typed():
    for name in ("Sanne Jansen", "Zoë d'Ancona-Ôtel", "Łukasz Żółć", "Ὀδυσσεύς", "محمد", "山田太郎"):
        assert clean_typed(f"  {name} ") == name


def test_it_marks_a_run_once_and_refuses_a_name_of_nothing_but_invisible_characters(
        controller_a, make_agreement, user_a):
    assert clean_typed(f"Sanne{RLO}{ZWSP}{BOM}Jansen") == f"Sanne{MARKER}Jansen"
    assert clean_typed(f"typed {MARKER} by hand") == f"typed {MARKER} by hand"
    version = make_agreement(controller_a, state="sent").latest
    sig = services.Signature(name=f"{ZWSP}{RLO} {BOM}", function="Praktijkmanager", confirmed=True)
    with pytest.raises(ValidationError) as err:
        services.accept_version(version=version, signature=sig, acting_user=user_a,
                                document_sha256=version.document_sha256)
    assert "name" in err.value.message_dict
    assert not Acceptance.objects.exists()


def test_it_strips_and_marks_acceptance_and_countersignature_evidence(
        controller_a, make_agreement, user_a, admin_user):
    version = make_agreement(controller_a, state="sent").latest
    # Displays as "Sanne Jansen" followed by a reversed "Directeur": a different function.
    sig = services.Signature(name=f"Sanne{ZWSP} Jansen", function=f"Praktijk{RLO}rueteriD{PDF_}",
                             confirmed=True, ip="127.0.0.1", user_agent="pytest")
    services.accept_version(version=version, signature=sig, acting_user=user_a,
                            document_sha256=version.document_sha256)
    counter = services.Signature(name=f"{LRI}Iris de Vries{PDI}", function=f"FG{BOM}", confirmed=True)
    services.countersign_version(version=AgreementVersion.objects.get(pk=version.pk),
                                 signature=counter, acting_user=admin_user)

    controller, processor = (Acceptance.objects.get(version=version, role=r)
                             for r in ("controller", "processor"))
    assert controller.name == f"Sanne{MARKER} Jansen"
    assert controller.function == f"Praktijk{MARKER}rueteriD{MARKER}"
    assert processor.name == f"{MARKER}Iris de Vries{MARKER}" and processor.function == f"FG{MARKER}"
    assert controller.characters_removed and processor.characters_removed
    stored = str(list(Event.objects.values_list("data", flat=True)))  # the whole ledger
    accepted = Event.objects.get(action="agreement.accepted")
    assert accepted.data["name"] == f"Sanne{MARKER} Jansen"
    for text in (stored, controller.name, controller.function, processor.name, processor.function):
        assert not any(ch in text for ch in HOSTILE)

    version.refresh_from_db()
    with version.signed_document.open("rb") as fh:
        evidence = pdf_text(fh.read()).split("Bewijs van aanvaarding")[-1]  # a Dutch agreement
    flat = " ".join(evidence.split())
    assert "Sanne" in flat and "Jansen" in flat and "Iris de Vries" in flat
    assert not any(ch in evidence for ch in HOSTILE)
    assert MARKER in evidence
    assert flat.count("zijn verwijderd uit wat de ondertekenaar typte") == 2
    assert flat.count("Opmerking") == 2


def test_it_leaves_clean_evidence_without_a_note(controller_a, make_agreement):
    version = make_agreement(controller_a, state="signed").latest
    assert not any(a.characters_removed for a in version.acceptances.all())
    with version.signed_document.open("rb") as fh:
        text = " ".join(pdf_text(fh.read()).split())
    assert "were removed" not in text and MARKER not in text


def test_the_agreement_pages_say_where_characters_were_removed(
        client, login, controller_a, make_agreement, user_a, admin_user):
    version = make_agreement(controller_a, state="sent").latest
    sig = services.Signature(name=f"Sanne{RLO} Jansen", function="Praktijkmanager", confirmed=True)
    services.accept_version(version=version, signature=sig, acting_user=user_a,
                            document_sha256=version.document_sha256)
    note = "were removed from what the signer typed; the sign \ufffd marks each place."
    login(client, admin_user)
    staff = client.get(reverse("agreements:agreement_detail", args=[version.agreement.code])).content.decode()
    assert note in staff and f"Sanne{MARKER} Jansen" in staff and RLO not in staff
    login(client, user_a)
    url = reverse("agreements:portal_agreement", args=[version.agreement.code])
    portal = client.get(url).content.decode()
    assert note in portal and RLO not in portal
