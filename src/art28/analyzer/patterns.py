"""Shared vocabulary for extraction: number words, party roles, countries and US states."""

from __future__ import annotations

import re

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "sixteen": 16,
    "eighteen": 18,
    "twenty-one": 21,
    "twenty-eight": 28,
    "forty": 40,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "twenty-four": 24,
    "thirty": 30,
    "thirty-six": 36,
    "forty-five": 45,
    "forty-eight": 48,
    "sixty": 60,
    "seventy-two": 72,
    "ninety": 90,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
    "dertien": 13,
    "zestien": 16,
    "achttien": 18,
    "eenentwintig": 21,
    "achtentwintig": 28,
    "veertig": 40,
    "vijfenveertig": 45,
    "zeventig": 70,
    "veertien": 14,
    "vijftien": 15,
    "twintig": 20,
    "vierentwintig": 24,
    "dertig": 30,
    "zesendertig": 36,
    "achtenveertig": 48,
    "zestig": 60,
    "tweeënzeventig": 72,
    "tweeenzeventig": 72,
    "negentig": 90,
}
_WORD_RE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True)) + r")\b"
)
_WORD_PAREN_RE = re.compile(r"\b[a-zë\-]+\s*\((\d{1,3})\)")
# Dutch "ten" opens fixed phrases ("ten minste" = at least, "ten behoeve van"): not the number.
_DUTCH_TEN = re.compile(
    r"\s+(minste|hoogste|laatste|aanzien|behoeve|opzichte|gevolge|einde|tijde|onrechte|slotte|dele|"
    r"eerste|volle|overstaan|grondslag|name|spoedigste|koste|laste|gunste|nadele|titel|uitvoer)\b"
)


# Dutch "in acht nemen" / "buiten acht laten" (to observe / to disregard): not the number eight.
_DUTCH_ACHT_BEFORE = re.compile(r"\b(in|buiten)\s+$")
_DUTCH_ACHT_UNIT = re.compile(r"\s+(dagen|werkdagen|uur|uren|weken|maanden|jaar|jaren|kalenderdagen)\b")


def _number(m: re.Match[str]) -> str:
    word = m.group(1)
    if word == "ten" and _DUTCH_TEN.match(m.string, m.end()):
        return word
    if (
        word == "acht"
        and _DUTCH_ACHT_BEFORE.search(m.string, max(0, m.start() - 8), m.start())
        and not _DUTCH_ACHT_UNIT.match(m.string, m.end())
    ):
        return word
    return str(_NUMBER_WORDS[word])


def normalize(text: str) -> str:
    """Lower-case text with number words as digits: "thirty (30) days" -> "30 days"."""
    low = text.lower().replace("’", "'").replace("‘", "'").replace("\u00a0", " ")
    low = _WORD_PAREN_RE.sub(r"\1", low)
    low = _WORD_RE.sub(_number, low)
    low = re.sub(r"(\d)\s*-\s*(uur|hours?|days?|dagen|werkdagen|weeks?|weken)", r"\1 \2", low)
    return _WEEKS_RE.sub(_weeks_as_days, low)


_WEEKS_RE = re.compile(r"(?<![\d.,])(\d{1,2})\s*(weeks?|weken|week)(?![a-z])")


def _weeks_as_days(m: re.Match[str]) -> str:
    """ "2 weeks" -> "14 days", "twee weken" -> "14 dagen": periods are compared in days."""
    days = int(m.group(1)) * 7
    return f"{days} dagen" if m.group(2) == "weken" else f"{days} days"


CONTROLLER_WORDS = (
    r"customer|controller|company|client|data exporter|exporter|licensee|subscriber|you|"
    r"verwerkingsverantwoordelijke|verantwoordelijke|klant|opdrachtgever|school|"
    r"onderwijsinstelling|afnemer"
)
PROCESSOR_WORDS = (
    r"processor|provider|vendor|supplier|data importer|importer|service provider|we|us|"
    r"verwerker|bewerker|leverancier|opdrachtnemer|dienstverlener|contractor"
)


def role_re(words: str, extra: list[str] | None = None) -> re.Pattern[str]:
    """A word-bounded pattern for a party role, plus the party's own short names."""
    names = [re.escape(n.lower()) for n in (extra or []) if len(n) > 2]
    alternatives = "|".join([words, *names])
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?:'s)?(?![\w-])")


COUNTRIES = {
    "NL": r"the netherlands|netherlands|nederland|dutch|nederlandse?|holland",
    "BE": r"belgium|belgi[eë]|belgian|belgische?",
    "DE": r"germany|german|duitsland|duitse?",
    "FR": r"france|french|frankrijk|franse?",
    "IE": r"ireland|irish|ierland|ierse?",
    "GB": r"england and wales|england|english|united kingdom|engeland|scotland",
    "LU": r"luxembourg|luxemburg",
    "AT": r"austria|austrian|oostenrijk",
    "CH": r"switzerland|swiss|zwitserland",
    "SE": r"sweden|swedish|zweden",
    "DK": r"denmark|danish|denemarken",
    "FI": r"finland|finnish",
    "ES": r"spain|spanish|spanje",
    "IT": r"italy|italian|itali[eë]",
    "PL": r"poland|polish|polen",
    "CZ": r"czech republic|czechia|czech|tsjechi[eë]",
    "EE": r"estonia|estonian|estland",
    "PT": r"portugal|portuguese",
    "NO": r"norway|norwegian|noorwegen",
    "US": r"united states of america|united states|usa|u\.s\.",
    "CA": r"canada",
    "AU": r"australia",
    "IN": r"india",
    "JP": r"japan",
    "SG": r"singapore",
    "IL": r"israel",
}
US_STATES = {
    "AL": "alabama",
    "AK": "alaska",
    "AZ": "arizona",
    "AR": "arkansas",
    "CA": "california",
    "CO": "colorado",
    "CT": "connecticut",
    "DE": "delaware",
    "FL": "florida",
    "GA": "georgia",
    "HI": "hawaii",
    "ID": "idaho",
    "IL": "illinois",
    "IN": "indiana",
    "IA": "iowa",
    "KS": "kansas",
    "KY": "kentucky",
    "LA": "louisiana",
    "ME": "maine",
    "MD": "maryland",
    "MA": "massachusetts",
    "MI": "michigan",
    "MN": "minnesota",
    "MS": "mississippi",
    "MO": "missouri",
    "MT": "montana",
    "NE": "nebraska",
    "NV": "nevada",
    "NH": "new hampshire",
    "NJ": "new jersey",
    "NM": "new mexico",
    "NY": "new york",
    "NC": "north carolina",
    "ND": "north dakota",
    "OH": "ohio",
    "OK": "oklahoma",
    "OR": "oregon",
    "PA": "pennsylvania",
    "RI": "rhode island",
    "SC": "south carolina",
    "SD": "south dakota",
    "TN": "tennessee",
    "TX": "texas",
    "UT": "utah",
    "VT": "vermont",
    "VA": "virginia",
    "WA": "washington",
    "WV": "west virginia",
    "WI": "wisconsin",
    "WY": "wyoming",
}
_COUNTRY_RE = re.compile(
    "|".join(rf"(?P<{code}>(?<![\w-])(?:{words})(?![\w-]))" for code, words in COUNTRIES.items())
)
_STATE_RE = re.compile(
    r"(?<![\w-])(?:state of |commonwealth of )?("
    + "|".join(sorted(US_STATES.values(), key=len, reverse=True))
    + r")(?![\w-])"
)
_STATE_CODES = {name: code for code, name in US_STATES.items()}


def find_jurisdiction(text: str) -> str | None:
    """The first country (ISO) or US state (``US-CA``) named in lower-case ``text``."""
    state = _STATE_RE.search(text)
    country = _COUNTRY_RE.search(text)
    if state and (not country or state.start() <= country.start() or country.lastgroup == "US"):
        return f"US-{_STATE_CODES[state.group(1)]}"
    return country.lastgroup if country else None


def find_countries(text: str) -> list[str]:
    """Every country code named in lower-case ``text``, in order, without repeats."""
    found: list[str] = []
    for m in _COUNTRY_RE.finditer(text):
        if m.lastgroup and m.lastgroup not in found:
            found.append(m.lastgroup)
    return found


def near(text: str, pattern: re.Pattern[str], start: int, end: int, before: int, after: int) -> int | None:
    """Distance from the span ``start:end`` to the nearest ``pattern`` match within the window."""
    best: int | None = None
    lo = max(0, start - before)
    for m in pattern.finditer(text, lo, min(len(text), end + after)):
        dist = start - m.end() if m.end() <= start else max(0, m.start() - end)
        best = dist if best is None else min(best, dist)
    return best
