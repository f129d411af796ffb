"""The learner's results file: one JSON format from the book's and assignments' download
button and from the live widget's save button, read back by `knowtheline quiz grade`.

    {"format": "knowtheline-quiz-results", "format_version": 2,
     "quiz": "week1", "quiz_version": "3f2a…", "mode": "graded", "learner": "…", "saved": "2026-…Z",
     "answers": [{"question": "q1", "chosen": ["B"], "attempts": 1}, …],
     "checksum": "sha256:…"}

Questions and options are named as the learner saw them (`q1…`, letters; `view.py`), so
the file gives nothing away either; `quiz_version` says exactly which questions, in which
order, `q1…` were. `attempts` counts the learner's checks (practice) or submissions
(graded). A practice file also has `"score": {"correct", "answered", "total"}` as the
learner saw it; `quiz grade` re-checks everything and does not trust it.

The checksum is SHA-256 over the canonical JSON of everything else (keys sorted, no spaces,
UTF-8). It catches a truncated or hand-edited file; it is not a security measure.

Format 1 (bank question ids and option ids, with a `chapter` and `correct` per answer) is
still read by `quiz grade`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from .model import Quiz
from .view import answer_map

FORMAT = "knowtheline-quiz-results"
FORMAT_VERSION = 2


def canonical(data: dict) -> bytes:
    body = {k: v for k, v in data.items() if k != "checksum"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def checksum(data: dict) -> str:
    return "sha256:" + hashlib.sha256(canonical(data)).hexdigest()


def record(quiz: str, version: str, mode: str, answers: list[dict], learner: str = "",
           saved: dt.datetime | None = None, score: dict | None = None) -> dict:
    """A results record from answers already in the learner's terms (`q1`, letters)."""
    saved = saved or dt.datetime.now(dt.timezone.utc)
    data = {"format": FORMAT, "format_version": FORMAT_VERSION, "quiz": quiz, "quiz_version": version,
            "mode": mode, "learner": learner.strip(), "saved": saved.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "answers": answers}
    if score is not None:
        data["score"] = score
    data["checksum"] = checksum(data)
    return data


def make(quiz: Quiz, chosen: dict[str, list[str]], attempts: dict[str, int], learner: str = "",
         saved: dt.datetime | None = None, mode: str = "practice") -> dict:
    """A results record for answers given by bank question id -> option ids (for tests and
    tools that start from the bank); written in the learner's terms."""
    answers = []
    for neutral, entry in answer_map(quiz).items():
        qid = entry["question"]
        if chosen.get(qid):
            letters = {oid: letter for letter, oid in entry["options"].items()}
            answers.append({"question": neutral, "chosen": sorted(letters.get(o, o) for o in chosen[qid]),
                            "attempts": attempts.get(qid, 1)})
    score = None
    if mode == "practice":
        questions = {q.id: q for q in quiz.questions}
        right = sum(questions[qid].is_correct(picks) for qid, picks in chosen.items() if picks and qid in questions)
        score = {"correct": right, "answered": len(answers), "total": len(quiz.questions)}
    return record(quiz.id, quiz.version, mode, answers, learner, saved, score)


def dumps(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
