import re
import shutil
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from questions.content import (
    ContentError,
    count_words,
    load_content,
    read_toc,
    read_yaml,
    validate,
    validate_glossary,
)
from questions.models import AnswerOutline, Chapter, FollowUp, GlossaryTerm, GuideSection, KeyPoint, Question

FIXTURES = Path(settings.STUDYHUB_FIXTURES_DIR)
SHARED = settings.BASE_DIR.parent / "shared"


@pytest.fixture
def fixtures(tmp_path):
    target = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, target)
    return target


def edit(directory, chapter, change):
    path = directory / f"chapter-{chapter}.yaml"
    data = read_yaml(path)
    change(data)
    path.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False))


def item(data, number):
    return next(q for q in data["items"] if q["number"] == number)


def errors_of(directory):
    with pytest.raises(ContentError) as info:
        validate(directory)
    return info.value.errors


def test_every_table_of_contents_number_is_loaded_with_its_exact_title(db):
    for chapter in read_toc(FIXTURES):
        for section in chapter["sections"]:
            if "number" in section:
                assert Question.objects.get(number=section["number"]).title_ko == section["title_ko"]
            else:
                assert GuideSection.objects.filter(title_ko=section["title_ko"]).exists()
        assert Chapter.objects.get(number=str(chapter["number"])).title_ko == chapter["title_ko"]
    assert Question.objects.count() == 124
    assert GuideSection.objects.count() == 6


@pytest.mark.skipif(not (SHARED / "book-toc.yaml").exists(), reason="shared table of contents not present")
def test_the_projects_table_of_contents_is_the_books():
    assert read_yaml(FIXTURES / "book-toc.yaml") == yaml.safe_load((SHARED / "book-toc.yaml").read_text())


def test_loading_twice_changes_nothing(db):
    report = load_content(FIXTURES)
    assert not report.changed
    assert report.missing_from_files == []


def test_an_edited_file_updates_its_rows(db, fixtures):
    published = Question.objects.published().order_by("position").first()
    edit(
        fixtures,
        published.chapter.number,
        lambda d: item(d, published.number).update(prompt_en="Explain it again."),
    )
    report = load_content(fixtures)
    assert report.updated == [f"Q{published.number} (prompt_en)"]
    assert Question.objects.get(pk=published.pk).prompt_en == "Explain it again."


def test_an_edited_key_point_keeps_its_row(db, fixtures):
    published = Question.objects.published().order_by("position").first()
    first_point = KeyPoint.objects.get(outline__question=published, position=1)

    def change(data):
        item(data, published.number)["key_points"][0]["en"] = "A reworded point"

    edit(fixtures, published.chapter.number, change)
    load_content(fixtures)
    first_point.refresh_from_db()
    assert first_point.text_en == "A reworded point"


def test_a_question_missing_from_the_files_is_reported_not_deleted(db):
    chapter = Chapter.objects.get(number="7")
    Question.objects.create(chapter=chapter, number="7.9", title_ko="임시", status="draft")
    report = load_content(FIXTURES)
    assert report.missing_from_files == ["7.9"]
    assert Question.objects.filter(number="7.9").exists()


def test_a_published_question_without_a_prompt_names_file_item_and_field(fixtures):
    data = read_yaml(fixtures / "chapter-2.yaml")
    number = next(q["number"] for q in data["items"] if q["status"] == "published")
    edit(fixtures, "2", lambda d: item(d, number).pop("prompt_ko"))
    assert f"chapter-2.yaml: Q{number}: prompt_ko: is required" in errors_of(fixtures)


def test_a_wrong_korean_title_is_refused(fixtures):
    edit(fixtures, "3", lambda d: item(d, "3.1").update(title_ko="k-평균 알고리즘"))
    assert "chapter-3.yaml: Q3.1: title_ko: must be exactly 'k-평균' (table of contents)" in errors_of(
        fixtures
    )


def test_a_missing_number_and_an_extra_number_are_refused(fixtures):
    def change(data):
        data["items"] = [q for q in data["items"] if q["number"] != "7.2"]
        data["items"].append({"number": "7.4", "title_ko": "새 문제", "title_en": "New", "status": "draft"})

    edit(fixtures, "7", change)
    errors = errors_of(fixtures)
    assert "chapter-7.yaml: Q7.2: number: is in the table of contents but missing here" in errors
    assert "chapter-7.yaml: Q7.4: number: is not a section of chapter 7" in errors


def test_a_missing_chapter_file_is_refused(fixtures):
    (fixtures / "chapter-5.yaml").unlink()
    assert "chapter-5.yaml: chapter 5: file is missing" in errors_of(fixtures)


def test_outline_bounds_and_latex_balance_are_checked(fixtures):
    data = read_yaml(fixtures / "chapter-2.yaml")
    number = next(q["number"] for q in data["items"] if q["status"] == "published")

    def change(data):
        q = item(data, number)
        q["outline_en"] = "Too short, and $unbalanced."
        q["key_points"] = q["key_points"][:2]

    edit(fixtures, "2", change)
    errors = errors_of(fixtures)
    assert f"chapter-2.yaml: Q{number}: outline_en: has 4 words; 150–400 expected" in errors
    assert any(e.endswith("outline_en: has an unbalanced $ (LaTeX must be $…$ or $$…$$)") for e in errors)
    assert f"chapter-2.yaml: Q{number}: key_points: has 2 items; 4–8 expected" in errors


def test_raw_html_in_an_outline_is_refused(fixtures):
    data = read_yaml(fixtures / "chapter-2.yaml")
    number = next(q["number"] for q in data["items"] if q["status"] == "published")
    edit(
        fixtures,
        "2",
        lambda d: item(d, number).update(outline_ko=item(d, number)["outline_ko"] + "\n<script>x</script>"),
    )
    assert f"chapter-2.yaml: Q{number}: outline_ko: contains raw HTML; use markdown only" in errors_of(
        fixtures
    )


def test_bad_yaml_is_refused_with_the_file_named(fixtures):
    (fixtures / "chapter-6.yaml").write_text("chapter: [unclosed\n")
    assert any(e.startswith("chapter-6.yaml: not valid YAML") for e in errors_of(fixtures))


def test_a_bad_file_loads_nothing(db, fixtures):
    edit(fixtures, "2", lambda d: item(d, "2.1").update(prompt_en="Changed"))
    edit(fixtures, "7", lambda d: item(d, "7.1").update(title_ko="틀린 제목"))
    with pytest.raises(ContentError):
        load_content(fixtures)
    assert Question.objects.get(number="2.1").prompt_en != "Changed"


def test_the_command_reports_problems_and_exits_non_zero(db, fixtures):
    edit(fixtures, "7", lambda d: item(d, "7.1").update(title_ko="틀린 제목"))
    with pytest.raises(CommandError, match=r"Q7\.1: title_ko"):
        call_command("load_content", dir=str(fixtures))


def test_published_content_meets_the_content_standard(db):
    for question in Question.objects.published().select_related("outline"):
        outline = question.outline
        for body in (outline.body_ko, outline.body_en):
            assert 150 <= count_words(body) <= 400, question.number
        assert 4 <= outline.key_points.count() <= 8
        assert question.prompt_ko and question.prompt_en
        assert 1 <= question.follow_ups.count() <= 3
        assert 2 <= len(question.tags) <= 5
        assert '<span class="math' in outline.body_en_html or "$" not in outline.body_en


def test_markdown_renders_every_published_outline_without_losing_text(db):
    for outline in AnswerOutline.objects.filter(question__status="published"):
        for body, html in ((outline.body_ko, outline.body_ko_html), (outline.body_en, outline.body_en_html)):
            words = re.findall(r"[A-Za-z가-힣]{4,}", re.sub(r"```.*?```|\$\$?.+?\$\$?", "", body, flags=re.S))
            text = re.sub(r"<[^>]+>", " ", html)
            missing = [w for w in words if w not in text]
            assert not missing, (outline.question.number, missing[:5])


def seven_word_runs(text):
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + 7]) for i in range(len(words) - 6)}


@pytest.mark.skipif(not (SHARED / "seed").exists(), reason="seed review not present")
def test_no_content_shares_a_seven_word_run_with_the_seed_review():
    seed = set()
    for path in (SHARED / "seed").rglob("*.txt"):
        seed |= seven_word_runs(path.read_text(errors="ignore").split("목차")[0])
    for path in FIXTURES.glob("chapter-*.yaml"):
        assert not seven_word_runs(path.read_text()) & seed, path.name


def test_chapter_two_and_the_guide_are_published_in_full(db):
    chapter_two = Question.objects.filter(chapter__number="2")
    assert chapter_two.count() == 29
    assert not chapter_two.exclude(status="published").exists()
    guides = GuideSection.objects.order_by("position")
    assert [g.status for g in guides] == ["published"] * 6
    for guide in guides:
        for body in (guide.body_ko, guide.body_en):
            assert 300 <= count_words(body) <= 600, guide.slug
    assert guides.last().slug == "answer-rubric"


def test_every_published_card_has_an_outline_and_a_checklist_in_both_languages(db):
    for question in Question.objects.published().select_related("outline"):
        outline = question.outline
        assert outline.body_ko_html.strip() and outline.body_en_html.strip()
        for point in outline.key_points.all():
            assert point.text_ko and point.text_en
            assert count_words(point.text_en) <= 20 and count_words(point.text_ko) <= 20
        for follow_up in question.follow_ups.all():
            assert follow_up.text_ko and follow_up.text_en
            assert follow_up.answer_ko_html.strip() and follow_up.answer_en_html.strip()
            for answer in (follow_up.answer_ko, follow_up.answer_en):
                assert 40 <= count_words(answer) <= 120, question.number


def test_every_chapter_two_follow_up_has_an_answer_in_both_languages(db):
    follow_ups = FollowUp.objects.filter(question__chapter__number="2")
    assert follow_ups.count() >= 29
    assert not follow_ups.filter(answer_ko="").exists()
    assert not follow_ups.filter(answer_en="").exists()


def test_a_follow_up_without_an_answer_names_file_item_and_field(fixtures):
    edit(fixtures, "2", lambda d: item(d, "2.13")["follow_ups"][0].pop("answer_ko"))
    assert "chapter-2.yaml: Q2.13: follow_ups[1].answer_ko: is required" in errors_of(fixtures)


def test_a_follow_up_answer_out_of_bounds_is_refused(fixtures):
    edit(fixtures, "2", lambda d: item(d, "2.13")["follow_ups"][0].update(answer_en="Too short."))
    assert "chapter-2.yaml: Q2.13: follow_ups[1].answer_en: has 2 words; 40–120 expected" in errors_of(
        fixtures
    )


def test_an_edited_follow_up_answer_updates_its_row_and_the_card_version(db, fixtures):
    question = Question.objects.get(number="2.13")
    follow_up = question.follow_ups.get(position=1)
    before = question.updated_at
    new_answer = " ".join(["Gradient"] * 50)
    edit(fixtures, "2", lambda d: item(d, "2.13")["follow_ups"][0].update(answer_en=new_answer))
    report = load_content(fixtures)
    assert report.updated == ["Q2.13 follow-up 1"]
    follow_up.refresh_from_db()
    assert follow_up.answer_en == new_answer
    assert "<p>Gradient" in follow_up.answer_en_html
    question.refresh_from_db()
    assert question.updated_at > before


def glossary_of(directory):
    return read_yaml(directory / "glossary.yaml")


def write_glossary(directory, data):
    (directory / "glossary.yaml").write_text(
        yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
    )


def test_an_alias_that_names_two_concepts_is_refused(fixtures):
    data = glossary_of(fixtures)
    first, second = data["terms"][0], data["terms"][1]
    second["aliases_ko"] = [*second.get("aliases_ko", []), first["ko"]]
    write_glossary(fixtures, data)
    with pytest.raises(ContentError) as info:
        validate_glossary(fixtures)
    assert (
        f"glossary.yaml: term {second['id']}: aliases: {first['ko'].casefold()!r} also names the concept "
        f"{first['id']!r}"
    ) in info.value.errors


def test_a_glossary_term_without_its_english_term_is_refused(fixtures):
    data = glossary_of(fixtures)
    data["terms"][0].pop("en")
    write_glossary(fixtures, data)
    with pytest.raises(ContentError) as info:
        validate_glossary(fixtures)
    assert f"glossary.yaml: term {data['terms'][0]['id']}: en: is required" in info.value.errors


def test_the_glossary_loads_every_term_with_its_aliases(db):
    data = glossary_of(FIXTURES)
    assert GlossaryTerm.objects.count() == len(data["terms"]) >= 100
    gradient = GlossaryTerm.objects.get(term_en="gradient")
    assert "기울기" in gradient.aliases_ko


def test_every_concept_of_a_chapter_one_or_two_key_point_is_in_the_glossary(db):
    from questions.glossary import terms_in

    for question in Question.objects.published().filter(chapter__number="2"):
        points = list(KeyPoint.objects.filter(outline__question=question))
        named = terms_in([p.text_ko for p in points] + [p.text_en for p in points])
        assert named, question.number


def test_a_removed_glossary_term_is_deleted_on_load(db, fixtures):
    data = glossary_of(fixtures)
    removed = data["terms"].pop()
    write_glossary(fixtures, data)
    report = load_content(fixtures)
    assert f"glossary {removed['id']} removed" in report.updated
    assert not GlossaryTerm.objects.filter(slug=removed["id"]).exists()


def test_a_stage_naming_a_question_of_another_chapter_is_refused(fixtures):
    def change(data):
        data["chapter"]["stages"][0]["numbers"].append("2.1")

    edit(fixtures, "4", change)
    assert any(
        e.startswith("chapter-4.yaml: chapter 4: stages[1].numbers: 2.1 not in this chapter")
        for e in errors_of(fixtures)
    )


def test_every_chapter_four_question_is_in_exactly_one_stage(db):
    chapter = Chapter.objects.get(number="4")
    numbers = [n for stage in chapter.stages for n in stage["numbers"]]
    assert sorted(numbers) == sorted(chapter.questions.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == 40


def test_a_coding_solution_that_is_not_python_is_refused(fixtures):
    edit(fixtures, "3", lambda d: item(d, "3.1").update(solution="def broken(:\n    pass\n"))
    assert any(
        e.startswith("chapter-3.yaml: Q3.1: solution: is not valid Python") for e in errors_of(fixtures)
    )


def test_a_published_coding_question_needs_a_solution_and_cases(fixtures):
    def change(data):
        item(data, "3.2").pop("solution")
        item(data, "3.2")["tests"] = []

    edit(fixtures, "3", change)
    errors = errors_of(fixtures)
    assert "chapter-3.yaml: Q3.2: solution: is required" in errors


def test_every_chapter_is_published_in_full(db):
    assert not Question.objects.exclude(status="published").exists()
    assert Question.objects.published().count() == 124
