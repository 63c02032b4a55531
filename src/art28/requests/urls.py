from django.urls import path

from art28.requests import views as v

app_name = "requests"

urlpatterns = [
    # staff console
    path("staff/", v.staff_overview, name="staff_overview"),
    path("staff/agreements/<uuid:code>/", v.staff_agreement, name="staff_agreement"),
    path("staff/agreements/<uuid:code>/dsr/", v.dsr_create, name="dsr_create"),
    path("staff/agreements/<uuid:code>/instructions/", v.instruction_record, name="instruction_record"),
    path("staff/agreements/<uuid:code>/authority/", v.authority_create, name="authority_create"),
    path("staff/agreements/<uuid:code>/terminate/", v.termination_create, name="termination_create"),
    path("staff/dsr/<uuid:code>/", v.dsr_detail, name="dsr_detail"),
    path("staff/tasks/<uuid:code>/done/", v.task_done, name="task_done"),
    path("staff/tasks/<uuid:code>/evidence/", v.task_evidence, name="task_evidence"),
    path("staff/instructions/<uuid:code>/flag/", v.instruction_flag, name="instruction_flag"),
    path("staff/instructions/<uuid:code>/mail/", v.instruction_mail, name="instruction_mail"),
    path("staff/authority/<uuid:code>/", v.authority_detail, name="authority_detail"),
    path("staff/authority/<uuid:code>/close/", v.authority_close, name="authority_close"),
    path("staff/audits/<uuid:code>/", v.audit_detail, name="audit_detail"),
    path("staff/audits/<uuid:code>/schedule/", v.audit_schedule, name="audit_schedule"),
    path("staff/audits/<uuid:code>/alternative/", v.audit_alternative, name="audit_alternative"),
    path("staff/audits/<uuid:code>/complete/", v.audit_complete, name="audit_complete"),
    path("staff/audits/<uuid:code>/report/", v.audit_report, name="audit_report"),
    # controller portal
    path("portal/", v.portal_home, name="portal_home"),
    path("portal/dsr/<uuid:code>/", v.portal_dsr, name="portal_dsr"),
    path("portal/dsr/<uuid:code>/task/", v.portal_dsr_task, name="portal_dsr_task"),
    path("portal/dsr/<uuid:code>/extend/", v.portal_dsr_extend, name="portal_dsr_extend"),
    path("portal/dsr/<uuid:code>/close/", v.portal_dsr_close, name="portal_dsr_close"),
    path("portal/tasks/<uuid:code>/evidence/", v.portal_task_evidence, name="portal_task_evidence"),
    path(
        "portal/agreements/<uuid:code>/instructions/",
        v.portal_instruction_give,
        name="portal_instruction_give",
    ),
    path("portal/instructions/<uuid:code>/", v.portal_instruction, name="portal_instruction"),
    path(
        "portal/instructions/<uuid:code>/resolve/",
        v.portal_instruction_resolve,
        name="portal_instruction_resolve",
    ),
    path("portal/authority/<uuid:code>/", v.portal_authority, name="portal_authority"),
    path("portal/authority/<uuid:code>/object/", v.portal_authority_object, name="portal_authority_object"),
    path("portal/agreements/<uuid:code>/audits/", v.portal_audit_request, name="portal_audit_request"),
    path("portal/audits/<uuid:code>/", v.portal_audit, name="portal_audit"),
    path("portal/audits/<uuid:code>/answer/", v.portal_audit_answer, name="portal_audit_answer"),
    path("portal/audits/<uuid:code>/report/", v.portal_audit_report, name="portal_audit_report"),
]
