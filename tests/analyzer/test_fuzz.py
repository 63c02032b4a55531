"""Arbitrary bytes and text never raise anything but AnalyzerError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from art28.analyzer import Analysis, AnalyzerError, analyze

NAMES = st.sampled_from([None, "a.txt", "a.pdf", "a.docx", "a.html", "a.md", "a"])
PREFIXES = st.sampled_from([b"", b"%PDF-1.7\n", b"PK\x03\x04", b"<html>", b"\xff\xfe"])


def _check(data: bytes, name: str | None) -> None:
    try:
        result = analyze(data, filename=name)
    except AnalyzerError as exc:
        assert exc.code > 0 and exc.message
    else:
        assert isinstance(result, Analysis)
        result.model_dump(mode="json")


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=PREFIXES, data=st.binary(max_size=4000), name=NAMES)
def test_it_survives_arbitrary_bytes(prefix, data, name):
    _check(prefix + data, name)


WORDS = st.sampled_from(
    [
        "Verwerker",
        "datalek",
        "binnen",
        "24",
        "uur",
        "breach",
        "within",
        "hours",
        "object",
        "days",
        "bezwaar",
        "dagen",
        "laws of",
        "the Netherlands",
        "Artikel 7",
        "7.2",
        "\n",
        "[INVULLEN]",
        "|",
        "sub-processor",
        "audit",
        "return or delete",
        "(",
        ")",
        ".",
        "______",
        "<<x>>",
        "…",
    ]
)


@settings(max_examples=300, deadline=2000)
@given(parts=st.lists(st.one_of(WORDS, st.text(max_size=30)), max_size=80), name=NAMES)
def test_it_survives_arbitrary_text(parts, name):
    _check(" ".join(parts).encode("utf-8", "surrogatepass"), name)
