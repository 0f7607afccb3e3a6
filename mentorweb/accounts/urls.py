from django.urls import path

from mentorweb.accounts import views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/credentials/", views.credential_add, name="profile_credential_add"),
]
