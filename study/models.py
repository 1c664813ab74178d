"""Learner state: study settings, one FSRS card per learner and question, and the review log."""

from contextvars import ContextVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from questions.models import Chapter, KeyPoint, Question
from questions.rendering import render_answer, render_learner_markdown

_RENDERED = ContextVar("rendered", default=False)


class RenderedQuerySet(models.QuerySet):
    """Bulk writes render a model's stored HTML as `save()` does, so no path can skip sanitising.

    The model names its markdown source and HTML twin in `HTML_FROM` and renders in `render_html`.
    """

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        self.model.render_all(objs)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs, fields = list(objs), list(fields)
        source, target = self.model.HTML_FROM
        if source in fields:
            self.model.render_all(objs)
            fields = [*fields, target] if target not in fields else fields
        token = _RENDERED.set(True)  # bulk_update writes through update(), with the HTML just rendered
        try:
            return super().bulk_update(objs, fields, *args, **kwargs)
        finally:
            _RENDERED.reset(token)

    def update(self, **kwargs):
        # A queryset update writes SQL directly, past `save()`: it may not touch the text or its HTML.
        source, target = self.model.HTML_FROM
        if (source in kwargs or target in kwargs) and not _RENDERED.get():
            raise TypeError(
                f"{self.model.__name__}.{source} is rendered to {target} on save: "
                "change it with save() or bulk_update(), not update()."
            )
        return super().update(**kwargs)


class RendersHtml(models.Model):
    """Stored HTML is rendered here, from the model's own text, on every save and bulk write."""

    HTML_FROM: tuple[str, str]
    objects = RenderedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.render_html()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and self.HTML_FROM[0] in update_fields:
            kwargs["update_fields"] = {*update_fields, self.HTML_FROM[1]}
        super().save(*args, **kwargs)

    def render_html(self) -> None:
        source, target = self.HTML_FROM
        setattr(self, target, render_learner_markdown(getattr(self, source)))

    @classmethod
    def render_all(cls, objs) -> None:
        for obj in objs:
            obj.render_html()


class StudySettings(models.Model):
    class Language(models.TextChoices):
        KOREAN = "ko", "한국어"
        ENGLISH = "en", "English"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="study_settings",
        verbose_name=_("user"),
    )
    desired_retention = models.FloatField(default=0.9, verbose_name=_("desired retention"))
    new_cards_per_day = models.PositiveSmallIntegerField(default=10, verbose_name=_("new cards per day"))
    max_reviews_per_day = models.PositiveSmallIntegerField(
        default=200, verbose_name=_("maximum reviews per day")
    )
    deck = models.ForeignKey(
        Chapter,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text="Study only this chapter; empty means every chapter.",
        verbose_name=_("deck"),
    )
    language = models.CharField(
        max_length=2,
        choices=Language.choices,
        blank=True,
        default="",
        help_text="The language cards and content are shown in; empty means the interface language.",
        verbose_name=_("content language"),
    )
    interface_language = models.CharField(
        max_length=2,
        choices=Language.choices,
        blank=True,
        default="",
        help_text="The language of buttons, headings and messages; empty means the browser's.",
        verbose_name=_("interface language"),
    )
    time_zone = models.CharField(max_length=64, default="Asia/Seoul", verbose_name=_("time zone"))
    interview_date = models.DateField(
        null=True,
        blank=True,
        help_text=_("When your interview is; the dashboard measures readiness for it."),
        verbose_name=_("interview date"),
    )
    interview_target = models.FloatField(
        default=0.9,
        help_text="Predicted recall wanted for every card on the morning of the interview.",
        verbose_name=_("recall on the interview day"),
    )
    fsrs_parameters = models.JSONField(
        null=True,
        blank=True,
        editable=False,
        help_text="The learner's FSRS parameters, fitted from their reviews; empty means FSRS's defaults.",
        verbose_name=_("FSRS parameters"),
    )
    parameters_fitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    parameters_review_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Reviews the personal parameters were fitted from."
    )

    class Meta:
        verbose_name = _("study settings")
        verbose_name_plural = _("study settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(desired_retention__gte=0.7, desired_retention__lte=0.97),
                name="settings_retention_range",
            ),
            models.CheckConstraint(
                condition=Q(interview_target__gte=0.7, interview_target__lte=0.99),
                name="settings_interview_target_range",
            ),
            models.CheckConstraint(condition=Q(new_cards_per_day__lte=500), name="settings_new_cards_cap"),
            models.CheckConstraint(condition=Q(max_reviews_per_day__lte=9999), name="settings_reviews_cap"),
        ]

    def __str__(self) -> str:
        return f"Study settings of {self.user}"

    @property
    def personal_parameters(self) -> tuple[float, ...] | None:
        """The learner's fitted FSRS parameters, or None while FSRS's defaults are in use."""
        return tuple(self.fsrs_parameters) if self.fsrs_parameters else None

    @classmethod
    def for_user(cls, user) -> "StudySettings":
        """The learner's settings, loaded with the user by the auth backend (created if missing)."""
        try:
            return user.study_settings
        except cls.DoesNotExist:
            return cls.objects.get_or_create(user=user)[0]


# FSRS keeps stability below 36,500 days; the bound also keeps out Infinity and NaN, which PostgreSQL
# orders above every number (SQLite stores NaN as NULL).
MAX_STABILITY = 100_000.0
MIN_DIFFICULTY, MAX_DIFFICULTY = 1.0, 10.0


class CardState(models.Model):
    """Where one learner stands with one question: the FSRS card plus suspension and burying.

    The database refuses a card the scheduler could not read (see `Meta.constraints`), whatever
    wrote it: a learned card has a positive finite stability, a difficulty in 1–10 and a due date.
    """

    class State(models.IntegerChoices):
        NEW = 0, _("New")
        LEARNING = 1, _("Learning")
        REVIEW = 2, _("Review")
        RELEARNING = 3, _("Relearning")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="card_states", verbose_name=_("user")
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="card_states", verbose_name=_("question")
    )
    state = models.PositiveSmallIntegerField(
        choices=State.choices, default=State.NEW, verbose_name=_("state")
    )
    step = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("learning step"))
    stability = models.FloatField(null=True, blank=True, verbose_name=_("stability"))
    difficulty = models.FloatField(null=True, blank=True, verbose_name=_("difficulty"))
    due = models.DateTimeField(null=True, blank=True, verbose_name=_("due"))
    last_review = models.DateTimeField(null=True, blank=True, verbose_name=_("last review"))
    reps = models.PositiveIntegerField(
        default=0,
        help_text="Reviews applied; also the version a grade must match.",
        verbose_name=_("reviews"),
    )
    lapses = models.PositiveIntegerField(default=0, verbose_name=_("lapses"))
    is_leech = models.BooleanField(default=False, verbose_name=_("leech"))
    suspended = models.BooleanField(default=False, verbose_name=_("suspended"))
    buried_until = models.DateTimeField(null=True, blank=True, verbose_name=_("buried until"))

    class Meta:
        verbose_name = _("card")
        verbose_name_plural = _("cards")
        ordering = ["due"]
        constraints = [
            models.UniqueConstraint(fields=["user", "question"], name="card_unique_per_user"),
            models.CheckConstraint(condition=Q(state__gte=0, state__lte=3), name="card_state_0_3"),
            models.CheckConstraint(
                condition=Q(stability__isnull=True) | Q(stability__gt=0, stability__lte=MAX_STABILITY),
                name="card_stability_positive_finite",
            ),
            models.CheckConstraint(
                condition=Q(difficulty__isnull=True)
                | Q(difficulty__gte=MIN_DIFFICULTY, difficulty__lte=MAX_DIFFICULTY),
                name="card_difficulty_1_10",
            ),
            models.CheckConstraint(
                condition=Q(state=0)
                | Q(stability__isnull=False, difficulty__isnull=False, due__isnull=False),
                name="card_learned_is_scheduled",
            ),
        ]
        indexes = [models.Index(fields=["user", "due"], name="card_user_due")]

    def __str__(self) -> str:
        return f"{self.user} · Q{self.question.number} ({self.get_state_display()})"

    @property
    def is_new(self) -> bool:
        return self.state == self.State.NEW


class ReviewLog(models.Model):
    """One grade given to one card, with the card as it was before and after (for exact undo)."""

    class Rating(models.IntegerChoices):
        AGAIN = 1, _("Again")
        HARD = 2, _("Hard")
        GOOD = 3, _("Good")
        EASY = 4, _("Easy")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_logs", verbose_name=_("user")
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="review_logs", verbose_name=_("question")
    )
    rating = models.PositiveSmallIntegerField(choices=Rating.choices, verbose_name=_("rating"))
    reviewed_at = models.DateTimeField(verbose_name=_("reviewed at"))
    duration_ms = models.PositiveIntegerField(default=0, verbose_name=_("duration (ms)"))
    state_before = models.PositiveSmallIntegerField(
        choices=CardState.State.choices, verbose_name=_("state before")
    )
    state_after = models.PositiveSmallIntegerField(
        choices=CardState.State.choices, verbose_name=_("state after")
    )
    card_before = models.JSONField(
        help_text="The card's fields before this review.", verbose_name=_("card before")
    )
    card_after = models.JSONField(
        help_text="The card's fields after this review.", verbose_name=_("card after")
    )

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-reviewed_at", "-id"]
        indexes = [
            # Covers the per-day counts (today's row of the queue, the dashboard's series) without
            # reading the rows themselves, which carry two JSON card snapshots each.
            models.Index(
                fields=["user", "reviewed_at", "state_before", "rating", "duration_ms"],
                name="review_user_time_stats",
            ),
            # The learner's newest row, read with every card read: an import of older reviews adds
            # rows (new ids) without changing any card, and the dashboard's cached series must see it.
            models.Index(fields=["user", "id"], name="review_user_newest"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=4), name="review_rating_1_4"),
        ]

    def __str__(self) -> str:
        return f"{self.user} rated Q{self.question.number} {self.get_rating_display()}"


class Attempt(RendersHtml):
    """One written answer to a question, self-graded against its key points."""

    HTML_FROM = ("answer", "answer_html")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="attempts")
    answer = models.TextField(help_text="The learner's answer, in markdown.")
    answer_html = models.TextField(editable=False)
    duration_seconds = models.PositiveIntegerField(default=0)
    covered_count = models.PositiveSmallIntegerField(default=0)
    key_point_count = models.PositiveSmallIntegerField(default=0)
    suggested_rating = models.PositiveSmallIntegerField(choices=ReviewLog.Rating.choices)
    rating = models.PositiveSmallIntegerField(choices=ReviewLog.Rating.choices)
    review_log = models.OneToOneField(
        ReviewLog, null=True, blank=True, on_delete=models.SET_NULL, related_name="attempt"
    )
    submission = models.UUIDField(help_text="Sent with the form, so a repeated submit is stored once.")
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("written answer")
        verbose_name_plural = _("written answers")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "submission"], name="attempt_unique_submission"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=4), name="attempt_rating_1_4"),
        ]
        indexes = [
            models.Index(fields=["user", "question", "-created_at"], name="attempt_user_question"),
            models.Index(fields=["user", "created_at"], name="attempt_user_time"),
            # The learner's newest answer, read with every card read: it keys the dashboard's cached
            # answer series (an answer on a suspended card writes no review).
            models.Index(fields=["user", "id"], name="attempt_user_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.user} answered Q{self.question.number} ({self.get_rating_display()})"

    def render_html(self, coding: bool | None = None) -> None:
        """The answer as HTML: markdown, or highlighted code for a coding question."""
        if coding is None:
            coding = self.question.is_coding
        self.answer_html = render_answer(self.answer, coding=coding)

    @classmethod
    def render_all(cls, objs) -> None:
        question_ids = {obj.question_id for obj in objs}
        coding_questions = Question.objects.filter(pk__in=question_ids, kind=Question.Kind.CODING)
        coding = set(coding_questions.values_list("pk", flat=True))
        for obj in objs:
            obj.render_html(coding=obj.question_id in coding)

    @property
    def score(self) -> float:
        """Share of key points covered, 0–1."""
        return self.covered_count / self.key_point_count if self.key_point_count else 0.0


class AttemptKeyPoint(models.Model):
    """Whether one attempt covered one key point: the data behind 'points you keep missing'."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="key_point_marks")
    key_point = models.ForeignKey(KeyPoint, on_delete=models.CASCADE, related_name="attempt_marks")
    covered = models.BooleanField()
    hinted = models.BooleanField(default=False, help_text="Pre-ticked by the word-match hint.")

    class Meta:
        verbose_name = _("key point mark")
        verbose_name_plural = _("key point marks")
        ordering = ["attempt", "key_point__position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "key_point"], name="attempt_key_point_once"),
        ]

    def __str__(self) -> str:
        return f"{'✓' if self.covered else '✗'} {self.key_point}"


class AnswerDraft(models.Model):
    """The answer being written, autosaved so a closed tab loses at most a few seconds."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="answer_drafts")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answer_drafts")
    text = models.TextField(blank=True)
    started_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("answer draft")
        verbose_name_plural = _("answer drafts")
        constraints = [models.UniqueConstraint(fields=["user", "question"], name="draft_unique_per_question")]

    def __str__(self) -> str:
        return f"Draft by {self.user} for Q{self.question.number}"


class Note(RendersHtml):
    """A learner's private markdown note on a question."""

    HTML_FROM = ("body", "body_html")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notes")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="notes")
    body = models.TextField()
    body_html = models.TextField(editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["-updated_at"]
        constraints = [models.UniqueConstraint(fields=["user", "question"], name="note_unique_per_question")]

    def __str__(self) -> str:
        return f"Note by {self.user} on Q{self.question.number}"


class Bookmark(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="bookmarks")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bookmark")
        verbose_name_plural = _("bookmarks")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "question"], name="bookmark_unique_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.user} bookmarked Q{self.question.number}"
