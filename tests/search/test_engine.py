import pytest
from django.db import connection
from django.utils.html import escape

from search.engine import search
from study.models import Note

pytestmark = pytest.mark.django_db


def numbers(results):
    return [r.document.question.number for r in results.results]


@pytest.mark.parametrize(
    "query",
    [
        "경사하강법",
        "경사하강법을",
        "gradient descent",
        "기울기 하강",
        "Gradient-Descent",
        "ｇｒａｄｉｅｎｔ ｄｅｓｃｅｎｔ",
    ],
)
def test_every_spelling_of_gradient_descent_finds_q2_13_first(learner, query):
    results = search(learner, query)
    assert numbers(results)[0] == "2.13", numbers(results)


def test_a_korean_query_with_particles_and_english_inside(learner):
    assert "2.13" in numbers(search(learner, "learning rate가 크면 발산"))


def test_results_highlight_the_words_found_in_either_language(learner):
    first = search(learner, "gradient descent", lang="ko").results[0]
    assert "<mark>경사하강법</mark>" in first.snippet
    first_en = search(learner, "경사하강법", lang="en").results[0]
    assert "<mark>gradient descent</mark>" in first_en.snippet.lower()


def test_snippets_escape_the_text_around_the_marks(learner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Note.objects.create(user=learner, question_id=_q("2.13"), body="<script>x</script> 드롭아웃 메모")
    snippet = search(learner, "드롭아웃 메모").results[0].snippet
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet


def test_a_query_nothing_states_finds_nothing(learner):
    results = search(learner, "zzzqqq 없는단어")
    assert results.searchable and results.total == 0


@pytest.mark.parametrize("query", ["!!!", "*", '"', "AND OR NOT", "(((", "'; DROP TABLE x; --", "-- ::"])
def test_a_query_of_symbols_or_query_syntax_never_errors(learner, query):
    results = search(learner, query)
    assert results.total == 0 or results.searchable


def test_a_question_number_finds_that_question(learner):
    assert numbers(search(learner, "2.13")) == ["2.13"]


def test_a_question_found_by_its_number_shows_its_title(learner):
    result = search(learner, "2.13").results[0]
    assert result.part_kind == "title"
    assert str(result.snippet) == escape(result.document.question.title_ko)


@pytest.mark.parametrize(
    "query", ["k-means", "A/B 테스트", "c++ 메모리", "p99 지연 시간", "L2 정규화", "정밀도 재현율"]
)
def test_every_result_shows_the_part_stating_the_query_marked(learner, query):
    """The snippet comes from the parts the database picks by their terms: never an empty one, whatever
    characters the query's terms hold."""
    results = search(learner, query)
    assert results.total
    assert all("<mark>" in str(result.snippet) for result in results.results)


def test_drafts_are_never_found(learner, draft_question):
    assert draft_question.number not in numbers(search(learner, draft_question.title_ko))


def test_a_learner_finds_their_own_note_and_never_another_learners(
    learner, other, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Note.objects.create(user=other, question_id=_q("2.4"), body="비밀 메모: 펭귄 실험")
        Note.objects.create(user=learner, question_id=_q("2.15"), body="내 메모: 펭귄 데이터로 과적합 확인")
    mine = search(learner, "펭귄")
    assert [(r.document.question.number, r.part_kind) for r in mine.results] == [("2.15", "note")]
    assert "비밀" not in str([r.snippet for r in mine.results])
    assert numbers(search(other, "펭귄")) == ["2.4"]


def test_a_note_written_by_a_bulk_import_is_found_too(learner):
    Note.objects.bulk_create([Note(user=learner, question_id=_q("2.15"), body="가져온 메모 코끼리")])
    assert numbers(search(learner, "코끼리")) == ["2.15"]


def test_the_engine_in_use_is_the_databases_own(learner):
    results = search(learner, "과적합")
    assert results.total >= 3
    table = "search_fts" if connection.vendor == "sqlite" else "search_searchdocument"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")
        assert cursor.fetchone()[0] >= 100


def _q(number):
    from questions.models import Question

    return Question.objects.get(number=number).pk


@pytest.mark.parametrize(
    "query",
    [
        "경사하강법을",
        "gradient descent",
        "기울기 하강",
        "learning rate가 크면",
        "과적합 규제",
        "dropout",
        "배치",
    ],
)
def test_the_database_finds_exactly_the_documents_stating_every_part_of_the_query(learner, query):
    """The same boolean query, checked here in Python over the stored terms: PostgreSQL and SQLite both
    equal it, so they find the same documents."""
    from search.engine import _groups, _is_prefix
    from search.models import SearchDocument

    groups = _groups(query)

    def states(terms, group):
        return any(t == g or (_is_prefix(g) and t.startswith(g)) for t in terms for g in group)

    expected = {
        doc.pk
        for doc in SearchDocument.objects.filter(note=None, question__status="published")
        if all(states(set((doc.title_terms + " " + doc.body_terms).split()), group) for group in groups)
    }
    results = search(learner, query)
    assert results.total == len(expected)
    assert {r.document.pk for r in results.results} <= expected
