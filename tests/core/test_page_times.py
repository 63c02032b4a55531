"""Pages show moments with ``|minute`` ("1 December 2026, 14:43"); ``|localtime`` (seconds and
the zone's name) is for the e-mail notices only."""

from __future__ import annotations

from pathlib import Path

import art28

SRC = Path(art28.__file__).parent


def test_no_page_template_shows_seconds_and_the_zone_name():
    pages = [p for p in SRC.rglob("templates/**/*.html") if "/notices/email/" not in p.as_posix()]
    assert len(pages) > 50
    found = [f"{p.relative_to(SRC)}:{n}" for p in pages
             for n, line in enumerate(p.read_text().splitlines(), 1) if "|localtime" in line]
    assert not found, found
