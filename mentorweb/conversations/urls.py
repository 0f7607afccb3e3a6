"""Conversation records (a pair's, under /me/partnerships/<id>/conversations/) and conversation tools
(staff, under /o/<slug>/conversation-tools/). Included at the site root."""

from django.urls import path

from mentorweb.conversations import views, views_staff

app_name = "conversations"

RECORDS = "me/partnerships/<int:partnership_id>/conversations/"
TOOLS = "o/<slug:slug>/conversation-tools/"

urlpatterns = [
    path(RECORDS, views.conversation_list, name="list"),
    path(RECORDS + "scaling/", views.scaling, name="scaling"),
    path(RECORDS + "meetings/<int:meeting_id>/", views.meeting_records, name="meeting"),
    path(RECORDS + "meetings/<int:meeting_id>/new/<int:template_id>/", views.meeting_new, name="meeting_new"),
    path(RECORDS + "goals/<int:goal_id>/", views.goal_records, name="goal"),
    path(RECORDS + "goals/<int:goal_id>/new/<int:template_id>/", views.goal_new, name="goal_new"),
    path(RECORDS + "<int:conversation_id>/", views.detail, name="detail"),
    path(TOOLS, views_staff.tools, name="tools"),
    path(TOOLS + "new/", views_staff.tool_new, name="tool_new"),
    path(TOOLS + "<int:template_id>/", views_staff.tool_detail, name="tool"),
    path(TOOLS + "<int:template_id>/edit/", views_staff.tool_edit, name="tool_edit"),
    path(TOOLS + "<int:template_id>/customize/", views_staff.tool_customize, name="tool_customize"),
]
