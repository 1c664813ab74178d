"""Answer hints: which key points a written answer seems to state, as a transparent word match.

Plain functions: no requests. The hint is shown as a suggestion, never as the grade. Korean attaches
particles to words (경사하강법을, 경사하강법은), so Korean is compared by character bigrams; English by
lower-cased word stems.
"""

from __future__ import annotations

import re

HANGUL = re.compile(r"[가-힣]+")
LATIN_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
# Share of a key point's terms that must appear in the answer for the hint to tick it.
HINT_THRESHOLD = 0.6
STOPWORDS = frozenset(
    re.findall(
        r"\w+",
        """a an and are as at be by for from in into is it its of on or that the their then this to with
        when which while than each per via not no can use uses used using""",
    )
)


def stem(word: str) -> str:
    """A light English stemmer: enough to match 'regularised' with 'regularization'."""
    for suffix in (
        "ization",
        "isation",
        "ations",
        "ation",
        "izing",
        "ising",
        "ized",
        "ised",
        "izes",
        "ises",
        "ize",
        "ise",
        "ing",
        "ies",
        "ied",
        "ed",
        "es",
        "ly",
        "s",
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


# Common particles and endings; stripping one from a word's end drops bigrams like "법을" that only
# say which particle followed, so 경사하강법을 and 경사하강법은 both reduce to 경사하강법.
KOREAN_ENDINGS = tuple(
    sorted(
        re.findall(
            r"\S+",
            """은 는 이 가 을 를 의 에 로 와 과 도 만 에서 에게 으로 이다 이며 이고 한다 된다 하다 하고 하며
            해서 하면 합니다 됩니다 입니다 다""",
        ),
        key=len,
        reverse=True,
    )
)


def korean_bigrams(text: str) -> set[str]:
    grams = set()
    for run in HANGUL.findall(text):
        for ending in KOREAN_ENDINGS:
            if run.endswith(ending) and len(run) - len(ending) >= 2:
                run = run[: -len(ending)]
                break
        if len(run) == 1:
            grams.add(run)
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams


def english_stems(text: str) -> set[str]:
    return {stem(w) for w in LATIN_WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 1}


def terms(text: str) -> set[str]:
    """The comparable terms of a text: Korean bigrams plus English stems."""
    return korean_bigrams(text) | english_stems(text)


def hint_matches(answer: str, key_points: list[tuple[str, ...]]) -> list[bool]:
    """For each key point, given as its texts in each language, whether the answer seems to cover it.

    A point counts when most of the terms of any one of its texts appear in the answer.
    """
    answer_terms = terms(answer)

    def covers(text: str) -> bool:
        point_terms = terms(text)
        return bool(point_terms) and len(point_terms & answer_terms) / len(point_terms) >= HINT_THRESHOLD

    return [any(covers(text) for text in texts) for texts in key_points]
