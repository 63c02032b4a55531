"""The measures catalogue: versions; a substantial change re-renders Annex III and notifies."""

from __future__ import annotations

import pytest

from art28.agreements.models import VersionStatus
from art28.agreements.services import render_version_pdf
from art28.documents import pdf_text
from art28.measures import services as measures
from art28.notices.models import Notice, NoticeKind

pytestmark = pytest.mark.django_db
NEW = [
    {"kind": "technical", "text": "Disk encryption with per-customer keys"},
    {"kind": "organisational", "text": "Quarterly access review by the security officer"},
]
# A lone text is taken as the Dutch one (the register is Dutch-first).
STORED = [{**m, "text_nl": m["text"], "text_en": None} for m in NEW]


def test_it_updates_annex_iii_and_notifies_who_was_promised_notice(
    processor, admin_user, make_agreement, make_controller, smtp_server, deliver
):
    promised = make_agreement(make_controller("Notice B.V."), state="signed")
    silent = make_agreement(
        make_controller("Quiet B.V."), state="signed", terms={"security": {"change_notice": False}}
    )
    draft = make_agreement(make_controller("Draft B.V."))
    catalogue = measures.publish_measures(
        processor=processor,
        measures=NEW,
        summary="Encryption keys per client",
        substantial=True,
        acting_user=admin_user,
    )
    assert (catalogue.number, catalogue.agreements_updated, catalogue.controllers_notified) == (1, 3, 2)
    for agreement in (promised, silent):
        latest = agreement.latest
        assert (latest.number, latest.status) == (2, VersionStatus.DRAFT)  # the signed version is untouched
        assert agreement.in_force.number == 1
        assert latest.terms["security"]["measures"] == STORED
    assert draft.latest.number == 1 and draft.latest.terms["security"]["measures"] == STORED
    text = pdf_text(render_version_pdf(promised.latest))
    assert "Disk encryption with per-customer keys" in text
    # The binding terms decide: the signed version, or the latest draft where nothing is signed yet.
    notified = {n.controller for n in Notice.objects.filter(kind=NoticeKind.MEASURES_CHANGED)}
    assert notified == {promised.controller, draft.controller}
    deliver()
    [mail] = smtp_server.to(promised.controller.contacts.get().email)[-1:]
    assert "Quarterly access review" in mail["text"]
    assert not [
        m for m in smtp_server.to(silent.controller.contacts.get().email) if "beveiliging" in m["subject"]
    ]


def test_it_keeps_agreements_as_they_are_for_a_minor_change(processor, admin_user, signed_a):
    catalogue = measures.publish_measures(
        processor=processor, measures=NEW, summary="Wording", substantial=False, acting_user=admin_user
    )
    assert catalogue.agreements_updated == 0 and signed_a.latest.number == 1
    assert not Notice.objects.filter(kind=NoticeKind.MEASURES_CHANGED).exists()
    second = measures.publish_measures(
        processor=processor, measures=NEW[:1], summary="Fewer", substantial=False, acting_user=admin_user
    )
    assert second.number == 2 and measures.current_catalogue(processor) == second


def test_it_skips_ended_agreements(processor, admin_user, staff_a, signed_a):
    from art28.agreements.services import termination

    termination.terminate_agreement(agreement=signed_a, reason="agreement", acting_user=staff_a)
    catalogue = measures.publish_measures(
        processor=processor, measures=NEW, summary="x", substantial=True, acting_user=admin_user
    )
    assert catalogue.agreements_updated == 0 and signed_a.latest.number == 1


def test_it_refuses_bad_measures(processor, admin_user, refused):
    refused(
        lambda: measures.publish_measures(
            processor=processor,
            measures=[{"kind": "magic", "text": "x"}],
            summary="x",
            substantial=True,
            acting_user=admin_user,
        ),
        "kind",
    )
    refused(
        lambda: measures.publish_measures(
            processor=processor, measures=[], summary="x", substantial=False, acting_user=admin_user
        ),
        "at least one",
    )
