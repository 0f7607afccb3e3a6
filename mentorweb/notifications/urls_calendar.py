"""Calendar addresses, included at the site root."""

from django.urls import path

from mentorweb.notifications import views_calendar as views

app_name = "calendar"

urlpatterns = [
    path("me/registrations/<int:registration_id>/calendar.ics", views.ics, name="ics"),
    path("me/registrations/<int:registration_id>/calendar/", views.subscribe, name="subscribe"),
    path("me/registrations/<int:registration_id>/calendar/new-link/", views.rotate, name="rotate"),
    path("calendar/<slug:token>.ics", views.feed, name="feed"),
]
