"""The steering committee's view of a board's mentoring web, included at the site root."""

from django.urls import path

from mentorweb.webs import views_steering as views

app_name = "steering"

BASE = "o/<slug:slug>/web/steering/"

urlpatterns = [
    path(BASE, views.coverage, name="coverage"),
    path(BASE + "<str:table>.csv", views.export, name="export"),
    path(BASE + "committee/", views.committee_add, name="committee_add"),
    path(BASE + "committee/<int:member_id>/remove/", views.committee_remove, name="committee_remove"),
]
