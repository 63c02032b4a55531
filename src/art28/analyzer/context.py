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
    processor_names: list[str] = field(default_factory=list)
    controller_names: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.norm = [normalize(s.text) for s in self.sentences]
        self.heads = [normalize(s.heading) for s in self.sentences]

    def controller_re(self) -> re.Pattern[str]:
        return role_re(CONTROLLER_WORDS, self.controller_names)

    def processor_re(self) -> re.Pattern[str]:
        return role_re(PROCESSOR_WORDS, self.processor_names)

    def matching(self, pattern: re.Pattern[str], *, heading: bool = False) -> Iterator[tuple[Sentence, str]]:
        """Sentences whose text (or, with ``heading``, their heading) matches ``pattern``."""
        for sentence, text, head in zip(self.sentences, self.norm, self.heads, strict=True):
            if pattern.search(text) or (heading and pattern.search(head)):
                yield sentence, text


def rx(pattern: str) -> re.Pattern[str]:
    """Compile a pattern for normalised (lower-case) sentence text."""
    return re.compile(pattern)
