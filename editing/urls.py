from django.urls import path

from editing import views

app_name = "editing"
urlpatterns = [
    path("anki/", views.anki_deck, name="anki"),
]
