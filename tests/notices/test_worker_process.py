"""A real `art28 worker` process delivers the outbox to a real SMTP server."""

import os
import subprocess
import sys

import pytest

SETUP = """
from django.db import transaction
from art28.notices.services import About, queue_notice
from art28.parties.models import Controller, Processor
p = Processor.objects.create(name="P", kvk="87654321")
c = Controller.objects.create(processor=p, name="C", language="en")
with transaction.atomic():
    for i in range(5):
        queue_notice(controller=c, kind="agreement_signed", about=About("t", str(i)),
                     template="agreement_signed", recipients=[f"r{i}@x.example"],
                     context={"reference": f"DPA-{i}", "processor": "P", "version": 1})
"""


def _art28(env, *args, **kw):
    return subprocess.run([sys.executable, "-m", "art28.cli", *args], env=env, check=True,
                          capture_output=True, text=True, timeout=120, **kw)


@pytest.mark.smtp
def test_it_delivers_queued_notices_from_a_separate_worker_process(tmp_path, smtp_server):
    env = {**os.environ, "ART28_HOME": str(tmp_path), "DATABASE_URL": "",
           "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp_server.port),
           "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend"}
    _art28(env, "migrate")
    _art28(env, "manage", "shell", "-c", SETUP)
    assert smtp_server.messages == []
    _art28(env, "worker", "--batch")
    assert sorted(m["to"][0] for m in smtp_server.messages) == [f"r{i}@x.example" for i in range(5)]
    assert len({m["message_id"] for m in smtp_server.messages}) == 5
    out = _art28(env, "tick").stdout
    assert "delivered: 0" in out  # nothing twice
