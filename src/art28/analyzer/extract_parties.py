"""The parties (names, KvK numbers) and the processing details of Annex/Bijlage 1."""

# Long regular expressions read better unbroken.
# ruff: noqa: E501

from __future__ import annotations

import re

from art28.analyzer.collect import Collector
from art28.analyzer.context import Context, rx
from art28.analyzer.patterns import CONTROLLER_WORDS, PROCESSOR_WORDS
from art28.analyzer.placeholders import is_placeholder
from art28.analyzer.text import Sentence

LEGAL_FORM = (
    r"B\.\s?V\.|BV|N\.\s?V\.|V\.O\.F\.|Ltd\.?|Limited|Inc\.?|LLC|L\.L\.C\.|GmbH|AG|S\.A\.S?\.?|SAS|SARL|AB|ApS|Oy|"
    r"s\.r\.o\.|OÜ|Corp\.?|Corporation|plc|PLC|B\.V|Stichting|Pty|LTDA|Ltda\.?"
)
# Capitalised words that stand before a company's name without being part of it: the defined
# terms of an agreement ("the Services Acme Cloud Ltd provides") and words that open a
# sentence or a clause ("If Acme Ltd fails"). Inside a name they stay ("Acme Cloud Services
# Ltd"); a name never starts with one when another capitalised word follows ("Voor de Diensten X").
NOT_NAME_START = (
    r"Services?|Agreement|Addendum|DPA|Terms|Contract|Order|Schedule|Annex|Appendix|Exhibit|Clause|Section|"
    r"Article|Subscription|Customer|Client|Controller|Processor|Supplier|Provider|Vendor|Contractor|Licensee|"
    r"Subscriber|Party|Parties|Dienst|Diensten|Dienstverlening|Overeenkomst|Hoofdovereenkomst|"
    r"Verwerkersovereenkomst|Bijlage|Artikel|Klant|Opdrachtgever|Opdrachtnemer|Leverancier|Verwerker|"
    r"Verwerkingsverantwoordelijke|Partij|Partijen|If|Where|When|Whereas|While|Between|And|En|Tussen|The|This|"
    r"That|These|Those|Such|Each|Any|All|Our|Your|We|You|Under|By|For|With|From|To|In|On|At|Both|Als|Indien|"
    r"Wanneer|Zodra|Door|Voor|Met|Namens|Deze|Dit|Die|Dat|Het|Een|Bij"
)
ENTITY = re.compile(
    rf"((?<![\w&'’.\-])(?:Stichting\s+)?(?!(?:{NOT_NAME_START})\s+(?:(?:van|de|der|of|and|en|the)\s+)*[A-Z0-9])[A-Z0-9][\w&'’.\-]*(?:\s+(?:[A-Z0-9][\w&'’.\-]*|&|van|de|der|of|and|en)){{0,5}}\s*,?\s+(?:{LEGAL_FORM}))(?![\w])"
)
KVK = re.compile(
    r"(?:kvk|kamer van koophandel|chamber of commerce|handelsregister|coc|kvk-nummer|kvk nummer)[^\d\n]{0,40}?"
    r"(\d{8}|\d{2}[ .]\d{3}[ .]\d{3}|\d{4}[ .]\d{4})(?!\d)",
    re.IGNORECASE,
)
# A role given to a party: after "hereinafter"/"hierna", or as the whole of a quote or a
# parenthesis ("(the “Customer”)"). A role word further on in running text ("(as defined
# below) and the Customer identified in ...") or a defined term that only starts with one
# ("Customer Data") is not a label.
_ROLE = re.compile(
    rf"(?:(?:hierna|hereinafter|hereafter|referred to as|te noemen)[^.\n]{{0,40}}?|[(“\"‘][^.\n()”\"’/]{{0,40}}?)"
    rf"\b((?:de |the )?(?:{CONTROLLER_WORDS}|{PROCESSOR_WORDS}))\b(?=[^\w(]{{0,3}}$|[”\"’')]|\s*[,;:]|\s+(?:en|and|or|of|for|van|voor|in)\b)",
    re.IGNORECASE,
)
_PROC = re.compile(rf"^(?:de |the )?(?:{PROCESSOR_WORDS})$", re.IGNORECASE)
_ANY_ROLE = re.compile(rf"(?:{CONTROLLER_WORDS}|{PROCESSOR_WORDS}|data|parties|partijen|party|partij)")


_ROLE_HEADER = re.compile(
    r"^\W*(?:\d+[.)]\s*)?(?:de |the )?(verwerker|processor|verwerkingsverantwoordelijke|verantwoordelijke|controller|"
    r"data importer|data exporter|provider|customer|klant|opdrachtgever|opdrachtnemer|leverancier)s?\b(?:[^.:]{0,60}:)?\W*$",
    re.IGNORECASE,
)
BLOCK_LINES = 8
# "2. Verwerker: Bolbaas, KvK 12345678": the role label and the party on one line.
_ROLE_INLINE = re.compile(
    r"^\W*(?:\d+[.)]\s*)?(?:de |the )?(verwerker|processor|verwerkingsverantwoordelijke|controller|"
    r"opdrachtnemer|opdrachtgever|leverancier|supplier|contractor|customer|klant)\s*:\s*(?P<rest>[A-Z0-9].{10,})$",
    re.IGNORECASE,
)
# A party given a short name of its own ("Datastal B.V. (hereinafter “Datastal”)").
_DEFINED = re.compile(
    r"(?i:hereinafter|hereafter|referred to as|hierna(?: te noemen)?|te noemen)\s*:?\s*(?:the |de |het )?"
    r"[“\"‘']([A-Z][\w&.'’\- ]{1,30}?)[”\"’']"
)

# The same in a parenthesis of its own ("GitHub, Inc. (“GitHub”)"); it counts only where
# the short name is how the company's name begins (not "(“DPA”)").
_ALIAS = re.compile(r"\(\s*(?:the |de |het )?[“\"‘']([A-Z][\w&.'’\- ]{1,30}?)[”\"’']\s*\)")


def extract_parties(ctx: Context, col: Collector) -> None:
    """Names and KvK numbers of processor and controller, by the role each is given.

    A role is given inline ("Wolkdienst B.V., hierna: Verwerker") or as a label line
    ("Verwerker:") followed by the party's details on the next lines.
    """
    block: str | None = None
    left = 0
    inferred: list[tuple[str, str, Sentence]] = []
    section = ""
    count = len(ctx.sentences)
    for i, sentence in enumerate(ctx.sentences):
        if i == 0 or sentence.ref != ctx.sentences[i - 1].ref:
            section = sentence.text
        spans = _role_spans(sentence.text)
        for role, start, end in spans:
            _party_details(sentence, _own_part(sentence.text[start:end]), role, col, introduced=True)
        for role, start, end in spans:
            inferred += _acting_party(sentence.text[start:end], role, sentence)
        _short_name_party(sentence, spans, col)
        if inline := _ROLE_INLINE.match(sentence.text):
            _party_details(sentence, inline.group("rest"), _role_of(inline.group(1)), col, introduced=True)
        header = _ROLE_HEADER.match(sentence.text)
        if header and ":" not in header.group(0):
            following = ctx.sentences[i + 1].text if i + 1 < count else ""
            if not _opens_block(header.group(1), section, i, count, following):
                header = None
        if header or (spans and sentence.text.rstrip(" *").endswith(":")):
            block = _role_of(header.group(1)) if header and not spans else spans[-1][0]
            left = BLOCK_LINES
        elif block and left > 0 and not spans:
            _party_details(sentence, sentence.text, block, col)
            left -= 1
    # A role inferred from "X processes ... on behalf of Y" counts only where no label named that party.
    for path, name, sentence in inferred:
        if not col.has(path):
            col.add(path, name, sentence)
    for sentence in ctx.sentences[:PREAMBLE]:
        _between(sentence, col)


# A role word alone on a line ("Provider") heads a party block in the preamble or the
# signatures, but in a table of sub-processors or an annex it is a column header. There it
# counts only over a name or signature line, or as the parties of the standard clauses
# (data exporter/importer), never in a list of sub-processors.
_SUBPROCESSOR_SECTION = re.compile(r"sub-?\s?processor|sub-?\s?verwerker|onderaannemer|third[- ]party (?:service )?providers", re.IGNORECASE)
_ANNEX = re.compile(r"^\W*(?:annex|bijlage|schedule|exhibit|appendix|attachment)\b", re.IGNORECASE)
_SIGNED_LINE = re.compile(r"^\W*(?:signed|signature|getekend|handtekening|naam|name|by|door|for and on behalf|on behalf of|namens)\b", re.IGNORECASE)
_SIGNATURE_TAIL = 40


def _opens_block(word: str, section: str, index: int, count: int, following: str) -> bool:
    if _SUBPROCESSOR_SECTION.search(section):
        return False
    if _SIGNED_LINE.match(following) or word.lower() in ("data importer", "data exporter"):
        return True
    if _ANNEX.match(section):
        return False
    ends = index < PREAMBLE or index >= count - _SIGNATURE_TAIL
    return (ends and not _heads_clause(following)) or bool(ENTITY.match(following.strip()))


# What follows a role line that heads a clause or a definition rather than a party's details,
# even in the opening or the signatures: a numbered sub-clause, a lower-case continuation (the
# text of a definition), or a sentence that calls a party by its role ("The Processor uses
# Backupkluis GmbH for backups"), unless it opens with a company's name or is a "Label: value" line.
_CLAUSE_AFTER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})+\.?\s|\(?[a-z]{1,3}\)\s|[a-zà-ÿ])")
_ROLE_IN_TEXT = re.compile(
    r"\b(?:processor|verwerker|controller|verwerkingsverantwoordelijke|customer|klant|supplier|leverancier|"
    r"provider|opdrachtgever|opdrachtnemer)\b",
    re.IGNORECASE,
)
_LABEL_LINE = re.compile(r"^\W*[\w .'’-]{1,30}:\s*\S")


def _heads_clause(following: str) -> bool:
    line = following.strip()
    if _CLAUSE_AFTER.match(line):
        return True
    return not ENTITY.match(line) and not _LABEL_LINE.match(line) and bool(_ROLE_IN_TEXT.search(line))


# "X Inc. (“X”) and the Customer (“Customer”)": what precedes a closed definition and
# "and" belongs to the party before, which got a short name but no role.
_PARTY_BREAK = re.compile(r"[)”\"’]\s*,?\s*(?:and|en|&)\s+")


def _own_part(chunk: str) -> str:
    """The part of a role's span that describes the party given that role.

    It starts after the last "… ) and" and after the last short name defined for another
    party ("Wolkdienst B.V. (hierna: “Wolkdienst”) verwerkt ... namens de klant (hierna:").
    """
    cuts = [m.end() for m in _PARTY_BREAK.finditer(chunk)]
    cuts += [m.end() for m in (*_DEFINED.finditer(chunk), *_ALIAS.finditer(chunk)) if not _NOT_A_NAME.match(m.group(1).strip())]
    return chunk[max(cuts) :] if cuts else chunk


# "Wolkdienst B.V. verwerkt ... namens Bakkerij Roos B.V. (hierna: Verwerkingsverantwoordelijke)":
# the company that acts on behalf of the one given a role has the other role.
# Only where it processes ("X processes personal data on behalf of Y"), not where a person or a
# company signs for another ("X namens Y").
_BEHALF = re.compile(r"\b(?:process\w*|verwerk\w*)\b[^.;]{0,60}?\b(?:on behalf of|namens|ten behoeve van|in opdracht van)\s")


def _acting_party(chunk: str, role: str, sentence: Sentence) -> list[tuple[str, str, Sentence]]:
    """The company that processes on behalf of the one given ``role``, as (path, name, sentence)."""
    behalf = list(_BEHALF.finditer(chunk))
    if not behalf:
        return []
    names = [n for n in ENTITY.findall(chunk[: behalf[-1].start()]) if not is_placeholder(n)]
    if names and ENTITY.search(chunk[behalf[-1].end() :]):
        other = "controller" if role == "processor" else "processor"
        return [(f"{other}.name", _clean_name(names[-1]), sentence)]
    return []


PREAMBLE = 60
_BARE = r"(?:customer|client|klant|opdrachtgever|licensee|subscriber|you|supplier|vendor|provider|leverancier|opdrachtnemer)"
_NAMED = r"(?P<name>[A-Z][\w.&'’\-]*(?:\s+[A-Z][\w.&'’\-]*){0,3})"
# "between Wolkdienst and the Customer", "tussen de klant en Wolkdienst": one party by name,
# the other by a bare role word, so the name has the other role.
_BETWEEN = (
    re.compile(rf"\b(?:between|tussen)\s+(?:the\s+|de\s+)?(?P<a>[^;:]{{2,200}}?)\s+(?:and|en)\s+(?:the\s+|de\s+)?(?P<role>{_BARE})\b(?!\s+(?:data|gegevens)\b)", re.IGNORECASE),
    re.compile(rf"\b(?:between|tussen)\s+(?:the\s+|de\s+)?(?P<role>{_BARE})(?:\s*\([^()]{{0,80}}\))?,?\s+(?:and|en)\s+(?P<a>[A-Z][^.;:]{{1,120}})", re.IGNORECASE),
)


# Only the sentence that says what the agreement is between ("This addendum ... between X and
# the Customer"), not a definition or a clause about data moving "between the EEA and the Supplier".
_AGREEMENT_WORD = re.compile(r"(?:agreement|addendum|\bDPA\b|\bterms\b|overeenkomst|contract)", re.IGNORECASE)
_DEFINITION = re.compile(
    r"\b(?:means|mean|betekent|wordt verstaan)\b|^\W*[\w“”\"‘’'\-]+(?:\s+[\w“”\"‘’'\-]+){0,3}\s*:(?!\S)",
    re.IGNORECASE,
)


def _between(sentence: Sentence, col: Collector) -> None:
    """A party named next to the other party's bare role word, where no name has that role yet."""
    for pattern in _BETWEEN:
        m = pattern.search(sentence.text)
        if not m:
            continue
        before = sentence.text[: m.start()]
        if not _AGREEMENT_WORD.search(before) or _DEFINITION.search(before):
            return
        other = "controller" if _role_of(m.group("role")) == "processor" else "processor"
        if col.has(f"{other}.name"):
            return
        # The name after the role runs on past its legal form's full stops ("… en X Hosting B.V.").
        whole = ENTITY.match(sentence.text, m.start("a"))
        found = ENTITY.findall(m.group("a")) or ([whole.group(1)] if whole else [])
        names = [n for n in found if not is_placeholder(n)]
        named = re.match(_NAMED, m.group("a"))
        name = _clean_name(names[0]) if names else named.group("name").rstrip(".") if named else None
        if name and not is_placeholder(name) and not _NOT_A_NAME.match(name.split()[0]) and not _role_words(name):
            col.add(f"{other}.name", name, sentence)
        return


def _role_words(name: str) -> bool:
    return any(_ANY_ROLE.fullmatch(w) for w in name.lower().split())


# "1017 AB" is a Dutch postcode, not a Swedish company (legal form AB).
_POSTCODE = re.compile(r"\d{4}\s?[A-Z]{2}")


def _party_details(sentence: Sentence, chunk: str, role: str, col: Collector, introduced: bool = False) -> None:
    names = [n for n in ENTITY.findall(chunk) if not is_placeholder(n) and not _POSTCODE.fullmatch(n.strip())]
    if names:
        col.add(f"{role}.name", _clean_name(names[-1]), sentence)
    elif introduced and (name := _leading_name(chunk) or _name_before_role(chunk)):
        col.add(f"{role}.name", name, sentence)
    for k in KVK.findall(chunk):
        col.add(f"{role}.kvk", re.sub(r"[ .]", "", k), sentence)


# The party clause "1. Tandartspraktijk Zonnebloem, kantoorhoudende aan ..., hierna te
# noemen: “Verwerkingsverantwoordelijke”" names a party without a legal form: the name is
# what opens the clause, up to the first comma or parenthesis.
_LEADING = re.compile(
    r"^[\s,;”’]*(?:\d{1,2}[.)]\s*|\(?[a-z]\)\s*|[-*•]\s*)?(?:(?:and|en|between|tussen)\s+)?"
    r"(?P<name>[A-Z0-9][^,;:()\n“”\"]{1,80}?)\s*[,(](?P<rest>.{10,})"
)
_NAME_PARTICLES = frozenset("van de der den het von vom zu la le du des di da y & and en of the".split())
_NOT_A_NAME = re.compile(
    rf"^(?:{CONTROLLER_WORDS}|{PROCESSOR_WORDS}|de|het|the|this|deze|dit|partijen|parties|ondergetekenden?|undersigned)$",
    re.IGNORECASE,
)


# "... tussen EnerCalculatie (Verwerker) en ...", "..., and fortrabbit GmbH, hereinafter ...":
# the name just before the role, after "between"/"and", even without a legal form or capital.
_BEFORE_ROLE = re.compile(
    r"(?:^|\b(?:between|tussen|and|en)\s+)(?P<name>[A-Z][\w&'’.\-]*(?:\s+[A-Z][\w&'’.\-]*){0,3})\s*\(\s*"
    r"(?:(?:hierna|hereinafter|hereafter)(?: te noemen| referred to as)?\s*:?\s*)?[“\"‘']?\s*$"
)
_LOWER_ENTITY = re.compile(
    rf"^[\s,;\"”’']*(?:(?:and|en|between|tussen)\s+)?(?P<name>[a-z][a-z0-9\-]{{3,}}\s+(?:{LEGAL_FORM}))\s*,"
)


def _name_before_role(chunk: str) -> str | None:
    m = _BEFORE_ROLE.search(chunk) or _LOWER_ENTITY.match(chunk)
    if not m:
        return None
    name = _signed_for(m.group("name"))
    if not name or is_placeholder(name) or _NOT_A_NAME.match(name.split()[0]):
        return None
    return name


def _leading_name(chunk: str) -> str | None:
    """The party name that opens a party clause, if it looks like a name (capitalised words)."""
    m = _LEADING.match(chunk)
    if not m:
        return None
    name = _signed_for(m.group("name"))
    words = name.split()
    if not 1 <= len(words) <= 8 or is_placeholder(name) or _NOT_A_NAME.match(words[0]):
        return None
    if any(not (w[0].isupper() or w[0].isdigit() or w.lower() in _NAME_PARTICLES) for w in words):
        return None
    return name


def _short_name_party(sentence: Sentence, spans: list[tuple[str, int, int]], col: Collector) -> None:
    """The party called by a short name where the other party is called by its role.

    "Between Bloemhof B.V. (the “Controller”) and Datastal B.V. (hereinafter “Datastal”)":
    one party has a role, so the one with a short name of its own has the other role.
    """
    roles = {role for role, _, _ in spans}
    if len(roles) != 1:
        return
    other = "controller" if "processor" in roles else "processor"
    for m in (*_DEFINED.finditer(sentence.text), *_ALIAS.finditer(sentence.text)):
        short = m.group(1).strip()
        if _NOT_A_NAME.match(short):
            continue
        names = [n for n in ENTITY.findall(sentence.text[: m.start()]) if not is_placeholder(n)]
        if names and (m.re is _DEFINED or _clean_name(names[-1]).lower().startswith(short.lower())):
            col.add(f"{other}.name", _clean_name(names[-1]), sentence)
            return


def _role_of(word: str) -> str:
    return "processor" if _PROC.match(word.lower()) or word.lower() == "data importer" else "controller"


def _role_spans(text: str) -> list[tuple[str, int, int]]:
    """(role, start, end) for each role label, spanning the text since the previous label."""
    spans: list[tuple[str, int, int]] = []
    prev = 0
    for m in _ROLE.finditer(text):
        word = m.group(1).lower()
        quoted = text[max(0, m.start(1) - 1) : m.start(1)] in ("“", '"', "‘", "'")
        if word in ("company", "school") or (word in ("you", "we", "us", "your", "our") and not quoted):
            continue
        spans.append((_role_of(word), prev, m.start(1)))
        prev = m.end()
    return spans


# A signature line names the party it signs for: "Namens Wolkdienst B.V. (Verwerker):".
_ON_BEHALF = r"(?i:(?:for and )?on behalf of|(?:getekend )?namens|signed for)\s+"


def _signed_for(name: str) -> str:
    return re.sub(rf"^{_ON_BEHALF}", "", re.sub(r"\s+", " ", name).strip())


def _clean_name(name: str) -> str:
    # "De" opens Dutch surnames ("De Boer Netwerken B.V."): dropped only before a defined term.
    name = re.sub(
        rf"^(?:\d+[.)]\s*)?(?:{_ON_BEHALF})?(?:(?:En|And|Between|Tussen|The)\s+|De\s+(?=(?:{NOT_NAME_START})\b))?",
        "",
        name.strip(" ,"),
    )
    return re.sub(r"\s+", " ", name)


DETAILS = {
    "processing.subject_matter": r"subject[- ]matter|onderwerp( van de (verwerking|opdracht))?",
    "processing.nature": r"nature (of (the )?processing|of the processing operations)|aard (van de )?(verwerking|gegevensverwerking)|processing operations|verwerkingsactiviteiten",
    "processing.purposes": r"purposes?( of (the )?(processing|data processing))?|doel(einde|einden|en)?( van de verwerking)?|doelstelling",
    "processing.duration": r"duration( of (the )?processing)?|duur( van de verwerking)?|bewaartermijn|retention period|looptijd",
    "processing.data_categories": r"(categories|types?|kind) of (personal )?data|categorie[eë]n (van )?persoonsgegevens|soort(en)? (persoons)?gegevens|persoonsgegevens( die worden verwerkt)?|types of personal data",
    "processing.special_categories": r"special categor|bijzondere (categorie[eë]n|persoonsgegevens)|sensitive data",
    "processing.data_subject_categories": r"categories of data subjects|categorie[eë]n (van )?betrokkenen|data subjects|betrokkenen",
}
_PREFIX = r"^(?:[-*•]\s*|\d+(?:\.\d+)*\.?\s+|[a-z][.)]\s+)?"
# "Label: value" / "Label | value", where the label may run on a few words ("Special
# categories of personal data | none"); the exact label wins over one with a tail.
_DETAIL_RES = {
    path: re.compile(
        rf"{_PREFIX}(?:{p})(?P<tail>(?:\s+[\w’'-]+){{0,4}}?)\s*(?:\(.*?\))?\s*[:\-–|]\s*(?P<v>.+)$",
        re.IGNORECASE,
    )
    for path, p in DETAILS.items()
}
_DETAIL_HEADING = {
    path: re.compile(rf"{_PREFIX}(?:{p})\s*(?:\(.*?\))?(?P<tail>(?:\s+[\w’'-]+){{0,4}}?)\s*:?\s*$", re.IGNORECASE)
    for path, p in DETAILS.items()
}
_NONE_VALUE = re.compile(r"^(?:none|geen|n/?a|not stated|niet vermeld|niet van toepassing|not applicable|-|–)\.?$", re.I)
LISTS = (
    "processing.purposes",
    "processing.data_categories",
    "processing.special_categories",
    "processing.data_subject_categories",
)


def extract_processing(ctx: Context, col: Collector) -> None:
    """Processing details as "Label: value", "Label | value" (a table row) or a label line
    (possibly wrapped over two lines in a PDF table cell) with the value on the next line."""
    lines = _lines(ctx.sentences)
    skip = -1
    for i, (sentence, line) in enumerate(lines):
        if i <= skip:
            continue
        found = _labelled(line)
        if found is None:
            for width in (2, 1):  # a label wrapped onto a second, lower-case line; or the label alone
                if i + width >= len(lines) or (width == 2 and not _wrapped_label(lines[i + 1][1])):
                    continue
                label = " ".join(text for _, text in lines[i : i + width])
                path = _best(label, _DETAIL_HEADING)
                if path and _CLAUSE_NUMBER.match(lines[i + width][1]):
                    path = None  # a section heading ("11. Duration and Termination") over its clauses
                if path:
                    found = (path, lines[i + width][1])
                    skip = i + width - 1
                    break
        if found is None:
            continue
        path, value = found
        value = value.strip().rstrip(".;").strip()
        if not value or is_placeholder(value) or len(value) < 3 or _is_label(value) or _NONE_VALUE.match(value):
            continue
        col.add(path, value[:300], sentence)


_CLAUSE_NUMBER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})+\.?|\(?[a-z]\)|article|artikel|clause)\s", re.IGNORECASE)


def _wrapped_label(line: str) -> bool:
    return bool(re.match(r"^[a-zà-ÿ][\w’'()-]*(?: [a-zà-ÿ][\w’'()-]*){0,2}$", line))


def _lines(sentences: list[Sentence]) -> list[tuple[Sentence, str]]:
    """The document's lines (a table row split at "; " stays one line), each with its first sentence."""
    out: list[tuple[Sentence, str]] = []
    for sentence in sentences:
        if out and sentence.line >= 0 and out[-1][0].line == sentence.line:
            out[-1] = (out[-1][0], f"{out[-1][1]} {sentence.text}")
        else:
            out.append((sentence, sentence.text.strip()))
    return out


def _best(text: str, patterns: dict[str, re.Pattern[str]]) -> str | None:
    """The detail whose label matches ``text`` best: an exact label beats one with extra words."""
    scored = []
    for path, pattern in patterns.items():
        m = pattern.match(text)
        if m:
            scored.append((len(m.group("tail")), path))
    return min(scored)[1] if scored else None


def _labelled(line: str) -> tuple[str, str] | None:
    path = _best(line, _DETAIL_RES)
    if path is None:
        return None
    m = _DETAIL_RES[path].match(line)
    return (path, m.group("v")) if m else None


_INLINE = {
    path: re.compile(rf"\b(?:{p})\b(?:\s*\(.*?\))?\s*:?", re.IGNORECASE) for path, p in DETAILS.items()
}


def flattened_rows(ctx: Context, col: Collector) -> None:
    """Label/value pairs of a table flattened onto one line (PDF text), e.g. "Aard X Duur Y"."""
    previous = False
    for sentence in ctx.sentences:
        hits = _inline_labels(sentence.text)
        if len(hits) < 2 and not (previous and hits and hits[0][1] == 0):
            previous = False
            continue
        previous = True
        for (path, _, end), nxt in zip(hits, [*hits[1:], (None, len(sentence.text), 0)], strict=True):
            value = sentence.text[end : nxt[1]].strip(" ;:|")
            if len(value) >= 3 and not is_placeholder(value) and not col.has(path):
                col.add(path, value[:300], sentence)


def _inline_labels(text: str) -> list[tuple[str, int, int]]:
    hits: list[tuple[str, int, int]] = []
    for path, pattern in _INLINE.items():
        for m in pattern.finditer(text):
            if not any(start <= m.start() < end for _, start, end in hits):
                hits.append((path, m.start(), m.end()))
    return sorted(hits, key=lambda h: h[1])


def _is_label(value: str) -> bool:
    return any((m := r.match(value)) and not m.group("tail") for r in _DETAIL_HEADING.values())


def split_items(value: str) -> list[str]:
    """A list value ("names, e-mail addresses and phone numbers") as separate items.

    Items separated by semicolons are split on those only (an item may hold a comma);
    "Naam- en adresgegevens" is one item (the hyphen stands for the shared word).
    """
    if _NONE_VALUE.match(value.strip()):
        return []
    if ";" in value:
        parts = value.split(";")
    else:
        parts = re.split(r"[,•]|(?<!-)\s+(?:and|en)\s+(?=[a-z])", value)
    return [p.strip(" .-*") for p in parts if p.strip(" .-*")][:30]


MENTIONS = {
    "processing.subject_matter": rx(r"subject[- ]matter|onderwerp van de (verwerking|opdracht)|onderwerp"),
    "processing.nature": rx(r"nature (and|of)|aard (en|van)"),
    "processing.purposes": rx(r"purpose|doel"),
    "processing.duration": rx(r"duration|duur|looptijd|term of"),
    "processing.data_categories": rx(
        r"(categories|types?|kind) of (personal )?data|categorie[eë]n (van )?persoonsgegevens|soort(en)? persoonsgegevens|type persoonsgegevens"
    ),
    "processing.data_subject_categories": rx(
        r"categories of data subjects|categorie[eë]n (van )?betrokkenen|data subjects|betrokkenen"
    ),
}


def mentions(ctx: Context, col: Collector) -> None:
    """Where the text at least names a processing detail (for a partial checklist item)."""
    for sentence, text in zip(ctx.sentences, ctx.norm, strict=True):
        if sentence.heading and sentence.text.strip().lower() == sentence.heading.strip():
            continue  # a heading ("Duration and Termination") names a topic, it describes nothing
        for path, pattern in MENTIONS.items():
            if pattern.search(text):
                col.add(f"mention.{path}", True, sentence)
