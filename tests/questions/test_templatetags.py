import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

from tests.mocks.conftest import start

ROWS = (
    ("Mon 3", 1234, 0.25),
    ("<b>week</b>", None, mark_safe("<em>safe</em>")),
    ("only a header",),
    (),
)


def test_table_rows_writes_what_the_two_loops_wrote_escaping_every_cell():
    loops = Template(
        '{% for row in rows %}<tr>{% for cell in row %}{% if forloop.first %}<th scope="row">{{ cell }}</th>'
        "{% else %}<td>{{ cell }}</td>{% endif %}{% endfor %}</tr>{% endfor %}"
    )
    one_pass = Template("{% load studyhub %}{{ rows|table_rows }}")
    expected = loops.render(Context({"rows": ROWS}))
    assert one_pass.render(Context({"rows": ROWS})) == expected
    assert (
        "&lt;b&gt;week&lt;/b&gt;" in expected and "<em>safe</em>" in expected and "<td>1234</td>" in expected
    )


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
