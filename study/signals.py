from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver

from study.models import StudySettings
from studyhub.interface_language import adopt_visitor_choice


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_study_settings(sender, instance, created, raw=False, **kwargs):
    """Every learner starts with default settings, so no page has to create them."""
    if created and not raw:
        StudySettings.objects.get_or_create(user=instance)


@receiver(user_logged_in)
def keep_interface_language(sender, request, user, **kwargs):
    adopt_visitor_choice(request, user)
