"""The token pages, mounted at /me/tokens/ by mentorweb/urls.py."""

from django.urls import path

from mentorweb.api import views

urlpatterns = [
    path("", views.token_list, name="api_tokens"),
    path("new/", views.token_new, name="api_token_new"),
    path("<int:token_id>/revoke/", views.token_revoke_view, name="api_token_revoke"),
]
