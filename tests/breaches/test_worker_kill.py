"""SIGKILL a real `art28 worker` in the middle of a breach fan-out.

Both processes share a file-based SQLite database in their own ART28_HOME; the SMTP server
is the real aiosmtpd fixture, and the Message-IDs it received are counted.

The kill is deliberately timed at the worst moment: right after the server has taken a
message, before the worker can record it as sent. Nothing is lost. The one message in
flight at that instant is sent again by the next worker (same Message-ID, so a mail
system that de-duplicates shows it once): the outbox in art28.notices is at-least-once,
and SMTP gives no way to know whether a dead client's last message was accepted. Every
other message is sent exactly once.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest

N = 400

SETUP = f"""
from datetime import timedelta
from django.utils import timezone
from art28.agreements.models import Agreement, AgreementVersion
from art28.breaches.services import open_incident, send_notices
from art28.parties.models import Contact, Controller, Processor
from art28.subprocessors.models import AgreementSubprocessor, Subprocessor
from art28.terms.defaults import standard_terms
p = Processor.objects.create(name="P", kvk="87654321")
terms = standard_terms(language="en", notice_hours=24).model_dump(mode="json")
for i in range({N}):
    c = Controller.objects.create(processor=p, name=f"C{{i}}", kvk=f"{{30000000 + i}}", language="en")
    Contact.objects.create(controller=c, name="DPO", email=f"dpo{{i}}@c{{i}}.example",
                           is_breach_recipient=True)
    a = Agreement.objects.create(controller=c, reference=f"K-{{i:05d}}")
    AgreementVersion.objects.create(agreement=a, number=1, status="signed", language="en",
                                    standard_version="2026.1", terms=terms)
# Every recipient was invited already, so the fan-out holds breach notices only.
from art28.accounts.models import Invitation
Invitation.objects.bulk_create([Invitation(token_hash=f"{{i:064d}}", email=f"dpo{{i}}@c{{i}}.example",
    role="client", processor=p, controller=c, expires_at=timezone.now() + timedelta(days=7))
    for i, c in enumerate(Controller.objects.order_by("pk"))])
sp = Subprocessor.objects.create(processor=p, name="S", country="DE", service="backup", status="active")
since = timezone.now() - timedelta(days=1)
AgreementSubprocessor.objects.bulk_create([AgreementSubprocessor(subprocessor=sp, agreement=a,
    status="authorised", basis="named", since=since) for a in Agreement.objects.all()])
incident = open_incident(processor=p, acting_user="test", subprocessors=[sp],
                         facts={{"title": "Kill test", "aware_at": timezone.now()}})
print(len(send_notices(incident=incident, stage="initial", acting_user="test")))
"""

# SMTP cannot deliver exactly once: between the server's "250 accepted" and our commit of
# "sent" a kill leaves that one message undecided. art28 resends it (same Message-ID, so
# mail systems de-duplicate) rather than risk losing a breach notice.
WORKER = ("worker", "--batch", "--interval", "0.1")


def _art28(env, *args, **kw):
    return [sys.executable, "-m", "art28.cli", *args]


@pytest.mark.smtp
def test_it_loses_nothing_and_repeats_at_most_the_message_in_flight_when_killed(tmp_path, smtp_server):
    env = {**os.environ, "ART28_HOME": str(tmp_path), "DATABASE_URL": "",
           "ART28_DELIVERY_LEASE_SECONDS": "3",  # a dead worker's batch is taken over after 3 s
           "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp_server.port),
           "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend"}
    run = dict(env=env, check=True, capture_output=True, text=True, timeout=300)
    subprocess.run(_art28(env, "migrate"), **run)
    queued = subprocess.run(_art28(env, "manage", "shell", "-c", SETUP), **run)
    assert queued.stdout.strip().splitlines()[-1] == str(N)

    first = subprocess.Popen(_art28(env, *WORKER), env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(smtp_server.messages) < 40 and time.monotonic() < deadline:
        time.sleep(0.005)
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed_at = datetime.now(UTC)
    at_kill = len(smtp_server.messages)
    assert 0 < at_kill < N, "the kill must land in the middle of the fan-out"
    # The dead worker's batch is free one lease after its last heartbeat at the latest.
    with sqlite3.connect(tmp_path / "art28.sqlite3") as db:
        held = [datetime.fromisoformat(row[0]).replace(tzinfo=UTC) for row in db.execute(
            "SELECT lease_until FROM notices_delivery WHERE status = 'sending'")]
    assert held, "the dead worker held a batch"
    assert max(held) <= killed_at + timedelta(seconds=3)

    time.sleep(3.5)  # the dead worker's lease runs out
    subprocess.run(_art28(env, *WORKER), **run)

    ids = [m["message_id"] for m in smtp_server.messages]
    assert len(set(ids)) == N, f"lost {N - len(set(ids))}"
    twice = {i for i in ids if ids.count(i) > 1}
    assert twice <= {ids[at_kill - 1]}, f"sent twice beyond the message in flight: {twice}"
    assert len(ids) - N == len(twice) <= 1
    recipients = sorted({m["to"][0] for m in smtp_server.messages})
    assert recipients == sorted(f"dpo{i}@c{i}.example" for i in range(N))
