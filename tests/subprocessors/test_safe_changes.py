"""Safe defaults of a sub-processor change (issue 12, items 2, 4 and 5): unsigned agreements
left out, no client left without a recipient in silence, a withdrawal told to those told of
the change, a preview that matches what is sent, and answers that reach the staff."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from art28.ledger.models import Event
from art28.notices.models import Audience, Delivery, Notice, NoticeKind
from art28.notices.services import drain
from art28.parties.models import Contact
from art28.subprocessors import services
from art28.subprocessors.models import ChangeAgreement, ClockStatus, SubprocessorChange
from art28.subprocessors.services.changes import LeftOutReason
from tests.subprocessors.conftest import GENERAL

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)


def _propose(processor, admin_user, sp, **kw):
    return services.propose_change(
        processor=processor, kind="add", subprocessor=sp, effective_at=T0 + timedelta(days=20),
        acting_user=admin_user, **kw,
    )


def _proposed_event(change):
    return Event.objects.get(action="subprocessor.change_proposed", object_code=str(change.code))


def test_it_leaves_unsigned_agreements_out_unless_included(
    processor, admin_user, make_agreement, make_subprocessor, make_controller, general_agreement, controller_b
):
    unsigned = make_agreement(controller_b, state="sent", terms=GENERAL)
    # Never sent: its client cannot see it, so it is never told, included or not.
    never_sent = make_agreement(make_controller("Nog Niet Verstuurd B.V."), terms=GENERAL)
    with time_machine.travel(T0, tick=False):
        sp = make_subprocessor()
        change = _propose(processor, admin_user, sp)
        assert list(change.clocks.values_list("agreement", flat=True)) == [general_agreement.pk]
        assert not Notice.objects.filter(controller=controller_b, kind__startswith="subprocessor").exists()
        data = _proposed_event(change).data
        assert data["left_out_unsigned"] == [unsigned.reference]
        assert data["left_out_not_sent"] == [never_sent.reference]
        assert data["include_unsigned"] is False
        services.withdraw_change(change=change, acting_user=admin_user)

        again = _propose(processor, admin_user, sp, include_unsigned=True)
    assert set(again.clocks.values_list("agreement", flat=True)) == {general_agreement.pk, unsigned.pk}
    assert _proposed_event(again).data["include_unsigned"] is True
    assert _proposed_event(again).data["left_out_not_sent"] == [never_sent.reference]
    told = Notice.objects.filter(controller=never_sent.controller, kind__startswith="subprocessor")
    assert not told.exists()


def test_it_refuses_when_only_agreements_never_sent_are_touched(
    processor, admin_user, make_agreement, make_subprocessor, controller_a
):
    make_agreement(controller_a, terms=GENERAL)
    with time_machine.travel(T0, tick=False):
        sp = make_subprocessor()
        with pytest.raises(ValidationError) as exc:
            _propose(processor, admin_user, sp, include_unsigned=True)
    assert exc.value.error_list[0].code == "not_sent"
    assert "nobody to tell" in str(exc.value)
    assert not SubprocessorChange.objects.exists()


def test_it_refuses_when_only_unsigned_agreements_are_touched(
    processor, admin_user, make_agreement, make_subprocessor, controller_a
):
    make_agreement(controller_a, state="sent", terms=GENERAL)
    with time_machine.travel(T0, tick=False):
        sp = make_subprocessor()
        with pytest.raises(ValidationError) as exc:
            _propose(processor, admin_user, sp)
    assert "include_unsigned" in exc.value.error_dict
    assert not SubprocessorChange.objects.exists()


def test_it_refuses_a_change_that_would_reach_nobody_at_a_client(
    processor, admin_user, make_subprocessor, general_agreement, specific_agreement, controller_b
):
    Contact.objects.filter(controller=controller_b).delete()
    with time_machine.travel(T0, tick=False):
        sp = make_subprocessor()
        with pytest.raises(ValidationError) as exc:
            _propose(processor, admin_user, sp)
        assert controller_b.name in " ".join(exc.value.messages)
        assert not SubprocessorChange.objects.exists()
        assert not Notice.objects.exists() or not Notice.objects.filter(kind__startswith="subprocessor_c")

        change = _propose(processor, admin_user, sp, allow_unreachable=True)
    assert change.clocks.count() == 2
    data = _proposed_event(change).data
    assert data["allow_unreachable"] is True
    assert data["unreachable"] == [controller_b.name] and data["unreachable_count"] == 1


def test_a_webhook_counts_as_a_recipient(
    processor, admin_user, make_subprocessor, specific_agreement, controller_b
):
    Contact.objects.filter(controller=controller_b).delete()
    controller_b.webhook_url = "https://hooks.example/art28"
    controller_b.save()
    with time_machine.travel(T0, tick=False):
        change = _propose(processor, admin_user, make_subprocessor())
    assert change.clocks.count() == 1


def test_the_preview_shows_what_goes_out_and_saves_nothing(
    processor, admin_user, make_agreement, make_subprocessor, general_agreement, specific_agreement,
    make_controller,
):
    unsigned = make_agreement(make_controller("Bakkerij Krent"), state="sent", terms=GENERAL)
    never_sent = make_agreement(make_controller("Slagerij Worst"), terms=GENERAL)
    with time_machine.travel(T0, tick=False):
        sp = make_subprocessor()
        before = (Notice.objects.count(), Event.objects.count())
        preview = services.preview_change(
            processor=processor, kind="add", subprocessor=sp, effective_at=T0 + timedelta(days=20)
        )
        assert (Notice.objects.count(), Event.objects.count()) == before
        assert not SubprocessorChange.objects.exists()
    assert (preview.agreements, preview.recipients, preview.consent, preview.objection) == (2, 2, 1, 1)
    languages = sorted(m.language for m in preview.messages)
    assert languages == ["en", "nl"]
    nl = next(m for m in preview.messages if m.language == "nl")
    assert "Rekenhal Amsterdam B.V." in nl.subject and "bezwaar" in nl.text
    assert sorted((r.reference, r.reason) for r in preview.left_out) == sorted(
        [(unsigned.reference, "unsigned"), (never_sent.reference, "not_sent")])
    labels = {r.reason: str(r.reason_label) for r in preview.left_out}
    assert labels["not_sent"] == "never sent to the client: its client cannot see it yet"
    with translation.override("nl"):
        assert str(LeftOutReason.NOT_SENT.label) == (
            "nooit naar de klant verstuurd: de klant kan haar nog niet zien")
    assert preview.unreachable == []


def test_the_preview_lists_unreachable_clients(
    processor, make_subprocessor, general_agreement, controller_a
):
    Contact.objects.filter(controller=controller_a).update(is_privacy_contact=False, is_signatory=False)
    with time_machine.travel(T0, tick=False):
        preview = services.preview_change(
            processor=processor, kind="add", subprocessor=make_subprocessor(),
            effective_at=T0 + timedelta(days=20),
        )
    assert [c.name for c in preview.unreachable] == [controller_a.name]
    assert preview.recipients == 0


def test_withdrawing_tells_the_clients_that_were_told(
    processor, admin_user, make_subprocessor, general_agreement, specific_agreement, smtp_server, controller_a
):
    with time_machine.travel(T0, tick=False):
        change = _propose(processor, admin_user, make_subprocessor())
        drain()
        smtp_server.messages.clear()
        preview = services.preview_withdrawal(change=change)
        assert (preview.told, preview.recipients) == (2, 2)
        services.withdraw_change(change=change, acting_user=admin_user, note="Plans changed.")
        drain()
    clocks = list(ChangeAgreement.objects.filter(change=change))
    assert {c.status for c in clocks} == {ClockStatus.WITHDRAWN}
    told = Notice.objects.filter(about_code__in=[f"{c.code}:withdrawn" for c in clocks])
    assert told.count() == 2 and {n.kind for n in told} == {NoticeKind.SUBPROCESSOR_CHANGE_UPDATE}
    subjects = sorted(m["subject"] for m in smtp_server.messages)
    assert len(subjects) == 2
    assert any("wijziging ingetrokken" in s for s in subjects)
    assert any("change withdrawn" in s for s in subjects)
    mail_a = smtp_server.to(controller_a.contacts.first().email)[0]
    assert "Plans changed." in mail_a["text"]
    event = Event.objects.get(action="subprocessor.change_withdrawn", object_code=str(change.code))
    assert event.data["told"] == 2


def test_an_objection_reaches_the_assigned_staff(
    processor, admin_user, staff_a, staff_none, user_a, make_subprocessor, general_agreement, smtp_server
):
    with time_machine.travel(T0, tick=False):
        change = _propose(processor, admin_user, make_subprocessor())
        clock = change.clocks.get(agreement=general_agreement)
        services.answer_change(clock=clock, answer="object", reason="Not in our country.", acting_user=user_a)
        drain()
    notice = Notice.objects.get(kind=NoticeKind.ANSWER_RECEIVED)
    assert notice.audience == Audience.PROCESSOR and notice.controller_id is None
    assert list(Delivery.objects.filter(notice=notice).values_list("recipient", flat=True)) == [staff_a.email]
    (mail,) = smtp_server.to(staff_a.email)
    assert "Not in our country." in mail["text"]
    assert "bezwaar" in mail["text"]  # the processor's language
    assert smtp_server.to(staff_none.email) == []


def test_a_consent_with_nobody_assigned_reaches_the_admins(
    processor, admin_user, staff_a, user_b, make_subprocessor, specific_agreement
):
    with time_machine.travel(T0, tick=False):
        change = _propose(processor, admin_user, make_subprocessor())
        clock = change.clocks.get(agreement=specific_agreement)
        services.answer_change(clock=clock, answer="consent", acting_user=user_b)
    notice = Notice.objects.get(kind=NoticeKind.ANSWER_RECEIVED)
    assert list(notice.deliveries.values_list("recipient", flat=True)) == [admin_user.email]
    assert notice.about_code == f"{clock.code}:consented"
