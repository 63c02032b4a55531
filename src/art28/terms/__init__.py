"""The DpaTerms schema, its defaults and the legal facts it relies on. No Django."""

from art28.terms.defaults import standard_terms
from art28.terms.schema import CHECKLIST_KEYS, DpaTerms
from art28.terms.validators import TermsValueError

__all__ = ["CHECKLIST_KEYS", "DpaTerms", "TermsValueError", "standard_terms"]
