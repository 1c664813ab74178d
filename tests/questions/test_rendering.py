import os
import subprocess
import sys

from django.conf import settings

from questions.rendering import (
    MAX_MARKDOWN_CHARS,
    MAX_NESTING,
    fold_sections,
    math_is_balanced,
    nest_headings,
    render_answer,
    render_learner_markdown,
    render_markdown,
)


def test_inline_and_display_math_survive_markdown_untouched():
    html = render_markdown("Loss $a*b*c_i < 3$ here.\n\n$$\\sum_i x_i * y_i$$")
    assert '<span class="math math-inline">$a*b*c_i &lt; 3$</span>' in html
    assert '<span class="math math-display">$$\\sum_i x_i * y_i$$</span>' in html
    assert "<em>" not in html


def test_dollars_in_code_are_code_not_math():
    html = render_markdown('Use `$HOME`.\n\n```python\nprice = "$5"\n```')
    assert "<code>$HOME</code>" in html
    assert 'price = "$5"' in html
    assert "math" not in html


def test_script_and_event_handlers_are_removed():
    html = render_markdown('<script>alert(1)</script><img src=x onerror="alert(2)"> **ok**')
    assert "<script" not in html and "onerror" not in html and "alert" not in html
    assert "<strong>ok</strong>" in html


def test_javascript_links_lose_their_href():
    html = render_markdown("[click](javascript:alert(1)) and [docs](https://example.org)")
    assert "javascript:" not in html
    assert 'href="https://example.org"' in html


def test_tables_and_fenced_code_render():
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nx = 1\n```")
    assert "<table>" in html and "<td>1</td>" in html
    assert '<code class="language-python">' in html


def test_math_balance():
    assert math_is_balanced("$a$ and $$b$$ and `$`")
    assert not math_is_balanced("costs $5 only")
    assert not math_is_balanced("$$x + y$")


def test_a_list_or_table_right_after_a_paragraph_line_still_renders():
    html = render_markdown("Options:\n- first\n- second\n\n**Table**\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<ul>" in html and "<li>first</li>" in html
    assert "<table>" in html


def test_list_items_continue_with_two_space_indentation():
    html = render_markdown("- **Kappa**:\n\n  $$k = 1$$\n\n  Below 0.6 is weak.\n- **Next** item")
    assert html.count("<li>") == 2
    assert "Below 0.6 is weak." in html.split("<li>")[1]


def test_a_table_row_with_inline_code_stays_in_the_table():
    html = render_markdown("| step | call |\n|---|---|\n| one | `f(x)` |\n| two | `g(y)` |")
    assert html.count("<tr>") == 3
    assert "<code>g(y)</code></td>" in html


def test_a_numbered_list_keeps_its_numbering_after_a_formula():
    html = render_markdown("1. first\n\n$$x = 1$$\n\n2. second")
    assert '<ol start="2">' in html


def test_a_learners_headings_start_at_h3_so_the_page_allows_them():
    html = render_learner_markdown("# Plan\n\ntext\n\n## Trade-offs\n\n#### Deep\n\nSetext\n=====")
    assert "<h3>Plan</h3>" in html and "<h4>Trade-offs</h4>" in html
    assert "<h5>Deep</h5>" in html and "<h3>Setext</h3>" in html
    assert "<h1>" not in html and "<h2>" not in html


def test_a_learner_who_starts_at_a_lower_level_still_starts_at_h3_and_never_skips_one():
    assert render_learner_markdown("## Remember\n\nx") == "<h3>Remember</h3>\n<p>x</p>"
    html = render_learner_markdown("#### Late start\n\n# Top\n\n### Middle")
    assert "<h3>Late start</h3>" in html and "<h3>Top</h3>" in html and "<h4>Middle</h4>" in html


def test_nested_headings_follow_the_page_they_are_shown_in():
    assert nest_headings("<h3>a</h3><p>b</p><h4>c</h4>", 2) == "<h2>a</h2><p>b</p><h3>c</h3>"


def test_a_markdown_answer_keeps_its_headings_and_code_stays_code():
    assert "<h3>Answer</h3>" in render_answer("# Answer\n\nbody", coding=False)
    assert "<h3>" not in render_answer("# a comment\nx = 1", coding=True)


def test_content_headings_are_left_where_the_author_put_them():
    assert "<h3>Core</h3>" in render_markdown("### Core")
    assert "Title" in render_markdown("# Title") and "<h1>" not in render_markdown("# Title")


def test_outline_sections_after_the_first_are_folded_behind_their_heading():
    html = render_markdown("Intro.\n\n### One\n\nfirst\n\n### Two\n\nsecond\n\n### Three\n\n- third")
    folded = fold_sections(html)
    assert folded.startswith("<p>Intro.</p>")
    assert folded.count("<details") == 3 and folded.count("<details") == folded.count("</details>")
    assert '<details class="outline-section" open><summary><h3>One</h3></summary>' in folded
    assert '<details class="outline-section"><summary><h3>Two</h3></summary>\n<p>second</p>' in folded
    assert "<li>third</li>" in folded


def test_an_outline_of_one_section_is_not_folded():
    html = render_markdown("### Only\n\ntext")
    assert fold_sections(html) == html


def test_a_storm_of_brackets_renders_as_the_brackets_written():
    html = render_learner_markdown("[" * 20_000)
    assert html.count("[") == 20_000 and "<a" not in html


def test_links_still_work_beside_a_few_brackets():
    html = render_learner_markdown("[docs](https://example.com) and [a] [b]")
    assert 'href="https://example.com"' in html


def test_deep_nesting_is_capped_not_recursed():
    quotes = render_learner_markdown(">" * 20_000 + " deep")
    lists = render_learner_markdown("".join("  " * depth + "- item\n" for depth in range(150)))
    assert quotes.count("<blockquote>") <= MAX_NESTING and "deep" in quotes
    assert lists.count("<ul>") <= MAX_NESTING + 4 and lists.count("item") == 150


def test_text_beyond_the_limit_is_not_rendered():
    html = render_learner_markdown("a" * MAX_MARKDOWN_CHARS + "TAIL")
    assert "TAIL" not in html


def test_only_studyhub_classes_and_site_or_absolute_links_survive():
    html = render_learner_markdown(
        '<span class="math btn overlay">x</span> <code class="language-python evil">c</code> '
        "[a](//evil.example) [b](/\\\\evil.example) [c](/questions/) "
        "<a href='java\tscript:alert(1)'>d</a> <a href=' JAVASCRIPT:alert(1)'>e</a>"
    )
    assert 'class="math"' in html and 'class="language-python"' in html
    assert "evil" not in html and "btn" not in html and "script:" not in html.lower()
    assert 'href="/questions/"' in html


def test_a_web_process_starts_without_the_renderers_or_the_korean_analyser():
    # Pages show stored HTML: markdown, the sanitiser, pygments and MeCab load only when needed, so a
    # worker's memory stays small.
    code = (
        "import sys, django; django.setup(); "
        "import studyhub.wsgi, studyhub.urls, study.views, progress.views; "
        "print(sorted(m for m in ('markdown', 'nh3', 'pygments', 'mecab') if m in sys.modules))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "studyhub.settings", "DEBUG": "1"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split("\n")[-2] == "[]"
