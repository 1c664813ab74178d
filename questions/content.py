"""Load, validate and export StudyHub's content (fixtures/*.yaml). No request objects here.

One YAML file per chapter. Natural keys (chapter number, question number, guide slug) make loading
idempotent: a second run changes nothing, an edited file updates its rows, and a question missing from
the files is reported, never deleted. Everything is validated before anything is written, and the
whole load is one transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from questions.content_files import database_items, item_hashes, keyed_items
from questions.glossary import forget_version, normalise_term
from questions.models import (
    AnswerOutline,
    Chapter,
    FollowUp,
    GlossaryTerm,
    GuideSection,
    KeyPoint,
    LoadedItem,
    Question,
    Status,
)
from questions.rendering import math_is_balanced, render_markdown

TOC_FILE = "book-toc.yaml"
GLOSSARY_FILE = "glossary.yaml"
CHAPTER_KINDS = {choice.value for choice in Chapter.Kind}
QUESTION_KINDS = {choice.value for choice in Question.Kind}
OUTLINE_WORDS = (150, 400)
GUIDE_WORDS = (300, 600)
KEY_POINTS = (4, 8)
KEY_POINT_WORDS = 20
FOLLOW_UPS = (1, 3)
FOLLOW_UP_ANSWER_WORDS = (40, 120)
SOLUTION_TESTS = (3, 12)
TAGS = (2, 5)
_RAW_HTML = re.compile(r"<[A-Za-z!/]")
_CODE_OR_MATH = re.compile(r"```.*?```|`[^`\n]*`|\$\$.+?\$\$|\$[^$\n]+\$", re.S)

# libyaml parses the content files about eight times faster than the pure-Python parser.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)


class ContentError(Exception):
    """Content that cannot be loaded; `errors` name the file, item and field of each problem."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    missing_from_files: list[str] = field(default_factory=list)
    # "Q2.13: outline_ko" for each field edited in the database since the last load that the files
    # would change; when there are any, nothing was written.
    conflicts: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


# Validation and loading both render every body; a load renders each text once.
_render = lru_cache(maxsize=4096)(render_markdown)


def count_words(text: str) -> int:
    """Whitespace-separated tokens with at least one letter or digit (a Korean eojeol is one word)."""
    return sum(1 for token in (text or "").split() if re.search(r"\w", token))


def read_toc(directory: Path) -> list[dict]:
    return read_yaml(directory / TOC_FILE)["chapters"]


def chapter_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("chapter-*.yaml"))


# --- validation -------------------------------------------------------------------------------


class _Checker:
    def __init__(self, filename: str):
        self.filename = filename
        self.errors: list[str] = []

    def error(self, item: str, fieldname: str, message: str) -> None:
        self.errors.append(f"{self.filename}: {item}: {fieldname}: {message}")

    def text(self, item: str, data: dict, name: str, required: bool = True, label: str = "") -> str:
        label = label or name
        value = data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(item, label, _("is required"))
            return ""
        if not isinstance(value, str):
            self.error(item, label, _("must be text, not %(type)s") % {"type": type(value).__name__})
            return ""
        return value.strip()

    def markdown(
        self, item: str, data: dict, name: str, bounds: tuple[int, int], required: bool, label: str = ""
    ) -> str:
        label = label or name
        body = self.text(item, data, name, required, label)
        if not body:
            return body
        words = count_words(body)
        if not bounds[0] <= words <= bounds[1]:
            self.error(
                item,
                label,
                _("has %(count)s words; %(low)s–%(high)s expected")
                % {"count": words, "low": bounds[0], "high": bounds[1]},
            )
        if not math_is_balanced(body):
            self.error(item, label, _("has an unbalanced $ (LaTeX must be $…$ or $$…$$)"))
        if _RAW_HTML.search(_CODE_OR_MATH.sub("", body)):
            self.error(item, label, _("contains raw HTML; use markdown only"))
        if not _render(body).strip():
            self.error(item, label, _("renders to nothing"))
        return body

    def pairs(self, item: str, data: dict, name: str, bounds: tuple[int, int], required: bool) -> list[dict]:
        value = data.get(name) or []
        if not isinstance(value, list):
            self.error(item, name, _("must be a list of {ko, en} items"))
            return []
        if (value or required) and not bounds[0] <= len(value) <= bounds[1]:
            self.error(
                item,
                name,
                _("has %(count)s items; %(low)s–%(high)s expected")
                % {"count": len(value), "low": bounds[0], "high": bounds[1]},
            )
        result = []
        for index, pair in enumerate(value, 1):
            if not isinstance(pair, dict):
                self.error(item, f"{name}[{index}]", _("must have ko and en"))
                continue
            ko = self.text(item, pair, "ko") if pair.get("ko") else ""
            en = self.text(item, pair, "en") if pair.get("en") else ""
            if not ko or not en:
                self.error(item, f"{name}[{index}]", _("needs both ko and en text"))
            result.append({"ko": ko, "en": en})
        return result


def _validate_question(check: _Checker, data: dict, toc_title: str) -> dict | None:
    number = str(data.get("number"))
    item = f"Q{number}"
    status = data.get("status", Status.DRAFT)
    if status not in Status.values:
        check.error(
            item, "status", _("must be draft or published, not %(status)s") % {"status": repr(status)}
        )
        return None
    published = status == Status.PUBLISHED
    title_ko = check.text(item, data, "title_ko")
    if title_ko and title_ko != toc_title:
        check.error(
            item, "title_ko", _("must be exactly %(title)s (table of contents)") % {"title": repr(toc_title)}
        )
    clean = {
        "number": number,
        "title_ko": title_ko,
        "title_en": check.text(item, data, "title_en"),
        "prompt_ko": check.text(item, data, "prompt_ko", published),
        "prompt_en": check.text(item, data, "prompt_en", published),
        "status": status,
    }
    kind = data.get("kind", Question.Kind.CONCEPT)
    if kind not in QUESTION_KINDS:
        check.error(
            item, "kind", _("must be one of %(choices)s") % {"choices": ", ".join(sorted(QUESTION_KINDS))}
        )
    difficulty = data.get("difficulty", 2)
    if difficulty not in (1, 2, 3):
        check.error(item, "difficulty", _("must be 1, 2 or 3"))
    tags = data.get("tags") or []
    if not isinstance(tags, list) or any(not re.fullmatch(r"[a-z0-9][a-z0-9-]*", str(t)) for t in tags):
        check.error(item, "tags", _("must be a list of lowercase tags"))
        tags = []
    elif (tags or published) and not TAGS[0] <= len(tags) <= TAGS[1]:
        check.error(
            item,
            "tags",
            _("has %(count)s tags; %(low)s–%(high)s expected")
            % {"count": len(tags), "low": TAGS[0], "high": TAGS[1]},
        )
    outline_ko = check.markdown(item, data, "outline_ko", OUTLINE_WORDS, published)
    outline_en = check.markdown(item, data, "outline_en", OUTLINE_WORDS, published)
    if bool(outline_ko) != bool(outline_en):
        check.error(item, "outline_en" if outline_ko else "outline_ko", _("both languages are required"))
    key_points = check.pairs(item, data, "key_points", KEY_POINTS, published)
    for index, point in enumerate(key_points, 1):
        for lang in ("ko", "en"):
            if count_words(point[lang]) > KEY_POINT_WORDS:
                check.error(
                    item,
                    f"key_points[{index}].{lang}",
                    _("is over %(count)s words") % {"count": KEY_POINT_WORDS},
                )
    if key_points and not outline_ko:
        check.error(item, "key_points", _("need an outline"))
    clean.update(
        kind=kind,
        difficulty=difficulty,
        tags=[str(t) for t in tags],
        outline_ko=outline_ko,
        outline_en=outline_en,
        key_points=key_points,
        follow_ups=_validate_follow_ups(check, item, data, published),
        **_validate_solution(check, item, data, published and kind == Question.Kind.CODING),
    )
    return clean


def _validate_follow_ups(check: _Checker, item: str, data: dict, published: bool) -> list[dict]:
    """Each follow-up is the question (ko, en) and a short model answer (answer_ko, answer_en)."""
    follow_ups = check.pairs(item, data, "follow_ups", FOLLOW_UPS, published)
    raw = data.get("follow_ups") if isinstance(data.get("follow_ups"), list) else []
    for index, (follow_up, source) in enumerate(zip(follow_ups, raw, strict=False), 1):
        for lang in ("ko", "en"):
            name = f"answer_{lang}"
            answer = check.markdown(
                item, source, name, FOLLOW_UP_ANSWER_WORDS, published, label=f"follow_ups[{index}].{name}"
            )
            follow_up[name] = answer
    return follow_ups


def _validate_solution(check: _Checker, item: str, data: dict, required: bool) -> dict:
    """A coding question's reference solution (Python source) and the cases it must pass."""
    solution = check.text(item, data, "solution", required)
    if solution:
        try:
            compile(solution, f"{item} solution", "exec")
        except SyntaxError as error:
            check.error(
                item,
                "solution",
                _("is not valid Python: %(error)s (line %(line)s)")
                % {"error": error.msg, "line": error.lineno},
            )
    tests = data.get("tests") or []
    cases = []
    if not isinstance(tests, list):
        check.error(item, "tests", _("must be a list of {name, code} cases"))
        tests = []
    if (solution or tests) and not SOLUTION_TESTS[0] <= len(tests) <= SOLUTION_TESTS[1]:
        check.error(
            item,
            "tests",
            _("has %(count)s cases; %(low)s–%(high)s expected")
            % {"count": len(tests), "low": SOLUTION_TESTS[0], "high": SOLUTION_TESTS[1]},
        )
    for index, case in enumerate(tests, 1):
        if not isinstance(case, dict):
            check.error(item, f"tests[{index}]", _("must have name and code"))
            continue
        name = check.text(item, case, "name") if case.get("name") else ""
        code = check.text(item, case, "code") if case.get("code") else ""
        if not name or not code:
            check.error(item, f"tests[{index}]", _("needs a name and code"))
            continue
        try:
            compile(code, f"{item} test {name}", "exec")
        except SyntaxError as error:
            check.error(
                item, f"tests[{index}].code", _("is not valid Python: %(error)s") % {"error": error.msg}
            )
        cases.append({"name": name, "code": code})
    return {"solution": solution, "tests": cases}


def _validate_guide(check: _Checker, data: dict, position: int, toc_title: str) -> dict:
    item = f"guide {position}"
    published = data.get("status", Status.PUBLISHED) == Status.PUBLISHED
    title_ko = check.text(item, data, "title_ko")
    if title_ko and title_ko != toc_title:
        check.error(
            item, "title_ko", _("must be exactly %(title)s (table of contents)") % {"title": repr(toc_title)}
        )
    slug = check.text(item, data, "slug")
    if slug and not re.fullmatch(r"[a-z0-9-]+", slug):
        check.error(item, "slug", _("must be lowercase letters, digits and hyphens"))
    has_body = bool(data.get("body_ko") or data.get("body_en"))
    return {
        "slug": slug,
        "position": position,
        "title_ko": title_ko,
        "title_en": check.text(item, data, "title_en"),
        "body_ko": check.markdown(item, data, "body_ko", GUIDE_WORDS, published),
        "body_en": check.markdown(item, data, "body_en", GUIDE_WORDS, published),
        "status": Status.PUBLISHED if published and has_body else Status.DRAFT,
    }


def validate(directory: Path) -> list[dict]:
    """Read and check every chapter file against the table of contents; raise ContentError if any fail."""
    toc = read_toc(directory)
    errors: list[str] = []
    by_number: dict[str, tuple[Path, dict]] = {}
    for path in chapter_files(directory):
        try:
            data = read_yaml(path)
        except yaml.YAMLError as error:
            errors.append(f"{path.name}: " + _("not valid YAML: %(error)s") % {"error": error})
            continue
        if not isinstance(data, dict) or not isinstance(data.get("chapter"), dict):
            errors.append(f"{path.name}: chapter: " + _("a top-level 'chapter' mapping is required"))
            continue
        number = str(data["chapter"].get("number"))
        if number in by_number:
            also = _("number %(number)s is also in %(file)s") % {
                "number": number,
                "file": by_number[number][0].name,
            }
            errors.append(f"{path.name}: chapter: {also}")
        by_number[number] = (path, data)
    chapters = []
    for position, toc_chapter in enumerate(toc, 1):
        number = str(toc_chapter["number"])
        if number not in by_number:
            errors.append(f"chapter-{number}.yaml: chapter {number}: " + _("file is missing"))
            continue
        path, data = by_number.pop(number)
        chapters.append(_validate_chapter(path.name, data, toc_chapter, position, errors))
    errors.extend(
        f"{path.name}: chapter {n}: " + _("not in the table of contents")
        for n, (path, _data) in by_number.items()
    )
    if errors:
        raise ContentError(errors)
    return chapters


def _validate_stages(check: _Checker, item: str, head: dict, numbers: list[str]) -> list[dict]:
    """A design chapter's map: ordered stages that together hold every question of the chapter once."""
    stages = head.get("stages") or []
    if not isinstance(stages, list):
        check.error(item, "stages", _("must be a list of {title_ko, title_en, numbers}"))
        return []
    clean, seen = [], []
    for index, stage in enumerate(stages, 1):
        label = f"stages[{index}]"
        if not isinstance(stage, dict) or not isinstance(stage.get("numbers"), list):
            check.error(item, label, _("must have title_ko, title_en and a list of numbers"))
            continue
        stage_numbers = [str(n) for n in stage["numbers"]]
        unknown = [n for n in stage_numbers if n not in numbers]
        if unknown:
            check.error(
                item,
                f"{label}.numbers",
                _("%(numbers)s not in this chapter") % {"numbers": ", ".join(unknown)},
            )
        seen.extend(stage_numbers)
        clean.append(
            {
                "title_ko": check.text(item, stage, "title_ko", label=f"{label}.title_ko"),
                "title_en": check.text(item, stage, "title_en", label=f"{label}.title_en"),
                "numbers": stage_numbers,
            }
        )
    if clean:
        twice = sorted({n for n in seen if seen.count(n) > 1})
        missing = [n for n in numbers if n not in seen]
        if twice:
            check.error(
                item, "stages", _("%(numbers)s in more than one stage") % {"numbers": ", ".join(twice)}
            )
        if missing:
            check.error(item, "stages", _("%(numbers)s in no stage") % {"numbers": ", ".join(missing)})
    return clean


def _validate_chapter(filename: str, data: dict, toc_chapter: dict, position: int, errors: list[str]) -> dict:
    check = _Checker(filename)
    head = data["chapter"]
    number = str(toc_chapter["number"])
    item = f"chapter {number}"
    if head.get("title_ko") != toc_chapter["title_ko"]:
        check.error(
            item, "title_ko", _("must be exactly %(title)s") % {"title": repr(toc_chapter["title_ko"])}
        )
    if head.get("kind") not in CHAPTER_KINDS:
        check.error(item, "kind", _("must be one of %(choices)s") % {"choices": sorted(CHAPTER_KINDS)})
    chapter = {
        "number": number,
        "position": position,
        "title_ko": toc_chapter["title_ko"],
        "title_en": check.text(item, head, "title_en"),
        "kind": head.get("kind"),
        "questions": [],
        "guides": [],
    }
    numbered = [s for s in toc_chapter["sections"] if "number" in s]
    chapter["stages"] = _validate_stages(check, item, head, [str(s["number"]) for s in numbered])
    if numbered:
        items = {str(q.get("number")): q for q in data.get("items") or [] if isinstance(q, dict)}
        for section in numbered:
            number_q = str(section["number"])
            if number_q not in items:
                check.error(f"Q{number_q}", "number", _("is in the table of contents but missing here"))
                continue
            question = _validate_question(check, items.pop(number_q), section["title_ko"])
            if question:
                chapter["questions"].append(question)
        for extra in items:
            check.error(
                f"Q{extra}", "number", _("is not a section of chapter %(number)s") % {"number": number}
            )
    else:
        guides = data.get("guides") or []
        if len(guides) != len(toc_chapter["sections"]):
            check.error(
                item,
                "guides",
                ngettext(
                    "has %(count)s section; %(expected)s expected",
                    "has %(count)s sections; %(expected)s expected",
                    len(guides),
                )
                % {"count": len(guides), "expected": len(toc_chapter["sections"])},
            )
        for index, (guide, section) in enumerate(zip(guides, toc_chapter["sections"], strict=False), 1):
            chapter["guides"].append(_validate_guide(check, guide, index, section["title_ko"]))
    errors.extend(check.errors)
    return chapter


def validate_glossary(directory: Path) -> list[dict]:
    """Read fixtures/glossary.yaml: one entry per concept; no spelling may name two concepts."""
    path = directory / GLOSSARY_FILE
    if not path.exists():
        return []
    check = _Checker(GLOSSARY_FILE)
    try:
        data = read_yaml(path) or {}
    except yaml.YAMLError as error:
        raise ContentError(
            [f"{GLOSSARY_FILE}: " + _("not valid YAML: %(error)s") % {"error": error}]
        ) from None
    entries = data.get("terms") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ContentError([f"{GLOSSARY_FILE}: terms: " + _("a top-level list 'terms' is required")])
    owner: dict[str, str] = {}
    terms = []
    for index, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            check.error(f"term {index}", "id", _("each term must be a mapping"))
            continue
        slug = str(entry.get("id") or "")
        item = f"term {slug or index}"
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
            check.error(item, "id", _("must be lowercase letters, digits and hyphens"))
        elif any(t["slug"] == slug for t in terms):
            check.error(item, "id", _("is used by another term"))
        term = {
            "slug": slug,
            "term_ko": check.text(item, entry, "ko"),
            "term_en": check.text(item, entry, "en"),
        }
        for lang in ("ko", "en"):
            name = f"aliases_{lang}"
            aliases = entry.get(name) or []
            if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
                check.error(item, name, _("must be a list of spellings"))
                aliases = []
            term[name] = [a.strip() for a in aliases]
        names = [term["term_ko"], term["term_en"], *term["aliases_ko"], *term["aliases_en"]]
        for name in dict.fromkeys(normalise_term(n) for n in names if n):
            if name in owner and owner[name] != slug:
                check.error(
                    item,
                    "aliases",
                    _("%(spelling)s also names the concept %(concept)s")
                    % {"spelling": repr(name), "concept": repr(owner[name])},
                )
            owner.setdefault(name, slug)
        terms.append(term)
    if check.errors:
        raise ContentError(check.errors)
    return terms


# --- loading ----------------------------------------------------------------------------------


def _upsert(model, lookup: dict, values: dict, label: str, report: LoadReport):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.save()
        report.created.append(label)
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
        report.updated.append(f"{label} ({', '.join(changed)})")
    else:
        report.unchanged += 1
    return obj


def _bodies(body_ko: str, body_en: str) -> dict:
    """Markdown bodies with their rendering, so a change of renderer also counts as a change."""
    return {
        "body_ko": body_ko,
        "body_en": body_en,
        "body_ko_html": _render(body_ko),
        "body_en_html": _render(body_en),
    }


def _sync_outline(question: Question, data: dict, report: LoadReport) -> None:
    label = f"Q{question.number} outline"
    if not data["outline_ko"]:
        return
    outline = _upsert(
        AnswerOutline,
        {"question": question},
        _bodies(data["outline_ko"], data["outline_en"]),
        label,
        report,
    )
    existing = {kp.position: kp for kp in outline.key_points.all()}
    for position, point in enumerate(data["key_points"], 1):
        kp = existing.pop(position, None)
        if kp is None:
            KeyPoint.objects.create(
                outline=outline, position=position, text_ko=point["ko"], text_en=point["en"]
            )
            report.created.append(f"Q{question.number} key point {position}")
        elif (kp.text_ko, kp.text_en) != (point["ko"], point["en"]):
            kp.text_ko, kp.text_en = point["ko"], point["en"]
            kp.save()
            report.updated.append(f"Q{question.number} key point {position}")
    for kp in existing.values():
        kp.delete()
        report.updated.append(f"Q{question.number} key point {kp.position} removed")


def _sync_follow_ups(question: Question, follow_ups: list[dict], report: LoadReport) -> None:
    existing = {f.position: f for f in question.follow_ups.all()}
    for position, data in enumerate(follow_ups, 1):
        values = {
            "text_ko": data["ko"],
            "text_en": data["en"],
            "answer_ko": data.get("answer_ko", ""),
            "answer_en": data.get("answer_en", ""),
        }
        follow_up = existing.pop(position, None)
        label = f"Q{question.number} follow-up {position}"
        if follow_up is None:
            FollowUp.objects.create(question=question, position=position, **values)
            report.created.append(label)
        elif any(getattr(follow_up, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(follow_up, name, value)
            follow_up.save()
            report.updated.append(label)
    for follow_up in existing.values():
        follow_up.delete()
        report.updated.append(f"Q{question.number} follow-up {follow_up.position} removed")


def _sync_glossary(terms: list[dict], report: LoadReport) -> None:
    keep = set()
    for term in terms:
        keep.add(term["slug"])
        _upsert(
            GlossaryTerm,
            {"slug": term["slug"]},
            {k: v for k, v in term.items() if k != "slug"},
            f"glossary {term['slug']}",
            report,
        )
    stale = GlossaryTerm.objects.exclude(slug__in=keep)
    report.updated.extend(f"glossary {slug} removed" for slug in stale.values_list("slug", flat=True))
    stale.delete()
    forget_version()


def read_content(directory: Path) -> tuple[list[dict], list[dict]]:
    """Validate every chapter file and the glossary; raise one ContentError listing every problem."""
    errors: list[str] = []
    chapters, glossary = [], []
    for read in (validate, validate_glossary):
        try:
            result = read(directory)
        except ContentError as error:
            errors.extend(error.errors)
            continue
        if read is validate:
            chapters = result
        else:
            glossary = result
    if errors:
        raise ContentError(errors)
    return chapters, glossary


def edit_conflicts(files: dict[str, dict]) -> list[str]:
    """The fields the files would change that were edited in the database since they were last loaded.

    A field conflicts when the database no longer holds what the last load wrote (an admin edit) and
    the files hold something else again. An item never loaded before has nothing to conflict with.
    """
    recorded = dict(LoadedItem.objects.values_list("key", "hashes"))
    database = {key: item_hashes(fields) for key, fields in keyed_items(*database_items()).items()}
    conflicts = []
    for key, fields in files.items():
        loaded, now = recorded.get(key), database.get(key)
        if loaded is None or now is None:
            continue
        for name, digest in item_hashes(fields).items():
            if name in loaded and now.get(name) != loaded[name] and now.get(name) != digest:
                conflicts.append(f"{key}: {name}")
    return conflicts


def _record_loaded(files: dict[str, dict]) -> None:
    recorded = {item.key: item for item in LoadedItem.objects.all()}
    new, changed = [], []
    for key, fields in files.items():
        hashes = item_hashes(fields)
        item = recorded.get(key)
        if item is None:
            new.append(LoadedItem(key=key, hashes=hashes))
        elif item.hashes != hashes:
            item.hashes = hashes
            changed.append(item)
    LoadedItem.objects.bulk_create(new)
    LoadedItem.objects.bulk_update(changed, ["hashes"])


def load_content(directory: Path, force: bool = False) -> LoadReport:
    """Validate every file, then create or update rows in one transaction. Idempotent.

    An edit made in the database since the last load is never overwritten silently: the report lists
    the conflicting fields and nothing is written, unless `force`.
    """
    chapters, glossary = read_content(directory)
    files = keyed_items(chapters, glossary)
    report = LoadReport()
    seen: set[str] = set()
    with transaction.atomic():
        conflicts = [] if force else edit_conflicts(files)
        if conflicts:
            return LoadReport(conflicts=conflicts)
        for data in chapters:
            chapter = _upsert(
                Chapter,
                {"number": data["number"]},
                {k: data[k] for k in ("position", "title_ko", "title_en", "kind", "stages")},
                f"chapter {data['number']}",
                report,
            )
            for guide in data["guides"]:
                values = {k: v for k, v in guide.items() if k not in {"slug", "body_ko", "body_en"}}
                _upsert(
                    GuideSection,
                    {"slug": guide["slug"]},
                    {**values, **_bodies(guide["body_ko"], guide["body_en"]), "chapter": chapter},
                    f"guide {guide['slug']}",
                    report,
                )
            for q in data["questions"]:
                seen.add(q["number"])
                fields = (
                    "title_ko",
                    "title_en",
                    "prompt_ko",
                    "prompt_en",
                    "kind",
                    "difficulty",
                    "tags",
                    "solution",
                    "status",
                )
                question = _upsert(
                    Question,
                    {"number": q["number"]},
                    {**{k: q[k] for k in fields}, "solution_tests": q["tests"], "chapter": chapter},
                    f"Q{q['number']}",
                    report,
                )
                _sync_outline(question, q, report)
                _sync_follow_ups(question, q["follow_ups"], report)
        _sync_glossary(glossary, report)
        _record_loaded(files)
    report.missing_from_files = sorted(
        Question.objects.exclude(number__in=seen).values_list("number", flat=True)
    )
    return report


def toc_titles(directory: Path) -> dict[str, str]:
    """Question number → its Korean title in the table of contents."""
    return {
        str(section["number"]): section["title_ko"]
        for chapter in read_toc(directory)
        for section in chapter["sections"]
        if "number" in section
    }


def publishing_problems(data: dict, directory: Path) -> list[str]:
    """What `load_content` would refuse in this question if it were published: "field: message" lines.

    `data` has the shape of a chapter file's item (`content_files.question_item` gives it for a row).
    """
    check = _Checker("")
    number = str(data.get("number") or "")
    title = toc_titles(directory).get(number)
    if title is None:
        check.error(f"Q{number}", "number", _("is not a section of the table of contents"))
    _validate_question(check, {**data, "status": Status.PUBLISHED}, title or data.get("title_ko", ""))
    prefix = f": Q{number}: "
    return [error.removeprefix(prefix) for error in check.errors]
