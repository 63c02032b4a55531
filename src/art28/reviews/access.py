"""The one access helper for reviews: the processor's side only, with need-to-know.

The processor's admin sees every review of its processor. Staff see the reviews they
uploaded and the imports for controllers assigned to them. Everyone else gets 404.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import Q, QuerySet

from art28.core.access import object_for
from art28.parties.access import can_write, find_controllers, membership_of, visible_controllers
from art28.parties.models import Controller, Role
from art28.reviews.models import Playbook, Review


def visible_reviews(user: Any) -> QuerySet[Review]:
    m = membership_of(user)
    if m is None or not m.is_processor_side:
        return Review.objects.none()
    qs = Review.objects.filter(processor_id=m.processor_id).select_related(
        "controller", "subprocessor", "agreement", "uploaded_by")
    if m.role == Role.PROCESSOR_ADMIN:
        return qs
    return qs.filter(Q(uploaded_by=user) | Q(controller__in=visible_controllers(user)))


PICK_CONTROLLERS = 20


def controllers_to_pick(user: Any, find: str, chosen: Any = None) -> tuple[list[Controller], bool]:
    """The controllers the import form offers, by name, and whether there are more than it lists:
    those whose name or KvK number matches ``find``, at most ``PICK_CONTROLLERS``; without a
    search all of them if they are that few, else none (the form asks for a search). The one
    already ``chosen`` (its id, from a form sent back) stays among them."""
    found = list(find_controllers(user, find).order_by("name", "pk")[:PICK_CONTROLLERS + 1])
    more = len(found) > PICK_CONTROLLERS
    shown = found[:PICK_CONTROLLERS] if find or not more else []
    if chosen and str(chosen).isdigit() and all(c.pk != int(chosen) for c in shown):
        shown = list(visible_controllers(user).filter(pk=int(chosen))) + shown
    return shown, more


def playbook_of(user: Any) -> Playbook | None:
    """The playbook of the user's own processor, if it has one (processor side only)."""
    m = membership_of(user)
    if m is None or not m.is_processor_side:
        return None
    return Playbook.objects.filter(processor_id=m.processor_id).first()


def review_for(user: Any, code: str | UUID, *, write: bool = False) -> Review:
    """The review if the user may see it; 404 for outsiders, 403 for read-only writers."""
    return object_for(visible_reviews(user), code, write=write, may_write=lambda _: can_write(user))
