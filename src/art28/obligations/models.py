"""Per-user choices of the obligations list: the secret calendar token and the digest opt-out."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(32)


class ObligationKind(models.TextChoices):
    BREACH_NOTICE = "breach_notice", _("Breach notice to send")
    OBJECTION_WINDOW = "objection_window", _("Objection window closing")
    CONSENT_AWAITED = "consent_awaited", _("Consent awaited")
    SIGNATURE = "signature", _("Awaiting the controller's signature")
    COUNTERSIGNATURE = "countersignature", _("Awaiting our countersignature")
    OBJECTION = "objection", _("Objection to resolve")
    DATA_SUBJECT_REQUEST = "data_subject_request", _("Data subject request to answer")
    AUTHORITY_REQUEST = "authority_request", _("Authority request to pass on")
    AUDIT = "audit", _("Audit to schedule")
    TERMINATION = "termination", _("Return or destruction due")
    DELIVERY_FAILED = "delivery_failed", _("Delivery failed")
    # The controller's side (portal)
    TO_SIGN = "to_sign", _("Agreement to sign")
    TO_ACKNOWLEDGE = "to_acknowledge", _("Breach notice to acknowledge")
    TO_ANSWER = "to_answer", _("Sub-processor change to answer")
    TO_CONFIRM = "to_confirm", _("Audit proposal to confirm")


class Preference(models.Model):
    """One user's calendar feed token and whether they want the daily digest."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="obligation_preference")
    feed_token = models.CharField(max_length=64, unique=True, default=new_token)
    digest = models.BooleanField(_("send me the daily digest"), default=True)
    digest_sent_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("obligation preference")
        verbose_name_plural = _("obligation preferences")

    def __str__(self) -> str:
        return str(self.user)
