"""Objection windows with frozen time: Dutch business days over holidays, calendar days over DST."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from art28.subprocessors import services
from art28.subprocessors.models import ChangeAgreement
from art28.terms.clocks import AMSTERDAM

from .conftest import GENERAL_BUSINESS


def _ams(*args):
    return datetime(*args, tzinfo=AMSTERDAM)


@pytest.fixture
def business_agreement(make_agreement, controller_a):
    return make_agreement(controller_a, state="signed", terms=GENERAL_BUSINESS)


def _clock(processor, admin_user, sp, now, effective):
    with time_machine.travel(now, tick=False):
        change = services.propose_change(
            processor=processor, kind="add", subprocessor=sp, effective_at=effective, acting_user=admin_user
        )
    return ChangeAgreement.objects.get(change=change)


def test_it_skips_christmas_and_new_year(processor, admin_user, make_subprocessor, business_agreement):
    # Fri 18 Dec 2026 10:00. Business days: 21, 22, 23, 24 Dec; Christmas (Fri 25 Dec) and the
    # weekend skipped; 28, 29, 30, 31 Dec; New Year (Fri 1 Jan) and the weekend skipped; 4, 5 Jan.
    sp = make_subprocessor()
    clock = _clock(processor, admin_user, sp, _ams(2026, 12, 18, 10), _ams(2027, 1, 15, 10))
    assert clock.objection_deadline == _ams(2027, 1, 5, 10).astimezone(UTC)
    assert clock.business_days is True


def test_it_skips_kings_day(processor, admin_user, make_subprocessor, business_agreement):
    # Wed 21 Apr 2027; King's Day is Tue 27 Apr 2027.
    sp = make_subprocessor()
    clock = _clock(processor, admin_user, sp, _ams(2027, 4, 21, 12), _ams(2027, 5, 31, 12))
    # Business days: 22, 23, 26, 28, 29, 30 Apr, 3, 4, 5, 7 May: King's Day (Tue 27 Apr) and
    # Ascension Day (Thu 6 May) are skipped, and so are the weekends.
    assert clock.objection_deadline == _ams(2027, 5, 7, 12).astimezone(UTC)


def test_notice_days_in_business_days_block_an_early_date(
    processor, admin_user, make_subprocessor, business_agreement
):
    sp = make_subprocessor()
    with time_machine.travel(_ams(2026, 12, 18, 10), tick=False), pytest.raises(ValidationError) as exc:
        # 14 calendar days, but only 8 Dutch business days: too early for 10 business days.
        services.propose_change(
            processor=processor,
            kind="add",
            subprocessor=sp,
            effective_at=_ams(2027, 1, 1, 10),
            acting_user=admin_user,
        )
    assert business_agreement.reference in str(exc.value)


def test_calendar_days_across_dst_keep_the_local_time(
    processor, admin_user, make_subprocessor, general_agreement
):
    # 14 calendar days from Fri 20 Mar 2026 09:00 CET crosses the switch to CEST on 29 Mar.
    sp = make_subprocessor()
    clock = _clock(processor, admin_user, sp, _ams(2026, 3, 20, 9), _ams(2026, 4, 20, 9))
    local = clock.objection_deadline.astimezone(AMSTERDAM)
    assert (local.date().isoformat(), local.hour) == ("2026-04-03", 9)
    assert clock.objection_deadline - _ams(2026, 3, 20, 9) == timedelta(days=14, hours=-1)


def test_the_window_closes_exactly_at_the_deadline(
    processor, admin_user, user_a, make_subprocessor, business_agreement
):
    sp = make_subprocessor()
    clock = _clock(processor, admin_user, sp, _ams(2026, 12, 18, 10), _ams(2027, 1, 15, 10))
    with time_machine.travel(_ams(2027, 1, 5, 10), tick=False):
        services.answer_change(clock=clock, answer="object", reason="Last minute", acting_user=user_a)
    clock.refresh_from_db()
    assert clock.status == "objected"
