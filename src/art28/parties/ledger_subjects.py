"""How the ledger page names and links controllers and contacts (registered in ``ready()``)."""

from __future__ import annotations

from collections.abc import Collection

from django.urls import reverse

from art28.ledger.describe import Subject, register_subjects
from art28.parties.models import Contact, Controller, Processor


def controllers(codes: Collection[str], processor_id: int) -> dict[str, Subject]:
    rows = Controller.objects.filter(code__in=codes, processor_id=processor_id)
    return {str(c.code): Subject(c.name, reverse("parties:controller_detail", args=[c.code])) for c in rows}


def contacts(codes: Collection[str], processor_id: int) -> dict[str, Subject]:
    rows = Contact.objects.filter(code__in=codes).select_related("controller", "processor")
    found = {}
    for c in rows:
        if c.controller is not None and c.controller.processor_id == processor_id:
            url = reverse("parties:controller_detail", args=[c.controller.code])
            found[str(c.code)] = Subject(c.name, url)
        elif c.processor_id == processor_id:
            found[str(c.code)] = Subject(c.name, reverse("parties:processor_edit"))
    return found


def processors(codes: Collection[str], processor_id: int) -> dict[str, Subject]:
    rows = Processor.objects.filter(code__in=codes, pk=processor_id)
    return {str(p.code): Subject(p.name, reverse("parties:processor_edit")) for p in rows}


def register() -> None:
    register_subjects("controller", controllers)
    register_subjects("contact", contacts)
    register_subjects("processor", processors)
