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
    path("o/", include("mentorweb.organizations.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
