"""Documented instructions: given, recorded from e-mail, flagged and held, confirmed or withdrawn."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest
import time_machine

from art28.agreements.services import termination
from art28.notices.models import Notice, NoticeKind
from art28.requests.models import InstructionSource, InstructionStatus
from art28.requests.services import instructions
from tests.requests.conftest import last_event

pytestmark = pytest.mark.django_db


def test_it_keeps_the_text_author_and_time_of_an_instruction(signed_a, user_a):
    with time_machine.travel(datetime(2026, 3, 2, 8, 30, tzinfo=UTC), tick=False):
        i = instructions.give_instruction(agreement=signed_a, text="Keep backups 90 days", acting_user=user_a)
    assert (i.text, i.author_name, i.given_at, i.source) == (
        "Keep backups 90 days",
        "user_a",
        datetime(2026, 3, 2, 8, 30, tzinfo=UTC),
        "portal",
    )
    assert i.is_followed and last_event().data["text"] == "Keep backups 90 days"


def test_it_records_a_mailed_instruction_with_the_mail(signed_a, staff_a):
    mail = b"From: sanne@zonnebloem.example\r\nSubject: backups\r\n\r\nPlease keep 90 days."
    i = instructions.record_mailed_instruction(
        agreement=signed_a,
        text="Keep backups 90 days",
        author_name="Sanne Jansen",
        given_at=datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
        mail=("instruction.eml", mail),
        acting_user=staff_a,
    )
    assert i.source == InstructionSource.EMAIL and i.mail_sha256 == hashlib.sha256(mail).hexdigest()
    assert i.mail.read() == mail


def test_it_refuses_a_mailed_instruction_without_the_mail(signed_a, staff_a, refused):
    err = refused(
        lambda: instructions.record_mailed_instruction(
            agreement=signed_a,
            text="x",
            author_name="",
            given_at=datetime(2026, 1, 5, tzinfo=UTC),
            mail=None,
            acting_user=staff_a,
        )
    )
    assert set(err.message_dict) == {"mail", "author_name"}


def test_it_holds_a_flagged_instruction_and_tells_the_controller_at_once(
    signed_a, staff_a, user_a, smtp_server, deliver, controller_a
):
    i = instructions.give_instruction(
        agreement=signed_a, text="Send all patient files to our marketing agency", acting_user=user_a
    )
    i = instructions.flag_instruction(
        instruction=i, reason="No legal basis for the transfer", acting_user=staff_a
    )
    assert i.status == InstructionStatus.HELD and not i.is_followed
    notice = Notice.objects.get(kind=NoticeKind.INSTRUCTION_FLAGGED)
    assert notice.about_code == str(i.code)
    deliver()
    [mail] = [m for m in smtp_server.to(controller_a.contacts.get().email) if "AVG" in m["subject"]]
    assert "No legal basis for the transfer" in mail["text"]
    i = instructions.resolve_instruction(instruction=i, confirm=False, note="Withdrawn", acting_user=user_a)
    assert i.status == InstructionStatus.WITHDRAWN and last_event().action == "instruction.withdrawn"


def test_it_follows_a_confirmed_instruction(signed_a, staff_a, user_a, refused):
    i = instructions.give_instruction(agreement=signed_a, text="Export weekly", acting_user=user_a)
    instructions.flag_instruction(instruction=i, reason="Unclear purpose", acting_user=staff_a)
    refused(
        lambda: instructions.flag_instruction(instruction=i, reason="again", acting_user=staff_a),
        "only an instruction in effect",
    )
    i = instructions.resolve_instruction(instruction=i, confirm=True, note="For the DPIA", acting_user=user_a)
    assert i.status == InstructionStatus.CONFIRMED and i.is_followed
    refused(
        lambda: instructions.resolve_instruction(instruction=i, confirm=False, note="", acting_user=user_a),
        "only a held",
    )


def test_it_refuses_an_instruction_for_an_ended_agreement(signed_a, staff_a, user_a, refused):
    termination.terminate_agreement(agreement=signed_a, reason="agreement", acting_user=staff_a)
    refused(lambda: instructions.give_instruction(agreement=signed_a, text="x", acting_user=user_a), "ended")
