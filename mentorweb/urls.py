from django.contrib import admin
from django.urls import include, path

from mentorweb.api.urls import api
from mentorweb.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("me/", include("mentorweb.accounts.urls")),
    path("o/", include("mentorweb.organizations.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
