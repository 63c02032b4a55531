"""The team and client access: invitations, roles, assignments, deactivation, second factors.

Every function is one state change that writes its ledger event in the same transaction;
the HTML views and the API both call these.
"""

from __future__ import annotations

import dataclasses
import secrets
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from art28.accounts.models import (
    Invitation,
    InvitationStatus,
    TeamRole,
    UserSession,
    hash_token,
    new_token,
)
from art28.core.bulk import insert_rows
from art28.core.ledger_scope import ledger_scope
from art28.core.templatetags.art28 import before_stop
from art28.core.urls import absolute_url
from art28.core.users import user_or_none
from art28.ledger.services import record_event
from art28.notices.models import Audience, Notice, NoticeKind
from art28.notices.services import About, NoticeDraft, queue_notice, queue_notices
from art28.parties.access import membership_of
from art28.parties.models import Controller, Membership, Processor, Role

RECOVERY_CODES = 10


def invitation_link(raw: str) -> str:
    return absolute_url("accounts:invitation_accept", raw)


def _invitation_links() -> Callable[[str], str]:
    """invitation_link without a URL reverse per invitation (a fan-out invites thousands);
    a token is URL-safe, so it goes into the path as it is."""
    placeholder = "x" * len(new_token())
    template = invitation_link(placeholder)
    head, tail = template.rsplit(placeholder, 1)
    return lambda raw: f"{head}{raw}{tail}"


def _address_taken(email: str) -> bool:
    return get_user_model().objects.filter(email__iexact=email).exists() or \
        get_user_model().objects.filter(username__iexact=email).exists()


def has_login(email: str) -> bool:
    """Whether a person with this address can already log in (no invitation needed)."""
    return _address_taken(email.strip())


@transaction.atomic
def create_invitation(*, processor: Processor, email: str, role: str,
                      controller: Controller | None = None, next_url: str = "",
                      acting_user: Any) -> tuple[Invitation, str]:
    """A new single-use invitation (no e-mail): the raw token is returned once, never stored.

    Refuses an address that already has a login anywhere or an open invitation here, with
    the same words either way, so the answer tells nothing about other organisations.
    """
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    team_role = TeamRole(role)
    if team_role.is_client and (controller is None or controller.processor_id != processor.pk):
        raise ValidationError({"controller": _("A client user needs one of your controllers.")})
    if not team_role.is_client:
        controller = None
    if _address_taken(email) or Invitation.objects.open().filter(
            email__iexact=email, expires_at__gt=timezone.now()).exists():
        raise ValidationError({"email": _(
            "This address cannot be invited: it already has a login or an open invitation. "
            "A person who forgot their password can reset it on the login page.")})
    raw = new_token()
    invitation = Invitation.objects.create(
        token_hash=hash_token(raw), email=email, role=team_role, processor=processor,
        controller=controller, next_url=next_url, invited_by=user_or_none(acting_user),
        expires_at=timezone.now() + timedelta(days=settings.ART28_INVITATION_DAYS))
    record_event(action="account.invited", obj=invitation, acting_user=acting_user,
                 data={"email": email, "role": team_role.value}, **ledger_scope(processor, controller))
    return invitation, raw


@transaction.atomic
def contact_invitation(*, controller: Controller, email: str, next_url: str,
                       acting_user: Any) -> str | None:
    """A link token for a controller's contact without a login, to put in the mail they get
    anyway (signature request, first notice); None when they can log in already.

    An open invitation of this controller gets a fresh token (the old link stops working).
    """
    email = email.strip().lower()
    if has_login(email):
        return None
    open_ = Invitation.objects.open().select_for_update().filter(email__iexact=email)
    if open_.exclude(controller=controller).exists():
        return None  # invited elsewhere: nothing to add, nothing to tell
    invitation = open_.filter(controller=controller).first()
    if invitation is None:
        _invitation, raw = create_invitation(processor=controller.processor, email=email,
                                             role=TeamRole.CLIENT, controller=controller,
                                             next_url=next_url, acting_user=acting_user)
        return raw
    raw = new_token()
    invitation.token_hash, invitation.next_url = hash_token(raw), next_url
    invitation.expires_at = timezone.now() + timedelta(days=settings.ART28_INVITATION_DAYS)
    invitation.save(update_fields=["token_hash", "next_url", "expires_at"])
    return raw

def _portal_path(link: str) -> str:
    """The page an absolute art28 link opens, as a path ('' for a link elsewhere)."""
    base = settings.BASE_URL.rstrip("/")
    return link[len(base):] if link.startswith(base + "/") else ""


def _without_login(emails: set[str]) -> set[str]:
    users = get_user_model().objects.annotate(e=Lower("email"), u=Lower("username"))
    taken = set(users.filter(e__in=emails).values_list("e", flat=True))
    taken |= set(users.filter(u__in=emails).values_list("u", flat=True))
    return emails - taken


def _keys(processor: Processor, first: dict[str, tuple[int, str]],
          acting_user: Any) -> tuple[dict[str, str], int]:
    """One fresh raw token per address: a new invitation, or a new link for the open one of
    this processor's client (its older link stops working). Addresses invited elsewhere get none."""
    keys: dict[str, str] = {}
    expires = timezone.now() + timedelta(days=settings.ART28_INVITATION_DAYS)
    open_ = Invitation.objects.open().select_for_update().filter(email__in=list(first))
    renewed = 0
    for invitation in open_:
        email = invitation.email.lower()
        keys.setdefault(email, "")  # present: never a second invitation for the address
        if invitation.processor_id != processor.pk or not TeamRole(invitation.role).is_client:
            continue
        raw = new_token()
        invitation.token_hash, invitation.expires_at = hash_token(raw), expires
        invitation.save(update_fields=["token_hash", "expires_at"])
        keys[email], renewed = raw, renewed + 1
    fresh = [e for e in sorted(first) if e not in keys]
    # Plain rows, not instances: a fan-out invites thousands (the controllers are ids already).
    by, now = user_or_none(acting_user), timezone.now()
    made = {e: new_token() for e in fresh}
    insert_rows(Invitation, _INVITATION_FIELDS, [
        (uuid.uuid4(), hash_token(raw), e, TeamRole.CLIENT.value, processor.pk, first[e][0], first[e][1],
         by.pk if by else None, None, now, expires, None, None) for e, raw in made.items()])
    keys.update(made)
    return {e: raw for e, raw in keys.items() if raw}, len(made) + renewed


_INVITATION_FIELDS = ("code", "token_hash", "email", "role", "processor", "controller", "next_url",
                      "invited_by", "user", "created_at", "expires_at", "accepted_at", "revoked_at")


@transaction.atomic
def with_invitations(drafts: list[NoticeDraft], *, processor: Processor,
                     acting_user: Any) -> list[NoticeDraft]:
    """Every link in every e-mail works for its recipient: a controller's recipient without a
    login gets, in this notice's own e-mail, an invitation link that sets a password and then
    opens the page of the notice (never a separate mail that arrives after it).

    One token per address for the whole batch (each e-mail opens its own notice, named in the
    link's ``next``); an address with an open invitation of this processor's client gets a
    fresh link. The shared portal inbox and webhooks keep the plain link. A handful of queries
    for any number of notices; one ledger event for the batch.
    """
    first: dict[str, tuple[int, str]] = {}
    for draft in drafts:
        path = _portal_path(draft.link)
        if draft.audience != Audience.CONTROLLER or draft.controller is None or not path:
            continue
        for email in draft.recipients:
            if email and email.strip():
                first.setdefault(email.strip().lower(), (draft.controller.pk, path))
    wanted = _without_login(set(first))
    if not wanted:
        return drafts
    keys, count = _keys(processor, {e: first[e] for e in wanted}, acting_user)
    if not keys:
        return drafts
    out, link = [], _invitation_links()
    for draft in drafts:
        path = _portal_path(draft.link)
        own = {e.strip().lower(): f"{link(keys[e.strip().lower()])}?next={quote(path, safe='/')}"
               for e in draft.recipients if e and e.strip().lower() in keys} if path else {}
        out.append(dataclasses.replace(draft, personal_links=own) if own else draft)
    record_event(action="account.invited_with_notice", obj=processor, acting_user=acting_user,
                 data={"invitations": count}, processor_id=processor.pk)
    return out


def queue_with_invitations(draft: NoticeDraft, *, processor: Processor, acting_user: Any,
                           schedule: bool = True) -> Notice:
    """``queue_notice`` for one notice to a controller, with invitations for its recipients
    without a login (see ``with_invitations``)."""
    drafts = with_invitations([draft], processor=processor, acting_user=acting_user)
    return queue_notices(drafts, schedule=schedule)[0]


def _invitation_draft(invitation: Invitation, raw: str) -> NoticeDraft:
    return NoticeDraft(
        controller=invitation.controller, processor=invitation.processor, kind=NoticeKind.INVITATION,
        about=About("invitation", str(invitation.code)), template="invitation",
        recipients=[invitation.email], link=invitation_link(raw),
        # The link is one person's key: never in a shared portal inbox or a client's webhook.
        audience=Audience.PROCESSOR,
        context={"processor": invitation.processor.name, "role": TeamRole(invitation.role).in_sentence,
                 # It ends the sentence: "… B.V." must not read "… B.V..".
                 "organisation": before_stop((invitation.controller or invitation.processor).name),
                 "expires_at": invitation.expires_at})


def _mail_invitation(invitation: Invitation, raw: str) -> None:
    queue_notices([_invitation_draft(invitation, raw)])


@transaction.atomic
def invite(*, processor: Processor, email: str, role: str, controller: Controller | None = None,
           acting_user: Any) -> Invitation:
    """Invite a person by e-mail: staff of the processor, or a user of one of its controllers."""
    invitation, raw = create_invitation(processor=processor, email=email, role=role,
                                        controller=controller, acting_user=acting_user)
    _mail_invitation(invitation, raw)
    return invitation


@transaction.atomic
def resend_invitation(*, invitation: Invitation, acting_user: Any) -> Invitation:
    """A fresh link and expiry for an invitation not yet accepted; the old link stops working."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise ValidationError(_("This invitation has already been accepted."))
    raw = new_token()
    invitation.token_hash = hash_token(raw)
    invitation.revoked_at = None
    invitation.expires_at = timezone.now() + timedelta(days=settings.ART28_INVITATION_DAYS)
    invitation.save(update_fields=["token_hash", "revoked_at", "expires_at"])
    _mail_invitation(invitation, raw)
    record_event(action="account.invitation_resent", obj=invitation, acting_user=acting_user,
                 data={"email": invitation.email},
                 **ledger_scope(invitation.processor, invitation.controller))
    return invitation


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, acting_user: Any) -> Invitation:
    """Stop an open invitation's link from working."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise ValidationError(_("This invitation has already been accepted; deactivate the "
                                "person instead."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    record_event(action="account.invitation_revoked", obj=invitation, acting_user=acting_user,
                 data={"email": invitation.email},
                 **ledger_scope(invitation.processor, invitation.controller))
    return invitation


@transaction.atomic
def accept_invitation(*, invitation: Invitation, password: str) -> Any:
    """Create the invited person's login with the password they chose; the link is used up."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != InvitationStatus.PENDING or _address_taken(invitation.email):
        raise ValidationError(_("This invitation can no longer be used."))
    user_model = get_user_model()
    user = user_model(username=invitation.email, email=invitation.email)
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save()
    team_role = TeamRole(invitation.role)
    Membership.objects.create(user=user, role=team_role.membership_role,
                              processor=invitation.processor, controller=invitation.controller,
                              read_only=team_role.read_only,
                              portal_admin=team_role.portal_admin or _first_of_client(invitation))
    invitation.accepted_at, invitation.user = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "user"])
    record_event(action="account.invitation_accepted", obj=invitation, acting_user=user,
                 data={"email": invitation.email, "role": invitation.role},
                 **ledger_scope(invitation.processor, invitation.controller))
    return user


def _first_of_client(invitation: Invitation) -> bool:
    """The first writing user of a controller without a portal admin becomes its admin, so
    every client can manage its own colleagues from the start."""
    if invitation.controller_id is None or TeamRole(invitation.role) != TeamRole.CLIENT:
        return False
    return _active_client_admins(invitation.controller_id) == 0


def _active_client_admins(controller_id: int) -> int:
    return Membership.objects.filter(controller_id=controller_id, role=Role.CONTROLLER_USER,
                                     portal_admin=True, user__is_active=True).count()


def _keep_a_client_admin(membership: Membership, acting_user: Any) -> None:
    """A client's users cannot leave their organisation without a portal admin. The processor
    can (a client's only admin may leave the company); it manages that access itself then."""
    if membership.controller_id is None or not membership.portal_admin or not membership.user.is_active:
        return
    actor = membership_of(acting_user) if user_or_none(acting_user) else None
    if actor is not None and actor.is_processor_side:
        return
    # Lock the controller's admins, so two admins demoting each other cannot both win.
    list(Membership.objects.select_for_update().filter(controller_id=membership.controller_id,
                                                       portal_admin=True))
    if _active_client_admins(membership.controller_id) <= 1:
        raise ValidationError(_("This is the last portal admin of this organisation: make a "
                                "colleague admin first."))


def _locked_membership(membership: Membership) -> Membership:
    return Membership.objects.select_for_update().select_related("user", "processor").get(
        pk=membership.pk)


def _active_admins(processor_id: int) -> int:
    return Membership.objects.filter(processor_id=processor_id, role=Role.PROCESSOR_ADMIN,
                                     user__is_active=True).count()


def _keep_an_admin(membership: Membership) -> None:
    if membership.role == Role.PROCESSOR_ADMIN and membership.user.is_active and \
            _active_admins(membership.processor_id) <= 1:
        raise ValidationError(_("This is the last active admin: make someone else admin first."))


@transaction.atomic
def change_role(*, membership: Membership, role: str, acting_user: Any) -> Membership:
    """Make a person admin, staff or read-only staff (or a client user admin, plain or
    read-only). Neither the processor's last admin nor a client's last portal admin can be
    demoted."""
    membership = _locked_membership(membership)
    # Lock every admin row of the processor, so two admins demoting each other cannot both win.
    list(Membership.objects.select_for_update().filter(processor_id=membership.processor_id,
                                                       role=Role.PROCESSOR_ADMIN))
    new, old = TeamRole(role), TeamRole.of(membership)
    if new.is_client != old.is_client:
        raise ValidationError({"role": _("Staff cannot become client users or the other way round; "
                                         "invite the person again instead.")})
    if new == old:
        return membership
    if new != TeamRole.ADMIN:
        _keep_an_admin(membership)
    if not new.portal_admin:
        _keep_a_client_admin(membership, acting_user)
    membership.role, membership.read_only = new.membership_role, new.read_only
    membership.portal_admin = new.portal_admin
    membership.save(update_fields=["role", "read_only", "portal_admin"])
    record_event(action="account.role_changed", obj=("user", membership.code),
                 acting_user=acting_user,
                 data={"user": membership.user.username, "from": old.value, "to": new.value},
                 **ledger_scope(membership.processor, membership.controller))
    return membership


@transaction.atomic
def deactivate(*, membership: Membership, acting_user: Any) -> Membership:
    """Stop a person at once: sessions end, and API tokens of an inactive user are refused."""
    membership = _locked_membership(membership)
    list(Membership.objects.select_for_update().filter(processor_id=membership.processor_id,
                                                       role=Role.PROCESSOR_ADMIN))
    _keep_an_admin(membership)
    _keep_a_client_admin(membership, acting_user)
    user = membership.user
    user.is_active = False
    user.save(update_fields=["is_active"])
    _end_sessions(user)
    record_event(action="account.deactivated", obj=("user", membership.code),
                 acting_user=acting_user, data={"user": user.username},
                 **ledger_scope(membership.processor, membership.controller))
    return membership


def _end_sessions(user: Any) -> None:
    # Django's ModelBackend already refuses an inactive user on every request; deleting the
    # sessions also clears them from the store. The index written at login names exactly
    # this person's sessions, so no other session is read.
    rows = UserSession.objects.filter(user=user)
    Session.objects.filter(session_key__in=rows.values("session_key")).delete()
    rows.delete()


@transaction.atomic
def reactivate(*, membership: Membership, acting_user: Any) -> Membership:
    membership = _locked_membership(membership)
    membership.user.is_active = True
    membership.user.save(update_fields=["is_active"])
    record_event(action="account.reactivated", obj=("user", membership.code),
                 acting_user=acting_user, data={"user": membership.user.username},
                 **ledger_scope(membership.processor, membership.controller))
    return membership


@transaction.atomic
def reset_second_factor(*, membership: Membership, acting_user: Any) -> Membership:
    """Remove a person's TOTP device and recovery codes; they enrol again at next login."""
    membership = _locked_membership(membership)
    TOTPDevice.objects.filter(user=membership.user).delete()
    StaticDevice.objects.filter(user=membership.user).delete()
    record_event(action="account.second_factor_reset", obj=("user", membership.code),
                 acting_user=acting_user, data={"user": membership.user.username},
                 **ledger_scope(membership.processor, membership.controller))
    return membership


@transaction.atomic
def set_assignment(*, membership: Membership, controller: Controller, assigned: bool,
                   acting_user: Any) -> Membership:
    """Assign a staff member to a controller (need-to-know) or take the assignment away."""
    membership = _locked_membership(membership)
    if membership.role != Role.PROCESSOR_STAFF or controller.processor_id != membership.processor_id:
        raise ValidationError(_("Only staff of this processor are assigned to its controllers."))
    if assigned == membership.assigned_controllers.filter(pk=controller.pk).exists():
        return membership
    if assigned:
        membership.assigned_controllers.add(controller)
    else:
        membership.assigned_controllers.remove(controller)
    record_event(action="account.assigned" if assigned else "account.unassigned",
                 obj=controller, acting_user=acting_user,
                 data={"user": membership.user.username, "controller": controller.name},
                 **ledger_scope(membership.processor, controller))
    return membership


@transaction.atomic
def new_recovery_codes(*, user: Any, acting_user: Any) -> list[str]:
    """Ten fresh one-time recovery codes (the old ones stop working); shown once."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name="recovery",
                                                          defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    m = getattr(user, "membership", None)
    record_event(action="account.recovery_codes_made", obj=("user", m.code if m else user.pk),
                 acting_user=acting_user, data={"user": user.username},
                 processor_id=m.processor_id if m else None)
    return codes


@transaction.atomic
def request_password_reset(*, email: str) -> None:
    """Mail a reset link if an active person has this address; silently nothing otherwise."""
    user = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True,
                                           membership__isnull=False).first()
    if user is None:
        return
    m = user.membership
    link = absolute_url("accounts:password_reset_confirm", urlsafe_base64_encode(force_bytes(user.pk)),
                        default_token_generator.make_token(user))
    # Stored for the processor's staff only, never in a client's portal inbox.
    queue_notice(controller=None, processor=m.processor, kind=NoticeKind.PASSWORD_RESET,
                 about=About("user", str(m.code)), template="password_reset",
                 recipients=[user.email], link=link, audience=Audience.PROCESSOR,
                 language=(m.controller or m.processor).language,
                 context={"username": user.username, "processor": m.processor.name})


@transaction.atomic
def set_password(*, user: Any, password: str, acting_user: Any) -> Any:
    """Set a new password after Django's validators accept it."""
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    m = getattr(user, "membership", None)
    record_event(action="account.password_set", obj=("user", m.code if m else user.pk),
                 acting_user=acting_user, data={"user": user.username},
                 processor_id=m.processor_id if m else None,
                 controller_id=m.controller_id if m else None)
    return user


def pending_totp_device(*, user: Any) -> TOTPDevice:
    """The user's unconfirmed TOTP device, made on first use (its secret is shown once)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="default", confirmed=False)
    return device


@transaction.atomic
def confirm_totp_device(*, device: TOTPDevice, acting_user: Any) -> TOTPDevice:
    """Mark the device confirmed after the user typed a valid code from it."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    m = membership_of(acting_user)
    record_event(action="auth.totp_enrolled", obj=("user", acting_user.pk),
                 acting_user=acting_user, data={"device": device.persistent_id},
                 processor_id=m.processor_id if m else None)
    return device
