"""Application pages, included at the site root: the applicant's under /apply/ and
/me/applications/, staff review and board input under /o/<slug>/."""

from django.urls import path

from mentorweb.registrations.pairing import views_applicant as applicant
from mentorweb.registrations.pairing import views_board as board
from mentorweb.registrations.pairing import views_staff as staff

app_name = "applications"

MINE = "me/applications/<int:registration_id>/"
STAFF = "o/<slug:slug>/offerings/<int:offering_id>/applications/"
STAFF_ONE = STAFF + "<int:registration_id>/"

urlpatterns = [
    path("apply/<int:offering_id>/<str:role>/", applicant.apply, name="apply"),
    path("me/applications/", applicant.mine, name="mine"),
    path(MINE, applicant.detail, name="detail"),
    path(MINE + "edit/", applicant.edit, name="edit"),
    path(MINE + "withdraw/", applicant.withdraw, name="withdraw"),
    path(MINE + "mentors/", applicant.mentors, name="mentors"),
    path(MINE + "conflicts/", applicant.conflict, name="conflict"),
    path(STAFF, staff.application_list, name="staff_list"),
    path(STAFF_ONE, staff.application_detail, name="staff_detail"),
    path(STAFF_ONE + "accept/", staff.application_accept, name="staff_accept"),
    path(STAFF_ONE + "decline/", staff.application_decline, name="staff_decline"),
    path(STAFF_ONE + "request-info/", staff.application_request_info, name="staff_request_info"),
    path("o/<slug:slug>/board-input/", board.offerings, name="board_offerings"),
    path("o/<slug:slug>/board-input/<int:offering_id>/", board.board_input, name="board_input"),
]
