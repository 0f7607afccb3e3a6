from django.urls import path

from mentorweb.accounts import views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
]
