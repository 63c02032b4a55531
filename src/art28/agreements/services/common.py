"""Helpers the agreement's services share with the apps above them: recipients, required text,
stored files."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models

from art28.core.uploads import max_upload_bytes, too_large_message
from art28.parties.models import Controller


def controller_recipients(controller: Controller) -> list[str]:
    """The privacy contacts, else the signatories: who hears about requests and audits."""
    contacts = controller.contacts.filter(is_privacy_contact=True) or controller.signatories()
    return [c.email for c in contacts]


def require_text(errors: dict[str, str], field: str, value: str | None, message: str) -> str:
    value = (value or "").strip()
    if not value:
        errors[field] = message
    return value


def store(instance: models.Model, field: str, name: str, content: bytes) -> str:
    """Save ``content`` into a FileField and return its SHA-256."""
    if len(content) > max_upload_bytes():
        raise ValidationError({field: too_large_message()})
    getattr(instance, field).save(name, ContentFile(content), save=False)
    return hashlib.sha256(content).hexdigest()
