from collections import Counter

import pytest
from django.utils import translation

from mocks import selection
from mocks.selection import Candidate, choose, weigh


def strong(question_id):
    return Candidate(question_id, recall=0.97)


def test_a_seed_always_gives_the_same_questions():
    candidates = [Candidate(i, recall=0.5 + i / 100) for i in range(1, 30)]
    assert choose(candidates, 5, seed=42) == choose(candidates, 5, seed=42)
    assert [c.question_id for c in choose(candidates, 5, seed=42)] != [
        c.question_id for c in choose(candidates, 5, seed=43)
    ]


def test_the_order_of_the_candidates_does_not_change_the_choice():
    candidates = [Candidate(i, recall=i / 40, missed_points=i % 3) for i in range(1, 30)]
    assert choose(candidates, 4, seed=7) == choose(list(reversed(candidates)), 4, seed=7)


def test_weak_spots_come_up_far_more_often_than_well_known_questions():
    weak = Candidate(100, recall=0.2, recent_lapses=2)
    candidates = [strong(i) for i in range(1, 21)] + [weak]
    picks = Counter(c.question_id for seed in range(500) for c in choose(candidates, 3, seed))
    # Weight 7.2 against 1.12: in more than half the mocks, and far more often than any strong one.
    assert picks[100] > 0.5 * 500
    assert picks[100] > 3 * max(picks[i] for i in range(1, 21))
    assert sum(picks.values()) == 3 * 500


def test_never_studied_outweighs_a_well_known_question_but_every_question_can_come_up():
    assert weigh(Candidate(1, recall=None))[0] > 3 * weigh(strong(2))[0]
    picks = Counter(
        c.question_id for seed in range(300) for c in choose([strong(1), Candidate(2, None)], 1, seed)
    )
    assert picks[2] > picks[1] > 0


def test_each_choice_names_its_largest_weak_spot():
    def why(candidate):
        _weight, reason, count = weigh(candidate)
        return reason, selection.reason_text(reason, count)

    assert why(Candidate(1, recall=None)) == (selection.NEVER_STUDIED, "Never studied or answered yet")
    assert why(Candidate(1, recall=0.35)) == (selection.LOW_RECALL, "Recall now 35% (FSRS prediction)")
    assert why(Candidate(1, recall=0.9, recent_lapses=3)) == (
        selection.LAPSES,
        "Forgotten 3 times in recent reviews",
    )
    assert why(Candidate(1, recall=0.9, missed_points=6)) == (
        selection.MISSED_POINTS,
        "6 key points missed in your written answers",
    )
    assert why(strong(1)) == (selection.BALANCE, "No weak spot: it rounds out the mock")


def test_a_reason_is_worded_in_the_language_of_the_page_that_shows_it():
    with translation.override("ko"):
        assert selection.reason_text(selection.LOW_RECALL, 35) == "현재 기억률 35% (FSRS 예측)"
        assert selection.reason_text(selection.LAPSES, 2) == "최근 복습에서 두 번 잊음"
    assert selection.reason_text(selection.LAPSES, 2) == "Forgotten twice in recent reviews"
    assert selection.reason_text(selection.LAPSES, None) == ""  # unknown number: the stored wording shows


@pytest.mark.parametrize(
    ("detail", "count"),
    [
        ("Recall now 35% (FSRS prediction)", 35),
        ("현재 기억률 35% (FSRS 예측)", 35),
        ("Forgotten once in recent reviews", 1),
        ("최근 복습에서 두 번 잊음", 2),
        ("6 key points missed in your written answers", 6),
        ("99999999999 key points", 32767),
        ("something else", None),
    ],
)
def test_the_number_of_a_stored_wording_is_read_back(detail, count):
    assert selection.count_in(detail) == count


def test_weights_add_up_the_weak_spots_and_cap_each():
    weight, _, _ = weigh(Candidate(1, recall=0.5, recent_lapses=9, missed_points=30))
    assert weight == 1 + 4 * 0.5 + 1.5 * 4 + 0.5 * 10


def test_questions_of_recent_mocks_are_avoided_unless_too_few_remain():
    fresh = [strong(i) for i in range(1, 4)]
    recent = [Candidate(i, recall=0.1, recently_asked=True) for i in range(10, 13)]
    for seed in range(50):
        assert {c.question_id for c in choose(fresh + recent, 3, seed)} == {1, 2, 3}
    filled = choose(fresh + recent, 5, seed=3)
    assert {c.question_id for c in filled[:3]} == {1, 2, 3}
    assert all(c.reason == selection.REPEAT for c in filled[3:])


def test_fewer_candidates_than_asked_gives_them_all():
    assert {c.question_id for c in choose([strong(1), strong(2)], 5, seed=0)} == {1, 2}
    assert choose([], 3, seed=0) == []
