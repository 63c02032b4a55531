"""Every clock on the list with frozen time, across the changes to and from summer time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.utils import timezone

from art28.obligations.collect import open_obligations
from art28.obligations.display import as_rows
from art28.obligations.models import ObligationKind as K

AMS = ZoneInfo("Europe/Amsterdam")


def _row(user, kind):
    rows = [r for r in as_rows(open_obligations(user)) if r["o"].kind == kind]
    assert len(rows) == 1, rows
    return rows[0]


def test_a_24_hour_breach_clock_over_the_march_change_is_24_hours(processor, admin_user, staff_a,
                                                                  subprocessor):
    from art28.breaches.services import open_incident

    # Saturday noon CET; clocks go forward that night. Added to in UTC (wall-clock sums would skip an hour).
    aware = datetime(2026, 3, 28, 12, 0, tzinfo=AMS).astimezone(UTC)
    with time_machine.travel(aware, tick=False):
        open_incident(processor=processor, acting_user=admin_user, subprocessors=[subprocessor],
                      facts={"title": "Bucket readable", "aware_at": timezone.now(), "confidentiality": True,
                             "description": "Public for two hours."})
        row = _row(staff_a, K.BREACH_NOTICE)
        assert row["o"].due - aware == timedelta(hours=24)
        assert row["due"] == "29 March 2026, 13:00"  # 13:00 CEST is 24 hours after 12:00 CET
        assert (row["left"], row["css"]) == ("1 day", "due-week")
    with time_machine.travel(aware + timedelta(hours=23, minutes=30), tick=False):
        assert (_row(staff_a, K.BREACH_NOTICE)["left"], _row(staff_a, K.BREACH_NOTICE)["css"]) == (
            "30 minutes", "due-day")
    with time_machine.travel(aware + timedelta(hours=26), tick=False):
        assert (_row(staff_a, K.BREACH_NOTICE)["left"], _row(staff_a, K.BREACH_NOTICE)["css"]) == (
            "overdue by 2 hours", "due-overdue")


def test_the_one_month_clock_over_the_october_change_keeps_the_local_hour(make_agreement, controller_a,
                                                                          staff_a):
    from art28.requests.services import data_subject

    agreement = make_agreement(controller_a, state="signed")
    received = datetime(2026, 10, 10, 9, 0, tzinfo=AMS)  # CEST; the clocks go back on 25 October
    with time_machine.travel(received, tick=False):
        data_subject.record_data_subject_request(agreement=agreement, kind="erasure", requester="P. Jansen",
                                                 details="Delete me", channel="e-mail", acting_user=staff_a)
        row = _row(staff_a, K.DATA_SUBJECT_REQUEST)
        assert row["due"] == "10 November 2026, 09:00"  # CET now, the same hour on the clock
        assert row["o"].due - received == timedelta(days=31, hours=1)
        assert row["css"] == "due-later"
    with time_machine.travel(datetime(2026, 11, 4, 9, 0, tzinfo=AMS), tick=False):
        assert _row(staff_a, K.DATA_SUBJECT_REQUEST)["css"] == "due-week"


def test_an_objection_window_and_the_timeline_use_local_days(processor, admin_user, staff_a, signed_pair):
    from art28.obligations.timeline import timeline
    from art28.subprocessors import services
    from art28.subprocessors.models import ChangeAgreement

    start = datetime(2026, 10, 20, 23, 30, tzinfo=AMS)  # 14 days: the window ends after the change
    with time_machine.travel(start, tick=False):
        sp = services.register_subprocessor(processor=processor, acting_user=admin_user, data={
            "name": "Rekenhal B.V.", "country": "NL", "service": "Hosting", "locations": ["NL"]})
        change = services.propose_change(processor=processor, kind="add", subprocessor=sp,
                                         effective_at=start + timedelta(days=40), acting_user=admin_user)
        clock = ChangeAgreement.objects.get(change=change, agreement=signed_pair[0])
        row = _row(staff_a, K.OBJECTION_WINDOW)
        assert row["o"].due == clock.objection_deadline
        assert row["due"] == "3 November 2026, 23:30"
        marks = timeline(open_obligations(staff_a))["marks"]
        # 20 October + 14 days = 3 November: the 15th column (index 14), not shifted by the hour.
        assert [m.x for m in marks] == [8 + 14 * 30 + 3]
