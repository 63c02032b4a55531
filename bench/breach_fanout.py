"""Breach fan-out: N agreements share one sub-processor; a breach there notifies them all.

    .venv/bin/python bench/breach_fanout.py --agreements 10000 [--workers 2] [--queue-only]
        [--database-url postgres://postgres@127.0.0.1:5432/bench_breaches]

Prints one JSON line:

* ``queue_seconds``: from recording the incident (open_incident: affected agreements and
  their clocks) until every notice is queued (send_notices committed);
* ``delivery_seconds``: from that commit until every e-mail reached the SMTP server, with
  ``--workers`` real ``art28 worker`` processes already running (as in production);
* ``delivery_ratio_vs_bare_smtplib``: art28's delivery rate over the rate of a bare
  smtplib loop to the same server in this run: one connection, the same number of messages with
  text and HTML parts of the same sizes as art28's, built as bytes before the timing starts, so
  the loop times the SMTP transport alone; ``..._building`` the same against a loop that builds
  each message with the email package as it sends it (the baseline of earlier runs);
* ``lost`` / ``duplicated``: notices whose Message-ID never arrived / arrived more than once;
* processor time per e-mail (ms) of the workers, of the SMTP server during art28's delivery and
  during the transport-alone loop, of that loop's own process and (PostgreSQL only, sampled, a
  lower bound) of the bench database's backends; ``first_mail_seconds`` from the queueing commit
  to the first e-mail; ``ratio_ceiling_2_cores``: the bare loop's seconds over half the processor
  time art28's delivery used, the best ratio 2 cores could give it in this run.

The SMTP server is aiosmtpd in a separate process that logs each Message-ID to a file,
so neither art28 nor the bare loop shares its interpreter. Without --database-url a
fresh SQLite file in a temporary ART28_HOME is used; a PostgreSQL database is flushed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import nullcontext
from email.message import EmailMessage
from email.policy import SMTP

from _common import bulk_clients, database, delivery_figures, delivery_run, fanout_parser, queue_only_run
from loopback import (
    BackendCpu,
    bare_sendmail,
    bare_smtplib,
    cpu_seconds,
    peak_rss_mb,
    pid_cpu_seconds,
    wait_for,
    workers,
)


def create_data(n: int):  # type: ignore[no-untyped-def]
    """N controllers with one breach contact and a signed agreement, all using one sub-processor.

    Bulk inserts (the set-up is not what is measured)."""
    from datetime import timedelta

    from django.utils import timezone

    from art28.agreements.models import Agreement, AgreementVersion, VersionStatus
    from art28.subprocessors.models import AgreementSubprocessor, Basis, LinkStatus, Subprocessor
    from art28.terms.defaults import standard_terms

    processor, controllers = bulk_clients(n, contact={"is_breach_recipient": True})
    terms = {lang: standard_terms(language=lang, notice_hours=hours).model_dump(mode="json")
             for lang, hours in (("nl", 24), ("en", 48))}
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


def bare_messages(n: int, size: int, html_size: int = 0) -> Iterator[EmailMessage]:
    """``n`` messages, each with a text part of ``size`` characters and, as art28's notices have,
    an HTML part of ``html_size``: about the same bytes on the wire as art28 sends."""
    line = "x" * 71 + "\n"  # lines as a notice has them (SMTP refuses lines over 998 bytes)
    body = line * (size // len(line)) + "x" * (size % len(line))
    html = f"<p>{line * (max(html_size - 7, 0) // len(line))}</p>" if html_size else ""
    for i in range(n):
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = "bench@localhost", f"r{i}@bare.example", "bare"
        msg["Message-ID"] = f"<{uuid.uuid4()}@bare>"
        msg.set_content(body)
        if html:
            msg.add_alternative(html, subtype="html")
        yield msg


def queue_only(args: argparse.Namespace) -> None:
    with queue_only_run(args):
        processor, sp = create_data(args.agreements)
        warm_up()
        queue_seconds, queued = record_and_queue(processor, sp)
        from art28.notices.models import Delivery, Notice

        print(json.dumps({
            "agreements": args.agreements, "database": database(args),
            "notices": queued, "notices_total": Notice.objects.count(), "mails": Delivery.objects.count(),
            "queue_seconds": round(queue_seconds, 3), "queue_cpu_seconds": round(QUEUE_CPU, 3)}))


def main() -> None:
    args = fanout_parser(__doc__, timeout=900).parse_args()
    if args.queue_only:
        queue_only(args)
        return
    with delivery_run(args) as run:
        processor, sp = create_data(args.agreements)
        sys.stderr.write("data created\n")
        with (run.home / "worker.log").open("a") as worker_log, \
                workers(run.env, args.workers, stderr=worker_log) as running:
            warm_up()
            time.sleep(4)  # workers up and idle, as in production
            cpu_before = cpu_seconds(running)
            queue_seconds, queued = record_and_queue(processor, sp)
            # The delivery clock starts at the commit: workers may send before the next lines run.
            committed = time.perf_counter()
            server_before = pid_cpu_seconds([run.server_pid])
            sys.stderr.write(f"queued {queued} in {queue_seconds:.1f} s\n")
            from art28.notices.models import Delivery, Notice

            # Every e-mail the fan-out queued: the breach notices and, for contacts not yet
            # invited to the portal, their invitations.
            mails = Delivery.objects.count()
            first: list[float] = []
            with BackendCpu(args.database_url) if args.database_url else nullcontext() as backends:
                delivery_seconds = wait_for(run.log, mails, args.timeout, first, since=committed)
            server_cpu = pid_cpu_seconds([run.server_pid]) - server_before
            worker_cpu = cpu_seconds(running) - cpu_before
            peak_mb = peak_rss_mb(running)
            if any(w.poll() is not None for w in running):
                sys.stderr.write((run.home / "worker.log").read_text()[-3000:])
            sample = list(Notice.objects.values_list("body_text", "body_html")[:50])
            size = sum(len(text) for text, _html in sample) // len(sample)
            html_size = sum(len(html) for _text, html in sample) // len(sample)
            expected = {d.message_id for d in Delivery.objects.all()}
            # Built before the timing: the bare loop times the SMTP transport alone.
            built = [(str(m["To"]), m.as_bytes(policy=SMTP)) for m in bare_messages(mails, size, html_size)]
            server_before = pid_cpu_seconds([run.server_pid])
            bare_cpu = time.process_time()
            bare_seconds = bare_sendmail(run.port, built)
            bare_cpu = time.process_time() - bare_cpu
            bare_server_cpu = pid_cpu_seconds([run.server_pid]) - server_before
            # The same messages built by the email package as they are sent (the baseline of
            # earlier runs, text only then): a loop that also makes its messages.
            building_seconds = bare_smtplib(run.port, bare_messages(mails, size, html_size))
    print(json.dumps({
        "agreements": args.agreements, "workers": args.workers, "database": database(args),
        "notices": queued, "mails": mails,
        **delivery_figures(queue_seconds=queue_seconds, delivery_seconds=delivery_seconds,
                           bare_seconds=bare_seconds, expected=expected, received=run.received),
        "delivery_ratio_vs_bare_smtplib_building": round(building_seconds / delivery_seconds, 3),
        "bare_smtplib_building_seconds": round(building_seconds, 3),
        "peak_worker_rss_mb": peak_mb,
        # The workers' processor time per e-mail during the delivery (ms): steadier than the ratio.
        "worker_cpu_ms_per_mail": round(worker_cpu * 1000 / mails, 3),
        # Where the rest of the two cores went, per e-mail (ms): the SMTP server during art28's
        # delivery and during the transport-alone loop, that loop's own process, and the
        # PostgreSQL backends of this database during the delivery (sampled: a lower bound).
        "server_cpu_ms_per_mail": round(server_cpu * 1000 / mails, 3),
        "bare_server_cpu_ms_per_mail": round(bare_server_cpu * 1000 / mails, 3),
        "bare_client_cpu_ms_per_mail": round(bare_cpu * 1000 / mails, 3),
        "postgres_cpu_ms_per_mail": round(backends.seconds * 1000 / mails, 3) if backends else None,
        "first_mail_seconds": round(first[0], 3) if first else None,
        # The best ratio the processor time above allows on 2 cores: art28's delivery cannot
        # take less wall time than its workers', server's and PostgreSQL's processor time
        # shared over both cores with nothing else running (an upper bound: the PostgreSQL
        # figure is a lower one).
        "ratio_ceiling_2_cores": round(bare_seconds / ((worker_cpu + server_cpu + backends.seconds) / 2), 3)
        if backends else None,
    }))


if __name__ == "__main__":
    main()
