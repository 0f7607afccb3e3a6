from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mentorweb.core.home import home_sections


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "core/welcome.html")
    return render(request, "core/home.html", {"sections": home_sections(request)})
