"""Read any data processing agreement and check it against Article 28 (no Django here).

>>> from art28.analyzer import analyze
>>> analysis = analyze("contract.pdf")            # doctest: +SKIP
>>> analysis.terms.breach.notice_hours           # doctest: +SKIP
"""

from art28.analyzer.analysis import Analysis, analyze
from art28.analyzer.errors import AnalyzerError, ExitCode
from art28.analyzer.playbook import Playbook, load_playbook
from art28.analyzer.report import report_text

__all__ = [
    "Analysis",
    "AnalyzerError",
    "ExitCode",
    "Playbook",
    "analyze",
    "load_playbook",
    "report_text",
]
