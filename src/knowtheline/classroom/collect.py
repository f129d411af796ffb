"""Read and check the results files learners hand in (format: `knowtheline.quiz.results`).

Each file is checked on its own, within limits so that no single file can stop the run:
at most `MAX_BYTES` read (a larger file is not read at all), JSON nested at most
`MAX_DEPTH` levels (checked before parsing), at most `MAX_ANSWERS` answers, and at most
`MAX_SECONDS` of work. Then: UTF-8 JSON, an object in the right format, every field of the
right type, a checksum that matches (a truncated or hand-edited file fails), a known quiz
and a version of it that was handed out (a file for another quiz or version is reported,
not graded), known questions and options. A bad file is named with the reason and
skipped; every good one is graded. A single-answer question answered with several
options, more submissions than a graded assignment allowed, or a mode other than the one
handed out are warnings on a graded file.

Format 2 files name questions `q1…` and options by letter; they are mapped back to bank
ids with the assignment.json's map (or, for a chapter quiz of the book, the bank's order
for that exact version). Format 1 files (bank ids) are still read.

Duplicates: byte-identical files keep the first by name; several files from the same
learner for the same quiz keep the one saved last (ties: the last by file name).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import stat
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from knowtheline.bank.model import Question, Quiz
from knowtheline.quiz import results
from knowtheline.quiz.view import answer_map

MAX_BYTES = 1_000_000  # a results file is a few KB
MAX_DEPTH = 16  # a results file nests 4 levels
MAX_ANSWERS = 1_000
MAX_SECONDS = 5.0


class ResultsProblem(ValueError):
    """Why a results file cannot be graded."""


@dataclass(frozen=True)
class Variant:
    """One version of a quiz as handed out: its questions in order and how the learner's
    `q1…` and letters map back to the bank."""

    quiz: str
    version: str
    questions: tuple[str, ...]
    map: dict
    mode: str
    attempts: int | None  # submissions allowed per question (graded), None for practice


@dataclass(frozen=True)
class Expected:
    """What a quiz id stands for: its questions (any variant), the versions handed out."""

    questions: tuple[str, ...]
    variants: dict  # quiz_version -> Variant
    source: str
    title: str = ""

    @property
    def versions(self) -> frozenset[str]:
        return frozenset(self.variants)


@dataclass(frozen=True)
class Submission:
    """One checked results file, in bank terms."""

    file: str
    learner: str
    quiz: str
    quiz_version: str
    saved: str
    chosen: dict[str, tuple[str, ...]]  # bank question id -> option ids
    attempts: dict[str, int]  # bank question id -> checks (practice) or submissions (graded)
    claimed_correct: int | None  # the score a practice file claims (not trusted)
    digest: str
    questions: tuple[str, ...]  # the questions this learner was given, in their order
    mode: str = "practice"


@dataclass
class Collection:
    """The outcome of reading a folder: what to grade, what was skipped and why, warnings."""

    submissions: list[Submission] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)


def expected_quizzes(bank: dict[str, Quiz], manifests: list[dict]) -> dict[str, Expected]:
    """Quiz id -> Expected, for the bank's chapter quizzes and the given assignments."""
    known = {}
    for quiz_id, quiz in bank.items():
        ids = tuple(q.id for q in quiz.questions)
        variant = Variant(quiz_id, quiz.version, ids, answer_map(quiz), "practice", None)
        known[quiz_id] = Expected(ids, {quiz.version: variant}, "question bank", quiz.title)
    by_id = {q.id: q for quiz in bank.values() for q in quiz.questions}
    for m in manifests:
        variants = {}
        for v in m["variants"]:
            mapping = v.get("map")
            if mapping is None:  # an assignment.json from before maps were written
                mapping = answer_map(Quiz(m["quiz"], "", tuple(by_id[q] for q in v["questions"] if q in by_id)))
            variants[v["quiz_version"]] = Variant(m["quiz"], v["quiz_version"], tuple(v["questions"]), mapping,
                                                  m.get("mode") or "practice", m.get("attempts"))
        known[m["quiz"]] = Expected(tuple(m["questions"]), variants, f"assignment {m['quiz']!r}", m.get("title", ""))
    return known


# --- limits --------------------------------------------------------------------------

class _TooSlow(Exception):
    pass


@contextmanager
def _time_limit(seconds: float):
    """Interrupt the block after `seconds` (a SIGALRM timer, where the platform and thread allow)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def stop(signum, frame):
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read_limited(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, if it is a regular file of at most `limit` bytes."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise ResultsProblem("not a regular file")
        if info.st_size > limit:
            raise ResultsProblem(f"too large ({info.st_size:,} bytes; a results file is a few KB, "
                                 f"at most {limit:,} bytes are read): not read")
        with open(path, "rb") as f:
            raw = f.read(limit + 1)
    except OSError as err:
        raise ResultsProblem(f"cannot be read ({err.strerror or err})") from None
    if len(raw) > limit:
        raise ResultsProblem(f"too large (more than {limit:,} bytes): not read")
    return raw


_SPECIAL = re.compile(r'[\[\]{}"\\]')


def nesting_depth(text: str, stop: int | None = None) -> int:
    """How deeply the JSON text's arrays and objects nest, without parsing it: one pass
    over its brackets, quotes and backslashes (brackets inside strings do not count).
    Stops counting once past `stop`."""
    depth = deepest = 0
    in_string = False
    skip = -1  # the character after a backslash inside a string
    for match in _SPECIAL.finditer(text):
        pos, char = match.start(), match.group()
        if pos == skip:
            continue
        if in_string:
            if char == "\\":
                skip = pos + 1
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if stop is not None and deepest > stop:
                break
        elif char in "]}":
            depth -= 1
    return deepest


# --- one file ------------------------------------------------------------------------

def _require(data: dict, key: str, kind, what: str):
    value = data.get(key)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise ResultsProblem(f"field '{key}' is missing or not {what}")
    return value


def _load_json(raw: bytes) -> dict:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ResultsProblem("not UTF-8 text (binary or damaged)") from None
    if not text.strip():
        raise ResultsProblem("empty file")
    if nesting_depth(text, stop=MAX_DEPTH) > MAX_DEPTH:
        raise ResultsProblem(f"JSON nested more than {MAX_DEPTH} levels deep: not a results file")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ResultsProblem(f"malformed or truncated JSON ({err.msg} at line {err.lineno}, column {err.colno})") from None
    except RecursionError:
        raise ResultsProblem("JSON nested too deeply: not a results file") from None
    if not isinstance(data, dict):
        kind = {list: "an array", str: "a string"}.get(type(data), "a single value")
        raise ResultsProblem(f"not a Know the Line results file (the JSON is {kind}, not an object)")
    if data.get("format") != results.FORMAT:
        raise ResultsProblem(f"not a Know the Line results file (no \"format\": \"{results.FORMAT}\")")
    return data


def _answer_fields(answer, index: int, with_attempts: bool) -> tuple[str, list, int]:
    if not isinstance(answer, dict):
        raise ResultsProblem(f"answer {index} is not a mapping")
    qid = _require(answer, "question", str, "text")
    picks = _require(answer, "chosen", list, "a list")
    attempts = answer.get("attempts", 1)
    if (with_attempts or "attempts" in answer) and (
            not isinstance(attempts, int) or isinstance(attempts, bool) or not 1 <= attempts <= 1_000_000):
        raise ResultsProblem(f"answer {index} ({qid!r}): attempts must be a whole number of 1 or more")
    if not picks or not all(isinstance(p, str) for p in picks):
        raise ResultsProblem(f"question {qid!r}: chosen must be a non-empty list of option names")
    if len(set(picks)) != len(picks):
        raise ResultsProblem(f"question {qid!r}: an option is chosen twice ({picks!r})")
    return qid, picks, attempts


def _in_bank_terms(data: dict, expected: Expected, variant: Variant | None, questions: dict[str, Question],
                   version_2: bool) -> tuple[dict, dict]:
    """{bank id: option ids} and {bank id: attempts} from the file's answers."""
    answers = _require(data, "answers", list, "a list")
    if len(answers) > MAX_ANSWERS:
        raise ResultsProblem(f"{len(answers)} answers: more than any quiz has (at most {MAX_ANSWERS} are read)")
    chosen: dict[str, tuple[str, ...]] = {}
    attempts: dict[str, int] = {}
    for index, answer in enumerate(answers, start=1):
        name, picks, tries = _answer_fields(answer, index, version_2)
        if version_2:
            entry = variant.map.get(name)
            if entry is None:
                raise ResultsProblem(f"unknown question {name!r}: this version of quiz {variant.quiz!r} has "
                                     f"q1 to q{len(variant.map)}")
            qid, letters = entry["question"], entry["options"]
            unknown = [p for p in picks if p not in letters]
            if unknown or qid not in questions:
                raise ResultsProblem(f"question {name!r}: unknown option(s) {unknown!r} (it has "
                                     f"{', '.join(sorted(letters))})" if unknown
                                     else f"question {name!r} is {qid!r}, which is not in the question bank any more")
            options = tuple(sorted(letters[p] for p in picks))
        else:
            qid = name
            if qid not in questions or qid not in expected.questions:
                raise ResultsProblem(f"unknown question {qid!r} for quiz {data.get('quiz')!r} ({expected.source})")
            known = {o.id for o in questions[qid].options}
            unknown = [p for p in picks if p not in known]
            if unknown:
                raise ResultsProblem(f"question {qid!r}: unknown option(s) {unknown!r} (it has {', '.join(sorted(known))})")
            options = tuple(sorted(picks))
        if qid in chosen:
            raise ResultsProblem(f"question {name!r} is answered twice")
        chosen[qid] = options
        attempts[qid] = tries
    return chosen, attempts


def parse(raw: bytes, name: str, known: dict[str, Expected], questions: dict[str, Question]) -> tuple[Submission, list[str]]:
    """Check one file's bytes; return the submission and its warnings, or raise ResultsProblem."""
    data = _load_json(raw)
    version_number = data.get("format_version")
    if version_number not in (1, results.FORMAT_VERSION) or isinstance(version_number, bool):
        raise ResultsProblem(f"format_version {version_number!r} is not supported (expected 1 or {results.FORMAT_VERSION})")
    checksum = _require(data, "checksum", str, "text")
    if checksum != results.checksum(data):
        raise ResultsProblem("checksum does not match: the file was changed or damaged after it was saved")
    quiz_id = _require(data, "quiz", str, "text")
    version = _require(data, "quiz_version", str, "text")
    learner = _require(data, "learner", str, "text").strip()
    saved = _require(data, "saved", str, "text")
    version_2 = version_number == results.FORMAT_VERSION
    mode = _require(data, "mode", str, "text") if version_2 else "practice"
    score = data.get("score") if isinstance(data.get("score"), dict) else {}
    if quiz_id not in known:
        raise ResultsProblem(f"a file for another quiz: {quiz_id!r} is not a chapter quiz of the bank nor an "
                             "assignment passed with --assignment")
    expected = known[quiz_id]
    variant = expected.variants.get(version)
    warnings = []
    if variant is None:
        handed_out = ", ".join(sorted(expected.versions))
        if version_2:
            raise ResultsProblem(f"a file for another version of quiz {quiz_id!r}: {version} was not handed out "
                                 f"({expected.source} has {handed_out}); its q1, q2 … cannot be matched to questions")
        warnings.append(f"quiz_version {version} differs from the version handed out ({handed_out}): "
                        "the questions may have changed since; graded against the current bank")
    chosen, attempts = _in_bank_terms(data, expected, variant, questions, version_2)
    numbers = {e["question"]: n for n, e in (variant.map.items() if variant else ())}
    label = lambda qid: f"{numbers[qid]} ({qid})" if qid in numbers else qid  # noqa: E731
    for qid, picks in chosen.items():
        if len(picks) > 1 and not questions[qid].multiple:
            warnings.append(f"question {label(qid)} takes one answer but has {len(picks)} ({', '.join(picks)}): "
                            "graded as wrong")
        limit = variant.attempts if variant else None
        if limit and attempts[qid] > limit:
            warnings.append(f"question {label(qid)} was submitted {attempts[qid]} times; the assignment allowed {limit}")
    if variant and mode != variant.mode:
        warnings.append(f"answered in {mode} mode, but the assignment was handed out as {variant.mode}")
    if not learner:
        warnings.append("no learner name in the file; the file name is used instead")
        learner = f"(unnamed: {name})"
    claimed = score.get("correct") if isinstance(score.get("correct"), int) and not isinstance(score.get("correct"), bool) else None
    given = variant.questions if variant else expected.questions
    submission = Submission(name, learner, quiz_id, version, saved, chosen, attempts, claimed,
                            hashlib.sha256(raw).hexdigest(), tuple(given), mode)
    return submission, warnings


def check_file(path: Path, name: str, known: dict[str, Expected], questions: dict[str, Question],
               seconds: float | None = None) -> tuple[Submission, list[str]]:
    """Read and check one file within the limits; raise ResultsProblem with the reason."""
    seconds = MAX_SECONDS if seconds is None else seconds
    try:
        with _time_limit(seconds):
            return parse(read_limited(path), name, known, questions)
    except _TooSlow:
        raise ResultsProblem(f"took longer than {seconds:g} s to check: not graded") from None
    except RecursionError:
        raise ResultsProblem("nested too deeply: not a results file") from None


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
            submission, warnings = check_file(path, name, known, questions)
        except ResultsProblem as err:
            collection.skipped.append((name, str(err)))
            continue
        found.append(submission)
        collection.warnings += [(name, w) for w in warnings]
    collection.submissions = _drop_duplicates(found, collection)
    return collection
