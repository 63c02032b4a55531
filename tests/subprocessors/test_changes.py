"""propose_change, answer_change, resolve_objection, activate_due_changes, assert_may_use."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from art28.ledger.models import Event
from art28.notices.models import Delivery, Notice, NoticeKind
from art28.subprocessors import services
from art28.subprocessors.models import (
    AgreementSubprocessor,
    Basis,
    ChangeAgreement,
    ChangeKind,
    ChangeStatus,
    ClockStatus,
    LinkStatus,
    Mode,
    SubprocessorChange,
)

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)  # a Monday


def _propose(processor, admin_user, sp, *, days=20, **kw):
    return services.propose_change(
        processor=processor,
        kind=kw.pop("kind", ChangeKind.ADD),
        subprocessor=sp,
        effective_at=T0 + timedelta(days=days),
        acting_user=admin_user,
        **kw,
    )


@pytest.fixture
def both(general_agreement, specific_agreement):
    return general_agreement, specific_agreement


def test_it_applies_each_agreements_terms(processor, admin_user, make_subprocessor, both):
    general, specific = both
    with time_machine.travel(T0, tick=False):
        sp = make_subprocessor()
        change = _propose(processor, admin_user, sp)
    g = ChangeAgreement.objects.get(change=change, agreement=general)
    s = ChangeAgreement.objects.get(change=change, agreement=specific)
    assert (g.mode, g.status) == (Mode.OBJECTION, ClockStatus.WINDOW_OPEN)
    assert g.objection_deadline == T0 + timedelta(days=14)
    assert g.takes_effect_at == T0 + timedelta(days=20)
    assert (s.mode, s.status) == (Mode.CONSENT, ClockStatus.AWAITING_CONSENT)
    assert g.notice.kind == NoticeKind.SUBPROCESSOR_CHANGE_NOTICE
    assert s.notice.kind == NoticeKind.SUBPROCESSOR_CONSENT_REQUEST
    assert (
        AgreementSubprocessor.objects.open().filter(subprocessor=sp, status=LinkStatus.PENDING).count() == 2
    )
    assert Event.objects.filter(action="subprocessor.change_proposed", object_code=str(change.code)).exists()


def test_it_queues_one_notice_per_change_agreement_and_recipient(
    processor, admin_user, make_subprocessor, both
):
    with time_machine.travel(T0, tick=False):
        change = _propose(processor, admin_user, make_subprocessor())
    codes = [str(c) for c in change.clocks.values_list("code", flat=True)]
    notices = Notice.objects.filter(about_type="changeclock", about_code__in=codes)
    assert notices.count() == 2
    for notice in notices:
        recipients = list(
            Delivery.objects.filter(notice=notice, channel="email").values_list("recipient", flat=True)
        )
        assert len(recipients) == len(set(recipients)) == 1


def test_it_refuses_a_date_sooner_than_some_agreements_allow(processor, admin_user, make_subprocessor, both):
    general, _specific = both
    with time_machine.travel(T0, tick=False):
        sp = make_subprocessor()
        with pytest.raises(ValidationError) as exc:
            _propose(processor, admin_user, sp, days=7)
    assert general.reference in str(exc.value)
    assert not SubprocessorChange.objects.exists()
    assert not Notice.objects.filter(about_type="changeclock").exists()
    assert not AgreementSubprocessor.objects.filter(status=LinkStatus.PENDING).exists()


def test_it_splits_into_the_agreements_that_allow_the_date(processor, admin_user, make_subprocessor, both):
    general, specific = both
    with time_machine.travel(T0, tick=False):
        change = _propose(processor, admin_user, make_subprocessor(), days=7, split=True)
    assert list(change.clocks.values_list("agreement", flat=True)) == [specific.pk]
    event = Event.objects.get(action="subprocessor.change_proposed")
    assert event.data["left_out"] == [general.reference]


@pytest.mark.parametrize("when", [T0 - timedelta(hours=1), T0])
def test_it_refuses_an_effective_date_in_the_past(processor, admin_user, make_subprocessor, both, when):
    with time_machine.travel(T0, tick=False):
        sp = make_subprocessor()
        with pytest.raises(ValidationError) as exc:
            services.propose_change(
                processor=processor, kind="add", subprocessor=sp, effective_at=when, acting_user=admin_user
            )
    assert "effective_at" in exc.value.message_dict
    assert not SubprocessorChange.objects.exists()


def test_it_refuses_a_change_touching_no_agreement(processor, admin_user, make_subprocessor):
    with time_machine.travel(T0, tick=False):
        sp = make_subprocessor()
        with pytest.raises(ValidationError, match="touches no agreement"):
            _propose(processor, admin_user, sp)
    assert not SubprocessorChange.objects.exists()


def test_it_activates_only_after_the_window_and_the_date(processor, admin_user, make_subprocessor, both):
    general, _ = both
    with time_machine.travel(T0, tick=False):
        sp = make_subprocessor()
        _propose(processor, admin_user, sp)
        with pytest.raises(services.NotAuthorised):
            services.assert_may_use(sp, general)
    services.activate_due_changes(T0 + timedelta(days=14, seconds=1))
    clock = ChangeAgreement.objects.get(agreement=general)
    assert clock.status == ClockStatus.CLEARED
    with pytest.raises(services.NotAuthorised):
        services.assert_may_use(sp, general, at=T0 + timedelta(days=15))
    with time_machine.travel(T0 + timedelta(days=20), tick=False):
        assert services.activate_due_changes()["activated"] == 1
        services.assert_may_use(sp, general)
    clock.refresh_from_db()
    assert clock.status == ClockStatus.ACTIVE
    link = AgreementSubprocessor.objects.open().get(subprocessor=sp, agreement=general)
    assert (link.status, link.basis, link.since) == (
        LinkStatus.AUTHORISED,
        Basis.NO_OBJECTION,
        T0 + timedelta(days=20),
    )
    assert list(services.agreements_using(sp, at=T0 + timedelta(days=19))) == []
    assert list(services.agreements_using(sp, at=T0 + timedelta(days=21))) == [general]
    assert Event.objects.filter(action="subprocessor.change_in_effect").count() == 1


def test_it_never_uses_a_sub_processor_without_consent(processor, admin_user, make_subprocessor, both):
    _general, specific = both
    with time_machine.travel(T0, tick=False):
        sp = make_subprocessor()
        _propose(processor, admin_user, sp)
    services.activate_due_changes(T0 + timedelta(days=60))
    with pytest.raises(services.NotAuthorised, match="Awaiting consent"):
        services.assert_may_use(sp, specific, at=T0 + timedelta(days=60))
    clock = ChangeAgreement.objects.get(agreement=specific)
    with time_machine.travel(T0 + timedelta(days=61), tick=False):
        services.answer_change(clock=clock, answer="consent", acting_user=admin_user)
        services.activate_due_changes()
        services.assert_may_use(sp, specific)
    link = AgreementSubprocessor.objects.open().get(subprocessor=sp, agreement=specific)
    assert (link.basis, link.since) == (Basis.CONSENT, T0 + timedelta(days=61))


def test_it_refuses_consenting_twice(processor, admin_user, user_b, make_subprocessor, both):
    with time_machine.travel(T0, tick=False):
        _propose(processor, admin_user, make_subprocessor())
        clock = ChangeAgreement.objects.get(agreement=both[1])
        services.answer_change(clock=clock, answer="consent", acting_user=user_b)
        with pytest.raises(ValidationError, match="already answered"):
            services.answer_change(clock=clock, answer="consent", acting_user=user_b)
    assert Event.objects.filter(action="subprocessor.change_consented").count() == 1


def test_it_refuses_an_objection_after_the_window(processor, admin_user, user_a, make_subprocessor, both):
    with time_machine.travel(T0, tick=False):
        _propose(processor, admin_user, make_subprocessor())
    clock = ChangeAgreement.objects.get(agreement=both[0])
    with time_machine.travel(T0 + timedelta(days=14, minutes=1), tick=False):
        with pytest.raises(ValidationError, match="objection window closed"):
            services.answer_change(
                clock=clock, answer="object", reason="Not in our country", acting_user=user_a
            )
    clock.refresh_from_db()
    assert clock.status == ClockStatus.WINDOW_OPEN and clock.reason == ""


def test_it_needs_a_reason_to_object(processor, admin_user, user_a, make_subprocessor, both):
    with time_machine.travel(T0, tick=False):
        _propose(processor, admin_user, make_subprocessor())
        clock = ChangeAgreement.objects.get(agreement=both[0])
        with pytest.raises(ValidationError) as exc:
            services.answer_change(clock=clock, answer="object", reason="  ", acting_user=user_a)
    assert "reason" in exc.value.message_dict


def test_an_objection_blocks_until_resolved(processor, admin_user, user_a, make_subprocessor, both):
    general, _ = both
    with time_machine.travel(T0, tick=False):
        sp = make_subprocessor()
        alt = make_subprocessor("Backup Noord B.V.")
        change = _propose(processor, admin_user, sp)
        clock = ChangeAgreement.objects.get(change=change, agreement=general)
        services.answer_change(clock=clock, answer="object", reason="Too risky", acting_user=user_a)
    services.activate_due_changes(T0 + timedelta(days=30))
    clock.refresh_from_db()
    assert clock.status == ClockStatus.OBJECTED
    with pytest.raises(services.NotAuthorised):
        services.assert_may_use(sp, general, at=T0 + timedelta(days=30))
    assert SubprocessorChange.objects.get(pk=change.pk).status == ChangeStatus.OPEN
    with time_machine.travel(T0 + timedelta(days=2), tick=False):
        services.resolve_objection(
            clock=clock,
            outcome="alternative",
            alternative=alt,
            note="Use Noord",
            acting_user=admin_user,
            effective_at=T0 + timedelta(days=30),
        )
    clock.refresh_from_db()
    assert clock.status == ClockStatus.ALTERNATIVE
    offered = SubprocessorChange.objects.get(subprocessor=alt)
    assert list(offered.clocks.values_list("agreement", flat=True)) == [general.pk]
    update = Notice.objects.get(kind=NoticeKind.SUBPROCESSOR_CHANGE_UPDATE)
    assert "Backup Noord" in update.body_text
    assert Event.objects.filter(action="subprocessor.objection_resolved").count() == 1


def test_resolving_by_ending_the_agreement(processor, admin_user, user_a, make_subprocessor, both):
    general, _ = both
    with time_machine.travel(T0, tick=False):
        sp = make_subprocessor()
        _propose(processor, admin_user, sp)
        clock = ChangeAgreement.objects.get(agreement=general)
        services.answer_change(clock=clock, answer="object", reason="No", acting_user=user_a)
        services.resolve_objection(clock=clock, outcome="agreement_ended", acting_user=admin_user)
    general.refresh_from_db()
    assert general.ended_at == T0
    assert (
        AgreementSubprocessor.objects.open().get(agreement=general, subprocessor=sp).status
        == LinkStatus.WITHDRAWN
    )
    # Ending is the real termination: the return-or-destruction workflow is open.
    from art28.agreements.models import Termination

    termination = Termination.objects.get(agreement=general)
    assert sp.name in termination.note
    assert Event.objects.filter(action="agreement.ended", object_code=str(general.code)).exists()


def test_it_requires_written_consent_for_a_transfer_under_general(
    processor, admin_user, make_agreement, controller_a, make_subprocessor
):
    eea_only = make_agreement(
        controller_a,
        state="signed",
        terms={
            "subprocessors": {"authorisation": "general", "notice_days": 14, "objection_days": 14},
            "transfers": {"outside_eea": "with_consent"},
        },
    )
    with time_machine.travel(T0, tick=False):
        sp = make_subprocessor("Cloudy Inc.", country="US", dpf_certified=True, transfer_mechanism="dpf")
        change = _propose(processor, admin_user, sp)
    clock = change.clocks.get(agreement=eea_only)
    assert (clock.mode, clock.transfer_consent) == (Mode.CONSENT, True)
    assert (
        "written consent" in clock.notice.body_text or "schriftelijke toestemming" in clock.notice.body_text
    )


def test_it_refuses_an_unlawful_transfer(processor, admin_user, make_subprocessor, both):
    with time_machine.travel(T0, tick=False):
        sp = make_subprocessor("Nowhere Ltd", country="IN")
        with pytest.raises(ValidationError, match="no adequacy decision"):
            _propose(processor, admin_user, sp)
    assert not SubprocessorChange.objects.exists()


def test_replace_and_remove(processor, admin_user, make_subprocessor, both):
    general, specific = both
    with time_machine.travel(T0, tick=False):
        old = make_subprocessor("Oud Hosting B.V.", named=True)
        new = make_subprocessor("Nieuw Hosting B.V.")
        change = _propose(processor, admin_user, new, kind="replace", replaces=old)
        services.answer_change(
            clock=change.clocks.get(agreement=specific), answer="consent", acting_user=admin_user
        )
    services.activate_due_changes(T0 + timedelta(days=20))
    at = T0 + timedelta(days=21)
    assert set(services.authorised_subprocessors(general, at=at)) == {new}
    assert set(services.authorised_subprocessors(specific, at=at)) == {new}
    assert set(services.authorised_subprocessors(general, at=T0 + timedelta(days=1))) == {old}
    with time_machine.travel(T0 + timedelta(days=25), tick=False):
        removal = _propose(processor, admin_user, new, kind="remove", days=30)
    assert set(removal.clocks.values_list("mode", flat=True)) == {Mode.INFORM}
    services.activate_due_changes(T0 + timedelta(days=56))
    assert not services.agreements_using(new, at=T0 + timedelta(days=56)).exists()
    new.refresh_from_db()
    assert new.status == "retired"


def test_withdrawing_a_change(processor, admin_user, make_subprocessor, both):
    with time_machine.travel(T0, tick=False):
        sp = make_subprocessor()
        change = _propose(processor, admin_user, sp)
        services.withdraw_change(change=change, acting_user=admin_user)
    assert set(change.clocks.values_list("status", flat=True)) == {ClockStatus.WITHDRAWN}
    services.activate_due_changes(T0 + timedelta(days=60))
    assert not services.agreements_using(sp, at=T0 + timedelta(days=60)).exists()


def test_proposing_the_same_again_sends_nothing_twice(processor, admin_user, make_subprocessor, both):
    with time_machine.travel(T0, tick=False):
        sp = make_subprocessor()
        _propose(processor, admin_user, sp)
        before = Notice.objects.count()
        with pytest.raises(ValidationError, match="touches no agreement"):
            _propose(processor, admin_user, sp, days=40)
    assert Notice.objects.count() == before
    assert SubprocessorChange.objects.count() == 1


def test_the_worker_runs_activation_on_its_tick():
    from art28.notices import periodic

    assert "art28.subprocessors.services.activate_due_changes" in periodic.jobs()


def test_privacy_contacts_get_a_portal_invitation_with_their_first_notice(
    processor, admin_user, make_subprocessor, both
):
    from art28.accounts.models import Invitation
    from art28.parties.models import Contact

    for n, agreement in enumerate(both):
        Contact.objects.create(controller=agreement.controller, name=f"Privacy {n}",
                               email=f"privacy{n}@client.example", is_privacy_contact=True)
    before = Invitation.objects.count()
    with time_machine.travel(T0, tick=False):
        _propose(processor, admin_user, make_subprocessor())
    fresh = {"privacy0@client.example", "privacy1@client.example"}
    assert set(Invitation.objects.open().filter(email__in=fresh).values_list("email", flat=True)) == fresh
    # No separate mail: the change notice itself carries each new person's invitation.
    assert not Delivery.objects.filter(notice__kind=NoticeKind.INVITATION).exists()
    mails = Delivery.objects.exclude(personal_link="")
    # The new privacy contacts, and the signatories whose invitation (with the agreement) is
    # still open: they get a fresh link to it, so this link works for them too.
    signers = {a.controller.signatories().get().email for a in both}
    assert set(mails.values_list("recipient", flat=True)) == fresh | signers
    assert all("/invite/" in d.personal_link and "next=/subprocessors/portal/" in d.personal_link
               for d in mails)
    assert Event.objects.filter(action="account.invited_with_notice").count() == 1
    # the second notice brings no second invitation
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        _propose(processor, admin_user, make_subprocessor(name="Second Cloud"))
    assert Invitation.objects.count() == before + 2
