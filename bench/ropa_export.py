"""The Art. 30(2) record's exports on the bench database of ``bench/pages.py``, in-process.

    cd bench && ../.venv/bin/python -W ignore ropa_export.py [--cache /tmp/art28-bench-pages]
        [--agreements 10000] [--memory] [URL ...]

Requests each URL once with Django's test client on the database ``pages.py`` built (build it
first with ``pages.py``; this script never writes to it), as the bench's processor admin
(staff URLs, the API) or its controller user (portal URLs), reads the whole body (streamed or
not) and prints one JSON line per URL: status, whether it streamed, the process CPU time and
the wall time of the request, its query count, the body's size and, with ``--memory``, the
peak of Python's allocations while it ran (tracemalloc, which slows the request down: CPU
and wall times of such a run are not comparable with a run without it).

CPU time (``time.process_time()``) is the fair figure on a shared machine; the wall time
includes the database's own work and the machine's load. Run it with ``PYTHONPATH=<an older
src>`` to measure the code before a change.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import tracemalloc
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent)]

URLS = ["/requests/staff/ropa.csv", "/requests/staff/ropa.xlsx", "/api/v1/ropa?format=csv",
        "/api/v1/ropa?format=xlsx", "/requests/portal/ropa.csv"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default="/tmp/art28-bench-pages")
    parser.add_argument("--agreements", type=int, default=10_000)
    parser.add_argument("--memory", action="store_true", help="trace the peak of Python's allocations")
    parser.add_argument("urls", nargs="*", default=URLS)
    args = parser.parse_args()
    home = Path(args.cache) / f"n{args.agreements}"
    built = json.loads((home / "bench.json").read_text())
    os.environ.update({"ART28_HOME": str(home), "DATABASE_URL": "", "ART28_REQUIRE_OTP": "false",
                       "DJANGO_SETTINGS_MODULE": "art28.settings", "ALLOWED_HOSTS": "testserver"})
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    import art28.urls  # noqa: F401  (loaded before the first timing, as in a running web process)

    for url in args.urls:
        who = "portal" if "/portal/" in url else "staff"
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = built["sessions"][who]
        headers = {"Authorization": f"Bearer {built['tokens'][who]}"} if url.startswith("/api/") else {}
        if args.memory:
            tracemalloc.start()
        cpu, wall = time.process_time(), time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, headers=headers)
            size = (sum(len(c) for c in response.streaming_content) if response.streaming  # type: ignore[attr-defined]
                    else len(response.content))
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        peak = tracemalloc.get_traced_memory()[1] if args.memory else None
        tracemalloc.stop()
        print(json.dumps({"url": url, "agreements": args.agreements, "status": response.status_code,
                          "streamed": response.streaming, "cpu_s": round(cpu, 2), "wall_s": round(wall, 2),
                          "queries": len(ctx.captured_queries), "bytes": size,
                          **({"peak_mb": round(peak / 1e6, 1)} if peak is not None else {})}), flush=True)


if __name__ == "__main__":
    main()
