"""The three checks each bank of collected wordings runs (made once, used by every bank).

``round_checks(widened, kept, near)`` returns the test functions; a test module assigns them to
``test_*`` names so pytest collects them there, with that module's wordings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.analyzer.test_requirement_phrasings import (
    PREAMBLE_EN,
    PREAMBLE_NL,
    _status,
    present_cases,
    sentence_status,
)

Bank = dict[str, tuple[list[str], list[str]]]
NearMisses = dict[str, list[tuple[str, str, bool]]]


def round_checks(widened: Bank, kept: Bank, near: NearMisses) -> tuple[Callable[..., Any], ...]:
    @pytest.mark.parametrize(("key", "sentence", "dutch"), present_cases(widened))
    def reads_widened(key: str, sentence: str, dutch: bool) -> None:
        assert sentence_status(sentence, key, dutch) == "present", sentence

    @pytest.mark.parametrize(("key", "sentence", "dutch"), present_cases(kept))
    def keeps_reading(key: str, sentence: str, dutch: bool) -> None:
        assert sentence_status(sentence, key, dutch) == "present", sentence

    @pytest.mark.parametrize(
        ("key", "kind", "text", "dutch"),
        [
            pytest.param(k, kind, t, d, id=f"{k}-{kind.replace(' ', '_')}-{i}")
            for k, cases in near.items()
            for i, (kind, t, d) in enumerate(cases)
        ],
    )
    def near_miss(key: str, kind: str, text: str, dutch: bool) -> None:
        if kind == "heading":
            document = f"{PREAMBLE_NL if dutch else PREAMBLE_EN}{text}\n"
            assert _status(document, key, "nl" if dutch else "en") != "present", text
        else:
            assert sentence_status(text, key, dutch) != "present", f"{kind}: {text}"

    return reads_widened, keeps_reading, near_miss
