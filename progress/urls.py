from django.urls import path

from progress import views

app_name = "progress"
urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/plan/", views.save_plan, name="save_plan"),
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/export/", views.export_json, name="export_json"),
    path("my-data/export/reviews.csv", views.export_reviews_csv, name="export_csv"),
    path("my-data/import/", views.import_data, name="import"),
    path("my-data/delete-account/", views.delete_account, name="delete_account"),
]
