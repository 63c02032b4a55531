"""The one access helper for sub-processors, changes and change clocks.

The register and changes belong to the processor: its admin changes them, its staff read
them. A clock belongs to one agreement, so it follows the agreement's need-to-know: the
controller's users and the staff assigned to that controller. Outsiders get 404.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from art28.agreements.access import visible_agreements, visible_through
from art28.agreements.models import Agreement
from art28.core.access import get_or_404, object_for
from art28.notices.models import Subscriber
from art28.parties.access import can_write, membership_of, require_processor_side
from art28.parties.models import Membership, Processor
from art28.parties.search import client_search
from art28.subprocessors.models import (
    AgreementSubprocessor,
    ChangeAgreement,
    ChangeAgreementQuerySet,
    ChangeStatus,
    Subprocessor,
    SubprocessorChange,
    SubprocessorQuerySet,
    SubprocessorStatus,
)
from art28.subprocessors.services.queries import agreements_using


def visible_subprocessors(user: Any) -> SubprocessorQuerySet:
    """The whole register for processor-side members; for a controller, those ever linked to it."""
    m = membership_of(user)
    if m is None:
        return Subprocessor.objects.none()
    if m.is_processor_side:
        return Subprocessor.objects.filter(processor_id=m.processor_id)
    return Subprocessor.objects.filter(links__agreement__in=visible_agreements(user)).distinct()


def subprocessors_by_code(user: Any, codes: Iterable[str | UUID]) -> QuerySet[Subprocessor]:
    """The register entries with these codes that the user may see (unknown codes left out)."""
    return visible_subprocessors(user).filter(code__in=codes)


def visible_subprocessor(user: Any, code: str | UUID) -> Subprocessor:
    """A register entry the user may see; raises Subprocessor.DoesNotExist (a form error)."""
    return visible_subprocessors(user).get(code=code)


def visible_links(user: Any, subprocessor: Subprocessor) -> QuerySet[AgreementSubprocessor]:
    """The open links of a sub-processor to the agreements the user may see."""
    return AgreementSubprocessor.objects.open().filter(
        subprocessor=subprocessor, agreement__in=visible_agreements(user))


def matching_links(links: QuerySet[AgreementSubprocessor], *, q: str = "",
                   status: str = "") -> QuerySet[AgreementSubprocessor]:
    """The links a sub-processor page's filters keep: ``q`` searches the agreement's reference
    and its controller's name or KvK number (``client_search``: joins, whatever the number of
    agreements)."""
    links = links.filter(client_search(q, controller="agreement__controller", agreement="agreement"))
    return links.filter(status=status) if status else links


def agreement_references_using(user: Any, subprocessor: Subprocessor,
                               at: datetime | None = None) -> list[str]:
    """References of the agreements the user may see for which it is authorised at ``at``."""
    qs = agreements_using(subprocessor, at=at).filter(pk__in=visible_agreements(user).values("pk"))
    return list(qs.order_by("reference").values_list("reference", flat=True))


def subprocessor_for(user: Any, code: str | UUID, *, write: bool = False) -> Subprocessor:
    """A register entry; changing it takes the processor's admin."""
    m = require_processor_side(user, write=write, admin=write)
    return get_or_404(Subprocessor.objects.filter(processor_id=m.processor_id), code=code)


def visible_changes(user: Any) -> QuerySet[SubprocessorChange]:
    """Changes are the processor's own business: its staff see them, nobody else."""
    m = membership_of(user)
    if m is None or not m.is_processor_side:
        return SubprocessorChange.objects.none()
    return SubprocessorChange.objects.filter(processor_id=m.processor_id)


def find_changes(user: Any, *, q: str = "", status: str = "") -> QuerySet[SubprocessorChange]:
    """Visible changes whose sub-processor's name (or the one it replaces) contains ``q``,
    in ``status``; blanks do not filter."""
    qs = visible_changes(user)
    if q:
        qs = qs.filter(Q(subprocessor__name__icontains=q) | Q(replaces__name__icontains=q))
    if status:
        qs = qs.filter(status=status)
    return qs


def change_for(user: Any, code: str | UUID, *, write: bool = False) -> SubprocessorChange:
    m = require_processor_side(user, write=write, admin=write)
    return get_or_404(SubprocessorChange.objects.select_related("subprocessor", "replaces")
                      .filter(processor_id=m.processor_id), code=code)


def visible_clocks(user: Any) -> ChangeAgreementQuerySet:
    return ChangeAgreement.objects.filter(visible_through(user, "agreement"))


def clocks_for(user: Any, *, change: SubprocessorChange | None = None,
               agreement: Agreement | None = None, status: str = "") -> QuerySet[ChangeAgreement]:
    """The clocks the user may see, of one change or one agreement, in one status if given."""
    qs = visible_clocks(user)
    if change is not None:
        qs = qs.filter(change=change)
    if agreement is not None:
        qs = qs.filter(agreement=agreement)
    return qs.filter(status=status) if status else qs


def clock_counts(change: SubprocessorChange) -> QuerySet:
    """How many of a change's clocks are in each status (rows of ``status`` and ``n``)."""
    return change.clocks.values("status").annotate(n=Count("pk")).order_by()


def reloaded_clock(clock: ChangeAgreement) -> ChangeAgreement:
    """A clock the user may see, read again with its change and agreement (after a change)."""
    return ChangeAgreement.objects.select_related("change", "agreement").get(pk=clock.pk)


def clock_for(user: Any, code: str | UUID, *, write: bool = False) -> ChangeAgreement:
    """One agreement's clock of a change, if the user may see that agreement."""
    qs = visible_clocks(user).select_related(
        "change",
        "change__subprocessor",
        "change__replaces",
        "change__processor",
        "agreement",
        "agreement__controller",
    )
    return object_for(qs, code, write=write, may_write=lambda _: can_write(user))


def require_admin(user: Any, *, write: bool = True) -> Membership:
    """The processor admin (register and proposals are the privacy officer's work)."""
    return require_processor_side(user, write=write, admin=True)


# The public sub-processor page: anyone may read a processor's current register there.

def public_processor(code: str | UUID) -> Processor:
    """The processor of a public sub-processor page; 404 if there is none."""
    return get_or_404(Processor.objects.all(), code=code)


def public_subprocessors(processor: Processor) -> QuerySet[Subprocessor]:
    return Subprocessor.objects.filter(processor=processor, status=SubprocessorStatus.ACTIVE)


def public_upcoming_changes(processor: Processor) -> QuerySet[SubprocessorChange]:
    """Open changes that have not taken effect yet."""
    return SubprocessorChange.objects.filter(
        processor=processor, status=ChangeStatus.OPEN, effective_at__gt=timezone.now())


def trust_subscriber_for(user: Any, code: str | UUID) -> Subscriber:
    """A trust-page subscriber of the admin's own processor; 404 for anything else."""
    m = require_processor_side(user, write=True, admin=True)
    return get_or_404(Subscriber.objects.filter(processor_id=m.processor_id), code=code)
