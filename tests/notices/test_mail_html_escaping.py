"""Every HTML part of every e-mail escapes what people typed.

The cases are found from the templates: each ``*_body.html`` under ``src/art28`` is one
mail type, and a mail type without a case here fails the test. Each case fills every
user-typed field with hostile text, and the HTML part is parsed to prove that no element
or attribute came from that text and that the text shows, escaped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils.html import escape
from django.utils.safestring import mark_safe

import art28
from art28.breaches.models import Stage
from art28.breaches.services.notify import facts_block
from art28.notices.services import render_email
from art28.requests.models import AuditStage
from art28.subprocessors.models import ChangeKind, ObjectionOutcome, TrustEvent

SRC = Path(art28.__file__).parent
HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(1)>"><b>'
WHEN = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
LINK = "http://testserver/portal/x/"

Field = Callable[[str], str]


def _ns(**kw: Any) -> SimpleNamespace:
    return SimpleNamespace(**kw)


def _breach_notice(f: Field) -> dict:
    incident = _ns(aware_at=WHEN, occurred_at=WHEN)
    facts = {"reference": f("reference"), "title": f("title"), "aware_at": None, "occurred_at": None,
             "ended_at": None, "cross_border": False, "nature": ["confidentiality"],
             "description": f("description"), "malicious": True, "systems": [f("system")],
             "subprocessors": [f("subprocessor")], "data_categories": [f("data_category")],
             "subject_categories": [f("subject_category")], "subjects_approx": 3,
             "records_approx": 4, "contact": {"name": f("contact_name"), "email": f("contact_email"),
                                              "phone": f("contact_phone")},
             "consequences": f("consequences"), "measures_taken": f("measures_taken"),
             "measures_proposed": f("measures_proposed"), "encrypted": False}
    ctx = {"facts": facts, "stage": Stage.INITIAL, "number": 1, "message": mark_safe(f("message")),  # noqa: S308
           "processor": f("processor"), "agreement": f("agreement"), "notice_hours": 24,
           "controller": _ns(name=f("controller"))}
    # The facts parts exactly as the service renders them for a fan-out.
    text, html = facts_block(incident, facts, language=f.language, stage="initial",  # type: ignore[attr-defined]
                             number=1)
    return {**ctx, "facts_block": mark_safe(text), "facts_html": html}  # noqa: S308


def _breach_reminder(f: Field) -> dict:
    return {"reference": f("reference"), "title": f("title"), "percent": 80, "waiting": 2,
            "deadline": WHEN, "hours": 24}


def _agreement_signed(f: Field) -> dict:
    return {"controller": _ns(name=f("controller")), "reference": f("reference"),
            "version": f("version"), "processor": f("processor")}


def _signature_invitation(f: Field) -> dict:
    return {"controller": _ns(name=f("controller")), "contact_name": f("contact_name"),
            "processor": f("processor"), "reference": f("reference"), "version": f("version"),
            "notice_hours": 24, "sha256": f("sha256")}


def _signature_invitation_new_login(f: Field) -> dict:
    return {**_signature_invitation(f), "new_login": True}


def _invitation(f: Field) -> dict:
    return {"processor": f("processor"), "role": f("role"), "organisation": f("organisation"),
            "expires_at": WHEN}


def _password_reset(f: Field) -> dict:
    return {"username": f("username"), "processor": f("processor")}


def _audit(f: Field, **kw: Any) -> SimpleNamespace:
    return _ns(auditor=f("auditor"), starts_on=date(2026, 4, 1), ends_on=date(2026, 4, 2),
               scope=f("scope"), cost_rule=f("cost_rule"), cost_rule_label=f("cost_rule_label"),
               alternative=f("alternative"),
               report_sha256=f("report_sha256"), get_cost_bearer_display=f("cost_bearer"), **kw)


def _audit_requested(f: Field) -> dict:
    return {"controller_name": f("controller"), "reference": f("reference"), "audit": _audit(f)}


def _audit_update(stage: str) -> Callable[[Field], dict]:
    def make(f: Field) -> dict:
        return {"controller": _ns(name=f("controller")), "stage": AuditStage(stage),
                "reference": f("reference"),
                "audit": _audit(f, cost_estimate=f("cost_estimate"), cost_bearer="controller"),
                "processor": f("processor")}
    return make


def _authority_closed(f: Field) -> dict:
    return {"controller": _ns(name=f("controller")), "authority": f("authority"),
            "reference": f("reference"), "disclosed": f("disclosed")}


def _authority_request(f: Field) -> dict:
    return {"controller": _ns(name=f("controller")), "authority": f("authority"),
            "reference": f("reference"), "legal_basis": f("legal_basis"),
            "description": f("description"), "respond_by": WHEN, "processor": f("processor")}


def _termination(f: Field, choice: str = "return") -> SimpleNamespace:
    return _ns(choice=choice, is_return=choice == "return", certificate_sha256=f("certificate_sha256"),
               ended_at=WHEN, complete_by=WHEN, choice_fixed=False, surviving=True,
               cost_estimate=f("cost_estimate"))


def _certificate_issued(f: Field) -> dict:
    return {"controller": _ns(name=f("controller")), "reference": f("reference"),
            "termination": _termination(f), "processor": f("processor")}


def _dsr_forwarded(f: Field) -> dict:
    return {"controller": _ns(name=f("controller")), "reference": f("reference"), "kind": f("kind"),
            "requester": f("requester"), "received_at": WHEN, "details": f("details"),
            "answer_due": WHEN, "processor": f("processor")}


def _dsr_task_asked(f: Field) -> dict:
    return {"controller": _ns(name=f("controller")), "reference": f("reference"),
            "action": f("action"), "instructions": f("instructions"), "answer_due": WHEN}


def _dsr_task_done(f: Field) -> dict:
    return {"controller": _ns(name=f("controller")), "reference": f("reference"),
            "action": f("action"), "evidence": f("evidence"), "sha256": f("sha256")}


def _instruction_flagged(f: Field) -> dict:
    return {"controller": _ns(name=f("controller")), "reference": f("reference"), "text": f("text"),
            "reason": f("reason"), "processor": f("processor")}


def _measures_changed(bilingual: bool) -> Callable[[Field], dict]:
    # A catalogue in both languages shows each mail's own (English here); an older one its single text.
    def case(f: Field) -> dict:
        if bilingual:
            dutch = "Versleuteling"
            measure = _ns(kind="technical", text=dutch, text_nl=dutch, text_en=f("measure_en"))
        else:
            measure = _ns(kind="technical", text=f("measure_text"), text_nl=None, text_en=None)
        return {"controller": _ns(name=f("controller")), "catalogue": f("catalogue"),
                "summary": f("summary"), "reference": f("reference"), "version": f("version"),
                "measures": [measure], "processor": f("processor")}
    return case


def _termination_opened(f: Field) -> dict:
    return {"controller": _ns(name=f("controller")), "reference": f("reference"),
            "termination": _termination(f), "processor": f("processor")}


def _termination_update(f: Field) -> dict:
    return {"controller": _ns(name=f("controller")), "reference": f("reference"),
            "termination": _termination(f), "processor": f("processor")}


def _subprocessor(f: Field) -> SimpleNamespace:
    return _ns(name=f("sp_name"), address=f("sp_address"), country=f("sp_country"),
               service=f("sp_service"))


def _subprocessor_change(f: Field, kind: str) -> dict:
    return {"controller": _ns(name=f("controller")), "processor": f("processor"), "kind": ChangeKind(kind),
            "replaces": _ns(name=f("replaces")), "reference": f("reference"),
            "subprocessor": _subprocessor(f), "locations": f("locations"),
            "effective_at": f("effective_at"), "reason": f("reason"),
            "objection_deadline": f("objection_deadline"), "takes_effect_at": f("takes_effect_at"),
            "business_days": True, "transfer_text": f("transfer_text"), "transfer_consent": True}


def _subprocessor_change_update(outcome: str) -> Callable[[Field], dict]:
    def make(f: Field) -> dict:
        return {"controller": _ns(name=f("controller")), "processor": f("processor"),
                "subprocessor": _subprocessor(f), "reference": f("reference"),
                "outcome": ObjectionOutcome(outcome),
                "alternative": _ns(name=f("alternative")), "note": f("note")}
    return make


def _trust_confirmation(channel: str) -> Callable[[Field], dict]:
    def make(f: Field) -> dict:
        return {"processor": _ns(name=f("processor")), "hours": 48,
                "subscriber": _ns(channel=channel, is_webhook=channel == "webhook", url=f("url"))}
    return make


def _trust_announcement(event: str) -> Callable[[Field], dict]:
    def make(f: Field) -> dict:
        sp = _ns(name=f("sp_name"), service=f("sp_service"), all_countries=[f("sp_country")],
                 get_transfer_mechanism_display=f("sp_transfer"))
        return {"event": TrustEvent(event), "processor_name": f("processor"), "subprocessor": sp,
                "replaces": _ns(name=f("replaces")),
                "change": _ns(get_kind_display=f("kind"), effective_at=WHEN),
                "statement": _ns(measures=f("measures"), certification_lines=[f("certification")])}
    return make

def _due_digest(f: Field) -> dict:
    def row(n: str) -> dict:
        return {"kind": f(f"kind{n}"), "due": f(f"due{n}"), "left": f(f"left{n}"),
                "o": _ns(what=f(f"what{n}"), controller=f(f"controller{n}"), url="/requests/x/")}
    return {"overdue": [row("1")], "soon": [row("2")], "base_url": "http://testserver",
            "settings_link": LINK}


def _subprocessor_change_withdrawn(f: Field) -> dict:
    return {"controller": _ns(name=f("controller")), "processor": f("processor"), "kind": ChangeKind.REPLACE,
            "replaces": _ns(name=f("replaces")), "subprocessor": _subprocessor(f),
            "reference": f("reference"), "effective_at": f("effective_at"), "note": f("note")}


def _staff_answer_received(f: Field) -> dict:
    return {"controller_name": f("controller_name"), "what": f("what"), "reference": f("reference"),
            "subject": f("subject"), "detail": f("detail")}


# Mail type → the contexts that together show every field it can show (one per branch).
CASES: dict[str, list[Callable[[Field], dict]]] = {
    "breach_notice": [_breach_notice],
    "breach_reminder": [_breach_reminder],
    "agreement_signed": [_agreement_signed],
    "signature_invitation": [_signature_invitation, _signature_invitation_new_login],
    "invitation": [_invitation],
    "password_reset": [_password_reset],
    "audit_requested": [_audit_requested],
    "audit_update": [_audit_update("scheduled"), _audit_update("alternative"), _audit_update("completed")],
    "authority_closed": [_authority_closed],
    "authority_request": [_authority_request],
    "certificate_issued": [_certificate_issued],
    "dsr_forwarded": [_dsr_forwarded],
    "dsr_task_asked": [_dsr_task_asked],
    "dsr_task_done": [_dsr_task_done],
    "instruction_flagged": [_instruction_flagged],
    "measures_changed": [_measures_changed(True), _measures_changed(False)],
    "termination_opened": [_termination_opened],
    "termination_update": [_termination_update],
    "subprocessor_change_notice": [lambda f: _subprocessor_change(f, "replace")],
    "subprocessor_consent_request": [lambda f: _subprocessor_change(f, "replace")],
    "trust_confirmation": [_trust_confirmation("email"), _trust_confirmation("webhook")],
    "trust_announcement": [_trust_announcement(e) for e in ("proposed", "activated", "withdrawn",
                                                            "measures")],
    "subprocessor_change_update": [_subprocessor_change_update("withdraw"),
                                   _subprocessor_change_update("alternative")],
    "due_digest": [_due_digest],
    "subprocessor_change_withdrawn": [_subprocessor_change_withdrawn],
    "staff_answer_received": [_staff_answer_received],
}


# Fields the shared builders fill that a mail type does not show (its text part may).
NOT_SHOWN: dict[str, set[str]] = {
    "breach_notice": {"system"},
    "audit_requested": {"alternative", "cost_bearer", "report_sha256"},
    "audit_update": {"cost_rule", "cost_rule_label", "reference", "scope"},
    "certificate_issued": {"cost_estimate"},
    "termination_opened": {"certificate_sha256", "cost_estimate"},
    "termination_update": {"certificate_sha256"},
    "subprocessor_consent_request": {"objection_deadline", "takes_effect_at"},
    "subprocessor_change_update": {"sp_address", "sp_country", "sp_service"},
    "subprocessor_change_withdrawn": {"sp_address", "sp_country", "sp_service"},
}


def _html_templates() -> set[tuple[str, str]]:
    found = set()
    for path in SRC.rglob("*_body.html"):
        if path.parent.parent.name == "email":
            found.add((path.name.removesuffix("_body.html"), path.parent.name))
    return found


class _Parsed(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: Counter = Counter()
        self.attrs: list[tuple[str, str | None]] = []
        self.chunks: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attrs += attrs

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return "".join(self.chunks)


class _Fields:
    """Hands out one value per field; remembers which fields the case filled."""

    def __init__(self, language: str, fill: Callable[[str], str]):
        self.language = language
        self.fill = fill
        self.used: set[str] = set()

    def __call__(self, name: str) -> str:
        self.used.add(name)
        return self.fill(name)


def _render(name: str, language: str, make: Callable[[Field], dict], fill: Callable[[str], str]):
    fields = _Fields(language, fill)
    ctx = make(fields)  # type: ignore[arg-type]
    _subject, _text, html = render_email(name, language, {**ctx, "link": LINK})
    return html, fields.used


def test_it_has_a_case_for_every_mail_type():
    templates = _html_templates()
    assert {name for name, _ in templates} == set(CASES), "every *_body.html needs a case in CASES"
    # nl and en both exist for every type, so the parametrised test below covers both.
    assert templates == {(name, lang) for name in CASES for lang in ("nl", "en")}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_it_escapes_hostile_text_in_every_field_of_every_mail(name, language):
    for make in CASES[name]:
        plain, _ = _render(name, language, make, lambda field: f"plain {field}")
        html, used = _render(name, language, make, lambda field: f"{HOSTILE}{field}")
        clean, hostile = _Parsed(plain), _Parsed(html)
        # No element and no attribute came from the typed text.
        assert hostile.tags == clean.tags
        assert {k for k, _ in hostile.attrs} == {k for k, _ in clean.attrs}
        assert not any(k.startswith("on") for k, _ in hostile.attrs)
        assert "script" not in hostile.tags and "img" not in hostile.tags
        # The typed text is there, whole, as text: escaped in the source.
        shown = {field for field in used if f"{HOSTILE}{field}" in hostile.text}
        assert shown, f"{name}: no hostile field reached the HTML part"
        for field in shown:
            assert escape(f"{HOSTILE}{field}") in html
        assert "<script>" not in html and "<img" not in html


def test_every_field_of_every_mail_type_is_shown_by_some_case():
    """The cases reach every field they fill (so the test above checks them all)."""
    for name, makes in CASES.items():
        used_all: set[str] = set()
        shown_all: set[str] = set()
        for make in makes:
            html, used = _render(name, "en", make, lambda field: f"{HOSTILE}{field}")
            text = _Parsed(html).text
            used_all |= used
            shown_all |= {f for f in used if f"{HOSTILE}{f}" in text}
        assert used_all - shown_all == NOT_SHOWN.get(name, set()), name


def test_no_mail_html_template_switches_escaping_off():
    for path in SRC.rglob("*.html"):
        if "email" not in path.parts:
            continue
        source = path.read_text()
        assert "autoescape off" not in source and "|safe" not in source, path
