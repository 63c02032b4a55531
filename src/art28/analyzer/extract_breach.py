"""Breach notification: notice hours (only those), undue delay, content, register."""

# Long regular expressions read better unbroken.
# ruff: noqa: E501

from __future__ import annotations

from art28.analyzer.collect import Collector
from art28.analyzer.context import Context, rx
from art28.analyzer.patterns import near

BREACH = rx(
    r"breach|datalek|data lek|inbreuk in verband met|inbreuk op de beveiliging|security incident|"
    r"beveiligingsincident|incident|beveiligingslek|lek |\binbreuk(en)?\b(?! (maakt|maken|op (de |enig |hun )?rechte?n?))|i\.v\.m\. persoonsgegevens"
)
NOTIFY = rx(
    r"notif|[iï]nform|meld|in kennis|op de hoogte|report|alert|kennisgeving|notice|communicat|"
    r"verwittig|bericht|\btells?\b|\blets? .{0,40}\bknow\b|laat .{0,40}\bweten\b|waarschuw|\bwarns?\b"
)
HOURS = rx(r"(?<![\d.,])(\d{1,3})\s*(?:uur|uren|hours?|hrs?|h)(?![a-z])")
# Hours about these things are not notice hours.
TRAP = rx(
    r"back-?up|salt|retention|retain|bewaar|recovery|herstel|restore|\brto\b|\brpo\b|cookie|\blogs?\b|logging|"
    r"session|sessie|token|cache|availability|beschikbaarheid|uptime|response time|"
    r"reactietijd|support|storing|downtime|maintenance|onderhoud|deleted|verwijderd|expire"
)
AUTHORITY = rx(
    r"authorit|autoriteit|toezichthoud|supervisory|article 33|artikel 33|regulator|data protection agency|"
    r"commissioner|datatilsynet|\bico\b"
)
UNDUE = rx(
    r"without undue delay|zonder onredelijke vertraging|onverwijld|without delay|zo spoedig mogelijk|"
    r"zonder (onnodige|enige) vertraging|unverzüglich"
)
# Faster than "without undue delay": counts for it where the sentence is about telling someone.
IMMEDIATELY = rx(
    r"\b(immediately|forthwith|onmiddellijk|terstond|per omgaande|direct na|meteen)\b|"
    r"\bdirect(?! marketing| or indirect)\b(?=.{0,60}(op de hoogte|in kennis|informeer|meld|bericht))"
)
CONTENT = {
    "nature": rx(r"\bnature\b|\baard\b"),
    "categories": rx(r"categor"),
    "numbers": rx(r"(approximate |het )?(number|aantal)"),
    "contact": rx(r"contact|data protection officer|functionaris"),
    "consequences": rx(r"consequen|gevolg"),
    "measures": rx(r"measures|maatregel"),
}
REGISTER = rx(
    r"register|logboek|document(s|eert|ation of)? (all |alle )?(breach|inbre|datalek)|overzicht van (alle )?(inbre|datalek)"
)


def extract_breach(ctx: Context, col: Collector) -> None:
    """Fill ``breach.*`` candidates from sentences about a breach or under a breach heading."""
    for sentence, text in ctx.matching(BREACH, heading=True):
        in_breach = bool(BREACH.search(text))
        if NOTIFY.search(text) or in_breach:
            for hours in notice_hours(text):
                col.add("breach.notice_hours", hours, sentence)
        if UNDUE.search(text) and (in_breach or NOTIFY.search(text)):
            col.add("breach.undue_delay", True, sentence)
        elif IMMEDIATELY.search(text) and NOTIFY.search(text) and not AUTHORITY.search(text):
            col.add("breach.undue_delay", True, sentence)
        if in_breach and REGISTER.search(text):
            col.add("breach.register", True, sentence)
        lead = ctx.leads[sentence.index]
        listed = bool(lead) and bool(NOTIFY.search(lead) or BREACH.search(lead))
        if ((in_breach or NOTIFY.search(text)) and _lists_content(text)) or listed:
            # One sentence naming several items, or one item of a list whose lead-in
            # ("The notice describes:") is about the notification.
            for key, pattern in CONTENT.items():
                if pattern.search(text):
                    col.add("breach.content", key, sentence)


def extract_breach_followups(ctx: Context, col: Collector) -> None:
    """A deadline in the sentence after a breach sentence of the same clause.

    "The processor informs the controller of breaches immediately. The notice is made
    within 24 hours at the latest." The second sentence names no breach; it continues the first.
    """
    for sentence, text in zip(ctx.sentences, ctx.norm, strict=True):
        if sentence.index == 0 or BREACH.search(text) or BREACH.search(ctx.heads[sentence.index]):
            continue
        if not sentence.ref or not NOTIFY.search(text):
            continue
        earlier = [
            s for s in ctx.sentences[max(0, sentence.index - 3) : sentence.index] if s.ref == sentence.ref
        ]
        if not any(BREACH.search(ctx.norm[s.index]) and NOTIFY.search(ctx.norm[s.index]) for s in earlier):
            continue
        for hours in notice_hours(text):
            col.add("breach.notice_hours", hours, sentence)


def notice_hours(text: str) -> list[int]:
    """Hour counts in ``text`` that are notice deadlines, not backup, retention or authority hours."""
    out = []
    for m in HOURS.finditer(text):
        if near(text, TRAP, m.start(), m.end(), 70, 40) is not None:
            continue
        if near(text, AUTHORITY, m.start(), m.end(), 45, 20) is not None:
            continue
        if near(text, NOTIFY, m.start(), m.end(), 250, 120) is None:
            continue
        if text[max(0, m.start() - 12) : m.start()].rstrip().endswith(("per", "every", "elke", "iedere")):
            continue
        value = int(m.group(1))
        if 1 <= value <= 168:
            out.append(value)
    return out


def _lists_content(text: str) -> bool:
    return sum(1 for p in CONTENT.values() if p.search(text)) >= 2
