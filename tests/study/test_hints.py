from study.hints import hint_matches


def test_korean_hint_ignores_particles_attached_to_words():
    assert hint_matches("경사하강법을 쓰면 손실이 줄어든다", [("경사하강법",)]) == [True]
    assert hint_matches("경사하강법은 잘 안다", [("경사하강법을 쓴다",)]) == [True]
    assert hint_matches("배깅은 분산을 줄인다", [("경사하강법",)]) == [False]


def test_korean_hint_on_a_full_key_point_sentence():
    point = ("학습률이 너무 크면 발산하고 너무 작으면 느리다",)
    assert hint_matches("학습률을 너무 크게 잡으면 발산하고, 너무 작으면 학습이 느립니다.", [point]) == [True]
    assert hint_matches("배치 크기를 키우면 노이즈가 줄어든다.", [point]) == [False]


def test_english_hint_matches_word_stems_case_insensitively():
    point = ("Regularization shrinks weights",)
    assert hint_matches("We regularised the Weights, which shrinks them.", [point]) == [True]
    assert hint_matches("We used dropout and early stopping.", [point]) == [False]


def test_hint_needs_most_of_a_key_points_terms():
    point = ("Momentum averages recent gradients to damp oscillation",)
    assert hint_matches("momentum averages gradients and damps oscillation", [point]) == [True]
    assert hint_matches("momentum helps", [point]) == [False]


def test_hint_matches_a_key_point_in_either_language():
    point = ("학습률이 너무 크면 발산한다", "A learning rate that is too high diverges")
    assert hint_matches("If the learning rate is too high, training diverges.", [point]) == [True]
    assert hint_matches("학습률이 너무 크면 손실이 발산합니다", [point]) == [True]
    assert hint_matches("Use a bigger batch.", [point]) == [False]
