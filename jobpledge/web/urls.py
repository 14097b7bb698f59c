from django.http import HttpRequest, HttpResponse
from django.urls import path


def placeholder(request: HttpRequest) -> HttpResponse:
    return HttpResponse("jobpledge")


urlpatterns = [path("", placeholder, name="home")]
