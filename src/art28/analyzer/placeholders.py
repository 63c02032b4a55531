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


# A template word that starts a line and is followed by a value is a field label
# ("Postcode en plaats | 3581 KP Utrecht"), not an unfilled field.
LABEL_KINDS = ("template_word",)
_LABEL_VALUE = re.compile(r"^\s*(?:[:|]\s*(?P<any>\S.*)|\s(?P<upper>[A-Z0-9+(@].*))$")


def is_filled_label(text: str, match: re.Match[str], kind: str) -> bool:
    """True when the template word ``match`` labels a value that is filled in."""
    if kind not in LABEL_KINDS or text[: match.start()].strip(" -*•|"):
        return False
    value = _LABEL_VALUE.match(text[match.end() :])
    if not value:
        return False
    rest = (value.group("any") or value.group("upper")).strip()
    return not any(p.search(rest) for _, p in PATTERNS)


def _hits(text: str) -> list[tuple[str, re.Match[str]]]:
    return [
        (kind, m)
        for kind, pattern in PATTERNS
        for m in pattern.finditer(text)
        if not is_filled_label(text, m, kind)
    ]


def is_placeholder(value: str) -> bool:
    """True when ``value`` is (or contains) an unfilled template field."""
    return bool(_hits(value.strip()))


def find_placeholders(sentences: list[Sentence], limit: int = 200) -> list[Placeholder]:
    """Every unfilled template field, in document order (at most ``limit``)."""
    out: list[Placeholder] = []
    seen: set[tuple[str | None, str]] = set()
    for sentence in sentences:
        for kind, m in _hits(sentence.text):
            text = m.group(0) if kind not in ("instruction", "ellipsis_item") else sentence.text[:120]
            key = (sentence.ref, text)
            if key in seen:
                continue
            seen.add(key)
            out.append(Placeholder(ref=sentence.ref, text=text.strip(), kind=kind))
            if len(out) >= limit:
                return out
    return out
