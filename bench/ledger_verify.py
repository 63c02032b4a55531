"""`art28 ledger verify` over a large ledger beside a bare hashlib loop over the same bytes.

    .venv/bin/python bench/ledger_verify.py [--events 100000] [--repeat 3] [--home DIR]

Builds (or reuses, with ``--home``) a SQLite ledger of ``--events`` chained events, then times,
alternately and ``--repeat`` times each:

* ``command``: ``art28 ledger verify`` run in this process (``call_command("ledger_verify")``);
* ``bare``: a loop on a plain ``sqlite3`` cursor over the same rows that builds the same
  canonical JSON bytes, hashes them with ``hashlib.sha256`` and checks each link: the least
  work any verification of this chain must do, without Django;
* ``hash_only``: ``hashlib.sha256`` over the canonical bytes already in memory (no database,
  no JSON): a floor, printed for reference.

Prints one JSON line; ``ratio`` is bare seconds / command seconds (1.0 = as fast as the bare
loop; the issue's target is >= 0.3), each the median of the repeats.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
try:
    import art28  # noqa: F401
except ImportError:  # not installed: run from a checkout
    sys.path.insert(0, str(ROOT / "src"))

ACTIONS = ["agreement.signed", "breach.opened", "notice.queued", "subprocessor.changed", "request.answered"]


def build(n: int) -> None:
    from django.db import transaction

    from art28.ledger.models import GENESIS, ChainHead, Event

    have = Event.objects.count()
    if have >= n:
        return
    head = ChainHead.objects.filter(pk=1).first()
    prev, seq = (head.last_hash, head.last_seq) if head else (GENESIS, 0)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    while seq < n:
        chunk = []
        for _ in range(min(5000, n - seq)):
            seq += 1
            event = Event(seq=seq, code=uuid.uuid4(), at=start + timedelta(seconds=seq),
                          actor_label=f"user{seq % 37}", action=ACTIONS[seq % len(ACTIONS)],
                          object_type="agreement", object_code=f"K-{seq % 10_000:05d}",
                          processor_id_ref=1, controller_id_ref=seq % 10_000 + 1,
                          data={"version": seq % 7, "reference": f"DPA-{seq}", "note": "één"},
                          prev_hash=prev)
            event.hash = prev = event.compute_hash()
            chunk.append(event)
        with transaction.atomic():
            Event.objects.bulk_create(chunk)
            ChainHead.objects.update_or_create(pk=1, defaults={"last_seq": seq, "last_hash": prev})


def bare(path: Path) -> int:
    """Verify the chain with sqlite3 + json + hashlib only."""
    encode = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode
    db = sqlite3.connect(path)
    prev, n = "0" * 64, 0
    rows = db.execute("SELECT seq, code, at, actor_label, action, object_type, object_code, processor_id_ref,"
                      " controller_id_ref, data, prev_hash, hash FROM ledger_event ORDER BY seq")
    for seq, code, at, actor, action, otype, ocode, proc, ctrl, data, prev_hash, stored in rows:
        payload = encode({
            "seq": seq, "code": str(uuid.UUID(code)),
            "at": datetime.fromisoformat(at).replace(tzinfo=UTC).isoformat(),
            "actor": actor, "action": action, "object_type": otype, "object_code": ocode,
            "processor": proc, "controller": ctrl, "data": json.loads(data), "prev": prev_hash,
        }).encode()
        if prev_hash != prev or hashlib.sha256(payload).hexdigest() != stored:
            raise SystemExit(f"bare loop: chain broken at {seq}")
        prev, n = stored, n + 1
    db.close()
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--home", help="ART28_HOME to build in or reuse (default: a new temp dir)")
    args = parser.parse_args()
    home = Path(args.home or tempfile.mkdtemp(prefix="art28-ledger-bench-"))
    os.environ.update(ART28_HOME=str(home), DATABASE_URL="", DJANGO_SETTINGS_MODULE="art28.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    build(args.events)
    build_s = time.perf_counter() - started

    from django.db import connection

    from art28.ledger.models import Event

    events = Event.objects.count()
    path = Path(connection.settings_dict["NAME"])
    command_s, bare_s = [], []
    for _ in range(args.repeat):
        out = io.StringIO()
        t = time.perf_counter()
        call_command("ledger_verify", stdout=out)
        command_s.append(time.perf_counter() - t)
        assert f"ledger intact: {events} events" in out.getvalue(), out.getvalue()
        t = time.perf_counter()
        assert bare(path) == events
        bare_s.append(time.perf_counter() - t)
    payloads = [e.payload() for e in Event.objects.order_by("seq")[:events].iterator(chunk_size=5000)]
    t = time.perf_counter()
    for p in payloads:
        hashlib.sha256(p).hexdigest()
    hash_only = time.perf_counter() - t
    command, bare_med = statistics.median(command_s), statistics.median(bare_s)
    print(json.dumps({
        "events": events, "database": "sqlite", "build_seconds": round(build_s, 1),
        "command_seconds": round(command, 3), "bare_seconds": round(bare_med, 3),
        "ratio": round(bare_med / command, 3), "target_ratio": 0.3,
        "command_runs": [round(s, 3) for s in command_s], "bare_runs": [round(s, 3) for s in bare_s],
        "hash_only_seconds": round(hash_only, 3),
        "command_events_per_second": round(events / command),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }))


if __name__ == "__main__":
    main()
