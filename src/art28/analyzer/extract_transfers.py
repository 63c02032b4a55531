"""International transfers: the policy for data leaving the EEA and the mechanisms named."""

# Long regular expressions read better unbroken.
# ruff: noqa: E501

from __future__ import annotations

from art28.analyzer.collect import Collector
from art28.analyzer.context import Context, rx
from art28.analyzer.text import Sentence

TRANSFER = rx(
    r"transfer|doorgifte|doorgeven|doorgegeven|outside (of )?(the )?(eea|eu\b|european|e\.e\.a)|"
    r"buiten (de )?(eer|eu\b|europese)|third countr|derde land|derdeland|international|"
    r"(binnen|within) (de |the )?(eer|eea|eu\b|europese economische ruimte|european economic area)"
)
MECHANISMS = {
    "scc": rx(
        r"standard contractual clauses|standard data protection clauses|\bsccs?\b|modelcontract|"
        r"standaardcontractbepalingen|standaard contractbepalingen|standaardbepalingen|2021/914|2010/87|"
        r"model clauses"
    ),
    "bcr": rx(r"binding corporate rules|bindende bedrijfsvoorschriften|\bbcrs?\b"),
    "dpf": rx(r"data privacy framework|\bdpf\b"),
    "adequacy": rx(
        r"adequacy|adequate level|adequaat|adequate protection|passend beschermingsniveau|"
        r"passend niveau van (gegevens)?bescherming|article 45|artikel 45|adequate"
    ),
    "derogation": rx(r"article 49|artikel 49|derogation"),
}
NEEDS_CONTEXT = {"adequacy", "derogation"}
OUTSIDE = rx(
    r"outside (of )?(the )?(eea|eu\b|european|e\.e\.a)|buiten (de )?(eer|eu\b|europese)|third countr|derde land|non-eea|non-eu"
)
INSIDE_ONLY = rx(
    r"(only|solely|exclusively|uitsluitend|alleen|enkel) .{0,80}(within|in|binnen) (the |de )?(eea|eer|eu\b|european|europese)"
)
CONSENT = rx(
    r"(without|zonder) .{0,30}(prior |voorafgaande )?(written |schriftelijke |express )?(consent|authori[sz]ation|approval|permission|toestemming|goedkeuring)|"
    r"(unless|tenzij|except|behalve|only|uitsluitend|alleen|enkel|after|na|indien|if|where|met) .{0,130}(consent|authori[sz]|approv|toestemming|goedkeuring)|"
    r"(unless|tenzij) .{0,60}(schriftelijk|in writing|agreed|overeengekomen)|"
    r"with (the )?(prior )?(written )?(agreement|consent|approval|permission) of|"
    r"met (de )?(voorafgaande )?(schriftelijke )?(instemming|toestemming|goedkeuring) van"
)
EXCEPTION = rx(
    r"unless|tenzij|except|behalve|provided|mits|subject to|in accordance with|conform|"
    # A preference, not a rule: "within the EEA where possible", "primarily in the EU".
    r"where(ver)? possible|waar mogelijk|indien mogelijk|in principle|in beginsel|primarily|primair|preferably|bij voorkeur"
)
SAFEGUARDS = rx(
    r"appropriate safeguards|passende waarborgen|chapter v|hoofdstuk v|adequate safeguards|article 46|artikel 46|"
    r"passende maatregelen|appropriate measures|safeguards|waarborgen|adequa"
)
PROHIBIT = rx(
    r"\b(not|never|niet|geen|nooit)\b .{0,40}(transfer|doorge|process|verwerk|store|opsla|share|deel|verstrek)|verboden|prohibited|"
    # Dutch separable verbs: "geeft geen persoonsgegevens door aan landen buiten de EER".
    r"\b(geen|niet|nooit)\b .{0,60}\bdoor (aan|naar)\b|"
    # Verb first, negation after: "verstrekt geen persoonsgegevens aan ...", "verwerkt ze niet buiten ...".
    r"\b(verstrek|verwerk|geeft|geven|slaat|bewaart|bewaren)\w* .{0,40}\b(geen|niet|nooit)\b"
)


def extract_transfers(ctx: Context, col: Collector) -> None:
    """Fill ``transfers.mechanisms`` and ``transfers.outside_eea`` candidates."""
    for sentence, text in ctx.matching(TRANSFER, heading=True):
        head = ctx.heads[sentence.index]
        context = bool(TRANSFER.search(text) or TRANSFER.search(head))
        for key, pattern in MECHANISMS.items():
            if pattern.search(text) and (context or key not in NEEDS_CONTEXT):
                col.add("transfers.mechanisms", key, sentence)
        policy = _policy(text, head) if context else None
        if policy:
            # A heading ("Processing only within the EU/EEA") names the topic; the clause
            # under it decides. The heading counts only where no clause says anything.
            kind = "heading_policy" if _is_heading(sentence) else "policy"
            col.add(f"transfers.{kind}_{policy}", policy, sentence)


def _policy(text: str, head: str) -> str | None:
    outside = OUTSIDE.search(text) or OUTSIDE.search(head)
    if (outside or INSIDE_ONLY.search(text)) and CONSENT.search(text):
        return "with_consent"
    if INSIDE_ONLY.search(text) and not EXCEPTION.search(text):
        return "prohibited"
    if outside and (SAFEGUARDS.search(text) or _mechanism(text)):
        return "with_safeguards"
    if outside and PROHIBIT.search(text) and not EXCEPTION.search(text):
        return "prohibited"
    return "with_safeguards" if _mechanism(text) else None


def _is_heading(sentence: Sentence) -> bool:
    return bool(sentence.heading) and sentence.text.strip().lower() == sentence.heading.strip()


def _mechanism(text: str) -> bool:
    return any(MECHANISMS[k].search(text) for k in ("scc", "bcr", "dpf"))


def resolve_outside_eea(col: Collector) -> str | None:
    """One policy: consent beats a plain prohibition, which beats safeguards."""
    for kind in ("policy", "heading_policy"):
        for policy in ("with_consent", "prohibited", "with_safeguards"):
            if col.has(f"transfers.{kind}_{policy}"):
                return policy
    return None
