"""The search index: one document per question's content and per learner note, as analysed terms.

The engines' own index lives beside this table, created by the migration for the database in use:
PostgreSQL keeps a weighted `tsvector` column (GIN-indexed) computed by a trigger from the term
columns; SQLite keeps an FTS5 table that triggers keep equal to them. Django never writes either.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from questions.models import Question
from study.models import Note


class SearchDocument(models.Model):
    class Kind(models.TextChoices):
        QUESTION = "question", "Question"
        NOTE = "note", "Note"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    note = models.OneToOneField(
        Note,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A learner's note (only its owner finds it); empty for content every learner may find.",
    )
    version = models.DateTimeField(help_text="The source's updated_at when it was indexed.")
    title_terms = models.TextField(blank=True, help_text="Analysed terms, space-separated; weighted up.")
    body_terms = models.TextField(blank=True, help_text="Analysed terms, space-separated.")
    parts = models.JSONField(
        default=list,
        help_text="The searched text in parts: [kind, language, text, terms, their places], for snippets.",
    )

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(
                fields=["question"], condition=Q(kind="question"), name="search_one_document_per_question"
            ),
            models.CheckConstraint(
                condition=Q(kind="question", note__isnull=True) | Q(kind="note", note__isnull=False),
                name="search_note_documents_have_an_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} Q{self.question.number}"
