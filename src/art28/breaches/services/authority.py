"""The controller's page of a breach notice: the facts it was told, the contents Art. 33(3)
asks for, its own 72-hour clock, and the draft report to the supervisory authority
(in the sections of the Dutch AP's data-breach report) as a page, a PDF and a DOCX."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any, cast

import typst
from django.db.models import Field
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from docx import Document

from art28.breaches.models import AffectedAgreement, Incident
from art28.breaches.services import enisa
from art28.breaches.services.controller import authority_clock, latest_facts, special_categories
from art28.core.localtime import local_deadline, local_time

TEMPLATE = Path(__file__).resolve().parent.parent / "typst" / "authority_draft.typ"
_lock = threading.Lock()
# The bar moves in steps of this many percent (a class per step; CSP allows no inline style).
STEP = 5


def _unknown() -> str:
    return _("not yet known")


def _text(value: Any) -> str:
    """A fact as one line of text; a missing fact says so."""
    if value in (None, "", []):
        return _unknown()
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, int) and not isinstance(value, bool):
        return number_format(value, force_grouping=True)  # "1.200" in Dutch, "1,200" in English
    return str(value)


def _moment(value: datetime | str | None, show: Callable[[datetime], str] = local_time) -> str:
    """A moment as the controller reads it, not an ISO string: by default Amsterdam time to the
    second with the zone (the formal draft); pages pass ``local_deadline`` (to the minute)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return show(value) if value else _unknown()


def _minute(value: datetime | str | None) -> str:
    return _moment(value, local_deadline)


def _yes_no(value: Any) -> str:
    if value is None:
        return _unknown()
    return _("yes") if value else _("no")


def _nature(keys: list[str] | None) -> str:
    labels = {k: cast(Field, Incident._meta.get_field(k)).verbose_name
              for k in ("confidentiality", "integrity", "availability")}
    return _text([str(labels.get(k, k)) for k in keys or []])


def _sensitive(categories: list[str], special: list[str]) -> str:
    hits = enisa._matches(categories, enisa._SENSITIVE)
    if special:
        hits += [_("%(c)s (stated in the agreement)") % {"c": c} for c in special if c not in hits]
    return ", ".join(hits) if hits else _("none stated")


def _contact(facts: dict[str, Any]) -> str:
    contact = facts.get("contact") or {}
    return _text(", ".join(str(v) for v in contact.values() if v))


def _section(key: str, title: str, items: list[tuple[str, str]]) -> dict[str, Any]:
    rows = [{"question": q, "answer": a, "missing": a == _unknown()} for q, a in items]
    return {"key": key, "title": title, "items": rows, "missing": sum(r["missing"] for r in rows)}


def authority_draft(affected: AffectedAgreement) -> list[dict[str, Any]]:
    """The sections of the Dutch authority's data-breach report, prefilled from what the
    controller was told and from its agreement. A draft: a fact not yet known says so, and
    the controller checks, completes and files it itself."""
    facts, controller = latest_facts(affected), affected.agreement.controller
    clock = authority_clock(affected)
    to_fill = _("to be filled in by you")
    return [
        _section("contact", _("Contact details"), [
            (_("Organisation (controller)"), f"{controller.name}, {controller.city}".strip(", ")),
            (_("Chamber of Commerce number"), _text(controller.kvk)),
            (_("Contact person for the authority"), to_fill),
            (_("Processor involved"), affected.incident.processor.name),
            (_("Processor's contact point"), _contact(facts)),
        ]),
        _section("timeline", _("Timeline"), [
            (_("Breach started"), _moment(facts.get("occurred_at"))),
            (_("Breach ended"), _moment(facts.get("ended_at"))),
            (_("Processor became aware"), _moment(facts.get("aware_at"))),
            (_("We (the controller) were told"), _moment(clock[0] if clock else None)),
            (_("Deadline for this notification (72 hours)"), _moment(clock[1] if clock else None)),
        ]),
        _section("nature", _("Nature of the breach"), [
            (_("Summary"), _text(facts.get("title"))),
            (_("Description"), _text(facts.get("description"))),
            (_("Security properties lost"), _nature(facts.get("nature"))),
            (_("Deliberate (malicious) act"), _yes_no(facts.get("malicious"))),
            (_("Systems and sub-processors involved"),
             _text((facts.get("systems") or []) + (facts.get("subprocessors") or []))),
        ]),
        _section("data", _("Personal data and numbers"), [
            (_("Categories of personal data"), _text(facts.get("data_categories"))),
            (_("Special categories or sensitive data"),
             _sensitive(facts.get("data_categories") or [], special_categories(affected))),
            (_("Approximate number of data subjects"), _text(facts.get("subjects_approx"))),
            (_("Approximate number of records"), _text(facts.get("records_approx"))),
        ]),
        _section("subjects", _("Data subjects"), [
            (_("Categories of data subjects"), _text(facts.get("subject_categories"))),
            (_("People in other EU member states affected"), _yes_no(facts.get("cross_border"))),
        ]),
        _section("prior_measures", _("Measures in place before the breach"), [
            (_("Data encrypted or otherwise unintelligible"), _yes_no(facts.get("encrypted"))),
        ]),
        _section("consequences", _("Likely consequences for the people affected"), [
            (_("Consequences"), _text(facts.get("consequences"))),
        ]),
        _section("follow_up", _("Follow-up"), [
            (_("Measures taken"), _text(facts.get("measures_taken"))),
            (_("Measures proposed"), _text(facts.get("measures_proposed"))),
            (_("Data subjects informed"), _("to be decided by you (see the severity assessment)")),
        ]),
    ]


def told_facts(facts: dict[str, Any]) -> list[dict[str, Any]]:
    """The incident as this notice told it: what happened and when, for a definition list."""
    items = [
        (_("Reference"), _text(facts.get("reference"))),
        (_("Summary"), _text(facts.get("title"))),
        (_("What happened"), _text(facts.get("description"))),
        (_("The processor became aware"), _minute(facts.get("aware_at"))),
        (_("Breach started"), _minute(facts.get("occurred_at"))),
        (_("Breach ended"), _minute(facts.get("ended_at"))),
        (_("Systems and sub-processors involved"),
         _text((facts.get("systems") or []) + (facts.get("subprocessors") or []))),
    ]
    return [{"label": label, "answer": a, "missing": a == _unknown()} for label, a in items]


def required_contents(facts: dict[str, Any]) -> list[dict[str, Any]]:
    """What Art. 33(3) GDPR asks a notification to describe, with what is not known yet."""
    items = [
        (_("(a) Nature of the breach"), _nature(facts.get("nature"))),
        (_("(a) Categories of data subjects"), _text(facts.get("subject_categories"))),
        (_("(a) Approximate number of data subjects"), _text(facts.get("subjects_approx"))),
        (_("(a) Categories of personal data"), _text(facts.get("data_categories"))),
        (_("(a) Approximate number of records"), _text(facts.get("records_approx"))),
        (_("(b) Contact point"), _contact(facts)),
        (_("(c) Likely consequences"), _text(facts.get("consequences"))),
        (_("(d) Measures taken or proposed"),
         _text([m for m in (facts.get("measures_taken"), facts.get("measures_proposed")) if m])),
    ]
    return [{"label": label, "answer": a, "missing": a == _unknown()} for label, a in items]


@dataclass(frozen=True)
class Countdown:
    """The controller's own 72 hours, as the page shows them."""

    start: datetime
    deadline: datetime
    percent: int  # elapsed, 0–100
    step: int  # ``percent`` rounded down to a multiple of STEP, for the bar's class
    hours_left: int
    minutes_left: int
    overdue: bool

    @property
    def deadline_local(self) -> str:
        return local_deadline(self.deadline)

    @property
    def start_local(self) -> str:
        return local_deadline(self.start)


def countdown(affected: AffectedAgreement, now: datetime | None = None) -> Countdown | None:
    """The controller's 72-hour clock from our first notice, or None before one was sent."""
    clock = authority_clock(affected)
    if clock is None:
        return None
    start, deadline = clock
    now = now or timezone.now()
    window = (deadline - start).total_seconds()
    spent = (now - start).total_seconds()
    percent = max(0, min(100, int(spent * 100 // window))) if window > 0 else 100
    left = max(0, int((deadline - now).total_seconds()))
    return Countdown(start=start, deadline=deadline, percent=percent, step=percent - percent % STEP,
                     hours_left=left // 3600, minutes_left=left % 3600 // 60, overdue=now > deadline)


def draft_filename(affected: AffectedAgreement, extension: str) -> str:
    """A name a person recognises in a downloads folder: reference, what it is, whom for."""
    name = slugify(f"{affected.incident.reference} {_('breach report draft')} "
                   f"{affected.agreement.controller.name}")
    return f"{name}.{extension}"


def _title(affected: AffectedAgreement) -> str:
    return _("Draft data-breach report to the supervisory authority")


def _subtitle(affected: AffectedAgreement) -> str:
    return _("%(ref)s · for %(c)s · prepared %(at)s") % {
        "ref": affected.incident.reference, "c": affected.agreement.controller.name,
        "at": local_time(timezone.now())}


def draft_pdf(affected: AffectedAgreement) -> bytes:
    """The draft as a PDF (typst; every string goes in as JSON text, never as markup)."""
    data = {"title": _title(affected), "subtitle": _subtitle(affected),
            "language": (get_language() or "en")[:2],
            "note": _("A draft prefilled from the processor's notices. Check and complete it, "
                      "then file it yourself with the authority."),
            "sections": authority_draft(affected)}
    with _lock:  # the typst binding is not documented as thread-safe
        return typst.compile(str(TEMPLATE), sys_inputs={"draft": json.dumps(data)},
                             ignore_system_fonts=True)


def draft_docx(affected: AffectedAgreement) -> bytes:
    """The draft as a DOCX the controller can edit before filing it."""
    doc = Document()
    doc.core_properties.title = _title(affected)
    doc.add_heading(_title(affected), level=1)
    doc.add_paragraph(_subtitle(affected))
    doc.add_paragraph(_("A draft prefilled from the processor's notices. Check and complete it, "
                        "then file it yourself with the authority."))
    for section in authority_draft(affected):
        doc.add_heading(section["title"], level=2)
        table = doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for item in section["items"]:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = item["question"], item["answer"]
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
