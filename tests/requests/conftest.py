"""Fixtures for the requests app: a signed agreement, row counts, mail delivery."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from art28.agreements.services import termination
from art28.requests.services import audits, authority, data_subject, instructions
from tests.conftest import row_counts


@pytest.fixture
def signed_a(make_agreement, controller_a):
    return make_agreement(controller_a, state="signed")


@pytest.fixture
def signed_b(make_agreement, controller_b):
    return make_agreement(controller_b, state="signed")


def counts() -> dict[str, int]:
    """Rows of everything a service here may write: unchanged after a refusal = nothing half-saved."""
    from art28.agreements.models import Agreement, AgreementVersion, Destruction, ReturnedFile, Termination
    from art28.ledger.models import Event
    from art28.measures.models import MeasureCatalogue
    from art28.notices.models import Delivery, Notice
    from art28.requests import models as m

    tables = (
        Agreement,
        AgreementVersion,
        Event,
        Notice,
        Delivery,
        m.DataSubjectRequest,
        m.RequestTask,
        m.Instruction,
        m.AuthorityRequest,
        m.AuditRequest,
        MeasureCatalogue,
        Termination,
        ReturnedFile,
        Destruction,
    )
    rows = row_counts(*tables)
    rows["ended"] = Agreement.objects.filter(ended_at__isnull=False).count()
    return rows


@pytest.fixture
def refused():
    """``refused(fn, match)``: fn raises ValidationError mentioning ``match`` and changes nothing."""
    from django.core.exceptions import ValidationError

    def check(fn, match: str = ""):
        before = counts()
        with pytest.raises(ValidationError) as info:
            fn()
        assert counts() == before
        assert match.lower() in " ".join(info.value.messages).lower(), info.value.messages
        return info.value

    return check


@pytest.fixture
def deliver():
    """Run the outbox once (what the worker does)."""
    from art28.notices.services import drain

    return drain


def last_event(action: str | None = None):
    from art28.ledger.models import Event

    qs = Event.objects.order_by("-seq")
    return (qs.filter(action=action) if action else qs).first()


@pytest.fixture(autouse=True)
def _english():
    """Service messages in English, so tests can match them (the default language is Dutch)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def user_a_ro(processor, controller_a):
    from tests.conftest import _user

    return _user(
        "user_a_ro", role="controller_user", processor=processor, controller=controller_a, read_only=True
    )


@pytest.fixture
def world(make_agreement, controller_a, staff_a, user_a):
    """One of everything for controller A."""
    a = make_agreement(controller_a, state="signed", terms={"audit": {"notice_days": 0}})
    ended = make_agreement(controller_a, state="signed")
    dsr = data_subject.record_data_subject_request(
        agreement=a,
        kind="access",
        requester="P. Jansen",
        details="Copy of my data",
        channel="phone",
        acting_user=staff_a,
    )
    task = data_subject.ask_task(request=dsr, action="search", instructions="Find all", acting_user=user_a)
    held = instructions.give_instruction(
        agreement=a, text="Mail all files to a USB stick", acting_user=user_a
    )
    instructions.flag_instruction(instruction=held, reason="Unsafe", acting_user=staff_a)
    fresh = instructions.give_instruction(agreement=a, text="Keep logs 6 months", acting_user=user_a)
    req = authority.record_authority_request(
        agreement=a,
        authority_kind="tax",
        authority="Belastingdienst",
        legal_basis="Art. 53 AWR",
        description="Invoices 2025",
        respond_by=timezone.now() + timedelta(days=14),
        acting_user=staff_a,
    )
    audit = audits.request_audit(
        agreement=a,
        scope_text="All",
        starts_on=timezone.localdate() + timedelta(days=3),
        ends_on=timezone.localdate() + timedelta(days=4),
        auditor="Audit & Co",
        acting_user=user_a,
    )
    t = termination.terminate_agreement(agreement=ended, reason="agreement", acting_user=staff_a)
    return {
        "agreement": a,
        "dsr": dsr,
        "task": task,
        "held": held,
        "fresh": fresh,
        "authority": req,
        "audit": audit,
        "termination": t,
    }
