"""State changes of the web app itself: enrolling a TOTP second factor."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from art28.ledger.services import record_event
from art28.parties.access import membership_of


def pending_totp_device(*, user: Any) -> TOTPDevice:
    """The user's unconfirmed TOTP device, made on first use (its secret is shown once)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="default", confirmed=False)
    return device


@transaction.atomic
def confirm_totp_device(*, device: TOTPDevice, acting_user: Any) -> TOTPDevice:
    """Mark the device confirmed after the user typed a valid code from it."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    m = membership_of(acting_user)
    record_event(action="auth.totp_enrolled", obj=("user", acting_user.pk),
                 acting_user=acting_user, data={"device": device.persistent_id},
                 processor_id=m.processor_id if m else None)
    return device
