"""Sub-processor change: N agreements under general authorisation, one change touching all.

    .venv/bin/python bench/subprocessor_change.py --agreements 10000 [--workers 2]
        [--database-url postgres://postgres@127.0.0.1:5432/bench_subprocessors]

Prints one JSON line:

* ``queue_seconds``: from calling ``propose_change`` until it returned with its transaction
  committed, i.e. every per-agreement clock and every notice (with its deliveries) queued;
* ``delivery_seconds``: from that commit until every e-mail reached the SMTP server, with
  ``--workers`` real ``art28 worker`` processes already running and idle (as in production);
* ``delivery_ratio_vs_bare_smtplib``: art28's delivery rate over the rate of a bare smtplib
  loop sending the same messages (same subjects, text and HTML bodies, one connection) to
  the same server in the same run;
* ``lost`` / ``duplicated``: counted at the server by Message-ID.

The SMTP server is aiosmtpd in its own process writing each Message-ID to a file, so it
shares no interpreter with art28 or the bare loop. Agreements are made with the real
``create_agreement`` service (drafts: no PDF is rendered); controllers and contacts are
bulk-inserted. Without --database-url a fresh SQLite file in a temporary ART28_HOME is
used; a PostgreSQL database is flushed first.
"""

from __future__ import annotations

import json
import time
from datetime import timedelta
from email.message import EmailMessage

from _common import bulk_clients, database, delivery_figures, delivery_run, fanout_parser, queue_only_run
from loopback import bare_smtplib, wait_for, workers

GENERAL = {
    "subprocessors": {
        "authorisation": "general",
        "notice_days": 30,
        "objection_days": 14,
        "business_days": False,
    },
    "transfers": {"outside_eea": "with_safeguards"},
}


def create_data(n: int):  # type: ignore[no-untyped-def]
    """N controllers (half nl, half en) with a privacy contact and a general-authorisation agreement."""
    from django.db import transaction

    from art28.agreements.services import create_agreement
    from art28.subprocessors.services import register_subprocessor

    processor, controllers = bulk_clients(n, contact={"is_privacy_contact": True, "is_signatory": True},
                                          country="NL")
    with transaction.atomic():
        for c in controllers:
            create_agreement(controller=c, acting_user="bench", terms=GENERAL)
    sp = register_subprocessor(
        processor=processor,
        acting_user="bench",
        data={
            "name": "Rekenhal Frankfurt GmbH",
            "country": "DE",
            "address": "Hanauer Landstrasse 1, Frankfurt",
            "service": "Hosting (second data centre)",
            "locations": ["DE"],
            "data_categories": ["all customer data"],
        },
    )
    return processor, sp


#: Process CPU time of the last ``propose`` (steadier than wall time on a busy machine).
QUEUE_CPU = 0.0


def warm_up() -> None:
    """What a running web process has done long before: load the URL conf, compile the e-mail templates."""
    from django.template.loader import get_template
    from django.urls import reverse

    reverse("subprocessors:list")
    for lang in ("nl", "en"):
        for part in ("subject.txt", "body.txt", "body.html"):
            get_template(f"notices/email/{lang}/subprocessor_change_notice_{part}")


def propose(processor, sp) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from art28.subprocessors.services import propose_change

    global QUEUE_CPU
    cpu = time.process_time()
    start = time.perf_counter()
    change = propose_change(
        processor=processor,
        kind="add",
        subprocessor=sp,
        acting_user="bench",
        effective_at=timezone.now() + timedelta(days=31),
        reason="Second data centre",
        include_unsigned=True,  # the bench's agreements are drafts; the fan-out is what is measured
    )
    elapsed = time.perf_counter() - start
    QUEUE_CPU = time.process_time() - cpu
    return elapsed, change.clocks.count()


def bare_messages() -> list[EmailMessage]:
    """The same messages art28 sent (subject, text, HTML, recipient), built with the stdlib."""
    from art28.notices.models import Delivery

    messages = []
    rows = Delivery.objects.filter(channel="email").select_related("notice").order_by("pk")
    for i, d in enumerate(rows.iterator(chunk_size=2000)):
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = "art28 <noreply@localhost>", d.recipient, d.notice.subject
        msg["Message-ID"] = f"<{i}@bare>"
        msg.set_content(d.notice.body_text)
        msg.add_alternative(d.notice.body_html, subtype="html")
        messages.append(msg)
    return messages


def main() -> None:
    args = fanout_parser(__doc__, timeout=1800).parse_args()
    if args.queue_only:
        with queue_only_run(args):
            processor, sp = create_data(args.agreements)
            warm_up()
            queue_seconds, clocks = propose(processor, sp)
            from art28.notices.models import Notice

            print(json.dumps({
                "agreements": args.agreements, "database": database(args),
                "clocks": clocks, "notices": Notice.objects.filter(about_type="changeclock").count(),
                "queue_seconds": round(queue_seconds, 3), "queue_cpu_seconds": round(QUEUE_CPU, 3)}))
        return
    with delivery_run(args) as run:
        processor, sp = create_data(args.agreements)
        with workers(run.env, args.workers):
            warm_up()
            time.sleep(4)  # workers up and idle, as in production
            queue_seconds, clocks = propose(processor, sp)
            from art28.notices.models import Delivery

            queued = Delivery.objects.filter(notice__about_type="changeclock").count()
            delivery_seconds = wait_for(run.log, queued, args.timeout)
            expected = {d.message_id for d in Delivery.objects.filter(notice__about_type="changeclock")}
            bare_seconds = bare_smtplib(run.port, bare_messages())
    print(json.dumps({
        "agreements": args.agreements, "workers": args.workers, "database": database(args),
        "clocks": clocks, "notices": queued,
        **delivery_figures(queue_seconds=queue_seconds, delivery_seconds=delivery_seconds,
                           bare_seconds=bare_seconds, expected=expected, received=run.received),
    }))


if __name__ == "__main__":
    main()
