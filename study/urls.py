from django.urls import path

from study import answer_views, note_views, views

app_name = "study"
urlpatterns = [
    # The flashcard loop
    path("study/", views.session, name="session"),
    path("study/grade/", views.grade, name="grade"),
    path("study/undo/", views.undo, name="undo"),
    path("study/deck/", views.choose_deck, name="deck"),
    path("study/settings/", views.study_settings_view, name="settings"),
    path("study/cards/<str:number>/<slug:action>/", views.card_action, name="card_action"),
    # Answer reviews
    path("questions/<str:number>/answer/", answer_views.write, name="answer"),
    path("questions/<str:number>/answer/autosave/", answer_views.autosave, name="answer_autosave"),
    path("questions/<str:number>/answer/discard/", answer_views.discard, name="answer_discard"),
    path("questions/<str:number>/answer/compare/", answer_views.compare, name="answer_compare"),
    path("questions/<str:number>/attempts/diff/", answer_views.attempt_diff, name="attempt_diff"),
    path("attempts/<id:pk>/", answer_views.attempt_detail, name="attempt"),
    path("weak-points/", answer_views.weak_points, name="weak_points"),
    # Notes and bookmarks
    path("questions/<str:number>/note/", note_views.note, name="note"),
    path("questions/<str:number>/bookmark/", note_views.bookmark, name="bookmark"),
    path("notes/", note_views.library, name="library"),
]
