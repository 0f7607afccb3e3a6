"""The resource library, included at the site root: /resources/... and /o/<slug>/resources/..."""

from django.urls import path

from mentorweb.resources import views

app_name = "resources"

urlpatterns = [
    path("resources/", views.library, name="library"),
    path("resources/<int:resource_id>/", views.detail, name="detail"),
    path("resources/<int:resource_id>/file/", views.download, name="file"),
    path("o/<slug:slug>/resources/", views.staff_list, name="staff_list"),
    path("o/<slug:slug>/resources/new/", views.create, name="create"),
    path("o/<slug:slug>/resources/<int:resource_id>/edit/", views.edit, name="edit"),
    path("o/<slug:slug>/resources/<int:resource_id>/unpublish/", views.unpublish, name="unpublish"),
]
