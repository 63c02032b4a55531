"""What the portal's notice page says happened shows its moments as every page does: to the
minute, in the reader's language, without a zone's name (the formal draft keeps seconds)."""

from __future__ import annotations

import pytest
from django.utils import translation

from art28.breaches.services import told_facts


@pytest.mark.parametrize(("language", "expected"), [("en", "28 November 2026, 15:30"),
                                                    ("nl", "28 november 2026, 15:30")])
def test_it_shows_the_moments_of_a_notice_to_the_minute(language, expected):
    facts = {"aware_at": "2026-11-28T14:30:35+00:00", "occurred_at": None}
    with translation.override(language):
        rows = {row["label"]: row for row in told_facts(facts)}
        aware = rows[str(translation.gettext("The processor became aware"))]
        started = rows[str(translation.gettext("Breach started"))]
    assert aware["answer"] == expected and not aware["missing"]
    assert started["missing"]


def test_it_uses_summer_time_in_july():
    with translation.override("en"):
        rows = told_facts({"aware_at": "2026-07-01T08:05:59+00:00"})
    assert [r["answer"] for r in rows if r["answer"].startswith("1 July")] == ["1 July 2026, 10:05"]
