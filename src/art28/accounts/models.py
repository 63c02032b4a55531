"""Invitations: the one way a person gets an art28 login (staff and controller users alike)."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from art28.core.status import Tone, status_tones
from art28.parties.models import Controller, Membership, Processor, Role


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


_lower_lazy = lazy(lambda text: str(text).lower(), str)


class TeamRole(models.TextChoices):
    """What an invitation or a person may do: one word for a Membership's role + read-only."""

    ADMIN = "admin", _("Admin")
    STAFF = "staff", _("Staff")
    READ_ONLY_STAFF = "read_only_staff", _("Read-only staff")
    CLIENT = "client", _("Client user")
    CLIENT_READ_ONLY = "client_read_only", _("Read-only client user")
    CLIENT_ADMIN = "client_admin", _("Client admin")

    @property
    def membership_role(self) -> str:
        return {TeamRole.ADMIN: Role.PROCESSOR_ADMIN, TeamRole.STAFF: Role.PROCESSOR_STAFF,
                TeamRole.READ_ONLY_STAFF: Role.PROCESSOR_STAFF}.get(self, Role.CONTROLLER_USER)

    @property
    def read_only(self) -> bool:
        return self in (TeamRole.READ_ONLY_STAFF, TeamRole.CLIENT_READ_ONLY)

    @property
    def in_sentence(self) -> Any:
        """The role's words inside a sentence ("als gebruiker van de klant"), said in the language
        active when read: the label without its capital (no role's words hold a name)."""
        return _lower_lazy(self.label)

    @property
    def is_client(self) -> bool:
        return self in CLIENT_ROLES

    @property
    def portal_admin(self) -> bool:
        return self == TeamRole.CLIENT_ADMIN

    @classmethod
    def of(cls, membership: Membership) -> TeamRole:
        if membership.role == Role.PROCESSOR_ADMIN:
            return cls.ADMIN
        if membership.role == Role.PROCESSOR_STAFF:
            return cls.READ_ONLY_STAFF if membership.read_only else cls.STAFF
        if membership.read_only:
            return cls.CLIENT_READ_ONLY
        return cls.CLIENT_ADMIN if membership.portal_admin else cls.CLIENT


CLIENT_ROLES = (TeamRole.CLIENT, TeamRole.CLIENT_READ_ONLY, TeamRole.CLIENT_ADMIN)


@status_tones(PENDING=Tone.WAITING, ACCEPTED=Tone.DONE, EXPIRED=Tone.ENDED, REVOKED=Tone.ENDED)
class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class InvitationQuerySet(models.QuerySet):
    def open(self) -> InvitationQuerySet:
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)


class Invitation(models.Model):
    """A single-use link that sets a password; only its SHA-256 is stored."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True)
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=20, choices=TeamRole.choices)
    processor = models.ForeignKey(Processor, on_delete=models.CASCADE, related_name="invitations")
    controller = models.ForeignKey(Controller, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="invitations")
    next_url = models.CharField(max_length=300, blank=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="invitations")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role__in=list(CLIENT_ROLES))
                | models.Q(controller__isnull=False),
                name="client_invitation_has_controller"),
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()})"

    @property
    def role_in_sentence(self) -> Any:
        return TeamRole(self.role).in_sentence

    @property
    def status(self) -> str:
        if self.accepted_at:
            return InvitationStatus.ACCEPTED
        if self.revoked_at:
            return InvitationStatus.REVOKED
        if self.expires_at <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    def get_status_display(self) -> str:
        return str(InvitationStatus(self.status).label)


class UserSession(models.Model):
    """Which session belongs to whom, written at login, so ending a person's sessions deletes
    exactly theirs instead of decoding every session in the store."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="session_index")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("login session")
        verbose_name_plural = _("login sessions")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.session_key[:8]}…"
