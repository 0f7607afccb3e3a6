"""A person's own partnerships, included at the site root under /me/partnerships/."""

from django.urls import path

from mentorweb.partnerships import views
from mentorweb.partnerships import views_costs as costs
from mentorweb.partnerships import views_practicum as practicum
from mentorweb.partnerships import views_staff as staff
from mentorweb.partnerships import views_surveys as surveys
from mentorweb.partnerships import views_workspace as workspace

app_name = "partnerships"

urlpatterns = [
    path("me/partnerships/", views.mine, name="mine"),
    path("me/partnerships/<int:partnership_id>/", views.detail, name="detail"),
    path("me/partnerships/<int:partnership_id>/respond/", views.respond, name="respond"),
]

# Costs (honoraria, cost shares, invoices, the cost report) for the program's organization; a
# board's own invoices for its contacts; a course candidate's practicum.
COSTS = "o/<slug:slug>/partnerships/costs/"
COSTS_YEAR = COSTS + "<int:program_id>/<int:year>/"
COST_INVOICE = COSTS + "invoices/<int:invoice_id>/"
urlpatterns += [
    path(COSTS, costs.costs_index, name="costs"),
    path(COSTS_YEAR, costs.costs_overview, name="costs_overview"),
    path(COSTS_YEAR + "prepare/", costs.costs_prepare, name="costs_prepare"),
    path(COSTS_YEAR + "issue/", costs.costs_issue, name="costs_issue"),
    path(COSTS_YEAR + "honoraria-paid/", costs.costs_honoraria_paid, name="costs_honoraria_paid"),
    path(COSTS_YEAR + "report/", costs.costs_report, name="costs_report"),
    path(COSTS_YEAR + "report.csv", costs.costs_report_csv, name="costs_report_csv"),
    path(COSTS_YEAR + "report.xlsx", costs.costs_report_xlsx, name="costs_report_xlsx"),
    path(COST_INVOICE, costs.cost_invoice, name="cost_invoice"),
    path(COST_INVOICE + "invoice.pdf", costs.cost_invoice_pdf, name="cost_invoice_pdf"),
    path("o/<slug:slug>/cost-invoices/", costs.board_invoices, name="board_invoices"),
    path("o/<slug:slug>/cost-invoices/<int:invoice_id>/", costs.board_invoice, name="board_invoice"),
    path("o/<slug:slug>/cost-invoices/<int:invoice_id>/invoice.pdf", costs.board_invoice_pdf, name="board_invoice_pdf"),
    path("me/registrations/<int:registration_id>/practicum/", practicum.my_practicum, name="practicum"),
]

# The pair's workspace of a partnership (agreement, meetings, goals, private notes, ending it)
# and the staff's two closing actions (partnerships.views_workspace).
WORKSPACE = "me/partnerships/<int:partnership_id>/"
MEETING = WORKSPACE + "meetings/<int:meeting_id>/"
NOTE = WORKSPACE + "notes/<int:note_id>/"
urlpatterns += [
    path(WORKSPACE + "agreement/", workspace.agreement, name="agreement"),
    path(
        WORKSPACE + "agreement/<int:agreement_id>/acknowledge/",
        workspace.agreement_acknowledge,
        name="agreement_acknowledge",
    ),
    path(WORKSPACE + "meetings/", workspace.meeting_list, name="meetings"),
    path(WORKSPACE + "meetings/new/", workspace.meeting_schedule, name="meeting_schedule"),
    path(WORKSPACE + "meetings/log/", workspace.meeting_record, name="meeting_record"),
    path(MEETING, workspace.meeting_detail, name="meeting"),
    path(MEETING + "edit/", workspace.meeting_edit, name="meeting_edit"),
    path(MEETING + "log/", workspace.meeting_log, name="meeting_log"),
    path(MEETING + "cancel/", workspace.meeting_cancel, name="meeting_cancel"),
    path(WORKSPACE + "goals/new/", workspace.goal_create, name="goal_create"),
    path(WORKSPACE + "goals/<int:goal_id>/", workspace.goal_edit, name="goal_edit"),
    path(WORKSPACE + "notes/", workspace.note_list, name="notes"),
    path(WORKSPACE + "notes/new/", workspace.note_create, name="note_create"),
    path(NOTE, workspace.note_edit, name="note_edit"),
    path(NOTE + "delete/", workspace.note_delete, name="note_delete"),
    path(WORKSPACE + "end/", workspace.end, name="end"),
    path("o/<slug:slug>/partnerships/<int:partnership_id>/end/", workspace.staff_end, name="staff_end"),
    path("o/<slug:slug>/partnerships/<int:partnership_id>/complete/", workspace.staff_complete, name="staff_complete"),
]

# Health and surveys: a person's own survey; for staff of the program's organization, the list
# of partnerships (metadata only) and its export, the closure day's closing survey, the program
# evaluation and its export, and the survey questions (partnerships.views_staff, views_surveys).
STAFF = "o/<slug:slug>/partnerships/"
SURVEY = STAFF + "programs/<int:program_id>/surveys/<str:kind>/"
urlpatterns += [
    path("me/surveys/<int:request_id>/", surveys.answer, name="survey_answer"),
    path(STAFF, staff.staff_list, name="staff_list"),
    path(STAFF + "export.csv", staff.staff_export, name="staff_export"),
    path(STAFF + "offerings/<int:offering_id>/closing-survey/", staff.closing_survey, name="closing_survey"),
    path(STAFF + "evaluation/<int:program_id>/", staff.program_evaluation, name="evaluation"),
    path(STAFF + "evaluation/<int:program_id>/export.csv", staff.program_evaluation_csv, name="evaluation_csv"),
    path(SURVEY, surveys.survey_edit, name="survey_edit"),
    path(SURVEY + "questions/<str:key>/", surveys.survey_question_edit, name="survey_question"),
    path(SURVEY + "questions/<str:key>/delete/", surveys.survey_question_delete, name="survey_question_delete"),
]
