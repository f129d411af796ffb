"""What a learner is given of a quiz: the one place that decides what leaves the bank.

Every learner-facing rendering (the book's quiz, an assignment's HTML page and notebook, the
live widget) is made from `learner_view(quiz, mode)`, never from the bank's questions:

* questions are numbered `q1 … qn` and options lettered `A, B, C …` in the order shown, so
  neither a bank id (which can name the answer, e.g. `ch05-detainer-is-a-request`), nor a
  difficulty, nor an author's option id (writers tend to make the right one `a`) is on
  the page or in its data;
* in `practice` mode the view carries the answers, every option's feedback and the
  explanation (instant feedback, as in the book);
* in `graded` mode it carries none of them: only what is needed to answer.

`answer_map(quiz)` is the instructor's side: `q1 -> bank id` and `letter -> option id`,
written into assignment.json so `quiz grade` can read the results files back.
"""

from __future__ import annotations

from knowtheline import i18n

from knowtheline.bank.model import Quiz

MODES = ("practice", "graded")


def neutral_id(number: int) -> str:
    return f"q{number}"


def learner_view(quiz: Quiz, mode: str = "practice", attempts: int | None = None) -> dict:
    """The quiz as a learner may see it (JSON-ready). `attempts`: graded mode's submissions
    allowed per question (default 1)."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    if attempts is not None and (mode != "graded" or attempts < 1):
        raise ValueError("attempts is a whole number of 1 or more, for graded assignments only")
    questions = []
    for number, q in enumerate(quiz.questions, start=1):
        letters = q.letters
        item = {
            "id": neutral_id(number), "type": q.type, "label": i18n.t(quiz.lang, "types")[q.type],
            "multiple": q.multiple, "scenario": [list(pair) for pair in q.scenario.pairs_in(quiz.lang)] if q.scenario else [],
            "prompt": q.prompt, "as_of": q.as_of,
            "options": [{"id": letters[o.id], "text": o.text} for o in q.shown_options],
        }
        if mode == "practice":
            item["answer"] = sorted(letters[a] for a in q.answer)
            item["feedback"] = {letters[o.id]: o.feedback for o in q.shown_options}
            item["explanation"] = q.explanation
        questions.append(item)
    return {"quiz": quiz.id, "version": quiz.version, "title": quiz.title, "mode": mode, "lang": quiz.lang,
            "attempts": (attempts or 1) if mode == "graded" else None, "questions": questions}


def answer_map(quiz: Quiz) -> dict[str, dict]:
    """{neutral id: {"question": bank id, "options": {letter: option id}}}, in quiz order."""
    return {neutral_id(n): {"question": q.id, "options": {letter: oid for oid, letter in q.letters.items()}}
            for n, q in enumerate(quiz.questions, start=1)}
