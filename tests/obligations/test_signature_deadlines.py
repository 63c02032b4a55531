"""Agreements sent and not signed, or signed and not countersigned, carry a deadline on the
list of what is due: ART28_SIGNATURE_DAYS after the sending, ART28_COUNTERSIGNATURE_DAYS
after the controller's signature, at the same hour on the Amsterdam clock across summer time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from art28.obligations.collect import open_obligations
from art28.obligations.display import as_rows
from art28.obligations.models import ObligationKind as K

AMS = ZoneInfo("Europe/Amsterdam")


def _rows(user, kind):
    return [r for r in as_rows(open_obligations(user)) if r["o"].kind == kind]


def _accept(version, user):
    from art28.agreements import services

    services.accept_version(version=version, acting_user=user, document_sha256=version.document_sha256,
                            signature=services.Signature(name="S. Jansen", function="Director",
                                                         confirmed=True))


def test_it_gives_the_signature_a_deadline_across_the_october_change(
        make_agreement, controller_a, admin_user, staff_a, user_a):
    from art28.agreements import services

    agreement = make_agreement(controller_a, state="draft")
    sent = datetime(2026, 10, 20, 10, 0, tzinfo=AMS)  # CEST; the clocks go back on 25 October
    with time_machine.travel(sent, tick=False):
        services.send_for_signature(version=agreement.latest, acting_user=admin_user)
        [staff_row] = _rows(staff_a, K.SIGNATURE)
        [portal_row] = _rows(user_a, K.TO_SIGN)
    # 14 days later at 10:00 on the clock, now CET: 14 days and one hour in UTC.
    assert staff_row["o"].due == datetime(2026, 11, 3, 10, 0, tzinfo=AMS)
    assert staff_row["o"].due - sent == timedelta(days=14, hours=1)
    assert staff_row["due"] == "3 November 2026, 10:00"
    assert staff_row["left"] == "14 days 1 hour" and staff_row["css"] == "due-later"  # the night back is long
    assert portal_row["o"].due == staff_row["o"].due
    assert portal_row["o"].url == reverse("agreements:portal_agreement", args=[agreement.code])
    with time_machine.travel(datetime(2026, 11, 3, 10, 30, tzinfo=AMS), tick=False):
        [late] = _rows(staff_a, K.SIGNATURE)
        assert (late["left"], late["css"]) == ("overdue by 30 minutes", "due-overdue")


def test_it_gives_the_countersignature_its_own_deadline_across_the_march_change(
        make_agreement, controller_a, admin_user, staff_a, user_a, settings):
    from art28.agreements.models import AgreementVersion

    settings.ART28_COUNTERSIGNATURE_DAYS = 3
    with time_machine.travel(datetime(2026, 3, 20, 9, 0, tzinfo=AMS), tick=False):
        agreement = make_agreement(controller_a, state="sent")
    signed = datetime(2026, 3, 27, 16, 15, tzinfo=AMS)  # CET; summer time starts on 29 March
    with time_machine.travel(signed, tick=False):
        _accept(AgreementVersion.objects.get(agreement=agreement), user_a)
        assert _rows(staff_a, K.SIGNATURE) == [] and _rows(user_a, K.TO_SIGN) == []
        [row] = _rows(staff_a, K.COUNTERSIGNATURE)
    assert row["o"].due == datetime(2026, 3, 30, 16, 15, tzinfo=AMS)
    assert row["o"].due - signed == timedelta(days=3, hours=-1)  # the night of the change is short
    assert row["o"].due.astimezone(UTC) == datetime(2026, 3, 30, 14, 15, tzinfo=UTC)
    assert row["due"] == "30 March 2026, 16:15"
