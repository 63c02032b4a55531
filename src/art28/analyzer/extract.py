"""Run every extractor over a document and resolve the candidates into ``DpaTerms``.

Where one document says two different things (two objection periods, general and
specific consent) the more frequent value is kept and a contradiction finding names
every value with its clause: never silently resolved.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pydantic import ValidationError

from art28.analyzer.collect import Collector, Evidence
from art28.analyzer.context import Context
from art28.analyzer.extract_audit_end import extract_audit, extract_end
from art28.analyzer.extract_breach import extract_breach, extract_breach_followups
from art28.analyzer.extract_details_prose import prose_details
from art28.analyzer.extract_law_term import extract_law, extract_term
from art28.analyzer.extract_misc import extract_misc
from art28.analyzer.extract_parties import (
    LISTS,
    extract_parties,
    extract_processing,
    flattened_rows,
    mentions,
    split_items,
)
from art28.analyzer.extract_subprocessors import extract_subprocessors
from art28.analyzer.extract_transfers import extract_transfers, resolve_outside_eea
from art28.analyzer.findings import Finding, Severity
from art28.terms.schema import DpaTerms, Language

EXTRACTORS = (
    extract_parties,
    extract_processing,
    flattened_rows,
    prose_details,
    mentions,
    extract_breach,
    extract_breach_followups,
    extract_subprocessors,
    extract_transfers,
    extract_audit,
    extract_end,
    extract_law,
    extract_term,
    extract_misc,
)
SINGLE = {
    "breach.notice_hours": "breach notice periods",
    "subprocessors.authorisation": "ways of authorising sub-processors",
    "subprocessors.objection_days": "objection periods for sub-processor changes",
    "subprocessors.notice_days": "notice periods for sub-processor changes",
    "law.governing_law": "governing laws",
    "audit.cost": "audit cost rules",
}
FIRST = (
    "processor.name",
    "processor.kvk",
    "controller.name",
    "controller.kvk",
    "end.deadline_days",
    "end.cost",
    "term.start",
    "law.courts",
    "audit.notice_days",
    "processing.subject_matter",
    "processing.nature",
    "processing.duration",
)
BOOLS = (
    "breach.undue_delay",
    "breach.register",
    "subprocessors.flow_down",
    "subprocessors.processor_liable",
    "end.certificate",
    "end.legal_retention",
    "term.indefinite",
    "term.tied_to_main_agreement",
    "amendments.written_only",
    "amendments.email_counts",
    # instructions.documented_only, instructions.infringement_alert and
    # confidentiality.staff_bound follow their requirement (extract_misc.facts_from_requirements).
    "confidentiality.survives_termination",
    "assistance.data_subject_requests",
    "assistance.forward_requests",
    "assistance.art32_36",
    "assistance.dpia",
    "authority_requests.notify_controller",
    "authority_requests.object_where_possible",
    "security.change_notice",
)


def run_extractors(ctx: Context) -> Collector:
    """All candidates of one document; party names found first feed the role patterns."""
    col = Collector()
    extract_parties(ctx, col)
    ctx.processor_names = _short_names(col.values("processor.name"))
    ctx.controller_names = _short_names(col.values("controller.name"))
    for extractor in EXTRACTORS[1:]:
        extractor(ctx, col)
    return col


def _short_names(names: list[str]) -> list[str]:
    out = []
    for name in names[:2]:
        out.append(name)
        first = name.split()[0].rstrip(",.;:")  # "Wolkdienst, Inc." is "Wolkdienst"
        if len(first) > 3 and first.lower() not in ("the", "stichting") and first not in out:
            out.append(first)
    return out


def resolve(col: Collector) -> tuple[dict[str, Any], list[Finding]]:
    """Flat ``{path: value}`` and the contradiction findings."""
    values: dict[str, Any] = {}
    findings: list[Finding] = []
    for path, label in SINGLE.items():
        value, finding = _single(col, path, label)
        if value is not None:
            values[path] = value
        if finding:
            findings.append(finding)
    for fallback, value in (("weak_specific", "specific"), ("implicit_general", "general")):
        key = f"subprocessors.authorisation_{fallback}"
        if "subprocessors.authorisation" not in values and col.has(key):
            values["subprocessors.authorisation"] = value
            col.found["subprocessors.authorisation"] = col.found[key]
    # The standard clauses' own law (law.scc_law) is not the agreement's: never taken as it.
    for path in FIRST:
        if col.has(path):
            values[path] = col.first(path)
    for path in BOOLS:
        if True in col.values(path):
            values[path] = True
    values.update(_special(col))
    return values, findings


def _single(col: Collector, path: str, label: str) -> tuple[Any, Finding | None]:
    candidates = col.found.get(path, [])
    if not candidates:
        return None, None
    counts = Counter(c.value for c in candidates)
    order = col.values(path)
    best = max(order, key=lambda v: (counts[v], -order.index(v)))
    if len(order) == 1:
        return best, None
    parts = "; ".join(f"{v} ({', '.join(_refs(candidates, v))})" for v in order)
    severity: Severity = "warning" if path == "law.governing_law" else "error"
    text = (
        f"Contradiction: the document states {len(order)} different {label}: {parts}. "
        f"Read as {best}; check which applies."
    )
    return best, Finding(severity=severity, text=text, field=path)


def _refs(candidates: list[Any], value: Any) -> list[str]:
    return sorted({str(c.sentence.ref or "?") for c in candidates if c.value == value})


def _special(col: Collector) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if col.has("audit.allowed"):
        out["audit.allowed"] = True in col.values("audit.allowed")
    scope = _audit_scope(col)
    if scope:
        out["audit.scope"] = scope
    if "controller_unless_noncompliant" in col.values("audit.cost"):
        out["audit.cost"] = "controller_unless_noncompliant"
    if not col.has("end.choice") and col.has("end.choice_mention"):
        col.found["end.choice"] = col.found["end.choice_mention"]
    choices = col.values("end.choice")
    if choices:
        counts = Counter(c.value for c in col.found["end.choice"])
        both = "return_or_delete" in choices
        out["end.choice"] = "return_or_delete" if both else max(choices, key=lambda v: counts[v])
    content = col.values("breach.content")
    if content:
        kinds = ["nature", "categories", "numbers", "contact", "consequences", "measures"]
        out["breach.content"] = [k for k in kinds if k in content]
    mechanisms = col.values("transfers.mechanisms")
    order = ["adequacy", "scc", "bcr", "dpf", "derogation"]
    out["transfers.mechanisms"] = [m for m in order if m in mechanisms]
    if policy := resolve_outside_eea(col):
        out["transfers.outside_eea"] = policy
    out.update(_business_days(col))
    out.update(_lists(col))
    return out


def _audit_scope(col: Collector) -> str | None:
    """A clause that limits audits first, then an explicit scope; audits that may be
    conducted beat audits by report only.

    The general clause ("allows for and contributes to audits, including inspections")
    is narrowed by a later limit: to the security measures, or to a report in the first
    place with an inspection only where the report does not suffice.
    """
    if col.has("audit.scope_security_limit"):
        return "security"
    reports = col.has("audit.scope_reports_first") or col.has("audit.scope_reports")
    if reports and col.has("audit.inspection_fallback"):
        return "reports_only"
    for path, scope in (
        ("audit.scope_full", "full"),
        ("audit.scope_security", "security"),
        ("audit.scope_onsite", "full"),
        ("audit.scope_reports", "reports_only"),
    ):
        if col.has(path):
            return scope
    return None


def _business_days(col: Collector) -> dict[str, Any]:
    for path in ("subprocessors.objection_days", "subprocessors.notice_days"):
        flags = col.values(f"{path}_business")
        if flags:
            return {"subprocessors.business_days": any(flags)}
    return {}


def _lists(col: Collector) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if col.has("processing.purposes") or col.has("processing.data_categories"):
        for path in LISTS:
            if col.has(path):
                out[path] = split_items(col.first(path))
    named: dict[str, dict[str, Any]] = {}
    for item in col.values("subprocessors.named"):
        named.setdefault(item["name"], item)
    if named:
        out["subprocessors.named"] = list(named.values())[:60]
    return out


def build_terms(values: dict[str, Any], language: Language) -> tuple[DpaTerms, dict[str, Any]]:
    """A valid ``DpaTerms``; values the schema refuses (a 7-digit KvK) are dropped."""
    values = {**values, "language": language}
    for _ in range(20):
        try:
            return DpaTerms.model_validate(_nest(values)), values
        except ValidationError as exc:
            bad = {".".join(str(p) for p in err["loc"][:2]) for err in exc.errors()}
            dropped = [
                k for k in values if any(k == b or k.startswith(b + ".") or b.startswith(k) for b in bad)
            ]
            if not dropped:
                break
            for key in dropped:
                values.pop(key, None)
    return DpaTerms(language=language), {"language": language}


def _nest(flat: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for path, value in flat.items():
        node = out
        *parents, leaf = path.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    return out


def evidence_for(col: Collector, values: dict[str, Any]) -> dict[str, list[Evidence]]:
    """Quotes for every extracted field path."""
    aliases = {
        "audit.scope": (
            "audit.scope_security_limit",
            "audit.scope_reports_first",
            "audit.scope_full",
            "audit.scope_onsite",
            "audit.scope_security",
            "audit.scope_reports",
        ),
        "transfers.outside_eea": tuple(
            f"transfers.{kind}_{p}"
            for kind in ("policy", "heading_policy")
            for p in ("with_consent", "prohibited", "with_safeguards")
        ),
        "subprocessors.business_days": (
            "subprocessors.objection_days",
            "subprocessors.notice_days",
        ),
    }
    out: dict[str, list[Evidence]] = {}
    for path, value in values.items():
        if path == "language" or value in (None, [], False) and path not in ("audit.allowed",):
            continue
        sources = aliases.get(path, (path,))
        single = value if path in SINGLE else None
        quotes = [q for src in sources for q in col.evidence(src, single)]
        if quotes:
            out[path] = quotes[:3]
    return out
