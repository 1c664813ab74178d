"""Data migrations of the mocks app, run against rows as an older StudyHub stored them."""

import importlib

import pytest
from django.apps import apps

from tests.mocks.conftest import start

pytestmark = pytest.mark.django_db


def test_the_number_of_every_stored_reason_is_read_from_its_wording(learner):
    migration = importlib.import_module("mocks.migrations.0002_reason_count")
    first, second, third = start(learner, count=3).questions.order_by("position")
    stored = [
        (first, "low_recall", "현재 기억률 35% (FSRS 예측)"),
        (second, "lapses", "Forgotten twice in recent reviews"),
        (third, "balance", "No weak spot: it rounds out the mock"),
    ]
    for item, reason, detail in stored:
        item.reason, item.reason_detail, item.reason_count = reason, detail, None
        item.save()
    migration.backfill(apps, None)
    assert [item.__class__.objects.get(pk=item.pk).reason_count for item, _, _ in stored] == [35, 2, None]
