"""Instructions, confidentiality, assistance, authority requests, security."""

# Long regular expressions read better unbroken.
# ruff: noqa: E501

from __future__ import annotations

from art28.analyzer.collect import Collector
from art28.analyzer.context import Context, rx
from art28.analyzer.patterns import normalize

RULES: dict[str, list[str]] = {
    "instructions.documented_only": [
        r"documented instructions?|gedocumenteerde instructies?|schriftelijke instructies?|written instructions?",
        r"(only|solely|exclusively|uitsluitend|alleen|enkel|slechts) .{0,100}(instructi|in opdracht|opdracht van|on behalf of and)",
        r"(instructi).{0,60}(only|solely|uitsluitend|alleen)",
    ],
    "instructions.infringement_alert": [
        r"(instructi|opdracht).{0,160}(infring|violat|in strijd|inbreuk|contravene|breach(es)? (the |applicable )?(gdpr|law|avg))",
        r"(infring|violat|in strijd|inbreuk maakt|contravene).{0,160}(instructi|opdracht)",
    ],
    "confidentiality.staff_bound": [
        r"(confidential|geheimhoud|vertrouwelijk|secrecy|geheim).{0,160}(personnel|employees|staff|persons|medewerkers|personeel|werknemers|individuals|anyone)",
        r"(personnel|employees|staff|persons|medewerkers|personeel|werknemers|individuals).{0,160}(confidential|geheimhoud|vertrouwelijk|secrecy|geheim)",
    ],
    "assistance.data_subject_requests": [
        r"(assist|bijstand|help|ondersteun|medewerking|support|cooperat).{0,260}(data subject|betrokkene)",
        r"(data subject|betrokkene).{0,160}(assist|bijstand|ondersteun|medewerking|support|cooperat)",
    ],
    "assistance.forward_requests": [
        r"(request|verzoek).{0,60}(data subject|betrokkene).{0,160}(forward|doorsturen|doorgestuurd|stuurt .{0,60}\bdoor\b|redirect|pass(es)? (it )?on|refer)",
        r"(forward|doorsturen|doorgestuurd|doorgeleid|doorverwijz|stuurt .{0,40}door|redirect|pass on|notify|inform|informeert|in kennis).{0,160}(request|verzoek|klacht|complaint).{0,80}(data subject|betrokkene)",
        r"(data subject|betrokkene).{0,120}(request|verzoek|contact|wendt).{0,160}(forward|doorsturen|door|redirect|notify|inform|in kennis|pass)",
    ],
    "assistance.art32_36": [
        r"32\s*(to|tot en met|t/m|-|–|through|and)\s*36|articles? 32.{0,40}36|artikelen 32.{0,40}36"
    ],
    "assistance.dpia": [
        r"impact assessment|effectbeoordeling|\bdpia|\bgeb\b|prior consultation|voorafgaande raadpleging"
    ],
    "authority_requests.notify_controller": [
        r"(authorit|autoriteit|overheid|government|law enforcement|subpoena|court order|bevel|vordering|justiti|politie).{0,200}(notif|inform|in kennis|op de hoogte|melden)",
        r"(notif|inform|in kennis|op de hoogte).{0,100}(request|verzoek|bevel|order|demand).{0,60}(authorit|autoriteit|overheid|government|law enforcement)",
    ],
    "authority_requests.object_where_possible": [
        r"(authorit|autoriteit|overheid|government|law enforcement|subpoena|court order|bevel|disclosure).{0,200}(challenge|contest|object|bezwaar|verzet|resist|redirect|aanvecht)",
    ],
    "security.change_notice": [
        r"(notif|inform|meldt|melden|in kennis).{0,80}(chang|wijziging).{0,60}\b(measures|maatregelen)\b",
        r"(chang|wijzig|updat).{0,80}(security measures|beveiligingsmaatregelen|technical and organi[sz]ational).{0,120}(notify|inform|not .{0,20}(decrease|reduce|lower|degrade)|niet .{0,30}(verlag|verminder|afbreuk))"
    ],
    "confidentiality.survives_termination": [
        r"(confidential|geheimhoud|vertrouwelijk).{0,200}(surviv|after (the )?(termination|expiry|end)|na (het )?(einde|beëindiging)|blijft .{0,40}(van kracht|bestaan|gelden|voortduren))",
    ],
}
_COMPILED = {path: [rx(p) for p in pats] for path, pats in RULES.items()}
# Sentences that decide a boolean only under a heading that names their subject, e.g.
# "Where the law allows, the Processor will challenge a request it considers unlawful"
# in an article headed "Requests from authorities".
IN_SECTION: dict[str, tuple[str, str]] = {
    "authority_requests.object_where_possible": (
        r"authorit|autoriteit|overheid|government|law enforcement|disclosure",
        r"\b(challenge|contest|object|resist)|bezwaar|verzet|aanvecht|vecht .{0,30}\baan\b",
    ),
    "authority_requests.notify_controller": (
        r"authorit|autoriteit|overheid|government|law enforcement|disclosure",
        r"\b(notif|inform)|in kennis|op de hoogte",
    ),
}
_SECTION = {path: (rx(head), rx(text)) for path, (head, text) in IN_SECTION.items()}
SECURITY = rx(
    r"technical and organi[sz]ational (security )?measures|technische en organisatorische (beveiligings)?maatregelen|article 32|artikel 32|appropriate security|passende beveiliging|security measures|beveiligingsmaatregelen"
)


def extract_misc(ctx: Context, col: Collector) -> None:
    """Booleans that a single phrase decides."""
    for sentence, text in zip(ctx.sentences, ctx.norm, strict=True):
        for path, patterns in _COMPILED.items():
            if any(p.search(text) for p in patterns):
                col.add(path, True, sentence)
        heading = normalize(sentence.heading)
        for path, (head, pattern) in _SECTION.items():
            if head.search(heading) and pattern.search(text):
                col.add(path, True, sentence)
        if SECURITY.search(text):
            col.add("security.mentioned", True, sentence)
