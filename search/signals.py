"""Keep the search index current: every save or delete of searchable content or of a note schedules its
document to be re-indexed when the transaction commits. A glossary change re-indexes everything, since
concepts are part of every document's terms."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from questions.models import AnswerOutline, FollowUp, GlossaryTerm, KeyPoint, Question
from search import index
from study.models import Note


def _question_id(instance) -> int | None:
    if isinstance(instance, Question):
        return instance.pk
    if isinstance(instance, KeyPoint):
        return instance.outline.question_id
    return instance.question_id


@receiver(post_save, sender=Question)
@receiver(post_save, sender=AnswerOutline)
@receiver(post_save, sender=KeyPoint)
@receiver(post_save, sender=FollowUp)
@receiver(post_delete, sender=AnswerOutline)
@receiver(post_delete, sender=KeyPoint)
@receiver(post_delete, sender=FollowUp)
def content_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        index.schedule(question_id=_question_id(instance))


@receiver(post_save, sender=Note)
def note_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index.schedule(note_id=instance.pk)


@receiver(post_save, sender=GlossaryTerm)
@receiver(post_delete, sender=GlossaryTerm)
def glossary_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        index.schedule(everything=True)
