"""Helpers for the web tests: events in the ledger, a second-factor code."""

from __future__ import annotations

import pytest


@pytest.fixture
def actions():
    """The ledger actions written so far, oldest first."""
    from art28.ledger.models import Event

    return lambda: list(Event.objects.order_by("seq").values_list("action", flat=True))


@pytest.fixture
def totp_code():
    """The current six-digit code of a TOTP device."""
    from django_otp.oath import totp

    def code(device) -> str:
        return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"

    return code
