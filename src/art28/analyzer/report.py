"""A readable report of an :class:`Analysis`, in English or Dutch."""

from __future__ import annotations

from typing import Any

from art28.analyzer.analysis import Analysis

LABELS = {
    "en": {
        "title": "Article 28 check",
        "language": "Language",
        "terms": "What the agreement says",
        "checklist": "Article 28(3) checklist",
        "requirements": "Requirements of Article 28(2)-(4) and 32(2)",
        "findings": "Findings",
        "placeholders": "Unfilled template fields",
        "playbook": "Playbook",
        "none": "none",
        "present": "present",
        "partial": "PARTIAL",
        "missing": "MISSING",
        "ok": "ok",
        "deviation": "DEVIATION",
        "not_stated": "not stated",
    },
    "nl": {
        "title": "Toets aan artikel 28 AVG",
        "language": "Taal",
        "terms": "Wat de overeenkomst zegt",
        "checklist": "Checklist artikel 28 lid 3",
        "requirements": "Eisen van artikel 28 lid 2-4 en 32 lid 2",
        "findings": "Bevindingen",
        "placeholders": "Niet ingevulde velden",
        "playbook": "Playbook",
        "none": "geen",
        "present": "aanwezig",
        "partial": "GEDEELTELIJK",
        "missing": "ONTBREEKT",
        "ok": "ok",
        "deviation": "AFWIJKING",
        "not_stated": "niet vermeld",
    },
}
FIELDS = {
    "processor.name": ("Processor", "Verwerker"),
    "processor.kvk": ("Processor KvK", "KvK verwerker"),
    "controller.name": ("Controller", "Verwerkingsverantwoordelijke"),
    "controller.kvk": ("Controller KvK", "KvK verwerkingsverantwoordelijke"),
    "breach.notice_hours": ("Breach notice (hours)", "Melding datalek (uren)"),
    "breach.undue_delay": ("Without undue delay", "Zonder onredelijke vertraging"),
    "subprocessors.authorisation": ("Sub-processor authorisation", "Toestemming subverwerkers"),
    "subprocessors.notice_days": ("Notice of changes (days)", "Aankondiging wijzigingen (dagen)"),
    "subprocessors.objection_days": ("Objection period (days)", "Bezwaartermijn (dagen)"),
    "subprocessors.business_days": ("Business days", "Werkdagen"),
    "transfers.outside_eea": ("Transfers outside the EEA", "Doorgifte buiten de EER"),
    "transfers.mechanisms": ("Transfer mechanisms", "Doorgiftemechanismen"),
    "audit.allowed": ("Audits allowed", "Audits toegestaan"),
    "audit.scope": ("Audit scope", "Reikwijdte audit"),
    "audit.cost": ("Audit cost", "Kosten audit"),
    "end.choice": ("At the end", "Bij het einde"),
    "end.deadline_days": ("End deadline (days)", "Termijn bij einde (dagen)"),
    "law.governing_law": ("Governing law", "Toepasselijk recht"),
    "law.courts": ("Courts", "Bevoegde rechter"),
    "term.indefinite": ("Indefinite term", "Onbepaalde tijd"),
    "term.tied_to_main_agreement": ("Tied to main agreement", "Gekoppeld aan hoofdovereenkomst"),
}


def _get(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def report_text(analysis: Analysis, lang: str = "en") -> str:
    """The analysis as plain text for a person; ``lang`` is "en" or "nl"."""
    lab = LABELS["nl" if lang == "nl" else "en"]
    idx = 1 if lang == "nl" else 0
    src = analysis.source
    lines = [
        f"{lab['title']}: {src.filename or '(bytes)'} ({src.format}, {src.characters:,} chars)",
        f"{lab['language']}: {analysis.language}",
        "",
        f"== {lab['terms']} ==",
    ]
    terms = analysis.terms.model_dump(mode="json")
    for path, names in FIELDS.items():
        value = _get(terms, path)
        shown = (
            lab["not_stated"]
            if value in (None, [])
            else ", ".join(map(str, value))
            if isinstance(value, list)
            else value
        )
        ev = analysis.evidence.get(path)
        ref = f"  [{ev[0].ref}]" if ev and ev[0].ref else ""
        lines.append(f"  {names[idx]:<36} {shown}{ref}")
    lines += ["", f"== {lab['checklist']} =="]
    for key, item in analysis.art28.items():
        refs = ", ".join(sorted({e.ref for e in item.evidence if e.ref}))[:40]
        lines.append(f"  {lab[item.status]:<13} {key:<32} {item.note}" + (f" [{refs}]" if refs else ""))
    lines += _requirements(analysis, lab, "nl" if lang == "nl" else "en")
    lines += _placeholders(analysis, lab) + _findings(analysis, lab) + _playbook(analysis, lab)
    return "\n".join(lines) + "\n"


GAPS_FIRST = {"missing": 0, "partial": 1, "present": 2}


def _requirements(analysis: Analysis, lab: dict[str, str], lang: str) -> list[str]:
    """Each requirement in words, the gaps first, with the clause that states it."""
    if not analysis.requirements:
        return []
    out = ["", f"== {lab['requirements']} =="]
    items = sorted(analysis.requirements.values(), key=lambda r: GAPS_FIRST[r.status])
    for item in items:
        ref = next((e.ref for e in item.evidence if e.ref), None)
        where = f" [{ref}]" if ref else ""
        out.append(f"  {lab[item.status]:<13} {item.name[lang]} ({item.article}){where}")
        if item.status != "present":
            out.append(f"                {item.note[lang]}")
    return out


def _placeholders(analysis: Analysis, lab: dict[str, str]) -> list[str]:
    out = ["", f"== {lab['placeholders']} =="]
    out += [f"  [{p.ref or '-'}] {p.text}" for p in analysis.placeholders[:30]] or [f"  {lab['none']}"]
    return out


def _findings(analysis: Analysis, lab: dict[str, str]) -> list[str]:
    out = ["", f"== {lab['findings']} =="]
    for f in analysis.findings:
        where = f" [{f.ref}]" if f.ref else ""
        out.append(f"  {f.severity.upper():<8}{where} {f.text}")
        if f.quote:
            out.append(f"           “{f.quote[:160]}”")
    return out if len(out) > 2 else [*out, f"  {lab['none']}"]


def _playbook(analysis: Analysis, lab: dict[str, str]) -> list[str]:
    if analysis.playbook is None:
        return []
    out = ["", f"== {lab['playbook']} =="]
    out += [f"  {lab['ok'] if c.ok else lab['deviation']:<10} {c.text}" for c in analysis.playbook]
    return out
