"""Quiz translations: `quizzes/<lang>/chNN.yaml` holds only text, keyed by the English ids.

The schema is `knowtheline.bank.model.TranslationFile` (published as
`quizzes/translation.schema.json`); here it is checked against the English bank: every
question and option of the English file translated, nothing the English file lacks, a
scenario exactly where the English has one, and no text left identical to the English.
Problems name file, line, question id and field, like the bank's.

`translate(quiz, text)` makes the translated `Quiz`: the English quiz's ids, types,
answers, citations, dates and shown order, with the translation's words, and the English
quiz's version, so results files from either edition grade with the same `quiz grade`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

from knowtheline.bank import load as _bank
from knowtheline.bank.load import BankError, Problem
from knowtheline.bank.model import Quiz, TranslationFile

from .parity import describe, numerals

#: Texts this short may be the same in both languages (a name, "Sí"/"No" aside).
SAME_TEXT_OK = 12


def source_hash(quiz: Quiz) -> str:
    """The fingerprint of an English quiz's translatable text and ids: a change to any of
    them makes its translations outdated."""
    payload = [quiz.title] + [
        [q.id, q.prompt, q.explanation, [q.scenario.place, q.scenario.action] if q.scenario else None,
         [[o.id, o.text, o.feedback] for o in q.options]]
        for q in quiz.questions]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()[:16]


def _texts(q) -> list[str]:
    return [q.prompt, q.explanation, *([q.scenario.place, q.scenario.action] if q.scenario else []),
            *(x for o in q.options for x in (o.text, o.feedback))]


def _cross_check(quiz: Quiz, text: TranslationFile, doc, display: str) -> list[Problem]:
    problems: list[Problem] = []

    def line(*loc) -> int:
        return _bank._where(doc, loc)[0]

    def add(loc: tuple, question: str | None, field: str | None, message: str) -> None:
        problems.append(Problem(display, line(*loc), question, field, message))

    def same(loc, qid, field, english: str, translated: str) -> None:
        if len(english) > SAME_TEXT_OK and english.strip() == translated.strip():
            add(loc, qid, field, "not translated (the same text as the English)")

    same(("title",), None, "title", quiz.title, text.title)
    english = {q.id: q for q in quiz.questions}
    for qid in text.questions:
        if qid not in english:
            add(("questions", qid), qid, None, f"unknown question id (not in {quiz.source or quiz.id})")
    for q in quiz.questions:
        t = text.questions.get(q.id)
        if t is None:
            add(("questions",), q.id, None, "question missing: every English question needs its text")
            continue
        at = ("questions", q.id)
        if q.scenario and not t.scenario:
            add(at, q.id, "scenario", "missing: the English question has a scenario (place, action)")
        elif t.scenario and not q.scenario:
            add(at + ("scenario",), q.id, "scenario", "the English question has no scenario")
        elif q.scenario:
            same(at + ("scenario", "place"), q.id, "scenario.place", q.scenario.place, t.scenario.place)
            same(at + ("scenario", "action"), q.id, "scenario.action", q.scenario.action, t.scenario.action)
        same(at + ("prompt",), q.id, "prompt", q.prompt, t.prompt)
        same(at + ("explanation",), q.id, "explanation", q.explanation, t.explanation)
        ids = [o.id for o in q.options]
        for oid in t.options:
            if oid not in ids:
                add(at + ("options", oid), q.id, f"options.{oid}", f"unknown option id (the English has {', '.join(ids)})")
        for o in q.options:
            ot = t.options.get(o.id)
            if ot is None:
                add(at + ("options",), q.id, f"options.{o.id}", "option missing: every English option needs its text")
                continue
            same(at + ("options", o.id, "text"), q.id, f"options.{o.id}.text", o.text, ot.text)
            same(at + ("options", o.id, "feedback"), q.id, f"options.{o.id}.feedback", o.feedback, ot.feedback)
        english_numbers = numerals(" ".join(_texts(q)))
        translated_numbers = numerals(" ".join([t.prompt, t.explanation, *(t.scenario and [t.scenario.place, t.scenario.action] or []),
                                                *(x for ot in t.options.values() for x in (ot.text, ot.feedback))]))
        if english_numbers != translated_numbers:
            add(at, q.id, None, describe("numerals", english_numbers, translated_numbers))
    return problems


def translate(quiz: Quiz, text: TranslationFile, lang: str) -> Quiz:
    """The English `quiz` in the words of `text` (checked by `load`)."""
    questions = []
    for q in quiz.questions:
        t = text.questions[q.id]
        options = tuple(dataclasses.replace(o, text=t.options[o.id].text, feedback=t.options[o.id].feedback)
                        for o in q.options)
        scenario = dataclasses.replace(q.scenario, place=t.scenario.place, action=t.scenario.action) \
            if q.scenario else None
        questions.append(dataclasses.replace(q, prompt=t.prompt, explanation=t.explanation, options=options,
                                             scenario=scenario))
    return dataclasses.replace(quiz, title=text.title, questions=tuple(questions), lang=lang,
                               version_of=quiz.version)


def load_file(path: Path, quiz: Quiz | None, display: str) -> tuple[TranslationFile | None, object, list[Problem]]:
    """(the file's text, its YAML as read, problems)."""
    problems: list[Problem] = []
    doc = _bank._read_yaml(path, display, problems)
    if doc is _bank._NOT_READ:
        return None, None, problems
    match = _bank.FILE_NAME.match(path.name)
    if not match:
        return None, doc, [Problem(display, 1, None, None, "translation files are named chNN.yaml, like the English")]
    if quiz is None:
        return None, doc, [Problem(display, 1, None, None, f"there is no English quiz {path.name} to translate")]
    try:
        text = _bank._adapter(TranslationFile).validate_python(doc, context={"chapter": int(match.group(1))})
    except _bank.ValidationError as err:
        return None, doc, _bank._problems(err, doc, TranslationFile, display)
    return text, doc, _cross_check(quiz, text, doc, display)


def load(folder, bank: dict[str, Quiz], lang: str) -> dict[str, Quiz]:
    """Every translation in `folder` (quizzes/<lang>/) applied to `bank`: {quiz id: Quiz}.
    Every English quiz must be translated. Raises BankError naming every problem."""
    folder = Path(folder)
    problems: list[Problem] = []
    quizzes: dict[str, Quiz] = {}
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml")) if folder.is_dir() else []
    for path in files:
        display = f"{folder.parent.name}/{folder.name}/{path.name}"
        quiz = bank.get(path.stem)
        text, _, found = load_file(path, quiz, display)
        problems += found
        if text is not None and not found:
            quizzes[quiz.id] = translate(quiz, text, lang)
    for quiz_id in sorted(set(bank) - {p.stem for p in files}):
        problems.append(Problem(f"{folder.parent.name}/{folder.name}/{quiz_id}.yaml", 1, None, None,
                                f"missing: quiz {quiz_id} has no {lang} translation"))
    if problems:
        raise BankError(problems)
    return quizzes
