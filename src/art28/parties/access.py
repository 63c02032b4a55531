"""The one place where tenant isolation and need-to-know live for parties.

Every lookup of a controller goes through ``controller_for``; an outsider gets 404,
never a 403 that would confirm the object exists.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from art28.core.access import get_or_404, object_for
from art28.parties.models import Contact, Controller, Membership, Processor, Role
from art28.parties.search import client_search


def membership_of(user: Any) -> Membership | None:
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def visible_controllers(user: Any, qs: QuerySet[Controller] | None = None) -> QuerySet[Controller]:
    qs = Controller.objects.all() if qs is None else qs
    m = membership_of(user)
    if m is None:
        return qs.none()
    if m.role == Role.PROCESSOR_ADMIN:
        return qs.filter(processor_id=m.processor_id)
    if m.role == Role.PROCESSOR_STAFF:
        return qs.filter(processor_id=m.processor_id, staff=m)
    return qs.filter(pk=m.controller_id) if m.controller_id is not None else qs.none()


def visible_at(user: Any, path: str) -> Q:
    """``visible_controllers`` as a condition on another model's controller (``path``: the path
    to it, e.g. ``agreement__controller``). For the processor's admin, who sees every one of the
    processor's controllers, it is the controller's processor, a join: as ``path__in`` the list of
    every controller (10,000) is built again by SQLite for each query (1-2 ms each)."""
    m = membership_of(user)
    if m is not None and m.role == Role.PROCESSOR_ADMIN:
        return Q(**{f"{path}__processor_id": m.processor_id})
    return Q(**{f"{path}__in": visible_controllers(user)})


def find_controllers(user: Any, q: str = "") -> QuerySet[Controller]:
    """Visible controllers whose name contains ``q`` or whose KvK number starts with it
    (``client_search``)."""
    return visible_controllers(user).filter(client_search(q, controller=""))


def can_write(user: Any, controller: Controller | None = None) -> bool:
    """Whether the user may change what it can see (read-only members may not)."""
    m = membership_of(user)
    return bool(m and not m.read_only)


def require_processor_side(user: Any, *, write: bool = False, admin: bool = False) -> Membership:
    m = membership_of(user)
    if m is None or not m.is_processor_side:
        raise Http404
    if admin and m.role != Role.PROCESSOR_ADMIN:
        raise PermissionDenied
    if write and m.read_only:
        raise PermissionDenied
    return m


def controller_for(user: Any, code: str | UUID, *, write: bool = False) -> Controller:
    """The controller with this code if the user may see it (and change it, with write)."""
    controller = object_for(visible_controllers(user).select_related("processor"), code, write=write,
                            may_write=lambda c: can_write(user, c))
    if write and not membership_of(user).is_processor_side:  # type: ignore[union-attr]  # who sees a controller is a member
        # The processor keeps the client record; a controller's users read it.
        raise PermissionDenied
    return controller


def contact_of(controller: Controller, code: str | UUID) -> Contact:
    """One contact of a controller the caller already got through ``controller_for``; else 404."""
    return get_or_404(controller.contacts.all(), code=code)


def contact_for(user: Any, code: str | UUID, *, write: bool = False) -> Contact:
    """A controller's contact the user may see; 404 for outsiders, 403 for read-only writers."""
    contact = get_or_404(Contact.objects.select_related("controller")
                         .filter(controller__in=visible_controllers(user)), code=code)
    if write:
        assert contact.controller is not None  # found among visible controllers
        controller_for(user, contact.controller.code, write=True)  # same write rule as its controller
    return contact


# The command line runs as the machine's operator, who may see every processor.

def operator_processors() -> QuerySet[Processor]:
    """Every processor, the first set up first (for the command line only)."""
    return Processor.objects.order_by("pk")


def operator_processor(code: str | UUID) -> Processor:
    """One processor by code, for the command line; raises Processor.DoesNotExist."""
    return Processor.objects.get(code=code)
