"""Sub-processors: authorisation, notice and objection periods, flow-down, named list."""

# Long regular expressions read better unbroken.
# ruff: noqa: E501

from __future__ import annotations

import re

from art28.analyzer.collect import Collector
from art28.analyzer.context import Context, rx
from art28.analyzer.patterns import find_countries
from art28.analyzer.text import Sentence

SUB = rx(
    r"sub-?\s?processor|subprocessor|sub-?verwerker|subverwerker|sub-?bewerker|onderaannemer|"
    r"sub-?contractor|other processors?|andere verwerkers?|another processor|derden in (te )?scha|"
    r"(engage|inschakel|inschakelen|schakelt) .{0,40}(derde|third part)|third[- ]party (service )?provider|"
    r"gebruik (te )?maken van (een )?derde|performed by third parties|sub-?processing|sub-?contracting|subverwerking"
)
GENERAL = rx(
    r"general (prior )?(written )?(authori[sz]ation|consent|permission)|generally authori[sz]|"
    r"algemene (voorafgaande )?(schriftelijke )?(toestemming|goedkeuring|machtiging)|"
    r"(hereby|herewith) (specifically )?(authori[sz]es?|consents?|grants?|approves?|agrees?)|"
    r"geeft (hierbij|bij deze) .{0,60}toestemming|verleent (hierbij )?.{0,40}toestemming|"
    r"(customer|controller|company|client|you) (acknowledges and )?(agrees?|authori[sz]es?|consents?) .{0,60}(engage|use|appoint|retain)|"
    r"deemed (to (be|have) )?(granted|given|approv|accept|consent)|deemed to constitute an? (approval|consent)|"
    r"geacht .{0,40}(toestemming|akkoord|ingestemd|goedgekeurd)|consents? to (this|the|such) engagement"
)
GENERAL_IMPLICIT = rx(
    r"\b(may|can|mag|mogen|uses|use|engages|is gerechtigd|is entitled|work with|works with|maakt gebruik|gebruik (te )?maken)\b"
    r".{0,60}(sub-?\s?processor|subprocessor|sub-?verwerker|subverwerker|derde|third part|other processors)|"
    r"(without|zonder|in the absence of) .{0,40}(prior |voorafgaande )?(consent|toestemming|authori[sz]ation)|"
    r"\b(permitted|allowed|toegestaan)\b.{0,60}(sub-?\s?processor|subprocessor|sub-?contract|sub-?verwerker|subverwerker|third part)|"
    r"(sub-?\s?processors?|subprocessors?|sub-?contractors?|sub-?verwerkers?|subverwerkers?)\b.{0,40}\b(is|are|zijn) (permitted|allowed|toegestaan)\b"
)
SPECIFIC_STRONG = rx(
    r"specific (prior )?(written )?(authori[sz]ation|consent|approval)|"
    r"specifieke (voorafgaande )?(schriftelijke )?(toestemming|goedkeuring)|"
    r"(per|each|iedere|elke) (individual |afzonderlijke )?(sub-?processor|sub-?verwerker).{0,80}(consent|approv|toestemming)"
)
SPECIFIC_WEAK = rx(
    r"(\bno\b|not|niet|geen|only|uitsluitend|alleen|slechts|nadat|after|unless|tenzij).{0,120}(prior|voorafgaande?|explicit|uitdrukkelijke?)"
    r" .{0,20}(written |schriftelijke )?(consent|authori[sz]ation|approval|toestemming|goedkeuring)|"
    r"eerst (de )?toestemming|toestemming .{0,40}(gevraagd|vragen)|unless .{0,40}(has )?approved|"
    # A closed list: "engages no sub-processors other than: ...".
    r"\b(no|not|geen)\b .{0,30}(sub-?\s?processors?|subprocessors?|sub-?verwerkers?|subverwerkers?)\b.{0,20}\b(other than|except|anders dan|behalve)\b"
)
NONE = rx(
    r"(shall|will|may) not (engage|use|subcontract) (any )?(sub-?processor|subprocessor|third part)|"
    r"(geen|niet) .{0,30}(sub-?verwerkers?|derden) (in(zetten|schakelen)|inschakelen)|no sub-?processors"
)
ADVANCE = rx(
    r"at least|ten minste|minimaal|minstens|in advance|vooraf|prior to|before|voorafgaand|voordat|"
    r"days'? (prior )?notice|dagen van tevoren|voor(dat)? (de|het|een) "
)
OBJECT = rx(r"object|bezwaar|oppose|veto|verzet")
CONDITIONAL = rx(r"\b(without|unless|except|other than|zonder|tenzij|behalve|anders dan)\b")
# "You may object within this period": the period is the one named just before.
THIS_PERIOD = rx(
    r"(within|during|in) (this|that|the same|such|the aforementioned|the said) (period|time|term|notice period)|"
    r"(binnen|gedurende|in) (deze|die|dezelfde|voornoemde|genoemde) (termijn|periode)"
)
NOTICE = rx(
    r"notice|notif|inform|in kennis|kennisgeving|aankondig|prior to|before|voordat|voorafgaand|"
    r"in advance|vooraf|voor de|update"
)
DAYS = rx(r"(?<![\d.,])(\d{1,3})\s*(business |working |calendar |werk|kalender)?(days?|dagen)(?![a-z])")
FLOW_DOWN = rx(
    r"same (data protection )?obligations|dezelfde (verplichtingen|plichten|eisen|voorwaarden)|"
    r"(at least|no less) (as )?(the same|protective|restrictive|onerous)|ten minste dezelfde|"
    r"gelijkwaardige|vergelijkbare (verplichtingen|voorwaarden)|substantially similar|equivalent|dezelfde plichten|same duties|"
    r"alle verplichtingen|(verplichtingen|obligations).{0,80}(op aan|opleggen|opgelegd|impose)|"
    r"(impose|opleggen|legt) .{0,100}(verplichtingen|obligations)|"
    r"(obligations|terms|verplichtingen) (that are )?(comparable|similar)|comparable (data protection )?(obligations|terms)"
)
LIABLE = rx(
    r"(remains?|stays?|be) (fully )?(liable|responsible)|blijft .{0,30}(aansprakelijk|verantwoordelijk)|"
    r"(is|blijft) .{0,20}(volledig )?aansprakelijk"
)
OPTION = re.compile(r"^\W*option [12]\b")
NEUTRALISE = re.compile(
    r"specific or general|specifieke of algemene|general or specific|algemene of specifieke"
)


def extract_subprocessors(ctx: Context, col: Collector) -> None:
    """Fill ``subprocessors.*`` candidates."""
    for sentence, text in ctx.matching(SUB, heading=True):
        if OPTION.match(text):
            continue  # the template options of the Commission's standard clauses
        in_sub = bool(SUB.search(text) or SUB.search(ctx.heads[sentence.index]))
        _authorisation(text, sentence, col, in_sub)
        _periods(text, sentence, col)
        if in_sub and OBJECT.search(text):
            col.add("subprocessors.objection_mention", True, sentence)
            _this_period(ctx, text, sentence, col)
        if in_sub and FLOW_DOWN.search(text):
            col.add("subprocessors.flow_down", True, sentence)
        if in_sub and LIABLE.search(text):
            col.add("subprocessors.processor_liable", True, sentence)
    _named(ctx, col)


def _authorisation(text: str, sentence: Sentence, col: Collector, in_sub: bool) -> None:
    clean = NEUTRALISE.sub(" ", text)
    if not in_sub:
        return
    if GENERAL.search(clean):
        col.add("subprocessors.authorisation", "general", sentence)
    if SPECIFIC_STRONG.search(clean):
        col.add("subprocessors.authorisation", "specific", sentence)
    elif SPECIFIC_WEAK.search(clean):
        col.add("subprocessors.authorisation_weak_specific", "specific", sentence)
    elif GENERAL_IMPLICIT.search(clean):
        col.add("subprocessors.authorisation_implicit_general", "general", sentence)
    ban = NONE.search(clean)
    # "No sub-processors without prior written consent" permits with a condition: no ban.
    if ban and not CONDITIONAL.search(clean[ban.end() : ban.end() + 120]):
        col.add("subprocessors.authorisation", "none", sentence)


def _this_period(ctx: Context, text: str, sentence: Sentence, col: Collector) -> None:
    """An objection "within this period" takes the notice period of the sentences just before."""
    if not THIS_PERIOD.search(text) or DAYS.search(text):
        return
    for before in reversed(ctx.sentences[max(0, sentence.index - 2) : sentence.index]):
        days = DAYS.findall(ctx.norm[before.index])
        if days:
            business = days[-1][1].strip() in ("business", "working", "werk")
            col.add("subprocessors.objection_days", int(days[-1][0]), sentence)
            col.add("subprocessors.objection_days_business", business, sentence)
            return


def _periods(text: str, sentence: Sentence, col: Collector) -> None:
    for m in DAYS.finditer(text):
        path = _period_kind(text, m.start(), m.end())
        if path is None:
            continue
        business = bool(m.group(2) and m.group(2).strip() in ("business", "working", "werk"))
        col.add(path, int(m.group(1)), sentence)
        col.add(f"{path}_business", business, sentence)


def _period_kind(text: str, start: int, end: int) -> str | None:
    """Notice period ("at least 30 days before") or objection period ("object within 14 days")."""
    if ADVANCE.search(text[max(0, start - 40) : end + 60]):
        return "subprocessors.notice_days"
    if OBJECT.search(text[:start]) or OBJECT.search(text[end : end + 80]):
        return "subprocessors.objection_days"
    if NOTICE.search(text[max(0, start - 120) : end + 40]):
        return "subprocessors.notice_days"
    return None


ROW = re.compile(r"^\s*\|?\s*([A-Z][\w&.,'’()\- ]{1,60}?)\s*\|(.+)$")
BULLET = re.compile(r"^\s*[-*•]\s+([A-Z][\w&.'’\- ]{1,50}?)(?:\s*[(:–—-]\s*|\s*$)(.*)$")
_HEADER_WORDS = rx(
    r"^(name|naam|sub-?processor|subprocessor|sub-?verwerker|entity|partij|company|bedrijf|"
    r"service|dienst|purpose|doel|location|locatie|country|land|categor|type|vendor|provider)"
)


_COLUMNS = {
    "address": rx(r"^(address|adres|vestigingsadres|registered office|seat|zetel)"),
    "country": rx(r"^(country|land|location|locatie|vestigingsplaats|place of processing|jurisdiction)"),
    "service": rx(
        r"^(service|dienst|purpose|doel|activit|processing|verwerking|description|omschrijving|function)"
    ),
}


def _header(text: str) -> list[str] | None:
    """The column kinds of a table header row ("Name | Address | Country | Service")."""
    cells = [c.strip().lower() for c in text.split("|") if c.strip()]
    if len(cells) < 2 or not all(
        _HEADER_WORDS.match(c) or any(p.match(c) for p in _COLUMNS.values()) for c in cells
    ):
        return None
    kinds = [next((k for k, p in _COLUMNS.items() if p.match(c)), "name") for c in cells]
    return kinds if kinds.count("name") == 1 else None


def _named(ctx: Context, col: Collector) -> None:
    """Rows of a table or list under a sub-processor heading that name a company."""
    columns: list[str] | None = None
    last: dict[str, str] | None = None  # the previous table row, cell by cell
    for sentence, head in zip(ctx.sentences, ctx.heads, strict=True):
        if not SUB.search(head):
            continue
        if "|" in sentence.text and (kinds := _header(sentence.text)):
            columns, last = kinds, None
            continue
        cells = [c.strip() for c in sentence.text.strip().strip("|").split("|")]
        if "|" in sentence.text and all(_RULE.match(c) for c in cells):
            continue  # the line under a Markdown table header ("|---|---|"): no row
        if columns and "|" in sentence.text and len(cells) < len(columns):
            cells += [""] * (len(columns) - len(cells))
        if (
            columns
            and last
            and "|" not in sentence.text
            and sentence.text[:1].islower()
            and "|" in ctx.sentences[sentence.index - 1].text
        ):
            # A PDF table cell wrapped onto a line of its own: "of the nightly backups".
            kind = next((k for k in columns if k != "name" and _OPEN_END.search(last.get(k, ""))), None)
            kind = kind or ("service" if "service" in columns else None)
            if kind:
                last[kind] = f"{last.get(kind, '')} {sentence.text.strip()}".strip()
                _update_named(col, last)
            continue
        if columns and last and len(cells) == len(columns) and _continues_row(last, cells, columns):
            # A cell wrapped onto the next line of a PDF table: the same row, not a new one.
            for kind, cell in zip(columns, cells, strict=True):
                if cell:
                    last[kind] = f"{last.get(kind, '')} {cell}".strip()
            _update_named(col, last)
            continue
        if columns and len(cells) == len(columns) and cells[columns.index("name")]:
            row = dict(zip(columns, cells, strict=True))
            if _HEADER_WORDS.match(row["name"].lower()) or len(row["name"].split()) > 8:
                continue
            countries = find_countries(row.get("country", "").lower()) or find_countries(
                row.get("address", "").lower()
            )
            col.add(
                "subprocessors.named",
                {
                    "name": row["name"],
                    "address": row.get("address") or None,
                    "country": countries[0] if countries else None,
                    "service": row.get("service") or None,
                },
                sentence,
            )
            last = row
            continue
        m = ROW.match(sentence.text) or BULLET.match(sentence.text)
        if not m or "|" not in sentence.text and not sentence.text.lstrip().startswith(("-", "*", "•")):
            continue
        name = m.group(1).strip(" |")
        if _HEADER_WORDS.match(name.lower()) or len(name) < 2 or name.endswith((":",)):
            continue
        if len(name.split()) > 6 or "-" * 3 in sentence.text:
            continue
        rest = m.group(2).lower()
        countries = find_countries(rest)
        col.add(
            "subprocessors.named",
            {
                "name": name,
                "country": countries[0] if countries else None,
                "service": _service(m.group(2)),
            },
            sentence,
        )


_RULE = re.compile(r"^:?-{2,}:?$|^$")
_LEGAL_FORM = re.compile(
    r"^(sarl|s\.?a\.?r\.?l\.?|b\.?v\.?|n\.?v\.?|inc\.?|llc|ltd\.?|limited|gmbh|ag|s\.?a\.?|ab|oy|aps|plc|corp\.?|co\.?)$",
    re.IGNORECASE,
)
_OPEN_END = re.compile(r"\b(of|the|and|for|to|in|with|van|de|het|en|voor|met|of the|a|an)$", re.IGNORECASE)


def _continues_row(last: dict[str, str], cells: list[str], columns: list[str]) -> bool:
    """Whether a table line carries the wrapped rest of the row above it."""
    if all(cells) or not any(cells):
        return False  # a full row is a row of its own
    name = cells[columns.index("name")]
    if name and not (_LEGAL_FORM.match(name) or name[0].islower()):
        return False
    return bool(name) or any(
        _OPEN_END.search(last.get(k, "")) for k, c in zip(columns, cells, strict=True) if c
    )


def _update_named(col: Collector, row: dict[str, str]) -> None:
    """Rewrite the last named sub-processor with its completed cells."""
    cand = col.found["subprocessors.named"][-1]
    countries = find_countries(row.get("country", "").lower()) or find_countries(
        row.get("address", "").lower()
    )
    cand.value = {
        "name": row["name"],
        "address": row.get("address") or None,
        "country": countries[0] if countries else None,
        "service": row.get("service") or None,
    }


def _service(rest: str) -> str | None:
    cells = [c.strip(" .") for c in re.split(r"\||,|;", rest) if c.strip(" .")]
    return cells[0][:120] if cells else None
