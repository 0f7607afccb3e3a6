from django.urls import path

from mentorweb.organizations import views

app_name = "organizations"

urlpatterns = [
    path("", views.organization_list, name="list"),
    path("<slug:slug>/", views.organization_detail, name="detail"),
    path("<slug:slug>/edit/", views.organization_edit, name="edit"),
    path("<slug:slug>/people/", views.people, name="people"),
    path("<slug:slug>/people/invite/", views.invite, name="invite"),
    path("<slug:slug>/people/<int:membership_id>/", views.member_detail, name="member"),
    path("<slug:slug>/people/<int:membership_id>/role/", views.member_role, name="member_role"),
    path("<slug:slug>/people/<int:membership_id>/deactivate/", views.member_deactivate, name="member_deactivate"),
    path("<slug:slug>/people/<int:membership_id>/reactivate/", views.member_reactivate, name="member_reactivate"),
    path(
        "<slug:slug>/people/<int:membership_id>/credentials/<int:credential_id>/verify/",
        views.credential_verify,
        name="credential_verify",
    ),
    path("<slug:slug>/audit/", views.audit_trail, name="audit"),
    path("<slug:slug>/audit/export.csv", views.audit_export, name="audit_export"),
]
