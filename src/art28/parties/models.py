"""The processor, its clients (controllers), their contacts and who may see what."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from art28.terms.schema import Contact as ContactTerms
from art28.terms.schema import Party


class Language(models.TextChoices):
    NL = "nl", _("Dutch")
    EN = "en", _("English")


class Organisation(models.Model):
    """Fields a processor and a controller share: what Annex I says of a party."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, default="NL")
    kvk = models.CharField(_("KvK number"), max_length=8, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices,
                                default=Language.NL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def as_party(self, contact: Contact | None = None) -> Party:
        return Party(name=self.name, address=self.address or None, postcode=self.postcode or None,
                     city=self.city or None, country=self.country or None, kvk=self.kvk or None,
                     contact=contact.as_terms() if contact else ContactTerms())


class Processor(Organisation):
    default_notice_hours = models.PositiveSmallIntegerField(_("default breach notice hours"), default=48)
    # Where controllers report or ask about a breach; printed in Annex I of new agreements.
    # db_default: rows written by code that predates these columns (older migrations' states) get "".
    breach_desk_email = models.EmailField(_("breach desk e-mail"), blank=True, default="",
                                          db_default="")
    breach_desk_phone = models.CharField(_("breach desk phone"), max_length=40, blank=True,
                                         default="", db_default="")

    class Meta:
        verbose_name = _("processor")
        verbose_name_plural = _("processors")

    def contact_person(self) -> Contact | None:
        return self.contacts.filter(is_signatory=True).order_by("pk").first()

    def privacy_contact(self) -> Contact | None:
        return self.contacts.filter(is_privacy_contact=True).order_by("pk").first()

    def profile_party(self) -> Party:
        """What an agreement prints about the processor, from its profile as it is now."""
        party = self.as_party(self.contact_person())
        privacy = self.privacy_contact()
        if privacy:
            party.privacy_contact = privacy.as_terms()
        party.breach_desk = ContactTerms(email=self.breach_desk_email or None,
                                         phone=self.breach_desk_phone or None)
        return party


class Controller(Organisation):
    processor = models.ForeignKey(Processor, on_delete=models.PROTECT, related_name="controllers")
    webhook_url = models.URLField(_("webhook URL"), blank=True)
    webhook_secret = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = _("controller")
        verbose_name_plural = _("controllers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["processor", "kvk"], condition=~models.Q(kvk=""),
                                    name="controller_kvk_unique_per_processor"),
        ]

    def signatories(self) -> models.QuerySet[Contact]:
        return self.contacts.filter(is_signatory=True)


class Contact(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    processor = models.ForeignKey(Processor, null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="contacts")
    controller = models.ForeignKey(Controller, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    mobile = models.CharField(_("mobile"), max_length=40, blank=True)
    is_signatory = models.BooleanField(_("signatory"), default=False)
    is_privacy_contact = models.BooleanField(_("privacy contact"), default=False)
    is_breach_recipient = models.BooleanField(_("breach-notice recipient"), default=False)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(processor__isnull=True) ^ models.Q(controller__isnull=True),
                name="contact_belongs_to_one_party"),
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    def as_terms(self) -> ContactTerms:
        return ContactTerms(name=self.name, function=self.function or None, email=self.email,
                            phone=self.phone or None, mobile=self.mobile or None)


class Role(models.TextChoices):
    PROCESSOR_ADMIN = "processor_admin", _("Processor admin")
    PROCESSOR_STAFF = "processor_staff", _("Processor staff")
    CONTROLLER_USER = "controller_user", _("Controller user")


class Membership(models.Model):
    """A user's place: admin or staff of a processor, or a user of one controller."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="membership")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    processor = models.ForeignKey(Processor, on_delete=models.CASCADE, related_name="members")
    controller = models.ForeignKey(Controller, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="members")
    # Need-to-know: staff see only the controllers they are assigned to.
    assigned_controllers = models.ManyToManyField(Controller, blank=True, related_name="staff")
    read_only = models.BooleanField(_("read-only"), default=False)
    # A controller's own admin: invites colleagues to the portal, makes them read-only or
    # admin, and takes their access away. Every controller with portal users keeps one.
    portal_admin = models.BooleanField(_("portal admin"), default=False)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role=Role.CONTROLLER_USER) | models.Q(controller__isnull=False),
                name="controller_user_has_controller"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    @property
    def is_processor_side(self) -> bool:
        return self.role in (Role.PROCESSOR_ADMIN, Role.PROCESSOR_STAFF)

    @property
    def is_processor_admin(self) -> bool:
        return self.role == Role.PROCESSOR_ADMIN

    @property
    def is_processor_staff(self) -> bool:
        return self.role == Role.PROCESSOR_STAFF
