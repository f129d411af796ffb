"""Feedback sheets to hand back after grading (`knowtheline quiz grade --feedback`).

One standalone HTML page per graded results file: the learner's score, then each question
as they saw it (numbered as on their page, never with a bank id or difficulty), the
answer they gave, the right answer, the feedback on both, and the explanation. Every piece
of text, the learner's name included, is escaped.
"""

from __future__ import annotations

from pathlib import Path

from knowtheline.bank.model import Question
from knowtheline.render import render

from .assign import slug
from .collect import Collection, Expected, Submission
from .files import write_new

def sheet(s: Submission, questions: dict[str, Question], title: str) -> str:
    """One learner's feedback sheet as a standalone HTML document (`templates/feedback.html`)."""
    given = [questions[qid] for qid in s.questions if qid in questions]
    right = sum(q.is_correct(s.chosen[q.id]) for q in given if q.id in s.chosen)
    return render("feedback.html", title=title, learner=s.learner, right=right,
                  questions=[(q, s.chosen.get(q.id)) for q in given])


def write_sheets(collection: Collection, questions: dict[str, Question], known: dict[str, Expected],
                 folder: Path) -> list[Path]:
    """A sheet per graded file into `folder` (named from quiz and learner; never overwriting)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for s in sorted(collection.submissions, key=lambda s: (s.quiz, s.learner.casefold(), s.file)):
        title = known[s.quiz].title or s.quiz
        written.append(write_new(folder / f"{slug(s.quiz)}-{slug(s.learner)}.html", sheet(s, questions, title)))
    return written
