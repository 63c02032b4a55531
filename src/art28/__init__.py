"""art28: data processing agreements (GDPR Article 28) as running software."""

__version__ = "0.1.0"
