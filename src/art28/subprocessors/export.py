"""The controller's sub-processor list as CSV and as PDF (typst, data passed as JSON)."""

from __future__ import annotations

import json
import threading
from datetime import datetime
from pathlib import Path

import typst
from django.utils import timezone
from django.utils.translation import gettext as _

from art28.agreements.models import Agreement
from art28.core.countries import country_name, country_names
from art28.core.csv import csv_bytes
from art28.core.localtime import local_deadline
from art28.subprocessors.models import AgreementSubprocessor
from art28.subprocessors.services import links_at

TEMPLATE = Path(__file__).parent / "list.typ"
_lock = threading.Lock()


def _header() -> list[str]:
    return [_("Name"), _("Address"), _("Country"), _("Service"), _("Locations"), _("Status"), _("Since")]


def _row(link: AgreementSubprocessor) -> list[str]:
    sp = link.subprocessor
    return [
        sp.name,
        sp.address,
        country_name(sp.country),
        sp.service_text,
        country_names(sp.locations),
        link.get_status_display(),
        local_deadline(link.since),
    ]


def list_csv(agreement: Agreement, at: datetime | None = None) -> bytes:
    return csv_bytes([*_header(), _("Basis")],
                     ([*_row(link), link.get_basis_display()] for link in links_at(agreement, at=at)))


def list_pdf(agreement: Agreement, at: datetime | None = None) -> bytes:
    at = at or timezone.now()
    doc = {
        "title": _("Sub-processors of %(ref)s") % {"ref": agreement.reference},
        "subtitle": _("%(c)s, situation on %(d)s")
        % {"c": agreement.controller.name, "d": local_deadline(at)},
        "header": _header(),
        "rows": [_row(link) for link in links_at(agreement, at=at)],
        "footer": _("Produced by art28 from the sub-processor register."),
    }
    with _lock:
        return typst.compile(str(TEMPLATE), sys_inputs={"doc": json.dumps(doc)}, ignore_system_fonts=True)
