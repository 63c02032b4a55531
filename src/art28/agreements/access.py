"""The one access helper for agreements: tenant isolation and need-to-know.

A controller's users see what the processor sent them: a draft version is the processor's
work in progress, and an agreement with only drafts does not exist for them yet. The portal
and the API both take versions from here, so they give the same answers.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from art28.agreements.models import Agreement, AgreementVersion, VersionStatus
from art28.parties.access import can_write, membership_of, visible_controllers


def is_controller_user(user) -> bool:  # type: ignore[no-untyped-def]
    m = membership_of(user)
    return bool(m and not m.is_processor_side)


def visible_agreements(user) -> QuerySet[Agreement]:  # type: ignore[no-untyped-def]
    qs = Agreement.objects.with_current().filter(controller__in=visible_controllers(user))
    if is_controller_user(user):
        sent = AgreementVersion.objects.filter(agreement=OuterRef("pk")).exclude(
            status=VersionStatus.DRAFT)
        qs = qs.filter(Exists(sent))
    return qs


def agreement_for(user, code, *, write: bool = False) -> Agreement:  # type: ignore[no-untyped-def]
    """The agreement if the user may see it; 404 for outsiders, 403 for read-only writers."""
    try:
        agreement = visible_agreements(user).get(code=code)
    except (Agreement.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not can_write(user):
        raise PermissionDenied
    return agreement


def shown_versions(user) -> QuerySet[AgreementVersion]:  # type: ignore[no-untyped-def]
    """Versions the user may see, for a prefetch of agreements already taken from here."""
    qs = AgreementVersion.objects.all()
    if is_controller_user(user):
        qs = qs.exclude(status=VersionStatus.DRAFT)
    return qs


def visible_versions(user, agreement: Agreement) -> QuerySet[AgreementVersion]:  # type: ignore[no-untyped-def]
    """The versions of an agreement (already looked up with agreement_for) the user may see."""
    return (shown_versions(user).filter(agreement=agreement)
            .select_related("agreement__controller__processor"))


def agreement_version_for(user, agreement: Agreement, number) -> AgreementVersion:  # type: ignore[no-untyped-def]
    """Version ``number`` of an agreement the user may see; 404 if it is not shown to them."""
    try:
        return visible_versions(user, agreement).get(number=number)
    except (AgreementVersion.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def version_for(user, code, *, write: bool = False) -> AgreementVersion:  # type: ignore[no-untyped-def]
    qs = (AgreementVersion.objects.select_related("agreement", "agreement__controller",
                                                  "agreement__controller__processor")
          .filter(agreement__controller__in=visible_controllers(user)))
    if is_controller_user(user):
        qs = qs.exclude(status=VersionStatus.DRAFT)
    try:
        version = qs.get(code=code)
    except (AgreementVersion.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not can_write(user):
        raise PermissionDenied
    return version
