import pytest
from django.template import Context, Template
from django.utils import translation

from tests.mocks.conftest import start


@pytest.mark.parametrize(
    ("language", "time"), [("en", "5 min 00 s for this question"), ("ko", "이 질문에 5분 00초")]
)
def test_a_duration_reads_in_the_interface_language(learner_client, learner, language, time):
    mock = start(learner)  # a concept question first: five minutes
    html = learner_client.get(f"/mock/{mock.key}/", headers={"Accept-Language": language}).content.decode()
    assert time in html


def test_a_duration_of_an_hour_or_more_shows_hours_and_minutes_in_korean_too():
    hour = Template("{% load studyhub %}{{ 3720|duration }}")
    assert hour.render(Context()) == "1 h 02 min"
    with translation.override("ko"):
        assert hour.render(Context()) == "1시간 02분"
