"""Progress pages, included at the site root: staff pages under /o/<slug>/, the candidate's under /me/."""

from django.urls import path

from mentorweb.registrations import views_progress as views

app_name = "progress"

OFFERING = "o/<slug:slug>/offerings/<int:offering_id>/"

urlpatterns = [
    path(OFFERING + "sessions/<int:session_id>/attendance/", views.attendance, name="attendance"),
    path(OFFERING + "modules/", views.modules, name="modules"),
    path(OFFERING + "modules/mark-complete/", views.mark_complete, name="mark_complete"),
    path(OFFERING + "modules/work/<int:completion_id>/", views.completion, name="completion"),
    path("o/<slug:slug>/receipts/", views.staff_receipts, name="staff_receipts"),
    path("o/<slug:slug>/receipts/jobs/<uuid:job_id>/", views.receipts_job, name="receipts_job"),
    path("me/registrations/<int:registration_id>/materials/", views.materials, name="materials"),
    path("me/registrations/<int:registration_id>/modules/<int:module_id>/", views.submit, name="submit"),
    path("me/registrations/<int:registration_id>/certificate.pdf", views.certificate, name="certificate"),
    path("me/receipts/", views.receipts, name="receipts"),
    path("me/receipts/<int:receipt_id>.pdf", views.receipt, name="receipt"),
]
