"""The Article 28(3) checklist: each element present, partial or missing, with its quotes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, Field

from art28.analyzer.collect import Collector, Evidence
from art28.analyzer.requirements import Requirement
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


# Checklist keys decided by the finer requirements: key -> (requirements, note when present,
# note when partial, note when missing). The details of Article 28(3) first paragraph stay
# with the rules above; the rest follow the sentences that state each requirement.
DERIVED: dict[str, tuple[tuple[str, ...], str, str, str]] = {
    "a_documented_instructions": (
        ("documented_instructions",),
        "processing only on documented instructions",
        "",
        "no rule that the processor acts only on documented instructions",
    ),
    "b_confidentiality": (
        ("confidentiality",),
        "staff are bound to confidentiality",
        "",
        "no confidentiality duty for the persons processing the data",
    ),
    "c_security": (
        ("security_measures",),
        "security measures (Article 32) are required",
        "",
        "no security measures required",
    ),
    "e_data_subject_rights": (
        ("assist_data_subject_requests",),
        "assists with data subject requests",
        "requests are forwarded, but assistance is not promised",
        "no assistance with data subject requests",
    ),
    "f_assist_32_36": (
        (
            "assist_security",
            "assist_breach_notification",
            "assist_breach_communication",
            "assist_dpia",
            "assist_prior_consultation",
        ),
        "assists with security, breach notification, DPIAs and prior consultation",
        "assistance with Articles 32–36 is only partly covered",
        "no assistance with Articles 32–36 (security, breaches, DPIA)",
    ),
    "instruction_infringement_alert": (
        ("instruction_infringement_alert",),
        "the processor warns when an instruction infringes the law",
        "",
        "no duty to warn about infringing instructions",
    ),
}


def _derived(key: str, reqs: dict[str, Requirement]) -> tuple[Status, list[Evidence], str]:
    names, yes, part, no = DERIVED[key]
    items = [reqs[n] for n in names]
    statuses = {i.status for i in items}
    evidence = [Evidence(ref=e.ref, quote=e.quote) for i in items for e in i.evidence]
    if statuses == {"present"}:
        return "present", evidence, yes
    if statuses == {"missing"}:
        return "missing", [], no
    gaps = "; ".join(i.note["en"] for i in items if i.status != "present")
    return "partial", evidence, f"{part or no}: {gaps}" if len(items) > 1 else part or gaps


def _sub_derived(
    terms: DpaTerms, col: Collector, reqs: dict[str, Requirement]
) -> tuple[Status, list[str], str]:
    """Article 28(3)(d): the conditions of 28(2) and (4), from their own requirements."""
    if reqs["subprocessor_authorisation"].status == "missing" and terms.subprocessors.authorisation is None:
        return _subprocessors(terms, col)
    status, paths, note = _subprocessors(terms, col)
    # Notice and objection are what general authorisation needs (28(2)); specific consent
    # to each sub-processor needs none.
    if (
        status == "present"
        and terms.subprocessors.authorisation != "specific"
        and reqs["subprocessor_changes_objection"].status != "present"
    ):
        return "partial", paths, reqs["subprocessor_changes_objection"].note["en"]
    if (
        status == "partial"
        and not terms.subprocessors.flow_down
        and reqs["subprocessor_same_obligations"].status == "present"
    ):
        return (
            "present",
            [*paths, "subprocessors.flow_down"],
            f"{terms.subprocessors.authorisation} authorisation; obligations flow down",
        )
    return status, paths, note


def checklist(
    terms: DpaTerms, col: Collector, reqs: dict[str, Requirement] | None = None
) -> dict[str, CheckItem]:
    """Every checklist key of DESIGN.md with its status, quotes and a note.

    With ``reqs`` (the requirement list), the keys of Article 28(3)(a)-(f) and the alert
    follow the sentences that state each requirement; without, the older field rules.
    """
    out: dict[str, CheckItem] = {}
    for key in CHECKLIST_KEYS:
        if reqs and key in DERIVED:
            status, evidence, note = _derived(key, reqs)
            out[key] = CheckItem(status=status, evidence=evidence[:4], note=note)
            continue
        if reqs and key == "d_subprocessors":
            status, paths, note = _sub_derived(terms, col, reqs)
        else:
            status, paths, note = RULES[key](terms, col)
        if (
            reqs
            and key == "g_delete_or_return"
            and status == "missing"
            and reqs["delete_or_return"].status == "present"
        ):
            ev = [Evidence(ref=e.ref, quote=e.quote) for e in reqs["delete_or_return"].evidence]
            out[key] = CheckItem(
                status="present", evidence=ev, note="deletion or return at the end is stated"
            )
            continue
        if (
            reqs
            and key == "h_audits"
            and status == "missing"
            and reqs["audits_inspections"].status == "present"
        ):
            ev = [Evidence(ref=e.ref, quote=e.quote) for e in reqs["audits_inspections"].evidence]
            out[key] = CheckItem(status="present", evidence=ev, note="audits and inspections are allowed")
            continue
        quotes: list[Evidence] = []
        if reqs and key == "g_delete_or_return" and reqs["delete_or_return"].status == "present":
            # The sentences that state deletion or return, not any clause the end choice
            # was read near (a security article that lists "destruction" as a risk).
            paths = []
            quotes = [Evidence(ref=e.ref, quote=e.quote) for e in reqs["delete_or_return"].evidence]
        for path in paths:
            for q in col.evidence(path, limit=2):
                if q not in quotes:
                    quotes.append(q)
        out[key] = CheckItem(status=status, evidence=quotes[:4], note=note)
    if reqs:
        out["h_audits"] = _with_information(out["h_audits"], reqs["compliance_information"])
    return out


def _with_information(audits: CheckItem, info: Requirement) -> CheckItem:
    """Article 28(3)(h) asks for both: the information to demonstrate compliance, and audits.

    The key is present only when both requirements are; one of the two makes it partial,
    with the missing one named.
    """
    quotes = [Evidence(ref=e.ref, quote=e.quote) for e in info.evidence]
    if audits.status == "present" and info.status == "present":
        return CheckItem(status="present", evidence=(audits.evidence + quotes)[:4], note=audits.note)
    if audits.status == "missing" and info.status == "missing":
        return audits
    if audits.status == "present":
        return CheckItem(status="partial", evidence=audits.evidence, note=info.note["en"])
    if audits.status == "missing":
        return CheckItem(status="partial", evidence=quotes[:4], note=audits.note)
    # Audits limited (partial): the limit stays the note, with the missing information added.
    note = audits.note if info.status == "present" else f"{audits.note}; {info.note['en']}"
    return CheckItem(status="partial", evidence=(audits.evidence + quotes)[:4], note=note)
