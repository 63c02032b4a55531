"""Every staff page, portal page and API list at scale, served by gunicorn.

    .venv/bin/python bench/pages.py [--agreements 10000] [--repeat 10] [--only SUBSTRING]
        [--extra URL,URL] [--cache /tmp/art28-bench-pages] [--rebuild]

Run it with ``PYTHONPATH=<an older src>`` to measure the code before a change (gunicorn and
the in-process pass both import art28 from there).

Builds once, then reuses (a SQLite file under ``<cache>/n<N>/``, keyed by N), a database with
N controllers, each with a breach contact and a signed agreement sharing one sub-processor; a
breach at that sub-processor with its N initial notices queued; a change (a second
sub-processor added) proposed to all N agreements, with its N clocks and notices; and the
ledger filled up to at least 100,000 events (bulk inserts with a valid hash chain, so
``art28 ledger verify`` still passes). A processor admin and a controller's portal user are
logged in (sessions and API tokens stored beside the database). Then the rest of a year's work,
through the services (``_fill_requests``): data-subject requests, instructions, authority
requests, audits, terminations, reviews, staff, invitations and subscribers; a database built
before these existed gets them once when reused.

It then serves that database with gunicorn (``art28.wsgi``, 2 workers, as ``art28 serve``),
walks every URL pattern and every GET operation of the API (as tests/test_permissions.py
does, parameters filled with the bench's objects), and requests each one ``--repeat`` times
after one warm-up request: staff pages as the admin, portal pages as the portal user. One
JSON line per URL: status, p50 and p95 in ms, the response size (for an answer streamed in
chunks, an export, also ``streamed`` and the p50 and p95 of its time to first byte:
``ttfb_p50_ms``, ``ttfb_p95_ms``), the ratio of its p50 to the
baseline's p50 (the login page ``/login/``, requested the same way in the same run), and the number of
queries of one request, counted in a separate in-process pass (Django's test client with
CaptureQueriesContext on the same database). URLs whose parameter no bench object fills are
printed with ``"skipped"``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(BENCH), str(ROOT)]

LEDGER_EVENTS = 100_000
PASSWORD = "correct horse battery 1"


def _env(home: Path) -> dict[str, str]:
    return {"ART28_HOME": str(home), "DATABASE_URL": "", "ART28_REQUIRE_OTP": "false",
            "DJANGO_SETTINGS_MODULE": "art28.settings", "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost"}


def _setup(home: Path) -> None:
    os.environ.update(_env(home))
    import django

    django.setup()


# --- building the database ------------------------------------------------------------------


def _fill_ledger(total: int) -> int:
    """Append events until the ledger holds ``total``: bulk inserts, each hash chained to the
    one before, exactly as ``record_event`` would compute it."""
    from django.db import transaction
    from django.utils import timezone

    from art28.ledger.models import ChainHead, Event
    from art28.parties.models import Controller

    missing = total - Event.objects.count()
    if missing <= 0:
        return 0
    controllers = list(Controller.objects.values_list("pk", "processor_id", "code")[:5000])
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
        seq, prev = head.last_seq, head.last_hash
        start = timezone.now() - timedelta(days=365)
        batch: list[Event] = []
        for i in range(missing):
            pk, processor_id, code = controllers[i % len(controllers)]
            seq += 1
            event = Event(seq=seq, at=start + timedelta(seconds=i * 60), actor=None, actor_label="bench",
                          action="controller.updated", object_type="controller", object_code=str(code),
                          processor_id_ref=processor_id, controller_id_ref=pk,
                          data={"fields": ["phone"]}, prev_hash=prev)
            event.hash = event.compute_hash()
            prev = event.hash
            batch.append(event)
            if len(batch) == 5000:
                Event.objects.bulk_create(batch)
                batch = []
        Event.objects.bulk_create(batch)
        head.last_seq, head.last_hash = seq, prev
        head.save(update_fields=["last_seq", "last_hash"])
    return missing


def _fill_requests(n: int, admin: Any, portal: Any) -> dict[str, int]:
    """The rest of a year's work at N clients, through the services (each writes its ledger
    event and queues its notices): data-subject requests (one per 10 clients, one in five
    with a task, done), mailed instructions, authority requests, audits (requested,
    scheduled, completed), terminations with a returned file (half certified), document
    reviews, staff members, invitations, a portal colleague and trust-page subscribers. The
    first controller (the portal user's) gets one of each; the rest are spread over the
    others. Returns how many of each were made."""
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from art28.accounts.services import invite
    from art28.agreements.models import Agreement, AgreementVersion, VersionStatus
    from art28.agreements.services import termination
    from art28.documents import render_pdf
    from art28.notices.subscribers import subscribe
    from art28.parties.models import Membership
    from art28.requests.services import audits, authority, data_subject, instructions
    from art28.reviews.services import review_document
    from art28.terms.demo import CLIENTS, demo_terms

    t0 = time.perf_counter()
    agreements = list(Agreement.objects.select_related("controller__processor").order_by("pk"))
    processor = agreements[0].controller.processor
    # The portal user's organisation gets a second signed agreement to terminate (its first
    # stays open for the requests below).
    first = agreements[0]
    second = Agreement.objects.create(controller=first.controller, reference="B-END-000001")
    version = first.versions.get()
    AgreementVersion.objects.create(agreement=second, number=1, status=VersionStatus.SIGNED,
                                    language=version.language, standard_version=version.standard_version,
                                    terms=version.terms, signed_at=version.signed_at)
    made = {k: 0 for k in ("dsr", "task", "instruction", "authority", "audit", "termination",
                           "returned", "review", "member", "invitation", "subscriber")}
    now = timezone.now()
    for i, a in enumerate(agreements[: max(1, n // 10)]):
        dsr = data_subject.record_data_subject_request(
            agreement=a, kind=["access", "erasure", "rectification"][i % 3], requester=f"Betrokkene {i}",
            details="Wants a copy of the appointments on file", channel="e-mail", acting_user=admin)
        made["dsr"] += 1
        if i % 5 == 0:
            task = data_subject.ask_task(request=dsr, action="search", instructions="Search the backups",
                                         acting_user=portal if a.pk == first.pk else admin)
            data_subject.complete_task(task=task, evidence="Searched; two records found", acting_user=admin,
                                       evidence_file=("evidence.txt", b"two records"))
            made["task"] += 1
    for i, a in enumerate(agreements[: max(1, n // 200)]):
        mailed = instructions.record_mailed_instruction(
            agreement=a, text=f"Keep the archive of location {i} for two more years", author_name="M. de Wit",
            given_at=now, mail=("instruction.eml", b"From: dpo@client.example\n\nPlease keep it"),
            acting_user=admin)
        if i % 2 == 0:
            instructions.flag_instruction(instruction=mailed, reason="Longer than the agreement allows",
                                          acting_user=admin)
        made["instruction"] += 1
    for i, a in enumerate(agreements[: max(1, n // 50)]):
        authority.record_authority_request(
            agreement=a, authority_kind="tax", authority="Belastingdienst", legal_basis="Art. 53 AWR",
            description=f"Invoices of year {2020 + i % 5}", respond_by=now + timedelta(days=14 + i % 30),
            acting_user=admin)
        made["authority"] += 1
    for i, a in enumerate(agreements[: max(1, n // 100)]):
        start = audits.earliest_start(a.binding.dpa_terms.audit.notice_days or 0) + timedelta(days=i % 20)
        audit = audits.request_audit(agreement=a, scope_text="Access control and backups", starts_on=start,
                                     ends_on=start + timedelta(days=1), auditor="Audit & Co",
                                     acting_user=portal if a.pk == first.pk else admin)
        stage = (i + 2) % 3  # the first (the portal user's) completed, with its report
        if stage:
            audit = audits.schedule_audit(audit=audit, cost_estimate=Decimal("750"), acting_user=admin)
        if stage == 2:
            audits.complete_audit(audit=audit, report=("report.pdf", b"%PDF-1.4 report"),
                                  noncompliance_found=False, acting_user=admin)
        made["audit"] += 1
    for i, a in enumerate([second, *agreements[-max(1, n // 100) + 1:]]):
        t = termination.terminate_agreement(agreement=a, reason="agreement", acting_user=admin)
        if t.choice != "return":
            t = termination.choose_end_way(termination=t, choice="return",
                                           acting_user=portal if a.pk == second.pk else admin)
        termination.add_returned_file(termination=t, name="export.csv", content=b"id,name\n1,J. de Boer\n",
                                      acting_user=admin)
        made["termination"] += 1
        made["returned"] += 1
        if i % 2 == 0:
            termination.confirm_destruction(termination=t, target_kind="system", target="PMS database",
                                            method="Crypto-erase", acting_user=admin)
            for name in termination.subprocessors_of(t):
                termination.confirm_destruction(termination=t, target_kind="subprocessor", target=name,
                                                method="Deletion confirmed in writing", acting_user=admin)
            termination.issue_certificate(termination=t, acting_user=admin)
    for i in range(5):
        review_document(processor=processor, data=render_pdf(demo_terms(CLIENTS[i % len(CLIENTS)]),
                                                             reference=f"DPA-BENCH-{i}"),
                        filename=f"client-{i}.pdf", acting_user=admin, controller=agreements[i].controller)
        made["review"] += 1
    User = get_user_model()
    for i in range(10):
        staff = User.objects.create_user(f"bench-staff-{i}", f"staff{i}@bench.example", PASSWORD)
        member = Membership.objects.create(user=staff, role="processor_staff", processor=processor)
        member.assigned_controllers.set([a.controller for a in agreements[i * 100:(i + 1) * 100]])
        invite(processor=processor, email=f"invited{i}@bench.example", role="client",
               controller=agreements[i].controller, acting_user=admin)
        made["member"] += 1
        made["invitation"] += 1
    colleague = User.objects.create_user("bench-colleague", "colleague@bench.example", PASSWORD)
    Membership.objects.create(user=colleague, role="controller_user", processor=processor,
                              controller=first.controller)
    for i in range(max(1, n // 100)):
        subscribe(processor=processor, channel="email", email=f"follower{i}@bench.example",
                  language="nl" if i % 2 else "en")
        made["subscriber"] += 1
    log(f"requests and the rest: {made} in {time.perf_counter() - t0:.0f} s")
    return made


def _login(user: Any) -> str:
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    return str(session.session_key)


def build(n: int) -> dict[str, Any]:
    """The bench database (see the module's docstring); returns what the walk needs."""
    from breach_fanout import create_data, record_and_queue
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from art28.api.services import create_token
    from art28.parties.models import Contact, Membership
    from art28.subprocessors.services import propose_change, register_subprocessor

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    processor, sp = create_data(n)
    # The breach contact also hears of sub-processor changes (else the change refuses them).
    Contact.objects.update(is_privacy_contact=True)
    log(f"{n} clients created in {time.perf_counter() - t0:.0f} s")
    seconds, queued = record_and_queue(processor, sp)
    log(f"breach: {queued} notices queued in {seconds:.1f} s")
    t1 = time.perf_counter()
    sp2 = register_subprocessor(processor=processor, acting_user="bench", data={
        "name": "Rekenhal Frankfurt GmbH", "country": "DE", "address": "Hanauer Landstrasse 1, Frankfurt",
        "service": "Hosting (second data centre)", "locations": ["DE"], "data_categories": ["customer data"]})
    change = propose_change(processor=processor, kind="add", subprocessor=sp2, acting_user="bench",
                            effective_at=timezone.now() + timedelta(days=31), reason="Second data centre")
    log(f"change: {change.clocks.count()} clocks in {time.perf_counter() - t1:.1f} s")
    t2 = time.perf_counter()
    added = _fill_ledger(LEDGER_EVENTS)
    log(f"ledger: {added} events added in {time.perf_counter() - t2:.1f} s")
    User = get_user_model()
    admin = User.objects.create_user("bench-admin", "admin@bench.example", PASSWORD)
    Membership.objects.create(user=admin, role="processor_admin", processor=processor)
    first = processor.controllers.order_by("pk").first()
    portal = User.objects.create_user("bench-portal", "portal@bench.example", PASSWORD)
    Membership.objects.create(user=portal, role="controller_user", processor=processor, controller=first)
    made = _fill_requests(n, admin, portal)
    return {"agreements": n, "made": made,
            "sessions": {"staff": _login(admin), "portal": _login(portal)},
            "tokens": {"staff": create_token(user=admin, name="bench", acting_user=admin)[1],
                       "portal": create_token(user=portal, name="bench", acting_user=portal)[1]}}


def objects() -> dict[str, str]:
    """The code that fills each kind of URL parameter (tests/permission_world.py's kinds)."""
    from art28.accounts.models import Invitation
    from art28.agreements.models import Agreement, ReturnedFile, Termination
    from art28.breaches.models import Incident, IncidentNotice
    from art28.notices.models import Audience, Notice, Subscriber
    from art28.parties.models import Contact, Controller, Membership, Processor
    from art28.requests.models import (
        AuditRequest,
        AuthorityRequest,
        DataSubjectRequest,
        Instruction,
        RequestTask,
    )
    from art28.reviews.models import Review
    from art28.subprocessors.models import ChangeAgreement, Subprocessor, SubprocessorChange

    controller = Controller.objects.order_by("pk").first()
    agreement = Agreement.objects.filter(controller=controller).first()
    found: dict[str, Any] = {
        "processor": Processor.objects.first(), "controller": controller,
        "contact": Contact.objects.filter(controller=controller).first(), "agreement": agreement,
        "version": agreement.versions.first() if agreement else None,
        "incident": Incident.objects.first(),
        "subprocessor": Subprocessor.objects.order_by("pk").first(),
        "change": SubprocessorChange.objects.first(),
        "clock": ChangeAgreement.objects.filter(agreement=agreement).first(),
        "notice": IncidentNotice.objects.filter(affected__agreement=agreement).first(),
        "portal_notice": Notice.objects.filter(controller=controller, audience=Audience.CONTROLLER).first(),
        # The portal user's organisation's own, so both sides' pages have one to show.
        "dsr": DataSubjectRequest.objects.filter(agreement=agreement).first(),
        "task": RequestTask.objects.filter(request__agreement=agreement).first(),
        "instruction": Instruction.objects.filter(agreement=agreement).first(),
        "authority": AuthorityRequest.objects.filter(agreement=agreement).first(),
        "audit": AuditRequest.objects.filter(agreement=agreement).first(),
        "termination": Termination.objects.filter(agreement__controller=controller).first(),
        "returned": ReturnedFile.objects.filter(termination__agreement__controller=controller).first(),
        "review": Review.objects.filter(controller=controller).first(),
        "member": Membership.objects.filter(role="processor_staff").order_by("pk").first(),
        "portal_member": Membership.objects.filter(user__username="bench-colleague").first(),
        "invitation": Invitation.objects.order_by("pk").first(),
        "subscriber": Subscriber.objects.order_by("pk").first(),
    }
    # The portal's version PDF (a draft there in the permission walk, to be refused): here a
    # version the portal user may read, so that the page is measured.
    found["draft_version"] = found["version"]
    return {kind: str(obj.code) for kind, obj in found.items() if obj is not None}


# --- walking the URLs -----------------------------------------------------------------------


def targets(codes: dict[str, str]) -> list[dict[str, Any]]:
    """Every GET-able URL with its audience (staff or portal) and filled path, or why skipped."""
    from tests.permission_world import FORMATS, api_operations, kind_before, web_patterns
    from tests.test_permissions import AUDIENCE, NUMBERS, VARIANTS, _fill

    cases = [(name, route, params, False) for name, route, params in web_patterns()]
    names = [c[0] for c in cases]
    cases = [(name if names.count(name) == 1 else f"{name} {route}", route, params, False)
             for name, route, params, _ in cases]
    cases += [(f"GET {path}", path.removeprefix("/"), re.findall(r"\{(\w+)\}", path), True)
              for method, path in api_operations() if method == "GET"]
    out = []
    for key, route, params, api in cases:
        audience = AUDIENCE.get(key, "")
        if not audience or audience in ("nowhere", "django_admin") or key.startswith("admin:"):
            continue
        side = audience.split(":")[0].split("_")[0]
        who = ["portal"] if side == "portal" else ["staff", "portal"] if side == "both" else ["staff"]
        values, missing = {}, []
        for p in params:
            kind = VARIANTS.get(key, {}).get(p) or kind_before(route, p)
            if p in FORMATS or p == "number":
                values[p] = str(NUMBERS.get(key, 1)) if p == "number" else FORMATS[p]
            elif p == "contact_code":
                values[p] = codes.get("contact", "")
            elif kind in codes:
                values[p] = codes[kind]
            else:
                missing.append(p)
        for role in who:
            row: dict[str, Any] = {"what": key, "as": role}
            if missing:
                row["skipped"] = f"no bench object for {', '.join(missing)}"
            else:
                row["url"] = _fill(route, values)
            row["api"] = api
            out.append(row)
    return out


def count_queries(rows: list[dict[str, Any]], built: dict[str, Any]) -> None:
    """The in-process pass: one request per URL with the test client, its queries counted."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    for row in rows:
        if "url" not in row:
            continue
        client = Client(raise_request_exception=False)
        client.cookies[settings.SESSION_COOKIE_NAME] = built["sessions"][row["as"]]
        headers = {"Authorization": f"Bearer {built['tokens'][row['as']]}"} if row["api"] else {}
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(row["url"], headers=headers)
            if response.streaming:
                b"".join(response.streaming_content)  # type: ignore[arg-type]
        row["queries"] = len(ctx.captured_queries)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(home: Path, port: int, src: str | None = None) -> subprocess.Popen:
    """gunicorn on ``home``'s database, as ``art28 serve``; ``src``: an older code's ``src`` on
    ``PYTHONPATH`` instead of this tree's."""
    env = {**os.environ, **_env(home)}
    if src:
        env["PYTHONPATH"] = src
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "art28.wsgi:application", "--bind",
                             f"127.0.0.1:{port}", "--workers", "2", "--timeout", "120",
                             "--log-level", "warning"],
                            env=env, start_new_session=True)
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def fetch(port: int, url: str, headers: dict[str, str]) -> tuple[int, int, float, float | None]:
    """Status, size, full time in ms, and for a streamed answer (no Content-Length: sent in
    chunks as it is made) the time to its first byte of body in ms (None for the others)."""
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    conn.request("GET", url, headers={"Host": "localhost", **headers})
    response = conn.getresponse()
    streamed = response.getheader("Content-Length") is None
    first = response.read(1)
    first_ms = (time.perf_counter() - start) * 1000
    size = len(first) + len(response.read())
    elapsed = (time.perf_counter() - start) * 1000
    conn.close()
    return response.status, size, elapsed, first_ms if streamed and first else None


def _p95(times: list[float]) -> float:
    times = sorted(times)
    return times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def timed(port: int, url: str, headers: dict[str, str], repeat: int) -> dict[str, Any]:
    """p50 and p95 of the full time; for a streamed answer (an export) also of the time to its
    first byte (``ttfb_p50_ms``, ``ttfb_p95_ms``)."""
    for _ in range(2):  # warm-up, once per gunicorn worker (likely): templates compiled, caches filled
        fetch(port, url, headers)
    times, firsts, status, size = [], [], 0, 0
    for _ in range(repeat):
        status, size, ms, first = fetch(port, url, headers)
        times.append(ms)
        if first is not None:
            firsts.append(first)
    row = {"status": status, "p50_ms": round(statistics.median(times), 1), "p95_ms": round(_p95(times), 1),
           "bytes": size}
    if firsts and len(firsts) == len(times):
        row.update(streamed=True, ttfb_p50_ms=round(statistics.median(firsts), 1),
                   ttfb_p95_ms=round(_p95(firsts), 1))
    return row


def log(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreements", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--only", default="",
                        help="time only URLs whose name contains one of these (comma-separated)")
    parser.add_argument("--extra", default="",
                        help="also time these URLs as the staff admin, query strings allowed "
                             "(comma-separated; /api/... with the API token)")
    parser.add_argument("--cache", default="/tmp/art28-bench-pages")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    home = Path(args.cache) / f"n{args.agreements}"
    marker = home / "bench.json"
    if args.rebuild and home.exists():
        shutil.rmtree(home)
    home.mkdir(parents=True, exist_ok=True)
    _setup(home)
    if marker.exists():
        from django.core.management import call_command

        call_command("migrate", verbosity=0)  # a database built by older code
        built = json.loads(marker.read_text())
        log(f"reusing {home}")
        if "made" not in built:  # built before the requests and the rest were: add them once
            from django.contrib.auth import get_user_model

            users = get_user_model().objects
            built["made"] = _fill_requests(args.agreements, users.get(username="bench-admin"),
                                           users.get(username="bench-portal"))
            marker.write_text(json.dumps(built))
    else:
        built = build(args.agreements)
        marker.write_text(json.dumps(built))
    from art28.ledger.models import Event

    events = Event.objects.count()
    wanted = [w for w in args.only.split(",") if w] or [""]
    rows = [r for r in targets(objects()) if any(w in r["what"] for w in wanted)]
    rows += [{"what": f"extra {url}", "as": "staff", "url": url, "api": url.startswith("/api/")}
             for url in args.extra.split(",") if url]
    count_queries(rows, built)
    from django.db import connections

    connections.close_all()
    port = free_port()
    server = serve(home, port)
    try:
        for _ in range(6):  # both workers load the URL conf and the apps' views
            fetch(port, "/login/", {})
        baseline = timed(port, "/login/", {}, args.repeat)
        print(json.dumps({"what": "baseline: login page", "agreements": args.agreements,
                          "ledger_events": events, **baseline}), flush=True)
        for row in rows:
            if "url" in row:
                cookie = f"sessionid={built['sessions'][row['as']]}"
                headers = ({"Authorization": f"Bearer {built['tokens'][row['as']]}"} if row["api"]
                           else {"Cookie": cookie})
                row.update(timed(port, row["url"], headers, args.repeat))
                row["ratio_vs_baseline"] = round(row["p50_ms"] / max(baseline["p50_ms"], 0.1), 1)
            row.pop("api")
            print(json.dumps({**row, "agreements": args.agreements}), flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
