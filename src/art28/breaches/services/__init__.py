"""Services of the breach register. Import from here; the modules are an implementation detail."""

from art28.breaches.services.affected import (
    adjust_affected,
    binding_terms,
    candidates,
    promise,
    sync_affected,
)
from art28.breaches.services.authority import (
    authority_draft,
    countdown,
    draft_docx,
    draft_filename,
    draft_pdf,
    required_contents,
    told_facts,
)
from art28.breaches.services.clocks import left_out, open_clocks, send_reminders
from art28.breaches.services.controller import (
    acknowledge_notice,
    authority_clock,
    latest_facts,
    save_assessment,
    severity,
)
from art28.breaches.services.decisions import close_incident, record_no_notice
from art28.breaches.services.export import (
    as_csv,
    as_pdf,
    controller_rows,
    csv_chunks,
    export_register_pdf,
    processor_rows,
)
from art28.breaches.services.intake import FACT_FIELDS, clean_facts, open_incident, update_incident
from art28.breaches.services.notify import all_facts, notice_facts, preview_notices, send_notices

__all__ = [
    "FACT_FIELDS", "acknowledge_notice", "adjust_affected", "all_facts", "as_csv", "as_pdf",
    "export_register_pdf", "authority_clock", "authority_draft", "binding_terms", "candidates",
    "clean_facts", "close_incident", "countdown", "draft_docx", "draft_filename",
    "draft_pdf",
    "controller_rows", "csv_chunks", "latest_facts", "left_out", "notice_facts", "open_clocks",
    "open_incident", "preview_notices",
    "processor_rows", "promise", "record_no_notice", "required_contents", "save_assessment",
    "send_notices", "told_facts",
    "send_reminders", "severity", "sync_affected", "update_incident",
]
