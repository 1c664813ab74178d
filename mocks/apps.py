from django.apps import AppConfig


class MocksConfig(AppConfig):
    name = "mocks"
    verbose_name = "Mock interviews"
    default_auto_field = "django.db.models.BigAutoField"
