"""Breach fan-out: N agreements share one sub-processor; a breach there notifies them all.

    .venv/bin/python bench/breach_fanout.py --agreements 10000 [--workers 2] [--queue-only]
        [--database-url postgres://postgres@127.0.0.1:5432/bench_breaches]

Prints one JSON line:

* ``queue_seconds``: from recording the incident (open_incident: affected agreements and
  their clocks) until every notice is queued (send_notices committed);
* ``delivery_seconds``: from that commit until every e-mail reached the SMTP server, with
  ``--workers`` real ``art28 worker`` processes already running (as in production);
* ``delivery_ratio_vs_bare_smtplib``: art28's delivery rate over the rate of a bare
  smtplib loop (one connection, messages of the same size) to the same server in this run;
* ``lost`` / ``duplicated``: notices whose Message-ID never arrived / arrived more than once.

The SMTP server is aiosmtpd in a separate process that logs each Message-ID to a file,
so neither art28 nor the bare loop shares its interpreter. Without --database-url a
fresh SQLite file in a temporary ART28_HOME is used; a PostgreSQL database is flushed.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

from loopback import (
    art28_ids,
    bare_smtplib,
    configure,
    free_port,
    peak_rss_mb,
    smtp_server,
    wait_for,
    workers,
)


def create_data(n: int):  # type: ignore[no-untyped-def]
    """N controllers with one breach contact and a signed agreement, all using one sub-processor.

    Bulk inserts (the set-up is not what is measured)."""
    from datetime import timedelta

    from django.utils import timezone

    from art28.agreements.models import Agreement, AgreementVersion, VersionStatus
    from art28.parties.models import Contact, Controller, Processor
    from art28.subprocessors.models import AgreementSubprocessor, Basis, LinkStatus, Subprocessor
    from art28.terms.defaults import standard_terms

    processor = Processor.objects.create(name="Bench Hosting B.V.", kvk="87654321")
    terms = {lang: standard_terms(language=lang, notice_hours=hours).model_dump(mode="json")
             for lang, hours in (("nl", 24), ("en", 48))}
    controllers = Controller.objects.bulk_create(
        [Controller(processor=processor, name=f"Client {i}", kvk=f"{20000000 + i}",
                    language="nl" if i % 2 else "en") for i in range(n)], batch_size=2000)
    controllers = list(Controller.objects.filter(processor=processor).order_by("pk"))
    Contact.objects.bulk_create([Contact(controller=c, name=f"DPO {i}", email=f"dpo{i}@client{i}.example",
                                         is_breach_recipient=True) for i, c in enumerate(controllers)],
                                batch_size=2000)
    Agreement.objects.bulk_create([Agreement(controller=c, reference=f"B-{i:06d}")
                                   for i, c in enumerate(controllers)], batch_size=2000)
    agreements = list(Agreement.objects.filter(controller__processor=processor).order_by("pk"))
    now = timezone.now()
    AgreementVersion.objects.bulk_create(
        [AgreementVersion(agreement=a, number=1, status=VersionStatus.SIGNED, language=a.controller.language,
                          standard_version="2026.1", terms=terms[a.controller.language], signed_at=now)
         for a in Agreement.objects.filter(pk__in=[x.pk for x in agreements]).select_related("controller")],
        batch_size=2000)
    sp = Subprocessor.objects.create(processor=processor, name="Backupkluis GmbH", country="DE",
                                     service="Off-site backup storage", status="active")
    AgreementSubprocessor.objects.bulk_create(
        [AgreementSubprocessor(subprocessor=sp, agreement=a, status=LinkStatus.AUTHORISED,
                               basis=Basis.NAMED, since=now - timedelta(days=30)) for a in agreements],
        batch_size=2000)
    return processor, sp


#: Process CPU time of the last ``record_and_queue`` (steadier than wall time on a busy machine).
QUEUE_CPU = 0.0


def warm_up() -> None:
    """What a running web process has done long before: load the URL conf (about 1 s)."""
    from django.urls import reverse

    reverse("breaches:portal_notices")


def record_and_queue(processor, sp) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from art28.breaches.services import open_incident, send_notices

    global QUEUE_CPU
    cpu = time.process_time()
    start = time.perf_counter()
    incident = open_incident(processor=processor, acting_user="bench", subprocessors=[sp], facts={
        "title": "Backup storage exposed", "aware_at": timezone.now(), "confidentiality": True,
        "description": "A backup bucket was readable without authentication.",
        "data_categories": ["name", "e-mail address"], "subjects_approx": 1200})
    notices = send_notices(incident=incident, stage="initial", acting_user="bench")
    wall = time.perf_counter() - start
    QUEUE_CPU = time.process_time() - cpu
    return wall, len(notices)


def bare_messages(n: int, size: int) -> Iterator[EmailMessage]:
    """``n`` messages of ``size`` bytes, built as they are sent (inside the bare loop's timing)."""
    body = "x" * size
    for i in range(n):
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = "bench@localhost", f"r{i}@bare.example", "bare"
        msg["Message-ID"] = f"<{uuid.uuid4()}@bare>"
        msg.set_content(body)
        yield msg


def queue_only(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        configure(args.database_url, Path(tmp), free_port())
        processor, sp = create_data(args.agreements)
        warm_up()
        queue_seconds, queued = record_and_queue(processor, sp)
        from art28.notices.models import Delivery, Notice

        print(json.dumps({
            "agreements": args.agreements, "database": "postgresql" if args.database_url else "sqlite",
            "notices": queued, "notices_total": Notice.objects.count(), "mails": Delivery.objects.count(),
            "queue_seconds": round(queue_seconds, 3), "queue_cpu_seconds": round(QUEUE_CPU, 3)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreements", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--queue-only", action="store_true",
                        help="measure queueing only: no workers, no delivery")
    args = parser.parse_args()
    if args.queue_only:
        queue_only(args)
        return
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        home, log = Path(tmp), Path(tmp) / "message-ids.txt"
        with smtp_server(port, log):
            env = configure(args.database_url, home, port)
            processor, sp = create_data(args.agreements)
            sys.stderr.write("data created\n")
            with (home / "worker.log").open("a") as worker_log, \
                    workers(env, args.workers, stderr=worker_log) as running:
                warm_up()
                time.sleep(4)  # workers up and idle, as in production
                queue_seconds, queued = record_and_queue(processor, sp)
                sys.stderr.write(f"queued {queued} in {queue_seconds:.1f} s\n")
                from art28.notices.models import Delivery, Notice

                # Every e-mail the fan-out queued: the breach notices and, for contacts not yet
                # invited to the portal, their invitations.
                mails = Delivery.objects.count()
                delivery_seconds = wait_for(log, mails, args.timeout)
                peak_mb = peak_rss_mb(running)
                if any(w.poll() is not None for w in running):
                    sys.stderr.write((home / "worker.log").read_text()[-3000:])
                size = sum(len(b) for b in Notice.objects.values_list("body_text", flat=True)[:50]) // 50
                expected = {d.message_id for d in Delivery.objects.all()}
                bare_seconds = bare_smtplib(port, bare_messages(mails, size))
        ids = art28_ids(log)
    print(json.dumps({
        "agreements": args.agreements, "workers": args.workers,
        "database": "postgresql" if args.database_url else "sqlite", "notices": queued, "mails": mails,
        "queue_seconds": round(queue_seconds, 3), "delivery_seconds": round(delivery_seconds, 3),
        "delivery_ratio_vs_bare_smtplib": round(bare_seconds / delivery_seconds, 3),
        "bare_smtplib_seconds": round(bare_seconds, 3),
        "lost": len(expected - set(ids)), "duplicated": len(ids) - len(set(ids)),
        "peak_worker_rss_mb": peak_mb,
    }))


if __name__ == "__main__":
    main()
