from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class LearnerBackend(ModelBackend):
    """Loads the learner's study settings with the user, saving a query on every learner page."""

    def get_user(self, user_id):
        user = (
            get_user_model()
            ._default_manager.select_related("study_settings__deck")
            .filter(pk=user_id)
            .first()
        )
        return user if user and self.user_can_authenticate(user) else None
