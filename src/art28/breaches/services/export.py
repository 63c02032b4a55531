"""The breach register as CSV and PDF: the processor's, or one controller's extract."""

from __future__ import annotations

import hashlib
import json
import threading
import uuid
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, cast

import typst
from django.db import transaction
from django.db.models import Count, Exists, F, Field, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from art28.breaches.models import AffectedAgreement, Incident, IncidentNotice, Stage
from art28.core.csv import csv_bytes, csv_stream
from art28.core.localtime import local_time
from art28.evidence.models import SealedKind
from art28.evidence.sealing import Target, register, seal_only
from art28.ledger.services import record_event
from art28.notices.models import Delivery
from art28.parties.models import Controller

TEMPLATE = Path(__file__).resolve().parent.parent / "typst" / "register.typ"
_lock = threading.Lock()


def _columns() -> list[tuple[str, str, int]]:
    """(key, header, PDF width share)."""
    return [("reference", _("Reference"), 2), ("title", _("Title"), 3), ("status", _("Status"), 1),
            ("aware_at", _("Aware at"), 2), ("occurred_at", _("Started"), 2),
            ("nature", _("Nature"), 2), ("description", _("Description"), 4),
            ("data_categories", _("Data"), 2), ("subjects_approx", _("People"), 1),
            ("records_approx", _("Records"), 1), ("consequences", _("Consequences"), 3),
            ("measures", _("Measures"), 3), ("decision", _("Notified?"), 2),
            ("reasoning", _("Reasoning"), 3), ("controllers", _("Controllers notified / late"), 2)]


def _pdf_columns() -> list[tuple[list[str], int]]:
    """The PDF's columns: (keys of ``_columns`` stacked in the cell, width share). Fifteen
    columns side by side do not fit an A4 page; related facts share a cell, each named."""
    return [(["reference", "status"], 3), (["title"], 3), (["aware_at", "occurred_at"], 3),
            (["nature", "data_categories", "subjects_approx", "records_approx"], 4),
            (["description"], 5), (["consequences"], 4), (["measures"], 4),
            (["decision", "reasoning"], 4), (["controllers"], 4)]


def _pdf_table(rows: list[dict]) -> tuple[list[str], list[int], list[list[list[list[str]]]]]:
    """Headers, width shares and cells of the PDF; a cell is a list of [label, text] parts
    (label empty when the column holds one fact, parts without text left out)."""
    header = {k: h for k, h, _w in _columns()}
    cols = _pdf_columns()
    headers = [" / ".join(header[k] for k in keys) for keys, _w in cols]
    cells = [[[[header[k] if len(keys) > 1 else "", _text(r[k])] for k in keys if _text(r[k])]
              for keys, _w in cols] for r in rows]
    return headers, [w for _keys, w in cols], cells


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def processor_rows(incidents: QuerySet[Incident], controller: Controller | None = None, *,
                   affected: QuerySet[AffectedAgreement] | None = None) -> Iterator[dict]:
    """One row per incident with its facts, effects, measures and decision, read lazily.

    ``affected`` (the reader's ``breaches.access.visible_affected``) limits the controllers
    counted to those the reader may see. The counts are subqueries per incident, so a breach
    of any number of agreements costs the same few queries (no list of ids, no prefetch)."""
    seen = AffectedAgreement.objects.all() if affected is None else affected
    counted = seen.filter(incident=OuterRef("pk"), included=True)
    if controller is not None:
        counted = counted.filter(agreement__controller=controller)
    notified = counted.filter(notified_at__isnull=False)
    qs = incidents.annotate(n_affected=_count(counted), n_notified=_count(notified),
                            n_late=_count(notified.filter(_initial_late(timezone.now()))))
    for inc in qs.iterator(chunk_size=200):
        yield {
            "reference": inc.reference, "title": inc.title, "status": inc.get_status_display(),
            "aware_at": local_time(inc.aware_at), "occurred_at": local_time(inc.occurred_at),
            "nature": _text(inc.nature_labels), "description": inc.description,
            "data_categories": _text(inc.data_categories), "subjects_approx": _text(inc.subjects_approx),
            "records_approx": _text(inc.records_approx), "consequences": inc.consequences,
            "measures": "\n".join(x for x in (inc.measures_taken, inc.measures_proposed) if x),
            "decision": inc.get_decision_display(), "reasoning": inc.decision_reasoning,
            "controllers": f"{inc.n_notified}/{inc.n_affected} · {inc.n_late}",
        }


def _count(qs: QuerySet) -> Coalesce:
    return Coalesce(Subquery(qs.order_by().values("incident").annotate(n=Count("pk")).values("n")[:1]),
                    0, output_field=IntegerField())


def _initial_late(now: datetime) -> Exists:
    """``IncidentNotice.is_late`` of an affected row's initial notice, in SQL: queued after
    the deadline, or first sent after it, or not sent at all while the deadline has passed."""
    deadline = OuterRef("affected__deadline")
    sent = Delivery.objects.filter(notice=OuterRef("notice"), sent_at__isnull=False)
    in_time = sent.filter(sent_at__lte=deadline)
    late = (Q(created_at__gt=F("affected__deadline"))
            | (~Exists(in_time) & (Exists(sent) | Q(affected__deadline__lt=now))))
    return Exists(IncidentNotice.objects.filter(affected=OuterRef("pk"), stage=Stage.INITIAL).filter(late))


def _nature(keys: list[str] | None) -> list[str]:
    """The lost properties as told ("confidentiality") in the reader's words."""
    return [str(cast(Field, Incident._meta.get_field(k)).verbose_name) for k in keys or []
            if k in ("confidentiality", "integrity", "availability")]


def controller_rows(controller: Controller) -> list[dict]:
    """A controller's extract: only incidents it was told about, with the facts as told."""
    rows = []
    qs = (AffectedAgreement.objects.filter(agreement__controller=controller, included=True,
                                           notified_at__isnull=False)
          .select_related("incident").order_by("-incident__aware_at")
          .prefetch_related(Prefetch("notices", queryset=IncidentNotice.objects.order_by("-number")
                                      .select_related("notice").prefetch_related("notice__deliveries"))))
    for a in qs:
        last: IncidentNotice = a.notices.all()[0]
        f = last.facts
        rows.append({
            "reference": a.incident.reference, "title": f.get("title", ""),
            "status": a.incident.get_status_display(), "aware_at": local_time(a.incident.aware_at),
            "occurred_at": local_time(a.incident.occurred_at), "nature": _text(_nature(f.get("nature"))),
            "description": f.get("description", ""), "data_categories": _text(f.get("data_categories")),
            "subjects_approx": _text(f.get("subjects_approx")),
            "records_approx": _text(f.get("records_approx")),
            "consequences": f.get("consequences", ""),
            "measures": "\n".join(x for x in (f.get("measures_taken"), f.get("measures_proposed")) if x),
            "decision": ngettext("notified (%(stage)s, %(n)s notice)", "notified (%(stage)s, %(n)s notices)",
                                 last.number) % {"stage": last.get_stage_display(), "n": last.number},
            "reasoning": "", "controllers": _told(a),
        })
    return rows


def _told(affected: AffectedAgreement) -> str:
    """The controller's own "notified / late" in words: when it was told, and whether that
    was in time by its agreement's deadline (``IncidentNotice.is_late`` of the first notice)."""
    initial = next((n for n in affected.notices.all() if n.stage == Stage.INITIAL), None)
    late = initial.is_late() if initial is not None else affected.notified_late
    at = {"at": local_time(affected.notified_at)}
    return (_("Notified on %(at)s, late") if late else _("Notified on %(at)s, in time")) % at


def as_csv(rows: Iterable[dict]) -> bytes:
    cols = _columns()
    return csv_bytes([h for _k, h, _w in cols], ([row[k] for k, _h, _w in cols] for row in rows))


def csv_chunks(rows: Iterable[dict]) -> Iterator[bytes]:
    """The register as CSV, row by row, for a streaming response."""
    cols = _columns()
    return csv_stream([h for _k, h, _w in cols], ([row[k] for k, _h, _w in cols] for row in rows))


def as_pdf(rows: Iterable[dict], *, title: str) -> bytes:
    rows = list(rows)
    headers, widths, cells = _pdf_table(rows)
    data = {"title": title, "language": (get_language() or "en")[:2],
            "subtitle": ngettext("Exported %(at)s · %(n)s incident", "Exported %(at)s · %(n)s incidents",
                                 len(rows)) % {"at": local_time(timezone.now()), "n": len(rows)},
            "empty": _("No incidents recorded."), "headers": headers, "widths": widths, "rows": cells}
    with _lock:  # the typst binding is not documented as thread-safe
        return typst.compile(str(TEMPLATE), sys_inputs={"register": json.dumps(data)},
                             ignore_system_fonts=True)


def export_register_pdf(*, rows: Iterable[dict], title: str, processor_id: int, controller_id: int | None,
                        acting_user: Any) -> bytes:
    """The register as a PDF, sealed when a certificate is configured; the ledger keeps its hash.

    Rendering and sealing (with a TSA: a network round trip) happen before the transaction.
    """
    code = str(uuid.uuid4())
    rows = list(rows)
    pdf = as_pdf(rows, title=title)
    sealed = seal_only(pdf, reason=title)
    with transaction.atomic():
        if sealed is not None:
            pdf = sealed.pdf
            register(sealed, Target(SealedKind.BREACH_REGISTER, code, "breaches.register_exported", code,
                                    processor_id=processor_id, controller_id=controller_id))
        record_event(action="breaches.register_exported", obj=("breachregister", code),
                     acting_user=acting_user,
                     data={"sha256": hashlib.sha256(pdf).hexdigest(), "title": title, "incidents": len(rows)},
                     processor_id=processor_id, controller_id=controller_id)
    return pdf
