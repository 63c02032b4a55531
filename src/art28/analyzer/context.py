"""What every extractor gets: the sentences, their normalised text, and the party names."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from art28.analyzer.patterns import CONTROLLER_WORDS, PROCESSOR_WORDS, normalize, role_re
from art28.analyzer.text import Sentence


@dataclass
class Context:
    """Sentences of one document with their normalised (lower-case, digits) text."""

    sentences: list[Sentence]
    language: str
    norm: list[str] = field(default_factory=list)
    heads: list[str] = field(default_factory=list)
    leads: list[str] = field(default_factory=list)
    processor_names: list[str] = field(default_factory=list)
    controller_names: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.norm = [normalize(s.text) for s in self.sentences]
        self.leads = _leads(self.norm)
        self.heads = [
            f"{normalize(s.heading)} {lead}" for s, lead in zip(self.sentences, self.leads, strict=True)
        ]

    def controller_re(self) -> re.Pattern[str]:
        return role_re(CONTROLLER_WORDS, self.controller_names)

    def processor_re(self) -> re.Pattern[str]:
        return role_re(PROCESSOR_WORDS, self.processor_names)

    def matching(self, pattern: re.Pattern[str], *, heading: bool = False) -> Iterator[tuple[Sentence, str]]:
        """Sentences whose text (or, with ``heading``, their heading) matches ``pattern``."""
        for sentence, text, head in zip(self.sentences, self.norm, self.heads, strict=True):
            if pattern.search(text) or (heading and pattern.search(head)):
                yield sentence, text


_LIST_ITEM = re.compile(r"^\s*(?:[-*•·]|\(?[a-z]{1,4}[.)]|\d{1,2}[.)])\s|^\s*\(?[ivx]{1,4}\)")


def _leads(norm: list[str]) -> list[str]:
    """For each list item, the sentence ending in ':' that introduces the list."""
    leads: list[str] = []
    lead = ""
    for text in norm:
        if _LIST_ITEM.match(text) and lead:
            leads.append(lead)
            continue
        leads.append("")
        lead = text if text.rstrip().endswith(":") else ""
    return leads


def rx(pattern: str) -> re.Pattern[str]:
    """Compile a pattern for normalised (lower-case) sentence text."""
    return re.compile(pattern)
