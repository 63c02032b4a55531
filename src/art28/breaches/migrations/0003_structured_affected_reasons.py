"""An affected row's reasons become codes with names, rendered in the reader's language.

Rows written before stored the reason as text in the language of whoever opened the
incident. The English and Dutch wordings this project wrote are recognised and converted;
any other text is kept as it is (and is shown as written).
"""

import re

from django.db import migrations

# (pattern, kind, parameter name) — English and Dutch wordings of the old text reasons.
PATTERNS = [
    (r"uses sub-processor (?P<v>.+)", "subprocessor", "name"),
    (r"gebruikt subverwerker (?P<v>.+)", "subprocessor", "name"),
    (r"processing includes service (?P<v>.+)", "service", "service"),
    (r"de verwerking omvat dienst (?P<v>.+)", "service", "service"),
    (r"processes the data categories involved", "categories", ""),
    (r"verwerkt de betrokken categorieën gegevens", "categories", ""),
    (r"note: its agreement names none of the data categories involved.*", "category_note", ""),
    (r"let op: de overeenkomst noemt geen van de betrokken gegevenscategorieën.*", "category_note", ""),
    (r"added by staff", "staff", ""),
    (r"toegevoegd door een medewerker", "staff", ""),
]


def structured(item):
    if not isinstance(item, str):
        return item
    for pattern, kind, param in PATTERNS:
        match = re.fullmatch(pattern, item.strip(), flags=re.DOTALL)
        if match:
            return {"kind": kind, "params": {param: match.group("v")} if param else {}}
    return item


def as_text(item):
    """Back to English text (the reverse migration)."""
    if not isinstance(item, dict):
        return item
    params = item.get("params") or {}
    return {
        "subprocessor": f"uses sub-processor {params.get('name', '')}",
        "service": f"processing includes service {params.get('service', '')}",
        "categories": "processes the data categories involved",
        "category_note": ("note: its agreement names none of the data categories involved in the "
                          "same words; check, and leave it out only with a reason"),
        "staff": "added by staff",
    }.get(str(item.get("kind")), str(params.get("text") or ""))


def _convert(apps, fn):
    Affected = apps.get_model("breaches", "AffectedAgreement")
    batch = []
    for row in Affected.objects.only("pk", "reasons").iterator(chunk_size=2000):
        new = [fn(r) for r in (row.reasons or [])]
        if new != row.reasons:
            row.reasons = new
            batch.append(row)
        if len(batch) >= 1000:
            Affected.objects.bulk_update(batch, ["reasons"])
            batch = []
    Affected.objects.bulk_update(batch, ["reasons"])


def forwards(apps, schema_editor):
    _convert(apps, structured)


def backwards(apps, schema_editor):
    _convert(apps, as_text)


class Migration(migrations.Migration):

    dependencies = [
        ('breaches', '0002_add_affected_exclusion_reason'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
