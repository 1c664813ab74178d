"""Worst-case inputs for every text algorithm a learner reaches, each against a time and memory budget.

Prints one JSON line: for each case the seconds taken, the peak Python memory (tracemalloc) and the
budget. Runs without a database (the import is read and validated against empty content).
"""

import contextlib
import gzip
import io
import json
import sys
import time
import tracemalloc

import django

django.setup()

from progress.export import FORMAT, ImportRejected, read_document, validate_document  # noqa: E402
from progress.fields import Refs  # noqa: E402
from questions.analysis import analyse  # noqa: E402
from questions.rendering import render_learner_markdown  # noqa: E402
from study.attempts import word_diff  # noqa: E402

# Budgets: the slowest input of each kind must finish within SECONDS and PEAK_MB (about 3x the
# figures measured on a 2-core machine, for margin).
SECONDS = {"markdown": 1.5, "diff": 1.0, "hints": 2.0, "import": 5.0}
PEAK_MB = {"markdown": 32, "diff": 32, "hints": 32, "import": 400}


def gzip_bomb(expanded_bytes: int) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as bomb:
        bomb.write(b'{"format": "' + FORMAT.encode() + b'", "notes": [')
        chunk = b'{"question": "0.0", "body": "x"},' * 10_000
        for _ in range(expanded_bytes // len(chunk)):
            bomb.write(chunk)
        bomb.write(b"{}]}")
    return buffer.getvalue()


def import_case(raw: bytes) -> None:
    empty = Refs(questions={}, chapters={}, key_points={})
    with contextlib.suppress(ImportRejected):
        validate_document(read_document(raw), empty)


def cases():
    words = [f"w{i % 300}" for i in range(3_000)]
    essay = " ".join(words)[:20_000]
    yield "markdown", "20,000 [", lambda: render_learner_markdown("[" * 20_000)
    yield "markdown", "20,000 >", lambda: render_learner_markdown(">" * 20_000)
    yield (
        "markdown",
        "nested lists",
        lambda: render_learner_markdown("".join("  " * d + "- a\n" for d in range(150))),
    )
    yield "markdown", "[a](< x 4,000", lambda: render_learner_markdown("[a](<" * 4_000)
    yield "markdown", "$$a x 6,600", lambda: render_learner_markdown("$$a" * 6_600)
    yield "diff", "two 20,000-char answers", lambda: word_diff(essay, " ".join(reversed(words))[:20_000])
    yield "diff", "a b x 5,000 vs b a", lambda: word_diff("a b " * 5_000, "b a " * 5_000)
    yield "hints", "20,000 chars of Korean", lambda: analyse("기울기 하강법은 " * 2_500, None)
    yield "hints", "20,000 mixed chars", lambda: analyse("가a" * 10_000, None)
    bomb = gzip_bomb(199 * 2**20)
    yield "import", f"gzip of {len(bomb) // 1024} KB expanding to 199 MB", lambda: import_case(bomb)
    yield "import", "100,000-deep nesting", lambda: import_case(b"[" * 100_000 + b"]" * 100_000)
    many = (
        b'{"format": "'
        + FORMAT.encode()
        + b'", "schema_version": 1, "notes": ['
        + b",".join([b'{"question": "9.9", "body": "x"}'] * 119_000)
        + b"]}"
    )
    yield "import", f"119,000 bad records ({len(many) // 2**20} MB)", lambda: import_case(many)
    containers = b"[" + b",".join([b"{}"] * 1_400_000) + b"]"
    size = len(containers) // 2**20
    yield "import", f"1.4 million empty objects ({size} MB)", lambda: import_case(containers)


def main() -> None:
    results, failed = [], False
    for kind, name, run in cases():
        # Timed on its own (tracemalloc slows Python several times), then run again to trace memory.
        start = time.perf_counter()
        run()
        seconds = time.perf_counter() - start
        tracemalloc.start()
        run()
        peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        ok = seconds <= SECONDS[kind] and peak_mb <= PEAK_MB[kind]
        failed |= not ok
        results.append(
            {
                "kind": kind,
                "case": name,
                "seconds": round(seconds, 3),
                "peak_mb": round(peak_mb, 1),
                "budget": f"{SECONDS[kind]} s, {PEAK_MB[kind]} MB",
                "ok": ok,
            }
        )
    print(json.dumps({"worst_case": results}))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
