"""The one access helper for notices: who may see which notice.

* A controller's user sees its own organisation's notices meant for the controller
  (``portal_notices``), never a notice meant for the processor's staff.
* The processor's admin sees every notice of its processor; a staff member sees the
  notices to the controllers assigned to it, the staff-only notices about those
  controllers (e.g. an invitation for one of their people), and the staff-only notices
  addressed to it (``staff_notices``).
* Everyone else sees nothing; a single notice outside what one may see is a 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from art28.core.access import get_or_404
from art28.notices.models import Audience, Delivery, DeliveryStatus, Notice, NoticeKind
from art28.parties.access import membership_of, visible_controllers
from art28.parties.models import Role


def portal_notices(user: Any) -> QuerySet[Notice]:
    """The portal inbox of a controller's user: its organisation's notices to the controller."""
    m = membership_of(user)
    if m is None or m.is_processor_side or m.controller_id is None:
        return Notice.objects.none()
    return Notice.objects.for_portal(m.controller_id)


def portal_notice_for(user: Any, code: Any) -> Notice:
    """One notice of the user's portal inbox; 404 for anything else."""
    return get_or_404(portal_notices(user), code=code)


def staff_notices(user: Any) -> QuerySet[Notice]:
    """The notices a member of the processor's staff may see (need-to-know)."""
    m = membership_of(user)
    if m is None or not m.is_processor_side:
        return Notice.objects.none()
    # A trust-page confirmation carries its subscriber's single-use link: nobody else's to see.
    qs = Notice.objects.filter(processor_id=m.processor_id).exclude(
        audience=Audience.SUBSCRIBERS, kind=NoticeKind.TRUST_CONFIRMATION)
    if m.role == Role.PROCESSOR_ADMIN:
        return qs
    mine = Q(controller__in=visible_controllers(user)) | Q(
        audience=Audience.PROCESSOR, concerns__in=visible_controllers(user))
    if user.email:  # deliveries keep recipients in lower case
        to_me = Delivery.objects.filter(recipient=user.email.strip().lower()).values("notice_id")
        mine |= Q(audience=Audience.PROCESSOR, pk__in=to_me)
    return qs.filter(mine)


def staff_deliveries(user: Any) -> QuerySet[Delivery]:
    """The deliveries of the notices ``staff_notices`` lets the user see (the outbox's state)."""
    return Delivery.objects.filter(notice__in=staff_notices(user))


# The dashboard counts the outbox up to this many and then says "more than": a count of every
# queued delivery checks each one's notice against the need-to-know rule, which grows with
# the outbox (20,000 queued after a breach at 10,000 clients); a capped count stops early.
DELIVERY_COUNT_CAP = 1000


def delivery_counts(user: Any, cap: int = DELIVERY_COUNT_CAP) -> dict[str, int]:
    """Deliveries still to go and failed ones, of the notices the user may see, each counted
    up to ``cap + 1`` (more than ``cap`` reads "more than ``cap``")."""
    # Each delivery's notice checked by its key (EXISTS) rather than against the list of
    # every visible notice (IN), which SQLite builds in full before the first row counts.
    visible = staff_notices(user).filter(pk=OuterRef("notice_id"))
    deliveries = Delivery.objects.filter(Exists(visible))
    waiting = deliveries.filter(status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING])
    return {"pending": waiting[:cap + 1].count(),
            "failed": deliveries.filter(status=DeliveryStatus.FAILED)[:cap + 1].count()}
