"""How well answer hints do on hand-labelled answers: recall on the key points an answer states, and
how many hints are false. Used by the tests and by `make bench`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from questions.content import read_yaml
from questions.models import KeyPoint
from study.hints import hint_matches


@dataclass
class HintScore:
    stated: int = 0  # key points the answers state
    found: int = 0  # … of which hinted
    hints: int = 0  # hints given
    false: int = 0  # … on key points the answer does not state
    off_topic_max: int = 0  # most hints on one answer about something else
    misses: list[str] = field(default_factory=list)
    false_hints: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.stated if self.stated else 1.0

    @property
    def false_share(self) -> float:
        """Share of the hints shown that are wrong."""
        return self.false / self.hints if self.hints else 0.0


def read_cases(path: Path) -> list[dict]:
    return read_yaml(path)


def score(cases: list[dict]) -> HintScore:
    """Run the hints over labelled answers (`question`, `answer`, `states`: key point positions)."""
    result = HintScore()
    for case in cases:
        points = list(
            KeyPoint.objects.filter(outline__question__number=case["question"]).order_by("position")
        )
        hints = hint_matches(case["answer"], [(p.text_ko, p.text_en) for p in points])
        stated = set(case["states"])
        for point, hinted in zip(points, hints, strict=True):
            label = f"Q{case['question']} #{point.position} ← {case['answer'][:40]}…"
            if point.position in stated:
                result.stated += 1
                result.found += hinted
                if not hinted:
                    result.misses.append(label)
            elif hinted:
                result.false += 1
                result.false_hints.append(label)
            result.hints += hinted
        if not stated:
            result.off_topic_max = max(result.off_topic_max, sum(hints))
    return result
