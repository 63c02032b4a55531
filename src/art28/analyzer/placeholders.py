"""Unfilled template fields: "[INVULLEN]", "______", "<<name>>", a bare "Bedrijfsnaam"."""

# Long regular expressions read better unbroken.
# ruff: noqa: E501

from __future__ import annotations

import re

from pydantic import BaseModel

from art28.analyzer.text import Sentence

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "brackets",
        re.compile(
            r"\[(?!bookmark:|image:|x\]|\s?\])[^\]\n]{0,40}?(INVULLEN|INSERT|NAME|NAAM|DATUM|DATE|ADRES|ADDRESS|COMPANY|BEDRIJF|KVK|PLAATS|CITY|TBD|TODO|PM|XX+|\.\.\.|…|●|•|_+)[^\]\n]{0,40}\](?!\()",
            re.IGNORECASE,
        ),
    ),
    ("brackets_caps", re.compile(r"\[[A-Z][A-Z0-9 _/\-]{2,40}\](?!\()")),
    ("underscores", re.compile(r"_{4,}|\.{8,}|…{3,}")),
    ("angle", re.compile(r"<<[^<>\n]{0,60}>>|«[^«»\n]{0,60}»|\{\{[^{}\n]{0,60}\}\}")),
    ("xxx", re.compile(r"\b(?:XX+|xx{3,}|\[?0{8}\]?|dd-mm-(?:jjjj|yyyy)|DD-MM-(?:JJJJ|YYYY))\b")),
    (
        "template_word",
        re.compile(
            r"\b(?:Bedrijfsnaam|Straat \+ huisnummer|POSTCODE EN PLAATS|Postcode en plaats|Naam organisatie|"
            r"Company Name|Your Company|Customer Name|Naam contactpersoon)\b"
        ),
    ),
    (
        "template_value",
        re.compile(r"(?i:kvk-nummer|kvk nummer)[:\s]+kvk-nummer|(?i:KvK-nummer)\s+(?:kvk-nummer|[.…_]+)"),
    ),
    (
        "instruction",
        re.compile(
            r"^(?:Geef hier|Vermeld hier|Vul hier|Beschrijf hier|Omschrijf hier|Insert here|Enter here|Describe here|"
            r"List here|Specify here)\b",
            re.IGNORECASE,
        ),
    ),
    ("ellipsis_item", re.compile(r"^\s*(?:[-*•]|\d+[.)])?\s*(?:…|\.\.\.)\s*$")),
]


class Placeholder(BaseModel):
    """One unfilled field: its clause, the placeholder text and the kind of pattern."""

    ref: str | None
    text: str
    kind: str


def is_placeholder(value: str) -> bool:
    """True when ``value`` is (or contains) an unfilled template field."""
    return any(p.search(value.strip()) for _, p in PATTERNS)


def find_placeholders(sentences: list[Sentence], limit: int = 200) -> list[Placeholder]:
    """Every unfilled template field, in document order (at most ``limit``)."""
    out: list[Placeholder] = []
    seen: set[tuple[str | None, str]] = set()
    for sentence in sentences:
        for kind, pattern in PATTERNS:
            for m in pattern.finditer(sentence.text):
                text = m.group(0) if kind not in ("instruction", "ellipsis_item") else sentence.text[:120]
                key = (sentence.ref, text)
                if key in seen:
                    continue
                seen.add(key)
                out.append(Placeholder(ref=sentence.ref, text=text.strip(), kind=kind))
                if len(out) >= limit:
                    return out
    return out
