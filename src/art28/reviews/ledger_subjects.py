"""How the ledger page names and links reviews (registered in ``ready()``)."""

from __future__ import annotations

from collections.abc import Collection

from django.urls import reverse

from art28.ledger.describe import Subject, register_subjects
from art28.reviews.models import Review


def reviews(codes: Collection[str], processor_id: int) -> dict[str, Subject]:
    rows = Review.objects.filter(code__in=codes, processor_id=processor_id)
    return {str(r.code): Subject(r.filename, reverse("reviews:review_detail", args=[r.code])) for r in rows}


def register() -> None:
    register_subjects("review", reviews)
