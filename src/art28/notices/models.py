"""The outbox: a notice to a controller (or to the processor's own staff), and one delivery
per channel and recipient. Every lookup of notices goes through ``notices.access``."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from art28.core.status import Tone, status_tones
from art28.parties.models import Controller, Processor


class NoticeKind(models.TextChoices):
    """Every kind of notice art28 sends; one list so the outbox stays one table."""

    SIGNATURE_INVITATION = "signature_invitation", _("Invitation to sign")
    AGREEMENT_ACCEPTED = "agreement_accepted", _("Agreement accepted")
    AGREEMENT_SIGNED = "agreement_signed", _("Agreement signed")
    SUBPROCESSOR_CONSENT_REQUEST = "subprocessor_consent_request", _("Sub-processor: consent requested")
    SUBPROCESSOR_CHANGE_NOTICE = "subprocessor_change_notice", _("Sub-processor: intended change")
    SUBPROCESSOR_CHANGE_UPDATE = "subprocessor_change_update", _("Sub-processor: change update")
    BREACH_NOTICE = "breach_notice", _("Personal data breach notice")
    BREACH_REMINDER = "breach_reminder", _("Breach notice deadline reminder")
    DATA_SUBJECT_REQUEST = "data_subject_request", _("Data subject request forwarded")
    INSTRUCTION_FLAGGED = "instruction_flagged", _("Instruction flagged as possibly unlawful")
    AUTHORITY_REQUEST = "authority_request", _("Request from an authority")
    AUDIT_UPDATE = "audit_update", _("Audit update")
    MEASURES_CHANGED = "measures_changed", _("Security measures changed")
    TERMINATION = "termination", _("End of processing")
    CERTIFICATE = "certificate", _("Certificate of return or destruction")
    TRUST_ANNOUNCEMENT = "trust_announcement", _("Trust page: announced change")
    TRUST_CONFIRMATION = "trust_confirmation", _("Trust page: confirm your subscription")
    DUE_DIGEST = "due_digest", _("Daily digest of what is due")
    ANSWER_RECEIVED = "answer_received", _("A controller answered")
    INVITATION = "invitation", _("Invitation to art28")
    PASSWORD_RESET = "password_reset", _("Password reset")


class Audience(models.TextChoices):
    CONTROLLER = "controller", _("Controller")
    PROCESSOR = "processor", _("Processor staff")
    SUBSCRIBERS = "subscribers", _("Trust page subscribers")


class NoticeQuerySet(models.QuerySet):
    def for_portal(self, controller: Controller | int) -> NoticeQuerySet:
        """What the controller's own portal inbox shows: never a notice meant for staff."""
        return self.filter(controller=controller, audience=Audience.CONTROLLER)


class Notice(models.Model):
    """What a controller is told (its portal inbox), or what the processor's staff are told
    (a processor-level notice with no controller); delivered by the worker."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    processor = models.ForeignKey(Processor, on_delete=models.CASCADE, related_name="+")
    # Staff-only notices (deadline reminders, audit and request tasks) belong to no controller,
    # so no lookup by controller can ever show them in a portal.
    controller = models.ForeignKey(Controller, on_delete=models.CASCADE, related_name="notices",
                                   null=True, blank=True)
    # The controller a staff-only notice is about (e.g. an invitation for one of its people):
    # the staff assigned to that controller see it and its deliveries; never a portal.
    concerns = models.ForeignKey(Controller, on_delete=models.CASCADE, related_name="+",
                                 null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=40, choices=NoticeKind.choices)
    audience = models.CharField(_("audience"), max_length=12, choices=Audience.choices,
                                default=Audience.CONTROLLER)
    language = models.CharField(max_length=2)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    link = models.CharField(max_length=500, blank=True)
    # What the notice is about, e.g. ("agreementversion", code): one notice per subject and kind.
    about_type = models.CharField(max_length=60)
    about_code = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        constraints = [
            # A controller's notice names its controller; a staff-only notice names none.
            models.CheckConstraint(
                condition=(models.Q(audience=Audience.CONTROLLER, controller__isnull=False)
                           | models.Q(audience__in=[Audience.PROCESSOR, Audience.SUBSCRIBERS],
                                      controller__isnull=True)),
                name="notice_controller_matches_audience"),
            # One public announcement per event and language: a repeated hook sends nothing twice.
            models.UniqueConstraint(fields=["processor", "about_type", "about_code", "language"],
                                    condition=models.Q(audience=Audience.SUBSCRIBERS,
                                                       kind=NoticeKind.TRUST_ANNOUNCEMENT),
                                    name="one_announcement_per_event_language"),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def for_controller(self) -> Controller | None:
        """The controller this notice is to or about (None for a processor-wide notice)."""
        return self.controller or self.concerns


@status_tones(SENDING=Tone.ACTIVE, SENT=Tone.DONE, FAILED=Tone.PROBLEM)
class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    WEBHOOK = "webhook", _("webhook")


@status_tones(PENDING=Tone.WAITING, CONFIRMED=Tone.DONE)
class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("waiting for confirmation")
    CONFIRMED = "confirmed", _("confirmed")


class Subscriber(models.Model):
    """Someone who follows a processor's trust page by e-mail or by a signed webhook.

    The e-mail address is kept for this subscription only; unsubscribing deletes the row and,
    with it (cascade), every delivery that names the address.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    processor = models.ForeignKey(Processor, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    email = models.EmailField(_("e-mail address"))
    url = models.URLField(_("webhook URL"), blank=True)
    secret = models.CharField(max_length=100, blank=True)
    language = models.CharField(_("language"), max_length=2, default="en")
    status = models.CharField(_("status"), max_length=10, choices=SubscriberStatus.choices,
                              default=SubscriberStatus.PENDING)
    # SHA-256 of the single-use confirmation token; emptied once used.
    confirm_hash = models.CharField(max_length=64, blank=True, db_index=True)
    confirm_expires_at = models.DateTimeField(null=True, blank=True)
    # Secret of the unsubscribe link in every mail (a bearer token, not the address).
    unsubscribe_token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [
            models.UniqueConstraint(fields=["processor", "channel", "email", "url"],
                                    name="one_subscription_per_address"),
        ]

    def __str__(self) -> str:
        return f"{self.channel}: {self.status}"

    @property
    def is_webhook(self) -> bool:
        return self.channel == Channel.WEBHOOK


class DeliveryQuerySet(models.QuerySet):
    def due(self, now: datetime | None = None) -> DeliveryQuerySet:
        now = now or timezone.now()
        stale = models.Q(status=DeliveryStatus.SENDING, lease_until__lt=now)
        ready = models.Q(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
        return self.filter(ready | stale)


class Delivery(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    recipient = models.CharField(_("recipient"), max_length=500)
    # Set for a trust-page announcement: the mail gets the subscriber's unsubscribe link, the
    # webhook its secret, and unsubscribing deletes the delivery with the subscriber.
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="deliveries")
    # For a controller's contact without a login: their own invitation link, which sets a
    # password and opens the notice. It replaces the notice's link in this one e-mail only,
    # never in the shared portal inbox or a webhook.
    personal_link = models.CharField(max_length=600, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    lease_until = models.DateTimeField(null=True, blank=True)
    # Which worker's claim holds the lease: a worker sends only while the token is still its own.
    claim = models.UUIDField(null=True, blank=True, db_index=True, editable=False)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            # Never two deliveries of one notice to one recipient over one channel.
            models.UniqueConstraint(fields=["notice", "channel", "recipient"],
                                    name="one_delivery_per_notice_recipient"),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.channel} to {self.recipient}: {self.status}"

    @property
    def message_id(self) -> str:
        return f"<{self.code}@art28>"
