"""Governing law and courts; the term of the agreement; amendments."""

# Long regular expressions read better unbroken.
# ruff: noqa: E501

from __future__ import annotations

import re
from datetime import date

from art28.analyzer.collect import Collector
from art28.analyzer.context import Context, rx
from art28.analyzer.patterns import find_jurisdiction

LAW = rx(
    r"governed (exclusively |solely )?by|governing law|applicable law is|subject to the laws?|construed in accordance with|"
    r"shall be the law of|toepasselijk recht|beheerst door|van toepassing|rechtskeuze|"
    r"(law|laws|recht) .{0,30}(shall )?(apply|applies|geldt|gelden)"
)
LAW_OBJECT = re.compile(
    r"(?:laws? of|law in|recht van|governed by|beheerst door(?: het)?|toepasselijk recht is(?: het)?)\s+"
    r"(?:the\s+)?(?:state of\s+|commonwealth of\s+)?([a-zë\s\-]{2,40})|"
    r"\b([a-zë]+)\s+(?:law|laws|recht)\b"
)
NOT_A_LAW = rx(
    r"member state in which|of the country of destination|of the requesting|union or member state|eu or member state law|country in which|relevant jurisdiction|applicable data protection"
)
COURTS = re.compile(
    r"((?:competent |bevoegde |exclusive |exclusively )?(?:courts?|rechter|rechtbank|tribunals?)\b"
    r"(?:\s+(?:of|in|te|van|located in|sitting in|at))?\s+(?:the\s+)?(?:state of\s+)?[A-Za-zë\-]+(?:\s+[A-Z][a-zë\-]+)?)"
)
# "... submitted to the competent court: District Court of Amsterdam." names it after a colon.
COURT_AFTER_COLON = re.compile(
    r"\b(?:courts?|rechter|rechtbank|tribunals?|forum)\s*:\s*([A-Z][^;:]{2,80}?)\s*[.;]?$", re.IGNORECASE
)
COURT_CONTEXT = rx(r"court|rechter|rechtbank|jurisdiction|forum|geschil|dispute")
TERM_INDEFINITE = rx(
    r"onbepaalde tijd|indefinite (period|term|duration)|indefinitely|unlimited (period|duration)|until terminated"
)
TIED = rx(
    r"(duration|term|looptijd|duur) (of|van) (the|de|het) (main |underlying |principal |master |services? |hoofd|onderliggende |)"
    r"(agreement|overeenkomst|dienstverlening|contract|subscription|terms)|"
    r"(as long as|for so long as|zolang|so long as) .{0,80}(process|verwerk|provid|agreement|overeenkomst|dienst|service)|"
    r"terminates? automatically|eindigt (automatisch|van rechtswege)|coterminous|co-terminous|"
    r"(expire|end|terminate)s? (together |simultaneously )?(with|upon|when|on) (the )?(termination|expiry|end) of (the )?(main |underlying |principal )?(agreement|contract)|"
    r"gelijk aan de duur|zolang de|"
    r"termination of the (main |underlying |principal )?agreement .{0,60}(terminat|end)|"
    r"beëindiging van de (hoofd|onderliggende )?overeenkomst .{0,60}(eindig|beëindig)|"
    r"until (the )?(termination|expiry|end) of .{0,30}(main|underlying|principal|master) (agreement|contract)|"
    r"tot (de )?(beëindiging|het einde|afloop) van .{0,30}(hoofdovereenkomst|onderliggende overeenkomst)"
)
THIS = rx(
    r"this (dpa|agreement|addendum|data processing)|deze (verwerkers|bewerkers)?overeenkomst|term of|duur van|looptijd|duration"
)
START = rx(
    r"vangt aan|ingangsdatum|in werking|treedt .{0,20}werking|effective (as of|from|on|date)|commence|start(s|ing)? on|ingaat|gaat in op"
)
MONTHS = {
    "januari": 1,
    "january": 1,
    "februari": 2,
    "february": 2,
    "maart": 3,
    "march": 3,
    "april": 4,
    "mei": 5,
    "may": 5,
    "juni": 6,
    "june": 6,
    "juli": 7,
    "july": 7,
    "augustus": 8,
    "august": 8,
    "september": 9,
    "oktober": 10,
    "october": 10,
    "november": 11,
    "december": 12,
}
DATE_RE = re.compile(
    r"\b(\d{1,2})\s+("
    + "|".join(MONTHS)
    + r")\s+(\d{4})\b|\b("
    + "|".join(MONTHS)
    + r")\s+(\d{1,2}),?\s+(\d{4})\b"
)
WRITTEN = rx(r"(amend|chang|modif|wijzig|aanvull|aanpass).{0,120}(in writing|schriftelijk|written)")
EMAIL = rx(r"e-?mail.{0,120}(writing|schriftelijk)|(writing|schriftelijk).{0,60}e-?mail")


LAW_KEY = re.compile(r"laws? of|law in|recht van|governed by|beheerst door|toepasselijk recht")
ADJECTIVE_LAW = re.compile(r"\b([a-zë]+)\s+(?:law|laws|recht)\b")
SCC_LAW = rx(
    r"clause \d+|(the|these) (standard contractual )?clauses (shall be|are|will be) governed|"
    r"the sccs (shall be |are |will be )?governed|sccs require|where the sccs|for these purposes|module"
)
# A sentence that names no agreement but points back to the law just named.
REFERS_BACK_LAW = rx(
    r"\b(this|that|such law|deze|dit|dat|die)\b.{0,20}\b(shall be|will be|is|zal|wordt|zijn)\b.{0,10}\b(the )?(law|laws|recht)\b"
)
BY_REFERENCE = rx(
    r"(set out|provided|specified|stated|set forth|as agreed) in the (main |framework |master |underlying |principal )?agreement|"
    r"zoals (bepaald|opgenomen) in de (hoofd|onderliggende )?overeenkomst"
)


def extract_law(ctx: Context, col: Collector) -> None:
    """Fill ``law.*`` candidates; the standard clauses' own law is kept apart."""
    scc_at = -2  # the index of the last sentence on the standard clauses' own law
    for sentence, text in ctx.matching(LAW):
        scc_match, ref = SCC_LAW.search(text), BY_REFERENCE.search(text)
        # A Member State's law for the Clauses, then "we choose that this is Irish law" in the
        # next sentence: "this" still points at the Clauses' law.
        scc = bool(scc_match) or (sentence.index == scc_at + 1 and bool(REFERS_BACK_LAW.search(text)))
        if scc:
            scc_at = sentence.index
        if ref and (not scc_match or ref.start() < scc_match.start()):
            # "This DPA is governed by the law set out in the main agreement, except that
            # the Clauses are governed by ...": the DPA's own law is the main agreement's.
            col.add("law.by_reference", True, sentence)
        if NOT_A_LAW.search(text) or not (code := _jurisdiction(text)):
            continue
        col.add("law.scc_law" if scc else "law.governing_law", code, sentence)
    for sentence, text in ctx.matching(COURT_CONTEXT):
        if NOT_A_LAW.search(text) or "supervisory" in text or SCC_LAW.search(text):
            continue
        named = COURT_AFTER_COLON.search(sentence.text)
        if named and re.match(r"[A-Z]", named.group(1)):
            col.add("law.courts", named.group(1).strip(), sentence)
            continue
        m = COURTS.search(sentence.text)
        if m and (
            find_jurisdiction(m.group(1).lower())
            or re.search(r"\b[A-Z][a-z]{3,}", m.group(1).split(" ", 1)[-1])
        ):
            col.add("law.courts", m.group(1).strip(), sentence)


def _jurisdiction(text: str) -> str | None:
    """The first country or US state named right after "laws of", "governed by" or as "Dutch law"."""
    hits: list[tuple[int, str]] = []
    for m in LAW_KEY.finditer(text):
        if code := find_jurisdiction(text[m.end() : m.end() + 45]):
            hits.append((m.start(), code))
    for m in ADJECTIVE_LAW.finditer(text):
        if code := find_jurisdiction(m.group(1)):
            hits.append((m.start(), code))
    return min(hits)[1] if hits else None


def extract_term(ctx: Context, col: Collector) -> None:
    """Fill ``term.*`` and ``amendments.*`` candidates."""
    for sentence, text in zip(ctx.sentences, ctx.norm, strict=True):
        if TERM_INDEFINITE.search(text):
            col.add("term.indefinite", True, sentence)
        if TIED.search(text) and THIS.search(text + " " + ctx.heads[sentence.index]):
            col.add("term.tied_to_main_agreement", True, sentence)
        if START.search(text) and (d := _date(text)):
            col.add("term.start", d, sentence)
        if WRITTEN.search(text):
            col.add("amendments.written_only", True, sentence)
            if EMAIL.search(text):
                col.add("amendments.email_counts", True, sentence)


def _date(text: str) -> date | None:
    m = DATE_RE.search(text)
    if not m:
        return None
    try:
        if m.group(1):
            return date(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
        return date(int(m.group(6)), MONTHS[m.group(4)], int(m.group(5)))
    except ValueError:
        return None
