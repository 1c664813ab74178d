import pytest

from mocks.design_stages import STAGES, covered_count, score_stages

# Stage terms are matched through the glossary's concepts, which live in the database.
pytestmark = pytest.mark.django_db


def statuses(text):
    return {score.stage.slug: score.status for score in score_stages(text)}


def test_the_six_stages_of_a_design_in_order():
    assert [stage.title_en for stage in STAGES] == [
        "Requirements and metrics",
        "Data",
        "Candidate generation",
        "Ranking",
        "Serving",
        "Evaluation and iteration",
    ]


def test_an_english_answer_is_scored_stage_by_stage():
    answer = (
        "First I clarify the requirements and the metric, say CTR. Candidate generation uses a two-tower "
        "model with ANN retrieval, then a ranking model. Serving has a 100 ms latency budget with a cache. "
        "We launch with an A/B test and monitoring for drift."
    )
    assert statuses(answer) == {
        "requirements": "covered",
        "data": "skipped",
        "candidates": "covered",
        "ranking": "mentioned",
        "serving": "covered",
        "evaluation": "covered",
    }
    assert covered_count(score_stages(answer)) == 4


def test_korean_terms_match_whatever_particle_follows():
    answer = "요구사항을 먼저 묻고 지표는 시청 시간으로 한다. 데이터는 로그에서 레이블을 만든다."
    scores = {score.stage.slug: score for score in score_stages(answer)}
    assert scores["requirements"].status == "covered"
    assert scores["data"].status == "covered"
    assert ("레이블", "label", "라벨") in scores["data"].matched


def test_one_term_is_a_mention_and_an_empty_answer_skips_every_stage():
    assert statuses("We need low latency.")["serving"] == "mentioned"
    assert set(statuses("").values()) == {"skipped"}
