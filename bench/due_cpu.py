"""In-process CPU time and queries of one request to the "what is due" lists at scale.

    .venv/bin/python -W ignore bench/due_cpu.py --cache /tmp/bench-NAME [--agreements 10000] [--repeat 3]

Reuses the database ``bench/pages.py`` builds (it must exist: run that first) and requests
the staff home, the portal home and ``GET /api/v1/obligations`` (first and a later page,
and filtered) with Django's test client in this process, as the bench's admin and portal
user. One JSON line per URL: status, the median and the least ``time.process_time()`` of
``--repeat`` requests after a warm-up one, and the number of queries of one request. Wall clock on a
shared machine swings with load; CPU time of the process and query counts do not. Run it with
``PYTHONPATH=<an older src>`` to measure the code before a change.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from pages import _setup  # type: ignore[import-not-found]

URLS = [
    ("staff", False, "/staff/"),
    ("staff", False, "/staff/?page=3"),
    ("staff", False, "/staff/?kind=objection_window"),
    ("staff", False, "/staff/?q=1234"),
    ("portal", False, "/portal/"),
    ("staff", True, "/api/v1/obligations"),
    ("staff", True, "/api/v1/obligations?page=5&page_size=100"),
    ("staff", True, "/api/v1/obligations?kind=breach_notice"),
    ("portal", True, "/api/v1/obligations"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreements", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cache", default="/tmp/art28-bench-pages")
    args = parser.parse_args()
    home = Path(args.cache) / f"n{args.agreements}"
    built = json.loads((home / "bench.json").read_text())
    _setup(home)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    for who, api, url in URLS:
        client = Client(raise_request_exception=False)
        client.cookies[settings.SESSION_COOKIE_NAME] = built["sessions"][who]
        headers = {"Authorization": f"Bearer {built['tokens'][who]}"} if api else {}
        client.get(url, headers=headers)  # warm-up
        cpu = []
        for _ in range(args.repeat):
            start = time.process_time()
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url, headers=headers)
            cpu.append(time.process_time() - start)
        print(json.dumps({"url": url, "as": who, "status": response.status_code,
                          "cpu_ms": round(statistics.median(cpu) * 1000, 1),
                          "cpu_ms_best": round(min(cpu) * 1000, 1),
                          "queries": len(ctx.captured_queries), "bytes": len(response.content)}), flush=True)


if __name__ == "__main__":
    main()
