"""Read and check the results files learners hand in (format: `knowtheline.quiz.results`).

Each file is checked on its own: readable UTF-8 JSON, the right format, every field of the
right type, a checksum that matches (a truncated or hand-edited file fails), a known quiz,
known questions and options. A bad file is reported with the reason and skipped; the
others are still graded. A quiz_version different from the one handed out is a warning:
the file is graded against the current bank.

Duplicates: byte-identical files keep the first by name; several files from the same
learner for the same quiz keep the one saved last (ties: the last by file name).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from knowtheline.quiz import results
from knowtheline.quiz.model import Question, Quiz


class ResultsProblem(ValueError):
    """Why a results file cannot be graded."""


@dataclass(frozen=True)
class Expected:
    """What a quiz id stands for: its questions (any variant) and the versions handed out."""

    questions: frozenset[str]
    versions: frozenset[str]
    source: str


@dataclass(frozen=True)
class Submission:
    """One checked results file."""

    file: str
    learner: str
    quiz: str
    quiz_version: str
    saved: str
    chosen: dict[str, tuple[str, ...]]
    claimed_correct: int
    digest: str


@dataclass
class Collection:
    """The outcome of reading a folder: what to grade, what was skipped and why, warnings."""

    submissions: list[Submission] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)


def expected_quizzes(bank: dict[str, Quiz], manifests: list[dict]) -> dict[str, Expected]:
    """Quiz id -> Expected, for the bank's chapter quizzes and the given assignments."""
    known = {qid: Expected(frozenset(q.id for q in quiz.questions), frozenset({quiz.version}), "question bank")
             for qid, quiz in bank.items()}
    for m in manifests:
        known[m["quiz"]] = Expected(
            frozenset(m["questions"]), frozenset(v["quiz_version"] for v in m["variants"]),
            f"assignment {m['quiz']!r}")
    return known


def _require(data: dict, key: str, kind, what: str):
    value = data.get(key)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise ResultsProblem(f"field '{key}' is missing or not {what}")
    return value


def parse(raw: bytes, name: str, known: dict[str, Expected], questions: dict[str, Question]) -> tuple[Submission, list[str]]:
    """Check one file's bytes; return the submission and its warnings, or raise ResultsProblem."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ResultsProblem("not UTF-8 text") from None
    if not text.strip():
        raise ResultsProblem("empty file")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ResultsProblem(f"malformed or truncated JSON ({err.msg} at line {err.lineno}, column {err.colno})") from None
    if not isinstance(data, dict) or data.get("format") != results.FORMAT:
        raise ResultsProblem(f"not a Know the Line results file (no \"format\": \"{results.FORMAT}\")")
    if data.get("format_version") != results.FORMAT_VERSION:
        raise ResultsProblem(f"format_version {data.get('format_version')!r} is not supported (expected {results.FORMAT_VERSION})")
    checksum = _require(data, "checksum", str, "text")
    if checksum != results.checksum(data):
        raise ResultsProblem("checksum does not match: the file was changed or damaged after it was saved")
    quiz_id = _require(data, "quiz", str, "text")
    version = _require(data, "quiz_version", str, "text")
    learner = _require(data, "learner", str, "text").strip()
    saved = _require(data, "saved", str, "text")
    answers = _require(data, "answers", list, "a list")
    score = _require(data, "score", dict, "a mapping")
    if quiz_id not in known:
        raise ResultsProblem(f"unknown quiz {quiz_id!r} (not a chapter quiz of the bank; for an assignment, "
                             "pass its assignment.json with --assignment)")
    expected = known[quiz_id]
    chosen: dict[str, tuple[str, ...]] = {}
    for index, answer in enumerate(answers, start=1):
        if not isinstance(answer, dict):
            raise ResultsProblem(f"answer {index} is not a mapping")
        qid = _require(answer, "question", str, "text")
        picks = _require(answer, "chosen", list, "a list")
        if qid not in questions or qid not in expected.questions:
            raise ResultsProblem(f"unknown question {qid!r} for quiz {quiz_id!r} ({expected.source})")
        if qid in chosen:
            raise ResultsProblem(f"question {qid!r} is answered twice")
        options = {o.id for o in questions[qid].options}
        if not picks or not all(isinstance(p, str) and p in options for p in picks):
            raise ResultsProblem(f"question {qid!r}: chosen {picks!r} are not options of that question")
        chosen[qid] = tuple(sorted(picks))
    warnings = []
    if version not in expected.versions:
        warnings.append(f"quiz_version {version} differs from the version handed out "
                        f"({', '.join(sorted(expected.versions))}): the questions may have changed since; "
                        "graded against the current bank")
    if not learner:
        warnings.append("no learner name in the file; the file name is used instead")
        learner = f"(unnamed: {name})"
    claimed = score.get("correct") if isinstance(score.get("correct"), int) else -1
    submission = Submission(name, learner, quiz_id, version, saved, chosen, claimed,
                            hashlib.sha256(raw).hexdigest())
    return submission, warnings


def _drop_duplicates(found: list[Submission], collection: Collection) -> list[Submission]:
    first_by_digest: dict[str, str] = {}
    unique = []
    for s in found:  # sorted by file name
        if s.digest in first_by_digest:
            collection.skipped.append((s.file, f"duplicate: identical to {first_by_digest[s.digest]}"))
        else:
            first_by_digest[s.digest] = s.file
            unique.append(s)
    latest: dict[tuple[str, str], Submission] = {}
    for s in unique:
        key = (s.learner.casefold(), s.quiz)
        if key not in latest or (s.saved, s.file) >= (latest[key].saved, latest[key].file):
            latest[key] = s
    for s in unique:
        kept = latest[(s.learner.casefold(), s.quiz)]
        if kept is not s:
            collection.skipped.append((s.file, f"duplicate: {s.learner!r} handed in quiz {s.quiz!r} more than once; "
                                               f"kept the latest, {kept.file} (saved {kept.saved}), "
                                               f"not this one (saved {s.saved})"))
    return [s for s in unique if latest[(s.learner.casefold(), s.quiz)] is s]


def collect(folder: Path, bank: dict[str, Quiz], manifests: list[dict] = (), progress: bool = True) -> Collection:
    """Check every *.json under `folder` (sorted by path) and drop duplicates."""
    from tqdm import tqdm

    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not a folder")
    known = expected_quizzes(bank, list(manifests))
    questions = {q.id: q for quiz in bank.values() for q in quiz.questions}
    collection = Collection()
    found = []
    paths = sorted(folder.rglob("*.json"))
    for path in tqdm(paths, desc="checking results files", unit="file", disable=not progress or None):
        name = path.relative_to(folder).as_posix()
        try:
            submission, warnings = parse(path.read_bytes(), name, known, questions)
        except ResultsProblem as err:
            collection.skipped.append((name, str(err)))
            continue
        found.append(submission)
        collection.warnings += [(name, w) for w in warnings]
    collection.submissions = _drop_duplicates(found, collection)
    return collection
