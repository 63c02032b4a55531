"""Fixtures of the outbox tests."""

from __future__ import annotations

import pytest

from tests.notices.workers import start_mailbox


@pytest.fixture
def slow_smtp():
    """``slow_smtp(delay)`` starts a real mail server taking ``delay`` s a message.

    Every server it started stops after the test."""
    boxes = []

    def start(delay: float):
        boxes.append(start_mailbox(delay))
        return boxes[-1]

    yield start
    for box in boxes:
        box.stop()
