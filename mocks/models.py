"""Mock interviews: a timed round of questions chosen from the learner's weak spots, the answers given
under the clock (to each question and to its follow-ups), and the grade each question received."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from mocks import round_types, selection
from questions.models import FollowUp, Question
from study.models import Attempt


class MockQuerySet(models.QuerySet):
    def with_scores(self):
        """Each mock with its number of questions, how many are graded, and the key points its graded
        answers covered out of those they had (the mock's score)."""
        return self.annotate(
            question_total=Count("questions"),
            graded=Count("questions__attempt"),
            covered=Sum("questions__attempt__covered_count"),
            key_points=Sum("questions__attempt__key_point_count"),
        )


class Mock(models.Model):
    """One mock interview round of one learner."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mocks", verbose_name=_("user")
    )
    key = models.UUIDField(
        default=uuid.uuid4, editable=False, help_text="Names the mock in URLs and exports."
    )
    interview_type = models.CharField(
        max_length=20, choices=round_types.CHOICES, verbose_name=_("interview type")
    )
    minutes_per_question = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Chosen by the learner; empty: each question's default.",
        verbose_name=_("minutes per question"),
    )
    seed = models.PositiveIntegerField(
        help_text="The choice of questions is reproducible from it.", verbose_name=_("seed")
    )
    created_at = models.DateTimeField(verbose_name=_("started at"))
    finished_at = models.DateTimeField(null=True, blank=True, verbose_name=_("finished at"))

    objects = MockQuerySet.as_manager()

    class Meta:
        verbose_name = _("mock interview")
        verbose_name_plural = _("mock interviews")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="mock_unique_key"),
            models.CheckConstraint(
                condition=Q(minutes_per_question__isnull=True)
                | Q(
                    minutes_per_question__gte=round_types.MIN_MINUTES,
                    minutes_per_question__lte=round_types.MAX_MINUTES,
                ),
                name="mock_minutes_range",
            ),
        ]
        indexes = [models.Index(fields=["user", "-created_at"], name="mock_user_created")]

    def __str__(self) -> str:
        return f"{self.get_interview_type_display()} mock by {self.user} on {self.created_at:%Y-%m-%d}"

    @property
    def round_type(self) -> round_types.RoundType:
        return round_types.BY_VALUE[self.interview_type]

    @property
    def score(self) -> float | None:
        """Share of key points covered by the graded answers (from `with_scores`)."""
        return self.covered / self.key_points if getattr(self, "key_points", None) else None


class MockQuestion(models.Model):
    """A question asked in a mock, why it was chosen, and the grade the learner gave their answer."""

    class Reason(models.TextChoices):
        LOW_RECALL = "low_recall", _("Low recall")
        LAPSES = "lapses", _("Recent lapses")
        MISSED_POINTS = "missed_points", _("Key points often missed")
        NEVER_STUDIED = "never_studied", _("Never attempted")
        BALANCE = "balance", _("Rounds out the mock")
        REPEAT = "repeat", _("Asked in a recent mock")

    mock = models.ForeignKey(
        Mock, on_delete=models.CASCADE, related_name="questions", verbose_name=_("mock interview")
    )
    position = models.PositiveSmallIntegerField(verbose_name=_("position"))
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="mock_questions", verbose_name=_("question")
    )
    reason = models.CharField(max_length=20, choices=Reason.choices, verbose_name=_("reason"))
    reason_detail = models.CharField(
        max_length=200,
        help_text="The reason as worded when the mock began.",
        verbose_name=_("reason as worded"),
    )
    reason_count = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The number the reason names: recall %, lapses or missed key points.",
        verbose_name=_("reason's number"),
    )
    submission = models.UUIDField(
        default=uuid.uuid4,
        help_text="The grade's attempt is recorded under it, so it is recorded once.",
        verbose_name=_("submission"),
    )
    attempt = models.OneToOneField(
        Attempt,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mock_question",
        verbose_name=_("written answer"),
    )

    class Meta:
        verbose_name = _("mock interview question")
        verbose_name_plural = _("mock interview questions")
        ordering = ["mock", "position"]
        constraints = [
            models.UniqueConstraint(fields=["mock", "position"], name="mock_question_unique_position"),
            models.UniqueConstraint(fields=["mock", "question"], name="mock_question_once"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. Q{self.question.number} ({self.get_reason_display()})"

    @property
    def why(self) -> str:
        """Why the question was chosen, worded in the language of the page showing it."""
        return selection.reason_text(self.reason, self.reason_count) or self.reason_detail


class MockAnswer(models.Model):
    """One timed answer in a round: to the question itself (position 0) or to one of its follow-ups
    (the follow-up's position). Its clock starts when it is first shown; the deadline is the server's."""

    class Outcome(models.TextChoices):
        OPEN = "", _("Not handed in")
        ANSWERED = "answered", _("Answered")
        SKIPPED = "skipped", _("Skipped")
        TIMED_OUT = "timed_out", _("Time ran out")

    mock_question = models.ForeignKey(
        MockQuestion,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("mock interview question"),
    )
    position = models.PositiveSmallIntegerField(
        help_text="0: the question; else the follow-up's position.", verbose_name=_("position")
    )
    follow_up = models.ForeignKey(
        FollowUp,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mock_answers",
        verbose_name=_("follow-up question"),
    )
    allowed_seconds = models.PositiveIntegerField(verbose_name=_("seconds allowed"))
    started_at = models.DateTimeField(null=True, blank=True, verbose_name=_("started at"))
    deadline = models.DateTimeField(null=True, blank=True, verbose_name=_("deadline"))
    text = models.TextField(blank=True, verbose_name=_("answer"))
    saved_at = models.DateTimeField(null=True, blank=True, verbose_name=_("saved at"))
    ended_at = models.DateTimeField(null=True, blank=True, verbose_name=_("ended at"))
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True, verbose_name=_("outcome"))

    class Meta:
        verbose_name = _("mock interview answer")
        verbose_name_plural = _("mock interview answers")
        ordering = ["mock_question", "position"]
        constraints = [
            models.UniqueConstraint(fields=["mock_question", "position"], name="mock_answer_unique_position"),
            models.CheckConstraint(
                condition=Q(started_at__isnull=True, deadline__isnull=True)
                | Q(started_at__isnull=False, deadline__isnull=False),
                name="mock_answer_started_with_deadline",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True, outcome="") | (Q(ended_at__isnull=False) & ~Q(outcome="")),
                name="mock_answer_ended_with_outcome",
            ),
        ]

    def __str__(self) -> str:
        what = "answer" if self.is_question else f"follow-up {self.position}"
        return f"{what} of {self.mock_question} ({self.get_outcome_display()})"

    @property
    def is_question(self) -> bool:
        return self.position == 0

    @property
    def seconds_used(self) -> int:
        """Time spent on it, at most the time allowed (0 if never shown, or not handed in yet)."""
        if self.started_at is None or self.ended_at is None:
            return 0
        return min(self.allowed_seconds, max(0, round((self.ended_at - self.started_at).total_seconds())))

    def remaining_seconds(self, now: datetime) -> float:
        return max(0.0, (self.deadline - now) / timedelta(seconds=1)) if self.deadline else 0.0
