import copy
import csv
import gzip
import io
import json
import uuid
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from mocks import rounds
from mocks.grading import grade_question, key_points_of
from mocks.models import Mock, MockAnswer, MockQuestion
from progress import export
from progress.export import SECTIONS, ImportRejected, export_document, import_document
from questions.models import Chapter, KeyPoint
from study import scheduling
from study.attempts import record_attempt
from study.models import (
    AnswerDraft,
    Attempt,
    AttemptKeyPoint,
    Bookmark,
    CardState,
    Note,
    ReviewLog,
    StudySettings,
)
from study.planning import Limits
from study.scheduling import GOOD, HARD, CardFields
from tests.progress.conftest import NOW

pytestmark = pytest.mark.django_db


def encode(document) -> bytes:
    return json.dumps(document).encode()


def body(document) -> dict:
    """The document without what differs between two exports of the same data."""
    return {key: value for key, value in document.items() if key not in ("exported_at", "account")}


def study(user, question, ratings, start):
    """Grade a card with the real scheduler, a day apart; store the reviews and the card."""
    card, moment = CardFields(), start
    for rating in ratings:
        after = scheduling.review(card, rating, moment, 0.9).after
        ReviewLog.objects.create(
            user=user,
            question=question,
            rating=rating,
            reviewed_at=moment,
            duration_ms=12_345,
            state_before=card.state,
            state_after=after.state,
            card_before=card.to_json(),
            card_after=after.to_json(),
        )
        card, moment = after, moment + timedelta(days=1, minutes=7)
    fields = {name: getattr(card, name) for name in CardFields.__dataclass_fields__}
    return CardState.objects.create(user=user, question=question, **fields)


# Personal FSRS parameters: FSRS's defaults, a little changed.
PERSONAL = [round(value * 1.1, 4) for value in scheduling.DEFAULT_PARAMETERS[:20]] + [0.2]


@pytest.fixture
def history(learner, questions):
    """A learner with some of everything StudyHub keeps."""
    settings = learner.study_settings
    settings.desired_retention = 0.85
    settings.new_cards_per_day = 7
    settings.max_reviews_per_day = 150
    settings.deck = Chapter.objects.get(number="2")
    settings.language = "en"
    settings.time_zone = "Europe/Berlin"
    settings.interview_date = date(2026, 5, 1)
    settings.interview_target = 0.95
    settings.fsrs_parameters = PERSONAL
    settings.parameters_fitted_at = NOW - timedelta(days=3)
    settings.parameters_review_count = 1234
    settings.save()
    start = NOW - timedelta(days=20)
    study(learner, questions[0], [GOOD, GOOD, HARD], start)
    card = study(learner, questions[1], [GOOD, GOOD], start)
    card.suspended = True
    card.buried_until = NOW + timedelta(hours=5)
    card.save()
    CardState.objects.create(user=learner, question=questions[2], suspended=True)  # never studied
    review = ReviewLog.objects.filter(user=learner, question=questions[0]).order_by("reviewed_at").last()
    points = list(KeyPoint.objects.filter(outline__question=questions[0]).order_by("position"))
    graded = Attempt.objects.create(
        user=learner,
        question=questions[0],
        answer="Bias and **variance**",
        answer_html="<p>Bias and <strong>variance</strong></p>",
        duration_seconds=140,
        covered_count=2,
        key_point_count=len(points),
        suggested_rating=HARD,
        rating=HARD,
        review_log=review,
        submission=uuid.uuid4(),
        created_at=review.reviewed_at,
    )
    AttemptKeyPoint.objects.bulk_create(
        AttemptKeyPoint(attempt=graded, key_point=point, covered=index < 2, hinted=index == 0)
        for index, point in enumerate(points)
    )
    Attempt.objects.create(
        user=learner,
        question=questions[1],
        answer="A practice answer",
        answer_html="<p>A practice answer</p>",
        covered_count=0,
        key_point_count=0,
        suggested_rating=GOOD,
        rating=GOOD,
        submission=uuid.uuid4(),
        created_at=NOW - timedelta(days=2),
    )
    AnswerDraft.objects.create(user=learner, question=questions[3], text="Half an answer", started_at=NOW)
    Note.objects.create(user=learner, question=questions[0], body="Remember *this*", body_html="<p>…</p>")
    Note.objects.create(user=learner, question=questions[4], body="And that", body_html="<p>…</p>")
    Bookmark.objects.create(user=learner, question=questions[0])
    Bookmark.objects.create(user=learner, question=questions[5])
    mock_interviews(learner, questions, graded)
    return learner


def mock_interviews(learner, questions, graded):
    """A finished mock whose first question was graded by `graded`, and an unfinished one."""
    at = graded.created_at - timedelta(minutes=30)
    mock = Mock.objects.create(
        user=learner,
        interview_type="fundamentals",
        seed=7,
        created_at=at,
        finished_at=at + timedelta(minutes=12),
    )
    first = MockQuestion.objects.create(
        mock=mock,
        position=1,
        question=questions[0],
        reason="low_recall",
        reason_detail="Recall now 40% (FSRS prediction)",
        submission=graded.submission,
        attempt=graded,
    )
    follow_up = questions[0].follow_ups.order_by("position").first()
    for position, seconds, text in ((0, 300, "Bias and **variance**"), (follow_up.position, 120, "More")):
        MockAnswer.objects.create(
            mock_question=first,
            position=position,
            follow_up=follow_up if position else None,
            allowed_seconds=seconds,
            started_at=at + timedelta(minutes=position * 5),
            deadline=at + timedelta(minutes=position * 5, seconds=seconds),
            text=text,
            saved_at=at + timedelta(minutes=position * 5 + 1),
            ended_at=at + timedelta(minutes=position * 5 + 2),
            outcome="answered",
        )
    skipped = MockQuestion.objects.create(
        mock=mock, position=2, question=questions[1], reason="never_studied", reason_detail="Never studied"
    )
    MockAnswer.objects.create(
        mock_question=skipped,
        position=0,
        allowed_seconds=300,
        started_at=at + timedelta(minutes=10),
        deadline=at + timedelta(minutes=15),
        ended_at=at + timedelta(minutes=11),
        outcome="skipped",
    )
    unfinished = Mock.objects.create(
        user=learner,
        interview_type="mixed",
        minutes_per_question=10,
        seed=8,
        created_at=NOW - timedelta(hours=1),
    )
    item = MockQuestion.objects.create(
        mock=unfinished, position=1, question=questions[2], reason="balance", reason_detail="No weak spot"
    )
    MockAnswer.objects.create(mock_question=item, position=0, allowed_seconds=600)


@pytest.fixture
def document(history):
    return export_document(history)


def counts(user) -> dict:
    return {section.name: section.model.objects.filter(user=user).count() for section in SECTIONS}


# --- Export ----------------------------------------------------------------------------------------


def test_the_export_names_studyhub_its_version_and_questions_by_number(document, history, questions):
    assert document["format"] == "StudyHub learner data" and document["schema_version"] == 1
    assert document["account"]["username"] == history.username
    assert document["settings"] == {
        "desired_retention": 0.85,
        "new_cards_per_day": 7,
        "max_reviews_per_day": 150,
        "deck": "2",
        "language": "en",
        "interface_language": "",
        "time_zone": "Europe/Berlin",
        "interview_date": "2026-05-01",
        "interview_target": 0.95,
        "fsrs_parameters": PERSONAL,
        "parameters_fitted_at": (NOW - timedelta(days=3)).isoformat(),
        "parameters_review_count": 1234,
    }
    assert [card["question"] for card in document["cards"]] == [q.number for q in questions[:3]]
    assert len(document["reviews"]) == 5 and document["reviews"][0]["question"] == questions[0].number
    graded = next(a for a in document["attempts"] if a["review"])
    assert graded["review"]["rating"] == HARD
    assert [mark["covered"] for mark in graded["key_points"]][:3] == [True, True, False]
    assert {len(document[name]) for name in ("drafts",)} == {1}
    assert [n["question"] for n in document["notes"]] == [questions[0].number, questions[4].number]
    assert len(document["bookmarks"]) == 2
    finished, unfinished = document["mocks"]
    assert finished["interview_type"] == "fundamentals" and unfinished["finished_at"] is None
    first = finished["questions"][0]
    assert first["question"] == questions[0].number and first["graded"] is True
    assert first["submission"] == graded["submission"]
    assert [a["position"] for a in first["answers"]] == [0, 1]
    assert first["answers"][0]["outcome"] == "answered"
    assert unfinished["questions"][0]["answers"][0]["started_at"] is None


def test_the_export_holds_only_the_learners_own_data(history, other, questions):
    study(other, questions[7], [GOOD], NOW)
    Note.objects.create(user=other, question=questions[7], body="Not yours", body_html="")
    document = export_document(history)
    assert questions[7].number not in {r["question"] for r in document["reviews"]}
    assert "Not yours" not in json.dumps(document)


def test_every_learner_model_joins_the_export():
    """A new model that belongs to a learner must be added to SECTIONS (or be part of one)."""
    exported = {section.model for section in SECTIONS} | {AttemptKeyPoint}
    owned = {
        model
        for model in apps.get_models()
        if model._meta.app_label not in {"admin", "auth", "sessions", "contenttypes"}
        and any(
            # A content version's author (history_user) is an editor, not a learner's data.
            field.is_relation and field.related_model is get_user_model() and field.name != "history_user"
            for field in model._meta.get_fields()
        )
    }
    assert owned <= exported, f"not exported: {owned - exported}"
    assert StudySettings in exported and django_settings.AUTH_USER_MODEL == "auth.User"


def test_reviews_as_csv(history):
    rows = list(csv.reader(io.StringIO("".join(export.reviews_csv(history)))))
    assert rows[0] == list(export.REVIEW_CSV_COLUMNS)
    assert len(rows) == 6
    first = ReviewLog.objects.filter(user=history).order_by("reviewed_at").first()
    assert rows[1] == [
        first.question.number,
        first.reviewed_at.isoformat(),
        "3",
        "Good",
        "12345",
        "0",
        str(first.state_after),
    ]


# --- Import --------------------------------------------------------------------------------------


def test_export_then_import_into_an_empty_account_round_trips(document, other):
    import_document(other, encode(document))
    assert body(export_document(other)) == body(document)


def test_importing_twice_adds_nothing_the_second_time(document, other):
    first = import_document(other, encode(document))
    before = counts(other)
    second = import_document(other, encode(document))
    assert counts(other) == before
    assert first["reviews"].added == 5 and second["reviews"].added == 0 and second["reviews"].kept == 5
    assert all(
        count.added == 0 and count.updated == 0 for name, count in second.items() if name != "settings"
    )


def test_importing_into_the_same_account_changes_nothing(document, history):
    import_document(history, encode(document))
    assert body(export_document(history)) == body(document)


def test_imported_times_are_the_files_not_the_imports(document, other, history):
    import_document(other, encode(document))
    for model, column in ((Note, "updated_at"), (Bookmark, "created_at"), (AnswerDraft, "updated_at")):
        theirs = sorted(model.objects.filter(user=history).values_list(column, flat=True))
        mine = sorted(model.objects.filter(user=other).values_list(column, flat=True))
        assert mine == theirs


def test_a_graded_answer_is_linked_to_its_imported_review(document, other):
    import_document(other, encode(document))
    attempt = Attempt.objects.get(user=other, review_log__isnull=False)
    assert attempt.review_log.user == other and attempt.review_log.rating == attempt.rating
    assert attempt.answer_html == "<p>Bias and <strong>variance</strong></p>"
    assert attempt.key_point_marks.filter(covered=True).count() == 2


def test_a_card_keeps_the_state_reviewed_last(document, other, questions):
    mine = study(other, questions[0], [GOOD, GOOD, GOOD, GOOD], NOW - timedelta(days=3))  # reviewed later
    older = study(other, questions[1], [GOOD], NOW - timedelta(days=40))  # reviewed earlier
    counts_ = import_document(other, encode(document))
    assert counts_["cards"].updated == 1
    assert CardState.objects.get(pk=mine.pk).last_review == mine.last_review
    replaced = CardState.objects.get(pk=older.pk)
    assert replaced.reps == 2 and replaced.suspended


def test_the_newer_note_wins_and_bookmarks_are_a_union(document, other, questions):
    newer = Note.objects.create(user=other, question=questions[0], body="Mine, newer", body_html="")
    older = Note.objects.create(user=other, question=questions[4], body="Mine, older", body_html="")
    Note.objects.filter(pk=older.pk).update(updated_at=NOW - timedelta(days=400))
    Note.objects.filter(pk=newer.pk).update(updated_at=NOW + timedelta(days=400))
    Bookmark.objects.create(user=other, question=questions[9])
    Bookmark.objects.create(user=other, question=questions[0])
    import_document(other, encode(document))
    assert Note.objects.get(pk=newer.pk).body == "Mine, newer"
    replaced = Note.objects.get(pk=older.pk)
    assert replaced.body == "And that" and replaced.body_html == "<p>And that</p>"
    assert set(Bookmark.objects.filter(user=other).values_list("question__number", flat=True)) == {
        questions[0].number,
        questions[5].number,
        questions[9].number,
    }


def test_answers_are_keyed_by_their_submission(document, other):
    import_document(other, encode(document))
    again = copy.deepcopy(document)
    again["attempts"][1]["answer"] = "Edited elsewhere"
    again["attempts"].append({**again["attempts"][1], "submission": str(uuid.uuid4())})
    result = import_document(other, encode(again))
    assert (result["attempts"].added, result["attempts"].kept) == (1, 2)
    assert Attempt.objects.filter(user=other).count() == 3


def test_settings_are_left_alone_when_not_asked_to_replace_them(document, other):
    import_document(other, encode(document), replace_settings=False)
    settings = StudySettings.objects.get(user=other)
    assert (settings.time_zone, settings.desired_retention) == ("Asia/Seoul", 0.9)
    import_document(other, encode(document))
    settings.refresh_from_db()
    assert (settings.time_zone, settings.desired_retention, settings.deck.number) == (
        "Europe/Berlin",
        0.85,
        "2",
    )


def test_personal_parameters_and_the_interview_target_move_with_the_settings(document, other):
    import_document(other, encode(document))
    settings = StudySettings.objects.get(user=other)
    assert settings.personal_parameters == tuple(PERSONAL)
    assert (settings.interview_target, settings.parameters_review_count) == (0.95, 1234)
    assert settings.parameters_fitted_at == NOW - timedelta(days=3)


def test_an_export_from_before_the_plan_imports_with_the_defaults(document, other):
    older = copy.deepcopy(document)
    for name in ("interview_target", "fsrs_parameters", "parameters_fitted_at", "parameters_review_count"):
        del older["settings"][name]
    import_document(other, encode(older))
    settings = StudySettings.objects.get(user=other)
    assert (settings.interview_target, settings.personal_parameters, settings.parameters_review_count) == (
        0.9,
        None,
        0,
    )


def test_a_gzip_compressed_export_imports_the_same(document, other):
    compressed = b"".join(export.gzipped(export.export_chunks(document_owner(document))))
    assert gzip.decompress(compressed).startswith(b'{"format": "StudyHub learner data"')
    import_document(other, compressed)
    assert body(export_document(other)) == body(document)


def document_owner(document):
    return get_user_model().objects.get(username=document["account"]["username"])


def test_an_older_style_review_with_partial_card_snapshots_imports(document, other):
    document["reviews"][0]["card_before"] = {}
    import_document(other, encode(document))
    assert ReviewLog.objects.filter(user=other, card_before={}).count() == 1


# --- Malformed imports: rejected, naming the record, and nothing written -----------------------------


def set_path(document, path, value):
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return document


MALFORMED = [
    (lambda d: set_path(d, ["reviews", 1, "rating"], 7), "reviews[1]: rating must be 1-4"),
    (lambda d: set_path(d, ["reviews", 2, "rating"], "3"), "reviews[2]: rating must be a whole number"),
    (
        lambda d: set_path(d, ["reviews", 0, "question"], "9.99"),
        "reviews[0]: question '9.99' is not a StudyHub",
    ),
    (
        lambda d: set_path(d, ["reviews", 0, "reviewed_at"], "2026-03-01 10:00"),
        "reviews[0]: reviewed_at must be a date and time with its UTC offset",
    ),
    (
        lambda d: set_path(d, ["reviews", 3, "card_after", "state"], 9),
        "reviews[3]: card_after.state must be 0-3",
    ),
    (lambda d: set_path(d, ["reviews", 3, "ratting"], 3), "reviews[3]: unknown field 'ratting'"),
    (
        lambda d: d["reviews"].append(dict(d["reviews"][0])),
        "reviews[5]: same question, reviewed_at and rating as reviews[0]",
    ),
    (lambda d: set_path(d, ["cards", 1, "stability"], -2), "cards[1]: stability must be more than 0"),
    (lambda d: set_path(d, ["cards", 1, "stability"], 0), "cards[1]: stability must be more than 0"),
    (lambda d: set_path(d, ["cards", 1, "stability"], 1e300), "cards[1]: stability must be 0-100000"),
    (lambda d: set_path(d, ["cards", 1, "difficulty"], 0.5), "cards[1]: difficulty must be 1.0-10.0"),
    (
        lambda d: set_path(d, ["cards", 1, "state"], 2) and set_path(d, ["cards", 1, "stability"], None),
        "cards[1]: a card that has been studied (state 2) needs stability",
    ),
    (
        lambda d: set_path(d, ["reviews", 3, "card_after", "due"], None),
        "reviews[3]: card_after describes a card that has been studied",
    ),
    (lambda d: set_path(d, ["notes", 0, "body"], "a\x00b"), "notes[0]: body must not hold NUL"),
    (lambda d: set_path(d, ["drafts", 0, "text"], "\ud800"), "drafts[0]: text must not hold NUL or unpaired"),
    (lambda d: set_path(d, ["notes", 0, "body"], "x" * 20_001), "notes[0]: body must be at most 20000"),
    (
        lambda d: set_path(d, ["cards", 0, "due"], "0001-01-01T00:00:00+09:00"),
        "cards[0]: due must be between the years 1970 and 2200",
    ),
    (
        lambda d: set_path(d, ["settings", "interview_date"], "9999-12-31"),
        "settings: interview_date must be between the years",
    ),
    (
        lambda d: set_path(d, ["cards", 0, "due"], None) and set_path(d, ["cards", 0, "reps"], None),
        "cards[0]: reps is required",
    ),
    (lambda d: set_path(d, ["notes", 1, "body"], "  "), "notes[1]: body must not be blank"),
    (lambda d: set_path(d, ["bookmarks"], {"question": "2.1"}), "bookmarks: must be a list"),
    (lambda d: set_path(d, ["bookmarks", 0], "2.1"), "bookmarks[0]: must be an object"),
    (
        lambda d: set_path(d, ["settings", "time_zone"], "Mars/Olympus"),
        "settings: time_zone must be a time zone name",
    ),
    (
        lambda d: set_path(d, ["settings", "time_zone"], []),
        "settings: time_zone must be a time zone name",
    ),
    (
        lambda d: set_path(d, ["settings", "time_zone"], {"zone": "Asia/Seoul"}),
        "settings: time_zone must be a time zone name",
    ),
    (
        lambda d: set_path(d, ["settings", "desired_retention"], 0.99),
        "settings: desired_retention must be 0.7-0.97",
    ),
    (lambda d: set_path(d, ["settings", "deck"], "1"), "settings: deck '1' is not a StudyHub chapter"),
    (
        lambda d: set_path(d, ["settings", "interview_date"], "May 1"),
        "settings: interview_date must be a date",
    ),
    (
        lambda d: set_path(d, ["settings", "interview_target"], 1.2),
        "settings: interview_target must be 0.7-0.99",
    ),
    (
        lambda d: set_path(d, ["settings", "fsrs_parameters"], [0.2] * 19),
        "settings: fsrs_parameters must be a list of 21 numbers",
    ),
    (
        lambda d: set_path(d, ["settings", "fsrs_parameters", 20], 3.0),
        "settings: fsrs_parameters[20] must be 0.1-0.8",
    ),
    (
        lambda d: set_path(d, ["attempts", 0, "submission"], "not-a-uuid"),
        "attempts[0]: submission must be a UUID",
    ),
    (
        lambda d: set_path(d, ["attempts", 0, "key_points", 0, "position"], 99),
        "attempts[0]: key_points[0]: the question has no key point 99",
    ),
    (
        lambda d: set_path(d, ["attempts", 0, "key_points", 1, "covered"], "yes"),
        "attempts[0]: key_points[1].covered must be true or false",
    ),
    (lambda d: set_path(d, ["attempts", 1, "covered_count"], 5), "attempts[1]: covered_count is more than"),
    (
        lambda d: set_path(d, ["schema_version"], 2),
        "This export has schema version 2; this StudyHub reads version 1",
    ),
    (lambda d: set_path(d, ["format"], "Anki"), "This is not a StudyHub export"),
    (lambda d: set_path(d, ["flashcards"], []), "unknown section 'flashcards'"),
    (
        lambda d: set_path(d, ["mocks", 0, "interview_type"], "karaoke"),
        "mocks[0]: interview_type must be one of fundamentals",
    ),
    (
        lambda d: set_path(d, ["mocks", 1, "minutes_per_question"], 500),
        "mocks[1]: minutes_per_question must be 1-90",
    ),
    (lambda d: set_path(d, ["mocks", 1, "key"], d["mocks"][0]["key"]), "mocks[1]: same key as mocks[0]"),
    (
        lambda d: set_path(d, ["mocks", 0, "questions", 1, "question"], "9.99"),
        "mocks[0]: questions[1].question '9.99' is not a StudyHub question",
    ),
    (
        lambda d: set_path(d, ["mocks", 0, "questions", 1, "position"], 1),
        "mocks[0]: questions[1]: position 1 is listed twice",
    ),
    (
        lambda d: set_path(d, ["mocks", 0, "questions", 0, "answers", 1, "outcome"], "won"),
        "mocks[0]: questions[0].answers[1].outcome must be one of",
    ),
    (
        lambda d: set_path(d, ["mocks", 0, "questions", 0, "answers"], []),
        "mocks[0]: questions[0]: answers must include the answer to the question (position 0)",
    ),
    (
        lambda d: set_path(
            d, ["mocks", 1, "questions", 0, "answers", 0, "ended_at"], "2026-03-10T11:00:00+00:00"
        ),
        "mocks[1]: questions[0].answers[0]: an answer has an outcome once it has ended",
    ),
    (
        lambda d: set_path(
            d, ["mocks", 1, "questions", 0, "answers", 0, "started_at"], "2026-03-10T11:00:00+00:00"
        ),
        "mocks[1]: questions[0].answers[0]: started_at and deadline go together",
    ),
    (lambda d: set_path(d, ["mocks", 1, "questions"], []), "mocks[1]: questions must not be empty"),
]


@pytest.mark.parametrize(("spoil", "message"), MALFORMED)
def test_a_malformed_document_is_rejected_naming_the_record_and_nothing_changes(
    document, other, questions, spoil, message
):
    study(other, questions[0], [GOOD], NOW)  # the account already holds something
    before = body(export_document(other))
    spoiled = copy.deepcopy(document)
    spoil(spoiled)
    with pytest.raises(ImportRejected) as rejection:
        import_document(other, encode(spoiled))
    assert any(error.startswith(message) for error in rejection.value.errors), rejection.value.errors
    assert body(export_document(other)) == before


def test_a_graded_mock_question_whose_answer_is_missing_is_rejected(document, other):
    graded = document["mocks"][0]["questions"][0]["submission"]
    document["attempts"] = [a for a in document["attempts"] if a["submission"] != graded]
    with pytest.raises(ImportRejected) as rejection:
        import_document(other, encode(document))
    assert rejection.value.errors == [
        "mocks[0]: questions[0]: its graded answer is neither in the file nor in your account"
    ]
    assert not Mock.objects.filter(user=other).exists()


def test_an_imported_mock_keeps_its_grades_and_follow_ups(document, other, history):
    import_document(other, encode(document))
    item = MockQuestion.objects.get(mock__user=other, position=1, mock__finished_at__isnull=False)
    assert item.attempt.user == other and item.attempt.submission == item.submission
    theirs = MockAnswer.objects.get(
        mock_question__mock__user=history, mock_question__position=1, position__gt=0
    )
    mine = item.answers.get(position__gt=0)
    assert mine.follow_up_id == theirs.follow_up_id and mine.text == "More"
    assert Mock.objects.filter(user=other).count() == 2
    # Why it was asked, read back from the file's wording, so the report words it in either language.
    assert item.reason_count == 40
    with translation.override("ko"):
        assert item.why == "현재 기억률 40% (FSRS 예측)"


def test_an_answer_whose_review_is_missing_is_rejected_after_nothing_is_kept(document, other):
    document["reviews"] = [r for r in document["reviews"] if r["rating"] != HARD]
    with pytest.raises(ImportRejected) as rejection:
        import_document(other, encode(document))
    assert rejection.value.errors == ["attempts[0]: review is neither in the file nor in your account"]
    assert counts(other) == {name: 1 if name == "settings" else 0 for name in counts(other)}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            b"{not json",
            "The file is not valid JSON: Expecting property name enclosed in double quotes at line 1",
        ),
        (b"\xff\xfe\x00", "The file is not UTF-8 text"),
        (b"[]", "This is not a StudyHub export"),
        (b"\x1f\x8b\x08\x00broken", "The file looks gzip-compressed but is damaged."),
        (b'{"format": NaN}', "The file holds a value StudyHub cannot store: NaN is not a number"),
        (b'{"format": 1e999}', "The file holds a value StudyHub cannot store: 1e999 is too large"),
        (
            b'{"format": ' + b"9" * 5000 + b"}",
            "The file holds a value StudyHub cannot store: a number has more than 4,300 digits.",
        ),
        (b"[" * 100_000 + b"]" * 100_000, "The file nests objects or lists far deeper"),
        (b"[{}" + b",{}" * 1_500_000 + b"]", "The file holds more than 1,500,000 objects and lists"),
    ],
)
def test_unreadable_files_are_rejected(other, raw, message):
    with pytest.raises(ImportRejected) as rejection:
        import_document(other, raw)
    assert rejection.value.errors[0].startswith(message)


KOREAN_PROBLEMS = [
    (
        lambda d: set_path(d, ["attempts", 1, "covered_count"], 5),
        "covered_count가 key_point_count보다 큽니다",
    ),
    (lambda d: set_path(d, ["mocks", 1, "questions"], []), "questions가 비어 있으면 안 됩니다"),
    (lambda d: set_path(d, ["settings", "fsrs_parameters"], [0.2] * 19), "숫자 21개의 목록이어야 합니다"),
    (lambda d: set_path(d, ["settings", "fsrs_parameters", 20], 3.0), "fsrs_parameters[20] 0.1~0.8 사이여야"),
    ("NaN", "NaN은(는) 숫자가 아닙니다"),
    ("1e999", "1e999은(는) 너무 큰 숫자입니다"),
    ("9" * 5000, "4,300자리가 넘는 숫자가 있습니다"),
]


@pytest.mark.parametrize(("spoil", "problem"), KOREAN_PROBLEMS)
def test_a_korean_learner_reads_why_a_file_is_refused_in_korean(document, other, spoil, problem):
    if isinstance(spoil, str):
        raw = b'{"format": ' + spoil.encode() + b"}"
    else:
        spoil(document)
        raw = encode(document)
    client = Client()
    client.force_login(other)
    response = client.post(
        "/my-data/import/",
        {"file": SimpleUploadedFile("export.json", raw)},
        headers={"Accept-Language": "ko"},
    )
    assert response.status_code == 422
    assert problem in response.content.decode()


def test_a_compressed_file_may_not_expand_without_limit(document, other, monkeypatch):
    monkeypatch.setattr(export, "MAX_DOCUMENT_BYTES", 2**20)
    document["notes"][0]["body"] = "x" * 2**20  # a megabyte that compresses to a kilobyte
    with pytest.raises(ImportRejected) as rejection:
        import_document(other, gzip.compress(encode(document)))
    assert rejection.value.errors == ["Uncompressed, the file is over 1 MB."]
    assert not Note.objects.filter(user=other).exists()


def test_records_are_counted_before_any_is_validated(document, other, monkeypatch):
    monkeypatch.setattr(export, "MAX_RECORDS", 4)
    with pytest.raises(ImportRejected) as rejection:
        import_document(other, encode(document))
    assert rejection.value.errors[0].startswith("The file holds")
    assert rejection.value.errors[0].endswith("StudyHub imports at most 4.")


def test_errors_are_listed_up_to_a_limit(document, other):
    for review in document["reviews"]:
        review["rating"] = 0
        review["duration_ms"] = -1
    document["reviews"] *= 5
    with pytest.raises(ImportRejected) as rejection:
        import_document(other, encode(document))
    errors = rejection.value.errors
    assert len(errors) == export.MAX_REPORTED_ERRORS + 1 and errors[-1].startswith("…and ")
    assert errors[0] == "reviews[0]: rating must be 1-4; duration_ms must be at least 0"


def test_import_summary_says_what_happened(document, other):
    summary = export.import_summary(import_document(other, encode(document)))
    assert summary.startswith("Imported your settings; cards (3 added); reviews (5 added); answers (2 added)")
    with translation.override("ko"):
        korean = export.import_summary(import_document(other, encode(document)))
    assert korean.startswith("가져왔습니다: 설정; 카드 (")


def test_deleting_an_account_removes_its_data_and_nothing_else(history, other, questions):
    study(other, questions[0], [GOOD], NOW)
    export.delete_account(history)
    assert not get_user_model().objects.filter(pk=history.pk).exists()
    for model in (StudySettings, CardState, ReviewLog, Attempt, AnswerDraft, Note, Bookmark, Mock):
        assert not model.objects.filter(user_id=history.pk).exists()
    assert not AttemptKeyPoint.objects.exists()
    assert not MockQuestion.objects.exists() and not MockAnswer.objects.exists()
    assert ReviewLog.objects.filter(user=other).count() == 1


def test_a_mock_played_and_graded_round_trips(learner, other, questions):
    mock = rounds.start_mock(
        learner, interview_type="fundamentals", count=3, minutes=None, now=NOW, seed=4
    ).mock
    now = NOW
    while (answer := rounds.current_answer(mock, now)) is not None:
        now += timedelta(seconds=40)
        rounds.submit(answer, "An answer", now)
    for item in mock.questions.all()[:2]:
        points = key_points_of(item)
        grade_question(
            user=learner, item=item, covered_ids={points[0].pk}, rating=GOOD, now=now, limits=Limits()
        )
    document = export_document(learner)
    import_document(other, encode(document))
    assert body(export_document(other)) == body(document)
    assert MockQuestion.objects.filter(mock__user=other).exclude(attempt=None).count() == 2


def test_answers_recorded_by_the_answer_review_flow_round_trip(learner, other, questions):
    question = questions[0]
    points = list(KeyPoint.objects.filter(outline__question=question).order_by("position"))
    for day, covered in ((3, {points[0].pk}), (1, {point.pk for point in points})):
        recorded = record_attempt(
            user=learner,
            question=question,
            key_points=points,
            answer="Bias is error from wrong assumptions; variance from sensitivity to the training set.",
            covered_ids=covered,
            rating=scheduling.suggest_rating(len(covered), len(points)),
            submission=uuid.uuid4(),
            started_at=NOW - timedelta(days=day, minutes=5),
            now=NOW - timedelta(days=day),
            limits=Limits(),
        )
        assert recorded.created and recorded.attempt.review_log_id
    document = export_document(learner)
    import_document(other, encode(document))
    assert body(export_document(other)) == body(document)
    mine = Attempt.objects.filter(user=other).order_by("created_at")
    assert [a.review_log.rating for a in mine] == [a.rating for a in mine]
    assert CardState.objects.get(user=other, question=question).reps == 2


# --- Fuzz: any change to a valid export is imported or rejected, never a 500, and never breaks a page.

JSON_LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(
        [
            "",
            "\x00",
            "\ud800",
            "<script>alert(1)</script>",
            "[" * 3000,
            "0001-01-01T00:00:00+14:00",
            "9999-12-31T23:59:59-14:00",
            "2026-03-01T09:30:00+09:00",
            "2.1",
            "x" * 20_001,
        ]
    ),
)
JSON_VALUE = st.recursive(
    JSON_LEAF,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=6,
)
PAGES_AFTER_IMPORT = ("/", "/study/", "/dashboard/", "/questions/", "/notes/", "/mock/", "/my-data/")


def mutate(document, data) -> None:
    """Replace one value somewhere in the document (a random walk down from the top) with any JSON."""
    node = document
    while True:
        keys = sorted(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            return
        key = data.draw(st.sampled_from(keys))
        child = node[key]
        if isinstance(child, dict | list) and child and data.draw(st.booleans()):
            node = child
            continue
        node[key] = data.draw(JSON_VALUE)
        return


def test_fuzzed_imports_never_fail_and_never_break_a_page(document, other, questions):
    client = Client(raise_request_exception=False)
    client.force_login(other)
    statuses = set()

    @hypothesis_settings(
        max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(st.data())
    def import_changed(data):
        changed = copy.deepcopy(document)
        for _ in range(data.draw(st.integers(1, 3))):
            mutate(changed, data)
        upload = SimpleUploadedFile("export.json", json.dumps(changed).encode())
        response = client.post("/my-data/import/", {"file": upload, "replace_settings": "on"})
        assert response.status_code in (302, 422), response.status_code
        statuses.add(response.status_code)

    import_changed()
    assert statuses == {302, 422}  # some changed files were imported, some refused
    for path in (*PAGES_AFTER_IMPORT, *(f"/questions/{q.number}/" for q in questions[:3])):
        assert client.get(path).status_code == 200, path
    for attempt in Attempt.objects.filter(user=other):
        assert client.get(f"/attempts/{attempt.pk}/").status_code == 200


def test_braces_inside_text_do_not_count_as_objects(document, other, monkeypatch):
    monkeypatch.setattr(export, "MAX_CONTAINERS", 200)
    document["notes"][0]["body"] = "$\\frac{a}{b}$ " * 300  # 600 braces of LaTeX
    import_document(other, encode(document))
    assert Note.objects.filter(user=other, body__startswith="$\\frac").exists()
