"""Fixtures for the requests app: a signed agreement, row counts, mail delivery."""

from __future__ import annotations

import pytest


@pytest.fixture
def signed_a(make_agreement, controller_a):
    return make_agreement(controller_a, state="signed")


@pytest.fixture
def signed_b(make_agreement, controller_b):
    return make_agreement(controller_b, state="signed")


def counts() -> dict[str, int]:
    """Rows of everything a service here may write: unchanged after a refusal = nothing half-saved."""
    from art28.agreements.models import Agreement, AgreementVersion
    from art28.ledger.models import Event
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
        m.MeasureCatalogue,
        m.Termination,
        m.ReturnedFile,
        m.Destruction,
    )
    rows = {t.__name__: t.objects.count() for t in tables}
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
