"""Reports addresses, included at the site root under each organization."""

from django.urls import path

from mentorweb.reports import views

app_name = "reports"

OFFERING = "o/<slug:slug>/offerings/<int:offering_id>/"

urlpatterns = [
    path("o/<slug:slug>/reports/", views.index, name="index"),
    path("o/<slug:slug>/reports/completions.csv", views.completions, name="completions"),
    path(OFFERING + "dashboard/", views.offering_dashboard, name="offering_dashboard"),
    path(OFFERING + "dashboard.csv", views.offering_dashboard_csv, name="offering_dashboard_csv"),
    path(OFFERING + "dashboard.xlsx", views.offering_dashboard_xlsx, name="offering_dashboard_xlsx"),
    path(OFFERING + "canvas-roster.zip", views.canvas_roster, name="canvas_roster"),
]
