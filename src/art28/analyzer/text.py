"""Split plain text into sentences that remember their clause number and heading."""

from __future__ import annotations

import re
from dataclasses import dataclass

from art28.terms.schema import Language

_NL_WORDS = frozenset(
    "de het een en van in is dat op te zijn voor met niet aan door als bij wordt worden "
    "deze die of naar uit ook om tot verwerker persoonsgegevens overeenkomst partijen".split()
)
_EN_WORDS = frozenset(
    "the of and to in is that for on with as by be are or this any shall will such from "
    "processor data personal agreement parties".split()
)


def detect_language(text: str) -> Language:
    """``"nl"`` or ``"en"``, by counting common words in the first 20,000 characters."""
    words = re.findall(r"[a-zà-ÿ]+", text[:20_000].lower())
    nl = sum(1 for w in words if w in _NL_WORDS)
    en = sum(1 for w in words if w in _EN_WORDS)
    return "nl" if nl > en else "en"


@dataclass(frozen=True)
class Sentence:
    """One sentence, the clause it belongs to (``ref``) and the heading above it."""

    ref: str | None
    text: str
    heading: str
    index: int
    line: int = -1  # the (unwrapped) line it stands on: the cells of one table row share it


_ARTICLE_RE = re.compile(
    r"^\s*(?:#+\s*)?(Artikel|Article|Section|Clause|Art\.|Paragraph|Bijlage|Annex|Schedule|Exhibit|Appendix)"
    r"\s+(\d+(?:\.\d+)*|[IVX]+|[A-Z])\b",
    re.IGNORECASE,
)
_NUMBERED_RE = re.compile(r"^\s*(?:[-*]\s*)?(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+\S")
_ITEM_RE = re.compile(r"^\s*(?:[-*]\s*)?(\d{1,2})[.)]\s+(\S.*)$")
_SENT_SPLIT_RE = re.compile(r"(?<=[.;!?])\s+(?=[\"“‘(]?[A-Z0-9À-Ý])")
_ABBREV_RE = re.compile(
    r"(?:\b(?:e\.g|i\.e|art|nr|no|b\.v|n\.v|inc|ltd|bijv|o\.a|m\.b\.t|t\.a\.v|z\.s\.m|etc|vs|lid|par|ca|resp|jo)\.|\b[A-Z]\.)$",
    re.IGNORECASE,
)


def unwrap(text: str) -> str:
    """Join hard-wrapped lines (PDF) back into paragraphs.

    A line is a wrapped one only when it is about as long as the document's typical
    line; a short line ends a paragraph, a heading or a table cell. A table row (cells
    separated by " | ") is never joined to its neighbours. A line ending in ":" is
    joined only to an opening quote that continues it ("hierna te noemen:" / "“Verwerker”;").
    """
    # A page footer ("page 2 of 9") between two halves of a sentence is not part of it.
    lines = [x for x in text.split("\n") if not _PAGE_FOOTER.match(x.strip())]
    lengths = sorted(len(x.strip()) for x in lines if x.strip() and not _is_row(x))
    full = 0.6 * lengths[len(lengths) // 2] if lengths else 0
    out: list[str] = []
    previous = 0  # length of the previous physical line
    for line in lines:
        stripped = line.strip()
        wrapped_before, previous = previous >= full, len(stripped)
        if (
            out
            and stripped
            and wrapped_before
            and out[-1].strip()
            and _continues(out[-1], stripped)
            and not _is_row(out[-1])
            and not _is_row(stripped)
            and not _starts_block(stripped)
        ):
            out[-1] = out[-1].rstrip() + " " + stripped
        else:
            out.append(line)
    return "\n".join(out)


def _is_row(line: str) -> bool:
    return " | " in line


def _continues(before: str, line: str) -> bool:
    if not re.search(r"[.:;!?]\s*$", before):
        return True
    return before.rstrip().endswith(":") and line.startswith(("“", '"', "‘"))


def _starts_block(line: str) -> bool:
    return bool(
        _ARTICLE_RE.match(line)
        or _NUMBERED_RE.match(line)
        or _ITEM_RE.match(line)
        or re.match(r"^([-*•▪●]|\(?[a-z]\)|[a-z]\.)\s", line)
    )


_PAGE_FOOTER = re.compile(r"^(?:page|pagina|blz\.?|p\.)\s*\d+(?:\s*(?:of|van|/)\s*\d+)?$", re.IGNORECASE)


def _is_heading(line: str) -> bool:
    if _PAGE_FOOTER.match(line):
        return False  # "page 2 of 9" is a page footer, not the heading of what follows
    return len(line) < 90 and "|" not in line and not re.search(r"[.;:,]$", line) and len(line.split()) <= 12


class _RefTracker:
    """Follows article and clause numbers line by line."""

    def __init__(self) -> None:
        self.article: str | None = None
        self.ref: str | None = None
        self.heading = ""

    def feed(self, line: str) -> None:
        if m := _ARTICLE_RE.match(line):
            word = m.group(1).rstrip(".").capitalize()
            self.article, self.ref = m.group(2), f"{word} {m.group(2)}"
            self.heading = line.lower()
        elif m := _NUMBERED_RE.match(line):
            self.ref = m.group(1)
            self.article = m.group(1).split(".")[0]
            if _is_heading(line):
                self.heading = line.lower()
        elif m := _ITEM_RE.match(line):
            if _is_heading(m.group(2)) and not self._in_article_list():
                self.article = self.ref = m.group(1)
                self.heading = line.lower()
            else:
                base = self.article.split(" ")[-1] if self.article else None
                self.ref = f"{base}.{m.group(1)}" if base else m.group(1)
        elif _is_heading(line) and not line.startswith(("-", "*", "|", "(")) and not line[0].islower():
            # A line in lower case continues something (a wrapped table cell), it heads nothing.
            self.heading = line.lower()

    def _in_article_list(self) -> bool:
        return bool(self.ref and self.article and self.ref.startswith("Artikel"))


_CONTINUATION = re.compile(r"^[a-zà-ÿ(]|^\d+[\w)]*\s+[a-zà-ÿ]")
_NOT_CONTINUATION = re.compile(r"^(\(?[a-z]{1,4}[.)]\.?|[ivx]{1,4}[.)]\.?)\s")


def join_broken(text: str) -> str:
    """Join a line broken inside a sentence to the line it continues.

    Any format can carry such breaks (a text export of a PDF, a wrapped e-mail): a line
    ending in an abbreviation ("Art.") or without closing punctuation, followed by a
    line that starts in lower case ("… binnen⏎24 uur", "under Art.⏎32 to 36"), is one
    sentence. A list item ("a) …") and a table row keep their own line.
    """
    out: list[str] = []
    blank = False  # a blank line after "Art." still leaves the sentence open
    for line in text.split("\n"):
        stripped = line.strip()
        prev = out[-1].rstrip() if out else ""
        if not stripped and not blank and (_ARTICLE_ABBREV.search(prev) or _open(prev)):
            blank = True
            continue
        if prev and stripped and (_resumes(prev, stripped) if blank else _continues_line(prev, stripped)):
            out[-1] = f"{prev} {stripped}"
        else:
            if blank:
                out.append("")
            out.append(line)
        blank = False
    return "\n".join(out)


_ARTICLE_ABBREV = re.compile(r"\b(art|lid|no|nr)\.$", re.IGNORECASE)


def _open(prev: str) -> bool:
    """A long line without closing punctuation: a sentence a page or paragraph break cut."""
    return (
        len(prev.split()) >= 6
        and not re.search(r"[.:;!?)\]”\"]$", prev)
        and not _is_row(prev)
        and not title_case(prev)
    )


def title_case(line: str) -> bool:
    """A heading ("Return and Deletion of Customer Data"): short, its words mostly capitalised."""
    words = re.findall(r"[A-Za-zÀ-ÿ]+", line)
    long = [w for w in words if len(w) > 3]
    return len(words) <= 12 and bool(long) and sum(w[0].isupper() for w in long) >= 0.75 * len(long)


def _resumes(prev: str, line: str) -> bool:
    """After a blank line, the rest of the sentence: a number after "Art.", or lower case."""
    if re.search(r"\.$", prev):
        return line[0].isdigit()
    return bool(re.match(r"^[a-zà-ÿ]", line)) and not _NOT_CONTINUATION.match(line)


def _continues_line(prev: str, line: str) -> bool:
    if _is_row(prev) or _is_row(line) or _NOT_CONTINUATION.match(line):
        return False
    if _ABBREV_RE.search(prev) and re.match(r"^[\d(a-zà-ÿ]", line):
        return True
    if re.search(r"[.:;!?]$", prev) or len(prev.split()) < 6:
        return False
    return bool(_CONTINUATION.match(line))


def sentences(text: str, *, wrapped: bool = False) -> list[Sentence]:
    """The sentences of ``text`` in order, each with its clause ``ref`` and heading."""
    if wrapped:
        text = unwrap(text)
    text = join_broken(text)
    tracker = _RefTracker()
    out: list[Sentence] = []
    for number, raw_line in enumerate(text.split("\n")):
        line = raw_line.strip()
        if not line:
            continue
        tracker.feed(line)
        for part in split_sentences(line):
            out.append(Sentence(tracker.ref, part, tracker.heading, len(out), number))
    return out


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph on sentence ends, not after common abbreviations."""
    pieces = _SENT_SPLIT_RE.split(paragraph)
    merged: list[str] = []
    for piece in pieces:
        if merged and (_ABBREV_RE.search(merged[-1]) or len(merged[-1]) < 4):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return [m.strip() for m in merged if m.strip()]
