"""The Article 28(3) checklist: each element present, partial or missing, with its quotes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, Field

from art28.analyzer.collect import Collector, Evidence
from art28.terms.schema import CHECKLIST_KEYS, DpaTerms

Status = Literal["present", "partial", "missing"]


class CheckItem(BaseModel):
    """One Article 28(3) element."""

    status: Status
    evidence: list[Evidence] = Field(default_factory=list)
    note: str = ""


Rule = Callable[[DpaTerms, Collector], tuple[Status, list[str], str]]


def _detail(field: str, label: str) -> Rule:
    path = f"processing.{field}"

    def rule(terms: DpaTerms, col: Collector) -> tuple[Status, list[str], str]:
        if getattr(terms.processing, field):
            return "present", [path], f"{label} is described"
        if col.has(f"mention.{path}"):
            return "partial", [f"mention.{path}"], f"{label} is mentioned but not clearly described"
        return "missing", [], f"{label} is not described"

    return rule


def _duration(terms: DpaTerms, col: Collector) -> tuple[Status, list[str], str]:
    if terms.processing.duration or terms.term.tied_to_main_agreement or terms.term.indefinite:
        return (
            "present",
            ["processing.duration", "term.tied_to_main_agreement", "term.indefinite"],
            "the duration is set",
        )
    if col.has("mention.processing.duration"):
        return (
            "partial",
            ["mention.processing.duration"],
            "a duration is mentioned but not clearly set",
        )
    return "missing", [], "the duration of the processing is not set"


def _flag(path: str, yes: str, no: str, partial_path: str | None = None, partial: str = "") -> Rule:
    def rule(terms: DpaTerms, col: Collector) -> tuple[Status, list[str], str]:
        if col.has(path) and True in col.values(path):
            return "present", [path], yes
        if partial_path and col.has(partial_path):
            return "partial", [partial_path], partial
        return "missing", [], no

    return rule


def _subprocessors(terms: DpaTerms, col: Collector) -> tuple[Status, list[str], str]:
    sub = terms.subprocessors
    paths = [
        "subprocessors.authorisation",
        "subprocessors.objection_days",
        "subprocessors.flow_down",
    ]
    if sub.authorisation is None:
        return (
            "missing",
            [],
            "no rule on engaging sub-processors (prior specific or general written authorisation)",
        )
    if (
        sub.authorisation == "general"
        and sub.objection_days is None
        and not col.has("subprocessors.objection_mention")
    ):
        return "partial", paths, "general authorisation without a way to object to changes"
    if not sub.flow_down:
        return (
            "partial",
            paths,
            "authorisation is regulated, but the same obligations are not imposed on sub-processors",
        )
    return "present", paths, f"{sub.authorisation} authorisation; obligations flow down"


def _assist(terms: DpaTerms, col: Collector) -> tuple[Status, list[str], str]:
    a = terms.assistance
    breach = terms.breach.notice_hours is not None or terms.breach.undue_delay
    paths = ["assistance.art32_36", "assistance.dpia", "breach.notice_hours", "breach.undue_delay"]
    if a.art32_36 or (a.dpia and breach and col.has("security.mentioned")):
        return (
            "present",
            paths,
            "assists with security, breach notification, DPIAs and prior consultation",
        )
    if a.dpia or breach:
        return "partial", paths, "assistance with Articles 32–36 is only partly covered"
    return "missing", [], "no assistance with Articles 32–36 (security, breaches, DPIA)"


def _end(terms: DpaTerms, col: Collector) -> tuple[Status, list[str], str]:
    choice = terms.end.choice
    if choice == "return_or_delete":
        return (
            "present",
            ["end.choice", "end.deadline_days"],
            "return or deletion at the controller's choice",
        )
    if choice:
        return (
            "partial",
            ["end.choice"],
            f"only {choice} at the end; Article 28(3)(g) leaves the choice to the controller",
        )
    return "missing", [], "nothing on returning or deleting the data at the end"


# The collector paths whose quotes show a limited audit scope.
SCOPE_QUOTES = {
    "security": ("audit.scope_security_limit", "audit.scope_security"),
    "reports_only": ("audit.scope_reports_first", "audit.scope_reports"),
}


def _audits(terms: DpaTerms, col: Collector) -> tuple[Status, list[str], str]:
    audit = terms.audit
    paths = ["audit.allowed", "audit.scope", "audit.cost"]
    if audit.allowed is False:
        return "missing", ["audit.allowed"], "audits are excluded"
    if audit.scope == "reports_only" and col.has("audit.inspection_fallback"):
        # Reports in the first place, an inspection where a report does not answer the
        # controller's questions: inspections stay possible, as Article 28(3)(h) asks.
        note = "audits by report in the first place; inspections where a report does not suffice"
        return "present", [*paths, *SCOPE_QUOTES["reports_only"], "audit.inspection_fallback"], note
    if audit.scope in ("security", "reports_only"):
        note = f"audits limited to {audit.scope.replace('_', ' ')}"
        return "partial", [*paths, *SCOPE_QUOTES[audit.scope]], note
    if audit.allowed:
        return "present", paths, "audits and inspections are allowed"
    return "missing", [], "no right to audits or inspections"


RULES: dict[str, Rule] = {
    "details_subject_matter": _detail("subject_matter", "the subject matter"),
    "details_duration": _duration,
    "details_nature": _detail("nature", "the nature of the processing"),
    "details_purpose": _detail("purposes", "the purpose"),
    "details_data_types": _detail("data_categories", "the types of personal data"),
    "details_subject_categories": _detail("data_subject_categories", "the categories of data subjects"),
    "a_documented_instructions": _flag(
        "instructions.documented_only",
        "processing only on documented instructions",
        "no rule that the processor acts only on documented instructions",
    ),
    "b_confidentiality": _flag(
        "confidentiality.staff_bound",
        "staff are bound to confidentiality",
        "no confidentiality duty for the persons processing the data",
    ),
    "c_security": _flag(
        "security.mentioned",
        "security measures (Article 32) are required",
        "no security measures required",
    ),
    "d_subprocessors": _subprocessors,
    "e_data_subject_rights": _flag(
        "assistance.data_subject_requests",
        "assists with data subject requests",
        "no assistance with data subject requests",
        "assistance.forward_requests",
        "requests are forwarded, but assistance is not promised",
    ),
    "f_assist_32_36": _assist,
    "g_delete_or_return": _end,
    "h_audits": _audits,
    "instruction_infringement_alert": _flag(
        "instructions.infringement_alert",
        "the processor warns when an instruction infringes the law",
        "no duty to warn about infringing instructions",
    ),
}


def checklist(terms: DpaTerms, col: Collector) -> dict[str, CheckItem]:
    """Every checklist key of DESIGN.md with its status, quotes and a note."""
    out: dict[str, CheckItem] = {}
    for key in CHECKLIST_KEYS:
        status, paths, note = RULES[key](terms, col)
        quotes: list[Evidence] = []
        for path in paths:
            for q in col.evidence(path, limit=2):
                if q not in quotes:
                    quotes.append(q)
        out[key] = CheckItem(status=status, evidence=quotes[:4], note=note)
    return out
