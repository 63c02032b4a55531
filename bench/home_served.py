"""The staff home served by gunicorn, before and after a change, in alternating runs.

    .venv/bin/python -W ignore bench/home_served.py --after-cache /tmp/bench-NAME \\
        --before-cache /tmp/bench-NAME-before --before-src /tmp/old/src [--runs 8] [--repeat 30]

Serves two copies of the database ``bench/pages.py`` builds (each must exist; the "before" one
left as the older code migrated it) with two gunicorns (2 workers each, as ``bench/pages.py``):
the older code (``PYTHONPATH`` = ``--before-src``) and this tree's. Then, run after run, requests
each URL ``--repeat`` times from each server after two warm-up requests, before and after
alternating so both see the same load. One JSON line per run and URL: p50 and p95 in ms and the
load average when it started. ``pages.py --only`` matches URL names and cannot add a query string
(``/staff/?q=``), hence this script.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
from pathlib import Path

from pages import fetch, free_port, serve, timed  # type: ignore[import-not-found]

URLS = ["/staff/", "/staff/?q=1234"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreements", type=int, default=10_000)
    parser.add_argument("--after-cache", required=True)
    parser.add_argument("--before-cache", required=True)
    parser.add_argument("--before-src", required=True)
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    servers = {}
    try:
        sides = (("before", args.before_cache, args.before_src), ("after", args.after_cache, None))
        for name, cache, src in sides:
            home = Path(cache) / f"n{args.agreements}"
            built = json.loads((home / "bench.json").read_text())
            port = free_port()
            cookie = {"Cookie": f"sessionid={built['sessions']['staff']}"}
            servers[name] = (serve(home, port, src), port, cookie)
        for _proc, port, _headers in servers.values():
            for _ in range(6):
                fetch(port, "/login/", {})
        for run in range(1, args.runs + 1):
            for url in URLS:
                for name, (_proc, port, headers) in servers.items():
                    load = Path("/proc/loadavg").read_text().split()[0]
                    row = timed(port, url, headers, args.repeat)
                    print(json.dumps({"run": run, "code": name, "url": url, "load": float(load), **row}),
                          flush=True)
    finally:
        for proc, _port, _headers in servers.values():
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
