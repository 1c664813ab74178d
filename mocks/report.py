"""What a finished mock's report shows: for each question the answers given beside the outline, the
key-point checklist with hints and a suggested rating, the design stages named, the time used; and
for the round the key points covered, the time, and the weakest areas to study next.

Read in a fixed number of queries whatever the mock's length.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Prefetch

from mocks.design_stages import STAGES, StageScore, covered_count, score_stages
from mocks.models import Mock, MockAnswer, MockQuestion
from mocks.round_types import STAGE_SCORED_CHAPTER_KINDS
from questions.models import AnswerOutline, KeyPoint
from questions.rendering import render_answer
from study import scheduling
from study.hints import hint_matches

WEAKEST = 3


@dataclass(frozen=True)
class CheckItem:
    point: KeyPoint
    hinted: bool
    ticked: bool  # as graded, or as the hint suggests before grading


@dataclass(frozen=True)
class Given:
    """An answer given in the round, with its text as HTML."""

    answer: MockAnswer
    html: str


@dataclass(frozen=True)
class QuestionReport:
    item: MockQuestion
    answer: Given  # to the question itself
    follow_ups: tuple[Given, ...]
    checklist: tuple[CheckItem, ...]
    suggested: int
    stages: tuple[StageScore, ...] | None  # design questions only

    @property
    def question(self):
        return self.item.question

    @property
    def attempt(self):
        return self.item.attempt

    @property
    def graded(self) -> bool:
        return self.item.attempt_id is not None

    @property
    def asked(self) -> tuple[MockAnswer, ...]:
        """The answers that were shown, the question's first."""
        given = (self.answer, *self.follow_ups)
        return tuple(g.answer for g in given if g.answer.started_at is not None)

    @property
    def follow_ups_asked(self) -> int:
        return sum(1 for g in self.follow_ups if g.answer.started_at is not None)

    @property
    def seconds_used(self) -> int:
        return sum(a.seconds_used for a in self.asked)

    @property
    def seconds_allowed(self) -> int:
        return sum(a.allowed_seconds for a in self.asked)

    @property
    def share(self) -> float:
        """Share of key points covered: as graded, else as the hints suggest."""
        if self.graded:
            return self.attempt.score
        return sum(c.ticked for c in self.checklist) / len(self.checklist) if self.checklist else 0.0

    @property
    def stages_covered(self) -> int | None:
        return covered_count(list(self.stages)) if self.stages is not None else None


@dataclass(frozen=True)
class Report:
    mock: Mock
    questions: tuple[QuestionReport, ...]

    @cached_property
    def graded(self) -> tuple[QuestionReport, ...]:
        return tuple(q for q in self.questions if q.graded)

    @property
    def all_graded(self) -> bool:
        return len(self.graded) == len(self.questions)

    @property
    def covered(self) -> int:
        return sum(q.attempt.covered_count for q in self.graded)

    @property
    def key_points(self) -> int:
        return sum(q.attempt.key_point_count for q in self.graded)

    @property
    def score(self) -> float | None:
        return self.covered / self.key_points if self.key_points else None

    @property
    def seconds_used(self) -> int:
        return sum(q.seconds_used for q in self.questions)

    @property
    def seconds_allowed(self) -> int:
        return sum(q.seconds_allowed for q in self.questions)

    @property
    def weakest(self) -> tuple[QuestionReport, ...]:
        """The questions to study next: least of their key points covered first."""
        weak = sorted((q for q in self.questions if q.share < 1), key=lambda q: (q.share, q.item.position))
        return tuple(weak[:WEAKEST])

    @property
    def skipped_stages(self) -> list[tuple[StageScore, int]]:
        """Design stages the answers skipped, with how many design questions skipped each."""
        designs = [q.stages for q in self.questions if q.stages is not None]
        counts = []
        for index in range(len(STAGES)):
            skipped = [stages[index] for stages in designs if stages[index].status == "skipped"]
            if skipped:
                counts.append((skipped[0], len(skipped)))
        return counts

    @property
    def has_design(self) -> bool:
        return any(q.stages is not None for q in self.questions)


def report_items(mock: Mock):
    """The mock's questions with everything the report shows, in five queries."""
    return (
        MockQuestion.objects.filter(mock=mock)
        .select_related("question__chapter", "question__outline", "attempt")
        .prefetch_related(
            Prefetch("answers", queryset=MockAnswer.objects.select_related("follow_up").order_by("position")),
            Prefetch("question__outline__key_points", queryset=KeyPoint.objects.order_by("position")),
            "attempt__key_point_marks",
        )
        .order_by("position")
    )


def build_report(mock: Mock) -> Report:
    return Report(mock, tuple(question_report(item) for item in report_items(mock)))


def question_report(item: MockQuestion) -> QuestionReport:
    answers = list(item.answers.all())
    coding = item.question.is_coding
    points = _key_points(item)
    answer = answers[0]
    hints = hint_matches(answer.text, [(p.text_ko, p.text_en) for p in points])
    if item.attempt is not None:
        covered = {m.key_point_id for m in item.attempt.key_point_marks.all() if m.covered}
        ticks = [p.pk in covered for p in points]
    else:
        ticks = hints
    checklist = tuple(
        CheckItem(point, hinted, ticked) for point, hinted, ticked in zip(points, hints, ticks, strict=True)
    )
    stages = None
    if item.question.chapter.kind in STAGE_SCORED_CHAPTER_KINDS:
        stages = tuple(score_stages("\n\n".join(a.text for a in answers)))
    return QuestionReport(
        item=item,
        answer=Given(answer, render_answer(answer.text, coding=coding)),
        follow_ups=tuple(Given(a, render_answer(a.text, coding=False)) for a in answers[1:]),
        checklist=checklist,
        suggested=scheduling.suggest_rating(sum(ticks), len(points)),
        stages=stages,
    )


def _key_points(item: MockQuestion) -> list[KeyPoint]:
    try:
        return list(item.question.outline.key_points.all())
    except AnswerOutline.DoesNotExist:
        return []
