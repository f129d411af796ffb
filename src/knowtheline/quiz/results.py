"""The learner's results file: one JSON format from the book's download button and from the
live widget's save button, read back by `knowtheline quiz grade`.

    {"format": "knowtheline-quiz-results", "format_version": 1,
     "quiz": "ch01", "quiz_version": "3f2a…", "learner": "…", "saved": "2026-…Z",
     "answers": [{"question": "ch01-…", "chapter": 1, "chosen": ["b"], "correct": false,
                  "attempts": 2}, …],
     "score": {"correct": 4, "answered": 5, "total": 6},
     "checksum": "sha256:…"}

The checksum is SHA-256 over the canonical JSON of everything else (keys sorted, no spaces,
UTF-8). It catches a truncated or hand-edited file; it is not a security measure.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from .model import Quiz

FORMAT = "knowtheline-quiz-results"
FORMAT_VERSION = 1


def canonical(data: dict) -> bytes:
    body = {k: v for k, v in data.items() if k != "checksum"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def checksum(data: dict) -> str:
    return "sha256:" + hashlib.sha256(canonical(data)).hexdigest()


def make(quiz: Quiz, chosen: dict[str, list[str]], attempts: dict[str, int], learner: str = "",
         saved: dt.datetime | None = None) -> dict:
    """Build a results record for the answers given so far (question id -> option ids)."""
    answers = []
    for q in quiz.questions:
        if q.id in chosen and chosen[q.id]:
            picks = sorted(chosen[q.id])
            answers.append({"question": q.id, "chapter": q.chapter, "chosen": picks,
                            "correct": q.is_correct(picks), "attempts": attempts.get(q.id, 1)})
    saved = saved or dt.datetime.now(dt.timezone.utc)
    record = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "quiz": quiz.id,
        "quiz_version": quiz.version,
        "learner": learner.strip(),
        "saved": saved.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "answers": answers,
        "score": {"correct": sum(a["correct"] for a in answers), "answered": len(answers),
                  "total": len(quiz.questions)},
    }
    record["checksum"] = checksum(record)
    return record


def dumps(record: dict) -> str:
    return json.dumps(record, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
