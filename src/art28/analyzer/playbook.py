"""The reviewer's positions (a small JSON file) and the deviations of one agreement from them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from art28.analyzer.errors import AnalyzerError, ExitCode
from art28.terms import facts
from art28.terms.schema import DpaTerms


class Playbook(BaseModel):
    """Positions; a ``None`` position is not checked."""

    model_config = ConfigDict(extra="forbid")

    breach_max_hours: int | None = None
    require_undue_delay: bool | None = None
    audits_allowed: bool | None = None
    audit_scope_full: bool | None = None
    data_in_eea: bool | None = None
    subprocessor_authorisation: list[str] | None = None
    subprocessor_objection_min_days: int | None = None
    subprocessor_notice_min_days: int | None = None
    end_deadline_max_days: int | None = None
    governing_law: list[str] | None = None


class PlaybookCheck(BaseModel):
    """One position compared with the agreement."""

    key: str
    expected: Any
    actual: Any
    ok: bool
    text: str


def load_playbook(path: str | Path) -> Playbook:
    """Read a playbook JSON file; a bad file is a usage error."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return Playbook.model_validate(data)
    except OSError as exc:
        raise AnalyzerError(ExitCode.USAGE, f"cannot read playbook {path}: {exc.strerror}") from exc
    except (ValueError, ValidationError) as exc:
        raise AnalyzerError(ExitCode.USAGE, f"playbook {path} is not valid: {exc}") from exc


def _check(key: str, expected: Any, actual: Any, ok: bool, what: str) -> PlaybookCheck:
    shown = "not stated" if actual in (None, []) else actual
    text = f"{what}: playbook {expected}, agreement {shown}"
    return PlaybookCheck(key=key, expected=expected, actual=actual, ok=ok, text=text)


def evaluate(playbook: Playbook, terms: DpaTerms) -> list[PlaybookCheck]:
    """Each position that is set, compared with ``terms`` (unknown counts as a deviation)."""
    t = terms
    sub = t.subprocessors
    checks: list[PlaybookCheck] = []
    p = playbook
    if p.breach_max_hours is not None:
        hours = t.breach.notice_hours
        checks.append(
            _check(
                "breach_max_hours",
                f"≤ {p.breach_max_hours} h",
                hours,
                hours is not None and hours <= p.breach_max_hours,
                "Breach notice",
            )
        )
    if p.require_undue_delay:
        checks.append(
            _check(
                "require_undue_delay",
                True,
                t.breach.undue_delay,
                bool(t.breach.undue_delay),
                "Without undue delay",
            )
        )
    if p.audits_allowed is not None:
        checks.append(
            _check(
                "audits_allowed",
                p.audits_allowed,
                t.audit.allowed,
                t.audit.allowed == p.audits_allowed,
                "Audits allowed",
            )
        )
    if p.audit_scope_full:
        checks.append(
            _check("audit_scope_full", "full", t.audit.scope, t.audit.scope == "full", "Audit scope")
        )
    if p.data_in_eea is not None:
        checks.append(_eea(p.data_in_eea, t))
    if p.subprocessor_authorisation:
        auth = sub.authorisation.value if sub.authorisation else None
        checks.append(
            _check(
                "subprocessor_authorisation",
                " or ".join(p.subprocessor_authorisation),
                auth,
                auth in p.subprocessor_authorisation,
                "Sub-processor authorisation",
            )
        )
    checks += _minimum(
        "subprocessor_objection_min_days",
        p.subprocessor_objection_min_days,
        sub.objection_days,
        "Objection period (days)",
    )
    checks += _minimum(
        "subprocessor_notice_min_days",
        p.subprocessor_notice_min_days,
        sub.notice_days,
        "Notice of new sub-processors (days)",
    )
    if p.end_deadline_max_days is not None:
        d = t.end.deadline_days
        checks.append(
            _check(
                "end_deadline_max_days",
                f"≤ {p.end_deadline_max_days} days",
                d,
                d is not None and d <= p.end_deadline_max_days,
                "Return/deletion deadline",
            )
        )
    if p.governing_law:
        law = t.law.governing_law
        checks.append(
            _check(
                "governing_law",
                " or ".join(p.governing_law),
                law,
                law in p.governing_law,
                "Governing law",
            )
        )
    return checks


def _minimum(key: str, minimum: int | None, actual: int | None, what: str) -> list[PlaybookCheck]:
    if minimum is None:
        return []
    return [_check(key, f"≥ {minimum}", actual, actual is not None and actual >= minimum, what)]


def _eea(wanted: bool, terms: DpaTerms) -> PlaybookCheck:
    policy = terms.transfers.outside_eea
    actual = policy.value if policy else None
    named_outside = [s.name for s in terms.subprocessors.named if s.country and not facts.in_eea(s.country)]
    ok = (actual in ("prohibited", "with_consent") and not named_outside) if wanted else True
    shown = (
        actual
        if not named_outside
        else f"{actual}; sub-processors outside the EEA: {', '.join(named_outside[:5])}"
    )
    return _check(
        "data_in_eea",
        "data stays in the EEA" if wanted else "transfers allowed",
        shown,
        ok,
        "Data location",
    )
