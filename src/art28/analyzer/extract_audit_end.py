"""Audits (allowed, scope, cost, notice) and the end of the agreement (return or delete)."""

# Long regular expressions read better unbroken.
# ruff: noqa: E501

from __future__ import annotations

import re

from art28.analyzer.collect import Collector
from art28.analyzer.context import Context, rx
from art28.analyzer.text import Sentence

AUDIT = rx(
    r"audit|inspections?\b(?! request)|inspectie|inspecteren|controles? (uit|te|laten|op)|controleren|onderzoek ter plaatse"
)
AUDIT_VERB = rx(
    r"\b(may|can|is entitled|has the right|right to|rights|mag|mogen|kan|is gerechtigd|heeft het recht|"
    r"recht om|laten uitvoeren|conduct|perform|request|allow|allow for|contribute to|submit to|permit|"
    r"make available|medewerking|werkt .{0,20}mee|verleent|faciliteert|toestaan|uitvoeren|uit te voeren|in staat)\b|"
    r"\bsta(at|an) .{0,60}\btoe\b"
)
CONDUCT = rx(
    r"\b(conduct|perform|carry out|carried out|uitvoeren|uit te (laten )?voeren|uit (te )?laten voeren|laten inspecteren|"
    r"inspections?|inspecties?|on-?site|ter plaatse)\b|(allow|permit)s? (for )?and contribute|contribute to audits|"
    r"submit .{0,30}(to|for) (an )?audit|medewerking .{0,40}(audit|inspectie|controle)|werkt .{0,30}mee aan .{0,20}audit"
)
NO_AUDIT = rx(
    r"(no|geen) (on-?site )?(audits?|inspecties?)|shall not be entitled to (audit|inspect)|niet gerechtigd .{0,20}(audit|controle)"
)
REPORTS = rx(
    r"(satisf|fulfil|voldoe|volsta|in lieu|instead|plaats van|in place of|sufficient|suffice|deem).{0,100}"
    r"(report|certif|rapport|soc ?[12]|iso ?27001|tpm|403|verklaring|summar|attest)|"
    r"(report|certif|rapport|soc ?[12]|iso ?27001|tpm|verklaring|summar|attest).{0,100}"
    r"(satisf|fulfil|voldoe|volsta|in lieu|instead|plaats van|in place of|sufficient|suffice)|"
    r"(provide|make available|verstrek|beschikbaar).{0,80}(audit )?(reports?|rapport|summar|certif)|"
    # No visit: the audit is answered in writing.
    r"(does|will|shall) not (host|allow|permit|accept|facilitate) on-?site|"
    r"audit.{0,80}(conducted|carried out|performed|uitgevoerd) (by|through|door|via) (a )?(written|schriftelijke?) (information )?(request|questions?|vragenlijst|verzoek)"
)
SECURITY_SCOPE = rx(
    r"(audit|inspect|controle).{0,120}(security measures|beveiligingsmaatregelen|technical and organi[sz]ational|"
    r"technische en organisatorische)|(security measures|beveiligingsmaatregelen).{0,80}(audit|inspect|controle)"
)
FULL_SCOPE = rx(
    r"compliance with (this|these|the|its) (dpa|agreement|addendum|terms|obligations|clauses|article 28)|"
    r"naleving van (deze|de|dit|het|zijn|haar) (verwerkersovereenkomst|overeenkomst|afspraken|verplichtingen|avg)|"
    r"obligations (laid down|set out|under) (in )?(this|article 28)|verplichtingen (uit|van) (deze|artikel 28)|"
    r"including inspections|inclusief inspecties|waaronder inspecties|nakoming van (deze|de)|voldoet aan de verplichtingen"
)
COST = rx(r"cost|expense|kosten|rekening|fees|vergoed|pay|betaal|bear")
NONCOMPLIANT = rx(
    r"(unless|tenzij|except|behalve|however|echter|if|indien|where|wanneer).{0,250}(non-?complian|fail(s|ed)? to comply|breach|tekortkom|"
    r"niet\b.{0,80}\b(voldoet|nakomt|nageleefd|nagekomen|voldaan)|in strijd|material|schending|afwijking|misconduct|tekort)"
)
SHARED = rx(
    r"each party (shall )?bears? its own|ieder(e)? partij draagt|shared equally|gelijk(e|elijk) (delen|verdeeld)|split"
)
DAYS = rx(r"(?<![\d.,])(\d{1,3})\s*(business |working |calendar |werk|kalender)?(days?|dagen)(?![a-z])")
ADVANCE = rx(
    r"notice|kennisgeving|in advance|vooraf|prior|aankondig|aangekondigd|voorafgaand|aanmeld|melden|"
    r"van tevoren|tevoren|(kondig|meld)\w* .{0,80}\baan\b"
)
NEGATION_ONSITE = rx(r"(no|not|geen|niet) .{0,20}(on-?site|inspect|ter plaatse)")
LIMITED = rx(
    r"\b(limited|restricted|confined|beperkt|beperken|only|solely|exclusively|uitsluitend|alleen|enkel)\b"
)
# The report is the way an audit request is met in the first place.
REPORTS_FIRST = rx(
    r"(in the first (place|instance)|first|primarily|in eerste instantie|in de eerste plaats|allereerst|eerst)\b.{0,80}"
    r"(reports?|rapport|certif|soc ?[12]|iso ?27001|verklaring|attest)|"
    r"\b(meets?|satisf\w*|fulfil\w*|voldoe\w*|voldaan)\b.{0,40}(audit|inspecti|controle)\w*.{0,80}"
    r"\b(by|through|door|met)\b.{0,60}(reports?|rapport|certif|soc ?[12]|iso ?27001|verklaring|attest)"
)
# An inspection that takes place only when a report does not suffice.
INSPECTION_FALLBACK = rx(
    r"(inspect|on-?site|ter plaatse|audit|controle)\w*.{0,80}\b(only (if|where|when)|alleen (als|indien|wanneer)|"
    r"uitsluitend (als|indien|wanneer)|if|where|indien|als|wanneer)\b.{0,80}(reports?|rapport|certif|verklaring)"
    r".{0,80}\b(not|no|niet|geen|insufficient|onvoldoende|inadequate)\b|"
    r"\b(if|where|indien|als|wanneer)\b.{0,60}(reports?|rapport|certif|verklaring).{0,80}"
    r"\b(not|niet|insufficient|onvoldoende|inadequate)\b.{0,120}(inspect|on-?site|ter plaatse|audit)"
)


def extract_audit(ctx: Context, col: Collector) -> None:
    """Fill ``audit.*`` candidates."""
    # "at your expense", "at our cost": the possessive names the payer too.
    payers = (
        ("controller", _with_possessive(ctx.controller_re().pattern, "your")),
        ("processor", _with_possessive(ctx.processor_re().pattern, "our")),
    )
    for sentence, text in ctx.matching(AUDIT, heading=True):
        in_audit = bool(AUDIT.search(text) or AUDIT.search(ctx.leads[sentence.index]))
        if in_audit:
            _audit_scope(text, sentence, col)
        if COST.search(text) and (cost := _cost(text, payers)):
            col.add("audit.cost", cost, sentence)
        for m in DAYS.finditer(text):
            if ADVANCE.search(text[max(0, m.start() - 80) : m.end() + 40]):
                col.add("audit.notice_days", int(m.group(1)), sentence)


def _with_possessive(pattern: str, word: str) -> str:
    """A role pattern that also matches the possessive pronoun of that party."""
    return rf"(?:{pattern}|(?<![\w-]){word}(?![\w-]))"


def _audit_scope(text: str, sentence: Sentence, col: Collector) -> None:
    if NO_AUDIT.search(text):
        col.add("audit.allowed", False, sentence)
        return
    conduct = bool(CONDUCT.search(text)) and not NEGATION_ONSITE.search(text)
    if conduct or AUDIT_VERB.search(text):
        col.add("audit.allowed", True, sentence)
    if REPORTS.search(text):
        col.add("audit.scope_reports", "reports_only", sentence)
    if REPORTS_FIRST.search(text):
        col.add("audit.scope_reports_first", "reports_only", sentence)
    if INSPECTION_FALLBACK.search(text):
        # "An inspection takes place only if the report does not answer the questions":
        # the inspection is the fallback of an audit by report (resolved in extract.py).
        col.add("audit.inspection_fallback", True, sentence)
    if conduct:
        col.add("audit.scope_onsite", "full", sentence)
    if SECURITY_SCOPE.search(text) and LIMITED.search(text):
        # "An audit is limited to the technical and organisational measures": a limit
        # that narrows the general audit clause before it.
        col.add("audit.scope_security_limit", "security", sentence)
    if SECURITY_SCOPE.search(text) and not FULL_SCOPE.search(text):
        col.add("audit.scope_security", "security", sentence)
    elif conduct and FULL_SCOPE.search(text):
        col.add("audit.scope_full", "full", sentence)


def _cost(text: str, payers: tuple[tuple[str, str], ...]) -> str | None:
    if SHARED.search(text):
        return "shared"
    payer = _explicit_payer(text, payers)
    if payer is None:
        payer = _payer(text, *(re.compile(p) for _, p in payers))
    if payer == "controller" and NONCOMPLIANT.search(text):
        return "controller_unless_noncompliant"
    return payer


def _explicit_payer(text: str, payers: tuple[tuple[str, str], ...]) -> str | None:
    """The party in "for the account of X", "borne by X", "X bears the costs".

    When both parties are named (a rule and its exception: "borne by the Controller,
    unless ...; in that case the Processor bears the costs") the first one states the rule.
    """
    hits: list[tuple[int, str]] = []
    for role, words in payers:
        who = rf"(?:de |the )?(?:{words})"
        pattern = (
            rf"(?:at|for) {who}'?s? (?:own |sole )?(?:cost|expense)|voor rekening van {who}|"
            rf"{who} (?:shall |will )?(?:bear|bears|pay|pays|is responsible for|draagt|betaalt|vergoedt)\b.{{0,40}}(?:cost|kosten|expense|fee)|"
            rf"(?:gedragen|betaald|vergoed) door {who}|(?:borne|paid|payable|reimbursed) by {who}"
        )
        if m := re.search(pattern, text):
            hits.append((m.start(), role))
    return min(hits)[1] if hits else None


_SPENDER = re.compile(r"\b(incurred|gemaakt|made|spent) (by|door) (the |de )?\w+")


def _payer(text: str, controller: re.Pattern[str], processor: re.Pattern[str]) -> str | None:
    """Who pays: the party named next to the cost words (for account of / at the cost of X).

    The party that incurs a cost ("the costs incurred by us") is not said to bear it.
    """
    text = _SPENDER.sub(" ", text)
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
    # "doeleinden" (purposes) holds "einde" but says nothing of an end.
    r"terminat|expir|end of|upon (the )?(end|cessation|completion)|beëindig|beeindig|(?<!doel)einde|afloop|"
    r"na (het )?(einde|beëindiging)|cessation|cease|conclusion of|ophouden|afgelopen|no longer (provid|us)"
)
RETURN = rx(
    r"\breturn|retourn|teruggeven|terug te geven|terug(ge)?(be)?zorg|teruggave|terug te sturen|retour|hand over|export"
)
DELETE = rx(r"delet|destro|destruct|erase|verwijder|vernietig|wissen|wist\b|anonymi|purge|dispose")
EITHER = rx(
    r"(return|retourn|teruggeven|terug|retour).{0,80}\b(or|of|en/of|and/or)\b.{0,80}(delet|destro|verwijder|vernietig|wis)|"
    r"(delet|destro|verwijder|vernietig|wis).{0,80}\b(or|of|en/of|and/or)\b.{0,80}(return|retourn|terug|retour)|"
    r"(choice|option|election|discretion|keuze|naar keuze|verzoek|request|instruct).{0,120}(return|retourn|terug).{0,80}(delet|destro|verwijder|vernietig)"
)
CERTIFICATE = rx(
    r"certif|written confirmation|confirm .{0,30}in writing|schriftelijk(e)? bevestig|bevestigt|verklaring"
)
LEGAL = rx(
    r"(required|verplicht|prescribed|requires|vereist|obliged|authori[sz]ed).{0,60}\b(law|laws|wet|regelgeving|legislation)\b|"
    r"\b(law|wet|regelgeving)\b.{0,60}(requires|verplicht|prescribe|vereist|prevents)|"
    r"(unierechtelijk|lidstatelijk|nationaal|wettelijk) recht\b.{0,60}verplicht|"
    r"required (to retain|by (applicable )?(law|eu|union|member))|unless .{0,60}(law|legal)|tenzij .{0,80}(wet|wettelijk|verplicht)|wettelijke (bewaar|verplichting)|legal (retention|obligation)|retention .{0,20}(obligation|requirement)|bewaarplicht|bewaartermijn"
)


END_COST_FREE = rx(
    r"(at|for) no (additional |extra |further )?(cost|charge)|free of charge|without (additional |extra )?charge|"
    r"zonder (extra |aanvullende |bijkomende )?kosten|kosteloos"
)
END_COST_PAID = rx(
    r"(controller|customer|client|verwerkingsverantwoordelijke|klant|opdrachtgever) (shall |will )?"
    r"(pays?|bears?|reimburses?|betaalt|draagt|vergoedt)\b.{0,40}(costs?|kosten|expenses?|fees?)"
)
KEEP = rx(r"bewar|retain|retention|storage|keep|opslag|bewaring|delet|destro|return|verwijder|vernietig")


COPIES = rx(
    r"\b(delet|destro|erase|verwijder|vernietig|wis)\w*((\s+(of|all|any|the|de|het|alle|existing|remaining|bestaande|overige|"
    r"eventuele|potential|mogelijke|then|thereafter|vervolgens|daarna|hij|zij|ook|also|such|dergelijke))*)\s+(copies|kopie[eë]n)\b|"
    r"\b(alle |eventuele )?(bestaande |overige )?kopie[eë]n( daarvan)? (te )?(verwijder|vernietig|wis)\w*"
)
THEN_DELETE = rx(
    r"(\breturn|retourn|teruggeven|terug te geven|teruggave|terug te sturen|hand over).{0,120}"
    r"\b(and (then|thereafter|afterwards|subsequently)|en (daarna|vervolgens|nadien)|thereafter|daarna|vervolgens)\b.{0,60}"
    r"(delet|destro|erase|verwijder|vernietig|wis)"
)
CHOICE_WORDS = rx(r"\b(choice|option|election|elect|elects|discretion|keuze|kiest)\b")
END_MENTION = rx(
    r"\b(costs?|charges?|fees?|expenses?|kosten|kosteloos|free of charge)\b|"
    r"remains? in force|survives?|blij(ft|ven) .{0,40}(gelden|van kracht|bestaan)|voort te duren|door te lopen"
)


def extract_end(ctx: Context, col: Collector) -> None:
    """Fill ``end.*`` candidates from sentences about the end of processing.

    The choice comes from the clauses that say what happens to the data. Sentences
    that only refer back to it (who pays for "returning or destroying", the certificate
    that the data "have been returned or destroyed", obligations that survive) count
    only when nothing else states the choice: they name both actions whatever the choice.
    """
    for sentence, text in zip(ctx.sentences, ctx.norm, strict=True):
        in_end = bool(END.search(text) or _end_heading(ctx, sentence.index))
        if in_end and LEGAL.search(text) and KEEP.search(text):
            col.add("end.legal_retention", True, sentence)
        has_return, has_delete = bool(RETURN.search(text)), bool(DELETE.search(text))
        if in_end and END_COST_PAID.search(text) and (has_return or has_delete):
            col.add("end.cost", "controller", sentence)
        elif in_end and END_COST_FREE.search(text) and (has_return or has_delete):
            col.add("end.cost", "processor", sentence)
        if not (has_return or has_delete) or not in_end or text == ctx.heads[sentence.index].strip():
            continue
        mention = bool(END_MENTION.search(text) or CERTIFICATE.search(text)) and not CHOICE_WORDS.search(text)
        choice = "return_or_delete" if _alternative_items(ctx, sentence.index) else _end_choice(text)
        col.add("end.choice_mention" if mention else "end.choice", choice, sentence)
        for m in DAYS.finditer(text):
            col.add("end.deadline_days", int(m.group(1)), sentence)
        if has_delete and CERTIFICATE.search(text):
            col.add("end.certificate", True, sentence)


_OR_END = re.compile(r"\b(or|of|en/of|and/or)\W*$")


def _alternative_items(ctx: Context, index: int) -> bool:
    """Two list items joined by "or": "- return all data, or" / "- delete all data"."""
    pairs = ((index, index + 1), (index - 1, index))
    for first, second in pairs:
        if first < 0 or second >= len(ctx.norm) or not ctx.leads[second]:
            continue
        a, b = ctx.norm[first], ctx.norm[second]
        if not _OR_END.search(a):
            continue
        if (RETURN.search(a) and DELETE.search(b)) or (DELETE.search(a) and RETURN.search(b)):
            return True
    return False


def _end_choice(text: str) -> str:
    """return, delete or return_or_delete; deleting the copies after a return is part of the return."""
    data = COPIES.sub(" ", text)
    has_return, has_delete = bool(RETURN.search(data)), bool(DELETE.search(data))
    if has_return and not has_delete and DELETE.search(text):
        return "return"
    if EITHER.search(data):
        return "return_or_delete"
    if has_return and has_delete and THEN_DELETE.search(data):
        return "return"
    if has_return and has_delete:
        return "return_or_delete"
    return "delete" if has_delete else "return"


def _end_heading(ctx: Context, index: int) -> bool:
    return bool(
        END.search(ctx.heads[index]) or RETURN.search(ctx.heads[index]) or DELETE.search(ctx.heads[index])
    )
