"""Registration and payment pages, included at the site root: the candidate's under /register/
and /me/, the payment provider's under /payments/, staff pages under /o/<slug>/."""

from django.urls import path

from mentorweb.registrations import views_candidate as candidate
from mentorweb.registrations import views_staff as staff
from mentorweb.registrations.payments import views as payments

app_name = "registrations"

MINE = "me/registrations/<int:registration_id>/"
OFFERING = "o/<slug:slug>/offerings/<int:offering_id>/"
STAFF_REGISTRATION = OFFERING + "registrations/<int:registration_id>/"

urlpatterns = [
    path("register/<int:offering_id>/", candidate.register, name="register"),
    path("me/registrations/", candidate.my_registrations, name="mine"),
    path(MINE, candidate.registration_detail, name="detail"),
    path(MINE + "pay/", candidate.pay, name="pay"),
    path(MINE + "cancel/", candidate.cancel, name="cancel"),
    path(MINE + "offer/", candidate.offer, name="offer"),
    path("payments/webhook/<slug:provider>/", payments.webhook, name="webhook"),
    path("payments/test/checkout/<str:token>/", payments.test_checkout, name="test_checkout"),
    path(OFFERING + "registrations/", staff.offering_registrations, name="offering_registrations"),
    path(STAFF_REGISTRATION + "payment/", staff.registration_payment, name="staff_payment"),
    path(STAFF_REGISTRATION + "verify/", staff.registration_verify, name="staff_verify"),
    path(STAFF_REGISTRATION + "cancel/", staff.registration_cancel, name="staff_cancel"),
    path(OFFERING + "cancel-low-enrolment/", staff.offering_cancel, name="offering_cancel"),
    path(OFFERING + "invoices/new/", staff.invoice_new, name="invoice_new"),
    path(OFFERING + "refunds/<int:refund_id>/sent/", staff.refund_sent, name="refund_sent"),
    path("o/<slug:slug>/invoices/<int:invoice_id>/", staff.invoice_detail, name="invoice"),
    path("o/<slug:slug>/sponsored-registrations/", staff.sponsored, name="sponsored"),
]
