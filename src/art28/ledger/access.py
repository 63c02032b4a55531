"""Access helpers of the web app's own pages: second-factor devices, the dashboard, the ledger.

Views ask here instead of querying themselves (tests/test_architecture.py checks this).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from art28.ledger.models import Event
from art28.notices.access import staff_deliveries
from art28.notices.models import DeliveryStatus
from art28.parties.access import membership_of


def confirmed_totp_devices(user: Any) -> QuerySet[TOTPDevice]:
    """The user's own confirmed TOTP devices."""
    return TOTPDevice.objects.filter(user=user, confirmed=True)


def recovery_devices(user: Any) -> QuerySet[StaticDevice]:
    """The user's one-time recovery codes (a django-otp static device)."""
    return StaticDevice.objects.filter(user=user, confirmed=True)


def operator_totp_device(username: str) -> TOTPDevice | None:
    """A user's confirmed TOTP device, for the command line (the machine's operator)."""
    return TOTPDevice.objects.filter(user__username=username, confirmed=True).first()


def delivery_counts(user: Any) -> dict[str, int]:
    """Deliveries still to go and failed ones, of the notices the user may see."""
    deliveries = staff_deliveries(user)
    return {
        "pending": deliveries.filter(status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING]).count(),
        "failed": deliveries.filter(status=DeliveryStatus.FAILED).count(),
    }


def ledger_events(user: Any) -> QuerySet[Event]:
    """The ledger events of the user's own processor, newest first (nothing for outsiders)."""
    m = membership_of(user)
    if m is None or not m.is_processor_side:
        return Event.objects.none()
    return Event.objects.filter(processor_id_ref=m.processor_id).order_by("-seq")
