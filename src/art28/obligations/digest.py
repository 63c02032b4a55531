"""The daily digest: each staff member's obligations due within 48 hours and those overdue.

Run by the periodic tick (notices/periodic.py) every minute; it sends once a day per person,
from ``ART28_DUE_DIGEST_HOUR`` local time, through the outbox like every other message.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from art28.core.urls import absolute_url
from art28.notices.models import Audience, NoticeKind
from art28.notices.services import About, queue_notice
from art28.obligations.access import digest_recipients
from art28.obligations.collect import Obligation, open_obligations
from art28.obligations.display import as_rows
from art28.obligations.models import Preference
from art28.parties.access import membership_of

WINDOW = timedelta(hours=48)


def due_soon(user: Any, now: datetime) -> list[Obligation]:
    """The user's obligations that are overdue or due within 48 hours."""
    return open_obligations(user, due_before=now + WINDOW)


def send_due_digests(now: datetime | None = None) -> int:
    """Queue today's digest for every staff member who wants one and has something due."""
    if not settings.ART28_DUE_DIGEST:
        return 0
    now = now or timezone.now()
    local = timezone.localtime(now)
    if local.hour < settings.ART28_DUE_DIGEST_HOUR:
        return 0
    sent = 0
    for user in digest_recipients().exclude(obligation_preference__digest_sent_on=local.date()):
        sent += _send_one(user, now, local.date())
    return sent


def _send_one(user: Any, now: datetime, today: Any) -> int:
    with transaction.atomic():
        pref, _created = Preference.objects.select_for_update().get_or_create(user=user)
        if pref.digest_sent_on == today or not pref.digest:
            return 0  # another worker sent it, or the person opted out meanwhile
        pref.digest_sent_on = today
        pref.save(update_fields=["digest_sent_on"])
        membership = membership_of(user)
        processor = membership.processor if membership is not None else None
        assert processor is not None  # the digest goes to processor staff only
        language = processor.language
        with translation.override(language):
            rows = as_rows(due_soon(user, now), now)
            if not rows:
                return 0
            overdue = [r for r in rows if r["css"] == "due-overdue"]
            soon = [r for r in rows if r["css"] != "due-overdue"]
            link = absolute_url("obligations:staff_dashboard")
            queue_notice(controller=None, processor=processor,
                         kind=NoticeKind.DUE_DIGEST, about=About("digest", f"{user.pk}-{today}"),
                         template="due_digest", language=language, audience=Audience.PROCESSOR,
                         recipients=[user.email], link=link,
                         context={"overdue": overdue, "soon": soon, "base_url": settings.BASE_URL,
                                  "settings_link": absolute_url("obligations:settings")})
    return 1
