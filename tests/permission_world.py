"""The world the generated permission test walks: one of every object for controller A.

Built once per module (see ``tests/test_permissions.py``): two controllers A and B of one
processor, a second processor with its own admin and user, an incident touching A and B,
a draft version, a draft-only agreement, staff-only notices, and one object of every kind
a URL or an API operation takes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

ROLES = ("anonymous", "user_a", "user_a_ro", "user_b", "staff_a", "staff_ro", "staff_none", "admin",
         "other_admin", "other_user")


# The subject matter of the main agreement's draft version 2 (version 1, signed, has another).
DRAFT_SUBJECT = "hosting and backups"


@dataclass
class World:
    users: dict[str, Any] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    sessions: dict[str, str] = field(default_factory=dict)
    objects: dict[str, Any] = field(default_factory=dict)
    # Strings a role must never see, by group: "A", "B", "staff_only", "draft".
    secrets: dict[str, set[str]] = field(default_factory=dict)


def _processor(name: str, kvk: str):
    from art28.parties.models import Contact, Processor

    p = Processor.objects.create(name=name, address="Keizersgracht 1001", postcode="1017 AB",
                                 city="Amsterdam", country="NL", kvk=kvk)
    Contact.objects.create(processor=p, name="Iris de Vries", function="FG",
                           email=f"fg@{kvk}.example", is_signatory=True)
    return p


def _controller(processor, name: str, n: int, language: str = "nl"):
    from art28.parties.models import Contact, Controller

    c = Controller.objects.create(processor=processor, name=name, address="Dorpsstraat 1",
                                  postcode="3581 KP", city="Utrecht", country="NL",
                                  kvk=f"{30000000 + n}", language=language)
    Contact.objects.create(controller=c, name=f"Signer {n}", function="Directeur",
                           email=f"signer{n}@walk{n}.example", phone="+31 30 555 0000",
                           is_signatory=True, is_privacy_contact=True, is_breach_recipient=True)
    return c


def _agreement(controller, admin, *, state="signed", terms=None):
    from art28.agreements import services
    from art28.agreements.models import AgreementVersion
    from tests.annex import with_measures

    agreement = services.create_agreement(controller=controller, acting_user=admin,
                                          terms=with_measures(terms))
    version = agreement.latest
    if state != "draft":
        version = services.send_for_signature(version=version, acting_user=admin)
        sig = services.Signature(name="Sanne Jansen", function="Praktijkmanager", confirmed=True,
                                 ip="127.0.0.1", user_agent="pytest")
        services.accept_version(version=version, signature=sig, acting_user="pytest",
                                document_sha256=version.document_sha256)
        sig = services.Signature(name="Iris de Vries", function="FG", confirmed=True)
        services.countersign_version(version=AgreementVersion.objects.get(pk=version.pk),
                                     signature=sig, acting_user=admin)
    agreement.refresh_from_db()
    return agreement


TERMS_A = {"language": "nl", "audit": {"notice_days": 0},
           "breach": {"notice_hours": 24, "content": ["nature", "numbers", "contact"]},
           "processing": {"data_categories": ["naam", "e-mailadres"], "subject_matter": "hosting"},
           "subprocessors": {"authorisation": "general", "notice_days": 14, "objection_days": 14,
                             "business_days": False},
           "transfers": {"outside_eea": "with_safeguards"}}
TERMS_B = {"language": "en", "breach": {"notice_hours": 48, "content": []},
           "processing": {"data_categories": ["name", "e-mail"], "subject_matter": "analytics"},
           "subprocessors": {"authorisation": "general", "notice_days": 14, "objection_days": 14,
                             "business_days": False},
           "transfers": {"outside_eea": "with_safeguards"}}


def build_world() -> World:
    import time_machine
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from art28.agreements import services as agreements
    from art28.agreements.services import termination
    from art28.api.services import create_token
    from art28.breaches.models import AffectedAgreement, IncidentNotice
    from art28.breaches.services import clocks, notify
    from art28.breaches.services.intake import open_incident
    from art28.documents import render_pdf
    from art28.notices.models import Audience, Notice
    from art28.notices.subscribers import subscribe
    from art28.parties.models import Contact, Membership
    from art28.requests.services import audits, authority, data_subject, instructions
    from art28.reviews.services import review_document
    from art28.subprocessors import services as subs
    from art28.subprocessors.models import ChangeAgreement, ChangeKind
    from art28.terms.demo import CLIENTS, demo_terms

    w = World()
    processor = _processor("Wolkenrand Hosting B.V.", "87654321")
    other = _processor("Andere Verwerker B.V.", "87650000")
    a = _controller(processor, "Tandartspraktijk Zonnebloem", 1)
    b = _controller(processor, "Harbour Analytics Ltd", 2, "en")
    c = _controller(other, "Bakkerij Elders", 3)

    def user(name, role, proc, controller=None, assigned=(), read_only=False):
        u = User.objects.create_user(name, f"{name}@walk.test", "correct horse battery 1")
        # A writing client user is its organisation's portal admin (as existing users became).
        m = Membership.objects.create(user=u, role=role, processor=proc, controller=controller,
                                      read_only=read_only,
                                      portal_admin=role == "controller_user" and not read_only)
        m.assigned_controllers.set(assigned)
        if role != "controller_user":
            TOTPDevice.objects.create(user=u, name="default", confirmed=True)
        return u

    u = w.users
    u["admin"] = user("admin", "processor_admin", processor)
    u["staff_a"] = user("staff_a", "processor_staff", processor, assigned=[a])
    u["staff_ro"] = user("staff_ro", "processor_staff", processor, assigned=[a], read_only=True)
    u["staff_none"] = user("staff_none", "processor_staff", processor)
    u["user_a"] = user("user_a", "controller_user", processor, controller=a)
    u["user_a_ro"] = user("user_a_ro", "controller_user", processor, controller=a, read_only=True)
    u["user_b"] = user("user_b", "controller_user", processor, controller=b)
    u["other_admin"] = user("other_admin", "processor_admin", other)
    u["other_user"] = user("other_user", "controller_user", other, controller=c)
    admin, staff_a, user_a = u["admin"], u["staff_a"], u["user_a"]
    for role, usr in u.items():
        w.tokens[role] = create_token(user=usr, name="walk", acting_user=usr)[1]
        session = SessionStore()
        session["_auth_user_id"] = str(usr.pk)
        session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        session["_auth_user_hash"] = usr.get_session_auth_hash()
        device = TOTPDevice.objects.filter(user=usr).first()
        if device:
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.create()
        w.sessions[role] = session.session_key

    o = w.objects
    o["processor"] = processor
    o["controller"] = a
    o["contact"] = Contact.objects.filter(controller=a).get()
    with time_machine.travel("2025-01-01 00:00Z", tick=False):
        main = _agreement(a, admin, terms=TERMS_A)
        ag_b = _agreement(b, admin, terms=TERMS_B)
        ended = _agreement(a, admin, terms={"end": {"choice": "return_or_delete"}})
        _agreement(c, u["other_admin"])
        sp = subs.register_subprocessor(
            processor=processor, acting_user=admin, named_in_agreements=True, agreements=[main, ag_b],
            data={"name": "Backupkluis GmbH", "country": "DE", "service": "Off-site backup storage",
                  "scope_all": False, "address": "Hauptstrasse 1", "data_categories": ["naam"],
                  "locations": ["DE"]}, agreement_file=("backupkluis-dpa.pdf", b"%PDF-1.4 walk"))
    o["agreement"] = main
    o["controller_b"] = b
    o["subprocessor"] = sp
    newcomer = subs.register_subprocessor(
        processor=processor, acting_user=admin, named_in_agreements=False, agreements=None,
        data={"name": "Rekenhal Amsterdam B.V.", "country": "NL", "service": "Hosting",
              "address": "Science Park 1", "data_categories": ["naam"], "locations": ["NL"]})
    change = subs.propose_change(processor=processor, kind=ChangeKind.ADD, subprocessor=newcomer,
                                 effective_at=timezone.now() + timedelta(days=30), acting_user=admin,
                                 agreements=[main, ag_b])
    o["change"] = change
    o["clock"] = ChangeAgreement.objects.get(change=change, agreement=main)

    # The incident touches A and B.
    incident = open_incident(processor=processor, acting_user=admin, subprocessors=[sp],
                             facts={"title": "Backup bucket readable", "aware_at": timezone.now(),
                                    "confidentiality": True, "data_categories": ["naam", "e-mail"],
                                    "description": "A storage bucket was public for two hours."})
    o["incident"] = incident
    clocks.send_reminders(now=timezone.now() + timedelta(hours=21))  # staff-only, 80 % of 24 h
    # A has had its initial notice; B's is still due, so B's row can still be excluded.
    o["row_a"] = AffectedAgreement.objects.get(incident=incident, agreement=main)
    o["row_b"] = row_b = AffectedAgreement.objects.get(incident=incident, agreement=ag_b)
    notify.send_notices(incident=incident, stage="initial", acting_user=admin,
                        affected_codes=[str(o["row_a"].code)])
    o["notice"] = IncidentNotice.objects.get(affected=o["row_a"])

    # Requests: one of each, for A.
    dsr = data_subject.record_data_subject_request(agreement=main, kind="access", requester="P. Jansen",
                                                   details="Copy of my data", channel="phone",
                                                   acting_user=staff_a)
    o["dsr"] = dsr
    task = data_subject.ask_task(request=dsr, action="search", instructions="Find all", acting_user=user_a)
    o["task"] = data_subject.complete_task(task=task, evidence="Searched", acting_user=staff_a,
                                           evidence_file=("evidence.txt", b"found nothing"))
    mailed = instructions.record_mailed_instruction(
        agreement=main, text="Mail all files to a USB stick", author_name="S. Jansen",
        given_at=timezone.now(), mail=("instruction.eml", b"From: s@walk1.example\n\nPlease"),
        acting_user=staff_a)
    o["instruction"] = instructions.flag_instruction(instruction=mailed, reason="Unsafe", acting_user=staff_a)
    o["authority"] = authority.record_authority_request(
        agreement=main, authority_kind="tax", authority="Belastingdienst", legal_basis="Art. 53 AWR",
        description="Invoices 2025", respond_by=timezone.now() + timedelta(days=14), acting_user=staff_a)
    o["audit"] = audits.request_audit(agreement=main, scope_text="All",
                                      starts_on=timezone.localdate() + timedelta(days=3),
                                      ends_on=timezone.localdate() + timedelta(days=4),
                                      auditor="Audit & Co", acting_user=user_a)
    audits.schedule_audit(audit=o["audit"], cost_estimate=Decimal("500"), acting_user=staff_a)
    o["audit"] = audits.complete_audit(audit=o["audit"], report=("report.pdf", b"%PDF-1.4 report"),
                                       noncompliance_found=False, acting_user=staff_a)
    t = termination.terminate_agreement(agreement=ended, reason="agreement", acting_user=staff_a)
    t = termination.choose_end_way(termination=t, choice="return", acting_user=user_a)
    o["termination"] = t
    o["returned"] = termination.add_returned_file(termination=t, name="export.csv",
                                                  content=b"id,name\n1,J. de Boer\n", acting_user=staff_a)
    termination.confirm_destruction(termination=t, target_kind="system", target="PMS database",
                                    method="Crypto-erase", acting_user=staff_a)
    o["termination"] = termination.issue_certificate(termination=t, acting_user=staff_a)

    o["review"] = review_document(processor=processor, data=render_pdf(demo_terms(CLIENTS[0]),
                                                                          reference="DPA-WALK-1"),
                                  filename="c.pdf", acting_user=admin, controller=a)
    o["token"] = staff_a.api_tokens.get()
    o["subscriber"] = subscribe(processor=processor, channel="email", email="follower@example.org",
                                language="en")
    # People and invitations: a staff member to manage, a colleague of A's user, an open
    # invitation for A.
    from art28.accounts.services import invite

    o["member"] = u["staff_none"].membership
    o["portal_member"] = user("colleague_a", "controller_user", processor, controller=a).membership
    o["invitation"] = invite(processor=processor, email="invited@walk1.example", role="client",
                             controller=a, acting_user=admin)

    # A draft-only agreement, and a draft second version of the main one (last: nothing
    # above must be tied to it).
    o["draft_agreement"] = _agreement(a, admin, state="draft")
    terms = main.latest.terms
    terms["processing"]["subject_matter"] = DRAFT_SUBJECT
    agreements.update_terms(agreement=main, terms=terms, acting_user=admin)
    main.refresh_from_db()
    o["version"] = main.versions.get(number=1)
    o["draft_version"] = main.versions.get(number=2)

    staff_only = Notice.objects.filter(processor=a.processor, audience=Audience.PROCESSOR)
    portal = set(Notice.objects.filter(controller=a, audience=Audience.CONTROLLER)
                 .values_list("subject", flat=True))
    o["portal_notice"] = Notice.objects.filter(controller=a, audience=Audience.CONTROLLER).first()
    w.secrets = {
        "A": {a.name, str(main.code), str(dsr.code), str(o["notice"].code)},
        "B": {b.name, str(ag_b.code), ag_b.reference, str(row_b.code),
              Contact.objects.filter(controller=b).get().email},
        "staff_only": {s for s in staff_only.values_list("subject", flat=True) if s not in portal},
        # The draft's own words too: a controller's pages and exports (the Art. 30 extract's
        # CSV, JSON-LD) read the signed version 1, never the draft's terms.
        "draft": {str(o["draft_version"].code), str(o["draft_agreement"].code),
                  o["draft_agreement"].reference, DRAFT_SUBJECT},
    }
    assert w.secrets["staff_only"], "the world needs a staff-only notice"
    return w


# --- walking the URLs ---------------------------------------------------------------------

API_PREFIX = "/api/v1"


def web_patterns() -> list[tuple[str, str, list[str]]]:
    """(name, route, parameter names) of every URL pattern outside the API's operations."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found: list[tuple[str, str, list[str]]] = []

    def walk(resolver, prefix: str, namespace: str) -> None:
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                ns = ":".join(x for x in (namespace, p.namespace or "") if x)
                walk(p, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                name = ":".join(x for x in (namespace, p.name or "?") if x)
                if namespace == "api-v1" and getattr(p.callback, "__module__", "") == "ninja.operation":
                    continue  # walked through the OpenAPI document
                found.append((name, prefix + str(p.pattern), list(p.pattern.regex.groupindex)))

    walk(get_resolver(), "", "")
    return found


def api_operations() -> list[tuple[str, str]]:
    """(METHOD, path template) of every operation in the OpenAPI document."""
    from art28.api.v1 import api

    schema = api.get_openapi_schema()
    return [(method.upper(), path) for path, ops in schema["paths"].items() for method in ops]


# The literal segment before a parameter says what kind of object fills it.
SEGMENT_KINDS = {
    "controllers": "controller", "contacts": "contact", "agreements": "agreement",
    "versions": "version", "dsr": "dsr", "data-subject-requests": "dsr", "tasks": "task",
    "request-tasks": "task", "instructions": "instruction", "authority": "authority",
    "authority-requests": "authority", "audits": "audit", "terminations": "termination",
    "returned": "returned", "returned-files": "returned", "breaches": "incident",
    "breach-notices": "notice", "subprocessors": "subprocessor", "subprocessor": "subprocessor",
    "changes": "change", "subprocessor-changes": "change", "clocks": "clock",
    "subprocessor-clocks": "clock", "public": "processor", "tokens": "token", "analyses": "review",
    "reviews": "review", "portal": "notice", "subscribers": "subscriber",
    "team": "member", "invitations": "invitation", "access": "portal_member",
    "assignments": "controller",
}
FORMATS = {"fmt": "csv", "token": "no-such-token", "uidb64": "MQ"}


def kind_before(route: str, param: str) -> str | None:
    """The kind of object for ``param`` in ``route`` (``<uuid:code>`` or ``{code}`` style)."""
    import re

    m = re.search(rf"([\w.-]+)/(?:<(?:\w+:)?{param}>|\{{{param}\}}|\(\?P<{param}>)", route)
    return SEGMENT_KINDS.get(m.group(1)) if m else None
