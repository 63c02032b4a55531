"""Demands of authorities for the controller's data: logged, told (unless banned), closed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from art28.accounts.services import queue_with_invitations
from art28.agreements.models import Agreement
from art28.core.ledger_scope import ledger_scope
from art28.core.users import user_or_none
from art28.ledger.services import record_event
from art28.notices.models import NoticeKind
from art28.notices.services import About, NoticeDraft
from art28.requests.models import AuthorityKind, AuthorityRequest, AuthorityStatus
from art28.requests.services.common import (
    controller_recipients,
    portal_url,
    require_open,
    require_text,
)


def _check(
    kind: str,
    authority: str,
    legal_basis: str,
    description: str,
    gagged: bool,
    gag_basis: str,
    received_at: datetime,
    respond_by: datetime,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if kind not in AuthorityKind.values:
        errors["authority_kind"] = _("Choose the kind of authority.")
    require_text(errors, "authority", authority, _("Name the authority."))
    require_text(errors, "legal_basis", legal_basis, _("Give the legal basis the authority relies on."))
    require_text(errors, "description", description, _("Describe what the authority demands."))
    if gagged:
        require_text(
            errors, "gag_basis", gag_basis, _("Name the provision that forbids telling the controller.")
        )
    if received_at > timezone.now():
        errors["received_at"] = _("The demand cannot have been received in the future.")
    if respond_by <= received_at:
        errors["respond_by"] = _("The answer date must be after the date of receipt.")
    return errors


@transaction.atomic
def record_authority_request(
    *,
    agreement: Agreement,
    authority_kind: str,
    authority: str,
    legal_basis: str,
    description: str,
    respond_by: datetime,
    acting_user: Any,
    gagged: bool = False,
    gag_basis: str = "",
    received_at: datetime | None = None,
) -> AuthorityRequest:
    """Log the demand; unless a legal ban forbids it, tell the controller now, so it can object."""
    agreement = (
        Agreement.objects.select_for_update().select_related("controller__processor").get(pk=agreement.pk)
    )
    require_open(agreement)
    received_at = received_at or timezone.now()
    errors = _check(
        authority_kind, authority, legal_basis, description, gagged, gag_basis, received_at, respond_by
    )
    if errors:
        raise ValidationError(errors)
    req = AuthorityRequest.objects.create(
        agreement=agreement,
        authority_kind=authority_kind,
        authority=authority.strip(),
        legal_basis=legal_basis.strip(),
        description=description.strip(),
        received_at=received_at,
        respond_by=respond_by,
        gagged=gagged,
        gag_basis=gag_basis.strip() if gagged else "",
        controller_told_at=None if gagged else timezone.now(),
        created_by=user_or_none(acting_user),
    )
    if not gagged:
        controller = agreement.controller
        queue_with_invitations(NoticeDraft(
            controller=controller,
            kind=NoticeKind.AUTHORITY_REQUEST,
            about=About("authorityrequest", str(req.code)),
            template="authority_request",
            recipients=controller_recipients(controller),
            deadline=respond_by,
            link=portal_url("portal_authority", req.code),
            context={
                "reference": agreement.reference,
                "authority": req.authority,
                "legal_basis": req.legal_basis,
                "description": req.description,
                "respond_by": respond_by,
                "processor": controller.processor.name,
            },
        ), processor=controller.processor, acting_user=acting_user)
    # A gagged request still goes in the ledger: the processor's own record, never the portal.
    record_event(
        action="authority.recorded",
        obj=req,
        acting_user=acting_user,
        data={
            "agreement": agreement.reference,
            "authority": req.authority,
            "gagged": gagged,
            "told": not gagged,
        },
        **ledger_scope(agreement=agreement),
    )
    return req


@transaction.atomic
def record_objection(*, request: AuthorityRequest, objection: str, acting_user: Any) -> AuthorityRequest:
    """The controller objects to the disclosure; the processor raises it with the authority."""
    req = AuthorityRequest.objects.select_for_update().get(pk=request.pk)
    if req.gagged or req.status != AuthorityStatus.OPEN:
        raise ValidationError(_("This request is closed; an objection can no longer be recorded."))
    if req.objected_at:
        raise ValidationError(_("The objection has already been recorded."))
    objection = require_text(errors := dict[str, str](), "objection", objection, _("Write the objection."))
    if errors:
        raise ValidationError(errors)
    req.objection, req.objected_at = objection, timezone.now()
    req.save(update_fields=["objection", "objected_at"])
    record_event(
        action="authority.objected",
        obj=req,
        acting_user=acting_user,
        data={"objection": objection},
        **ledger_scope(agreement=req.agreement),
    )
    return req


@transaction.atomic
def close_authority_request(
    *, request: AuthorityRequest, disclosed: str, acting_user: Any
) -> AuthorityRequest:
    """Record what was disclosed in the end (or "nothing") and close the request."""
    req = (
        AuthorityRequest.objects.select_for_update()
        .select_related("agreement__controller__processor")
        .get(pk=request.pk)
    )
    if req.status == AuthorityStatus.CLOSED:
        raise ValidationError(_("This request is already closed."))
    disclosed = require_text(
        errors := dict[str, str](), "disclosed", disclosed,
        _("Record what was disclosed, or write that nothing was."),
    )
    if errors:
        raise ValidationError(errors)
    req.disclosed, req.status, req.closed_at = disclosed, AuthorityStatus.CLOSED, timezone.now()
    req.save(update_fields=["disclosed", "status", "closed_at"])
    if not req.gagged:
        controller = req.agreement.controller
        queue_with_invitations(NoticeDraft(
            controller=controller,
            kind=NoticeKind.AUTHORITY_REQUEST,
            about=About("authorityrequest", str(req.code)),
            template="authority_closed",
            recipients=controller_recipients(controller),
            link=portal_url("portal_authority", req.code),
            context={
                "reference": req.agreement.reference,
                "authority": req.authority,
                "disclosed": disclosed,
            },
        ), processor=controller.processor, acting_user=acting_user)
    record_event(
        action="authority.closed",
        obj=req,
        acting_user=acting_user,
        data={"disclosed": disclosed},
        **ledger_scope(agreement=req.agreement),
    )
    return req
