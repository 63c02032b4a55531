"""ISO 3166-1 alpha-2: the 249 officially assigned country codes."""

COUNTRY_CODES: frozenset[str] = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE
    BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD
    CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
    DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF
    GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU
    ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
    KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
    MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
    NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
    PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI
    SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK
    TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
    VN VU WF WS YE YT ZA ZM ZW
    """.split()
)


def country_label(code: str | None, language: str = "en") -> str | None:
    """The name of an ISO country (``SE``) or US state (``US-CA``) in ``nl`` or ``en``.

    Names come from pycountry's ISO 3166 data and its Dutch translations; ``None`` for a
    code ISO does not know.
    """
    if not code:
        return None
    import gettext

    import pycountry

    code = code.upper()
    if "-" in code:
        entry, domain = pycountry.subdivisions.get(code=code), "iso3166-2"
        name = getattr(entry, "name", None)
    else:
        entry, domain = pycountry.countries.get(alpha_2=code), "iso3166-1"
        name = getattr(entry, "common_name", None) or getattr(entry, "name", None)
        if language == "nl" and entry is not None:
            name = entry.name  # the Dutch catalogue translates the official short name
    if name is None or language != "nl":
        return name
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=["nl"], fallback=True).gettext(name)
