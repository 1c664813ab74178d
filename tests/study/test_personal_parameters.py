"""Personal FSRS parameters: the optimizer on a synthetic history, and `manage.py optimize_fsrs`."""

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from progress.synthetic import save_history, simulate
from questions.models import KeyPoint, Question
from study import personal_parameters, scheduling
from study.models import CardState, ReviewLog, StudySettings
from study.personal_parameters import MIN_REVIEWS, Review
from study.scheduling import CardFields

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def synthetic_history(user, reviews, questions=30, days=150):
    """`reviews` reviews of the first `questions` questions over `days` days, made with the real scheduler."""
    chosen = list(Question.objects.published().order_by("position")[:questions])
    key_points = [list(KeyPoint.objects.filter(outline__question=q).order_by("position")) for q in chosen]
    history = simulate(
        [len(points) for points in key_points], reviews=reviews, days=days, now=NOW, time_zone="UTC"
    )
    save_history(user, chosen, key_points, history)


def at(day, hour=9):
    return NOW - timedelta(days=30) + timedelta(days=day, hours=hour)


def test_the_optimizer_learns_only_from_reviews_a_day_or_more_after_the_previous_one():
    history = {
        1: [Review(at(0), 3, 0), Review(at(0, 10), 3, 0), Review(at(2), 3, 0), Review(at(2, 20), 1, 0)],
        2: [Review(at(0), 3, 0), Review(at(1, 10), 3, 0)],
    }
    assert personal_parameters.countable(history) == 2  # day 2 after day 0, and day 1 10h after day 0


def test_only_each_cards_first_64_reviews_count():
    history = {1: [Review(at(day), 3, 0) for day in range(100)]}
    assert personal_parameters.countable(history) == 63


def test_fitting_a_synthetic_history_stores_the_parameters_and_reschedules_the_cards(learner):
    synthetic_history(learner, reviews=800)
    history = personal_parameters.histories(learner)
    countable = personal_parameters.countable(history)
    assert countable >= MIN_REVIEWS
    before = {
        card.question_id: CardFields.from_model(card) for card in CardState.objects.filter(user=learner)
    }
    out = StringIO()
    call_command("optimize_fsrs", "--user", learner.username, stdout=out)
    assert f"fitted from {countable:,} reviews; {len(before)} cards rescheduled" in out.getvalue()
    study_settings = StudySettings.objects.get(user=learner)
    parameters = study_settings.personal_parameters
    assert scheduling.checked_parameters(list(parameters)) == parameters
    assert parameters != scheduling.DEFAULT_PARAMETERS
    assert study_settings.parameters_review_count == countable and study_settings.parameters_fitted_at
    for card in CardState.objects.filter(user=learner):
        replayed = personal_parameters.replay(CardFields(), history[card.question_id], 0.9, parameters)
        assert (card.stability, card.difficulty) == pytest.approx((replayed.stability, replayed.difficulty))
        assert card.due == replayed.due
        # Counts and flags are the learner's, not the replay's.
        old = before[card.question_id]
        assert (card.reps, card.lapses, card.suspended) == (old.reps, old.lapses, old.suspended)


def test_too_few_reviews_fit_nothing_and_say_how_many(learner):
    synthetic_history(learner, reviews=120, questions=10, days=40)
    countable = personal_parameters.countable(personal_parameters.histories(learner))
    with pytest.raises(CommandError, match=f"{countable} of the 512 reviews needed"):
        call_command("optimize_fsrs", "--user", learner.username)
    assert StudySettings.objects.get(user=learner).personal_parameters is None


def test_all_fits_every_learner_with_enough_reviews_and_skips_the_others(learner, other, monkeypatch):
    synthetic_history(learner, reviews=800)
    synthetic_history(other, reviews=520, questions=5, days=20)  # many reviews, few a day apart
    monkeypatch.setattr(personal_parameters, "fit_parameters", fake_fit)
    out = StringIO()
    call_command("optimize_fsrs", "--all", stdout=out)
    assert f"{learner.username}: personal parameters fitted" in out.getvalue()
    assert f"{other.username}: " in out.getvalue() and "of the 512 reviews needed" in out.getvalue()
    assert StudySettings.objects.get(user=learner).personal_parameters == FAKE
    assert StudySettings.objects.get(user=other).personal_parameters is None


FAKE = (*scheduling.DEFAULT_PARAMETERS[:20], 0.3)


def fake_fit(history):
    if personal_parameters.countable(history) < MIN_REVIEWS:
        raise personal_parameters.NotEnoughReviews(personal_parameters.countable(history))
    return FAKE


def test_without_the_optimizer_extra_the_command_says_how_to_install_it(learner, monkeypatch):
    synthetic_history(learner, reviews=800)
    monkeypatch.setitem(sys.modules, "torch", None)  # `import torch` now fails as if not installed
    with pytest.raises(CommandError, match=r"optimizer. extra \(torch is not installed\): pip install"):
        call_command("optimize_fsrs", "--user", learner.username)
    assert StudySettings.objects.get(user=learner).personal_parameters is None


def test_an_unknown_learner_is_refused():
    with pytest.raises(CommandError, match="No learner called 'nobody'"):
        call_command("optimize_fsrs", "--user", "nobody")


def test_a_card_reviewed_while_the_fit_ran_keeps_its_review(learner, monkeypatch):
    synthetic_history(learner, reviews=800)
    monkeypatch.setattr(personal_parameters, "fit_parameters", fake_fit)
    card = CardState.objects.filter(user=learner).first()
    real_replay = personal_parameters.replay

    def replay_while_graded(start, reviews, retention, parameters):
        CardState.objects.filter(pk=card.pk).update(reps=card.reps + 1, stability=123.0)
        return real_replay(start, reviews, retention, parameters)

    monkeypatch.setattr(personal_parameters, "replay", replay_while_graded)
    fit = personal_parameters.optimize(learner, NOW)
    card.refresh_from_db()
    assert card.stability == 123.0
    assert fit.rescheduled == CardState.objects.filter(user=learner).count() - 1
    assert ReviewLog.objects.filter(user=learner).count() == 800


def test_the_web_app_never_imports_torch():
    script = (
        "import sys, django; django.setup();"
        "import studyhub.urls, study.views, study.answer_views, study.note_views, progress.views;"
        "import study.personal_parameters, study.planning;"
        "assert 'torch' not in sys.modules and 'pandas' not in sys.modules, 'the web app imported torch'"
    )
    env = {"DJANGO_SETTINGS_MODULE": "tests.settings", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
