from django.urls import path

from mocks import views

app_name = "mocks"
urlpatterns = [
    path("mock/", views.start, name="start"),
    path("mock/<uuid:key>/", views.round_page, name="round"),
    path("mock/<uuid:key>/autosave/", views.autosave, name="autosave"),
    path("mock/<uuid:key>/answer/", views.hand_in, name="hand_in"),
    path("mock/<uuid:key>/end/", views.end, name="end"),
    path("mock/<uuid:key>/report/", views.report, name="report"),
    path("mock/<uuid:key>/questions/<id:position>/grade/", views.grade, name="grade"),
]
