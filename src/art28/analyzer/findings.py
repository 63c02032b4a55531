"""Findings: contradictions, weak wording and deviations from what Article 28 expects."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel

from art28.analyzer.text import Sentence

Severity = Literal["info", "warning", "error"]


class Finding(BaseModel):
    """One thing a reviewer should look at."""

    severity: Severity
    text: str
    ref: str | None = None
    quote: str | None = None
    field: str | None = None


WEAK = re.compile(
    r"as soon as (reasonably )?(possible|practicable)|reasonable efforts|commercially reasonable|"
    r"best efforts|endeavou?r|where (possible|feasible|practicable)|when feasible|if possible|"
    r"to the extent (possible|practicable|feasible)|at its (sole )?discretion|"
    r"indien mogelijk|waar mogelijk|zo snel mogelijk|streeft (er )?naar|zich inspannen|"
    r"inspanningsverplichting|naar vermogen|voor zover (mogelijk|redelijk)|naar redelijkheid",
    re.IGNORECASE,
)
_TOPICS = re.compile(
    r"breach|datalek|inbreuk|incident|notify|inform|meld|sub-?processor|sub-?verwerker|delete|return|"
    r"verwijder|vernietig|audit|assist|bijstand|transfer|doorgifte",
    re.IGNORECASE,
)


def weak_wording(sentences: list[Sentence], limit: int = 15) -> list[Finding]:
    """Sentences that soften an obligation ("reasonable efforts", "indien mogelijk")."""
    out: list[Finding] = []
    for sentence in sentences:
        m = WEAK.search(sentence.text)
        if not m or not _TOPICS.search(sentence.text):
            continue
        out.append(
            Finding(
                severity="warning",
                text=f"Weak wording “{m.group(0)}” softens an obligation; ask for a firm commitment.",
                ref=sentence.ref,
                quote=sentence.text[:300],
            )
        )
        if len(out) >= limit:
            break
    return out
