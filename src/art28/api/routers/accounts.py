"""Invitations, the team, roles and assignments: the same services as the pages."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja import Query, Router

from art28.accounts import access, services
from art28.accounts.models import Invitation, TeamRole
from art28.api.pagination import Page, paginate
from art28.api.schemas.accounts import InvitationFilter, InvitationIn, InvitationOut, MemberOut, RoleIn
from art28.parties.access import controller_for
from art28.parties.models import Membership
from art28.parties.types import AuthedRequest

router = Router(tags=["team"])


def _member_out(member: Membership) -> Membership:
    member.team_role = TeamRole.of(member).value  # type: ignore[attr-defined]  # read by the response schema
    member.assigned_codes = access.assigned_controller_codes(member)  # type: ignore[attr-defined]  # read by the response schema
    return member


@router.get("/invitations", response=Page[InvitationOut])
def invitation_list(request: AuthedRequest, params: Query[InvitationFilter]) -> dict[str, Any]:
    """Open invitations, newest first, a page at a time (a notice to every client invites
    each one's contact: thousands)."""
    controller = controller_for(request.auth, params.controller) if params.controller else None
    qs = access.visible_invitations(request.auth, controller)
    return paginate(qs.order_by("-created_at", "-pk"), params)


@router.post("/invitations", response={201: InvitationOut})
def invitation_create(request: AuthedRequest, payload: InvitationIn) -> tuple[int, Invitation]:
    role = TeamRole(payload.role)
    if role.is_client:
        if payload.controller is None:
            raise ValidationError({"controller": _("A client user needs one of your controllers.")})
        controller = controller_for(request.auth, payload.controller)
        if not access.can_manage_portal(request.auth, controller):
            raise PermissionDenied
        processor = controller.processor
    else:
        controller, processor = None, access.admin_membership(request.auth, write=True).processor
    invitation = services.invite(processor=processor, email=payload.email, role=role,
                                 controller=controller, acting_user=request.auth)
    return 201, invitation


@router.post("/invitations/{code}/resend", response=InvitationOut)
def invitation_resend(request: AuthedRequest, code: UUID) -> Invitation:
    invitation = access.invitation_for(request.auth, code, write=True)
    return services.resend_invitation(invitation=invitation, acting_user=request.auth)


@router.delete("/invitations/{code}", response={204: None})
def invitation_revoke(request: AuthedRequest, code: UUID) -> tuple[int, None]:
    invitation = access.invitation_for(request.auth, code, write=True)
    services.revoke_invitation(invitation=invitation, acting_user=request.auth)
    return 204, None


@router.get("/team", response=list[MemberOut])
def team_list(request: AuthedRequest) -> Any:
    return [_member_out(m) for m in access.team(request.auth)]


@router.get("/team/{code}", response=MemberOut)
def member_get(request: AuthedRequest, code: UUID) -> Membership:
    return _member_out(access.member_for(request.auth, code))


@router.patch("/team/{code}", response=MemberOut)
def member_role(request: AuthedRequest, code: UUID, payload: RoleIn) -> Membership:
    member = access.member_for(request.auth, code, write=True)
    return _member_out(services.change_role(membership=member, role=payload.role,
                                            acting_user=request.auth))


@router.post("/team/{code}/deactivate", response=MemberOut)
def member_deactivate(request: AuthedRequest, code: UUID) -> Membership:
    member = access.member_for(request.auth, code, write=True)
    return _member_out(services.deactivate(membership=member, acting_user=request.auth))


@router.post("/team/{code}/reactivate", response=MemberOut)
def member_reactivate(request: AuthedRequest, code: UUID) -> Membership:
    member = access.member_for(request.auth, code, write=True)
    return _member_out(services.reactivate(membership=member, acting_user=request.auth))


@router.post("/team/{code}/second-factor/reset", response=MemberOut)
def member_reset_factor(request: AuthedRequest, code: UUID) -> Membership:
    """Remove the person's TOTP device and recovery codes; they enrol again at next login."""
    member = access.member_for(request.auth, code, write=True)
    return _member_out(services.reset_second_factor(membership=member, acting_user=request.auth))


@router.put("/team/{code}/assignments/{controller}", response=MemberOut)
def member_assign(request: AuthedRequest, code: UUID, controller: UUID) -> Membership:
    return _assign(request, code, controller, assigned=True)


@router.delete("/team/{code}/assignments/{controller}", response=MemberOut)
def member_unassign(request: AuthedRequest, code: UUID, controller: UUID) -> Membership:
    return _assign(request, code, controller, assigned=False)


def _assign(request: AuthedRequest, code: UUID, controller_code: UUID, *, assigned: bool) -> Membership:
    member = access.member_for(request.auth, code, write=True)
    controller = controller_for(request.auth, controller_code)
    return _member_out(services.set_assignment(membership=member, controller=controller,
                                               assigned=assigned, acting_user=request.auth))
