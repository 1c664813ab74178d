import pytest
from django.utils.html import escape

from questions.models import GuideSection, Question

pytestmark = pytest.mark.django_db


def published():
    return Question.objects.published().select_related("outline").order_by("position").first()


@pytest.mark.parametrize("url", ["/questions/", "/questions/2.13/"])
def test_it_requires_login(client, url):
    assert client.get(url)["Location"].startswith("/accounts/login/")


def test_list_shows_every_chapter_and_marks_drafts_coming_soon(learner_client):
    html = learner_client.get("/questions/").content.decode()
    for number in ("2", "3", "4", "5", "6", "7", "A"):
        assert f'id="chapter-{number}"' in html
    question = published()
    assert f'href="/questions/{question.number}/"' in html
    draft = Question.objects.filter(status="draft").first()
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


def test_unknown_and_draft_questions_are_404(learner_client):
    assert learner_client.get("/questions/9.99/").status_code == 404
    draft = Question.objects.filter(status="draft").first()
    assert learner_client.get(f"/questions/{draft.number}/").status_code == 404


def test_staff_can_preview_a_draft(learner_client, learner):
    learner.is_staff = True
    learner.save()
    draft = Question.objects.filter(status="draft").first()
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
    html = client.get(f"/guide/{second.slug}/").content.decode()
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
