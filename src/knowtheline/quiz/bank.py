"""Load and validate the question bank (`quizzes/chNN.yaml` and `quizzes/config.yaml`).

One validator for the book build, `knowtheline quiz check` and the tests. Every problem is
reported with file, line, question id and field; a bank with any problem loads nothing.
`config.yaml` (validated the same way) lists the only tags a question may carry and the
item-quality limits `quiz check` applies (`knowtheline.quiz.quality`).

    python -m knowtheline.quiz.bank [quizzes-folder]
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import yamlsource
from .model import DIFFICULTIES, OFFICERS, TYPES, Option, Question, Quiz, Scenario

FILE_NAME = re.compile(r"^ch(\d\d)\.ya?ml$")
QUESTION_ID = re.compile(r"^ch\d\d-[a-z0-9]+(-[a-z0-9]+)*$")
TAG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

TOP_FIELDS = {"chapter": True, "title": True, "questions": True}  # name -> required
QUESTION_FIELDS = {
    "id": True, "type": True, "tags": True, "difficulty": True, "prompt": True,
    "options": True, "answer": True, "explanation": True, "cite": True,
    "as_of": False, "scenario": False,
}
OPTION_FIELDS = {"id": True, "text": True, "feedback": True}
SCENARIO_FIELDS = {"officer": True, "place": True, "action": True}
CONFIG_NAME = "config.yaml"
CONFIG_FIELDS = {"longest_correct_max_share": True, "near_duplicate_similarity": True, "tags": True}


@dataclass(frozen=True)
class BankConfig:
    """The bank's settings (`config.yaml`). Without a config file, tags are only checked for
    their form and `quiz check` uses these default limits."""

    longest_correct_max_share: float = 0.30
    near_duplicate_similarity: float = 0.8
    tags: frozenset[str] | None = None  # None: no controlled list (no config.yaml)
    source: str = ""


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    question: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        if self.question:
            where += f": question {self.question}"
        if self.field:
            where += f": field '{self.field}'"
        return f"{where}: {self.message}"


class BankError(ValueError):
    """The bank has problems; `problems` lists every one found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def bib_keys(bib_files) -> set[str]:
    """Citation keys defined in the given BibTeX files (missing files are skipped)."""
    from pybtex.database import parse_file

    keys: set[str] = set()
    for path in bib_files:
        path = Path(path)
        if path.exists() and path.read_text(encoding="utf-8").strip():
            keys.update(parse_file(str(path), bib_format="bibtex").entries.keys())
    return keys


def default_bib_files(root: Path) -> list[Path]:
    """The bib files the book uses, as listed in `_config.yml`."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    return [root / f for f in config.get("bibtex_bibfiles", ["references.bib"])]


class _Checker:
    """Collects problems for one file."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def add(self, line: int, message: str, question: str | None = None, field: str | None = None):
        self.problems.append(Problem(self.file, line, question, field, message))

    def fields(self, node, spec: dict, what: str, qid: str | None, prefix: str = "") -> bool:
        """Check a mapping has all required fields and no unknown ones."""
        if not isinstance(node, dict):
            self.add(getattr(node, "line", 0), f"{what} must be a mapping", qid, prefix.rstrip(".") or None)
            return False
        for key in node:
            if key not in spec:
                known = ", ".join(spec)
                self.add(node.line_of(key), f"unknown field in {what} (known fields: {known})", qid, f"{prefix}{key}")
        for key, required in spec.items():
            if required and key not in node:
                self.add(node.line, f"{what} is missing required field", qid, f"{prefix}{key}")
        return True

    def text(self, node: dict, key: str, qid: str | None, field: str | None = None) -> str:
        """A required non-empty string field."""
        value = node.get(key)
        if value is None and key not in node:
            return ""  # already reported as missing
        if not isinstance(value, str) or not value.strip():
            self.add(node.line_of(key), "must be non-empty text", qid, field or key)
            return ""
        return value.strip()


def _option_id(value) -> str:
    if isinstance(value, bool):  # YAML reads an unquoted true/false as a boolean
        return "true" if value else "false"
    return str(value) if isinstance(value, (str, int)) else ""


def _check_question(c: _Checker, node, chapter: int, seen: dict, keys: set[str] | None,
                    allowed_tags: frozenset[str] | None = None, number: int = 0) -> Question | None:
    qid = node.get("id") if isinstance(node, dict) else None
    qid = qid if isinstance(qid, str) and qid.strip() else f"number {number} (no id)"
    before = len(c.problems)  # a missing required field (even the id) means no Question
    if not c.fields(node, QUESTION_FIELDS, "question", qid):
        return None

    if "id" in node:
        if not isinstance(node["id"], str) or not QUESTION_ID.match(node["id"]):
            c.add(node.line_of("id"), "id must look like 'ch01-short-name' (lower case, hyphens)", qid, "id")
        elif node["id"] in seen:
            c.add(node.line_of("id"), f"duplicate id (also used at {seen[node['id']]})", qid, "id")
        else:
            seen[node["id"]] = f"{c.file}:{node.line_of('id')}"
            if not node["id"].startswith(f"ch{chapter:02d}-"):
                c.add(node.line_of("id"), f"id must start with 'ch{chapter:02d}-' in this file", qid, "id")

    qtype = node.get("type")
    if "type" in node and qtype not in TYPES:
        c.add(node.line_of("type"), f"type must be one of {', '.join(TYPES)}", qid, "type")
    if "difficulty" in node and node["difficulty"] not in DIFFICULTIES:
        c.add(node.line_of("difficulty"), f"difficulty must be one of {', '.join(DIFFICULTIES)}", qid, "difficulty")

    tags = node.get("tags")
    if "tags" in node:
        if not isinstance(tags, list) or not tags:
            c.add(node.line_of("tags"), "tags must be a non-empty list", qid, "tags")
            tags = []
        else:
            for index, tag in enumerate(tags):
                line = tags.line_at(index) if hasattr(tags, "line_at") else node.line_of("tags")
                if not isinstance(tag, str) or not TAG.match(tag):
                    c.add(line, f"tag {tag!r} must be lower-case-hyphenated", qid, "tags")
                elif allowed_tags is not None and tag not in allowed_tags:
                    close = difflib.get_close_matches(tag, sorted(allowed_tags), n=1)
                    hint = f"; did you mean {close[0]!r}?" if close else f"; add it to {CONFIG_NAME} first if it is new"
                    c.add(line, f"tag {tag!r} is not in the controlled list ({CONFIG_NAME}){hint}", qid, "tags")

    prompt = c.text(node, "prompt", qid)
    explanation = c.text(node, "explanation", qid)

    options: list[Option] = []
    raw_options = node.get("options")
    if "options" in node:
        if not isinstance(raw_options, list) or not 2 <= len(raw_options) <= 6:
            c.add(node.line_of("options"), "options must be a list of 2 to 6 options", qid, "options")
        else:
            for index, raw in enumerate(raw_options, start=1):
                field = f"options[{index}]"
                if not c.fields(raw, OPTION_FIELDS, "option", qid, f"{field}."):
                    continue
                oid = _option_id(raw.get("id"))
                if "id" in raw and not oid:
                    c.add(raw.line_of("id"), "option id must be text", qid, f"{field}.id")
                text = c.text(raw, "text", qid, f"{field}.text")
                feedback = c.text(raw, "feedback", qid, f"{field}.feedback")
                if oid in {o.id for o in options}:
                    c.add(raw.line_of("id"), f"duplicate option id {oid!r}", qid, f"{field}.id")
                options.append(Option(oid, text, feedback))
            if qtype == "true_false" and sorted(o.id for o in options) != ["false", "true"]:
                c.add(node.line_of("options"), "a true_false question has exactly the options 'true' and 'false'", qid, "options")

    answer: list[str] = []
    if "answer" in node:
        raw_answer = node["answer"]
        answer = [_option_id(a) for a in raw_answer] if isinstance(raw_answer, list) else [_option_id(raw_answer)]
        line = node.line_of("answer")
        if qtype == "multiple":
            if not isinstance(raw_answer, list) or not raw_answer:
                c.add(line, "a multiple question's answer is a non-empty list of option ids", qid, "answer")
            elif len(set(answer)) != len(answer):
                c.add(line, "the answer lists an option twice", qid, "answer")
        elif isinstance(raw_answer, list) and len(raw_answer) != 1:
            c.add(line, f"a {qtype} question has exactly one correct option, not {len(raw_answer)}", qid, "answer")
        option_ids = {o.id for o in options}
        for a in answer:
            if options and a not in option_ids:
                c.add(line, f"correct answer {a!r} is not one of the options ({', '.join(sorted(option_ids))})", qid, "answer")

    cite = node.get("cite")
    if "cite" in node:
        if not isinstance(cite, list) or not cite or not all(isinstance(k, str) for k in cite):
            c.add(node.line_of("cite"), "cite must be a non-empty list of references.bib keys", qid, "cite")
            cite = []
        elif keys is not None:
            for key in cite:
                if key not in keys:
                    c.add(node.line_of("cite"), f"unknown citation key {key!r} (not in references.bib)", qid, "cite")

    as_of = node.get("as_of")
    if as_of is not None:
        if isinstance(as_of, str):
            try:
                as_of = dt.date.fromisoformat(as_of)
            except ValueError:
                pass
        if not isinstance(as_of, dt.date):
            c.add(node.line_of("as_of"), "as_of must be a date like 2026-11-28", qid, "as_of")
        as_of = str(as_of)

    scenario = None
    if qtype == "scenario":
        raw = node.get("scenario")
        if "scenario" not in node:
            c.add(node.line, "a scenario question needs a scenario (officer, place, action)", qid, "scenario")
        elif c.fields(raw, SCENARIO_FIELDS, "scenario", qid, "scenario."):
            if "officer" in raw and raw["officer"] not in OFFICERS:
                c.add(raw.line_of("officer"), f"officer must be one of {', '.join(OFFICERS)}", qid, "scenario.officer")
            place = c.text(raw, "place", qid, "scenario.place")
            action = c.text(raw, "action", qid, "scenario.action")
            scenario = Scenario(str(raw.get("officer")), place, action)
    elif "scenario" in node:
        c.add(node.line_of("scenario"), "only scenario questions have a scenario", qid, "scenario")

    if len(c.problems) > before:
        return None
    return Question(
        id=node["id"], chapter=chapter, type=qtype, tags=tuple(tags), difficulty=node["difficulty"],
        prompt=prompt, options=tuple(options), answer=tuple(answer), explanation=explanation,
        cite=tuple(cite), as_of=as_of, scenario=scenario,
    )


_NOT_READ = object()


def _read_yaml(path: Path, c: _Checker):
    """The file's YAML (LineDict/LineList/scalars), or _NOT_READ with the problem recorded."""
    try:
        return yamlsource.load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(err, "problem", None) or str(err)
        c.add(line, f"malformed YAML: {problem}")
    except UnicodeDecodeError as err:
        c.add(1, f"not UTF-8 text: {err}")
    except RecursionError:
        c.add(1, "the YAML is nested too deeply to read")
    return _NOT_READ


def _fraction(c: _Checker, doc, key: str, above_zero: bool) -> float | None:
    """A number from 0 (or above 0) to 1; None (and a problem recorded) otherwise."""
    if key not in doc:
        return None  # reported as missing
    value = doc[key]
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if not number or not (0 < value <= 1 if above_zero else 0 <= value <= 1):
        c.add(doc.line_of(key), f"must be a number from {'above ' if above_zero else ''}0 to 1, not {value!r}", None, key)
        return None
    return float(value)


def _check_config(path: Path, display: str) -> tuple[BankConfig, list[Problem]]:
    """The bank's config.yaml, checked like a quiz file (file, line and field in every problem)."""
    c = _Checker(display)
    doc = _read_yaml(path, c)
    if doc is _NOT_READ or not c.fields(doc, CONFIG_FIELDS, "the config file", None):
        return BankConfig(source=display), c.problems
    share = _fraction(c, doc, "longest_correct_max_share", above_zero=False)
    similarity = _fraction(c, doc, "near_duplicate_similarity", above_zero=True)
    tags: set[str] | None = None  # None (no tag check) if the list itself is unusable
    raw = doc.get("tags")
    if "tags" in doc:
        if not isinstance(raw, list) or not raw:
            c.add(doc.line_of("tags"), "tags must be a non-empty list of lower-case-hyphenated tags", None, "tags")
        else:
            tags = set()
            for index, tag in enumerate(raw):
                if not isinstance(tag, str) or not TAG.match(tag):
                    c.add(raw.line_at(index), f"tag {tag!r} must be lower-case-hyphenated", None, f"tags[{index + 1}]")
                elif tag in tags:
                    c.add(raw.line_at(index), f"tag {tag!r} is listed twice", None, f"tags[{index + 1}]")
                else:
                    tags.add(tag)
    defaults = BankConfig()
    config = BankConfig(
        longest_correct_max_share=defaults.longest_correct_max_share if share is None else share,
        near_duplicate_similarity=defaults.near_duplicate_similarity if similarity is None else similarity,
        tags=None if tags is None else frozenset(tags), source=display)
    return config, c.problems


def load_config(folder) -> BankConfig:
    """The validated `config.yaml` of a bank folder (defaults if it has none); raises BankError."""
    folder = Path(folder)
    path = folder / CONFIG_NAME
    if not path.exists():
        return BankConfig()
    config, problems = _check_config(path, f"{folder.name}/{CONFIG_NAME}")
    if problems:
        raise BankError(problems)
    return config


def _check_file(path: Path, seen: dict, keys: set[str] | None, display: str,
                allowed_tags: frozenset[str] | None = None) -> tuple[Quiz | None, list[Problem]]:
    c = _Checker(display)
    match = FILE_NAME.match(path.name)
    if not match:
        c.add(1, f"quiz files are named chNN.yaml (for example ch03.yaml); the only other file is {CONFIG_NAME}")
        return None, c.problems
    doc = _read_yaml(path, c)
    if doc is _NOT_READ:
        return None, c.problems
    if not c.fields(doc, TOP_FIELDS, "quiz file", None):
        return None, c.problems
    chapter = int(match.group(1))
    if "chapter" in doc and doc["chapter"] != chapter:
        c.add(doc.line_of("chapter"), f"chapter must be {chapter} to match the file name", None, "chapter")
    title = c.text(doc, "title", None)
    questions = []
    raw_questions = doc.get("questions")
    if "questions" in doc and (not isinstance(raw_questions, list) or not raw_questions):
        c.add(doc.line_of("questions"), "questions must be a non-empty list", None, "questions")
        raw_questions = []
    for number, raw in enumerate(raw_questions or [], start=1):
        question = _check_question(c, raw, chapter, seen, keys, allowed_tags, number)
        if question:
            questions.append(question)
    if c.problems:
        return None, c.problems
    return Quiz(f"ch{chapter:02d}", title, tuple(questions), display), []


def load_bank(folder, bib_files=None) -> dict[str, Quiz]:
    """Validate `config.yaml` and every `chNN.yaml` in `folder`; return {quiz id: Quiz} or
    raise BankError. Tags must be in the config's list (any lower-case-hyphenated tag when
    the folder has no config.yaml).

    `bib_files`: BibTeX files whose keys citations must match (default: those `_config.yml`
    lists next to `folder`); pass `[]` to skip the citation check.
    """
    folder = Path(folder)
    if bib_files is None:
        bib_files = default_bib_files(folder.parent) if (folder.parent / "_config.yml").exists() else []
    keys = bib_keys(bib_files) if bib_files else None
    seen: dict[str, str] = {}
    quizzes: dict[str, Quiz] = {}
    problems: list[Problem] = []
    config = BankConfig()
    if (folder / CONFIG_NAME).exists():
        config, problems = _check_config(folder / CONFIG_NAME, f"{folder.name}/{CONFIG_NAME}")
        problems = list(problems)
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.name != CONFIG_NAME)
    for path in files:
        display = f"{folder.name}/{path.name}"
        quiz, found = _check_file(path, seen, keys, display, config.tags)
        problems.extend(found)
        if quiz:
            quizzes[quiz.id] = quiz
    if problems:
        raise BankError(problems)
    return quizzes


def main(argv=None) -> int:
    from knowtheline import repo_root

    from . import quality

    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else repo_root() / "quizzes"
    if not folder.is_dir():
        print(f"{folder} is not a folder of quiz files", file=sys.stderr)
        return 1
    try:
        bank = load_bank(folder)
        config = load_config(folder)
    except BankError as err:
        print(f"{len(err.problems)} problem(s) in the question bank:\n{err}", file=sys.stderr)
        return 1
    total = sum(len(q.questions) for q in bank.values())
    print(f"OK: {len(bank)} quiz file(s), {total} question(s) are valid")
    if config.tags is None:
        print(f"note: {folder.name}/ has no {CONFIG_NAME}; tags were checked for their form only")
    report = quality.check(bank, config)
    (print if report.ok else lambda text: print(text, file=sys.stderr))(report.text())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
