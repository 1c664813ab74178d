from django.template import Context, Template
from django.utils.safestring import mark_safe

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
