"""The record read in three queries whatever its size: the lines of the tabular exports (CSV,
XLSX) and the parts ``services.build_record`` makes its entries of (PDF, JSON-LD). The first
lines come by their keys (``record_keys``, also what the API pages), so the first bytes of a
streamed export go out before the rest is read; the rest follows in one query (``_rows``).

Reading each agreement with its prefetched versions meant decoding 10,000 whole terms
documents and building 50,000 model instances at 10,000 agreements. Here the database hands
over only the parts of the binding terms the record shows, as JSON text (``JsonText``), with
each agreement's authorised sub-processors as a list of ids, in the record's order; each
distinct part is decoded and put in words once (agreements on the same standard terms share
them), in caches of bounded size so memory stays flat.

``tests/records/test_ropa_lines.py`` checks the CSV byte for byte, the workbook's cells and the
entries against the code that read the record before.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple

from django.db.models import Aggregate, Exists, Func, OuterRef, Q, QuerySet, Subquery, TextField
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from art28.agreements.access import binding_among
from art28.agreements.labels import MEASURE_KINDS, TRANSFER_MECHANISMS, TRANSFER_POLICIES, label
from art28.agreements.models import Agreement, AgreementQuerySet, AgreementVersion, VersionStatus
from art28.core.countries import country_name, country_names
from art28.core.snapshot import snapshot
from art28.measures.services import current_catalogue
from art28.parties.models import Processor
from art28.subprocessors.models import AgreementSubprocessor, LinkStatus, Subprocessor
from art28.subprocessors.services.queries import subprocessor_rows
from art28.terms.schema import in_language

SEP = "; "
# The tabular exports' columns (CSV, XLSX): each key with its header, in words in the export's
# language. No internal key and no code on a reader's screen: the controller is known by its
# name and KvK number (the JSON-LD keeps its ``@id``).
HEADINGS: dict[str, Promise] = {
    "controller": _("Controller"),
    "controller_kvk": _("KvK number"),
    "controller_country": _("Country"),
    "controller_contact": _("Controller's contact"),
    "agreement": _("Agreement"),
    "version": _("Version"),
    "status": _("Status"),
    "processor": _("Processor"),
    "processor_contact": _("Processor's contact"),
    "subject_matter": _("Subject matter"),
    "nature": _("Nature"),
    "purposes": _("Purposes"),
    "data_categories": _("Personal data"),
    "special_categories": _("Special categories"),
    "data_subjects": _("Data subjects"),
    "subprocessors": _("Sub-processors"),
    "transfers": _("Transfers outside the EEA"),
    "transfer_policy": _("Transfer policy"),
    "measures": _("Security measures"),
}
COLUMNS = list(HEADINGS)
CACHE = 512  # distinct parts kept decoded: a handful with standard terms, bounded with custom ones


def headings(language: str) -> list[str]:
    """The header row of the CSV and XLSX exports in words in ``language``."""
    with translation.override(language):
        return [str(h) for h in HEADINGS.values()]


def contact(party: dict) -> str:
    c = party.get("contact") or {}
    return ", ".join(x for x in (c.get("name"), c.get("email"), c.get("phone")) if x)


def measure(m: dict[str, Any], language: str) -> str:
    """One measure in words in ``language``: its kind, then its text in that language
    (the other language's when the register has none, the single older text for older terms)."""
    text, _other = in_language({"nl": m.get("text_nl"), "en": m.get("text_en")}, m.get("text"), language)
    return f"{label(MEASURE_KINDS, m.get('kind'))}: {text or ''}"


def subprocessors_cell(rows: list[dict[str, Any]]) -> str:
    return SEP.join(f"{s['name']} ({country_name(s['country'])}): {s['service']}" for s in rows)


def safeguard(row: dict[str, Any]) -> str:
    """A sub-processor's transfer safeguard in words in the active language: the mechanisms
    ("adequacy", "scc") by their labels, then the register's note on them, if any."""
    codes = row.get("codes") or row.get("mechanisms")
    if codes:
        words = ", ".join(label(TRANSFER_MECHANISMS, m) for m in codes)
        return " — ".join(x for x in (words, row.get("note")) if x)
    return str(row["safeguard"] or "—")


def transfers_cell(rows: list[dict[str, Any]]) -> str:
    return SEP.join(f"{s['name']} → {country_names(s['outside_eea'])}: {safeguard(s)}"
                    for s in rows if s["outside_eea"])


class JsonText(Func):
    """The JSON text of one part of a JSON column (``path``: its keys), not decoded; NULL when
    the part is missing. SQLite: ``column -> '$.a.b'``; PostgreSQL: ``(column #> '{a,b}')::text``."""

    output_field = TextField()

    def __init__(self, column: str, *path: str) -> None:
        self.path = path
        super().__init__(column)

    def as_sql(self, compiler: Any, connection: Any, function: str | None = None, template: str | None = None,
               arg_joiner: str | None = None, **extra: Any) -> Any:  # SQLite
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"({sql} -> %s)", (*params, "$." + ".".join(self.path))

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"(({sql}) #> %s::text[])::text", (*params, "{" + ",".join(self.path) + "}")


class Ids(Aggregate):
    """The grouped rows' ``expression`` as text, comma-separated (no order)."""

    function = "GROUP_CONCAT"
    output_field = TextField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(compiler, connection, function="STRING_AGG",
                              template="%(function)s((%(expressions)s)::text, ',')", **extra)


def _binding_pk(shown: QuerySet[AgreementVersion] | None) -> Any:
    """The binding version of the outer version's agreement among ``shown`` (all versions when
    None): the newest signed, else the newest (``binding_among``)."""
    return binding_among(AgreementVersion.objects.all() if shown is None else shown).values("pk")


def _decoder() -> Callable[[str | None], Any]:
    @lru_cache(maxsize=CACHE)
    def decoded(text: str | None) -> Any:
        return None if text is None else json.loads(text)
    return decoded


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


# Lines read by their keys before the rest: the first bytes go out after them. As many as the
# exports take at a time (``services.CHUNK``), about 90 kB of CSV: more than the 64 kB the CSV
# gathers before it sends its first piece.
FIRST = 500


def record_keys(*, processor: Processor, agreements: AgreementQuerySet | None = None,
                shown: QuerySet[AgreementVersion] | None = None) -> Any:
    """The record's lines as keys: each active agreement (of those given) with a version (of
    ``shown``, the versions the reader may see: ``access.shown_versions``), in the record's order
    (by controller, then reference, which is unique), one ``pk`` per line. Read from the
    agreements alone, not their versions or terms: cheap to count and to cut into pages."""
    qs = agreements if agreements is not None else Agreement.objects.filter(controller__processor=processor)
    versions = (AgreementVersion.objects.all() if shown is None else shown).filter(agreement=OuterRef("pk"))
    return (qs.active().filter(Exists(versions)).order_by("controller__name", "reference")
            .values_list("pk", flat=True))


def _columns(versions: Any, now: datetime, shown: QuerySet[AgreementVersion] | None) -> Any:
    """The lines of ``versions`` (binding versions among ``shown``: a controller's user never
    reads a draft), in the record's order: the controller's columns, the binding version's
    number and status, the parts of its terms a line shows (JSON text), and its authorised
    sub-processors' ids (comma-separated, or NULL) at ``now``."""
    links = (AgreementSubprocessor.objects.at(now)
             .filter(agreement=OuterRef("agreement"), status=LinkStatus.AUTHORISED)
             .order_by().values("agreement").annotate(ids=Ids("subprocessor_id")).values("ids"))
    return (versions.filter(pk=Subquery(_binding_pk(shown)))
            .order_by("agreement__controller__name", "agreement__reference")
            .values_list("agreement__controller__name", "agreement__controller__code",
                         "agreement__controller__kvk", "agreement__controller__country",
                         JsonText("terms", "controller", "contact"), "agreement__reference", "number",
                         "status", JsonText("terms", "processor"),
                         "agreement__controller__processor__name", JsonText("terms", "processing"),
                         JsonText("terms", "transfers"), JsonText("terms", "subprocessors", "named"),
                         JsonText("terms", "security", "measures"), Subquery(links)))


def _rows(processor: Processor, agreements: AgreementQuerySet | None,
          keys: list[int] | None, shown: QuerySet[AgreementVersion] | None) -> Iterator[Any]:
    """The record's rows (``_columns``), in three queries whatever its size: the keys of the first
    ``FIRST`` lines (``record_keys``, sorted without reading any terms), those lines by their keys,
    then every later line in one query read in chunks, from where the first ones ended (by
    controller name and reference, not by an offset). One query for the whole record makes the
    database build and sort every line before handing over the first; one query per slice of
    keys costs Django more per key than the database per line. ``keys``: only the lines of these
    agreements (a page of ``record_keys``). ``shown``: the versions the reader may see
    (``access.shown_versions``; all when None): each line is the binding one of those."""
    now = timezone.now()  # one moment for the whole record
    if keys is not None:
        yield from _columns(AgreementVersion.objects.filter(agreement__in=keys), now, shown)
        return
    # The three queries see the database at one moment: a controller renamed or an agreement
    # added while the record streams can neither appear twice nor go missing.
    with snapshot():
        first = list(record_keys(processor=processor, agreements=agreements, shown=shown)[:FIRST])
        last = None
        for last in _columns(AgreementVersion.objects.filter(agreement__in=first), now, shown):
            yield last
        if last is None or len(first) < FIRST:
            return
        qs = (agreements if agreements is not None
              else Agreement.objects.filter(controller__processor=processor))
        name, reference = last[0], last[5]
        rest = AgreementVersion.objects.filter(
            Q(agreement__controller__name__gt=name) | Q(agreement__controller__name=name,
                                                        agreement__reference__gt=reference),
            agreement__in=qs.active().order_by().values("pk"))
        yield from _columns(rest, now, shown).iterator(chunk_size=CHUNK)


CHUNK = 2000


class Parts(NamedTuple):
    """One agreement's line before it is put in words (``services.iter_record`` makes its Entry)."""

    controller: str
    controller_code: Any
    controller_kvk: str
    controller_country: str
    controller_contact: dict
    agreement: str
    version: int
    status: str
    processor: dict
    processor_name: str
    processing: dict
    transfers: dict
    subprocessors: list[dict[str, Any]]
    measures: Any


def record_parts(*, processor: Processor, agreements: AgreementQuerySet | None = None,
                 keys: list[int] | None = None,
                 shown: QuerySet[AgreementVersion] | None = None,
                 language: str | None = None) -> Iterator[Parts]:
    """Each agreement of the record with the parts of its binding terms decoded (each distinct
    part once) and its sub-processors' rows (once per distinct set), in the record's order;
    ``keys`` (from ``record_keys``): only those lines; ``shown``: the versions the reader may
    see (``access.shown_versions``; all when None); ``language``: the sub-processors' words
    (service, safeguard) in it, else in the active language."""
    register = {sp.pk: sp for sp in Subprocessor.objects.filter(processor=processor)}
    decoded = _decoder()

    @lru_cache(maxsize=CACHE)
    def register_rows(ids: str) -> list[dict[str, Any]]:
        found = sorted((register[int(i)] for i in ids.split(",") if int(i) in register),
                       key=lambda s: (s.name, s.pk))
        with translation.override(language or translation.get_language()):
            return subprocessor_rows(found, binding=None)

    @lru_cache(maxsize=CACHE)
    def named_rows(named: str | None, transfers: str | None) -> list[dict[str, Any]]:
        terms = {"transfers": _dict(decoded(transfers)), "subprocessors": {"named": decoded(named) or []}}
        with translation.override(language or translation.get_language()):
            return subprocessor_rows([], binding=AgreementVersion(terms=terms))

    rows = _rows(processor, agreements, keys, shown)
    for (name, code, kvk, country, contact_text, reference, number, status, processor_part,
         processor_name, processing, transfers, named, measures, ids) in rows:
        yield Parts(name, code, kvk, country, _dict(json.loads(contact_text)) if contact_text else {},
                    reference, number, status, _dict(decoded(processor_part)), processor_name,
                    _dict(decoded(processing)), _dict(decoded(transfers)),
                    register_rows(ids) if ids else named_rows(named, transfers), decoded(measures))


def record_lines(*, processor: Processor, agreements: AgreementQuerySet | None = None,
                 language: str = "en",
                 shown: QuerySet[AgreementVersion] | None = None) -> Iterator[list[str]]:
    """Each line of the record as text cells (``COLUMNS``), controller by controller; ``shown``:
    the versions the reader may see (``access.shown_versions``; all when None).

    The words follow the active language, which must be ``language`` while the lines are read
    (the exports read them a chunk at a time inside ``translation.override``)."""
    catalogue = current_catalogue(processor)
    register = {sp.pk: sp for sp in Subprocessor.objects.filter(processor=processor)}
    decoded = _decoder()
    statuses = dict(VersionStatus.choices)

    @lru_cache(maxsize=CACHE)
    def status_cell(status: str) -> str:
        return label(statuses, status)

    @lru_cache(maxsize=CACHE)
    def processor_cells(text: str | None, fallback: str) -> tuple[str, str]:
        part = _dict(decoded(text))
        return str(part.get("name") or fallback), contact(part)

    @lru_cache(maxsize=CACHE)
    def processing_cells(text: str | None) -> tuple[str, ...]:
        p = _dict(decoded(text))
        return (str(p.get("subject_matter") or ""), str(p.get("nature") or ""),
                *(SEP.join(p.get(key) or []) for key in
                  ("purposes", "data_categories", "special_categories", "data_subject_categories")))

    @lru_cache(maxsize=CACHE)
    def measures_cell(text: str | None) -> str:
        found = decoded(text)
        measures = found if isinstance(found, list) and found else (catalogue.measures if catalogue else [])
        return SEP.join(measure(m, language) for m in measures)

    @lru_cache(maxsize=CACHE)
    def policy_cell(transfers: str | None) -> str:
        policy = _dict(decoded(transfers)).get("outside_eea") or ""
        return label(TRANSFER_POLICIES, policy) if policy else ""

    @lru_cache(maxsize=CACHE)
    def register_cells(ids: str) -> tuple[str, str]:
        # In the links' order as read before: by the sub-processor's name.
        found = sorted((register[int(i)] for i in ids.split(",") if int(i) in register),
                       key=lambda s: (s.name, s.pk))
        subs = subprocessor_rows(found, binding=None)
        return subprocessors_cell(subs), transfers_cell(subs)

    @lru_cache(maxsize=CACHE)
    def named_cells(named: str | None, transfers: str | None) -> tuple[str, str]:
        # No authorised link in the register: the sub-processors the terms name.
        terms = {"transfers": _dict(decoded(transfers)), "subprocessors": {"named": decoded(named) or []}}
        subs = subprocessor_rows([], binding=AgreementVersion(terms=terms))
        return subprocessors_cell(subs), transfers_cell(subs)

    rows = _rows(processor, agreements, None, shown)
    for (name, _code, kvk, country, controller_contact, reference, number, status, processor_part,
         processor_name, processing, transfers, named, measures, ids) in rows:
        subprocessors = register_cells(ids) if ids else named_cells(named, transfers)
        yield [str(name), str(kvk), country_name(country),
               contact({"contact": _dict(json.loads(controller_contact)) if controller_contact else {}}),
               str(reference), str(number), status_cell(status),
               *processor_cells(processor_part, processor_name), *processing_cells(processing),
               *subprocessors, policy_cell(transfers), measures_cell(measures)]
