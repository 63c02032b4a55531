"""Bodies for analyses: the analyzer's refusal and the confirmation of a sub-processor import."""

from __future__ import annotations

from ninja import Schema

from art28.api import uploads
from art28.terms.schema import DpaTerms


class AnalysisError(Schema):
    detail: list[uploads.ErrorItem]


class ConfirmIn(Schema):
    terms: DpaTerms
