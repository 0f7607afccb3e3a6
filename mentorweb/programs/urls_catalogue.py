"""The public catalogue, included at /catalogue/."""

from django.urls import path

from mentorweb.programs import views_catalogue as views

app_name = "catalogue"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:org_slug>/<slug:program_slug>/", views.program, name="program"),
    path("<slug:org_slug>/<slug:program_slug>/<slug:offering_slug>/", views.offering, name="offering"),
]
