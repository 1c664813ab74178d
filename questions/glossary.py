"""The glossary: which concepts a text names, and filtering the list. No request objects here."""

from __future__ import annotations

import re
import time
from functools import lru_cache

from django.db.models import Count, Max

from questions.analysis import ConceptIndex, analyser_name
from questions.models import GlossaryTerm


def normalise_term(text: str) -> str:
    """How a glossary name is compared: case-folded, runs of spaces as one."""
    return " ".join(str(text).casefold().split())


# How long a process trusts the glossary version it last read: a page that matches many texts asks
# the database once, and an edit reaches every replica within this many seconds.
VERSION_TTL = 2.0
_version: tuple[float, tuple] = (0.0, ())


def glossary_version() -> tuple:
    """Changes whenever a term is added, removed or edited (read at most every VERSION_TTL seconds)."""
    global _version
    checked, version = _version
    now = time.monotonic()
    if now - checked > VERSION_TTL or not version:
        version = tuple(GlossaryTerm.objects.aggregate(n=Count("id"), last=Max("updated_at")).values())
        _version = (now, version)
    return version


def forget_version() -> None:
    """Read the version afresh next time (after this process changed the glossary)."""
    global _version
    _version = (0.0, ())


@lru_cache(maxsize=4)
def _terms(version: tuple) -> tuple[GlossaryTerm, ...]:
    return tuple(GlossaryTerm.objects.all())


def all_terms() -> tuple[GlossaryTerm, ...]:
    return _terms(glossary_version())


@lru_cache(maxsize=2)
def _concept_index(version: tuple, analyser: str) -> ConceptIndex:
    return ConceptIndex.build([(term.slug, name) for term in _terms(version) for name in term.names])


def concept_index() -> ConceptIndex:
    """Every spelling of every concept, analysed once per glossary version (one query to check it)."""
    return _concept_index(glossary_version(), analyser_name())


def _pattern(name: str) -> re.Pattern:
    # Latin names match whole words; Korean names match inside an eojeol (particles follow them).
    escaped = re.escape(name)
    if re.search(r"[A-Za-z0-9]", name):
        return re.compile(rf"(?<![A-Za-z0-9]){escaped}(?![A-Za-z0-9])", re.I)
    return re.compile(escaped)


@lru_cache(maxsize=4096)
def _compiled(name: str) -> re.Pattern:
    return _pattern(name)


def terms_in(texts: list[str], terms=None) -> list[GlossaryTerm]:
    """The glossary concepts any of `texts` names, by any spelling, in glossary order."""
    haystack = "\n".join(t for t in texts if t)
    found = []
    for term in all_terms() if terms is None else terms:
        if any(len(name) > 1 and _compiled(name).search(haystack) for name in term.names):
            found.append(term)
    return found


def filter_terms(query: str) -> list[GlossaryTerm]:
    """Terms any of whose spellings contains the query (case-insensitive); all terms for an empty query."""
    needle = normalise_term(query)
    terms = all_terms()
    if not needle:
        return list(terms)
    return [t for t in terms if any(needle in normalise_term(name) for name in t.names)]
