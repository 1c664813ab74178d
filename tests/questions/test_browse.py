import re
from datetime import timedelta

import pytest
from django.utils import timezone

from questions.models import Question
from study import scheduling
from tests.conftest import review_card

pytestmark = pytest.mark.django_db


def rows(html):
    return re.findall(r'<span class="number">([^<]+)</span>', html)


def test_filters_combine_and_stay_in_the_url(learner_client):
    html = learner_client.get(
        "/questions/", {"chapter": "2", "kind": "concept", "difficulty": "2"}
    ).content.decode()
    numbers = rows(html)
    assert numbers and all(n.startswith("2.") for n in numbers)
    assert '<option value="2" selected>' in html


def test_tag_filter_keeps_only_tagged_questions(learner_client):
    numbers = rows(learner_client.get("/questions/", {"tag": "gradient-descent"}).content.decode())
    assert "2.13" in numbers and "2.1" not in numbers


def test_card_state_filter_and_recall_per_row(learner_client, learner):
    question = Question.objects.get(number="2.13")
    review_card(learner, question)
    html = learner_client.get("/questions/", {"state": "review"}).content.decode()
    assert rows(html) == ["2.13"]
    assert "recall " in html and "%" in html
    assert "2.13" not in rows(learner_client.get("/questions/", {"state": "new"}).content.decode())


def test_recall_follows_the_learners_own_fsrs_parameters(learner_client, learner):
    card = review_card(
        learner, Question.objects.get(number="2.13"), last_review=timezone.now() - timedelta(days=60)
    )
    personal = [*scheduling.DEFAULT_PARAMETERS[:20], 0.5]  # a steeper forgetting curve
    learner.study_settings.fsrs_parameters = personal
    learner.study_settings.save()
    html = learner_client.get("/questions/", {"state": "review"}).content.decode()
    now = timezone.now()
    mine = round(
        100 * scheduling.retrievability(scheduling.CardFields.from_model(card), now, tuple(personal))
    )
    default = round(100 * scheduling.retrievability(scheduling.CardFields.from_model(card), now))
    assert mine != default
    assert f"recall {mine}%" in html and f"recall {default}%" not in html


def test_htmx_gets_only_the_rows(htmx_client):
    html = htmx_client.get("/questions/", {"chapter": "2"}).content.decode()
    assert html.lstrip().startswith('<div id="question-rows"') and "<html" not in html


def test_an_unknown_filter_value_is_reported_not_a_500(learner_client):
    response = learner_client.get("/questions/", {"difficulty": "9", "chapter": "99"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_nothing_matching_says_so(learner_client):
    html = learner_client.get("/questions/", {"chapter": "2", "kind": "coding"}).content.decode()
    assert "No question matches these filters." in html


@pytest.mark.parametrize(
    "params", [{}, {"chapter": "2", "state": "new", "tag": "optimization", "kind": "concept"}]
)
def test_query_count_is_constant_with_filters(learner_client, django_assert_num_queries, params):
    with django_assert_num_queries(5):
        learner_client.get("/questions/", params)
