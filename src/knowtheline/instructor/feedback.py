"""Feedback sheets to hand back after grading (`knowtheline quiz grade --feedback`).

One standalone HTML page per graded results file: the learner's score, then each question
as they saw it (numbered as on their page, never with a bank id or difficulty), the
answer they gave, the right answer, the feedback on both, and the explanation. Every piece
of text, the learner's name included, is escaped.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from knowtheline.quiz.model import Question

from .assign import slug
from .collect import Collection, Expected, Submission
from .export_text import PRINT_CSS
from .files import write_new
from .textutil import scenario_pairs

SHEET_CSS = """
.ktl-fb-options { list-style: none; padding-left: 0.5rem; }
.ktl-fb-options li { margin: 0.3rem 0; }
.ktl-fb-mark { font-weight: 600; }
.ktl-fb-note { margin: 0.1rem 0 0 1.5rem; font-size: 0.95em; }
.ktl-fb-verdict { font-weight: 700; }
"""


def _question(q: Question, number: int, picks: tuple[str, ...] | None) -> str:
    letters = q.letters
    scenario = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in scenario_pairs(q))
    scenario = f'<dl class="ktl-sheet-scenario">{scenario}</dl>' if scenario else ""
    options = []
    for o in q.shown_options:
        marks = [m for m, on in (("your answer", picks and o.id in picks), ("right answer", o.id in q.answer)) if on]
        mark = f' <span class="ktl-fb-mark">({" and ".join(marks)})</span>' if marks else ""
        note = f'<p class="ktl-fb-note">{escape(o.feedback)}</p>' if marks else ""
        options.append(f"<li>{letters[o.id]}. {escape(o.text)}{mark}{note}</li>")
    if picks is None:
        verdict = "Not answered."
    else:
        verdict = "Right." if q.is_correct(picks) else "Not right."
    return (f'<section class="ktl-sheet-question"><h2>Question {number}</h2>{scenario}'
            f'<p class="ktl-sheet-prompt">{escape(q.prompt)}</p>'
            f'<p class="ktl-fb-verdict">{verdict}</p><ul class="ktl-fb-options">{"".join(options)}</ul>'
            f'<p class="ktl-explanation"><strong>Why:</strong> {escape(q.explanation)}</p></section>')


def sheet(s: Submission, questions: dict[str, Question], title: str) -> str:
    """One learner's feedback sheet as a standalone HTML document."""
    given = [questions[qid] for qid in s.questions if qid in questions]
    right = sum(q.is_correct(s.chosen[q.id]) for q in given if q.id in s.chosen)
    body = "".join(_question(q, n, s.chosen.get(q.id)) for n, q in enumerate(given, start=1))
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Feedback: {escape(title)}</title><style>{PRINT_CSS}{SHEET_CSS}</style></head><body><main>"
        f"<h1>Feedback: {escape(title)}</h1>"
        f'<p class="ktl-fb-learner">For <strong>{escape(s.learner)}</strong>: {right} of {len(given)} right.</p>'
        f"{body}<p>This is an education resource, not legal advice.</p></main></body></html>\n"
    )


def write_sheets(collection: Collection, questions: dict[str, Question], known: dict[str, Expected],
                 folder: Path) -> list[Path]:
    """A sheet per graded file into `folder` (named from quiz and learner; never overwriting)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for s in sorted(collection.submissions, key=lambda s: (s.quiz, s.learner.casefold(), s.file)):
        title = known[s.quiz].title or s.quiz
        written.append(write_new(folder / f"{slug(s.quiz)}-{slug(s.learner)}.html", sheet(s, questions, title)))
    return written
