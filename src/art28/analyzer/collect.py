"""Collects candidate values with their evidence while the extractors read a document."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from art28.analyzer.text import Sentence

MAX_QUOTE = 400


class Evidence(BaseModel):
    """Where a value came from: the clause number and the exact words."""

    ref: str | None
    quote: str


def quote_of(sentence: Sentence) -> Evidence:
    """The evidence for one sentence, trimmed to a readable length."""
    text = sentence.text
    if len(text) > MAX_QUOTE:
        text = text[: MAX_QUOTE - 1].rstrip() + "…"
    return Evidence(ref=sentence.ref, quote=text)


@dataclass
class Candidate:
    value: Any
    sentence: Sentence


@dataclass
class Collector:
    """Candidates per field path (``breach.notice_hours``), in document order."""

    found: dict[str, list[Candidate]] = field(default_factory=dict)

    def add(self, path: str, value: Any, sentence: Sentence) -> None:
        """Record that ``sentence`` says ``path`` is ``value``."""
        self.found.setdefault(path, []).append(Candidate(value, sentence))

    def values(self, path: str) -> list[Any]:
        """Distinct values for ``path`` in order of first appearance."""
        out: list[Any] = []
        for cand in self.found.get(path, []):
            if cand.value not in out:
                out.append(cand.value)
        return out

    def first(self, path: str) -> Any:
        vals = self.values(path)
        return vals[0] if vals else None

    def has(self, path: str) -> bool:
        return bool(self.found.get(path))

    def evidence(self, path: str, value: Any = None, limit: int = 3) -> list[Evidence]:
        """Quotes for ``path`` (only those for ``value`` when given), without repeats."""
        out: list[Evidence] = []
        seen: set[int] = set()
        for cand in self.found.get(path, []):
            if value is not None and cand.value != value:
                continue
            if cand.sentence.index in seen:
                continue
            seen.add(cand.sentence.index)
            out.append(quote_of(cand.sentence))
            if len(out) >= limit:
                break
        return out

    def sentences_for(self, path: str) -> list[Sentence]:
        return [c.sentence for c in self.found.get(path, [])]
