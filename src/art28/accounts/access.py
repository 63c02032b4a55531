"""Who may see and change which people and invitations; the one place for these lookups.

Processor admins manage their whole team and every client's access; staff see the portal
access of the controllers they may see; a controller's own (not read-only) users manage their
colleagues. Outsiders get 404.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from art28.accounts.models import Invitation, InvitationStatus, hash_token
from art28.core.access import get_or_404, object_for
from art28.parties.access import find_controllers, membership_of, visible_controllers
from art28.parties.models import Controller, Membership, Role


class InvitationUnusable(Exception):
    """The link is forged, used, revoked or expired; ``reason`` says which (for its owner)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def invitation_by_token(raw: str) -> Invitation:
    """The pending invitation behind a raw link token, or InvitationUnusable."""
    invitation = (Invitation.objects.select_related("processor", "controller")
                  .filter(token_hash=hash_token(raw or "")).first())
    if invitation is None:
        raise InvitationUnusable("unknown")
    if invitation.status != InvitationStatus.PENDING:
        raise InvitationUnusable(invitation.status)
    return invitation


def user_by_reset_token(uidb64: str, token: str) -> Any:
    """The active user a password-reset link was made for, or None (forged, used, expired)."""
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
        user = get_user_model().objects.get(pk=pk, is_active=True)
    except (ValueError, TypeError, OverflowError, get_user_model().DoesNotExist):
        return None
    return user if default_token_generator.check_token(user, token) else None


def admin_membership(user: Any, *, write: bool = False) -> Membership:
    """The acting processor admin's membership; 404 off the processor side, 403 for staff."""
    return _admin(user, write=write)


def assigned_controller_codes(member: Membership) -> list[Any]:
    return list(member.assigned_controllers.order_by("name").values_list("code", flat=True))


def visible_invitations(user: Any, controller: Controller | None = None) -> QuerySet[Invitation]:
    """Open invitations the user may see: an admin's whole processor, else visible controllers';
    with ``controller`` (one the user may see), only those to its portal."""
    m = membership_of(user)
    if m is None:
        return Invitation.objects.none()
    qs = Invitation.objects.open().select_related("controller")
    if controller is not None:
        qs = qs.filter(controller=controller)
    if m.role == Role.PROCESSOR_ADMIN:
        return qs.filter(processor_id=m.processor_id)
    return qs.filter(controller__in=visible_controllers(user))


def _admin(user: Any, *, write: bool = False) -> Membership:
    m = membership_of(user)
    if m is None or not m.is_processor_side:
        raise Http404
    if m.role != Role.PROCESSOR_ADMIN or (write and m.read_only):
        raise PermissionDenied
    return m


def team(user: Any) -> QuerySet[Membership]:
    """The processor's own staff and admins, for its admin."""
    m = _admin(user)
    return (Membership.objects.filter(processor_id=m.processor_id,
                                      role__in=[Role.PROCESSOR_ADMIN, Role.PROCESSOR_STAFF])
            .select_related("user").order_by("user__username"))


def staff_invitations(user: Any) -> QuerySet[Invitation]:
    m = _admin(user)
    return Invitation.objects.open().filter(processor_id=m.processor_id, controller__isnull=True)


def member_for(user: Any, code: Any, *, write: bool = False) -> Membership:
    """One person of the admin's processor (staff or a client's user); 404 for anyone else."""
    m = _admin(user, write=write)
    return get_or_404(Membership.objects.select_related("user", "processor", "controller")
                      .filter(processor_id=m.processor_id), code=code)


def assignable_controllers(user: Any, q: str = "") -> QuerySet[Controller]:
    """The controllers an admin may assign staff to, by name; ``q`` as ``find_controllers``."""
    return find_controllers(user, q).order_by("name")


def assignable_staff(user: Any, controller: Controller) -> QuerySet[Membership]:
    """Staff (not admins) an admin may assign to this controller."""
    m = _admin(user)
    return (Membership.objects.filter(processor_id=m.processor_id, role=Role.PROCESSOR_STAFF)
            .select_related("user").order_by("user__username"))


def portal_users(controller: Controller) -> QuerySet[Membership]:
    """Who has portal access for a controller the caller already got through an access helper."""
    return controller.members.select_related("user").order_by("user__username")


def portal_invitations(controller: Controller) -> QuerySet[Invitation]:
    return controller.invitations.open().order_by("-created_at")


def can_manage_portal(user: Any, controller: Controller) -> bool:
    """Processor admins and (need-to-know) staff who may write; the controller's own portal admins."""
    m = membership_of(user)
    if m is None or m.read_only:
        return False
    if not m.is_processor_side and not (m.portal_admin and m.controller_id == controller.pk):
        return False
    return visible_controllers(user).filter(pk=controller.pk).exists()


def assigned_controller_ids(member: Membership, among: Iterable[Controller] | None = None) -> set[int]:
    """The keys of the controllers ``member`` is assigned to (of ``among`` only, if given)."""
    qs = member.assigned_controllers.all()
    if among is not None:
        qs = qs.filter(pk__in=[c.pk for c in among])
    return set(qs.values_list("pk", flat=True))


def assigned_staff_ids(controller: Controller) -> set[int]:
    return set(controller.staff.values_list("pk", flat=True))


def invitation_for(user: Any, code: Any, *, write: bool = False) -> Invitation:
    """An open or past invitation the user may see: admins all of theirs, staff their
    controllers', a controller's users their own organisation's."""
    m = membership_of(user)
    if m is None:
        raise Http404
    qs = Invitation.objects.select_related("processor", "controller")
    if m.role == Role.PROCESSOR_ADMIN:
        qs = qs.filter(processor_id=m.processor_id)
    else:
        qs = qs.filter(controller__in=visible_controllers(user))
    return object_for(qs, code, write=write, may_write=lambda invitation: _may_change(user, invitation))


def _may_change(user: Any, invitation: Invitation) -> bool:
    m = membership_of(user)
    if m is None or m.read_only:
        return False
    if invitation.controller is None:
        return m.role == Role.PROCESSOR_ADMIN
    return can_manage_portal(user, invitation.controller)


def portal_member_for(user: Any, code: Any, *, write: bool = False) -> Membership:
    """A controller user the caller may see: the processor's admin, or a colleague."""
    m = membership_of(user)
    if m is None:
        raise Http404
    qs = Membership.objects.select_related("user", "controller", "processor").filter(
        role=Role.CONTROLLER_USER, controller__in=visible_controllers(user))
    return object_for(qs, code, write=write,
                      may_write=lambda member: can_manage_portal(user, member.controller))  # type: ignore[arg-type]  # a portal user has one


def confirmed_totp_devices(user: Any) -> QuerySet[TOTPDevice]:
    """The user's own confirmed TOTP devices."""
    return TOTPDevice.objects.filter(user=user, confirmed=True)


def recovery_devices(user: Any) -> QuerySet[StaticDevice]:
    """The user's one-time recovery codes (a django-otp static device)."""
    return StaticDevice.objects.filter(user=user, confirmed=True)


def operator_totp_device(username: str) -> TOTPDevice | None:
    """A user's confirmed TOTP device, for the command line (the machine's operator)."""
    return TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
