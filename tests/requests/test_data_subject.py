"""Data subject requests: the forwarding clock, the controller's month, tasks, mail, refusals."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from art28.agreements.services import termination
from art28.notices.models import Audience, Notice, NoticeKind
from art28.requests.models import DsrStatus, TaskStatus
from art28.requests.services import data_subject
from tests.requests.conftest import last_event

pytestmark = pytest.mark.django_db


def _log(agreement, user, **kw):
    args = {
        "kind": "erasure",
        "requester": "J. de Boer (patient 1042)",
        "details": "Remove my records",
        "channel": "e-mail to support",
        "acting_user": user,
        **kw,
    }
    return data_subject.record_data_subject_request(agreement=agreement, **args)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # Friday evening in Amsterdam: forward by the end of Monday (local 23:59:59 = 22:59:59 UTC in winter).
        (datetime(2026, 1, 16, 18, 0, tzinfo=UTC), datetime(2026, 1, 19, 22, 59, 59, tzinfo=UTC)),
        # Wednesday before King's Day (Mon 27 Apr 2026 is a holiday): Thursday 23:59:59 CEST.
        (datetime(2026, 4, 22, 9, 0, tzinfo=UTC), datetime(2026, 4, 23, 21, 59, 59, tzinfo=UTC)),
        # Friday 24 Apr: the weekend and King's Day are skipped, Tuesday 28 Apr.
        (datetime(2026, 4, 24, 9, 0, tzinfo=UTC), datetime(2026, 4, 28, 21, 59, 59, tzinfo=UTC)),
        # Friday 27 Mar 2026, DST starts Sunday: Monday 23:59:59 CEST is 21:59:59 UTC.
        (datetime(2026, 3, 27, 12, 0, tzinfo=UTC), datetime(2026, 3, 30, 21, 59, 59, tzinfo=UTC)),
    ],
)
def test_it_sets_the_forwarding_deadline_to_the_next_working_day(received, due, signed_a, staff_a):
    with time_machine.travel(received, tick=False):
        dsr = _log(signed_a, staff_a)
    assert dsr.forward_by == due
    assert not dsr.forwarded_late


def test_it_marks_a_request_forwarded_after_its_deadline_late(signed_a, staff_a):
    with time_machine.travel(datetime(2026, 2, 10, 9, 0, tzinfo=UTC), tick=False):
        dsr = _log(signed_a, staff_a, received_at=datetime(2026, 2, 5, 9, 0, tzinfo=UTC))
    assert dsr.forwarded_late
    assert last_event("dsr.forwarded").data["late"] is True


def test_it_gives_the_controller_one_month_extendable_by_two(signed_a, staff_a, user_a):
    with time_machine.travel(datetime(2026, 1, 31, 10, 0, tzinfo=UTC), tick=False):
        dsr = _log(signed_a, staff_a)
        # 31 January + one month is the last day of February, same local time.
        assert dsr.answer_due == datetime(2026, 2, 28, 10, 0, tzinfo=UTC)
        dsr = data_subject.extend_answer_period(request=dsr, reason="Many systems", acting_user=user_a)
    assert dsr.answer_due == datetime(2026, 4, 30, 9, 0, tzinfo=UTC)  # CEST by then, same local 11:00


def test_it_refuses_an_extension_after_the_month(signed_a, staff_a, user_a, refused):
    with time_machine.travel(datetime(2026, 1, 5, 10, 0, tzinfo=UTC), tick=False):
        dsr = _log(signed_a, staff_a)
    with time_machine.travel(datetime(2026, 2, 6, 10, 0, tzinfo=UTC), tick=False):
        refused(
            lambda: data_subject.extend_answer_period(request=dsr, reason="late", acting_user=user_a),
            "passed",
        )


def test_it_forwards_tracks_the_task_and_mails_both_sides(
    signed_a, staff_a, user_a, smtp_server, deliver, controller_a
):
    dsr = _log(signed_a, staff_a)
    notice = Notice.objects.get(kind=NoticeKind.DATA_SUBJECT_REQUEST, about_code=str(dsr.code))
    assert notice.deadline == dsr.answer_due
    task = data_subject.ask_task(
        request=dsr, action="delete", instructions="Delete from the PMS", acting_user=user_a
    )
    assert Notice.objects.get(about_code=str(task.code), audience=Audience.PROCESSOR)
    task = data_subject.complete_task(
        task=task,
        evidence="Deleted 14 rows; log ref 77",
        evidence_file=("log.txt", b"deleted 14 rows"),
        acting_user=staff_a,
    )
    assert task.status == TaskStatus.DONE and len(task.evidence_sha256) == 64
    deliver()
    signer = controller_a.contacts.get().email
    subjects = [m["subject"] for m in smtp_server.to(signer)]
    assert any("doorgestuurd" in s for s in subjects)  # controller A reads Dutch
    assert any("uitgevoerd" in s for s in subjects)
    assert smtp_server.to("iris@wolkenrand.example"), "the processor's contact gets the task"
    forwarded = next(m for m in smtp_server.to(signer) if "doorgestuurd" in m["subject"])
    assert "Remove my records" in forwarded["text"] and "J. de Boer" in forwarded["text"]
    dsr = data_subject.close_request(request=dsr, acting_user=user_a)
    assert dsr.status == DsrStatus.CLOSED and last_event().action == "dsr.closed"


def test_it_refuses_to_close_while_a_task_is_open(signed_a, staff_a, user_a, refused):
    dsr = _log(signed_a, staff_a)
    data_subject.ask_task(request=dsr, action="search", instructions="Find all records", acting_user=user_a)
    refused(lambda: data_subject.close_request(request=dsr, acting_user=user_a), "still open")


def test_it_refuses_a_task_done_twice(signed_a, staff_a, user_a, refused):
    dsr = _log(signed_a, staff_a)
    task = data_subject.ask_task(request=dsr, action="search", instructions="Find", acting_user=user_a)
    data_subject.complete_task(task=task, evidence="Found 2", acting_user=staff_a)
    refused(lambda: data_subject.complete_task(task=task, evidence="again", acting_user=staff_a), "already")


def test_it_refuses_bad_input_naming_each_field(signed_a, staff_a, refused):
    err = refused(lambda: _log(signed_a, staff_a, kind="wish", requester=" ", details=""))
    assert set(err.message_dict) == {"kind", "requester", "details"}


def test_it_refuses_a_request_for_an_ended_agreement(signed_a, staff_a, refused):
    termination.terminate_agreement(agreement=signed_a, reason="agreement", acting_user=staff_a)
    refused(lambda: _log(signed_a, staff_a), "has ended")
