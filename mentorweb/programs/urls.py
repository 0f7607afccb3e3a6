"""Staff set-up pages, included at /o/<org_slug>/programs/.

Fixed words (new, offerings, edit, modules, refund-policy, pairing, questions) come before the slugs they would
otherwise be mistaken for; the services refuse them as program and offering address names.
"""

from django.urls import path

from mentorweb.programs import views_pairing as pairing_views
from mentorweb.programs import views_staff as views

app_name = "programs"

OFFERING = "<slug:program_slug>/<slug:offering_slug>/"

urlpatterns = [
    path("", views.program_list, name="list"),
    path("new/", views.program_create, name="create"),
    path("offerings/", views.offering_list, name="offerings"),
    path("<slug:program_slug>/", views.program_detail, name="detail"),
    path("<slug:program_slug>/edit/", views.program_edit, name="edit"),
    path("<slug:program_slug>/refund-policy/", views.refund_policy, name="refund_policy"),
    # Pairing programs (views_pairing): before OFFERING, whose slugs may not be these words.
    path("<slug:program_slug>/pairing/", pairing_views.pairing_rules, name="pairing_rules"),
    path("<slug:program_slug>/questions/", pairing_views.questions, name="questions"),
    path("<slug:program_slug>/questions/new/", pairing_views.question_create, name="question_create"),
    path("<slug:program_slug>/questions/<int:question_id>/", pairing_views.question_edit, name="question_edit"),
    path(
        "<slug:program_slug>/questions/<int:question_id>/delete/",
        pairing_views.question_delete,
        name="question_delete",
    ),
    path("<slug:program_slug>/questions/<int:question_id>/move/", pairing_views.question_move, name="question_move"),
    path("<slug:program_slug>/modules/new/", views.module_create, name="module_create"),
    path("<slug:program_slug>/modules/<int:module_id>/", views.module_edit, name="module_edit"),
    path("<slug:program_slug>/modules/<int:module_id>/delete/", views.module_delete, name="module_delete"),
    path("<slug:program_slug>/offerings/new/", views.offering_create, name="offering_create"),
    path(OFFERING, views.offering_detail, name="offering"),
    path(OFFERING + "edit/", views.offering_edit, name="offering_edit"),
    path(OFFERING + "extend-deadline/", pairing_views.offering_extend_deadline, name="offering_extend_deadline"),
    path(OFFERING + "sessions/new/", views.session_create, name="session_create"),
    path(OFFERING + "sessions/<int:session_id>/", views.session_edit, name="session_edit"),
    path(OFFERING + "sessions/<int:session_id>/delete/", views.session_delete, name="session_delete"),
    path(OFFERING + "deadlines/new/", views.deadline_create, name="deadline_create"),
    path(OFFERING + "deadlines/<int:deadline_id>/", views.deadline_edit, name="deadline_edit"),
    path(OFFERING + "deadlines/<int:deadline_id>/delete/", views.deadline_delete, name="deadline_delete"),
]
