"""The one access helper for agreements: tenant isolation and need-to-know."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from art28.agreements.models import Agreement, AgreementVersion
from art28.parties.access import can_write, membership_of, visible_controllers


def visible_agreements(user) -> QuerySet[Agreement]:  # type: ignore[no-untyped-def]
    return Agreement.objects.with_current().filter(controller__in=visible_controllers(user))


def agreement_for(user, code, *, write: bool = False) -> Agreement:  # type: ignore[no-untyped-def]
    """The agreement if the user may see it; 404 for outsiders, 403 for read-only writers."""
    try:
        agreement = visible_agreements(user).get(code=code)
    except (Agreement.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not can_write(user):
        raise PermissionDenied
    return agreement


def version_for(user, code, *, write: bool = False) -> AgreementVersion:  # type: ignore[no-untyped-def]
    try:
        version = (AgreementVersion.objects.select_related("agreement", "agreement__controller",
                                                           "agreement__controller__processor")
                   .get(code=code, agreement__controller__in=visible_controllers(user)))
    except (AgreementVersion.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not can_write(user):
        raise PermissionDenied
    return version


def is_controller_user(user) -> bool:  # type: ignore[no-untyped-def]
    m = membership_of(user)
    return bool(m and not m.is_processor_side)
