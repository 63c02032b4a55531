"""The Art. 30(2) record's exports on the bench database of ``bench/pages.py``, in-process.

    cd bench && ../.venv/bin/python -W ignore ropa_export.py [--cache /tmp/art28-bench-pages]
        [--agreements 10000] [--memory] [URL ...]

Requests each URL once with Django's test client on the database ``pages.py`` built (build it
first with ``pages.py``; this script never writes to it), as the bench's processor admin
(staff URLs, the API) or its controller user (portal URLs), reads the whole body (streamed or
not) and prints one JSON line per URL: status, whether it streamed, the process CPU time and
the wall time of the request and until its first piece (``ttfb_s``: the whole request when
not streamed), its query count, the body's size and, with ``--memory``, the
peak of Python's allocations while it ran (tracemalloc, which slows the request down: CPU
and wall times of such a run are not comparable with a run without it).

``--service FMT --first N`` measures the service itself instead (``records.services.export_stream``,
no web layer) for the first N agreements of the database: one JSON line with the CPU and wall
time, the time to the first piece (``ttfb_s``), the number of pieces, the size, and the
process's peak resident memory while it ran (``peak_rss_mb``, Linux ``VmHWM`` reset before
the run; it counts typst's and SQLite's memory, which tracemalloc does not see) above what the
process held before (``rss_before_mb``); then the CSV of the same agreements in the same run as
the baseline (``ratio_vs_csv``: CPU over the CSV's). Run one format per process (the memory a
run frees stays with the process):

    ../.venv/bin/python -W ignore ropa_export.py --cache /tmp/bench-ropa --service pdf --first 1000

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
    parser.add_argument("--service", choices=("csv", "xlsx", "pdf", "jsonld"),
                        help="measure records.services.export_stream in FMT, not URLs")
    parser.add_argument("--first", type=int, default=0, help="with --service: the first N agreements only")
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

    if args.service:
        service(args.service, args.first, args.agreements)
        return

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
            first = None
            if response.streaming:
                size = 0
                for c in response.streaming_content:  # type: ignore[attr-defined]
                    first = first if first is not None else time.perf_counter() - wall
                    size += len(c)
            else:
                size = len(response.content)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        peak = tracemalloc.get_traced_memory()[1] if args.memory else None
        tracemalloc.stop()
        print(json.dumps({"url": url, "agreements": args.agreements, "status": response.status_code,
                          "streamed": response.streaming, "cpu_s": round(cpu, 2), "wall_s": round(wall, 2),
                          "queries": len(ctx.captured_queries), "bytes": size,
                          "ttfb_s": round(first if first is not None else wall, 3),
                          **({"peak_mb": round(peak / 1e6, 1)} if peak is not None else {})}), flush=True)


def _rss_kb(field: str) -> int:
    return next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines()
                if line.startswith(field + ":"))


def _run(fmt: str, processor: object, agreements: object) -> dict:
    from art28.records import services as ropa

    Path("/proc/self/clear_refs").write_text("5")  # the peak resident memory starts again from now
    before = _rss_kb("VmRSS")
    cpu, wall = time.process_time(), time.perf_counter()
    content = ropa.export_stream(processor=processor, fmt=fmt, agreements=agreements)  # type: ignore[arg-type]
    pieces = [content] if isinstance(content, bytes) else content
    first = None
    size = count = 0
    for piece in pieces:
        if first is None:
            first = time.perf_counter() - wall
        size += len(piece)
        count += 1
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return {"format": fmt, "cpu_s": round(cpu, 2), "wall_s": round(wall, 2), "ttfb_s": round(first or 0, 3),
            "pieces": count, "bytes": size, "rss_before_mb": round(before / 1024, 1),
            "peak_rss_mb": round((_rss_kb("VmHWM") - before) / 1024, 1)}


def service(fmt: str, first: int, built: int) -> None:
    """One export through the service for the first ``first`` agreements, then the CSV's."""
    from art28.agreements.models import Agreement
    from art28.parties.models import Processor

    processor = Processor.objects.get()
    agreements = Agreement.objects.filter(controller__processor=processor)
    if first:
        last = agreements.order_by("pk").values_list("pk", flat=True)[first - 1]
        agreements = agreements.filter(pk__lte=last)
    row = _run(fmt, processor, agreements)
    baseline = _run("csv", processor, agreements)
    print(json.dumps({"what": f"service {fmt}", "agreements": first or built, **row,
                      "baseline_csv_cpu_s": baseline["cpu_s"],
                      "ratio_vs_csv": round(row["cpu_s"] / max(baseline["cpu_s"], 0.01), 1)}), flush=True)


if __name__ == "__main__":
    main()
