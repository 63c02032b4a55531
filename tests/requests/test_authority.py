"""Authority requests: the controller told in time to object, unless a legal ban forbids it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.http import Http404
from django.utils import timezone

from art28.agreements.services import termination
from art28.notices.models import Notice, NoticeKind
from art28.requests import access
from art28.requests.models import AuthorityStatus
from art28.requests.services import authority

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)


def _log(agreement, user, **kw):
    args = {
        "authority_kind": "police",
        "authority": "Politie Midden-Nederland",
        "legal_basis": "Art. 126nd Sv",
        "description": "Appointment records of one patient",
        "respond_by": timezone.now() + timedelta(days=10),
        "acting_user": user,
        **kw,
    }
    return authority.record_authority_request(agreement=agreement, **args)


def test_it_tells_the_controller_early_enough_to_object(
    signed_a, staff_a, user_a, smtp_server, deliver, controller_a
):
    with time_machine.travel(NOW, tick=False):
        req = _log(signed_a, staff_a)
    assert req.controller_told_at == NOW and req.controller_told_at < req.respond_by
    notice = Notice.objects.get(kind=NoticeKind.AUTHORITY_REQUEST)
    assert notice.deadline == req.respond_by
    deliver()
    [mail] = [m for m in smtp_server.to(controller_a.contacts.get().email) if "overheid" in m["subject"]]
    assert "Art. 126nd Sv" in mail["text"]
    req = authority.record_objection(request=req, objection="Ask for a court order first", acting_user=user_a)
    req = authority.close_authority_request(
        request=req, disclosed="Nothing; order not produced", acting_user=staff_a
    )
    assert req.status == AuthorityStatus.CLOSED and req.objection and req.disclosed.startswith("Nothing")


def test_it_does_not_tell_the_controller_under_a_legal_ban(signed_a, staff_a, user_a):
    req = _log(signed_a, staff_a, gagged=True, gag_basis="Art. 126bb Sv")
    assert req.controller_told_at is None
    assert not Notice.objects.filter(kind=NoticeKind.AUTHORITY_REQUEST).exists()
    with pytest.raises(Http404):
        access.authority_for(user_a, req.code)  # invisible in the portal
    assert access.authority_for(staff_a, req.code) == req


def test_it_refuses_bad_input_and_needs_the_ban_basis(signed_a, staff_a, refused):
    err = refused(
        lambda: _log(signed_a, staff_a, authority=" ", gagged=True, respond_by=NOW - timedelta(days=400))
    )
    assert {"authority", "gag_basis", "respond_by"} <= set(err.message_dict)


def test_it_refuses_to_close_twice(signed_a, staff_a, refused):
    req = _log(signed_a, staff_a)
    authority.close_authority_request(request=req, disclosed="Appointment list", acting_user=staff_a)
    refused(
        lambda: authority.close_authority_request(request=req, disclosed="x", acting_user=staff_a),
        "already closed",
    )


def test_it_refuses_a_demand_on_an_ended_agreement(signed_a, staff_a, refused):
    termination.terminate_agreement(agreement=signed_a, reason="agreement", acting_user=staff_a)
    refused(lambda: _log(signed_a, staff_a), "ended")
