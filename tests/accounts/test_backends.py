from datetime import date, datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.backends import LearnerBackend
from questions.models import Chapter
from study.models import StudySettings

pytestmark = pytest.mark.django_db


def test_the_learner_comes_with_their_settings_and_deck_in_one_query(learner, django_assert_num_queries):
    deck = Chapter.objects.studyable().first()
    StudySettings.objects.filter(user=learner).update(
        deck=deck, interview_date=date(2030, 5, 1), fsrs_parameters=None, max_reviews_per_day=77
    )
    learner.last_login = timezone.now()
    learner.save(update_fields=["last_login"])
    with django_assert_num_queries(1):
        user = LearnerBackend().get_user(learner.pk)
        settings = StudySettings.for_user(user)
        assert settings.deck.title_en == deck.title_en
    stored = get_user_model().objects.get(pk=learner.pk)
    assert (user.username, user.password, user.is_active, user.last_login) == (
        stored.username,
        stored.password,
        True,
        stored.last_login,
    )
    assert isinstance(user.date_joined, datetime) and user.date_joined.tzinfo is not None
    assert (settings.interview_date, settings.max_reviews_per_day, settings.user) == (
        date(2030, 5, 1),
        77,
        user,
    )
    assert not user._state.adding and user._state.db == "default"


def test_a_learner_without_settings_or_deck_costs_no_extra_query_to_find_out(
    learner, django_assert_num_queries
):
    StudySettings.objects.filter(user=learner).update(deck=None)
    with django_assert_num_queries(1):
        assert StudySettings.for_user(LearnerBackend().get_user(learner.pk)).deck is None
    StudySettings.objects.filter(user=learner).delete()
    user = LearnerBackend().get_user(learner.pk)
    with pytest.raises(StudySettings.DoesNotExist), django_assert_num_queries(0):
        user.study_settings  # noqa: B018
    assert StudySettings.for_user(user).new_cards_per_day == 10  # created with the defaults


def test_unknown_and_inactive_learners_are_nobody(learner):
    assert LearnerBackend().get_user(learner.pk + 1000) is None
    get_user_model().objects.filter(pk=learner.pk).update(is_active=False)
    assert LearnerBackend().get_user(learner.pk) is None
