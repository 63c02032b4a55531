"""Trust page fan-out: one sub-processor change announced to N confirmed e-mail subscribers.

    .venv/bin/python bench/trust_fanout.py --subscribers 10000 [--workers 1]
        [--database-url postgres://postgres@127.0.0.1:5432/bench_trust]

Prints one JSON line:

* ``queue_seconds``: from calling ``propose_change`` (one agreement, so the contractual
  notice is one mail) until it returned with its transaction committed, i.e. the public
  announcement in both languages and one delivery per subscriber queued;
* ``delivery_seconds``: from that commit until every e-mail reached the SMTP server, with
  ``--workers`` real ``art28 worker`` processes already running and idle;
* ``delivery_ratio_vs_bare_smtplib``: art28's delivery rate over that of a bare smtplib loop
  sending the same messages (same subject, bodies with the unsubscribe footer, the
  List-Unsubscribe headers, one connection) to the same server in the same run;
* ``lost`` / ``duplicated``: counted at the server by Message-ID.

Subscribers are bulk-inserted as confirmed (half nl, half en): the double opt-in is not what
is measured. Without --database-url a fresh SQLite file in a temporary ART28_HOME is used.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import tempfile
import time
from collections import Counter
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

from loopback import art28_ids, bare_smtplib, configure, free_port, smtp_server, wait_for, workers
from subprocessor_change import GENERAL


def create_data(n: int):  # type: ignore[no-untyped-def]
    from django.db import transaction

    from art28.agreements.services import create_agreement
    from art28.notices.models import Subscriber, SubscriberStatus
    from art28.parties.models import Contact, Controller, Processor
    from art28.subprocessors.services import register_subprocessor

    processor = Processor.objects.create(name="Bench Hosting B.V.", kvk="87654321")
    client = Controller.objects.create(processor=processor, name="Client 1", kvk="20000001", country="NL")
    Contact.objects.create(controller=client, name="DPO", email="dpo@client.example",
                           is_privacy_contact=True, is_signatory=True)
    with transaction.atomic():
        create_agreement(controller=client, acting_user="bench", terms=GENERAL)
    Subscriber.objects.bulk_create(
        [Subscriber(processor=processor, email=f"follower{i}@example.org", language="nl" if i % 2 else "en",
                    status=SubscriberStatus.CONFIRMED, unsubscribe_token=secrets.token_urlsafe(32))
         for i in range(n)], batch_size=2000)
    sp = register_subprocessor(processor=processor, acting_user="bench", data={
        "name": "Rekenhal Frankfurt GmbH", "country": "DE", "address": "Hanauer Landstrasse 1",
        "service": "Hosting (second data centre)", "locations": ["DE"], "data_categories": ["all"]})
    return processor, sp


def warm_up() -> None:
    from django.template.loader import get_template
    from django.urls import reverse

    reverse("subprocessors:list")
    for lang in ("nl", "en"):
        for name in ("trust_announcement", "subprocessor_change_notice"):
            for part in ("subject.txt", "body.txt", "body.html"):
                get_template(f"notices/email/{lang}/{name}_{part}")


def propose(processor, sp) -> float:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from art28.subprocessors.services import propose_change

    start = time.perf_counter()
    propose_change(processor=processor, kind="add", subprocessor=sp, acting_user="bench",
                   effective_at=timezone.now() + timedelta(days=31), reason="Second data centre",
                   include_unsigned=True)  # the bench's one agreement is not signed
    return time.perf_counter() - start


def bare_messages() -> list[EmailMessage]:
    """The messages art28 sent to subscribers, with the same footer and headers, via the stdlib."""
    from art28.notices.models import Delivery
    from art28.notices.services import _with_unsubscribe

    messages = []
    rows = Delivery.objects.filter(subscriber__isnull=False).select_related("notice", "subscriber")
    for i, d in enumerate(rows.order_by("pk").iterator(chunk_size=2000)):
        headers: dict[str, str] = {}
        text, html = _with_unsubscribe(d, headers, d.notice.body_text, d.notice.body_html)
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = "art28 <noreply@localhost>", d.recipient, d.notice.subject
        msg["Message-ID"] = f"<{i}@bare>"
        for k, v in headers.items():
            msg[k] = v
        msg.set_content(text)
        msg.add_alternative(html, subtype="html")
        messages.append(msg)
    return messages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args()
    port = free_port()
    os.environ["ART28_PUBLIC_SUBPROCESSOR_PAGE"] = "true"  # announcements need the public page
    with tempfile.TemporaryDirectory() as tmp:
        home, log = Path(tmp), Path(tmp) / "message-ids.txt"
        with smtp_server(port, log):
            env = configure(args.database_url, home, port)
            processor, sp = create_data(args.subscribers)
            with workers(env, args.workers):
                warm_up()
                time.sleep(4)  # workers up and idle, as in production
                queue_seconds = propose(processor, sp)
                from art28.notices.models import Delivery

                assert Delivery.objects.filter(subscriber__isnull=False).count() == args.subscribers
                expected = {d.message_id for d in Delivery.objects.filter(channel="email")}
                delivery_seconds = wait_for(log, len(expected), args.timeout)
                bare_seconds = bare_smtplib(port, bare_messages())
        received = Counter(art28_ids(log))
    print(json.dumps({
        "subscribers": args.subscribers, "workers": args.workers,
        "database": "postgresql" if args.database_url else "sqlite",
        "deliveries": len(expected), "queue_seconds": round(queue_seconds, 3),
        "delivery_seconds": round(delivery_seconds, 3),
        "delivery_ratio_vs_bare_smtplib": round(bare_seconds / delivery_seconds, 3),
        "bare_smtplib_seconds": round(bare_seconds, 3),
        "lost": len(expected - set(received)),
        "duplicated": sum(n - 1 for n in received.values() if n > 1),
        "load_average": os.getloadavg(),
    }))


if __name__ == "__main__":
    main()
