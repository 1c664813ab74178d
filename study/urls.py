from django.urls import path

from study import views

app_name = "study"
urlpatterns = [
    path("", views.session, name="session"),
    path("grade/", views.grade, name="grade"),
    path("undo/", views.undo, name="undo"),
    path("deck/", views.choose_deck, name="deck"),
    path("settings/", views.study_settings_view, name="settings"),
    path("cards/<str:number>/<slug:action>/", views.card_action, name="card_action"),
]
