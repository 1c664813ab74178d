import pytest

from study.hints import hint_matches

pytestmark = pytest.mark.django_db


def test_korean_hint_ignores_particles_attached_to_words():
    assert hint_matches("경사하강법을 쓰면 손실이 줄어든다", [("경사하강법",)]) == [True]
    assert hint_matches("경사하강법을 써서 학습합니다", [("경사하강법으로 학습한다",)]) == [True]
    assert hint_matches("배깅은 분산을 줄인다", [("경사하강법",)]) == [False]


def test_korean_hint_matches_other_endings_of_the_same_stem():
    point = ("학습률이 너무 크면 발산하고 너무 작으면 느리다",)
    assert hint_matches("학습률을 너무 크게 잡으면 발산하고, 너무 작으면 학습이 느립니다.", [point]) == [True]
    assert hint_matches("학습률이 크면 발산하며 작으면 느려요", [point]) == [True]
    assert hint_matches("배치 크기를 키우면 노이즈가 줄어든다.", [point]) == [False]


def test_the_issues_korean_answer_gets_its_two_points_hinted():
    points = [
        ("파라미터를 학습률만큼 그래디언트 반대 방향으로 옮긴다.",),
        ("학습률이 너무 크면 발산하고 너무 작으면 느리다.",),
    ]
    answer = "학습률이 너무 크면 발산하고, 작으면 느립니다. 기울기를 따라 파라미터를 갱신합니다."
    assert hint_matches(answer, points) == [True, True]


def test_a_glossary_synonym_states_the_same_concept():
    point = ("그래디언트 반대 방향으로 파라미터를 옮긴다",)
    assert hint_matches("기울기의 반대 방향으로 파라미터를 옮겨요", [point]) == [True]


def test_english_terms_inside_a_korean_sentence_match_a_korean_key_point():
    point = ("학습률이 너무 크면 발산한다",)
    assert hint_matches("learning rate가 크면 발산합니다", [point]) == [True]


def test_english_hint_matches_word_stems_case_insensitively():
    point = ("Regularization shrinks weights",)
    assert hint_matches("We regularised the Weights, which shrinks them.", [point]) == [True]
    assert hint_matches("We used dropout and early stopping.", [point]) == [False]


def test_hint_needs_much_of_a_key_points_terms():
    point = ("Momentum averages recent gradients to damp oscillation",)
    assert hint_matches("momentum averages gradients and damps oscillation", [point]) == [True]
    assert hint_matches("momentum helps", [point]) == [False]


def test_one_shared_word_is_no_hint():
    assert hint_matches("드롭아웃을 쓴다", [("드롭아웃은 유닛을 무작위로 끈다",)]) == [False]


def test_hint_matches_a_key_point_in_either_language():
    point = ("학습률이 너무 크면 발산한다", "A learning rate that is too high diverges")
    assert hint_matches("If the learning rate is too high, training diverges.", [point]) == [True]
    assert hint_matches("학습률이 너무 크면 손실이 발산합니다", [point]) == [True]
    assert hint_matches("Use a bigger batch.", [point]) == [False]


def test_empty_answer_and_symbols_hint_nothing():
    point = ("학습률이 너무 크면 발산한다",)
    assert hint_matches("", [point]) == [False]
    assert hint_matches("!!! ??? ---", [point]) == [False]
