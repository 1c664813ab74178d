"""Scoring a design answer stage by stage: which stages of a design the learner talked about.

A transparent word match, shown as a suggestion and never as a grade: each stage has a list of terms
in Korean and English, and a term counts when the answer states it as `study.hints` matches key points
(Korean by character bigrams, so particles do not matter; English by word stems). A stage is covered
when the answer names at least two of its terms, mentioned when it names one, skipped otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

from study.hints import hint_matches

COVERED_TERMS = 2


@dataclass(frozen=True)
class Stage:
    slug: str
    title_ko: str
    title_en: str
    # One idea per entry: its Korean and English names, then other spellings learners write.
    terms: tuple[tuple[str, ...], ...]


STAGES = (
    Stage(
        "requirements",
        "요구사항과 지표",
        "Requirements and metrics",
        (
            ("요구사항", "requirements", "요구 사항"),
            ("목표", "objective", "business goal", "목적 함수"),
            ("지표", "metric"),
            ("클릭률", "click-through rate", "CTR"),
            ("시청 시간", "watch time", "engagement"),
            ("리텐션", "retention"),
            ("가드레일", "guardrail"),
            ("규모", "scale", "QPS"),
            ("문제 정의", "problem framing"),
        ),
    ),
    Stage(
        "data",
        "데이터",
        "Data",
        (
            ("데이터", "data"),
            ("레이블", "label", "라벨"),
            ("로그", "logs", "logging"),
            ("암묵적 피드백", "implicit feedback"),
            ("피처", "feature", "특징"),
            ("샘플링", "sampling"),
            ("네거티브", "negative samples"),
        ),
    ),
    Stage(
        "candidates",
        "후보 생성",
        "Candidate generation",
        (
            ("후보 생성", "candidate generation"),
            ("후보", "candidates"),
            ("검색", "retrieval"),
            ("투 타워", "two-tower", "two tower"),
            ("임베딩", "embedding"),
            ("근사 최근접 이웃", "nearest neighbor", "ANN"),
            ("협업 필터링", "collaborative filtering"),
            ("행렬 분해", "matrix factorization"),
        ),
    ),
    Stage(
        "ranking",
        "랭킹",
        "Ranking",
        (
            ("랭킹", "ranking", "ranker"),
            ("재랭킹", "re-ranking", "reranking"),
            ("순위", "order", "정렬"),
            ("다양성", "diversity"),
            ("보정", "calibration"),
            ("멀티태스크", "multi-task", "multitask"),
            ("포인트와이즈", "pointwise", "pairwise", "listwise", "페어와이즈"),
        ),
    ),
    Stage(
        "serving",
        "서빙",
        "Serving",
        (
            ("서빙", "serving"),
            ("지연 시간", "latency", "레이턴시"),
            ("온라인 추론", "online inference"),
            ("캐시", "cache", "caching"),
            ("피처 스토어", "feature store"),
            ("실시간", "real-time", "real time"),
            ("배치", "batch"),
            ("사전 계산", "precompute"),
            ("처리량", "throughput"),
            ("배포", "deployment", "deploy"),
        ),
    ),
    Stage(
        "evaluation",
        "평가와 반복",
        "Evaluation and iteration",
        (
            ("오프라인 평가", "offline evaluation"),
            ("온라인 평가", "online evaluation"),
            ("A/B 테스트", "A/B test", "AB test"),
            ("실험", "experiment"),
            ("모니터링", "monitoring"),
            ("드리프트", "drift"),
            ("재학습", "retraining", "retrain"),
            ("피드백 루프", "feedback loop"),
            ("반복", "iteration", "iterate"),
        ),
    ),
)


@dataclass(frozen=True)
class StageScore:
    stage: Stage
    matched: tuple[tuple[str, ...], ...]

    @property
    def status(self) -> str:
        """covered, mentioned or skipped."""
        if len(self.matched) >= COVERED_TERMS:
            return "covered"
        return "mentioned" if self.matched else "skipped"

    @property
    def title_ko(self) -> str:
        return self.stage.title_ko

    @property
    def title_en(self) -> str:
        return self.stage.title_en


def score_stages(text: str) -> list[StageScore]:
    """Each stage of a design with the terms of it that `text` names."""
    scores = []
    for stage in STAGES:
        hits = hint_matches(text, list(stage.terms))
        scores.append(
            StageScore(stage, tuple(term for term, hit in zip(stage.terms, hits, strict=True) if hit))
        )
    return scores


def covered_count(scores: list[StageScore]) -> int:
    return sum(score.status == "covered" for score in scores)
