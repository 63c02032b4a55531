"""Pages and API lists of a large breach, timed in-process with Django's test client.

    .venv/bin/python bench/pages.py --agreements 2000 [--repeat 7]

Builds a fresh SQLite database (bulk inserts, as in breach_fanout.py): N controllers with a
signed agreement sharing one sub-processor, a breach there with its N initial notices
queued. Then, logged in as the processor's admin, it requests every page and API list
below ``--repeat`` times and prints one JSON line per URL: status, p50 and p95 in ms, the
number of queries of one request and the response size.

This is the in-process part of the issue's `bench/pages.py`: no gunicorn, no 100,000-event
ledger, and only the breach, ledger, register, flow-down and record URLs this branch changed.
Run it with ``PYTHONPATH=<an older src>`` to measure the code before a change.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from breach_fanout import create_data, record_and_queue


def _setup(home: Path) -> None:
    os.environ.update({"ART28_HOME": str(home), "DATABASE_URL": "", "ART28_REQUIRE_OTP": "false",
                       "DJANGO_SETTINGS_MODULE": "art28.settings", "ALLOWED_HOSTS": "testserver,127.0.0.1"})
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _urls(incident, sp) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    from django.urls import reverse

    code = incident.code
    return [
        ("breach page", reverse("breaches:incident_detail", args=[code])),
        ("breach register page", reverse("breaches:incident_list")),
        ("breach register CSV", reverse("breaches:register_csv")),
        ("breach register PDF", reverse("breaches:register_pdf")),
        ("ledger page", reverse("ledger:ledger")),
        ("sub-processor detail", reverse("subprocessors:detail", args=[sp.code])),
        ("flow-down dashboard", reverse("subprocessors:flowdown")),
        ("Art. 30 record XLSX", reverse("records:ropa_download", args=["xlsx"])),
        ("API affected", f"/api/v1/breaches/{code}/affected"),
        ("API notices", f"/api/v1/breaches/{code}/notices"),
        ("API flow-down", "/api/v1/subprocessor-flowdown"),
    ]


def _time(client, url: str, repeat: int, headers: dict) -> dict:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, status, size, queries = [], 0, 0, 0
    for i in range(repeat):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, headers=headers)
            body = response.getvalue() if response.status_code < 500 else b""
        times.append((time.perf_counter() - start) * 1000)
        status, size = response.status_code, len(body)
        if i == 0:
            queries = len(ctx.captured_queries)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {"status": status, "p50_ms": round(statistics.median(times), 1), "p95_ms": round(p95, 1),
            "queries": queries, "bytes": size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreements", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        _setup(Path(tmp))
        from django.test import Client

        from art28.api.services import create_token
        from art28.breaches.models import Incident
        from art28.parties import services as parties

        processor, sp = create_data(args.agreements)
        queue_seconds, queued = record_and_queue(processor, sp)
        sys.stderr.write(f"queued {queued} in {queue_seconds:.1f} s\n")
        admin = parties.create_member(processor=processor, username="bench", email="bench@bench.example",
                                      password="correct horse battery 1", role="processor_admin",
                                      acting_user="bench")
        token = create_token(user=admin, name="bench", acting_user=admin)[1]
        client = Client(raise_request_exception=False)
        client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
        incident = Incident.objects.get()
        for name, url in _urls(incident, sp):
            headers = {"Authorization": f"Bearer {token}"} if url.startswith("/api/") else {}
            row = _time(client, url, args.repeat, headers)
            print(json.dumps({"what": name, "agreements": args.agreements, **row}), flush=True)


if __name__ == "__main__":
    main()
