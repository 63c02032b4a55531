"""``analyze()``: one document in, an :class:`Analysis` out."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal, cast

from pydantic import BaseModel, Field

from art28.analyzer.checklist import CheckItem, checklist
from art28.analyzer.collect import Evidence
from art28.analyzer.context import Context
from art28.analyzer.errors import AnalyzerError, ExitCode
from art28.analyzer.extract import build_terms, evidence_for, resolve, run_extractors
from art28.analyzer.extract_misc import facts_from_requirements
from art28.analyzer.findings import Finding, Severity, weak_wording
from art28.analyzer.placeholders import Placeholder, find_placeholders
from art28.analyzer.playbook import Playbook, PlaybookCheck, evaluate, load_playbook
from art28.analyzer.reading import RawDocument, read_document
from art28.analyzer.requirements import Requirement, requirements
from art28.analyzer.text import detect_language, sentences
from art28.terms import facts
from art28.terms.schema import DpaTerms, Language


class Source(BaseModel):
    """The document that was read."""

    filename: str | None
    format: str
    bytes: int
    sha256: str
    pages: int | None = None
    characters: int


class Analysis(BaseModel):
    """What one agreement says, what Article 28 requires of it, and what to look at."""

    source: Source
    language: Literal["nl", "en"]
    terms: DpaTerms
    evidence: dict[str, list[Evidence]] = Field(default_factory=dict)
    art28: dict[str, CheckItem]
    requirements: dict[str, Requirement] = Field(default_factory=dict)
    placeholders: list[Placeholder] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    playbook: list[PlaybookCheck] | None = None


def analyze(
    source: str | os.PathLike[str] | bytes,
    *,
    filename: str | None = None,
    lang: str | None = None,
    playbook: Playbook | dict | str | Path | None = None,
) -> Analysis:
    """Read ``source`` (a path or bytes) and analyse it; raises :class:`AnalyzerError`."""
    if lang not in (None, "nl", "en"):
        raise AnalyzerError(ExitCode.USAGE, f"language must be nl or en, not {lang!r}")
    book = _playbook(playbook)
    raw = read_document(source, filename=filename)
    return analyze_text(raw, lang=lang, playbook=book)


def _playbook(playbook: Playbook | dict | str | Path | None) -> Playbook | None:
    if playbook is None or isinstance(playbook, Playbook):
        return playbook
    if isinstance(playbook, dict):
        return Playbook.model_validate(playbook)
    return load_playbook(playbook)


def analyze_text(raw: RawDocument, *, lang: str | None = None, playbook: Playbook | None = None) -> Analysis:
    """Analyse a document that has already been read."""
    # analyze() lets only nl or en through, and Analysis checks it again.
    language = cast(Language | None, lang) or detect_language(raw.text)
    sents = sentences(raw.text, wrapped=raw.wrapped)
    ctx = Context(sents, language)
    col = run_extractors(ctx)
    values, findings = resolve(col)
    terms, values = build_terms(values, language)
    reqs = requirements(ctx, terms)
    facts_from_requirements(ctx, col, values, terms, reqs)
    items = checklist(terms, col, reqs)
    placeholders = find_placeholders(sents)
    checks = evaluate(playbook, terms) if playbook else None
    findings += _review_findings(terms, items, placeholders, checks)
    findings += weak_wording(sents)
    source = Source(
        filename=raw.filename,
        format=raw.format,
        bytes=raw.size,
        sha256=raw.sha256,
        pages=raw.pages,
        characters=len(raw.text),
    )
    return Analysis(
        source=source,
        language=language,
        terms=terms,
        evidence=evidence_for(col, values),
        art28=items,
        requirements=reqs,
        placeholders=placeholders,
        findings=findings,
        playbook=checks,
    )


def _review_findings(
    terms: DpaTerms,
    items: dict[str, CheckItem],
    placeholders: list[Placeholder],
    checks: list[PlaybookCheck] | None,
) -> list[Finding]:
    out: list[Finding] = []
    for key, item in items.items():
        if item.status != "present":
            severity: Severity = "error" if item.status == "missing" else "warning"
            out.append(
                Finding(
                    severity=severity,
                    text=f"Article 28(3) {key}: {item.status} — {item.note}.",
                    field=key,
                )
            )
    hours = terms.breach.notice_hours
    if hours is None and not terms.breach.undue_delay:
        out.append(
            Finding(
                severity="warning",
                text="No deadline for notifying a personal data breach.",
                field="breach.notice_hours",
            )
        )
    elif hours is not None and hours >= facts.CONTROLLER_AUTHORITY_HOURS:
        out.append(
            Finding(
                severity="warning",
                field="breach.notice_hours",
                text=f"Breach notice within {hours} h leaves the controller no time for its own "
                "72 h notice to the authority.",
            )
        )
    if placeholders:
        sample = ", ".join(f"“{p.text[:40]}”" for p in placeholders[:5])
        out.append(
            Finding(
                severity="warning",
                text=f"{len(placeholders)} unfilled template field(s), e.g. {sample}.",
            )
        )
    for check in checks or []:
        if not check.ok:
            out.append(
                Finding(severity="warning", text=f"Playbook deviation — {check.text}.", field=check.key)
            )
    return out
