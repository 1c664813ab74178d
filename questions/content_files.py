"""The database's content as `load_content` reads it, and the canonical YAML files written from it.

`database_items` gives the same shape `content.validate` and `content.validate_glossary` give for the
files, so the loader can compare both field by field and `write_content` can write files that load back
into exactly these rows. One format: `yaml.safe_dump` with the keys in the order of fixtures/README.md.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import yaml
from django.db.models import Prefetch

from questions.models import Chapter, FollowUp, GlossaryTerm, KeyPoint, Question

TOC_FILE = "book-toc.yaml"
GLOSSARY_FILE = "glossary.yaml"
YAML_WIDTH = 110
CHAPTER_HEADER = "# StudyHub content: chapter {number}. Format and rules: fixtures/README.md\n"
GLOSSARY_HEADER = "# StudyHub glossary: one entry per concept. Format and rules: fixtures/README.md\n"

# The fields of each kind of item whose hashes `load_content` records (the rest is derived).
QUESTION_FIELDS = (
    "title_ko",
    "title_en",
    "prompt_ko",
    "prompt_en",
    "status",
    "kind",
    "difficulty",
    "tags",
    "outline_ko",
    "outline_en",
    "key_points",
    "follow_ups",
    "solution",
    "tests",
)
CHAPTER_FIELDS = ("title_en", "kind", "stages")
GUIDE_FIELDS = ("title_ko", "title_en", "status", "body_ko", "body_en")
TERM_FIELDS = ("term_ko", "term_en", "aliases_ko", "aliases_en")


def _text(value: str) -> str:
    # A browser's textarea sends CRLF; the files and the loader know only LF.
    return (value or "").replace("\r\n", "\n").strip()


def question_item(question: Question) -> dict:
    """One question with its outline, key points and follow-ups, as `content.validate` returns it."""
    outline = getattr(question, "outline", None)
    key_points = list(outline.key_points.all()) if outline else []
    return {
        "number": question.number,
        "title_ko": _text(question.title_ko),
        "title_en": _text(question.title_en),
        "prompt_ko": _text(question.prompt_ko),
        "prompt_en": _text(question.prompt_en),
        "status": question.status,
        "kind": question.kind,
        "difficulty": question.difficulty,
        "tags": list(question.tags or []),
        "outline_ko": _text(outline.body_ko) if outline else "",
        "outline_en": _text(outline.body_en) if outline else "",
        "key_points": [{"ko": _text(p.text_ko), "en": _text(p.text_en)} for p in key_points],
        "follow_ups": [
            {
                "ko": _text(f.text_ko),
                "en": _text(f.text_en),
                "answer_ko": _text(f.answer_ko),
                "answer_en": _text(f.answer_en),
            }
            for f in question.follow_ups.all()
        ],
        "solution": _text(question.solution),
        "tests": [
            {"name": _text(c["name"]), "code": _text(c["code"])} for c in question.solution_tests or []
        ],
    }


def content_questions():
    """Questions with everything `question_item` reads, in a fixed number of queries."""
    return Question.objects.select_related("chapter", "outline").prefetch_related(
        Prefetch("outline__key_points", queryset=KeyPoint.objects.order_by("position")),
        Prefetch("follow_ups", queryset=FollowUp.objects.order_by("position")),
    )


def _stage(stage: dict) -> dict:
    # PostgreSQL's jsonb keeps keys in its own order; the files keep the order of fixtures/README.md.
    order = ("title_ko", "title_en", "numbers")
    return {**{key: stage[key] for key in order if key in stage}, **stage}


def database_items() -> tuple[list[dict], list[dict]]:
    """Every chapter (with its questions or guide sections) and every glossary term in the database."""
    questions: dict[int, list[dict]] = {}
    for question in content_questions().order_by("position"):
        questions.setdefault(question.chapter_id, []).append(question_item(question))
    chapters = []
    for chapter in Chapter.objects.prefetch_related("guides").order_by("position"):
        chapters.append(
            {
                "number": chapter.number,
                "title_ko": chapter.title_ko,
                "title_en": chapter.title_en,
                "kind": chapter.kind,
                "stages": [_stage(stage) for stage in chapter.stages or []],
                "questions": questions.get(chapter.pk, []),
                "guides": [
                    {
                        "slug": guide.slug,
                        "position": guide.position,
                        "title_ko": guide.title_ko,
                        "title_en": guide.title_en,
                        "status": guide.status,
                        "body_ko": _text(guide.body_ko),
                        "body_en": _text(guide.body_en),
                    }
                    for guide in sorted(chapter.guides.all(), key=lambda g: g.position)
                ],
            }
        )
    terms = [
        {
            "slug": term.slug,
            "term_ko": term.term_ko,
            "term_en": term.term_en,
            "aliases_ko": list(term.aliases_ko),
            "aliases_en": list(term.aliases_en),
        }
        for term in GlossaryTerm.objects.order_by("slug")
    ]
    return chapters, terms


def keyed_items(chapters: list[dict], terms: list[dict]) -> dict[str, dict]:
    """Each item under its key ("Q2.13", "chapter 2", "guide <slug>", "term <slug>") with its fields."""
    items: dict[str, dict] = {}
    for chapter in chapters:
        items[f"chapter {chapter['number']}"] = {name: chapter[name] for name in CHAPTER_FIELDS}
        for question in chapter["questions"]:
            items[f"Q{question['number']}"] = {name: question[name] for name in QUESTION_FIELDS}
        for guide in chapter["guides"]:
            items[f"guide {guide['slug']}"] = {name: guide[name] for name in GUIDE_FIELDS}
    for term in terms:
        items[f"term {term['slug']}"] = {name: term[name] for name in TERM_FIELDS}
    return items


def field_hash(value) -> str:
    """A short, stable digest of one field's value (text, number or list of mappings)."""
    encoded = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(encoded.encode()).hexdigest()[:16]


def item_hashes(fields: dict) -> dict[str, str]:
    return {name: field_hash(value) for name, value in fields.items()}


# --- writing ------------------------------------------------------------------------------------


def _question_yaml(q: dict) -> dict:
    out = {name: q[name] for name in ("number", "title_ko", "title_en", "status", "kind", "difficulty")}
    optional = ("tags", "prompt_ko", "prompt_en", "outline_ko", "outline_en", "key_points")
    out.update({name: q[name] for name in optional if q[name]})
    if q["follow_ups"]:
        out["follow_ups"] = [
            {name: f[name] for name in ("ko", "en", "answer_ko", "answer_en") if f[name]}
            for f in q["follow_ups"]
        ]
    out.update({name: q[name] for name in ("solution", "tests") if q[name]})
    return out


def chapter_yaml(chapter: dict) -> str:
    head = {name: chapter[name] for name in ("number", "title_ko", "title_en", "kind")}
    if chapter["stages"]:
        head["stages"] = chapter["stages"]
    document: dict = {"chapter": head}
    if chapter["guides"]:
        document["guides"] = [
            {name: g[name] for name in ("slug", "title_ko", "title_en", "status", "body_ko", "body_en")}
            for g in chapter["guides"]
        ]
    else:
        document["items"] = [_question_yaml(q) for q in chapter["questions"]]
    return CHAPTER_HEADER.format(number=chapter["number"]) + _dump(document)


def glossary_yaml(terms: list[dict]) -> str:
    entries = [
        {
            "id": t["slug"],
            "ko": t["term_ko"],
            "en": t["term_en"],
            "aliases_ko": t["aliases_ko"],
            "aliases_en": t["aliases_en"],
        }
        for t in terms
    ]
    return GLOSSARY_HEADER + _dump({"terms": entries})


class _ContentDumper(yaml.SafeDumper):
    """Multi-line text as a literal block (`|`), as an editor writes it; the loader strips the final
    newline, so it round-trips. Text a block cannot hold (trailing spaces) falls back to quotes."""


def _represent_text(dumper: yaml.SafeDumper, value: str):
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value + "\n", style="|")
    return dumper.represent_str(value)


_ContentDumper.add_representer(str, _represent_text)


def _dump(document: dict) -> str:
    return yaml.dump(document, Dumper=_ContentDumper, allow_unicode=True, sort_keys=False, width=YAML_WIDTH)


def content_files(toc_directory: Path) -> dict[str, str]:
    """File name → text of every content file, written from the database; the table of contents is
    copied from `toc_directory` as it is (it is the book's, not StudyHub's)."""
    chapters, terms = database_items()
    files = {f"chapter-{c['number']}.yaml": chapter_yaml(c) for c in chapters}
    files[GLOSSARY_FILE] = glossary_yaml(terms)
    files[TOC_FILE] = (toc_directory / TOC_FILE).read_text(encoding="utf-8")
    return files


def write_content(directory: Path, toc_directory: Path) -> list[str]:
    """Write every content file into `directory` (created if missing); returns the names written."""
    directory.mkdir(parents=True, exist_ok=True)
    files = content_files(toc_directory)
    for name, text in files.items():
        target = directory / name
        if name == TOC_FILE and target.exists() and target.samefile(toc_directory / TOC_FILE):
            continue
        target.write_text(text, encoding="utf-8")
    return sorted(files)
