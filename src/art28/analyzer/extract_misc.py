"""Instructions, confidentiality, assistance, authority requests, security.

Three of these facts restate a requirement of Article 28(3): processing only on documented
instructions (a), the confidentiality of the persons processing the data (b) and the alert on an
unlawful instruction (second subparagraph). They are not searched here but taken from the requirement's decision afterwards (``facts_from_requirements``),
so the review page cannot show the fact and the requirement disagreeing.
"""

# Long regular expressions read better unbroken.
# ruff: noqa: E501

from __future__ import annotations

from typing import Any

from art28.analyzer.collect import Candidate, Collector
from art28.analyzer.context import Context, rx
from art28.analyzer.patterns import normalize
from art28.analyzer.requirements import Requirement
from art28.terms.schema import DpaTerms

RULES: dict[str, list[str]] = {
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


# Facts that restate a requirement, and the requirement that decides each.
FROM_REQUIREMENT = {
    "instructions.documented_only": "documented_instructions",
    "confidentiality.staff_bound": "confidentiality",
    "instructions.infringement_alert": "instruction_infringement_alert",
}


def facts_from_requirements(
    ctx: Context, col: Collector, values: dict[str, Any], terms: DpaTerms, reqs: dict[str, Requirement]
) -> None:
    """Set each fact of ``FROM_REQUIREMENT`` from its requirement, in place.

    True with the requirement's sentences as evidence where it is present; otherwise not
    stated (None), as a switch the text does not turn on. A partial requirement does not
    state the fact either.
    """
    for path, key in FROM_REQUIREMENT.items():
        req = reqs[key]
        found = [ctx.sentences[e.sentence] for e in req.evidence] if req.status == "present" else []
        group, leaf = path.split(".")
        setattr(getattr(terms, group), leaf, True if found else None)
        if found:
            col.found[path] = [Candidate(True, s) for s in found]
            values[path] = True
        else:
            col.found.pop(path, None)
            values.pop(path, None)
