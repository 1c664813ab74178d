"""Answer hints: which key points a written answer seems to state.

Plain functions: no requests. The hint is shown as a suggestion, never as the grade. Both the answer
and each key point go through `questions.analysis`: Korean stems (so other endings and particles
match), English stems, and glossary concepts (so 기울기, 그래디언트 and gradient are one term). A key
point counts when the answer states most of what it states, in either of its languages.
"""

from __future__ import annotations

from questions.analysis import analyse, units
from questions.glossary import concept_index

# Share of a key point's terms that must appear in the answer for the hint to tick it.
HINT_THRESHOLD = 0.5
# A key point of several terms needs at least this many in the answer: one shared word is no hint.
MIN_SHARED = 2
# Only this much of an answer is analysed (an answer form accepts no more), so a hint costs bounded time.
MAX_HINT_CHARS = 20_000


def hint_matches(answer: str, key_points: list[tuple[str, ...]]) -> list[bool]:
    """For each key point, given as its texts in each language, whether the answer seems to cover it."""
    concepts = concept_index()
    answer_terms = {term.text for term in analyse(answer[:MAX_HINT_CHARS], concepts)}

    def covers(text: str) -> bool:
        point = units(text, concepts)
        shared = sum(1 for unit in point if unit & answer_terms)
        return bool(point) and shared >= min(MIN_SHARED, len(point)) and shared / len(point) >= HINT_THRESHOLD

    return [any(covers(text) for text in texts) for texts in key_points]
