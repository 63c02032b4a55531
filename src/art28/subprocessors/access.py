"""The one access helper for sub-processors, changes and change clocks.

The register and changes belong to the processor: its admin changes them, its staff read
them. A clock belongs to one agreement, so it follows the agreement's need-to-know: the
controller's users and the staff assigned to that controller. Outsiders get 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from art28.agreements.access import visible_agreements
from art28.parties.access import can_write, membership_of, require_processor_side
from art28.subprocessors.models import ChangeAgreement, Subprocessor, SubprocessorChange


def visible_subprocessors(user) -> QuerySet[Subprocessor]:  # type: ignore[no-untyped-def]
    """The whole register for processor-side members; for a controller, those ever linked to it."""
    m = membership_of(user)
    if m is None:
        return Subprocessor.objects.none()
    if m.is_processor_side:
        return Subprocessor.objects.filter(processor_id=m.processor_id)
    return Subprocessor.objects.filter(links__agreement__in=visible_agreements(user)).distinct()


def subprocessors_by_code(user, codes) -> QuerySet[Subprocessor]:  # type: ignore[no-untyped-def]
    """The register entries with these codes that the user may see (unknown codes left out)."""
    return visible_subprocessors(user).filter(code__in=codes)


def subprocessor_for(user, code, *, write: bool = False) -> Subprocessor:  # type: ignore[no-untyped-def]
    """A register entry; changing it takes the processor's admin."""
    m = require_processor_side(user, write=write, admin=write)
    try:
        return Subprocessor.objects.get(code=code, processor_id=m.processor_id)
    except (Subprocessor.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def visible_changes(user) -> QuerySet[SubprocessorChange]:  # type: ignore[no-untyped-def]
    """Changes are the processor's own business: its staff see them, nobody else."""
    m = membership_of(user)
    if m is None or not m.is_processor_side:
        return SubprocessorChange.objects.none()
    return SubprocessorChange.objects.filter(processor_id=m.processor_id)


def change_for(user, code, *, write: bool = False) -> SubprocessorChange:  # type: ignore[no-untyped-def]
    m = require_processor_side(user, write=write, admin=write)
    try:
        return SubprocessorChange.objects.select_related("subprocessor", "replaces").get(
            code=code, processor_id=m.processor_id
        )
    except (SubprocessorChange.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def visible_clocks(user) -> QuerySet[ChangeAgreement]:  # type: ignore[no-untyped-def]
    return ChangeAgreement.objects.filter(agreement__in=visible_agreements(user))


def clock_for(user, code, *, write: bool = False) -> ChangeAgreement:  # type: ignore[no-untyped-def]
    """One agreement's clock of a change, if the user may see that agreement."""
    try:
        clock = (
            visible_clocks(user)
            .select_related(
                "change",
                "change__subprocessor",
                "change__replaces",
                "change__processor",
                "agreement",
                "agreement__controller",
            )
            .get(code=code)
        )
    except (ChangeAgreement.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not can_write(user):
        raise PermissionDenied
    return clock


def require_admin(user, *, write: bool = True):  # type: ignore[no-untyped-def]
    """The processor admin (register and proposals are the privacy officer's work)."""
    return require_processor_side(user, write=write, admin=True)
