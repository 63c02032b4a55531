"""The generated permission test: every URL and API operation × every role of the cast.

Each URL pattern (all namespaces) and each operation of the OpenAPI document is filled with
objects of controller A from one shared world (``tests/permission_world.py``): an incident
that touches A and B (A notified, B not yet), a draft version, a draft-only agreement,
staff-only notices, and one object of every kind a URL takes. For every role it sends a
read (GET) and a write: the URL's POST (empty, or the form of ``WEB_BODIES``), or the API
operation's own method with the smallest body its OpenAPI schema accepts (``API_BODIES``
where that is not enough). Then it checks what is due:

* anonymous: the login page (web) or 401 (API);
* outsiders to A (B's user, staff not assigned, the other processor): 404;
* the wrong side (a controller user in the staff console, staff in the portal), read-only
  members writing, staff on an admin-only page: 403 or 404;
* everyone allowed: anything but 5xx, 401, 403 and 404 (a 4xx validation answer is fine);

405 is accepted everywhere (it says nothing about the object). No text response may hold
identifiers the role must not see (B's name, e-mail, agreement and affected-row codes; A's
for outsiders; staff-only notice subjects, draft versions and draft-only agreements for
controller users), and a write by anyone but the admin and B's user must leave B's rows
(affected row, notices, versions, contacts) as they were.

A URL or operation missing from ``AUDIENCE``, or with a parameter no object fills, fails
``test_every_url_has_a_case`` naming it. ``KNOWN_HOLES`` lists the cells that fail today,
each with its hole number in issue 9; they are strict xfails, so a fix makes them fail
until their entry is deleted.

The world is built once per module and rolled back at its end; each cell runs in a
savepoint. pytest-django creates the test database only when a selected test asks for it,
and ``test_every_url_has_a_case`` is the one that does: keep it in any ``-k`` selection
(``-k "every_url or portal_notices"``).
"""

from __future__ import annotations

import functools
import html
import json
import re
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client

from tests.permission_world import (
    FORMATS,
    ROLES,
    api_operations,
    build_world,
    kind_before,
    web_patterns,
)

# Who may do what, per URL name (web) or "METHOD /path" (API): "public" (everyone), "user"
# (anyone logged in), "nowhere" (404 for all), "django_admin" (Django's own admin: nobody in
# the cast has is_staff), or <side>[_<scope>][:<mode>]. Side: "staff" (processor staff and
# admins), "admin" (processor admins only), "portal" (controller users), "both" (either).
# Scope: none (a list: everyone on the side sees their own), "obj" (one of A's objects:
# outsiders to A get 404), "proc" (one of the processor's own objects, e.g. a sub-processor:
# the other processor gets 404), "draft" (A's unsent draft: only staff see it). Mode: none
# (GET reads, other methods write), "r" (the view only reads, POST included), "w" (a form:
# GET belongs to the write, read-only members get 403 on it too).
AUDIENCE: dict[str, str] = {
    "set_language": "public",
    "admin:login": "public",
    "admin:logout": "public",
    "api-v1:openapi-json": "public",
    "api-v1:openapi-view": "public",
    "api-v1:api-root": "nowhere",
    "subprocessors:list": "staff:r",
    "subprocessors:create": "admin:w",
    "subprocessors:flowdown": "staff:r",
    "subprocessors:change_list": "staff:r",
    "subprocessors:change_create": "admin:w",
    "subprocessors:change_detail": "staff_proc:r",
    "subprocessors:change_withdraw": "admin_proc",
    "subprocessors:clock_resolve": "staff_obj",
    "subprocessors:annex_sync": "staff_obj",
    "subprocessors:detail": "staff_proc:r",
    "subprocessors:edit": "admin_proc:w",
    "subprocessors:file": "staff_proc:r",
    "subprocessors:portal_list": "portal:r",
    "subprocessors:portal_history": "portal_obj:r",
    "subprocessors:portal_download": "portal_obj:r",
    "subprocessors:portal_change": "portal_obj:r",
    "subprocessors:portal_answer": "portal_obj",
    "subprocessors:public": "public",
    "subprocessors:trust_subscribe": "public",
    "subprocessors:trust_feed": "public",
    "subprocessors:trust_confirm": "public",
    "subprocessors:trust_unsubscribe": "public",
    "subprocessors:trust_statement": "admin:w",
    "subprocessors:trust_subscribers": "admin:r",
    "subprocessors:trust_subscribers_export": "admin:r",
    "subprocessors:trust_subscriber_remove": "admin_proc",
    "evidence:verify": "public",
    "breaches:incident_list": "staff:r",
    "breaches:incident_create": "staff:w",
    "breaches:clock_dashboard": "staff:r",
    "breaches:register_csv": "staff:r",
    "breaches:register_pdf": "staff:r",
    "breaches:incident_detail": "staff_obj:r",
    "breaches:incident_edit": "staff_obj",
    "breaches:affected_adjust": "staff_obj",
    "breaches:notices_send": "staff_obj",
    "breaches:incident_no_notice": "staff_obj",
    "breaches:incident_close": "staff_obj",
    "breaches:portal_notices": "portal:r",
    "breaches:portal_register_csv": "portal:r",
    "breaches:portal_register_pdf": "portal:r",
    "breaches:portal_notice": "portal_obj:r",
    "breaches:portal_draft_pdf": "portal_obj:r",
    "breaches:portal_draft_docx": "portal_obj:r",
    "breaches:portal_acknowledge": "portal_obj",
    "breaches:portal_severity": "portal_obj",
    "requests:staff_overview": "staff:r",
    "requests:staff_agreement": "staff_obj:r",
    "requests:dsr_create": "staff_obj",
    "requests:instruction_record": "staff_obj",
    "requests:authority_create": "staff_obj",
    "requests:termination_create": "staff_obj",
    "requests:dsr_detail": "staff_obj:r",
    "requests:task_done": "staff_obj",
    "requests:task_evidence": "staff_obj:r",
    "requests:instruction_flag": "staff_obj",
    "requests:instruction_mail": "staff_obj:r",
    "requests:authority_detail": "staff_obj:r",
    "requests:authority_close": "staff_obj",
    "requests:audit_detail": "staff_obj:r",
    "requests:audit_schedule": "staff_obj",
    "requests:audit_alternative": "staff_obj",
    "requests:audit_complete": "staff_obj",
    "requests:audit_report": "staff_obj:r",
    "measures:list": "staff:r",
    "measures:publish": "admin",
    "agreements:termination_detail": "staff_obj:r",
    "agreements:termination_estimate": "staff_obj",
    "agreements:termination_file": "staff_obj",
    "agreements:termination_destruction": "staff_obj",
    "agreements:termination_retention": "staff_obj",
    "agreements:termination_certificate": "staff_obj",
    "agreements:certificate_pdf": "staff_obj:r",
    "agreements:returned_file": "staff_obj:r",
    "records:ropa_download": "staff:r",
    "requests:portal_home": "portal:r",
    "requests:portal_dsr": "portal_obj:r",
    "requests:portal_dsr_task": "portal_obj",
    "requests:portal_dsr_extend": "portal_obj",
    "requests:portal_dsr_close": "portal_obj",
    "requests:portal_task_evidence": "portal_obj:r",
    "requests:portal_instruction_give": "portal_obj",
    "requests:portal_instruction": "portal_obj:r",
    "requests:portal_instruction_resolve": "portal_obj",
    "requests:portal_authority": "portal_obj:r",
    "requests:portal_authority_object": "portal_obj",
    "requests:portal_audit_request": "portal_obj",
    "requests:portal_audit": "portal_obj:r",
    "requests:portal_audit_answer": "portal_obj",
    "requests:portal_audit_report": "portal_obj:r",
    "agreements:portal_termination": "portal_obj:r",
    "agreements:portal_termination_choose": "portal_obj",
    "agreements:portal_certificate": "portal_obj:r",
    "agreements:portal_returned_file": "portal_obj:r",
    "records:portal_ropa": "portal:r",
    "reviews:review_list": "staff:r",
    "accounts:invitation_accept": "public",
    "accounts:password_reset": "public",
    "accounts:password_reset_confirm": "public",
    "accounts:recovery_codes": "staff:r",
    "accounts:team_list": "admin:r",
    "accounts:team_invite": "admin:w",
    "accounts:member_detail": "admin_proc:r",
    "accounts:member_role": "admin_proc",
    "accounts:member_assign": "admin_proc",
    "accounts:member_deactivate": "admin_proc",
    "accounts:member_reactivate": "admin_proc",
    "accounts:member_reset_factor": "admin_proc",
    "accounts:controller_access": "staff_obj",
    "accounts:controller_assign": "admin_obj",
    "accounts:invitation_resend": "both_obj",
    "accounts:invitation_revoke": "both_obj",
    "accounts:portal_member_role": "both_obj",
    "accounts:portal_member_deactivate": "both_obj",
    "accounts:portal_team": "portal",
    "reviews:review_create": "staff:w",
    "reviews:playbook_edit": "admin:w",
    "reviews:import_create": "staff:w",
    "reviews:subprocessor_import_create reviews/import/subprocessor/": "admin:w",
    "reviews:subprocessor_import_create reviews/import/subprocessor/<uuid:code>/": "admin_proc:w",
    "reviews:review_detail": "staff_obj:r",
    "reviews:review_pdf": "staff_obj:r",
    "reviews:import_confirm": "staff_obj",
    "accounts:home": "public",
    "accounts:login": "public",
    "accounts:otp_verify": "user",
    "accounts:otp_setup": "user",
    "accounts:logout": "public",
    "obligations:staff_dashboard": "staff:r",
    # One's own calendar settings (not client data): read-only members may rotate their address.
    "obligations:settings": "both:r",
    "obligations:feed_rotate": "both:r",
    "obligations:digest": "staff:r",
    "obligations:feed": "nowhere",  # a forged token: 404 for everyone
    "parties:processor_edit": "admin:w",
    "ledger:ledger": "admin",
    "ledger:ledger_verify": "admin:w",
    "parties:controller_list": "staff:r",
    "parties:controller_create": "admin:w",
    "parties:controller_import": "admin:w",
    "parties:controller_detail": "staff_obj:r",
    "parties:controller_edit": "staff_obj:w",
    "parties:contact_add": "staff_obj:w",
    "agreements:agreement_create": "staff_obj:w",
    "parties:contact_edit": "staff_obj:w",
    "parties:contact_remove": "staff_obj:w",
    "agreements:agreement_list": "staff:r",
    "agreements:agreement_detail": "staff_obj:r",
    "agreements:agreement_terms": "staff_obj:w",
    "agreements:version_preview": "staff_obj:r",
    "agreements:version_pdf": "staff_obj:r",
    "agreements:version_signed_pdf": "staff_obj:r",
    "agreements:version_docx": "staff_obj:r",
    "agreements:version_send": "staff_obj:w",
    "agreements:version_countersign": "staff_obj",
    "obligations:portal_home": "portal:r",
    "agreements:portal_agreement": "portal_obj:r",
    "agreements:portal_accept": "portal_obj",
    "agreements:portal_version_pdf": "portal_draft:r",
    "agreements:portal_signed_pdf": "portal_obj:r",
    "notices:portal_notices": "portal:r",
    "notices:portal_notice": "portal_obj:r",
    "GET /api/v1/controllers": "both",
    "POST /api/v1/controllers": "admin",
    "GET /api/v1/controllers/{code}": "both_obj",
    "PATCH /api/v1/controllers/{code}": "staff_obj",
    "GET /api/v1/controllers/{code}/contacts": "both_obj",
    "POST /api/v1/controllers/{code}/contacts": "staff_obj",
    "PATCH /api/v1/controllers/{code}/contacts/{contact_code}": "staff_obj",
    "DELETE /api/v1/controllers/{code}/contacts/{contact_code}": "staff_obj",
    "GET /api/v1/agreements": "both",
    "POST /api/v1/agreements": "staff_obj",
    "GET /api/v1/agreements/{code}": "both_obj",
    "PATCH /api/v1/agreements/{code}/terms": "staff_obj",
    "GET /api/v1/agreements/{code}/versions": "both_obj",
    "GET /api/v1/agreements/{code}/versions/{number}": "both_draft",
    "GET /api/v1/agreements/{code}/versions/{number}/document": "both_draft",
    "GET /api/v1/agreements/{code}/versions/{number}/signed": "both_obj",
    "POST /api/v1/agreements/{code}/versions/{number}/send": "staff_obj",
    "POST /api/v1/agreements/{code}/versions/{number}/accept": "portal_obj",
    "POST /api/v1/agreements/{code}/versions/{number}/countersign": "staff_obj",
    "GET /api/v1/tokens": "admin",
    "GET /api/v1/invitations": "both",
    "POST /api/v1/invitations": "both_obj",
    "POST /api/v1/invitations/{code}/resend": "both_obj",
    "DELETE /api/v1/invitations/{code}": "both_obj",
    "GET /api/v1/team": "admin",
    "GET /api/v1/team/{code}": "admin_proc",
    "PATCH /api/v1/team/{code}": "admin_proc",
    "POST /api/v1/team/{code}/deactivate": "admin_proc",
    "POST /api/v1/team/{code}/reactivate": "admin_proc",
    "POST /api/v1/team/{code}/second-factor/reset": "admin_proc",
    "GET /api/v1/profile": "admin",
    "PATCH /api/v1/profile": "admin",
    "PUT /api/v1/team/{code}/assignments/{controller}": "admin_proc",
    "DELETE /api/v1/team/{code}/assignments/{controller}": "admin_proc",
    "POST /api/v1/tokens": "admin",
    "DELETE /api/v1/tokens/{code}": "admin_obj",
    "POST /api/v1/agreements/{code}/data-subject-requests": "staff_obj",
    "GET /api/v1/data-subject-requests/{code}": "both_obj",
    "POST /api/v1/data-subject-requests/{code}/tasks": "portal_obj",
    "POST /api/v1/request-tasks/{code}/done": "staff_obj",
    "POST /api/v1/request-tasks/{code}/evidence-file": "staff_obj",
    "GET /api/v1/request-tasks/{code}/evidence-file": "both_obj",
    "POST /api/v1/data-subject-requests/{code}/extend": "portal_obj",
    "POST /api/v1/data-subject-requests/{code}/close": "portal_obj",
    "POST /api/v1/agreements/{code}/instructions": "portal_obj",
    "POST /api/v1/agreements/{code}/mailed-instructions": "staff_obj",
    "GET /api/v1/instructions/{code}/mail": "staff_obj",
    "GET /api/v1/instructions/{code}": "both_obj",
    "POST /api/v1/instructions/{code}/flag": "staff_obj",
    "POST /api/v1/instructions/{code}/resolve": "portal_obj",
    "POST /api/v1/agreements/{code}/authority-requests": "staff_obj",
    "GET /api/v1/authority-requests/{code}": "both_obj",
    "POST /api/v1/authority-requests/{code}/objection": "portal_obj",
    "POST /api/v1/authority-requests/{code}/close": "staff_obj",
    "POST /api/v1/agreements/{code}/audits": "portal_obj",
    "GET /api/v1/audits/{code}": "both_obj",
    "POST /api/v1/audits/{code}/schedule": "staff_obj",
    "POST /api/v1/audits/{code}/alternative": "staff_obj",
    "POST /api/v1/audits/{code}/complete": "staff_obj",
    "GET /api/v1/audits/{code}/report": "both_obj",
    "GET /api/v1/measures": "staff",
    "POST /api/v1/measures": "admin",
    "POST /api/v1/agreements/{code}/termination": "staff_obj",
    "GET /api/v1/terminations/{code}": "both_obj",
    "POST /api/v1/audits/{code}/answer": "portal_obj",
    "POST /api/v1/terminations/{code}/estimate": "staff_obj",
    "PUT /api/v1/terminations/{code}/retention": "staff_obj",
    "POST /api/v1/terminations/{code}/choice": "portal_obj",
    "POST /api/v1/terminations/{code}/destructions": "staff_obj",
    "POST /api/v1/terminations/{code}/certificate": "staff_obj",
    "GET /api/v1/terminations/{code}/certificate": "both_obj",
    "POST /api/v1/terminations/{code}/returned-files": "staff_obj",
    "GET /api/v1/returned-files/{code}": "both_obj",
    "GET /api/v1/ropa": "both",
    "GET /api/v1/breaches": "staff",
    "GET /api/v1/obligations": "both",
    "POST /api/v1/breaches": "staff",
    "GET /api/v1/breaches/clocks": "staff",
    "GET /api/v1/breaches/left-out": "staff",
    "GET /api/v1/breaches/register.{fmt}": "staff",
    "GET /api/v1/breaches/{code}": "staff_obj",
    "PATCH /api/v1/breaches/{code}": "staff_obj",
    "GET /api/v1/breaches/{code}/affected": "staff_obj",
    "POST /api/v1/breaches/{code}/affected": "staff_obj",
    "POST /api/v1/breaches/{code}/notices": "staff_obj",
    "POST /api/v1/breaches/{code}/notices/preview": "staff_obj",
    "GET /api/v1/breaches/{code}/notices": "staff_obj",
    "POST /api/v1/breaches/{code}/no-notice": "staff_obj",
    "POST /api/v1/breaches/{code}/close": "staff_obj",
    "GET /api/v1/breach-notices": "both",
    "GET /api/v1/breach-notices/register.{fmt}": "portal",
    "GET /api/v1/breach-notices/{code}": "both_obj",
    "POST /api/v1/breach-notices/{code}/acknowledge": "portal_obj",
    "GET /api/v1/breach-notices/{code}/clock": "both_obj",
    "GET /api/v1/breach-notices/{code}/authority-draft": "both_obj",
    "GET /api/v1/breach-notices/{code}/severity": "both_obj",
    "PUT /api/v1/breach-notices/{code}/severity": "portal_obj",
    "GET /api/v1/subprocessors": "both",
    "POST /api/v1/subprocessors": "admin",
    "GET /api/v1/subprocessors/{code}": "staff_proc",
    "PATCH /api/v1/subprocessors/{code}": "admin_proc",
    "GET /api/v1/subprocessors/{code}/transfer": "staff_proc",
    "GET /api/v1/subprocessors/{code}/flowdown": "staff_proc",
    "GET /api/v1/subprocessors/{code}/agreements": "staff_proc",
    "GET /api/v1/subprocessor-flowdown": "staff",
    "POST /api/v1/subprocessor-changes/plan": "admin_proc",
    "POST /api/v1/subprocessor-changes": "admin_proc",
    "GET /api/v1/subprocessor-changes": "staff",
    "GET /api/v1/subprocessor-changes/{code}": "staff_proc",
    "GET /api/v1/subprocessor-changes/{code}/clocks": "staff_proc",
    "POST /api/v1/subprocessor-changes/{code}/withdraw": "admin_proc",
    "POST /api/v1/subprocessor-changes/preview": "admin_proc",
    "GET /api/v1/subprocessor-changes/{code}/withdraw-preview": "admin_proc",
    "GET /api/v1/subprocessor-clocks": "both",
    "GET /api/v1/subprocessor-clocks/{code}": "both_obj",
    "POST /api/v1/subprocessor-clocks/{code}/answer": "portal_obj",
    "POST /api/v1/subprocessor-clocks/{code}/resolve": "staff_obj",
    "GET /api/v1/agreements/{code}/subprocessors": "both_obj",
    "GET /api/v1/agreements/{code}/subprocessors/history": "both_obj",
    "GET /api/v1/agreements/{code}/subprocessors/export": "both_obj",
    "POST /api/v1/agreements/{code}/subprocessors/annex-sync": "staff_obj",
    "POST /api/v1/analyses": "staff",
    "GET /api/v1/analyses/{code}": "staff_obj",
    "POST /api/v1/analyses/{code}/confirm": "staff_obj",
}

# Parameters filled with something other than the object the URL segment names.
NUMBERS = {  # API version numbers: 2 is A's unsent draft
    "GET /api/v1/agreements/{code}/versions/{number}": 2,
    "GET /api/v1/agreements/{code}/versions/{number}/document": 2,
}
VARIANTS = {
    "notices:portal_notice": {"code": "portal_notice"},
    "agreements:portal_version_pdf": {"code": "draft_version"},
    "subprocessors:portal_change": {"code": "clock"},
    "subprocessors:portal_answer": {"code": "clock"},
}

# Cells that fail today: (case, method, role) -> why. Strict xfails: delete an entry once
# its hole is closed.
KNOWN_HOLES: dict[tuple[str, str, str], str] = {
    # Holes 1, 2 and 4 of issue 9 were listed here until their fixes landed; add a cell here
    # (with the reason) only for a hole that is known and not yet fixed.
}

STAFF_SIDE = {"staff_a", "staff_ro", "staff_none", "admin", "other_admin"}
INSIDERS_A = {"staff_a", "staff_ro", "admin", "user_a", "user_a_ro"}
READ_ONLY = {"staff_ro", "user_a_ro"}
# Identifier groups of the world each role must never read.
FORBIDDEN = {
    "anonymous": ("A", "B", "staff_only", "draft"),
    "user_a": ("B", "staff_only", "draft"),
    "user_a_ro": ("B", "staff_only", "draft"),
    "user_b": ("A", "staff_only", "draft"),
    "staff_a": ("B",),
    "staff_ro": ("B",),
    "staff_none": ("A", "B", "staff_only", "draft"),
    "admin": (),
    "other_admin": ("A", "B", "staff_only", "draft"),
    "other_user": ("A", "B", "staff_only", "draft"),
}


def due(audience: str, role: str, method: str) -> str:
    """What ``role`` must get: ok, login, admin_login, hidden (404) or denied (403/404).

    ``:r`` after the audience: the view only reads, whatever the method; ``:w``: it is a
    form whose every method belongs to a write (read-only members get 403 on GET too).
    """
    audience, _, mode = audience.partition(":")
    write = mode == "w" or (method != "GET" and mode != "r")
    if audience == "public":
        return "ok"
    if audience == "nowhere":
        return "hidden"
    if audience == "django_admin":
        return "admin_login"
    if role == "anonymous":
        return "login"
    if audience == "user":
        return "ok"
    side, _, scope = audience.partition("_")
    if side in ("staff", "admin") and role not in STAFF_SIDE:
        return "denied"
    if side == "portal" and role in STAFF_SIDE:
        return "denied"
    if side == "admin" and role not in ("admin", "other_admin"):
        return "denied"
    if scope == "draft" and role not in STAFF_SIDE:
        return "hidden"
    if scope == "proc" and role in ("other_admin", "other_user"):
        return "hidden"
    if scope in ("obj", "draft") and role not in INSIDERS_A:
        return "hidden"
    if write and role in READ_ONLY:
        return "denied"
    return "ok"


def outcome(response, api: bool) -> str:
    status = response.status_code
    if status >= 500:
        return f"error {status}"
    if status == 405:
        return "any"
    if status in (301, 302):
        location = response.get("Location", "")
        if location.startswith("/admin/login/"):
            return "admin_login"
        if location.startswith("/login/?next="):
            return "login"
    if status == 401 and api:
        return "login"
    return {404: "hidden", 403: "forbidden", 401: "unauthorised"}.get(status, "ok")


ACCEPTS = {"ok": {"ok"}, "login": {"login"}, "admin_login": {"admin_login"}, "hidden": {"hidden"},
           "denied": {"hidden", "forbidden"}}


# --- the cases --------------------------------------------------------------------------------

def _fill(route: str, values: dict[str, str]) -> str:
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], route)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: values[m.group(1)], path)
    path = re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path)
    return "/" + path.lstrip("^").rstrip("$").replace("\\", "")


def _cases() -> list[dict]:
    web = web_patterns()
    names = [n for n, _, _ in web]
    cases = []
    for name, route, params in web:
        key = name if names.count(name) == 1 else f"{name} {route}"
        # Django's own admin: nobody in the cast may enter, GET is enough to show it.
        for method in ("GET",) if name.startswith("admin:") else ("GET", "POST"):
            cases.append({"key": key, "route": route, "params": params, "method": method, "api": False})
    for method, path in api_operations():
        key = f"{method} {path}"
        cases.append({"key": key, "route": path.removeprefix("/"), "params": re.findall(r"\{(\w+)\}", path),
                      "method": method, "api": True})
    return cases


CASES = _cases()


def _kinds(case: dict) -> dict[str, str | None]:
    """The world object (or literal) for each parameter; None where nothing fills it."""
    if case["key"].startswith("admin:"):
        return {p: "literal" for p in case["params"]}
    variant = VARIANTS.get(case["key"], {})
    kinds: dict[str, str | None] = {}
    for p in case["params"]:
        if p in variant:
            kinds[p] = variant[p]
        elif p in FORMATS or p == "number":
            kinds[p] = "literal"
        elif p == "contact_code":
            kinds[p] = "contact"
        else:
            kinds[p] = kind_before(case["route"], p)
    return kinds


def _audience(key: str) -> str | None:
    return AUDIENCE.get(key) or ("django_admin" if key.startswith("admin:") else None)


@pytest.mark.django_db  # also what makes pytest-django create the test database for the walk
def test_every_url_has_a_case(world):
    """A new URL or API operation needs an entry in AUDIENCE and an object for each parameter."""
    missing = sorted({c["key"] for c in CASES if _audience(c["key"]) is None})
    unfilled = sorted({f"{c['key']} ({p})" for c in CASES for p, k in _kinds(c).items()
                       if k is None or (k != "literal" and k not in world.objects)})
    stale = sorted(set(AUDIENCE) - {c["key"] for c in CASES})
    assert not missing, f"URLs without an expectation in AUDIENCE: {missing}"
    assert not unfilled, f"URL parameters no world object fills (SEGMENT_KINDS): {unfilled}"
    assert not stale, f"AUDIENCE entries for URLs that no longer exist: {stale}"
    holes = {(c["key"], c["method"]) for c in CASES}
    assert not [h for h in KNOWN_HOLES if h[:2] not in holes or h[2] not in ROLES]


def _cells():
    for case in CASES:
        if _audience(case["key"]) is None or None in _kinds(case).values():
            continue  # test_every_url_has_a_case names it
        for role in ROLES:
            marks = []
            hole = KNOWN_HOLES.get((case["key"], case["method"], role))
            if hole:
                marks.append(pytest.mark.xfail(reason=hole, strict=True))
            yield pytest.param(case, role, marks=marks, id=f"{case['method']} {case['key']} as {role}")


# --- the world and the walk ------------------------------------------------------------------

TEST_SETTINGS = {  # what tests/conftest.py's _media_root sets per test, once for the module
    "LANGUAGE_CODE": "en", "BASE_URL": "http://testserver",
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "ART28_PUBLIC_SUBPROCESSOR_PAGE": True,
}


@pytest.fixture
def _media_root():
    """Replaces the per-test media folder of tests/conftest.py: the world's files live for the module."""


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """One world for the module, rolled back at its end; each cell runs in a savepoint."""
    from django.test import override_settings
    from django.utils import translation

    storages = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"), STORAGES=storages, **TEST_SETTINGS), \
            translation.override("en"), django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def _value(world, kind: str, param: str, case: dict) -> str:
    if kind == "literal":
        if param == "number":
            return str(NUMBERS.get(case["key"], 1))
        if param == "app_label":
            return "auth"
        return FORMATS.get(param, "1")
    return str(world.objects[kind].code)


def _b_rows(world) -> tuple:
    """Everything of controller B an action on A's objects could touch."""
    from art28.agreements.models import AgreementVersion
    from art28.breaches.models import AffectedAgreement, IncidentNotice
    from art28.notices.models import Notice
    from art28.parties.models import Contact, Controller

    b = world.objects["controller_b"]
    return (
        list(AffectedAgreement.objects.filter(agreement__controller=b).order_by("pk").values()),
        IncidentNotice.objects.filter(affected__agreement__controller=b).count(),
        Notice.objects.filter(controller=b).count(),
        list(AgreementVersion.objects.filter(agreement__controller=b).order_by("pk").values_list("status")),
        list(Contact.objects.filter(controller=b).order_by("pk").values()),
        list(Controller.objects.filter(pk=b.pk).values()),
    )


def _leaks(world, role: str, response) -> list[str]:
    kind = response.get("Content-Type", "")
    textual = kind.startswith("text/") or "json" in kind or "csv" in kind
    streamed = getattr(response, "streaming", False)
    if not textual or (streamed and "csv" not in kind):
        return []  # PDF, DOCX, XLSX and file downloads: their text is compressed
    # A streamed CSV export is read whole, so its rows are checked like any page.
    body = (response.getvalue() if streamed else response.content).decode("utf-8", "replace")
    return sorted(f"{group}: {secret!r}" for group in FORBIDDEN[role] for secret in world.secrets[group]
                  if secret in body or html.escape(secret) in body)


@pytest.mark.parametrize(("case", "role"), list(_cells()))
def test_permission(world, case, role):
    with transaction.atomic():
        try:
            _walk(world, case, role)
        finally:
            transaction.set_rollback(True)


@functools.cache
def _client() -> Client:
    # One client for the walk: a new one loads the middleware again, and WhiteNoise's
    # start-up (a scan of every static file) would be most of the time of a cell.
    return Client()


def _walk(world, case: dict, role: str) -> None:
    client = _client()
    client.cookies = SimpleCookie()
    headers = {}
    if role != "anonymous":
        if case["api"]:
            headers["Authorization"] = f"Bearer {world.tokens[role]}"
        else:
            client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    values = {p: _value(world, k, p, case) for p, k in _kinds(case).items()}
    path = _fill(case["route"], values)
    watch_b = case["method"] != "GET" and role not in ("admin", "user_b")
    before = _b_rows(world) if watch_b else None
    kwargs = _body(world, case) if case["method"] != "GET" else {}
    response = getattr(client, case["method"].lower())(path, headers=headers, **kwargs)
    expected = due(_audience(case["key"]), role, case["method"])
    got = outcome(response, case["api"])
    assert got == "any" or got in ACCEPTS[expected], (
        f"{case['method']} {path} as {role}: due {expected}, got {got} ({response.status_code})")
    leaks = _leaks(world, role, response)
    assert not leaks, f"{case['method']} {path} as {role} shows {leaks}"
    if watch_b:
        assert _b_rows(world) == before, f"{case['method']} {path} as {role} changed controller B's rows"


# --- minimal bodies ---------------------------------------------------------------------------

# Bodies that make a write reach the rows of an incident touching A and B.
API_BODIES = {
    "POST /api/v1/breaches/{code}/notices": lambda w: {"stage": "initial", "message": "Update"},
    # Bodies naming another object of the world.
    "POST /api/v1/agreements": lambda w: {"controller": str(w.objects["controller"].code)},
    "POST /api/v1/subprocessor-changes": lambda w: _change_body(w),
    "POST /api/v1/subprocessor-changes/plan": lambda w: _change_body(w),
    "POST /api/v1/subprocessor-changes/preview": lambda w: _change_body(w),
    # Two routers each call their schema AnswerIn / ResolveIn, and the OpenAPI document
    # keeps one of each: generated from the document, these bodies would not validate.
    "POST /api/v1/invitations": lambda w: {"email": "new-colleague@walk1.example", "role": "client",
                                           "controller": str(w.objects["controller"].code)},
    "POST /api/v1/audits/{code}/answer": lambda w: {"accept": True},
    "POST /api/v1/instructions/{code}/resolve": lambda w: {"confirm": True, "note": "ok"},
}


def _change_body(world) -> dict:
    from django.utils import timezone

    return {"kind": "add", "subprocessor": str(world.objects["subprocessor"].code),
            "effective_at": timezone.now().isoformat()}
WEB_BODIES = {
    "breaches:affected_adjust": lambda w: {
        "listed": [str(w.objects["row_a"].code), str(w.objects["row_b"].code)],
        "include": [str(w.objects["row_a"].code)],
        f"reason-{w.objects['row_b'].code}": "Its data is in another bucket"},
    "breaches:notices_send": lambda w: {"stage": "initial", "message": "Update", "confirm": "1"},
}


def _body(world, case: dict) -> dict:
    if not case["api"]:
        make = WEB_BODIES.get(case["key"])
        return {"data": make(world)} if make else {}
    if case["key"] in API_BODIES:
        return {"data": json.dumps(API_BODIES[case["key"]](world)), "content_type": "application/json"}
    content = _operation(case["key"]).get("requestBody", {}).get("content", {})
    if "multipart/form-data" in content:
        schema = _resolve(content["multipart/form-data"]["schema"])
        required = schema.get("required", ())
        return {"data": {name: _example(prop, files=True)
                         for name, prop in schema.get("properties", {}).items() if name in required}}
    if "application/json" in content:
        return {"data": json.dumps(_example(content["application/json"]["schema"])),
                "content_type": "application/json"}
    return {}


@functools.cache
def _schema() -> dict:
    from art28.api.v1 import api

    return api.get_openapi_schema()


def _operation(key: str) -> dict:
    method, path = key.split(" ", 1)
    return _schema()["paths"][path][method.lower()]


def _resolve(schema: dict) -> dict:
    while "$ref" in schema:
        schema = _schema()["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _example(schema: dict, *, files: bool = False):  # noqa: PLR0911 - one case per JSON type
    """The smallest value the schema accepts: required fields only, first choices."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    schema = _resolve(schema)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [o for o in schema[key] if _resolve(o).get("type") != "null"]
            return _example(options[0], files=files) if options else None
    if "enum" in schema:
        return schema["enum"][0]
    kind, fmt = schema.get("type"), schema.get("format")
    if kind == "object":
        required = schema.get("required", ())
        return {k: _example(v) for k, v in schema.get("properties", {}).items() if k in required}
    if kind == "array":
        return [_example(schema["items"]) for _ in range(schema.get("minItems", 0))]
    if kind in ("integer", "number"):
        return schema.get("minimum", 1)
    if kind == "boolean":
        return False
    if fmt == "binary":
        return SimpleUploadedFile("walk.txt", b"walk", content_type="text/plain") if files else "walk"
    if fmt == "date-time":
        return timezone.now().isoformat()
    if fmt == "date":
        return timezone.localdate().isoformat()
    if fmt == "uuid":
        return "00000000-0000-4000-8000-000000000000"
    if fmt == "email":
        return "walk@example.test"
    return "x" * max(1, schema.get("minLength", 1))
