"""The daily digest: through the outbox, once a day from its hour, with an opt-out."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine

from art28.notices.models import Delivery, Notice, NoticeKind
from art28.obligations.digest import send_due_digests

AMS = ZoneInfo("Europe/Amsterdam")


def _setup(make_agreement, controller_a, admin_user, staff_a):
    from art28.requests.services import authority

    staff_a.email, admin_user.email = "staff_a@proc.example", "admin@proc.example"
    staff_a.save()
    admin_user.save()
    a = make_agreement(controller_a, state="signed")
    now = datetime(2026, 10, 24, 6, 0, tzinfo=AMS)
    with time_machine.travel(now - timedelta(days=3), tick=False):
        for hours, name in ((-5, "Overdue Authority"), (30, "Soon Authority"), (24 * 5, "Later Authority")):
            authority.record_authority_request(
                agreement=a, authority_kind="tax", authority=name, legal_basis="Art. 53 AWR",
                description="x", respond_by=now + timedelta(hours=hours), acting_user=admin_user)
    return now


def test_it_mails_what_is_due_in_48_hours_and_what_is_overdue(settings, make_agreement, controller_a,
                                                              admin_user, staff_a, staff_none):
    settings.ART28_DUE_DIGEST_HOUR = 7
    now = _setup(make_agreement, controller_a, admin_user, staff_a)
    with time_machine.travel(now, tick=False):  # 06:00: before the digest's hour
        assert send_due_digests() == 0
    with time_machine.travel(now + timedelta(hours=1), tick=False):
        assert send_due_digests() == 2  # the admin and staff A; staff_none has nothing due
        assert send_due_digests() == 0  # once a day
    notice = Notice.objects.get(kind=NoticeKind.DUE_DIGEST, deliveries__recipient="staff_a@proc.example")
    assert notice.audience == "processor" and notice.controller is None
    assert notice.subject == "Wat moet er gebeuren: 1 te laat, 1 binnen 48 uur"  # the processor's language
    body = notice.body_text
    assert "Overdue Authority" in body and "Soon Authority" in body and "Later Authority" not in body
    assert body.index("Overdue Authority") < body.index("Binnen 48 uur") < body.index("Soon Authority")
    assert "/requests/staff/authority/" in body
    assert Delivery.objects.filter(notice=notice).count() == 1
    with time_machine.travel(now + timedelta(days=1, hours=1), tick=False):
        assert send_due_digests() == 2  # the next day again


def test_opting_out_and_switching_it_off(settings, client, login, make_agreement, controller_a, admin_user,
                                         staff_a):
    settings.ART28_DUE_DIGEST_HOUR = 0
    now = _setup(make_agreement, controller_a, admin_user, staff_a)
    login(client, staff_a)
    assert client.post("/obligations/digest/", {}).status_code == 302  # unchecked box: off
    with time_machine.travel(now, tick=False):
        assert send_due_digests() == 1
    assert not Delivery.objects.filter(recipient="staff_a@proc.example",
                                       notice__kind=NoticeKind.DUE_DIGEST).exists()
    settings.ART28_DUE_DIGEST = False
    with time_machine.travel(now + timedelta(days=1), tick=False):
        assert send_due_digests() == 0


def test_the_periodic_tick_runs_the_digest(settings, make_agreement, controller_a, admin_user, staff_a):
    from art28.notices import periodic

    settings.ART28_DUE_DIGEST_HOUR = 0
    now = _setup(make_agreement, controller_a, admin_user, staff_a)
    with time_machine.travel(now, tick=False):
        results = periodic.run_all()
    assert results["art28.obligations.digest.send_due_digests"] == 2
    assert Notice.objects.filter(kind=NoticeKind.DUE_DIGEST).count() == 2
