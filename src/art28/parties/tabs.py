"""The tabs of a controller's pages: its details, contacts and agreements, and its portal access."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from art28.core.tabs import Tab, page_tabs
from art28.parties.models import Controller


def controller_tabs(
    request: HttpRequest, controller: Controller, *, current: str | None = None
) -> tuple[list[Tab], str]:
    """The controller's tabs; ``current`` is given on its other pages (the portal access page)."""
    return page_tabs(
        request,
        url=reverse("parties:controller_detail", args=[controller.code]),
        sections=[("details", _("Details")), ("contacts", _("Contacts")), ("agreements", _("Agreements"))],
        pages=[("portal", _("Portal access"), reverse("accounts:controller_access", args=[controller.code]))],
        current=current,
    )
