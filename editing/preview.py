"""Unsaved content objects for the editor's preview, so the learner's own templates render them."""

from questions.models import AnswerOutline, Chapter, FollowUp, KeyPoint, Question
from questions.rendering import highlight_python, render_markdown


def preview_objects(item: dict) -> list[dict]:
    """For each language, what the question page's `content` partial reads, built from a file-shaped item
    (nothing is saved)."""
    question = Question(
        chapter=Chapter(number=item["number"].partition(".")[0]),
        **{name: item[name] for name in ("number", "title_ko", "title_en", "prompt_ko", "prompt_en")},
        kind=item["kind"],
        difficulty=item["difficulty"],
        tags=item["tags"] if isinstance(item["tags"], list) else [],
        status=item["status"],
        solution=item["solution"],
        solution_html=highlight_python(item["solution"]),
    )
    outline = None
    if item["outline_ko"] or item["outline_en"]:
        outline = AnswerOutline(
            body_ko=item["outline_ko"],
            body_en=item["outline_en"],
            body_ko_html=render_markdown(item["outline_ko"]),
            body_en_html=render_markdown(item["outline_en"]),
        )
    key_points = [
        KeyPoint(position=n, text_ko=p["ko"], text_en=p["en"]) for n, p in enumerate(item["key_points"], 1)
    ]
    follow_ups = [
        FollowUp(
            position=n,
            text_ko=f["ko"],
            text_en=f["en"],
            answer_ko=f["answer_ko"],
            answer_en=f["answer_en"],
            answer_ko_html=render_markdown(f["answer_ko"]),
            answer_en_html=render_markdown(f["answer_en"]),
        )
        for n, f in enumerate(item["follow_ups"], 1)
    ]
    return [
        {
            "lang": lang,
            "label": label,
            "question": question,
            "outline": outline,
            "key_points": key_points,
            "follow_ups": follow_ups,
        }
        for lang, label in (("ko", "한국어"), ("en", "English"))
    ]
