"""The syllabus: chapters, chapter 1's guide sections, questions, answer outlines and key points."""

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from django.db import connection, models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from questions.rendering import highlight_python, render_markdown
from studyhub.database import prepared_cursor


def render_bodies(obj, field: str = "body") -> None:
    """Refresh the sanitised HTML of an object's Korean and English markdown `field`s."""
    for lang in ("ko", "en"):
        setattr(obj, f"{field}_{lang}_html", render_markdown(getattr(obj, f"{field}_{lang}")))


class ChapterQuerySet(models.QuerySet):
    def decks(self):
        """The chapters one can study (not the guide), each with `has_published`: whether any of its
        questions is published yet."""
        published = Question.objects.published().filter(chapter=models.OuterRef("pk"))
        return self.exclude(kind=Chapter.Kind.GUIDE).annotate(has_published=models.Exists(published))

    def studyable(self):
        """The decks with at least one published question."""
        return self.decks().filter(has_published=True)


class Chapter(models.Model):
    class Kind(models.TextChoices):
        GUIDE = "guide", _("Interview guide")
        FUNDAMENTALS = "fundamentals", _("ML fundamentals")
        CODING = "coding", _("ML coding")
        SYSTEM_DESIGN = "system_design", _("ML system design")
        INFRASTRUCTURE = "infrastructure", _("ML infrastructure")
        ADVANCED = "advanced", _("Advanced ML problems")
        APPENDIX = "appendix", _("Appendix")

    number = models.CharField(max_length=4, unique=True, verbose_name=_("number"))
    position = models.PositiveSmallIntegerField(
        unique=True, help_text=_("Order in the book."), verbose_name=_("position")
    )
    title_ko = models.CharField(max_length=200, verbose_name=_("title (Korean)"))
    title_en = models.CharField(max_length=200, verbose_name=_("title (English)"))
    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=_("kind"))
    stages = models.JSONField(
        default=list,
        blank=True,
        help_text=_(
            'For a design chapter, its ordered map: [{"title_ko", "title_en", "numbers": ["4.1", …]}].'
        ),
        verbose_name=_("stages"),
    )

    history = HistoricalRecords()

    objects = ChapterQuerySet.as_manager()

    class Meta:
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title_ko}"

    def natural_key(self) -> tuple[str]:
        return (self.number,)


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class GuideSection(models.Model):
    """A reading page of chapter 1: how one interview round works. Not a card."""

    chapter = models.ForeignKey(
        Chapter, on_delete=models.CASCADE, related_name="guides", verbose_name=_("chapter")
    )
    slug = models.SlugField(max_length=80, unique=True, verbose_name=_("slug"))
    position = models.PositiveSmallIntegerField(verbose_name=_("position"))
    title_ko = models.CharField(max_length=200, verbose_name=_("title (Korean)"))
    title_en = models.CharField(max_length=200, blank=True, verbose_name=_("title (English)"))
    body_ko = models.TextField(blank=True, verbose_name=_("text (Korean)"))
    body_en = models.TextField(blank=True, verbose_name=_("text (English)"))
    body_ko_html = models.TextField(blank=True, editable=False)
    body_en_html = models.TextField(blank=True, editable=False)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, verbose_name=_("status")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("guide section")
        verbose_name_plural = _("guide sections")
        ordering = ["chapter__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["chapter", "position"], name="guide_unique_position"),
        ]

    def __str__(self) -> str:
        return f"{self.chapter.number}.{self.position} {self.title_ko}"

    def save(self, *args, **kwargs):
        render_bodies(self)
        super().save(*args, **kwargs)


class QuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


class Question(models.Model):
    class Kind(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        CODING = "coding", _("Coding")
        DESIGN = "design", _("Design")
        BEHAVIOURAL = "behavioural", _("Behavioural")

    chapter = models.ForeignKey(
        Chapter, on_delete=models.PROTECT, related_name="questions", verbose_name=_("chapter")
    )
    number = models.CharField(
        max_length=8, unique=True, help_text=_('As in the book, e.g. "2.13".'), verbose_name=_("number")
    )
    position = models.PositiveIntegerField(help_text="Sort key derived from the number.", editable=False)
    title_ko = models.CharField(max_length=200, verbose_name=_("title (Korean)"))
    title_en = models.CharField(max_length=200, blank=True, verbose_name=_("title (English)"))
    prompt_ko = models.TextField(blank=True, verbose_name=_("question (Korean)"))
    prompt_en = models.TextField(blank=True, verbose_name=_("question (English)"))
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.CONCEPT, verbose_name=_("kind"))
    difficulty = models.PositiveSmallIntegerField(default=2, verbose_name=_("difficulty"))
    tags = models.JSONField(default=list, blank=True, verbose_name=_("tags"))
    solution = models.TextField(
        blank=True,
        help_text=_("Coding questions: a reference solution in Python."),
        verbose_name=_("reference solution"),
    )
    solution_html = models.TextField(blank=True, editable=False)
    solution_tests = models.JSONField(
        default=list,
        blank=True,
        help_text=_('Coding questions: [{"name": …, "code": …}] cases the solution passes.'),
        verbose_name=_("solution tests"),
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, verbose_name=_("status")
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("last updated"))

    history = HistoricalRecords()

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(difficulty__gte=1, difficulty__lte=3), name="question_difficulty_1_3"
            ),
        ]
        indexes = [models.Index(fields=["status", "position"])]

    def __str__(self) -> str:
        return f"Q{self.number} {self.title_ko}"

    def save(self, *args, **kwargs):
        self.position = position_for(self.number)
        self.solution_html = highlight_python(self.solution)
        super().save(*args, **kwargs)

    def natural_key(self) -> tuple[str]:
        return (self.number,)

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def is_coding(self) -> bool:
        return self.kind == self.Kind.CODING


def position_for(number: str) -> int:
    """Sort key for a question number: "2.13" sorts after "2.9"; the appendix ("A.1") comes last."""
    major, _dot, minor = number.partition(".")
    major_key = 99 if major == "A" else int(major)
    return major_key * 1000 + int(minor or 0)


class AnswerOutline(models.Model):
    """The model answer a strong candidate would give, in markdown, with its checkable key points."""

    question = models.OneToOneField(
        Question, on_delete=models.CASCADE, related_name="outline", verbose_name=_("question")
    )
    body_ko = models.TextField(verbose_name=_("answer outline (Korean)"))
    body_en = models.TextField(verbose_name=_("answer outline (English)"))
    body_ko_html = models.TextField(editable=False)
    body_en_html = models.TextField(editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer outline")
        verbose_name_plural = _("answer outlines")

    def __str__(self) -> str:
        return _("Outline of Q%(number)s") % {"number": self.question.number}

    def save(self, *args, **kwargs):
        render_bodies(self)
        super().save(*args, **kwargs)
        touch_question(self.question_id)


class KeyPoint(models.Model):
    outline = models.ForeignKey(
        AnswerOutline, on_delete=models.CASCADE, related_name="key_points", verbose_name=_("answer outline")
    )
    position = models.PositiveSmallIntegerField(verbose_name=_("position"))
    text_ko = models.CharField(max_length=300, verbose_name=_("key point (Korean)"))
    text_en = models.CharField(max_length=300, verbose_name=_("key point (English)"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("key point")
        verbose_name_plural = _("key points")
        ordering = ["outline", "position"]
        constraints = [
            models.UniqueConstraint(fields=["outline", "position"], name="keypoint_unique_position"),
        ]

    def __str__(self) -> str:
        return self.text_en or self.text_ko

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        touch_question(self.outline.question_id)

    def delete(self, *args, **kwargs):
        question_id = self.outline.question_id
        result = super().delete(*args, **kwargs)
        touch_question(question_id)
        return result


class FollowUp(models.Model):
    """A question an interviewer asks next, with a short model answer in markdown."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("question")
    )
    position = models.PositiveSmallIntegerField(verbose_name=_("position"))
    text_ko = models.TextField(verbose_name=_("follow-up question (Korean)"))
    text_en = models.TextField(verbose_name=_("follow-up question (English)"))
    answer_ko = models.TextField(blank=True, verbose_name=_("model answer (Korean)"))
    answer_en = models.TextField(blank=True, verbose_name=_("model answer (English)"))
    answer_ko_html = models.TextField(blank=True, editable=False)
    answer_en_html = models.TextField(blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["question", "position"]
        constraints = [
            models.UniqueConstraint(fields=["question", "position"], name="followup_unique_position"),
        ]

    def __str__(self) -> str:
        return self.text_en or self.text_ko

    def save(self, *args, **kwargs):
        render_bodies(self, "answer")
        super().save(*args, **kwargs)
        touch_question(self.question_id)

    def delete(self, *args, **kwargs):
        question_id = self.question_id
        result = super().delete(*args, **kwargs)
        touch_question(question_id)
        return result


class GlossaryTerm(models.Model):
    """One concept: the Korean term StudyHub's text uses, the English term, and the other spellings
    learners write. Answer hints and search map every alias onto the concept."""

    slug = models.SlugField(max_length=80, unique=True, verbose_name=_("slug"))
    term_ko = models.CharField(max_length=100, verbose_name=_("term (Korean)"))
    term_en = models.CharField(max_length=100, verbose_name=_("term (English)"))
    aliases_ko = models.JSONField(default=list, blank=True, verbose_name=_("other spellings (Korean)"))
    aliases_en = models.JSONField(default=list, blank=True, verbose_name=_("other spellings (English)"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("last updated"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["term_ko"]

    def __str__(self) -> str:
        return f"{self.term_ko} ({self.term_en})"

    @property
    def names(self) -> list[str]:
        """Every spelling of the concept, in both languages."""
        return [self.term_ko, self.term_en, *self.aliases_ko, *self.aliases_en]


@lru_cache(maxsize=512)
def card_content(question_id: int, version: datetime) -> tuple[Question, tuple[KeyPoint, ...]]:
    """A question with its chapter, outline and ordered key points, read once per content version.

    `version` is the question's `updated_at`, which every edit of its outline, key points or follow-ups
    touches, so a process never serves stale content; the cache only saves the read.
    """
    key_points = tuple(
        KeyPoint.objects.filter(outline__question_id=question_id)
        .select_related("outline__question__chapter")
        .order_by("position")
    )
    if key_points:
        return key_points[0].outline.question, key_points
    return Question.objects.select_related("chapter").get(pk=question_id), ()


@dataclass(frozen=True)
class DeckOption:
    """One entry of the study page's deck menu: a chapter one can study, and whether it has published
    questions yet."""

    pk: int
    number: str
    title_ko: str
    title_en: str
    has_published: bool


@lru_cache(maxsize=2)
def _deck_options_sql(vendor: str) -> tuple[str, tuple]:
    query = Chapter.objects.decks().values_list("pk", "number", "title_ko", "title_en", "has_published")
    return query.query.sql_with_params()


def deck_options() -> tuple[DeckOption, ...]:
    """`Chapter.objects.decks()` in book order, as plain values: one query, compiled once per process
    (the study page shows the menu on every full load)."""
    sql, params = _deck_options_sql(connection.vendor)
    with prepared_cursor(connection) as cursor:
        cursor.execute(sql, params)
        return tuple(
            DeckOption(pk, number, title_ko, title_en, bool(published))
            for pk, number, title_ko, title_en, published in cursor.fetchall()
        )


def touch_question(question_id: int) -> None:
    """Mark a question's content as changed (its outline or key points were edited)."""
    Question.objects.filter(pk=question_id).update(updated_at=timezone.now())


class LoadedItem(models.Model):
    """What `load_content` last loaded for one content item: a hash per field, so a later load can tell
    an edit made in the admin since (the database no longer matches) from a change in the files."""

    key = models.CharField(max_length=100, unique=True, help_text='"Q2.13", "chapter 2", "guide <slug>"…')
    hashes = models.JSONField(default=dict)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key
