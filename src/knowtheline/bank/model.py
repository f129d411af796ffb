"""The question bank's schema and data model: one definition of every field and rule.

The classes below are pydantic dataclasses. The same definition

* validates a quiz file (`chNN.yaml`, the `QuizFile` shape) and the bank's `config.yaml`
  (`BankConfig`), with the cross-field rules beside the fields (`Question._rules`); the
  rules that need the rest of the bank (ids unique across it, tags in the config's list,
  citation keys in references.bib, the id's chapter) read the validation context that
  `knowtheline.bank.load` passes;
* is the Python objects the book, the widget and the instructor tools use (frozen
  dataclasses: `dataclasses.replace` and `asdict` work);
* publishes the JSON Schema editors use (`quiz_schema`, `config_schema`; written to
  `quizzes/schema.json` and `quizzes/config.schema.json` by `knowtheline quiz schema`).

Error messages are written for authors; `knowtheline.bank.load` adds file, line, question
id and field.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import hashlib
import json
from typing import Annotated, Any, Literal

from pydantic import (AfterValidator, BeforeValidator, ConfigDict, Field, TypeAdapter, ValidationError,
                      ValidationInfo, WithJsonSchema, WrapValidator, model_validator)
from pydantic.dataclasses import dataclass as _pydantic_dataclass
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from knowtheline import i18n

TYPES = ("single", "multiple", "true_false", "scenario")
DIFFICULTIES = ("easy", "medium", "hard")
# Labels in English, from the interface catalogue (knowtheline/i18n/en.yaml; es.yaml has
# them in Spanish).
OFFICERS = i18n.t("en", "officers")
SCENARIO_LABELS = tuple(i18n.t("en", "scenario_labels"))
TYPE_LABELS = i18n.t("en", "types")
QUESTION_ID = r"^ch\d\d-[a-z0-9]+(-[a-z0-9]+)*$"
TAG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
CONFIG_NAME = "config.yaml"
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _model(cls=None, **extra):
    """A frozen pydantic dataclass that rejects unknown fields."""
    config = ConfigDict(extra="forbid", **extra)
    return _pydantic_dataclass(frozen=True, config=config)(cls) if cls else \
        lambda c: _pydantic_dataclass(frozen=True, config=config)(c)


# --- field types: each with the one message an author sees when the value is wrong --------

def _error(message: str) -> PydanticCustomError:
    return PydanticCustomError("rule", "{message}", {"message": message})


def _rule(message, test=None):
    """Report any problem with the value itself (not with its items, which report their own)
    as `message` (text, or a function of the value); `test(value)` checks the raw value first."""
    def say(value) -> PydanticCustomError:
        return _error(message(value) if callable(message) else message)

    def wrap(value, handler, info: ValidationInfo):
        if test is not None and not test(value):
            raise say(value)
        try:
            return handler(value)
        except ValidationError as err:
            if any(not e["loc"] for e in err.errors()):
                raise say(value) from None
            raise
    return WrapValidator(wrap)


def _is_list(low: int = 1, high: int | None = None):
    def test(value) -> bool:
        return isinstance(value, (list, tuple)) and low <= len(value) <= (high or len(value))
    return test


def _context(info: ValidationInfo) -> dict:
    return info.context or {}


def _option_id(value):
    if isinstance(value, bool):  # YAML reads an unquoted true/false as a boolean
        return "true" if value else "false"
    return str(value) if isinstance(value, int) else value


def _as_list(value):
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _iso_date(value):
    """A date written as 2026-11-28 (the YAML reader keeps dates as text)."""
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(value).isoformat() if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def _known_tag(tag: str, info: ValidationInfo) -> str:
    allowed = _context(info).get("tags")
    if allowed is not None and tag not in allowed:
        close = difflib.get_close_matches(tag, sorted(allowed), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; add it to {CONFIG_NAME} first if it is new"
        raise _error(f"tag {tag!r} is not in the controlled list ({CONFIG_NAME}){hint}")
    return tag


def _known_citation(key: str, info: ValidationInfo) -> str:
    keys = _context(info).get("bib_keys")
    if keys is not None and key not in keys:
        raise _error(f"unknown citation key {key!r} (not in references.bib)")
    return key


def _unique_id(qid: str, info: ValidationInfo) -> str:
    """Ids are unique across the bank and start with the file's chapter (`chNN-`)."""
    context = _context(info)
    if "seen" in context:
        seen = context["seen"]
        if qid in seen:
            raise _error(f"duplicate id (also used at {seen[qid]})")
        seen[qid] = context["where"](qid)
    chapter = context.get("chapter")
    if chapter is not None and not qid.startswith(f"ch{chapter:02d}-"):
        raise _error(f"id must start with 'ch{chapter:02d}-' in this file")
    return qid


def _unique_items(what: str):
    """A list whose items may not repeat (checked on the list as written, with the items'
    own problems)."""
    def wrap(value, handler, info: ValidationInfo):
        errors, seen = [], set()
        for index, item in enumerate(value if isinstance(value, (list, tuple)) else ()):
            if isinstance(item, str) and item in seen:
                errors.append({"type": _error(f"{what} {item!r} is listed twice"), "loc": (index,), "input": item})
            seen.add(item)
        try:
            result = handler(value)
        except ValidationError as err:
            errors += [{"type": _error(e["msg"]), "loc": e["loc"], "input": e["input"]} for e in err.errors()]
        if errors:
            raise ValidationError.from_exception_data("list", sorted(errors, key=lambda e: e["loc"]))
        return result
    return WrapValidator(wrap)


def _not_null(schema: dict) -> None:
    """JSON Schema: a field that may be None in Python but not in a file."""
    variants = [v for v in schema.pop("anyOf", []) if v.get("type") != "null"]
    if variants:
        schema.update(variants[0])


Text = Annotated[str, Field(min_length=1, pattern=r"\S"), AfterValidator(str.strip), _rule("must be non-empty text")]
OptionId = Annotated[str, Field(min_length=1), BeforeValidator(_option_id), _rule("option id must be text")]
TagName = Annotated[str, Field(pattern=TAG), _rule(lambda tag: f"tag {tag!r} must be lower-case-hyphenated")]
Fraction = Annotated[float, Field(ge=0, le=1),
                     _rule(lambda v: f"must be a number from 0 to 1, not {v!r}",
                           lambda v: isinstance(v, (int, float)) and not isinstance(v, bool))]
PositiveFraction = Annotated[float, Field(gt=0, le=1),
                             _rule(lambda v: f"must be a number from above 0 to 1, not {v!r}",
                                   lambda v: isinstance(v, (int, float)) and not isinstance(v, bool))]


def _one_of(name: str, values) -> Any:
    return _rule(f"{name} must be one of {', '.join(values)}")


# --- the models ----------------------------------------------------------------------------

@_model
class Option:
    """One option of a question."""

    id: Annotated[OptionId, Field(description="Unique within the question; 'true'/'false' (quoted) "
                                              "for true_false questions")]
    text: Annotated[Text, Field(description="What learners read")]
    feedback: Annotated[Text, Field(description="Shown when this option is chosen: why it is right or not")]


@_model
class Scenario:
    """The situation of a scenario question."""

    officer: Annotated[Literal[tuple(OFFICERS)], _one_of("officer", OFFICERS),
                       Field(description="Who the officer is")]
    place: Annotated[Text, Field(description="Where it happens")]
    action: Annotated[Text, Field(description="What the bystander does")]

    @property
    def officer_label(self) -> str:
        return OFFICERS[self.officer]

    @property
    def pairs(self) -> tuple[tuple[str, str], ...]:
        """(label, text) lines describing the situation, as every rendering shows them."""
        return self.pairs_in("en")

    def pairs_in(self, lang: str) -> tuple[tuple[str, str], ...]:
        """`pairs` with the labels and the officer in `lang` (the place and action are the
        quiz's own words, translated with it)."""
        return tuple(zip(i18n.t(lang, "scenario_labels"), (i18n.t(lang, "officers")[self.officer], self.place, self.action)))


# Rules JSON Schema can state too (editors show them while typing); `Question._rules` checks
# the same ones, and more, in Python.
_QUESTION_SCHEMA_RULES = {"allOf": [
    {"if": {"properties": {"type": {"const": "scenario"}}, "required": ["type"]},
     "then": {"required": ["scenario"]}, "else": {"not": {"required": ["scenario"]}}},
    {"if": {"properties": {"type": {"const": "true_false"}}, "required": ["type"]},
     "then": {"properties": {"options": {"minItems": 2, "maxItems": 2,
                                         "items": {"properties": {"id": {"enum": ["true", "false"]}}}}}}},
    {"if": {"properties": {"type": {"const": "multiple"}}, "required": ["type"]},
     "then": {"properties": {"answer": {"type": "array", "minItems": 1, "uniqueItems": True}}},
     "else": {"properties": {"answer": {"anyOf": [{"type": "string"},
                                                  {"type": "array", "minItems": 1, "maxItems": 1}]}}}},
]}


@_model(json_schema_extra=_QUESTION_SCHEMA_RULES)
class Question:
    """One question. In a quiz file its chapter comes from the file (`chNN.yaml`)."""

    id: Annotated[str, Field(pattern=QUESTION_ID),
                  _rule("id must look like 'ch01-short-name' (lower case, hyphens)"), AfterValidator(_unique_id),
                  Field(description="Unique across the bank, starting with the file's chapter (ch01-...); "
                                    "never renumber: results files refer to it")]
    chapter: SkipJsonSchema[int]
    type: Annotated[Literal[TYPES], _one_of("type", TYPES),
                    Field(description="single and scenario: one right option; multiple: choose all that "
                                      "apply; true_false: options 'true' and 'false'")]
    tags: Annotated[tuple[Annotated[TagName, AfterValidator(_known_tag)], ...],
                    _rule("tags must be a non-empty list", _is_list(1)),
                    Field(json_schema_extra={"minItems": 1},
                          description=f"At least one, each from the list in {CONFIG_NAME}")]
    difficulty: Annotated[Literal[DIFFICULTIES], _one_of("difficulty", DIFFICULTIES)]
    prompt: Annotated[Text, Field(description="The question as learners read it")]
    options: Annotated[tuple[Option, ...], _rule("options must be a list of 2 to 6 options", _is_list(2, 6)),
                       Field(json_schema_extra={"minItems": 2, "maxItems": 6}, description="2 to 6 options")]
    answer: Annotated[tuple[OptionId, ...], BeforeValidator(_as_list),
                      WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
                                      "description": "The right option's id; for multiple, a list of ids"})]
    explanation: Annotated[Text, Field(description="Why, in two or three sentences, with the rule stated plainly")]
    cite: Annotated[tuple[Annotated[str, _rule("a citation key is text"), AfterValidator(_known_citation)], ...],
                    _rule("cite must be a non-empty list of references.bib keys", _is_list(1)),
                    Field(json_schema_extra={"minItems": 1}, description="Keys in references.bib, at least one")]
    as_of: Annotated[str | None, BeforeValidator(_iso_date),
                     _rule("as_of must be a date like 2026-11-28", lambda v: v is None or _iso_date(v)),
                     WithJsonSchema({"type": "string", "format": "date",
                                     "description": "The date the law or figure was checked (give it when "
                                                    "either can change), like 2026-11-28"})] = None
    scenario: Annotated[Scenario | None, Field(description="Required for type scenario, not allowed otherwise",
                                               json_schema_extra=_not_null)] = None

    @model_validator(mode="before")
    @classmethod
    def _chapter_from_file(cls, data, info: ValidationInfo):
        """In a quiz file, a question's chapter is the file's; it is not written in the question."""
        chapter = _context(info).get("chapter")
        if isinstance(data, dict) and chapter is not None:
            if "chapter" in data:
                raise ValidationError.from_exception_data("Question", [
                    {"type": "unexpected_keyword_argument", "loc": ("chapter",), "input": data["chapter"]}])
            data = {**data, "chapter": chapter}
        return data

    @model_validator(mode="after")
    def _rules(self):
        """The rules between fields; every one broken is reported, each with its field."""
        errors: list[tuple[tuple, str]] = []
        ids = [o.id for o in self.options]
        for index, oid in enumerate(ids):
            if oid in ids[:index]:
                errors.append((("options", index, "id"), f"duplicate option id {oid!r}"))
        if self.type == "true_false" and sorted(ids) != ["false", "true"]:
            errors.append((("options",), "a true_false question has exactly the options 'true' and 'false'"))
        if self.type == "multiple":
            if not self.answer:
                errors.append((("answer",), "a multiple question's answer is a non-empty list of option ids"))
            elif len(set(self.answer)) != len(self.answer):
                errors.append((("answer",), "the answer lists an option twice"))
        elif len(self.answer) != 1:
            errors.append((("answer",), f"a {self.type} question has exactly one correct option, not {len(self.answer)}"))
        for answer in self.answer:
            if answer not in ids:
                errors.append((("answer",), f"correct answer {answer!r} is not one of the options ({', '.join(sorted(ids))})"))
        if self.type == "scenario" and self.scenario is None:
            errors.append((("scenario",), "a scenario question needs a scenario (officer, place, action)"))
        elif self.type != "scenario" and self.scenario is not None:
            errors.append((("scenario",), "only scenario questions have a scenario"))
        if errors:
            raise ValidationError.from_exception_data(
                "Question", [{"type": _error(message), "loc": loc, "input": None} for loc, message in errors])
        return self

    @property
    def multiple(self) -> bool:
        """True when the learner may tick several options (checkboxes)."""
        return self.type == "multiple"

    @property
    def shown_options(self) -> tuple[Option, ...]:
        """Options in the order learners see them: a fixed shuffle per question (so the
        right answer is not usually first, as writers tend to put it), the same in the book,
        the live widget and print; true/false stays in that order."""
        if self.type == "true_false":
            return self.options
        return tuple(sorted(self.options, key=lambda o: hashlib.sha256(f"{self.id}:{o.id}".encode()).hexdigest()))

    @property
    def letters(self) -> dict[str, str]:
        """Option id -> the letter it is shown with (A, B, C, ...), in `shown_options` order."""
        return {o.id: chr(ord("A") + i) for i, o in enumerate(self.shown_options)}

    def option(self, option_id: str) -> Option:
        return next(o for o in self.options if o.id == option_id)

    def is_correct(self, chosen) -> bool:
        return set(chosen) == set(self.answer)


def _file_chapter(chapter: int, info: ValidationInfo) -> int:
    expected = _context(info).get("chapter")
    if expected is not None and chapter != expected:
        raise _error(f"chapter must be {expected} to match the file name")
    return chapter


@_model(title="Know the Line quiz file (quizzes/chNN.yaml)")
class QuizFile:
    """One chapter's quiz file, `quizzes/chNN.yaml`."""

    chapter: Annotated[int, Field(strict=True, ge=1, le=99), _rule("chapter must be a chapter number"),
                       AfterValidator(_file_chapter), Field(description="The chapter number, as in the file name")]
    title: Annotated[Text, Field(description="The quiz's heading")]
    questions: Annotated[tuple[Question, ...], _rule("questions must be a non-empty list", _is_list(1)),
                         Field(json_schema_extra={"minItems": 1})]


def _tags_given(value, handler, info: ValidationInfo):
    """`tags: None` means "no controlled list" in code (a bank without config.yaml); a
    config file must give the list."""
    if value is None and info.context is not None:
        raise _error("tags must be a non-empty list of lower-case-hyphenated tags")
    return handler(value)


@_model(title="Know the Line question bank settings (quizzes/config.yaml)")
class BankConfig:
    """The bank's settings (`config.yaml`). A bank without one uses `NO_CONFIG`: tags are
    only checked for their form and `quiz check` uses the default limits."""

    longest_correct_max_share: Annotated[Fraction, Field(
        description="Across single-answer and scenario questions, the largest share in which the right "
                    "answer is strictly the longest option; above it `quiz check` fails")]
    near_duplicate_similarity: Annotated[PositiveFraction, Field(
        description="Two questions whose words are at least this similar (Jaccard) are near-duplicates")]
    tags: Annotated[frozenset[TagName] | None, _unique_items("tag"),
                    _rule("tags must be a non-empty list of lower-case-hyphenated tags",
                          lambda v: v is None or _is_list(1)(v) or isinstance(v, (set, frozenset))),
                    WrapValidator(_tags_given),
                    Field(json_schema_extra=lambda schema: (_not_null(schema), schema.update(minItems=1)),
                          description="The only tags a question may carry; add a new tag here first")]


NO_CONFIG = BankConfig(0.30, 0.8, None)


@dataclasses.dataclass(frozen=True)
class Quiz:
    """A list of questions shown together: a chapter's quiz or an instructor's selection."""

    id: str
    title: str
    questions: tuple[Question, ...] = dataclasses.field(default_factory=tuple)
    source: str = ""
    lang: str = "en"
    #: A translation's version is its English quiz's (`knowtheline.translation.quizzes`):
    #: the same questions, options and answers, so one gradebook reads both.
    version_of: str = ""

    @property
    def version(self) -> str:
        """A short fingerprint of the questions: saved progress and results carry it, so
        answers to an older version of a quiz are recognised as such."""
        if self.version_of:
            return self.version_of
        payload = json.dumps([dataclasses.asdict(q) for q in self.questions], sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()[:12]

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)


# --- translations: text only, keyed by the English ids (knowtheline.translation.quizzes) ----

@_model
class OptionText:
    """An option's text in another language."""

    text: Annotated[Text, Field(description="The option, translated")]
    feedback: Annotated[Text, Field(description="Its feedback, translated")]


@_model
class ScenarioText:
    """A scenario's place and action in another language (the officer label comes from the
    interface messages)."""

    place: Annotated[Text, Field(description="Where it happens, translated")]
    action: Annotated[Text, Field(description="What the bystander does, translated")]


@_model
class QuestionText:
    """A question's text in another language."""

    prompt: Annotated[Text, Field(description="The question, translated")]
    options: Annotated[dict[OptionId, OptionText], Field(description="Every option, by the English option id")]
    explanation: Annotated[Text, Field(description="The explanation, translated")]
    scenario: Annotated[ScenarioText | None, Field(description="For scenario questions only",
                                                   json_schema_extra=_not_null)] = None


@_model(title="Know the Line quiz translation (quizzes/<lang>/chNN.yaml)")
class TranslationFile:
    """The text of one chapter's quiz in another language, keyed by the English question
    and option ids; ids, answers, citations and dates come from the English file."""

    chapter: Annotated[int, Field(strict=True, ge=1, le=99), _rule("chapter must be a chapter number"),
                       AfterValidator(_file_chapter), Field(description="The chapter number, as in the file name")]
    title: Annotated[Text, Field(description="The quiz's heading, translated")]
    questions: Annotated[dict[str, QuestionText], _rule("questions must be a mapping of question ids to text"),
                         Field(description="Every question of the English file, by its id")]


# --- JSON Schema ---------------------------------------------------------------------------

def _schema(cls, schema_id: str) -> dict:
    schema = TypeAdapter(cls).json_schema()
    return {"$schema": SCHEMA_DIALECT, "$id": schema_id, **schema}


def quiz_schema(tags=None) -> dict:
    """The JSON Schema of a quiz file; with `tags` (the config's list), tags are listed too,
    so editors complete them."""
    schema = _schema(QuizFile, "schema.json")
    if tags:
        schema["$defs"]["Question"]["properties"]["tags"]["items"]["enum"] = sorted(tags)
    return schema


def translation_schema() -> dict:
    """The JSON Schema of a quiz translation file."""
    return _schema(TranslationFile, "translation.schema.json")


def config_schema() -> dict:
    """The JSON Schema of the bank's `config.yaml`."""
    return _schema(BankConfig, "config.schema.json")
