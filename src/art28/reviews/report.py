"""The analysis of a review laid out for people: the HTML page and the PDF share this."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import typst
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from art28.analyzer.report import FIELDS
from art28.core.localtime import local_time
from art28.core.templatetags.art28 import language_name
from art28.reviews import labels
from art28.reviews.models import Review
from art28.terms.countries import country_label

CHECKLIST_LABELS = {
    "details_subject_matter": gettext_lazy("Subject matter of the processing"),
    "details_duration": gettext_lazy("Duration of the processing"),
    "details_nature": gettext_lazy("Nature of the processing"),
    "details_purpose": gettext_lazy("Purpose of the processing"),
    "details_data_types": gettext_lazy("Types of personal data"),
    "details_subject_categories": gettext_lazy("Categories of data subjects"),
    "a_documented_instructions": gettext_lazy("(a) Only on documented instructions"),
    "b_confidentiality": gettext_lazy("(b) Confidentiality of the people processing"),
    "c_security": gettext_lazy("(c) Security measures (Article 32)"),
    "d_subprocessors": gettext_lazy("(d) Conditions for sub-processors"),
    "e_data_subject_rights": gettext_lazy("(e) Assistance with data subjects' rights"),
    "f_assist_32_36": gettext_lazy("(f) Assistance with Articles 32 to 36"),
    "g_delete_or_return": gettext_lazy("(g) Deletion or return at the end"),
    "h_audits": gettext_lazy("(h) Information and audits"),
    "instruction_infringement_alert": gettext_lazy("Alert when an instruction infringes the law"),
}


def _lang() -> str:
    return "nl" if (get_language() or "en").startswith("nl") else "en"


def _get(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _shown(path: str, value: Any) -> str:
    if path == "law.governing_law" and isinstance(value, str):
        # The analyzer reads a law as its ISO code ("NL", "GB-ENG"); a reader sees the country.
        return country_label(value, _lang()) or value
    return labels.value(value)


def term_rows(review: Review) -> list[dict[str, Any]]:
    """The main fields: label, value as read, and the quotes it was read from."""
    idx = 1 if _lang() == "nl" else 0
    terms = review.result.get("terms") or {}
    return [{"path": path, "label": names[idx], "value": _shown(path, _get(terms, path)),
             "stated": _get(terms, path) not in (None, []), "evidence": review.evidence(path)}
            for path, names in FIELDS.items()]


def checklist_rows(review: Review) -> list[dict[str, Any]]:
    requirements, lang = review.result.get("requirements") or {}, _lang()
    return [{"key": key, "label": str(CHECKLIST_LABELS.get(key, _("Article 28(3) requirement"))),
             "status": item.get("status"), "status_label": labels.value_status(item.get("status")),
             "note": labels.checklist_note(key, item, requirements, lang),
             "evidence": item.get("evidence") or []}
            for key, item in (review.result.get("art28") or {}).items()]


def finding_rows(review: Review) -> list[dict[str, Any]]:
    """The findings in the active language, with a word for their weight."""
    names = {key: str(label) for key, label in CHECKLIST_LABELS.items()}
    return [{**f, "severity_label": str(labels.SEVERITIES.get(f.get("severity", ""), _("note"))),
             "badge": labels.SEVERITY_BADGES.get(f.get("severity", ""), "draft"),
             "text": labels.finding_text(f, review.result, names, _lang())}
            for f in review.result.get("findings") or []]


def playbook_rows(review: Review) -> list[dict[str, Any]] | None:
    checks = review.result.get("playbook")
    if checks is None:
        return None
    return [{**c, "text": labels.playbook_text(c)} for c in checks]


GAPS_FIRST = {"missing": 0, "partial": 1, "present": 2}


def requirement_rows(review: Review) -> list[dict[str, Any]]:
    """Each requirement of Article 28(2)-(4) and 32(2) in words, the gaps first.

    The analyzer writes each name and note in English and Dutch; the page shows the active
    language. Reviews stored before the requirement list existed have none.
    """
    lang = _lang()
    rows = [{"key": key, "name": (item.get("name") or {}).get(lang) or _("Requirement"),
             "article": item.get("article", ""),
             "status": item.get("status"),
             "status_label": labels.value_status(item.get("status")),
             "note": (item.get("note") or {}).get(lang, "") if item.get("status") != "present" else "",
             "evidence": [_placed(e) for e in item.get("evidence") or []]}
            for key, item in (review.result.get("requirements") or {}).items()]
    return sorted(rows, key=lambda r: GAPS_FIRST.get(r["status"], 0))


def _placed(evidence: dict[str, Any]) -> dict[str, Any]:
    """A quote with its place in the document: an anchor into the quoted passages and a line."""
    sentence, line = evidence.get("sentence"), evidence.get("line")
    return {**evidence,
            "anchor": f"s-{sentence}" if isinstance(sentence, int) else "",
            "position": _("line %(n)s") % {"n": line} if isinstance(line, int) else ""}


def passage_rows(requirements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The sentences quoted for the requirements, once each and in document order.

    Each names the requirements it is quoted for, so a reader can go from a requirement to
    its place in the agreement and back. A plain review keeps no copy of the document, so
    this is the document view: what it says where the requirements were decided.
    """
    found: dict[int, dict[str, Any]] = {}
    for row in requirements:
        for e in row["evidence"]:
            if not e["anchor"]:
                continue
            place = found.setdefault(e["sentence"], {**e, "requirements": []})
            place["requirements"].append({"key": row["key"], "name": row["name"], "status": row["status"],
                                          "status_label": row["status_label"]})
    return [found[k] for k in sorted(found)]


def report_context(review: Review) -> dict[str, Any]:
    """Everything the HTML report and the PDF show."""
    result = review.result
    return {"review": review, "terms": term_rows(review), "checklist": checklist_rows(review),
            "requirements": (reqs := requirement_rows(review)), "passages": passage_rows(reqs),
            "placeholders": result.get("placeholders") or [], "findings": finding_rows(review),
            "playbook": playbook_rows(review), "counts": review.counts, "source": result.get("source") or {}}


# --- PDF --------------------------------------------------------------------------------

TEMPLATE = Path(__file__).resolve().parent / "typst" / "report.typ"
_lock = threading.Lock()


def _pdf_data(review: Review) -> dict[str, Any]:
    ctx = report_context(review)
    quote = lambda evs: [_quoted(e.get("ref"), e.get("quote", "")) for e in evs[:3]]  # noqa: E731
    placed = lambda evs: [  # noqa: E731
        _quoted(" · ".join(x for x in (e.get("ref"), e["position"]) if x), e.get("quote", ""))
        for e in evs[:3]]
    return {
        "language": _lang(),
        "title": _("Article 28 review of %(f)s") % {"f": review.filename},
        "subtitle": _("Uploaded %(at)s · language %(l)s · SHA-256 %(h)s") % {
            "at": local_time(review.created_at), "l": language_name(review.language), "h": review.sha256},
        "h_terms": _("What the agreement says"), "h_checklist": _("Article 28(3) checklist"),
        "h_requirements": _("Requirements of Article 28(2)–(4) and 32(2), gaps first"),
        "requirements": [[r["status_label"], f"{r['name']} ({r['article']})", r["note"],
                          "\n".join(placed(r["evidence"]))] for r in ctx["requirements"]],
        "h_passages": _("The quoted sentences in document order"),
        "passages": [[p["position"] or "-", p.get("quote", ""),
                      "; ".join(f"{q['name']} ({q['status_label']})" for q in p["requirements"])]
                     for p in ctx["passages"]],
        "h_placeholders": _("Unfilled template fields"), "h_findings": _("Findings"),
        "h_playbook": _("Playbook"), "none": _("none"),
        "terms": [[r["label"], r["value"], "\n".join(quote(r["evidence"]))] for r in ctx["terms"]],
        "checklist": [[r["status_label"], r["label"], r["note"], "\n".join(quote(r["evidence"]))]
                      for r in ctx["checklist"]],
        "placeholders": [_quoted(p.get("ref"), p.get("text", "")) for p in ctx["placeholders"][:50]],
        "findings": [f"{f['severity_label'].upper()}: {f['text']}" for f in ctx["findings"]],
        "playbook": [f"{_('ok') if c.get('ok') else _('DEVIATION')}: {c.get('text', '')}"
                     for c in ctx["playbook"] or []],
    }


def _quoted(place: str | None, text: str) -> str:
    """A quote with its place ("[Artikel 5 · regel 17] ..."); a quote without one stands alone."""
    return f"[{place}] {text}" if place else text


def report_pdf(review: Review) -> bytes:
    """The report as PDF; every string goes in as JSON data, never as typst markup."""
    data = _pdf_data(review)
    with _lock:  # the typst binding is not documented as thread-safe
        return typst.compile(str(TEMPLATE), sys_inputs={"report": json.dumps(data)},
                             ignore_system_fonts=True)
