"""Notice deadlines in continuous hours across DST and weekends; reminders at 50 % and 80 %."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from art28.breaches.models import AffectedAgreement
from art28.breaches.services import open_incident, send_notices, send_reminders
from art28.notices.models import Audience, Notice, NoticeKind

AMS = ZoneInfo("Europe/Amsterdam")


def _open(processor, sp, user, aware_at):
    return open_incident(processor=processor, acting_user=user, subprocessors=[sp],
                         facts={"title": "Clock test", "aware_at": aware_at})


@pytest.mark.django_db
@pytest.mark.parametrize(("aware_local", "hours_a", "deadline_a_local", "deadline_b_local"), [
    # Saturday 28 March 2026, the night before summer time starts (02:00 → 03:00):
    # 24 continuous hours end at 23:00 local, not 22:00; 48 hours on Monday at 23:00.
    (datetime(2026, 3, 28, 22, 0), 24, datetime(2026, 3, 29, 23, 0), datetime(2026, 3, 30, 23, 0)),
    # Saturday 24 October 2026, before winter time (03:00 → 02:00): one hour earlier locally.
    (datetime(2026, 10, 24, 22, 0), 24, datetime(2026, 10, 25, 21, 0), datetime(2026, 10, 26, 21, 0)),
    # Friday evening: weekends count, so 24 hours end on Saturday.
    (datetime(2026, 6, 5, 18, 30), 24, datetime(2026, 6, 6, 18, 30), datetime(2026, 6, 7, 18, 30)),
])
def test_it_counts_continuous_hours_across_dst_and_weekends(processor, subprocessor, admin_user,
                                                            agreements, aware_local, hours_a,
                                                            deadline_a_local, deadline_b_local, settings):
    settings.ART28_UNDUE_DELAY_HOURS = 48
    aware = aware_local.replace(tzinfo=AMS)
    with time_machine.travel(aware + timedelta(minutes=5), tick=False):
        incident = _open(processor, subprocessor, admin_user, aware)
    a = AffectedAgreement.objects.get(incident=incident, agreement=agreements[0])
    b = AffectedAgreement.objects.get(incident=incident, agreement=agreements[1])
    assert (a.notice_hours, a.hours_source) == (hours_a, "agreement")
    assert (b.notice_hours, b.hours_source) == (48, "undue_delay")
    assert a.deadline - aware == timedelta(hours=24) and b.deadline - aware == timedelta(hours=48)
    assert a.deadline.astimezone(AMS).replace(tzinfo=None) == deadline_a_local
    assert b.deadline.astimezone(AMS).replace(tzinfo=None) == deadline_b_local


@pytest.mark.django_db
def test_it_uses_the_undue_delay_setting(processor, subprocessor, admin_user, agreements, settings):
    settings.ART28_UNDUE_DELAY_HOURS = 36
    aware = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
    with time_machine.travel(aware, tick=False):
        incident = _open(processor, subprocessor, admin_user, aware)
    b = incident.affected.get(agreement=agreements[1])
    assert b.deadline == aware + timedelta(hours=36)


@pytest.mark.django_db
def test_it_moves_every_clock_when_awareness_is_corrected(incident, admin_user, later):
    from art28.breaches.services import update_incident

    earlier = incident.aware_at - timedelta(hours=3)
    update_incident(incident=incident, facts={"aware_at": earlier}, acting_user=admin_user)
    for row in incident.affected.all():
        assert row.deadline == earlier + timedelta(hours=row.notice_hours)


@pytest.mark.django_db(transaction=True)
def test_it_reminds_staff_once_at_50_and_80_percent(processor, subprocessor, admin_user, staff_a,
                                                   agreements):
    aware = datetime(2026, 3, 28, 22, 0, tzinfo=AMS)
    with time_machine.travel(aware, tick=False) as clock:
        incident = _open(processor, subprocessor, staff_a, aware)
        assert send_reminders() == 0
        clock.shift(timedelta(hours=12, minutes=1))  # A (24 h) at 50 %; B (48 h) at 25 %
        assert send_reminders() == 1 and send_reminders() == 0
        clock.shift(timedelta(hours=8))  # A at 83 %
        assert send_reminders() == 1
        clock.shift(timedelta(hours=5))  # A overdue, B at 50 %
        assert send_reminders() == 1
        rows = {r.agreement_id: r for r in incident.affected.all()}
        assert rows[agreements[0].pk].is_overdue() and not rows[agreements[1].pk].is_overdue()
    reminders = Notice.objects.filter(kind=NoticeKind.BREACH_REMINDER)
    assert reminders.count() == 3
    assert set(reminders.values_list("audience", flat=True)) == {Audience.PROCESSOR}
    assert "staff_a@example.test" in set(reminders.values_list("deliveries__recipient", flat=True))
    assert "80%" in reminders.order_by("created_at")[1].subject


@pytest.mark.django_db
def test_it_stops_reminding_once_notified(incident, admin_user):
    send_notices(incident=incident, stage="initial", acting_user=admin_user)
    with time_machine.travel(incident.aware_at + timedelta(hours=40), tick=False):
        assert send_reminders() == 0


@pytest.mark.django_db
def test_it_runs_reminders_from_the_periodic_tick():
    from art28.notices import periodic

    assert "art28.breaches.services.clocks.send_reminders" in periodic.jobs()


@pytest.mark.django_db
def test_it_lists_clocks_and_reminds_from_the_command(incident):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    with time_machine.travel(incident.aware_at + timedelta(hours=30), tick=False):
        call_command("breach_clocks", stdout=out)
    text = out.getvalue()
    assert "OVERDUE" in text and "h left" in text and "reminders queued: 2" in text
