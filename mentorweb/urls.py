from django.contrib import admin
from django.urls import include, path

from mentorweb.accounts import views as accounts_views
from mentorweb.api.urls import api
from mentorweb.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    # Django's set_language, wrapped so that a logged-in person's choice is also saved on their profile.
    path("i18n/setlang/", accounts_views.language_set, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("me/tokens/", include("mentorweb.api.token_urls")),
    path("me/", include("mentorweb.accounts.urls")),
    path("catalogue/", include("mentorweb.programs.urls_catalogue")),
    path("o/<slug:org_slug>/programs/", include("mentorweb.programs.urls")),
    path("o/", include("mentorweb.organizations.urls")),
    # Registrations and payments: /register/, /me/registrations/, /payments/, /o/<slug>/offerings/...
    path("", include("mentorweb.registrations.urls")),
    # Course progress, documents, calendar and reports: /o/<slug>/..., /me/..., /calendar/<token>.ics
    path("", include("mentorweb.registrations.urls_progress")),
    path("", include("mentorweb.registrations.pairing.urls")),  # pairing applications: /apply/, /me/applications/
    path("", include("mentorweb.notifications.urls_calendar")),
    path("", include("mentorweb.reports.urls")),
    # Pairing programs: match runs for the advisory team, and a person's own partnerships.
    path("", include("mentorweb.matching.urls")),
    path("", include("mentorweb.partnerships.urls")),
    # Conversation records (/me/partnerships/<id>/conversations/) and tools (/o/<slug>/conversation-tools/).
    path("", include("mentorweb.conversations.urls")),
    path("", include("mentorweb.resources.urls")),  # the library: /resources/, /o/<slug>/resources/
    path("", include("mentorweb.webs.urls")),  # a person's mentoring web: /me/web/...
    path("", include("mentorweb.webs.urls_steering")),  # the steering committee's view: /o/<slug>/web/steering/
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
