"""Breach fan-out: N agreements share one sub-processor; a breach there notifies them all.

    .venv/bin/python bench/breach_fanout.py --agreements 10000 [--workers 2]
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
import os
import signal
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SMTP_SERVER = r"""
import sys, time
from aiosmtpd.controller import Controller
log = open(sys.argv[2], "a", buffering=1)
class H:
    async def handle_DATA(self, server, session, envelope):
        for line in envelope.content.split(b"\r\n"):
            if line.lower().startswith(b"message-id:"):
                log.write(line.split(b":", 1)[1].strip().decode() + "\n")
                break
            if not line:
                break
        return "250 OK"
c = Controller(H(), hostname="127.0.0.1", port=int(sys.argv[1]))
c.start()
print("ready", flush=True)
while True:
    time.sleep(3600)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def configure(args: argparse.Namespace, home: Path, port: int) -> dict[str, str]:
    env = {"ART28_HOME": str(home), "DATABASE_URL": args.database_url or "",
           "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
           "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(port), "DJANGO_SETTINGS_MODULE": "art28.settings",
           "ART28_REQUIRE_OTP": "false"}
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if args.database_url:
        call_command("flush", interactive=False, verbosity=0)
    return {**os.environ, **env}


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


def record_and_queue(processor, sp) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from art28.breaches.services import open_incident, send_notices

    start = time.perf_counter()
    incident = open_incident(processor=processor, acting_user="bench", subprocessors=[sp], facts={
        "title": "Backup storage exposed", "aware_at": timezone.now(), "confidentiality": True,
        "description": "A backup bucket was readable without authentication.",
        "data_categories": ["name", "e-mail address"], "subjects_approx": 1200})
    notices = send_notices(incident=incident, stage="initial", acting_user="bench")
    return time.perf_counter() - start, len(notices)


def wait_for(log: Path, expected: int, timeout: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        with log.open() as f:
            if sum(1 for line in f if "@art28>" in line) >= expected:
                break
        time.sleep(0.05)
    return time.perf_counter() - start


def bare_smtplib(port: int, n: int, size: int) -> float:
    """Seconds for a bare smtplib loop to send ``n`` messages of ``size`` bytes over one connection."""
    body = "x" * size
    start = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for i in range(n):
            msg = EmailMessage()
            msg["From"], msg["To"], msg["Subject"] = "bench@localhost", f"r{i}@bare.example", "bare"
            msg["Message-ID"] = f"<{uuid.uuid4()}@bare>"
            msg.set_content(body)
            smtp.send_message(msg)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreements", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        home, log = Path(tmp), Path(tmp) / "message-ids.txt"
        log.touch()
        server = subprocess.Popen([sys.executable, "-c", SMTP_SERVER, str(port), str(log)],
                                  stdout=subprocess.PIPE, text=True)
        workers: list[subprocess.Popen] = []
        try:
            assert server.stdout is not None and server.stdout.readline().strip() == "ready"
            env = configure(args, home, port)
            processor, sp = create_data(args.agreements)
            sys.stderr.write("data created\n")
            worker_log = (home / "worker.log").open("a")
            workers = [subprocess.Popen([sys.executable, "-m", "art28.cli", "worker", "--interval", "0.2"],
                                        env=env, stdout=subprocess.DEVNULL, stderr=worker_log)
                       for _ in range(args.workers)]
            time.sleep(4)  # workers up and idle, as in production
            queue_seconds, queued = record_and_queue(processor, sp)
            sys.stderr.write(f"queued {queued} in {queue_seconds:.1f} s\n")
            delivery_seconds = wait_for(log, queued, args.timeout)
            if any(w.poll() is not None for w in workers):
                sys.stderr.write((home / "worker.log").read_text()[-3000:])
            from art28.notices.models import Delivery, Notice

            size = sum(len(b) for b in Notice.objects.values_list("body_text", flat=True)[:50]) // 50
            expected = {d.message_id for d in Delivery.objects.all()}
            bare_seconds = bare_smtplib(port, queued, size)
        finally:
            for w in workers:
                w.send_signal(signal.SIGTERM)
            for w in workers:
                try:
                    w.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    w.kill()
            server.kill()
        ids = [line.strip() for line in log.read_text().splitlines() if "@art28>" in line]
    print(json.dumps({
        "agreements": args.agreements, "workers": args.workers,
        "database": "postgresql" if args.database_url else "sqlite", "notices": queued,
        "queue_seconds": round(queue_seconds, 3), "delivery_seconds": round(delivery_seconds, 3),
        "delivery_ratio_vs_bare_smtplib": round(bare_seconds / delivery_seconds, 3),
        "bare_smtplib_seconds": round(bare_seconds, 3),
        "lost": len(expected - set(ids)), "duplicated": len(ids) - len(set(ids)),
    }))


if __name__ == "__main__":
    main()
