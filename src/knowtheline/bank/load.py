"""Load and validate the question bank (`quizzes/chNN.yaml` and `quizzes/config.yaml`).

One validator for the book build, `knowtheline quiz check` and the tests: the schema in
`knowtheline.bank.model` (pydantic), given what it needs from the rest of the bank (the
file's chapter, the ids seen so far, the config's tags, the citation keys). Here its errors
become problems with file, line (from the line-tracking reader `yamlsource`), question id and
field; every problem is reported, and a bank with any problem loads nothing.
"""

from __future__ import annotations

import json
import re
import typing
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import TypeAdapter, ValidationError

from . import yamlsource
from .model import (CONFIG_NAME, NO_CONFIG, BankConfig, Option, OptionText, Question, QuestionText, Quiz,
                    QuizFile, Scenario, ScenarioText, TranslationFile)

FILE_NAME = re.compile(r"^ch(\d\d)\.ya?ml$")
WHAT = {QuizFile: "quiz file", Question: "question", Option: "option", Scenario: "scenario",
        BankConfig: "the config file", TranslationFile: "translation file", QuestionText: "question",
        OptionText: "option", ScenarioText: "scenario"}

__all__ = ["BankConfig", "BankError", "CONFIG_NAME", "Problem", "load_bank", "load_config"]


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


# --- from pydantic's errors to problems an author can act on ------------------------------

@lru_cache(maxsize=None)
def _adapter(cls) -> TypeAdapter:
    return TypeAdapter(cls)


@lru_cache(maxsize=None)
def _known_fields(cls) -> tuple[str, ...]:
    return tuple(_adapter(cls).json_schema(ref_template="{model}")["properties"])


def _model_at(cls, loc: tuple):
    """The model class that validates the value at `loc` (None below the models)."""
    for part in loc:
        if isinstance(part, int) or (cls and part not in typing.get_type_hints(cls)):
            continue  # an item of a list field or a key of a mapping: its type was taken already
        hint = typing.get_type_hints(cls).get(part) if cls else None
        cls = None
        stack = [hint]
        while stack:  # look through Annotated, unions and tuple[...] for a model class
            t = stack.pop()
            if t in WHAT:
                cls = t
                break
            stack.extend(typing.get_args(t))
    return cls


def _where(doc, loc: tuple) -> tuple[int, object]:
    """The line of the value at `loc` in the YAML as read (the line of the mapping it is
    missing from, if it is missing) and the node there."""
    node, line = doc, getattr(doc, "line", 1) or 1
    for part in loc:
        if isinstance(node, dict) and part in node:
            line, node = node.line_of(part), node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            line, node = node.line_at(part), node[part]
        else:
            break
    return line, node


def _field_name(parts) -> str | None:
    name = ""
    for part in parts:
        name += f"[{part + 1}]" if isinstance(part, int) else f"{'.' if name else ''}{part}"
    return name or None


def _question_label(doc, index: int) -> str:
    node = doc["questions"][index]
    qid = node.get("id") if isinstance(node, dict) else None
    return qid if isinstance(qid, str) and qid.strip() else f"number {index + 1} (no id)"


def _problems(err: ValidationError, doc, root, file: str) -> list[Problem]:
    problems = []
    for error in err.errors(include_url=False):
        loc, kind = tuple(error["loc"]), error["type"]
        line, _ = _where(doc, loc)
        if kind == "unexpected_keyword_argument":
            model = _model_at(root, loc[:-1])
            message = f"unknown field in {WHAT[model]} (known fields: {', '.join(_known_fields(model))})"
        elif kind in ("missing", "missing_argument"):
            message = f"{WHAT[_model_at(root, loc[:-1])]} is missing required field"
        elif kind in ("dataclass_type", "dataclass_args_type", "model_type", "dict_type"):
            message = f"{WHAT.get(_model_at(root, loc), 'value')} must be a mapping"
        else:
            message = error["msg"]
        question, field = None, loc
        if root is QuizFile and len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int):
            if isinstance(doc.get("questions"), list) and loc[1] < len(doc["questions"]):
                question, field = _question_label(doc, loc[1]), loc[2:]
        elif root is TranslationFile and len(loc) >= 2 and loc[0] == "questions":
            question, field = str(loc[1]), loc[2:]
        problems.append(Problem(file, line, question, _field_name(field), message))
    return sorted(problems, key=lambda p: p.line)


_NOT_READ = object()


def _read_yaml(path: Path, file: str, problems: list[Problem]):
    """The file's YAML (LineDict/LineList/scalars), or _NOT_READ with the problem recorded."""
    try:
        return yamlsource.load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err)
        problems.append(Problem(file, mark.line + 1 if mark else 1, None, None, f"malformed YAML: {problem}"))
    except UnicodeDecodeError as err:
        problems.append(Problem(file, 1, None, None, f"not UTF-8 text: {err}"))
    except RecursionError:
        problems.append(Problem(file, 1, None, None, "the YAML is nested too deeply to read"))
    return _NOT_READ


def _validate(cls, path: Path, file: str, context: dict):
    """(the validated `cls`, or None; the problems found)."""
    problems: list[Problem] = []
    doc = _read_yaml(path, file, problems)
    if doc is _NOT_READ:
        return None, problems
    try:
        return _adapter(cls).validate_python(doc, context=context), []
    except ValidationError as err:
        return None, _problems(err, doc, cls, file)


def _check_config(path: Path, display: str) -> tuple[BankConfig, list[Problem]]:
    config, problems = _validate(BankConfig, path, display, {"file": display})
    return config or NO_CONFIG, problems


def load_config(folder) -> BankConfig:
    """The validated `config.yaml` of a bank folder (`NO_CONFIG` if it has none); raises BankError."""
    folder = Path(folder)
    path = folder / CONFIG_NAME
    if not path.exists():
        return NO_CONFIG
    config, problems = _check_config(path, f"{folder.name}/{CONFIG_NAME}")
    if problems:
        raise BankError(problems)
    return config


def _check_file(path: Path, seen: dict, keys: set[str] | None, display: str,
                allowed_tags: frozenset[str] | None = None) -> tuple[Quiz | None, list[Problem]]:
    match = FILE_NAME.match(path.name)
    if not match:
        return None, [Problem(display, 1, None, None, "quiz files are named chNN.yaml (for example ch03.yaml); "
                                                      f"the only other file is {CONFIG_NAME}")]
    chapter = int(match.group(1))
    lines: dict[str, int] = {}

    def where(qid: str) -> str:
        return f"{display}:{lines.get(qid, 1)}"

    problems: list[Problem] = []
    doc = _read_yaml(path, display, problems)
    if doc is _NOT_READ:
        return None, problems
    for node in doc.get("questions") or [] if isinstance(doc, dict) and isinstance(doc.get("questions"), list) else []:
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            lines.setdefault(node["id"], node.line_of("id"))
    context = {"chapter": chapter, "seen": seen, "where": where, "tags": allowed_tags, "bib_keys": keys}
    try:
        quiz_file = _adapter(QuizFile).validate_python(doc, context=context)
    except ValidationError as err:
        return None, _problems(err, doc, QuizFile, display)
    return Quiz(f"ch{chapter:02d}", quiz_file.title, quiz_file.questions, display), []


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
    config = NO_CONFIG
    if (folder / CONFIG_NAME).exists():
        config, found = _check_config(folder / CONFIG_NAME, f"{folder.name}/{CONFIG_NAME}")
        problems.extend(found)
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


SCHEMA_FILES = {"schema.json": "quiz files (chNN.yaml)", "config.schema.json": CONFIG_NAME,
                "translation.schema.json": "translations (<lang>/chNN.yaml)"}


def schemas(folder) -> dict[str, str]:
    """{file name: text} of the JSON Schemas for a bank folder: its quiz files (listing the
    tags of its config.yaml, so editors complete them) and its config.yaml."""
    from .model import config_schema, quiz_schema, translation_schema

    tags = load_config(folder).tags
    texts = {"schema.json": quiz_schema(tags), "config.schema.json": config_schema(),
             "translation.schema.json": translation_schema()}
    return {name: json.dumps(schema, indent=2, ensure_ascii=False) + "\n" for name, schema in texts.items()}
