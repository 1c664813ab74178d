import uuid

import pytest
from django.utils import timezone

from questions.models import Question
from study.models import Attempt, Note

pytestmark = pytest.mark.django_db
PAYLOAD = '**bold** <img src=x onerror="alert(1)"> [x](javascript:alert(1))'


def attempt(user, question, answer):
    return Attempt(
        user=user,
        question=question,
        answer=answer,
        suggested_rating=3,
        rating=3,
        submission=uuid.uuid4(),
        created_at=timezone.now(),
    )


def assert_safe(html):
    assert "<strong>bold</strong>" in html
    assert "onerror" not in html and "javascript:" not in html


def test_a_saved_note_stores_sanitised_html(learner):
    note = Note.objects.create(user=learner, question=Question.objects.get(number="2.1"), body=PAYLOAD)
    assert_safe(note.body_html)


def test_bulk_written_notes_are_rendered_too(learner):
    questions = Question.objects.published()[:2]
    Note.objects.bulk_create([Note(user=learner, question=q, body=PAYLOAD) for q in questions])
    for note in Note.objects.filter(user=learner):
        assert_safe(note.body_html)
    notes = list(Note.objects.filter(user=learner))
    for note in notes:
        note.body = "*changed*"
    Note.objects.bulk_update(notes, ["body"])
    assert {n.body_html for n in Note.objects.filter(user=learner)} == {"<p><em>changed</em></p>"}


@pytest.mark.parametrize(
    ("model", "field"),
    [(Note, "body"), (Note, "body_html"), (Attempt, "answer"), (Attempt, "answer_html")],
)
def test_a_queryset_update_cannot_skip_the_rendering(learner, model, field):
    with pytest.raises(TypeError, match="rendered"):
        model.objects.filter(user=learner).update(**{field: "<img src=x onerror=alert(1)>"})


def test_saving_only_the_body_also_saves_its_html(learner):
    note = Note.objects.create(user=learner, question=Question.objects.get(number="2.1"), body="old")
    note.body = "*new*"
    note.save(update_fields=["body"])
    note.refresh_from_db()
    assert note.body_html == "<p><em>new</em></p>"


def test_an_attempt_renders_markdown_or_code_by_the_questions_kind(learner):
    prose, coding = Question.objects.get(number="2.13"), Question.objects.get(number="3.1")
    Attempt.objects.bulk_create([attempt(learner, prose, PAYLOAD), attempt(learner, coding, "x = '<b>'")])
    assert_safe(Attempt.objects.get(question=prose).answer_html)
    code_html = Attempt.objects.get(question=coding).answer_html
    assert '<div class="highlight">' in code_html and "&lt;b&gt;" in code_html


def test_a_learners_headings_in_notes_and_answers_render_as_headings(learner):
    question = Question.objects.get(number="2.1")
    note = Note.objects.create(user=learner, question=question, body="# Plan\n\n## Risks")
    assert "<h3>Plan</h3>" in note.body_html and "<h4>Risks</h4>" in note.body_html
    attempt = Attempt(user=learner, question=question, answer="# My answer\n\ntext")
    attempt.render_html()
    assert "<h3>My answer</h3>" in attempt.answer_html
