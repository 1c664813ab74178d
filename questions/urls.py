from django.urls import path

from questions import views

app_name = "questions"
urlpatterns = [
    path("questions/", views.question_list, name="list"),
    path("questions/<str:number>/", views.question_detail, name="detail"),
    path("chapters/<str:number>/", views.chapter_detail, name="chapter"),
    path("glossary/", views.glossary, name="glossary"),
    path("guide/", views.guide_index, name="guide"),
    path("guide/<slug:slug>/", views.guide_detail, name="guide_section"),
]
