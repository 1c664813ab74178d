import re
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from django.utils.html import escape

from questions.models import GuideSection, Question
from study import planning
from study.planning import Limits
from study.scheduling import CardFields
from tests.conftest import review_card

pytestmark = pytest.mark.django_db


def published():
    return Question.objects.published().select_related("outline").order_by("position").first()


@pytest.mark.parametrize("url", ["/questions/", "/questions/2.13/"])
def test_it_requires_login(client, url):
    assert client.get(url)["Location"].startswith("/accounts/login/")


def test_list_shows_every_chapter_and_marks_drafts_coming_soon(learner_client, draft_question):
    html = learner_client.get("/questions/").content.decode()
    for number in ("2", "3", "4", "5", "6", "7", "A"):
        assert f'id="chapter-{number}"' in html
    question = published()
    assert f'href="/questions/{question.number}/"' in html
    draft = draft_question
    assert draft.title_ko in html
    assert f'href="/questions/{draft.number}/"' not in html
    assert "coming soon" in html


def test_list_query_count_does_not_grow_with_questions(learner_client, django_assert_num_queries):
    with django_assert_num_queries(5):
        learner_client.get("/questions/")


def test_question_page_shows_prompt_outline_and_key_points(learner_client):
    question = published()
    html = learner_client.get(f"/questions/{question.number}/").content.decode()
    assert escape(question.prompt_ko) in html
    assert "Show answer outline and key points" in html
    for point in question.outline.key_points.all():
        assert escape(point.text_ko) in html
    assert "You have not studied this card yet" in html


def test_a_coding_prompt_shows_the_function_to_write_as_code_and_escapes_the_rest(learner_client):
    question = Question.objects.get(number="3.1")
    html = learner_client.get("/questions/3.1/").content.decode()
    assert "<code>kmeans(X, k, seed)</code>" in html and "`kmeans" not in html
    question.prompt_ko = "Write `f(<b>)` & <script>x</script>"
    question.save()
    html = learner_client.get("/questions/3.1/").content.decode()
    assert "Write <code>f(&lt;b&gt;)</code> &amp; &lt;script&gt;x&lt;/script&gt;" in html


def test_question_page_in_english(learner_client):
    question = published()
    html = learner_client.get(f"/questions/{question.number}/?lang=en").content.decode()
    assert escape(question.prompt_en) in html
    assert escape(question.title_en) in html


def test_question_page_shows_the_learners_card_state(learner_client, learner):
    question = published()
    token_page = learner_client.get("/study/").content.decode()
    from tests.conftest import token_in

    learner_client.post("/study/grade/", {"token": token_in(token_page), "rating": 3})
    html = learner_client.get(f"/questions/{question.number}/").content.decode()
    assert "Learning" in html and "Next review" in html


def test_unknown_and_draft_questions_are_404(learner_client, draft_question):
    assert learner_client.get("/questions/9.99/").status_code == 404
    draft = draft_question
    assert learner_client.get(f"/questions/{draft.number}/").status_code == 404


def test_staff_can_preview_a_draft(learner_client, learner, draft_question):
    learner.is_staff = True
    learner.save()
    draft = draft_question
    html = learner_client.get(f"/questions/{draft.number}/").content.decode()
    assert "Draft: only staff can see this page." in html


def test_guide_lists_the_six_sections_in_order(client):
    sections = list(GuideSection.objects.filter(status="published").order_by("position"))
    assert len(sections) == 6
    html = client.get("/guide/").content.decode()
    positions = [html.index(f"/guide/{section.slug}/") for section in sections]
    assert positions == sorted(positions)


def test_guide_section_reads_in_both_languages_with_neighbours(client):
    first, second = GuideSection.objects.order_by("position")[:2]
    html = client.get(f"/guide/{second.slug}/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert escape(second.title_ko) in html
    assert f'rel="prev" href="/guide/{first.slug}/' in html
    english = client.get(f"/guide/{second.slug}/?lang=en").content.decode()
    assert escape(second.title_en) in english
    assert second.body_en_html[:80] in english


def test_home_links_the_guide(client, learner_client):
    assert 'href="/guide/"' in client.get("/").content.decode()
    assert 'href="/guide/"' in learner_client.get("/").content.decode()


def test_unknown_guide_section_is_404(client):
    assert client.get("/guide/no-such-section/").status_code == 404


def test_question_page_shows_each_follow_up_with_its_answer_behind_a_reveal(learner_client):
    question = Question.objects.get(number="2.13")
    html = learner_client.get("/questions/2.13/").content.decode()
    for follow_up in question.follow_ups.all():
        assert escape(follow_up.text_ko) in html
        assert follow_up.answer_ko_html in html
    assert html.count('<details class="follow-up-answer">') == question.follow_ups.count()
    english = learner_client.get("/questions/2.13/?lang=en").content.decode()
    assert question.follow_ups.first().answer_en_html in english


def test_question_page_links_the_glossary_terms_it_uses(learner_client):
    html = learner_client.get("/questions/2.13/").content.decode()
    assert "이 질문의 용어" in html
    assert 'href="/glossary/?q=gradient%20descent#gradient-descent"' in html
    assert 'href="/glossary/?q=learning%20rate#learning-rate"' in html


def test_glossary_lists_terms_korean_and_english_without_login(client):
    html = client.get("/glossary/").content.decode()
    assert "경사하강법" in html and "gradient descent" in html
    assert 'id="gradient-descent"' in html


@pytest.mark.parametrize("query", ["기울기", "Gradient", "그래디언트"])
def test_glossary_filter_finds_a_term_by_any_spelling(client, query):
    html = client.get("/glossary/", {"q": query}).content.decode()
    assert 'id="gradient"' in html
    assert 'id="k-means"' not in html


def test_glossary_filter_by_htmx_returns_only_the_results(client):
    response = client.get("/glossary/", {"q": "label"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="glossary-results"')
    assert "<html" not in html
    assert "레이블" in html


def test_glossary_filter_with_no_match_says_so(client):
    html = client.get("/glossary/", {"q": "zzzz-nothing"}).content.decode()
    assert "No term matches “zzzz-nothing”" in html


def test_chapter_four_page_is_an_ordered_design_map_of_every_question(learner_client):
    from questions.models import Chapter

    html = learner_client.get("/chapters/4/?lang=en").content.decode()
    chapter = Chapter.objects.get(number="4")
    positions = []
    for stage in chapter.stages:
        assert escape(stage["title_en"]) in html
        for number in stage["numbers"]:
            link = f'href="/questions/{number}/"'
            assert link in html
            positions.append(html.index(link))
    assert positions == sorted(positions)
    assert len(positions) == 40


def test_design_question_links_previous_and_next_step_of_the_map(learner_client):
    from questions.models import Chapter

    order = [n for stage in Chapter.objects.get(number="4").stages for n in stage["numbers"]]
    middle = order[10]
    html = learner_client.get(f"/questions/{middle}/?lang=en").content.decode()
    assert f'rel="prev" href="/questions/{order[9]}/"' in html
    assert f'rel="next" href="/questions/{order[11]}/"' in html
    assert "Next step" in html
    first = learner_client.get(f"/questions/{order[0]}/").content.decode()
    assert 'rel="prev"' not in first


def test_unknown_chapter_is_404(learner_client):
    assert learner_client.get("/chapters/9/").status_code == 404
    assert learner_client.get("/chapters/1/").status_code == 404


def test_coding_question_shows_the_highlighted_reference_solution(learner_client):
    html = learner_client.get("/questions/3.1/").content.decode()
    assert "참고 풀이" in html
    assert '<div class="highlight"><pre><span></span>' in html
    assert '<span class="k">def</span>' in html


def test_the_question_page_shows_when_the_plan_has_the_card_due(learner_client, learner):
    question = Question.objects.published().order_by("position").first()
    now = timezone.now()
    # FSRS would show it again in 30 days; an interview in three days wants it reviewed before.
    card = review_card(
        learner, question, due_in=timedelta(days=30), stability=40, last_review=now - timedelta(days=10)
    )
    settings = learner.study_settings
    settings.interview_date = timezone.localdate() + timedelta(days=3)
    settings.interview_target = 0.97
    settings.save()
    planned = planning.due(CardFields.from_model(card), Limits.of(settings))
    assert planned < card.due
    html = learner_client.get(f"/questions/{question.number}/").content.decode()
    shown = re.search(r'<dt>Next review</dt><dd><time datetime="([^"]+)"', html).group(1)
    assert datetime.fromisoformat(shown) == planned


def test_content_in_another_language_than_the_interface_is_marked_with_its_own(learner_client):
    # A Korean interface reading English content: screen readers switch voice on lang, and only there.
    learner_client.get("/questions/2.13/?lang=en")
    korean = {"HTTP_ACCEPT_LANGUAGE": "ko"}
    question = learner_client.get("/questions/2.13/", **korean).content.decode()
    assert '<html lang="ko">' in question
    assert '<h2 id="outline-title" lang="en">Answer outline</h2>' in question
    assert '<h2 id="terms-title" lang="en">Terms in this question</h2>' in question
    assert '<h2 id="fu-title" lang="en">Likely follow-ups</h2>' in question
    assert '<summary lang="en">Show a model answer</summary>' in question
    assert '<a href="/chapters/2/" lang="en">2. ML fundamentals</a>' in question
    assert '<span lang="en">gradient descent</span> · <span lang="ko">' in question
    chapter = learner_client.get("/chapters/4/", **korean).content.decode()
    assert re.search(r'<h1 lang="en">4\. [^<]+</h1>', chapter)
    assert re.search(r'<h2 lang="en">[A-Z][^<]+</h2>', chapter)
    listing = learner_client.get("/questions/", **korean).content.decode()
    assert '<a href="/questions/2.13/" lang="en">Optimization with gradient descent</a>' in listing
