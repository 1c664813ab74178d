from datetime import UTC, datetime, timedelta

import pytest

from mocks import rounds
from mocks.models import MockAnswer
from questions.models import AnswerOutline, Chapter, FollowUp, KeyPoint, Question

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def fundamentals(db):
    """Chapter 2's published questions, in book order."""
    return list(Question.objects.published().filter(chapter__number="2").order_by("position"))


@pytest.fixture
def only(db):
    """Leave only these questions of their chapter published."""

    def keep(*questions):
        chapters = {q.chapter_id for q in questions}
        Question.objects.filter(chapter_id__in=chapters).exclude(pk__in=[q.pk for q in questions]).update(
            status="draft"
        )
        return list(questions)

    return keep


def start(user, count=3, interview_type="fundamentals", now=NOW, seed=1, minutes=None):
    return rounds.start_mock(
        user,
        interview_type=interview_type,
        count=count,
        minutes=minutes,
        now=now,
        seed=seed,
    ).mock


def run_through(mock, now=NOW, text="An answer about bias and variance.", step=timedelta(seconds=30)):
    """Answer every question and follow-up of the mock, `step` apart; the moment after the last."""
    while (answer := rounds.current_answer(mock, now)) is not None:
        now += step
        rounds.submit(answer, text, now)
    return now


def answers_of(mock):
    return list(
        MockAnswer.objects.filter(mock_question__mock=mock).order_by("mock_question__position", "position")
    )


def design_question(
    number="4.1", follow_ups=1, key_points=("Clarify the goal and metrics", "Two-tower retrieval")
):
    """A published recommendation-system design question with an outline, key points and follow-ups."""
    chapter = Chapter.objects.get(number=number.split(".")[0])
    question, _ = Question.objects.update_or_create(
        number=number,
        defaults={
            "chapter": chapter,
            "title_ko": "추천 시스템 설계",
            "title_en": "Design a recommender",
            "prompt_ko": "동영상 추천 시스템을 설계하세요.",
            "prompt_en": "Design a video recommender.",
            "kind": "design",
            "status": "published",
        },
    )
    outline, _ = AnswerOutline.objects.update_or_create(
        question=question,
        defaults={"body_ko": "요구사항부터 시작한다.", "body_en": "Start from requirements."},
    )
    outline.key_points.all().delete()
    for position, text in enumerate(key_points, 1):
        KeyPoint.objects.create(outline=outline, position=position, text_ko=text, text_en=text)
    question.follow_ups.all().delete()
    for position in range(1, follow_ups + 1):
        FollowUp.objects.create(
            question=question,
            position=position,
            text_ko=f"꼬리 질문 {position}",
            text_en=f"Follow-up {position}: how would you serve it?",
            answer_ko="캐시를 쓴다.",
            answer_en="Use a cache.",
        )
    return Question.objects.get(pk=question.pk)
