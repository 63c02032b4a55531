"""Followers of a processor's public trust page: e-mail (double opt-in) and signed webhooks.

An announcement is one outbox notice per language (the feed reads them back) with one
delivery per confirmed subscriber, queued in the caller's transaction. The database keeps
one announcement per event and language and one delivery per notice and recipient, so a
hook that runs twice sends nothing twice. A subscriber's address lives in its row and its
deliveries only; unsubscribing deletes both, and the ledger says so without the address.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from art28.core.csv import csv_bytes
from art28.core.urls import absolute_url
from art28.ledger.services import record_event
from art28.notices.models import (
    Audience,
    Channel,
    Delivery,
    DeliveryStatus,
    Notice,
    NoticeKind,
    Subscriber,
    SubscriberStatus,
)
from art28.notices.services import About, NoticeDraft, queue_notices, schedule_drain
from art28.notices.services import _parallel_drains as parallel_drains
from art28.parties.models import Processor

LANGUAGES = ("nl", "en")
ANNOUNCEMENT = "trust_announcement"
RESEND_AFTER = timedelta(minutes=10)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _clean(channel: str, email: str, url: str, language: str) -> tuple[str, str]:
    email = (email or "").strip().lower()
    url = (url or "").strip()
    errors: dict[str, Any] = {}
    if channel not in Channel.values:
        errors["channel"] = _("Choose e-mail or webhook.")
    try:
        EmailValidator()(email)
        if len(email) > 254:
            raise ValidationError("long")
    except ValidationError:
        errors["email"] = _("Enter a valid e-mail address.")
    if channel == Channel.WEBHOOK:
        try:
            URLValidator(schemes=["https", "http"])(url)
            if len(url) > 200:
                raise ValidationError("long")
        except ValidationError:
            errors["url"] = _("Enter the http(s) address of your webhook endpoint.")
    elif url:
        errors["url"] = _("A webhook address is only for a webhook subscription.")
    if language not in LANGUAGES:
        errors["language"] = _("Choose Dutch or English.")
    if errors:
        raise ValidationError(errors)
    return email, url


def confirm_link(token: str) -> str:
    return absolute_url("subprocessors:trust_confirm", token)


@transaction.atomic
def subscribe(*, processor: Processor, channel: str, email: str, language: str, url: str = "",
              acting_user: Any = "public") -> Subscriber | None:
    """Ask for a subscription: a confirmation link goes to ``email`` (single use, expiring).

    Subscribing an address again while it waits for confirmation sends a fresh link (the
    old one stops working), at most one per ten minutes; an address already confirmed gets
    nothing and no second row.
    The caller shows the same answer in every case, so the form tells nobody who follows.
    """
    email, url = _clean(channel, email, url, language)
    sub = (Subscriber.objects.select_for_update()
           .filter(processor=processor, channel=channel, email=email, url=url).first())
    if sub is not None and (sub.status == SubscriberStatus.CONFIRMED or _sent_lately(sub)):
        return None
    if sub is None:
        sub = Subscriber(processor=processor, channel=channel, email=email, url=url,
                         unsubscribe_token=secrets.token_urlsafe(32))
        if channel == Channel.WEBHOOK:
            sub.secret = "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()
    token = secrets.token_urlsafe(32)
    sub.language = language
    sub.confirm_hash = _hash(token)
    sub.confirm_expires_at = timezone.now() + timedelta(hours=settings.ART28_TRUST_CONFIRM_HOURS)
    sub.save()
    _queue_confirmation(sub, token)
    record_event(action="trust.subscription_requested", obj=("subscriber", str(sub.code)),
                 acting_user=acting_user, data={"channel": channel}, processor_id=processor.pk)
    return sub


def _sent_lately(sub: Subscriber) -> bool:
    """A confirmation went out less than RESEND_AFTER ago: the form is no way to flood a mailbox."""
    if sub.confirm_expires_at is None:
        return False
    sent = sub.confirm_expires_at - timedelta(hours=settings.ART28_TRUST_CONFIRM_HOURS)
    return sent > timezone.now() - RESEND_AFTER


def _queue_confirmation(sub: Subscriber, token: str) -> None:
    draft = NoticeDraft(controller=None, processor=sub.processor, kind=NoticeKind.TRUST_CONFIRMATION,
                        about=About("subscriber", f"{sub.code}:{sub.confirm_hash[:8]}"),
                        template="trust_confirmation",
                        context={"processor": sub.processor, "subscriber": sub,
                                 "hours": settings.ART28_TRUST_CONFIRM_HOURS},
                        recipients=[], link=confirm_link(token), language=sub.language,
                        audience=Audience.SUBSCRIBERS)
    notice = queue_notices([draft], schedule=False)[0]
    Delivery.objects.create(notice=notice, channel=Channel.EMAIL, recipient=sub.email, subscriber=sub)
    schedule_drain()


def confirm(*, token: str, acting_user: Any = "public") -> Subscriber:
    """Confirm a subscription with the link's token; single use, refused once expired (and
    then the waiting address is deleted, so nothing of it stays half-saved)."""
    sub, problem = _confirm(token, acting_user)
    if problem == "expired":
        raise ValidationError(_("This confirmation link has expired. Please subscribe again."),
                              code="expired")
    if sub is None:
        raise ValidationError(_("This confirmation link is not valid or was already used."),
                              code="invalid")
    return sub


@transaction.atomic
def _confirm(token: str, acting_user: Any) -> tuple[Subscriber | None, str]:
    sub = Subscriber.objects.select_for_update().filter(confirm_hash=_hash(token)).first() \
        if token else None
    if sub is None or sub.status != SubscriberStatus.PENDING:
        return None, "invalid"
    if sub.confirm_expires_at is None or sub.confirm_expires_at <= timezone.now():
        _forget(sub, action="trust.subscription_expired", acting_user=acting_user)
        return None, "expired"
    sub.status, sub.confirmed_at = SubscriberStatus.CONFIRMED, timezone.now()
    sub.confirm_hash, sub.confirm_expires_at = "", None
    sub.save(update_fields=["status", "confirmed_at", "confirm_hash", "confirm_expires_at"])
    record_event(action="trust.subscription_confirmed", obj=("subscriber", str(sub.code)),
                 acting_user=acting_user, data={"channel": sub.channel}, processor_id=sub.processor_id)
    return sub, ""


def _forget(sub: Subscriber, *, action: str, acting_user: Any) -> None:
    """Delete the subscriber, its deliveries (cascade) and its confirmation mails; the ledger
    keeps that it happened, never the address."""
    code, channel, processor_id = str(sub.code), sub.channel, sub.processor_id
    Notice.objects.filter(processor_id=processor_id, audience=Audience.SUBSCRIBERS,
                          kind=NoticeKind.TRUST_CONFIRMATION, about_type="subscriber",
                          about_code__startswith=code).delete()
    sub.delete()
    record_event(action=action, obj=("subscriber", code), acting_user=acting_user,
                 data={"channel": channel}, processor_id=processor_id)


@transaction.atomic
def unsubscribe(*, token: str, acting_user: Any = "public") -> bool:
    """Delete the subscription of this unsubscribe link; False when there is none (any more)."""
    sub = Subscriber.objects.select_for_update().filter(unsubscribe_token=token).first() if token else None
    if sub is None:
        return False
    _forget(sub, action="trust.unsubscribed", acting_user=acting_user)
    return True


@transaction.atomic
def remove_subscriber(*, subscriber: Subscriber, acting_user: Any) -> None:
    """Staff remove a subscriber: the same deletion as an unsubscribe."""
    _forget(subscriber, action="trust.subscriber_removed", acting_user=acting_user)


def subscribers_of(processor: Processor) -> QuerySet[Subscriber]:
    return Subscriber.objects.filter(processor=processor)


@dataclass(frozen=True)
class Counts:
    confirmed_email: int
    confirmed_webhook: int
    pending: int

    @property
    def confirmed(self) -> int:
        return self.confirmed_email + self.confirmed_webhook


def counts(processor: Processor) -> Counts:
    rows = {(r["status"], r["channel"]): r["n"] for r in subscribers_of(processor)
            .values("status", "channel").annotate(n=Count("pk"))}
    c = SubscriberStatus.CONFIRMED
    return Counts(rows.get((c, Channel.EMAIL), 0), rows.get((c, Channel.WEBHOOK), 0),
                  sum(n for (s, _ch), n in rows.items() if s == SubscriberStatus.PENDING))


def failed_deliveries(processor: Processor) -> QuerySet[Delivery]:
    """Subscriber deliveries that gave up after every retry (e.g. a webhook down for a day)."""
    return (Delivery.objects.filter(subscriber__processor=processor, status=DeliveryStatus.FAILED)
            .select_related("notice", "subscriber").order_by("-next_attempt_at"))


@transaction.atomic
def export_subscribers(*, processor: Processor, acting_user: Any) -> bytes:
    """The subscriber list as CSV; the export itself is a ledger event (without addresses)."""
    rows = subscribers_of(processor).order_by("created_at", "pk")
    data = csv_bytes(
        ["channel", "email", "webhook_url", "language", "status", "subscribed_at", "confirmed_at"],
        ([s.channel, s.email, s.url, s.language, s.status, s.created_at.isoformat(),
          s.confirmed_at.isoformat() if s.confirmed_at else ""] for s in rows.iterator()))
    record_event(action="trust.subscribers_exported", obj=("processor", str(processor.code)),
                 acting_user=acting_user, data={"rows": rows.count()}, processor_id=processor.pk)
    return data


def is_announced(processor_id: int, event: str) -> bool:
    """Whether ``event`` was announced in every language already."""
    return Notice.objects.filter(
        processor_id=processor_id, audience=Audience.SUBSCRIBERS, kind=NoticeKind.TRUST_ANNOUNCEMENT,
        about_type=ANNOUNCEMENT, about_code=event).count() >= len(LANGUAGES)


def announce(*, processor: Processor, event: str, template: str, context: dict, link: str = "") -> int:
    """Queue one announcement of ``event`` (e.g. ``change:<code>:proposed``) to every confirmed
    subscriber, per language; must run in the state change's transaction.

    Returns the number of deliveries queued; 0 when the event was announced before.
    """
    announced = set(Notice.objects.filter(
        processor=processor, audience=Audience.SUBSCRIBERS, kind=NoticeKind.TRUST_ANNOUNCEMENT,
        about_type=ANNOUNCEMENT, about_code=event).values_list("language", flat=True))
    languages = [lang for lang in LANGUAGES if lang not in announced]
    if not languages:
        return 0
    drafts = [NoticeDraft(controller=None, processor=processor, kind=NoticeKind.TRUST_ANNOUNCEMENT,
                          about=About(ANNOUNCEMENT, event), template=template, context=context,
                          recipients=[], link=link, language=lang, audience=Audience.SUBSCRIBERS)
              for lang in languages]
    notices = {n.language: n for n in queue_notices(drafts, schedule=False)}
    followers = (subscribers_of(processor).filter(status=SubscriberStatus.CONFIRMED, language__in=languages)
                 .values_list("pk", "language", "channel", "email", "url"))
    deliveries = [Delivery(notice=notices[lang], channel=channel, subscriber_id=pk,
                           recipient=url if channel == Channel.WEBHOOK else email)
                  for pk, lang, channel, email, url in followers.iterator(chunk_size=2000)]
    Delivery.objects.bulk_create(deliveries, batch_size=1000)
    if deliveries:
        schedule_drain(parallel=parallel_drains(len(deliveries)))
    return len(deliveries)


def announcements(processor: Processor, language: str) -> QuerySet[Notice]:
    """What the processor announced to subscribers in ``language``, newest first (the feed)."""
    return Notice.objects.filter(processor=processor, audience=Audience.SUBSCRIBERS,
                                 kind=NoticeKind.TRUST_ANNOUNCEMENT, language=language
                                 ).order_by("-created_at", "-pk")
