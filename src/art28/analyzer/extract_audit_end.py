"""Audits (allowed, scope, cost, notice) and the end of the agreement (return or delete)."""

# Long regular expressions read better unbroken.
# ruff: noqa: E501

from __future__ import annotations

import re

from art28.analyzer.collect import Collector
from art28.analyzer.context import Context, rx

AUDIT = rx(r"audit|inspect|inspectie|controles? (uit|te|laten|op)|controleren|onderzoek ter plaatse")
AUDIT_VERB = rx(
    r"\b(may|can|is entitled|has the right|right to|rights|mag|mogen|kan|is gerechtigd|heeft het recht|"
    r"recht om|laten uitvoeren|conduct|perform|request|allow for|contribute to|submit to|permit|"
    r"make available|medewerking|werkt .{0,20}mee|verleent|faciliteert|toestaan)\b"
)
NO_AUDIT = rx(
    r"(no|geen) (on-?site )?(audits?|inspecties?)|shall not be entitled to (audit|inspect)|niet gerechtigd .{0,20}(audit|controle)"
)
REPORTS = rx(
    r"(satisf|fulfil|voldoe|volsta|in lieu|instead|plaats van|in place of|sufficient|suffice|deem).{0,100}"
    r"(report|certif|rapport|soc ?[12]|iso ?27001|tpm|403|verklaring|summar|attest)|"
    r"(report|certif|rapport|soc ?[12]|iso ?27001|tpm|verklaring|summar|attest).{0,100}"
    r"(satisf|fulfil|voldoe|volsta|in lieu|instead|plaats van|in place of|sufficient|suffice)"
)
ONSITE = rx(r"on-?site|on site|inspection|inspectie|ter plaatse|premises|locatie|facilities|toegang tot")
SECURITY_SCOPE = rx(
    r"(audit|inspect|controle).{0,120}(security measures|beveiligingsmaatregelen|technical and organi[sz]ational|"
    r"technische en organisatorische|beveiliging)"
)
FULL_SCOPE = rx(
    r"compliance with (this|these|the|its) (dpa|agreement|addendum|terms|obligations|clauses|article 28)|"
    r"naleving van (deze|de|dit|het|zijn|haar) (verwerkersovereenkomst|overeenkomst|afspraken|verplichtingen|avg)|"
    r"obligations (laid down|set out|under) (in )?(this|article 28)|verplichtingen (uit|van) (deze|artikel 28)|"
    r"including inspections|inclusief inspecties|waaronder inspecties|nakoming van (deze|de)"
)
COST = rx(r"cost|expense|kosten|rekening|fees|vergoed|pay|betaal|bear")
NONCOMPLIANT = rx(
    r"(unless|tenzij|except|behalve|however|echter|if|indien|where|wanneer).{0,150}(non-?complian|breach|tekortkom|"
    r"niet (heeft )?(na)?(gekomen|nakomt|voldoet|voldaan)|in strijd|material|schending|afwijking|misconduct|tekort)"
)
SHARED = rx(
    r"each party (shall )?bears? its own|ieder(e)? partij draagt|shared equally|gelijk(e|elijk) (delen|verdeeld)|split"
)
DAYS = rx(r"(?<![\d.,])(\d{1,3})\s*(business |working |calendar |werk|kalender)?(days?|dagen)(?![a-z])")
ADVANCE = rx(r"notice|kennisgeving|in advance|vooraf|prior|aankondig|voorafgaand|aanmeld|melden")


def extract_audit(ctx: Context, col: Collector) -> None:
    """Fill ``audit.*`` candidates."""
    controller = ctx.controller_re()
    processor = ctx.processor_re()
    for sentence, text in ctx.matching(AUDIT, heading=True):
        in_audit = bool(AUDIT.search(text))
        if in_audit and NO_AUDIT.search(text):
            col.add("audit.allowed", False, sentence)
        elif in_audit and AUDIT_VERB.search(text):
            col.add("audit.allowed", True, sentence)
        if in_audit and REPORTS.search(text):
            col.add("audit.scope_reports", "reports_only", sentence)
        if in_audit and ONSITE.search(text) and not NEGATION_ONSITE.search(text):
            col.add("audit.scope_onsite", "full", sentence)
        if in_audit and FULL_SCOPE.search(text):
            col.add("audit.scope_full", "full", sentence)
        elif in_audit and SECURITY_SCOPE.search(text):
            col.add("audit.scope_security", "security", sentence)
        if COST.search(text):
            cost = _cost(text, controller, processor)
            if cost:
                col.add("audit.cost", cost, sentence)
        for m in DAYS.finditer(text):
            if ADVANCE.search(text[max(0, m.start() - 80) : m.end() + 40]):
                col.add("audit.notice_days", int(m.group(1)), sentence)


NEGATION_ONSITE = rx(r"(no|not|geen|niet) .{0,20}(on-?site|inspect|ter plaatse)")


def _cost(text: str, controller: re.Pattern[str], processor: re.Pattern[str]) -> str | None:
    if SHARED.search(text):
        return "shared"
    payer = _payer(text, controller, processor)
    if payer == "controller" and NONCOMPLIANT.search(text):
        return "controller_unless_noncompliant"
    return payer


def _payer(text: str, controller: re.Pattern[str], processor: re.Pattern[str]) -> str | None:
    """Who pays: the party named next to the cost words (for account of / at the cost of X)."""
    for m in COST.finditer(text):
        window = text[max(0, m.start() - 60) : m.end() + 60]
        c = controller.search(window)
        p = processor.search(window)
        if c and not p:
            return "controller"
        if p and not c:
            return "processor"
        if c and p:
            return "controller" if abs(c.start() - 60) < abs(p.start() - 60) else "processor"
    return None


END = rx(
    r"terminat|expir|end of|upon (the )?(end|cessation|completion)|beëindig|beeindig|einde|afloop|"
    r"na (het )?(einde|beëindiging)|cessation|conclusion of|ophouden"
)
RETURN = rx(
    r"\breturn|retourn|teruggeven|terug te geven|terug(ge)?(be)?zorg|teruggave|terug te sturen|retour|hand over|export"
)
DELETE = rx(r"delet|destro|erase|verwijder|vernietig|wissen|wist\b|anonymi|purge|dispose")
EITHER = rx(
    r"(return|retourn|teruggeven|terug|retour).{0,80}\b(or|of|en/of|and/or)\b.{0,80}(delet|destro|verwijder|vernietig|wis)|"
    r"(delet|destro|verwijder|vernietig|wis).{0,80}\b(or|of|en/of|and/or)\b.{0,80}(return|retourn|terug|retour)|"
    r"(choice|option|election|discretion|keuze|naar keuze|verzoek|request|instruct).{0,120}(return|retourn|terug).{0,80}(delet|destro|verwijder|vernietig)"
)
CERTIFICATE = rx(
    r"certif|written confirmation|confirm .{0,30}in writing|schriftelijk(e)? bevestig|bevestigt|verklaring"
)
LEGAL = rx(
    r"required (to retain|by (applicable )?(law|eu|union|member))|unless .{0,60}(law|legal)|tenzij .{0,80}(wet|wettelijk|verplicht)|wettelijke (bewaar|verplichting)|legal (retention|obligation)|retention .{0,20}(obligation|requirement)|bewaarplicht|bewaartermijn"
)


def extract_end(ctx: Context, col: Collector) -> None:
    """Fill ``end.*`` candidates from sentences about the end of processing."""
    for sentence, text in ctx.matching(END, heading=True):
        has_return, has_delete = bool(RETURN.search(text)), bool(DELETE.search(text))
        if not (has_return or has_delete) or not (END.search(text) or _end_heading(ctx, sentence.index)):
            continue
        if EITHER.search(text) or (has_return and has_delete):
            col.add("end.choice", "return_or_delete", sentence)
        elif has_delete:
            col.add("end.choice", "delete", sentence)
        else:
            col.add("end.choice", "return", sentence)
        for m in DAYS.finditer(text):
            col.add("end.deadline_days", int(m.group(1)), sentence)
        if has_delete and CERTIFICATE.search(text):
            col.add("end.certificate", True, sentence)
        if LEGAL.search(text):
            col.add("end.legal_retention", True, sentence)


def _end_heading(ctx: Context, index: int) -> bool:
    return bool(
        END.search(ctx.heads[index]) or RETURN.search(ctx.heads[index]) or DELETE.search(ctx.heads[index])
    )
