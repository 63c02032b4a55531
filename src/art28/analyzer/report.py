"""A readable report of an :class:`Analysis`, in English or Dutch."""

from __future__ import annotations

import re
from typing import Any

from art28.analyzer.analysis import Analysis
from art28.analyzer.findings import Finding
from art28.analyzer.playbook import PlaybookCheck
from art28.terms.countries import country_label

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
        "chars": "characters",
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
        "chars": "tekens",
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


# The report speaks words, never keys: each checklist key and schema value in English and Dutch.
CHECKLIST_NAMES: dict[str, tuple[str, str]] = {
    "details_subject_matter": ("Subject matter of the processing", "Onderwerp van de verwerking"),
    "details_duration": ("Duration of the processing", "Duur van de verwerking"),
    "details_nature": ("Nature of the processing", "Aard van de verwerking"),
    "details_purpose": ("Purpose of the processing", "Doel van de verwerking"),
    "details_data_types": ("Types of personal data", "Soorten persoonsgegevens"),
    "details_subject_categories": ("Categories of data subjects", "Categorieën betrokkenen"),
    "a_documented_instructions": (
        "(a) Only on documented instructions",
        "(a) Alleen op schriftelijke instructies",
    ),
    "b_confidentiality": ("(b) Confidentiality", "(b) Geheimhouding"),
    "c_security": ("(c) Security measures (Article 32)", "(c) Beveiligingsmaatregelen (artikel 32)"),
    "d_subprocessors": ("(d) Conditions for sub-processors", "(d) Voorwaarden voor subverwerkers"),
    "e_data_subject_rights": (
        "(e) Assistance with data subjects' rights",
        "(e) Bijstand bij de rechten van betrokkenen",
    ),
    "f_assist_32_36": (
        "(f) Assistance with Articles 32 to 36",
        "(f) Bijstand bij de artikelen 32 tot en met 36",
    ),
    "g_delete_or_return": ("(g) Deletion or return at the end", "(g) Wissen of terugbezorgen aan het einde"),
    "h_audits": ("(h) Information and audits", "(h) Informatie en audits"),
    "instruction_infringement_alert": (
        "Alert on an unlawful instruction",
        "Waarschuwing bij een onrechtmatige instructie",
    ),
}
# The requirements a checklist key is made of: a Dutch note says what of them is missing.
CHECKLIST_REQUIREMENTS: dict[str, tuple[str, ...]] = {
    "a_documented_instructions": ("documented_instructions",),
    "b_confidentiality": ("confidentiality",),
    "c_security": ("security_measures",),
    "d_subprocessors": (
        "subprocessor_authorisation",
        "subprocessor_changes_objection",
        "subprocessor_same_obligations",
    ),
    "e_data_subject_rights": ("assist_data_subject_requests",),
    "f_assist_32_36": (
        "assist_security",
        "assist_breach_notification",
        "assist_breach_communication",
        "assist_dpia",
        "assist_prior_consultation",
    ),
    "g_delete_or_return": ("delete_or_return",),
    "h_audits": ("compliance_information", "audits_inspections"),
    "instruction_infringement_alert": ("instruction_infringement_alert",),
}
DETAILS_NL = {
    "the subject matter": "het onderwerp",
    "the nature of the processing": "de aard van de verwerking",
    "the purpose": "het doel",
    "the types of personal data": "de soorten persoonsgegevens",
    "the categories of data subjects": "de categorieën betrokkenen",
    "the duration of the processing": "de duur van de verwerking",
}
VALUE_WORDS: dict[str, tuple[str, str]] = {
    "specific": ("prior specific authorisation", "voorafgaande specifieke toestemming"),
    "general": ("general written authorisation", "algemene schriftelijke toestemming"),
    "none": ("no authorisation arranged", "geen toestemming geregeld"),
    "prohibited": ("not allowed", "niet toegestaan"),
    "with_consent": (
        "only with the controller's consent",
        "alleen met toestemming van de verwerkingsverantwoordelijke",
    ),
    "with_safeguards": ("with appropriate safeguards", "met passende waarborgen"),
    "allowed": ("allowed", "toegestaan"),
    "adequacy": ("adequacy decision", "adequaatheidsbesluit"),
    "scc": ("standard contractual clauses", "modelcontractbepalingen"),
    "bcr": ("binding corporate rules", "bindende bedrijfsvoorschriften"),
    "dpf": ("EU-US Data Privacy Framework", "EU-VS Data Privacy Framework"),
    "derogation": ("derogation (Art. 49)", "uitzondering (art. 49)"),
    "full": ("full audits and inspections", "volledige audits en inspecties"),
    "security": ("security only", "alleen beveiliging"),
    "reports_only": ("reports first", "eerst rapportages"),
    "controller": ("the controller", "de verwerkingsverantwoordelijke"),
    "processor": ("the processor", "de verwerker"),
    "controller_unless_noncompliant": (
        "the controller, unless the processor does not comply",
        "de verwerkingsverantwoordelijke, tenzij de verwerker tekortschiet",
    ),
    "shared": ("shared", "gedeeld"),
    "return_or_delete": (
        "return or deletion, at the controller's choice",
        "teruggave of verwijdering, naar keuze van de verwerkingsverantwoordelijke",
    ),
    "delete": ("deletion", "verwijdering"),
    "return": ("return", "teruggave"),
    "true": ("yes", "ja"),
    "false": ("no", "nee"),
}
SEVERITY_WORDS = {
    "error": ("GAP", "ONTBREEKT"),
    "warning": ("TO CHECK", "NAKIJKEN"),
    "info": ("NOTE", "LET OP"),
}
LANGUAGE_NAMES = {"nl": ("Dutch", "Nederlands"), "en": ("English", "Engels")}


def _get(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def report_text(analysis: Analysis, lang: str = "en") -> str:
    """The analysis as plain text for a person; ``lang`` is "en" or "nl"."""
    lang = "nl" if lang == "nl" else "en"
    lab, idx = LABELS[lang], 1 if lang == "nl" else 0
    src = analysis.source
    language = LANGUAGE_NAMES.get(analysis.language, (analysis.language, analysis.language))[idx]
    lines = [
        f"{lab['title']}: {src.filename or '(bytes)'} "
        f"({src.format}, {_count(src.characters, lang)} {lab['chars']})",
        f"{lab['language']}: {language}",
        "",
        f"== {lab['terms']} ==",
    ]
    terms = analysis.terms.model_dump(mode="json")
    for path, names in FIELDS.items():
        value = _get(terms, path)
        shown = lab["not_stated"] if value in (None, []) else _shown(path, value, lang)
        ev = analysis.evidence.get(path)
        ref = f"  [{ev[0].ref}]" if ev and ev[0].ref else ""
        lines.append(f"  {names[idx]:<36} {shown}{ref}")
    lines += ["", f"== {lab['checklist']} =="]
    for key, item in analysis.art28.items():
        refs = ", ".join(sorted({e.ref for e in item.evidence if e.ref}))[:40]
        name = CHECKLIST_NAMES.get(key, (key, key))[idx]
        lines.append(
            f"  {lab[item.status]:<13} {name:<48} {_note(analysis, key, lang)}"
            + (f" [{refs}]" if refs else "")
        )
    lines += _requirements(analysis, lab, lang)
    lines += _placeholders(analysis, lab) + _findings(analysis, lab, lang) + _playbook(analysis, lab, lang)
    return "\n".join(lines) + "\n"


def _count(n: int, lang: str) -> str:
    """A count with the reader's thousands separator: 1,149 in English, 1.149 in Dutch."""
    return f"{n:,}".replace(",", ".") if lang == "nl" else f"{n:,}"


def _value(value: Any, idx: int) -> str:
    """A value read from the agreement in words: a schema value by its name, a list item by item."""
    if isinstance(value, list):
        return ", ".join(_value(v, idx) for v in value)
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return VALUE_WORDS[text][idx] if text in VALUE_WORDS else text


def _shown(path: str, value: Any, lang: str) -> str:
    """A value of the field at ``path`` in words; a law is read as its ISO code ("NL", "GB-ENG")
    and shown as the country or state it names."""
    if path in LAW_FIELDS and isinstance(value, str):
        return country_label(value, lang) or value
    return _value(value, 1 if lang == "nl" else 0)


LAW_FIELDS = frozenset({"law.governing_law", "governing_law"})

_DETAIL = re.compile(
    r"^(?P<what>.+?) (?P<how>is described|is mentioned but not clearly described|is not described"
    r"|is set|is not set)$"
)
# The checklist's own notes that no requirement says, in Dutch (as the review page says them).
NOTES_NL = {
    "a duration is mentioned but not clearly set": "een duur wordt genoemd maar niet duidelijk vastgelegd",
    "audits are excluded": "audits zijn uitgesloten",
    "audits by report in the first place; inspections where a report does not suffice": (
        "audits in eerste instantie via rapportages; inspecties waar een rapportage niet volstaat"
    ),
    "general authorisation without a way to object to changes": (
        "algemene toestemming zonder mogelijkheid om bezwaar te maken tegen wijzigingen"
    ),
    "authorisation is regulated, but the same obligations are not imposed on sub-processors": (
        "toestemming is geregeld, maar subverwerkers krijgen niet dezelfde verplichtingen opgelegd"
    ),
    "nothing on returning or deleting the data at the end": (
        "niets over teruggave of verwijdering van de gegevens aan het einde"
    ),
    "requests are forwarded, but assistance is not promised": (
        "verzoeken worden doorgestuurd, maar bijstand wordt niet toegezegd"
    ),
}
PLURAL_DETAILS = frozenset({"the types of personal data", "the categories of data subjects"})
_DETAIL_NL = {
    "is described": "beschreven",
    "is mentioned but not clearly described": "genoemd maar niet duidelijk beschreven",
    "is not described": "niet beschreven",
    "is set": "vastgelegd",
    "is not set": "niet vastgelegd",
}


def _not_needed(analysis: Analysis, requirement: str) -> bool:
    """Under specific consent to each sub-processor, Article 28(3)(d) needs no notice of changes."""
    return (
        requirement == "subprocessor_changes_objection"
        and analysis.terms.subprocessors.authorisation == "specific"
    )


def _note(analysis: Analysis, key: str, lang: str) -> str:
    """A checklist note in ``lang``: the analyzer writes it in English; in Dutch it is said again
    from the requirements' own Dutch notes, or, for the details of the processing, in words of its own."""
    item = analysis.art28[key]
    if lang == "en":
        m = _DETAIL.match(item.note)
        if m and m["what"] in PLURAL_DETAILS:  # "the types of personal data are described"
            return f"{m['what']} are {m['how'].removeprefix('is ')}"
        return item.note
    if item.status == "present":
        return ""
    reqs = analysis.requirements or {}
    gaps = [
        reqs[n].note["nl"]
        for n in CHECKLIST_REQUIREMENTS.get(key, ())
        if n in reqs and reqs[n].status != "present" and not _not_needed(analysis, n)
    ]
    if gaps:
        return "; ".join(gaps)
    if item.note in NOTES_NL:
        return NOTES_NL[item.note]
    if m := re.match(r"^audits limited to (.+)$", item.note):
        return "audits beperkt tot: " + _value(m[1].replace(" ", "_"), 1)
    if m := _DETAIL.match(item.note):
        what = DETAILS_NL.get(m["what"], m["what"])
        plural = m["what"] in PLURAL_DETAILS
        verb = (
            ("zijn" if plural else "is")
            if m["how"] != "is mentioned but not clearly described"
            else ("worden" if plural else "wordt")
        )
        return f"{what} {verb} {_DETAIL_NL[m['how']]}"
    if m := re.match(r"^only (\w+) at the end", item.note):
        return (
            f"alleen {VALUE_WORDS.get(m[1], (m[1], m[1]))[1]} aan het einde, terwijl artikel 28 lid 3 "
            "onder g de keuze aan de verwerkingsverantwoordelijke laat"
        )
    return "zie de eisen hieronder"


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


def _findings(analysis: Analysis, lab: dict[str, str], lang: str) -> list[str]:
    out, idx = ["", f"== {lab['findings']} =="], 1 if lang == "nl" else 0
    for f in analysis.findings:
        where = f" [{f.ref}]" if f.ref else ""
        word = SEVERITY_WORDS.get(f.severity, (f.severity.upper(),) * 2)[idx]
        out.append(f"  {word:<10}{where} {_finding_text(analysis, f, lab, lang)}")
        if f.quote:
            out.append(f"           “{f.quote[:160]}”")
    return out if len(out) > 2 else [*out, f"  {lab['none']}"]


def _finding_text(analysis: Analysis, f: Finding, lab: dict[str, str], lang: str) -> str:
    """A finding in ``lang``: a checklist one names its row in words (never the key); the
    others the analyzer writes in English are said again in Dutch where their shape is known."""
    if f.field in analysis.art28 and f.field in CHECKLIST_NAMES:
        item = analysis.art28[f.field]
        name = CHECKLIST_NAMES[f.field][1 if lang == "nl" else 0]
        return f"{name}: {lab[item.status].lower()} — {_note(analysis, f.field, lang)}"
    if f.field in CONTRADICTED and (m := _CONTRADICTION.match(f.text)):
        return _contradiction(f.field, m, lang)
    checks = {c.key: c for c in analysis.playbook or []}
    if f.field in checks and f.field in PLAYBOOK_NAMES and f.text.startswith("Playbook deviation"):
        said = _playbook_text(checks[f.field], lab, lang)
        return f"Afwijking van het playbook — {said}." if lang == "nl" else f"Playbook deviation — {said}."
    if lang != "nl":
        return f.text
    if m := re.match(r"^Weak wording (“.+”) softens an obligation", f.text):
        return f"De zwakke formulering {m[1]} verzwakt een verplichting; vraag om een harde toezegging."
    if f.text.startswith("No deadline for notifying a personal data breach"):
        return "Geen termijn voor het melden van een datalek."
    if m := re.match(r"^Breach notice within (\d+) h leaves", f.text):
        return (
            f"Een melding binnen {m[1]} uur laat de verwerkingsverantwoordelijke geen tijd voor de eigen "
            "melding binnen 72 uur aan de toezichthouder."
        )
    if m := re.match(r"^(\d+) unfilled template field\(s\), e\.g\. (.+)\.$", f.text):
        return f"{m[1]} niet ingevulde sjabloonvelden, bijvoorbeeld {m[2]}."
    return f.text


# The fields a contradiction can be found in (analyzer.extract.SINGLE), named in the plural.
CONTRADICTED: dict[str, tuple[str, str]] = {
    "breach.notice_hours": ("breach notice periods", "meldtermijnen voor datalekken"),
    "subprocessors.authorisation": (
        "ways of authorising sub-processors",
        "vormen van toestemming voor subverwerkers",
    ),
    "subprocessors.objection_days": (
        "objection periods for sub-processor changes",
        "bezwaartermijnen bij wijzigingen van subverwerkers",
    ),
    "subprocessors.notice_days": (
        "notice periods for sub-processor changes",
        "aankondigingstermijnen bij wijzigingen van subverwerkers",
    ),
    "law.governing_law": ("governing laws", "toepasselijke rechtsstelsels"),
    "audit.cost": ("audit cost rules", "regelingen voor de kosten van audits"),
}
_CONTRADICTION = re.compile(
    r"^Contradiction: the document states (?P<n>\d+) different .+?: (?P<parts>.+)\. "
    r"Read as (?P<best>.+); check which applies\.$"
)
_PART = re.compile(r"(?P<value>[^;]+?) \((?P<refs>[^)]*)\)(?:; |$)")


def _contradiction(field: str, m: re.Match[str], lang: str) -> str:
    """A contradiction in ``lang``, each value read in words and with the clauses that state it."""
    idx = 1 if lang == "nl" else 0
    parts = "; ".join(f"{_shown(field, p['value'], lang)} ({p['refs']})" for p in _PART.finditer(m["parts"]))
    best = _shown(field, m["best"], lang)
    if lang == "nl":
        return (
            f"Tegenstrijdigheid: het document noemt {m['n']} verschillende {CONTRADICTED[field][idx]}: "
            f"{parts}. Gelezen als {best}; ga na welke geldt."
        )
    return (
        f"Contradiction: the document states {m['n']} different {CONTRADICTED[field][idx]}: {parts}. "
        f"Read as {best}; check which applies."
    )


# Each playbook position by name (analyzer.playbook.evaluate says them in English only).
PLAYBOOK_NAMES: dict[str, tuple[str, str]] = {
    "breach_max_hours": ("Breach notice", "Melding datalek"),
    "require_undue_delay": ("Without undue delay", "Zonder onredelijke vertraging"),
    "audits_allowed": ("Audits allowed", "Audits toegestaan"),
    "audit_scope_full": ("Audit scope", "Reikwijdte audit"),
    "data_in_eea": ("Data location", "Locatie van de gegevens"),
    "subprocessor_authorisation": ("Sub-processor authorisation", "Toestemming subverwerkers"),
    "subprocessor_objection_min_days": ("Objection period (days)", "Bezwaartermijn (dagen)"),
    "subprocessor_notice_min_days": (
        "Notice of new sub-processors (days)",
        "Aankondiging nieuwe subverwerkers (dagen)",
    ),
    "end_deadline_max_days": ("Return/deletion deadline", "Termijn voor teruggave of verwijdering"),
    "governing_law": ("Governing law", "Toepasselijk recht"),
}
_BOUND = re.compile(r"(?P<sign>[≤≥]) (?P<n>\d+)(?P<unit> h| days)?")
UNITS = {" h": ("hours", "uur"), " days": ("days", "dagen")}
UNIT_OF = {"breach_max_hours": " h", "end_deadline_max_days": " days"}  # the others name it
PLAYBOOK_WORDS = {
    "data stays in the EEA": ("data stays in the EEA", "gegevens blijven in de EER"),
    "transfers allowed": ("transfers allowed", "doorgifte toegestaan"),
}
_OUTSIDE = "; sub-processors outside the EEA: "


def _bound(key: str, raw: Any, lab: dict[str, str], lang: str) -> str:
    """A playbook position or what the agreement says ("≤ 48 h", "general or specific", "NL") in words."""
    idx = 1 if lang == "nl" else 0
    if raw in (None, [], ""):
        return lab["not_stated"]
    if isinstance(raw, int) and not isinstance(raw, bool) and key in UNIT_OF:
        return f"{raw} {UNITS[UNIT_OF[key]][idx]}"
    if not isinstance(raw, str):
        return _value(raw, idx)
    if m := _BOUND.fullmatch(raw):
        unit = UNITS[m["unit"]][idx] if m["unit"] else ""
        return f"{m['sign']} {m['n']} {unit}".rstrip()
    if raw in PLAYBOOK_WORDS:
        return PLAYBOOK_WORDS[raw][idx]
    if _OUTSIDE in raw:  # the data location: the policy, then the named sub-processors outside the EEA
        policy, _sep, names = raw.partition(_OUTSIDE)
        outside = "subverwerkers buiten de EER" if lang == "nl" else "sub-processors outside the EEA"
        return f"{_bound(key, policy, lab, lang)}; {outside}: {names}"
    word = " of " if lang == "nl" else " or "
    return word.join(_shown(key, part, lang) for part in raw.split(" or "))


def _playbook_text(check: PlaybookCheck, lab: dict[str, str], lang: str) -> str:
    """One comparison in ``lang``: what the playbook wants, what the agreement says."""
    if check.key not in PLAYBOOK_NAMES:
        return check.text
    what = PLAYBOOK_NAMES[check.key][1 if lang == "nl" else 0]
    expected = _bound(check.key, check.expected, lab, lang)
    actual = _bound(check.key, check.actual, lab, lang)
    if lang == "nl":
        return f"{what}: playbook {expected}, overeenkomst {actual}"
    return f"{what}: playbook {expected}, agreement {actual}"


def _playbook(analysis: Analysis, lab: dict[str, str], lang: str) -> list[str]:
    if analysis.playbook is None:
        return []
    out = ["", f"== {lab['playbook']} =="]
    out += [
        f"  {lab['ok'] if c.ok else lab['deviation']:<10} {_playbook_text(c, lab, lang)}"
        for c in analysis.playbook
    ]
    return out
