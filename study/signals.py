from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from study.models import StudySettings


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_study_settings(sender, instance, created, raw=False, **kwargs):
    """Every learner starts with default settings, so no page has to create them."""
    if created and not raw:
        StudySettings.objects.get_or_create(user=instance)
