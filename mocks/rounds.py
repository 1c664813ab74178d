"""A mock's life: starting it (the learner's weak spots, read once, handed to `selection`), the clock of
each answer, handing answers in, and the end of the round. Plain functions, no requests.

The deadline of an answer is stored when the answer is first shown, so a reload, a second tab or a
return days later sees the true time left; the browser's countdown only displays it. An answer handed
in after its deadline is refused and the text saved before it is kept. Every change of an answer's
state is a conditional UPDATE on `ended_at IS NULL`, so a double click or a second tab counts once.
"""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from mocks import round_types, selection
from mocks.models import Mock, MockAnswer, MockQuestion
from questions.models import Question
from study.cards import read_cards
from study.models import ReviewLog, StudySettings
from study.scheduling import AGAIN, REVIEW, retrievability
from study.weak_points import weak_key_points

MIN_QUESTIONS, MAX_QUESTIONS = 3, 8
# A request that left the browser as the clock ran out still counts: it arrives this much later.
GRACE = timedelta(seconds=2)
LAPSE_WINDOW = timedelta(days=30)
MISSED_POINTS_WINDOW = timedelta(days=90)
# The questions of this many of the learner's latest mocks are avoided.
RECENT_MOCKS = 3
SEED_LIMIT = 2**31
CLOSED = _("That answer was already handed in: here is where your mock stands.")


class NoQuestions(Exception):
    """The round type has no published question (yet); the message says so."""


class AnswerClosed(Exception):
    """The answer was already handed in (another tab, a double click), or has not been asked yet."""


class TimeUp(Exception):
    """The answer was handed in after its deadline; the text saved before it is kept."""

    def __init__(self, deadline: datetime):
        super().__init__(f"Time was up at {deadline.isoformat()}.")
        self.deadline = deadline


@dataclass(frozen=True)
class Started:
    mock: Mock
    questions: int
    requested: int

    @property
    def short(self) -> bool:
        """Fewer questions could be asked than were asked for."""
        return self.questions < self.requested


# --- Starting ------------------------------------------------------------------------------------


def published_counts() -> dict[str, int]:
    """How many published questions each type of round draws from: one query."""
    per_chapter = dict(
        Question.objects.published().values_list("chapter__number").annotate(count=Count("id"))
    )
    return {
        round_type.value: sum(per_chapter.get(number, 0) for number in round_type.chapters or per_chapter)
        for round_type in round_types.ROUND_TYPES
    }


def weak_spots(user, chapters: tuple[str, ...], now: datetime):
    """The candidates of a round: the published questions of `chapters` (all when empty) that are not
    suspended, each with the learner's recall, recent lapses, missed key points and recent mocks."""
    parameters = StudySettings.for_user(user).personal_parameters
    cards = [
        card
        for card in read_cards(user, since=now).cards
        if (not chapters or card.chapter_number in chapters) and not card.card.suspended
    ]
    lapses = dict(
        ReviewLog.objects.filter(
            user=user, reviewed_at__gte=now - LAPSE_WINDOW, state_before=REVIEW, rating=AGAIN
        )
        .values_list("question_id")
        .annotate(count=Count("id"))
    )
    missed = Counter()
    for point in weak_key_points(user, since=now - MISSED_POINTS_WINDOW, limit=None):
        missed[point.question_number] += point.missed
    latest = Mock.objects.filter(user=user).order_by("-created_at", "-id").values("id")[:RECENT_MOCKS]
    recent = set(MockQuestion.objects.filter(mock__in=latest).values_list("question_id", flat=True))
    return [
        selection.Candidate(
            question_id=card.question_id,
            recall=retrievability(card.card, now, parameters) if card.seen else None,
            recent_lapses=lapses.get(card.question_id, 0),
            missed_points=missed[card.number],
            recently_asked=card.question_id in recent,
        )
        for card in cards
    ]


def start_mock(
    user,
    *,
    interview_type: str,
    count: int,
    minutes: int | None,
    now: datetime,
    seed: int | None = None,
) -> Started:
    """A new mock of `count` questions (fewer if fewer are published), chosen from the learner's weak
    spots, with every answer it will ask — each question and its follow-ups — waiting to be shown."""
    round_type = round_types.BY_VALUE[interview_type]
    if not MIN_QUESTIONS <= count <= MAX_QUESTIONS:
        raise ValueError(f"A mock has {MIN_QUESTIONS}-{MAX_QUESTIONS} questions.")
    candidates = weak_spots(user, round_type.chapters, now)
    if not candidates:
        raise NoQuestions(
            _(
                "%(type)s has no published questions you can be asked yet (suspended cards are left out): "
                "choose another type."
            )
            % {"type": round_type.label}
        )
    seed = secrets.randbelow(SEED_LIMIT) if seed is None else seed
    choices = selection.choose(candidates, count, seed)
    questions = Question.objects.select_related("chapter").prefetch_related("follow_ups")
    by_id = questions.in_bulk([choice.question_id for choice in choices])
    with transaction.atomic():
        mock = Mock.objects.create(
            user=user, interview_type=interview_type, minutes_per_question=minutes, seed=seed, created_at=now
        )
        items = MockQuestion.objects.bulk_create(
            MockQuestion(
                mock=mock,
                position=position,
                question_id=choice.question_id,
                reason=choice.reason,
                reason_detail=choice.detail,
                reason_count=selection.stored_count(choice.count),
            )
            for position, choice in enumerate(choices, 1)
        )
        answers = []
        for item in items:
            question = by_id[item.question_id]
            time = round_types.allowance(question.kind, question.chapter.kind, minutes)
            answers.append(MockAnswer(mock_question=item, position=0, allowed_seconds=time.question_seconds))
            answers += [
                MockAnswer(
                    mock_question=item,
                    position=follow_up.position,
                    follow_up=follow_up,
                    allowed_seconds=time.follow_up_seconds,
                )
                for follow_up in sorted(question.follow_ups.all(), key=lambda f: f.position)
            ]
        MockAnswer.objects.bulk_create(answers)
    return Started(mock, questions=len(items), requested=count)


# --- The clock -----------------------------------------------------------------------------------


def _open_answers(mock: Mock):
    return (
        MockAnswer.objects.filter(mock_question__mock=mock, ended_at=None)
        .select_related("mock_question__question__chapter", "follow_up")
        .order_by("mock_question__position", "position")
    )


def current_answer(mock: Mock, now: datetime) -> MockAnswer | None:
    """The answer the learner is on, its clock started if it was not; None once the round is over.

    An answer whose deadline passed while the learner was away ends as it was saved, and the round
    moves on: the clock of the next answer starts only when that answer is shown.
    """
    if mock.finished_at is not None:
        return None
    while True:
        answer = _open_answers(mock).first()
        if answer is None:
            _finish(mock, now)
            return None
        if answer.started_at is None:
            deadline = now + timedelta(seconds=answer.allowed_seconds)
            MockAnswer.objects.filter(pk=answer.pk, started_at=None).update(started_at=now, deadline=deadline)
            answer.refresh_from_db(fields=["started_at", "deadline"])  # another tab may have been first
            return answer
        if now > answer.deadline + GRACE:
            _time_out(answer)
            continue
        return answer


def accepts(answer: MockAnswer, now: datetime) -> bool:
    """Whether the answer is on the clock now: shown, not handed in, and within its time."""
    return answer.ended_at is None and answer.deadline is not None and now <= answer.deadline + GRACE


def _check_open(answer: MockAnswer, now: datetime) -> None:
    if answer.ended_at is not None or answer.started_at is None:
        raise AnswerClosed(CLOSED)
    if now > answer.deadline + GRACE:
        _time_out(answer)
        raise TimeUp(answer.deadline)


def lock(answer: MockAnswer, now: datetime) -> None:
    """End an answer whose deadline has passed as it was last saved: what the learner handed in
    after the bell cannot be stored, nor corrected any more."""
    if answer.ended_at is not None or answer.started_at is None or now <= answer.deadline:
        raise AnswerClosed(CLOSED)
    _time_out(answer)


def save_text(answer: MockAnswer, text: str, now: datetime) -> None:
    """Autosave the answer being written (refused once it is handed in or its time is up)."""
    _check_open(answer, now)
    if not MockAnswer.objects.filter(pk=answer.pk, ended_at=None).update(text=text, saved_at=now):
        raise AnswerClosed(CLOSED)


def submit(answer: MockAnswer, text: str, now: datetime) -> None:
    """Hand the answer in with `text`, once."""
    _end(answer, now, MockAnswer.Outcome.ANSWERED, text)


def skip(answer: MockAnswer, text: str, now: datetime) -> None:
    """Move on without answering (what was written is kept); skipping a question skips its follow-ups."""
    _end(answer, now, MockAnswer.Outcome.SKIPPED, text)
    if answer.is_question:
        _skip_follow_ups(answer, now)


def _end(answer: MockAnswer, now: datetime, outcome: str, text: str) -> None:
    _check_open(answer, now)
    ended = MockAnswer.objects.filter(pk=answer.pk, ended_at=None).update(
        text=text, saved_at=now, ended_at=now, outcome=outcome
    )
    if not ended:
        raise AnswerClosed(CLOSED)


def _time_out(answer: MockAnswer) -> None:
    """End an answer at its deadline as it was last saved. With nothing written to a question, the
    interviewer moves on, so its follow-ups are skipped."""
    MockAnswer.objects.filter(pk=answer.pk, ended_at=None).update(
        ended_at=answer.deadline, outcome=MockAnswer.Outcome.TIMED_OUT
    )
    if answer.is_question:
        written = MockAnswer.objects.filter(pk=answer.pk).values_list("text", flat=True).first() or ""
        if not written.strip():
            _skip_follow_ups(answer, answer.deadline)


def _skip_follow_ups(answer: MockAnswer, now: datetime) -> None:
    MockAnswer.objects.filter(mock_question_id=answer.mock_question_id, position__gt=0, ended_at=None).update(
        ended_at=now, outcome=MockAnswer.Outcome.SKIPPED
    )


def end_round(mock: Mock, now: datetime) -> None:
    """End the round early: the answer on the clock ends as saved, the rest are skipped."""
    for answer in _open_answers(mock):
        if answer.deadline is not None and now > answer.deadline:
            _time_out(answer)
        else:
            MockAnswer.objects.filter(pk=answer.pk, ended_at=None).update(
                ended_at=now, outcome=MockAnswer.Outcome.SKIPPED
            )
    _finish(mock, now)


def _finish(mock: Mock, now: datetime) -> None:
    Mock.objects.filter(pk=mock.pk, finished_at=None).update(finished_at=now)
    mock.refresh_from_db(fields=["finished_at"])


@dataclass(frozen=True)
class Progress:
    """Where an answer sits in its mock: question i of n, follow-up j of k, answers handed in."""

    question: int
    questions: int
    follow_up: int
    follow_ups: int
    done: int
    total: int


def progress(answer: MockAnswer) -> Progress:
    """One query over the mock's answers."""
    rows = list(
        MockAnswer.objects.filter(mock_question__mock_id=answer.mock_question.mock_id).values_list(
            "mock_question_id", "mock_question__position", "position", "ended_at"
        )
    )
    follow_ups = [row[2] for row in rows if row[0] == answer.mock_question_id and row[2] > 0]
    return Progress(
        question=answer.mock_question.position,
        questions=len({row[0] for row in rows}),
        follow_up=sum(1 for position in follow_ups if position <= answer.position),
        follow_ups=len(follow_ups),
        done=sum(1 for row in rows if row[3] is not None),
        total=len(rows),
    )
