"""Stopping ``art28 serve`` or ``art28 demo`` with SIGTERM (or Ctrl-C) stops gunicorn, its
workers and the task worker too: no process of theirs survives."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _parents() -> dict[int, int]:
    """pid -> parent pid of every live (not zombie) process, from /proc."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            found[int(stat.parent.name)] = int(fields[1])
    return found


def _descendants(pid: int) -> set[int]:
    parents, found, todo = _parents(), set(), [pid]
    while todo:
        parent = todo.pop()
        kids = [p for p, pp in parents.items() if pp == parent]
        found.update(kids)
        todo += kids
    return found


def _alive(pids: set[int]) -> set[int]:
    return pids & set(_parents())


def _serving(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    env = {**os.environ, "ART28_HOME": str(home)}
    subprocess.run([sys.executable, "-m", "art28.cli", "migrate", "-v", "0"], env=env,
                   check=True, timeout=300)
    return home


def _start_then_terminate(home: Path, command: list[str]) -> tuple[set[int], str]:
    port = _free_port()
    env = {**os.environ, "ART28_HOME": str(home)}
    env.pop("BASE_URL", None)
    log = home / f"{command[0]}-{port}.log"  # a file, not a pipe: no child blocks on a full one
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "art28.cli", *command,
                                 "--bind", f"127.0.0.1:{port}"],
                                env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    children: set[int] = set()
    try:
        deadline = time.monotonic() + 240
        # gunicorn's master and its worker, and the task worker.
        while not (_serving(port) and len(children := _descendants(proc.pid)) >= 3):
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "it did not start serving"
            time.sleep(0.5)
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        deadline = time.monotonic() + 15
        while _alive(children) and time.monotonic() < deadline:
            time.sleep(0.2)
        return _alive(children), log.read_text()
    finally:
        for pid in _alive(children | _descendants(proc.pid) | {proc.pid}):
            os.kill(pid, signal.SIGKILL)  # only what this test started


def test_sigterm_to_serve_stops_gunicorn_and_the_worker(home):
    survivors, out = _start_then_terminate(home, ["serve"])
    assert survivors == set(), f"still running after SIGTERM: {survivors}\n{out}"


def test_sigterm_to_demo_stops_gunicorn_and_the_worker(home):
    survivors, out = _start_then_terminate(home, ["demo"])
    assert survivors == set(), f"still running after SIGTERM: {survivors}\n{out}"
    assert "Links in e-mails point to http://127.0.0.1:" in out
    assert out.count("Links in e-mails point to") == 1, out  # said by demo, not again by serve
