"""Matching pages for an offering's advisory team, included at the site root under /o/<slug>/offerings/."""

from django.urls import path

from mentorweb.matching import views

app_name = "matching"

MATCHING = "o/<slug:slug>/offerings/<int:offering_id>/matching/"
RUN = MATCHING + "runs/<int:run_id>/"

urlpatterns = [
    path(MATCHING, views.runs, name="runs"),
    path(MATCHING + "pool.json", views.export, name="export"),
    path(MATCHING + "import/", views.result_import_view, name="import"),
    path(MATCHING + "rules/<int:rule_id>/release/", views.rule_release, name="rule_release"),
    path(RUN, views.run_detail, name="run"),
    path(RUN + "progress/", views.run_progress, name="run_progress"),
    path(RUN + "publish/", views.publish, name="publish"),
    path(MATCHING + "proposals/<int:proposal_id>/", views.proposal_detail, name="proposal"),
]
