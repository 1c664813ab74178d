"""Searching: a query is analysed like the documents were, then PostgreSQL's full-text search or SQLite's
FTS5 finds the documents stating every part of it, ranked with titles weighted up, and each result
gets a highlighted snippet cut from its stored parts. Only the query is analysed per request.

Each part of a query (a word, or a concept named by any spelling) must appear in a document; a concept
matches any of its spellings, a word also matches longer words it begins (하강 finds 하강법). Both
databases get the same boolean query over the same terms, so they find the same documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import connection, models
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from questions.analysis import CONCEPT_PREFIX, units
from questions.glossary import concept_index
from questions.models import Status
from search.index import index_stale_notes
from search.models import SearchDocument

MAX_QUERY = 200
# Each part of a query is one more condition on every document: a query states at most this many.
MAX_QUERY_PARTS = 12
MAX_RESULTS = 20
SNIPPET_CHARS = 180
QUESTION_NUMBER = re.compile(r"(?:[1-9]|A)\.[0-9]{1,2}")
PREFIX_MIN = 2  # shorter words match only whole: 크 must not find 크기


@dataclass(frozen=True)
class Result:
    document: SearchDocument
    part_kind: str
    snippet: SafeString


@dataclass
class Results:
    query: str
    results: list[Result] = field(default_factory=list)
    total: int = 0
    searchable: bool = True  # False: the query has no word to look for (empty, or only symbols)


Group = frozenset[str]


def _groups(query: str) -> list[Group]:
    return units(query, concept_index())


def _is_prefix(term: str) -> bool:
    return not term.startswith(CONCEPT_PREFIX) and len(term) >= PREFIX_MIN


def _postgres_query(groups: list[Group]) -> str:
    def lexeme(term: str) -> str:
        quoted = "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"
        return quoted + ":*" if _is_prefix(term) else quoted

    return " & ".join("(" + " | ".join(lexeme(t) for t in sorted(group)) + ")" for group in groups)


def _sqlite_query(groups: list[Group]) -> str:
    def phrase(term: str) -> str:
        quoted = '"' + term.replace('"', '""') + '"'
        return quoted + "*" if _is_prefix(term) else quoted

    return " AND ".join("(" + " OR ".join(phrase(t) for t in sorted(group)) + ")" for group in groups)


_VISIBLE = """
    JOIN questions_question q ON q.id = d.question_id
    LEFT JOIN study_note n ON n.id = d.note_id
    WHERE q.status = %s AND (d.note_id IS NULL OR n.user_id = %s)
"""
_POSTGRES_SQL = (
    "SELECT d.id, ts_rank(d.vector, query) AS rank FROM search_searchdocument d "
    "CROSS JOIN CAST(%s AS tsquery) AS query" + _VISIBLE + "AND d.vector @@ query "
    "ORDER BY rank DESC, q.position, d.kind, d.id"
)
# bm25 is lower for better matches; the title column weighs twenty times the body.
_SQLITE_SQL = (
    "SELECT d.id, bm25(search_fts, 20.0, 1.0) AS rank FROM search_fts "
    "JOIN search_searchdocument d ON d.id = search_fts.rowid" + _VISIBLE + "AND search_fts MATCH %s "
    "ORDER BY rank, q.position, d.kind, d.id"
)


def _matching_ids(groups: list[Group], user_id: int) -> list[int]:
    if connection.vendor == "postgresql":
        sql, match = _POSTGRES_SQL, _postgres_query(groups)
        params = [match, Status.PUBLISHED, user_id]
    else:
        sql, match = _SQLITE_SQL, _sqlite_query(groups)
        params = [Status.PUBLISHED, user_id, match]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def search(user, query: str, lang: str = "ko") -> Results:
    """The published questions and this learner's own notes that state every part of `query`, best
    first, with snippets preferring the page's language. Never another learner's notes."""
    # Cut before splitting, so a megabyte of query costs no more than a short one.
    query = " ".join(query[: 4 * MAX_QUERY].split())[:MAX_QUERY]
    if QUESTION_NUMBER.fullmatch(query):
        groups: list[Group] = []
        ids = list(
            SearchDocument.objects.filter(
                kind=SearchDocument.Kind.QUESTION, question__number=query, question__status=Status.PUBLISHED
            ).values_list("pk", flat=True)
        )
    else:
        groups = _groups(query)[:MAX_QUERY_PARTS]
        if not groups:
            return Results(query, searchable=False)
        index_stale_notes(user)
        ids = _matching_ids(groups, user.pk)
    patterns = _patterns(groups)
    documents = (
        SearchDocument.objects.select_related("question")
        .only("kind", "note_id", "question__number", "question__title_ko", "question__title_en")
        .annotate(candidates=_candidate_parts(patterns))
        .in_bulk(ids[:MAX_RESULTS])
    )
    results = []
    for doc_id in ids[:MAX_RESULTS]:
        document = documents[doc_id]
        part_kind, snippet = _snippet(document.candidates, patterns, lang)
        results.append(Result(document, part_kind, snippet))
    return Results(query, results, total=len(ids))


# A document holds some 80 parts, a question's about 20 KB of them; its snippet comes from the few whose
# terms state part of the query. The database sends only those, with their places in the document (and
# the title, the snippet of a question found by its number): reading and decoding every part of twenty
# documents was most of a search's time.
_CANDIDATES = {
    "postgresql": (
        "SELECT COALESCE(jsonb_agg(jsonb_build_array(x.n - 1, x.part) ORDER BY x.n), '[]'::jsonb) "
        "FROM jsonb_array_elements(search_searchdocument.parts) WITH ORDINALITY AS x(part, n) "
        "WHERE x.n = 1 OR x.part ->> 3 ~ %s"
    ),
    "sqlite": (
        "SELECT json_group_array(json_array(x.key, json(x.value))) "
        "FROM json_each(search_searchdocument.parts) AS x "
        "WHERE x.key = 0 OR json_extract(x.value, '$[3]') REGEXP %s"
    ),
}


def _candidate_parts(patterns: list[re.Pattern]) -> RawSQL:
    """[position, part] of the document's title and of each part whose terms match any of `patterns`
    (a regular expression both databases read as Python does)."""
    # Without patterns (a question found by its number) only the title is wanted: "$^" matches no terms
    # but empty ones, which count for nothing.
    either = "|".join(pattern.pattern for pattern in patterns) or "$^"
    return RawSQL(_CANDIDATES[connection.vendor], [either], output_field=models.JSONField())


def _patterns(groups: list[Group]) -> list[re.Pattern]:
    """For each group, a pattern finding a term of it in a part's space-separated terms."""
    patterns = []
    for group in groups:
        words = sorted(re.escape(t) + (r"\S*" if _is_prefix(t) else "") for t in group)
        patterns.append(re.compile(r"(?:^| )(?:" + "|".join(words) + r")(?= |$)"))
    return patterns


def _snippet(candidates: list, patterns: list[re.Pattern], lang: str) -> tuple[str, SafeString]:
    """The part stating most of the query (the page's language first), cut around its first match,
    with every matching word marked. `candidates` are [position, part] pairs, the title's among them."""
    candidates = sorted(candidates)
    best, best_key = None, None
    for position, (kind, part_lang, text, terms, places) in candidates:
        found = sum(1 for pattern in patterns if pattern.search(terms))
        key = (found, part_lang == lang, kind != "title", -position)
        if found and (best_key is None or key > best_key):
            best, best_key = (kind, text, terms, places), key
    if best is None:  # a question found by its number: its title
        if candidates and not patterns:
            title = candidates[0][1]
            return title[0], mark_safe(escape(title[2]))
        return "", mark_safe("")
    kind, text, terms, places = best
    hits = [
        tuple(int(n) for n in place.split(":"))
        for term, place in zip(terms.split(" "), places.split(" "), strict=True)
        if any(pattern.search(term) for pattern in patterns)
    ]
    return kind, _highlight(text, hits)


def _highlight(text: str, hits: list[tuple[int, int]]) -> SafeString:
    hits = sorted(hits)
    merged: list[list[int]] = []
    for start, end in hits:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    begin = max(0, merged[0][0] - SNIPPET_CHARS // 3)
    finish = min(len(text), begin + SNIPPET_CHARS)
    pieces = ["…" if begin else ""]
    cursor = begin
    for start, end in merged:
        if start >= finish:
            break
        pieces.append(escape(text[cursor:start]))
        pieces.append(f"<mark>{escape(text[start : min(end, finish)])}</mark>")
        cursor = min(end, finish)
    pieces.append(escape(text[cursor:finish]))
    pieces.append("…" if finish < len(text) else "")
    return mark_safe("".join(pieces))  # every piece of text above is escaped
