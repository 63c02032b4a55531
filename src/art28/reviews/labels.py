"""The analyzer's keys and values in words, for the review page and its PDF.

The analyzer (pure Python, no Django) stores keys (``d_subprocessors``), schema values
(``return_or_delete``) and English notes and findings in a review's result. Nothing of that
reaches a screen as it is: values get a translated label, checklist notes and findings are
said again here in the active language. A note or finding this module does not know is
shown as the analyzer wrote it (English), never as a key.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as L
from django.utils.translation import ngettext

from art28.analyzer.checklist import DERIVED
from art28.core.countries import country_name

VALUES: dict[str, Promise] = {
    # subprocessors.authorisation
    "specific": L("prior specific authorisation"),
    "general": L("general written authorisation"),
    "none": L("no authorisation arranged"),
    # transfers.outside_eea
    "prohibited": L("not allowed"),
    "with_consent": L("only with the controller's consent"),
    "with_safeguards": L("with appropriate safeguards"),
    "allowed": L("allowed"),
    # transfers.mechanisms
    "adequacy": L("adequacy decision"),
    "scc": L("standard contractual clauses"),
    "bcr": L("binding corporate rules"),
    "dpf": L("EU-US Data Privacy Framework"),
    "derogation": L("derogation (Art. 49)"),
    # audit.scope
    "full": L("full audits and inspections"),
    "security": L("security only"),
    "reports_only": L("reports first"),
    # audit.cost
    "controller": L("the controller"),
    "processor": L("the processor"),
    "controller_unless_noncompliant": L("the controller, unless the processor does not comply"),
    "shared": L("shared"),
    # end.choice
    "return_or_delete": L("return or deletion, at the controller's choice"),
    "delete": L("deletion"),
    "return": L("return"),
}

SEVERITIES: dict[str, Promise] = {"error": L("gap"), "warning": L("to check"), "info": L("note")}
#: The badge style of a finding's weight (a CSS class, never shown as text).
SEVERITY_BADGES: dict[str, str] = {"error": "missing", "warning": "partial", "info": "draft"}

PLAYBOOK: dict[str, Promise] = {
    "breach_max_hours": L("Breach notice"),
    "require_undue_delay": L("Without undue delay"),
    "audits_allowed": L("Audits allowed"),
    "audit_scope_full": L("Audit scope"),
    "data_in_eea": L("Data location"),
    "subprocessor_authorisation": L("Sub-processor authorisation"),
    "subprocessor_objection_min_days": L("Objection period (days)"),
    "subprocessor_notice_min_days": L("Notice of new sub-processors (days)"),
    "end_deadline_max_days": L("Return/deletion deadline"),
    "governing_law": L("Governing law"),
}

# The checklist's fixed notes, by the analyzer's English.
NOTES: dict[str, Promise] = {n: L(n) for n in (
    "the duration is set",
    "a duration is mentioned but not clearly set",
    "the duration of the processing is not set",
    "no rule on engaging sub-processors (prior specific or general written authorisation)",
    "general authorisation without a way to object to changes",
    "authorisation is regulated, but the same obligations are not imposed on sub-processors",
    "assists with security, breach notification, DPIAs and prior consultation",
    "assistance with Articles 32–36 is only partly covered",
    "no assistance with Articles 32–36 (security, breaches, DPIA)",
    "return or deletion at the controller's choice",
    "nothing on returning or deleting the data at the end",
    "audits are excluded",
    "audits by report in the first place; inspections where a report does not suffice",
    "audits and inspections are allowed",
    "no right to audits or inspections",
    "processing only on documented instructions",
    "no rule that the processor acts only on documented instructions",
    "staff are bound to confidentiality",
    "no confidentiality duty for the persons processing the data",
    "security measures (Article 32) are required",
    "no security measures required",
    "assists with data subject requests",
    "requests are forwarded, but assistance is not promised",
    "no assistance with data subject requests",
    "the processor warns when an instruction infringes the law",
    "no duty to warn about infringing instructions",
    "deletion or return at the end is stated",
)}
DETAILS: dict[str, Promise] = {
    "the subject matter": L("the subject matter"),
    "the nature of the processing": L("the nature of the processing"),
    "the purpose": L("the purpose"),
    "the types of personal data": L("the types of personal data"),
    "the categories of data subjects": L("the categories of data subjects"),
}
_DETAIL = re.compile(
    r"^(?P<what>.+?) (?P<how>is described|is mentioned but not clearly described|is not described)$")
_ONLY = re.compile(r"^only (?P<choice>\w+) at the end; ")
_LIMITED = re.compile(r"^audits limited to (?P<scope>.+)$")
_FLOWS = re.compile(r"^(?P<auth>\w+) authorisation; obligations flow down$")
_WEAK = re.compile(r"^Weak wording “(?P<words>.+)” softens an obligation")


def value(raw: Any) -> str:
    """A value the analyzer read, in words: a schema value gets its label, a list each item's."""
    if raw in (None, [], ""):
        return _("not stated")
    if isinstance(raw, bool):
        return _("yes") if raw else _("no")
    if isinstance(raw, list):
        return ", ".join(value(v) for v in raw)
    text = str(raw)
    return str(VALUES[text]) if text in VALUES else text


#: Details named in the plural ("the types ... are described", "de soorten ... zijn beschreven").
PLURAL_DETAILS = frozenset({"the types of personal data", "the categories of data subjects"})


def _detail_note(m: re.Match[str]) -> str:
    what = str(DETAILS.get(m["what"], m["what"]))
    vague = "is mentioned but not clearly described"
    if m["what"] in PLURAL_DETAILS:
        said = {"is described": _("%(what)s are described"),
                vague: _("%(what)s are mentioned but not clearly described"),
                "is not described": _("%(what)s are not described")}[m["how"]]
    else:
        said = {"is described": _("%(what)s is described"),
                vague: _("%(what)s is mentioned but not clearly described"),
                "is not described": _("%(what)s is not described")}[m["how"]]
    return said % {"what": what}


def _fixed_note(note: str) -> str | None:
    if note in NOTES:
        return str(NOTES[note])
    if m := _DETAIL.match(note):
        return _detail_note(m)
    if m := _ONLY.match(note):
        return _("only %(choice)s at the end, while Article 28(3)(g) leaves the choice to the controller") % {
            "choice": value(m["choice"])}
    if m := _LIMITED.match(note):
        return _("audits limited to: %(scope)s") % {"scope": value(m["scope"].replace(" ", "_"))}
    if m := _FLOWS.match(note):
        return _("%(authorisation)s; obligations flow down") % {"authorisation": value(m["auth"])}
    return None


def _requirement_note(name: str, requirements: dict[str, Any], lang: str) -> str:
    return str((requirements.get(name, {}).get("note") or {}).get(lang, ""))


def _derived_note(key: str, status: str, requirements: dict[str, Any], lang: str) -> str | None:
    """A checklist note that follows the requirements, said again from their own (bilingual) notes."""
    names, yes, part, no = DERIVED[key]
    if not all(n in requirements for n in names):
        return None
    if status == "present":
        return _fixed_note(yes)
    if status == "missing":
        return _fixed_note(no)
    gaps = "; ".join(_requirement_note(n, requirements, lang) for n in names
                     if requirements[n].get("status") != "present")
    head = _fixed_note(part or no) or ""
    return f"{head}: {gaps}" if len(names) > 1 else (head if part else gaps)


def checklist_note(key: str, item: dict[str, Any], requirements: dict[str, Any], lang: str) -> str:
    """The note of one checklist item in the active language."""
    note = str(item.get("note") or "")
    status = str(item.get("status") or "")
    if key in DERIVED and requirements:
        said = _derived_note(key, status, requirements, lang)
        if said is not None:
            return said
    if key == "d_subprocessors" and status == "partial" and note == _requirement_note(
            "subprocessor_changes_objection", requirements, "en"):
        return _requirement_note("subprocessor_changes_objection", requirements, lang)
    return _fixed_note(note) or note


def _bound(raw: Any) -> str:
    """A playbook position ("≤ 72 h", "general or specific", True) in words."""
    if not isinstance(raw, str):
        return value(raw)
    if m := re.fullmatch(r"([≤≥]) (\d+)( h| days)?", raw):
        unit = {" h": _("hours"), " days": _("days")}.get(m[3] or "", "")
        return f"{m[1]} {m[2]} {unit}".strip()
    if raw == "data stays in the EEA":
        return _("data stays in the EEA")
    if raw == "transfers allowed":
        return _("transfers allowed")
    if ";" in raw:  # the data location: policy; sub-processors outside the EEA: names
        policy, _sep, names = raw.partition("; sub-processors outside the EEA: ")
        return _("%(policy)s; sub-processors outside the EEA: %(names)s") % {"policy": value(policy),
                                                                             "names": names}
    return f" {_('or')} ".join(value(part) for part in raw.split(" or "))


def playbook_text(check: dict[str, Any]) -> str:
    """One playbook comparison in words: what the playbook wants, what the agreement says."""
    key = str(check.get("key") or "")
    if key not in PLAYBOOK:
        return str(check.get("text") or "")
    if key == "governing_law":  # laws are ISO codes ("NL", "GB-ENG"): a reader sees the country
        expected, actual = (_laws(check.get(side)) for side in ("expected", "actual"))
    else:
        expected, actual = _bound(check.get("expected")), _bound(check.get("actual"))
    return _("%(what)s: playbook %(expected)s, agreement %(actual)s") % {
        "what": PLAYBOOK[key], "expected": expected, "actual": actual}


def _laws(raw: Any) -> str:
    if not isinstance(raw, str) or not raw:
        return value(raw)
    return f" {_('or')} ".join(country_name(part) for part in raw.split(" or "))


def finding_text(finding: dict[str, Any], result: dict[str, Any], checklist: dict[str, str],
                 lang: str) -> str:
    """One finding in the active language; ``checklist`` maps each key to its row's label."""
    text = str(finding.get("text") or "")
    field = finding.get("field")
    art28 = result.get("art28") or {}
    if field in art28 and field in checklist:
        item = art28[field]
        return _("%(requirement)s: %(status)s — %(note)s.") % {
            "requirement": checklist[field], "status": value_status(item.get("status")),
            "note": checklist_note(field, item, result.get("requirements") or {}, lang)}
    if field in CONTRADICTED and (m := _CONTRADICTION.match(text)):
        return contradiction_text(str(field), m)
    if field == "breach.notice_hours":
        hours = ((result.get("terms") or {}).get("breach") or {}).get("notice_hours")
        if hours is None:
            return _("No deadline for notifying a personal data breach.")
        return _("Breach notice within %(hours)s hours leaves the controller no time for its own "
                 "72-hour notice to the authority.") % {"hours": hours}
    checks = {c.get("key"): c for c in result.get("playbook") or []}
    if field in checks and field in PLAYBOOK:
        return _("Playbook deviation: %(check)s.") % {"check": playbook_text(checks[field])}
    if m := _WEAK.match(text):
        return _("Weak wording “%(words)s” softens an obligation; ask for a firm commitment.") % {
            "words": m["words"]}
    placeholders = result.get("placeholders") or []
    if placeholders and "unfilled template field" in text:
        sample = ", ".join(f"“{p.get('text', '')[:40]}”" for p in placeholders[:5])
        return ngettext("%(n)d unfilled template field, e.g. %(sample)s.",
                        "%(n)d unfilled template fields, e.g. %(sample)s.",
                        len(placeholders)) % {"n": len(placeholders), "sample": sample}
    return text


# The fields a contradiction can be found in (analyzer.extract.SINGLE), named in the plural.
CONTRADICTED: dict[str, Promise] = {
    "breach.notice_hours": L("breach notice periods"),
    "subprocessors.authorisation": L("ways of authorising sub-processors"),
    "subprocessors.objection_days": L("objection periods for sub-processor changes"),
    "subprocessors.notice_days": L("notice periods for sub-processor changes"),
    "law.governing_law": L("governing laws"),
    "audit.cost": L("audit cost rules"),
}
_CONTRADICTION = re.compile(
    r"^Contradiction: the document states (?P<n>\d+) different .+?: (?P<parts>.+)\. "
    r"Read as (?P<best>.+); check which applies\.$")
_PART = re.compile(r"(?P<value>[^;]+?) \((?P<refs>[^)]*)\)(?:; |$)")


def _contradicted(field: str, raw: str) -> str:
    """One value of a contradiction in words: a law (an ISO code, "NL") as its country."""
    return country_name(raw) if field == "law.governing_law" else value(raw)


def contradiction_text(field: str, m: re.Match[str]) -> str:
    """A contradiction in the active language, each value in words with the clauses that state it."""
    parts = "; ".join(f"{_contradicted(field, p['value'])} ({p['refs']})" for p in _PART.finditer(m["parts"]))
    return _("Contradiction: the document states %(n)s different %(what)s: %(parts)s. "
             "Read as %(best)s; check which applies.") % {
        "n": m["n"], "what": CONTRADICTED[field], "parts": parts, "best": _contradicted(field, m["best"])}


STATUSES: dict[str, Promise] = {"present": L("present"), "partial": L("partial"), "missing": L("missing")}


def value_status(status: Any) -> str:
    return str(STATUSES.get(str(status), _("unknown")))
