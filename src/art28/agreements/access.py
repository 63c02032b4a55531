"""The one access helper for agreements: tenant isolation and need-to-know.

A controller's users see what the processor sent them: a draft version is the processor's
work in progress, and an agreement with only drafts does not exist for them yet. The portal
and the API both take versions from here, so they give the same answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.fields.json import KeyTransform
from django.http import Http404

from art28.agreements.models import (
    Agreement,
    AgreementQuerySet,
    AgreementVersion,
    ReturnedFile,
    Termination,
    VersionStatus,
)
from art28.core.access import get_or_404, object_for
from art28.parties.access import can_write, membership_of, visible_at, visible_controllers
from art28.parties.models import Controller
from art28.parties.search import client_search


def is_controller_user(user: Any) -> bool:
    m = membership_of(user)
    return bool(m and not m.is_processor_side)


def visible_agreements(user: Any) -> AgreementQuerySet:
    qs = Agreement.objects.with_current().filter(visible_at(user, "controller"))
    if is_controller_user(user):
        sent = AgreementVersion.objects.filter(agreement=OuterRef("pk")).exclude(
            status=VersionStatus.DRAFT)
        qs = qs.filter(Exists(sent))
    return qs


def visible_through(user: Any, to: str) -> Q:
    """``visible_agreements`` as a condition on another model's agreement (``to``: the path to
    it). On the processor's side that is the agreement's controller, so the condition is a join,
    not the list of every visible agreement (10,000), which SQLite builds again for each query."""
    if is_controller_user(user):
        return Q(**{f"{to}__in": visible_agreements(user)})
    return visible_at(user, f"{to}__controller")


def reread(agreement: Agreement) -> QuerySet[Agreement]:
    """An agreement the caller already got through a helper, as a queryset to read it again."""
    return Agreement.objects.filter(pk=agreement.pk)


def agreement_counts_by_status(user: Any) -> dict[str, int]:
    """How many visible agreements have their latest version in each status."""
    # Counted on the versions with no newer one (both read from the indexes), not through the
    # latest status annotated agreement by agreement (looked up twice per row when grouped).
    newer = AgreementVersion.objects.filter(agreement_id=OuterRef("agreement_id"),
                                            number__gt=OuterRef("number"))
    latest = AgreementVersion.objects.filter(visible_through(user, "agreement")).exclude(Exists(newer))
    return dict(latest.order_by().values_list("status").annotate(n=Count("pk")))


def agreements_in_status(user: Any, status: str = "") -> AgreementQuerySet:
    """Visible agreements with their latest version's ``status``; only those in ``status`` if given."""
    qs = visible_agreements(user).with_latest_status()
    return qs.filter(status=status) if status else qs


def find_agreements(user: Any, *, q: str = "", status: str = "", controller: str = "") -> AgreementQuerySet:
    """Visible agreements in ``status`` whose reference or controller matches ``q`` and whose
    controller matches ``controller`` (name or KvK number); blanks do not filter."""
    qs = agreements_in_status(user, status)
    return qs.filter(client_search(q, controller="controller", agreement=""),
                     client_search(controller, controller="controller"))


def portal_agreements(user: Any) -> AgreementQuerySet:
    """Visible agreements that have been sent, each with its latest sent version's ``status``."""
    return visible_agreements(user).with_latest_status(sent_only=True).filter(status__isnull=False)


def agreements_of(user: Any, controller: Controller) -> AgreementQuerySet:
    """One controller's agreements, as far as the user may see them."""
    return visible_agreements(user).filter(controller=controller)


def agreement_for(user: Any, code: str | UUID, *, write: bool = False) -> Agreement:
    """The agreement if the user may see it; 404 for outsiders, 403 for read-only writers."""
    return object_for(visible_agreements(user), code, write=write, may_write=lambda _: can_write(user))


def agreement_named_for(user: Any, text: str, *, write: bool = False) -> Agreement:
    """The agreement a person names by its reference ("DPA-2026-0002", any case), or by its
    code; 404 when they may not see it."""
    text = text.strip()
    try:
        UUID(text)
    except ValueError:
        agreement = get_or_404(visible_agreements(user), reference__iexact=text)
        return agreement_for(user, agreement.code, write=write)
    return agreement_for(user, text, write=write)


def sent_versions() -> QuerySet[AgreementVersion]:
    """The versions a controller's users may see: every one but drafts (a draft is never
    superseded, so these are the versions sent to the controller, and imported ones)."""
    return AgreementVersion.objects.exclude(status=VersionStatus.DRAFT)


def shown_versions(user: Any) -> QuerySet[AgreementVersion]:
    """Versions the user may see, for a prefetch of agreements already taken from here."""
    return sent_versions() if is_controller_user(user) else AgreementVersion.objects.all()


def binding_among(versions: QuerySet[AgreementVersion], agreement: Any = None) -> QuerySet[AgreementVersion]:
    """Of ``versions``, the one whose terms a reader takes as ``agreement``'s (by default the outer
    query's ``agreement``), as a query of one row for a subquery: the newest signed, else the
    newest. From ``shown_versions(user)`` this is "the version a controller may see": for a
    controller's user the newest version sent to it, superseded or not, never a draft (the
    processor's unsent work); for the processor's side the newest, a draft included."""
    signed_first = Case(When(status=VersionStatus.SIGNED, then=Value(0)), default=Value(1))
    return (versions.filter(agreement=OuterRef("agreement") if agreement is None else agreement)
            .order_by(signed_first, "-number")[:1])


def shown_binding(user: Any, agreement: Any = None) -> QuerySet[AgreementVersion]:
    """``binding_among`` the versions the user may see (``shown_versions``)."""
    return binding_among(shown_versions(user), agreement)


def binding_for(user: Any, agreement: Agreement) -> AgreementVersion:
    """The version whose terms ``user`` reads as ``agreement``'s (already looked up with
    ``agreement_for``): ``shown_binding``, one row. A controller's user gets the signed version,
    else the newest one sent to it, never the processor's draft; 404 if none was sent."""
    version = shown_binding(user, agreement).first()
    if version is None:
        raise Http404
    return version


def controller_binding(agreement: Agreement) -> AgreementVersion | None:
    """The version whose terms the controller reads as ``agreement``'s, whoever asks:
    ``binding_among`` the ``sent_versions``; None while only a draft exists."""
    return binding_among(sent_versions(), agreement).first()


def controller_terms(agreement_ids: Iterable[int],
                     parts: tuple[str, ...] = ()) -> dict[int, tuple[str, dict]]:
    """Agreement id → (language, terms) of the version the controller has
    (``controller_binding``: the newest signed, else the newest sent, never a draft), else,
    for an agreement never sent, its newest draft; read as plain values: one query, no model
    instances, for thousands at once.
    With ``parts``, the terms hold only those top-level keys (read in the database)."""
    best: dict[int, tuple[bool, bool, int, str, dict]] = {}
    ids = list(agreement_ids)
    columns: list[Any] = [KeyTransform(p, "terms") for p in parts] or ["terms"]
    for start in range(0, len(ids), 5000):
        rows = AgreementVersion.objects.filter(agreement_id__in=ids[start:start + 5000]).values_list(
            "agreement_id", "status", "number", "language", *columns)
        for aid, status, number, language, *values in rows:
            terms = dict(zip(parts, values, strict=True)) if parts else values[0]
            # Sent beats a draft (the processor's unsent work), then signed, then newest.
            key = (status != VersionStatus.DRAFT, status == VersionStatus.SIGNED, number, language, terms)
            if aid not in best or key[:3] > best[aid][:3]:
                best[aid] = key
    return {aid: (v[3], v[4]) for aid, v in best.items()}


def visible_versions(user: Any, agreement: Agreement) -> QuerySet[AgreementVersion]:
    """The versions of an agreement (already looked up with agreement_for) the user may see."""
    return (shown_versions(user).filter(agreement=agreement)
            .select_related("agreement__controller__processor"))


def agreement_version_for(user: Any, agreement: Agreement, number: int) -> AgreementVersion:
    """Version ``number`` of an agreement the user may see; 404 if it is not shown to them."""
    return get_or_404(visible_versions(user, agreement), number=number)


def version_for(user: Any, code: str | UUID, *, write: bool = False) -> AgreementVersion:
    qs = (AgreementVersion.objects.select_related("agreement", "agreement__controller",
                                                  "agreement__controller__processor")
          .filter(agreement__controller__in=visible_controllers(user)))
    if is_controller_user(user):
        qs = qs.exclude(status=VersionStatus.DRAFT)
    return object_for(qs, code, write=write, may_write=lambda _: can_write(user))


def listed_agreements(user: Any, status: str = "") -> AgreementQuerySet:
    """Visible agreements; with ``status``, those whose newest version the user may see is in it."""
    qs = visible_agreements(user)
    if status:
        latest = shown_versions(user).filter(agreement=OuterRef("pk")).order_by("-number")
        qs = qs.annotate(latest_status=Subquery(latest.values("status")[:1])).filter(latest_status=status)
    return qs


# -- the agreement's end ----------


def visible_terminations(user: Any) -> QuerySet[Termination]:
    """The terminations of the agreements of the controllers the user may see."""
    return Termination.objects.filter(visible_at(user, "agreement__controller")).select_related(
        "agreement__controller__processor")


def termination_of(user: Any, agreement: Agreement) -> Termination | None:
    """The termination of one (visible) agreement, if it has ended."""
    return visible_terminations(user).filter(agreement=agreement).first()


def termination_for(user: Any, code: str | UUID, *, write: bool = False) -> Termination:
    """A termination the user may see; 404 for outsiders, 403 for read-only writers."""
    return object_for(visible_terminations(user), code, write=write, may_write=lambda _t: can_write(user))


def returned_file_for(user: Any, code: str | UUID) -> ReturnedFile:
    """One file of a visible termination's data package; 404 otherwise."""
    return get_or_404(
        ReturnedFile.objects.filter(termination__agreement__controller__in=visible_controllers(user))
        .select_related("termination__agreement__controller__processor"),
        code=code,
    )


# The command line runs as the machine's operator, who may see every agreement.

def operator_agreements() -> QuerySet[Agreement]:
    """Every agreement, by reference (for the command line only)."""
    return Agreement.objects.select_related("controller").order_by("reference")


def operator_agreement(code: str) -> Agreement | None:
    """One agreement by reference or by code, for the command line; None if there is none."""
    qs = operator_agreements()
    match = qs.filter(reference=code).first()
    if match is not None:
        return match
    try:
        return qs.filter(code=code).first()
    except Exception:  # noqa: BLE001 - not a UUID
        return None
