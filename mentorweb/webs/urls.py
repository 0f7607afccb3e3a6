"""A person's mentoring web, included at the site root under /me/web/."""

from django.urls import path

from mentorweb.webs import views

app_name = "webs"

CONNECTION = "me/web/connections/<int:connection_id>/"
urlpatterns = [
    path("me/web/", views.mine, name="mine"),
    path("me/web/offer/", views.offer, name="offer"),
    path("me/web/find/", views.find, name="find"),
    path("me/web/connect/<int:person_id>/", views.connect, name="connect"),
    path(CONNECTION, views.connection, name="connection"),
    path(CONNECTION + "answer/", views.answer, name="answer"),
    path(CONNECTION + "withdraw/", views.withdraw, name="withdraw"),
    path(CONNECTION + "learned/", views.learning, name="learning"),
]
