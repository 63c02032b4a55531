"""While nothing is signed, what the controller is told about a sub-processor change follows the
terms it was sent (version 1), never the processor's later draft (version 2): the transfer check
on the portal's change page, and the language of the mail that settles its objection."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from art28.agreements import services as agreements
from art28.agreements.models import VersionStatus
from art28.notices.models import Notice, NoticeKind
from art28.subprocessors import services
from art28.subprocessors.models import ChangeAgreement, ClockStatus, Mode

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)  # a Monday
OPEN = {"authorisation": "general", "notice_days": 14, "objection_days": 14, "business_days": False}


def _sent_then_amended(make_agreement, controller, admin_user, sent: dict, draft: dict):
    agreement = make_agreement(controller, state="sent", terms={"subprocessors": OPEN, **sent})
    agreements.update_terms(
        agreement=agreement, terms={"subprocessors": OPEN, **draft}, acting_user=admin_user
    )
    assert list(agreement.versions.order_by("number").values_list("status", flat=True)) == [
        VersionStatus.SUPERSEDED,
        VersionStatus.DRAFT,
    ]
    return agreement


def _clock(processor, admin_user, sp, agreement) -> ChangeAgreement:
    change = services.propose_change(
        processor=processor,
        kind="add",
        subprocessor=sp,
        effective_at=T0 + timedelta(days=20),
        acting_user=admin_user,
        agreements=[agreement],
        include_unsigned=True,
    )
    return ChangeAgreement.objects.get(change=change, agreement=agreement)


def test_the_portal_change_page_checks_the_transfer_against_the_sent_policy(
    client, login, processor, admin_user, user_a, controller_a, make_agreement, make_subprocessor
):
    with time_machine.travel(T0, tick=False):
        agreement = _sent_then_amended(
            make_agreement,
            controller_a,
            admin_user,
            sent={"transfers": {"outside_eea": "with_consent"}},
            draft={"transfers": {"outside_eea": "with_safeguards"}},
        )
        sp = make_subprocessor("Kumo Data KK", country="JP")  # adequacy decision: lawful
        clock = _clock(processor, admin_user, sp, agreement)
        page = login(client, user_a).get(
            reverse("subprocessors:portal_change", args=[clock.code]), HTTP_ACCEPT_LANGUAGE="en"
        )
    text = page.content.decode()
    assert page.status_code == 200 and "Kumo Data KK" in text
    # Version 1 keeps data in the EEA unless the controller agrees in writing; only the draft,
    # which the controller never saw, would let an adequate country pass without that consent.
    assert "explicit written consent is needed" in text


def test_the_settled_objection_is_told_in_the_sent_language(
    processor, admin_user, user_a, controller_a, make_agreement, make_subprocessor
):
    with time_machine.travel(T0, tick=False):
        agreement = _sent_then_amended(
            make_agreement, controller_a, admin_user, sent={"language": "nl"}, draft={"language": "en"}
        )
        assert agreement.binding.language == "en"  # the processor's draft
        clock = _clock(processor, admin_user, make_subprocessor(), agreement)
        assert clock.mode == Mode.OBJECTION
        services.answer_change(clock=clock, answer="object", reason="Liever niet", acting_user=user_a)
        services.resolve_objection(clock=clock, outcome="withdraw", acting_user=admin_user)
    assert ChangeAgreement.objects.get(pk=clock.pk).status == ClockStatus.WITHDRAWN
    update = Notice.objects.get(kind=NoticeKind.SUBPROCESSOR_CHANGE_UPDATE, controller=controller_a)
    assert update.language == "nl"


def test_the_change_procedure_follows_the_sent_terms_not_the_draft(
    processor, admin_user, controller_a, make_agreement, make_subprocessor
):
    # Version 1 (sent): notice with 14 days to object. The unsent draft asks prior consent
    # with 30 days' notice. The controller is asked what version 1 promised it.
    consent = {"authorisation": "specific", "notice_days": 30, "objection_days": 30, "business_days": False}
    with time_machine.travel(T0, tick=False):
        agreement = _sent_then_amended(
            make_agreement, controller_a, admin_user, sent={}, draft={"subprocessors": consent}
        )
        assert agreement.binding.terms["subprocessors"]["authorisation"] == "specific"  # the draft
        clock = _clock(processor, admin_user, make_subprocessor(), agreement)
    assert clock.mode == Mode.OBJECTION
    assert clock.objection_deadline == T0 + timedelta(days=14)


def test_an_agreement_never_sent_is_not_told_and_its_draft_decides_nothing(
    processor, admin_user, controller_a, controller_b, make_agreement, make_subprocessor
):
    # The controller of a never-sent draft cannot see the agreement nor answer a notice on it;
    # the sent agreement beside it is told with its own (sent) terms.
    consent = {"authorisation": "specific", "notice_days": 30, "objection_days": 30, "business_days": False}
    with time_machine.travel(T0, tick=False):
        draft_only = make_agreement(controller_a, state="draft", terms={"subprocessors": consent})
        sent = make_agreement(controller_b, state="sent", terms={"subprocessors": OPEN})
        change = services.propose_change(
            processor=processor, kind="add", subprocessor=make_subprocessor(),
            effective_at=T0 + timedelta(days=20), acting_user=admin_user,
            agreements=[draft_only, sent], include_unsigned=True,
        )
    assert [(c.agreement_id, c.mode) for c in change.clocks.all()] == [(sent.pk, Mode.OBJECTION)]
    assert not Notice.objects.filter(controller=controller_a, kind__startswith="subprocessor").exists()
