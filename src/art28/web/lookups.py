"""Lookups the domain apps' access helpers do not offer yet, built on them.

``contact_for`` belongs in ``parties.access``; until it is there it lives here, on top of
``visible_controllers`` so need-to-know and tenant isolation stay in one place.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404, HttpRequest

from art28.agreements.models import Agreement, AgreementVersion, VersionStatus
from art28.parties.access import can_write, visible_controllers
from art28.parties.models import Contact

PAGE_SIZE = 25


def contact_for(user: Any, code: Any, *, write: bool = False) -> Contact:
    """A controller's contact the user may see; 404 for outsiders, 403 for read-only writers."""
    try:
        contact = Contact.objects.select_related("controller").get(
            code=code, controller__in=visible_controllers(user))
    except (Contact.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not can_write(user, contact.controller):
        raise PermissionDenied
    return contact


def with_status(agreements: QuerySet[Agreement], *, sent_only: bool = False) -> QuerySet[Agreement]:
    """Agreements annotated with the status and number of their latest version.

    ``sent_only`` skips drafts (the processor's work in progress, not for the portal).
    """
    latest = AgreementVersion.objects.filter(agreement=OuterRef("pk")).order_by("-number")
    if sent_only:
        latest = latest.exclude(status=VersionStatus.DRAFT)
    return agreements.annotate(status=Subquery(latest.values("status")[:1]),
                               version_number=Subquery(latest.values("number")[:1]))


def page_of(request: HttpRequest, items: Any, size: int = PAGE_SIZE) -> Page:
    return Paginator(items, size).get_page(request.GET.get("page"))
