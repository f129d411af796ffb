"""The quiz engine: one YAML bank, one validator, one learner view, renderings of it.

In a notebook cell, ``show_quiz(1)`` displays chapter 1's quiz. Jupyter shows the live
quiz (`widget.QuizWidget`, the book's own quiz module as an anywidget); the built book
(KNOWTHELINE_STATIC_BUILD=1) gets only the self-contained HTML of the same quiz, which the
same module runs; printing that page puts the answers in an answer key at the end. Both are made from `view.learner_view` (practice mode in the book;
assignments may be graded: no answers anywhere in what the learner gets).
"""

from __future__ import annotations

import os
from functools import lru_cache

from knowtheline.bank.load import BankError, load_bank
from knowtheline.bank.model import Question, Quiz
from .view import learner_view

__all__ = ["BankError", "Question", "Quiz", "QuizDisplay", "book_bank", "learner_view", "load_bank", "show_quiz"]


@lru_cache(maxsize=None)
def book_bank(lang: str = "en") -> dict[str, Quiz]:
    """The validated question bank of this checkout; in another language, the English bank
    in the words of `quizzes/<lang>/` (knowtheline.translation.quizzes)."""
    from knowtheline import repo_root

    bank = load_bank(repo_root() / "quizzes")
    if lang == "en":
        return bank
    from knowtheline.translation.quizzes import load

    return load(repo_root() / "quizzes" / lang, bank, lang)


class QuizDisplay:
    """What a notebook cell shows: the live widget (in Jupyter) plus the static HTML, both
    from a learner view (`view.learner_view`; an assignment notebook holds its view)."""

    def __init__(self, view: dict, learner: str = ""):
        self.view = view
        self.learner = learner  # filled into the live quiz's name box (per-learner assignments)

    def _repr_mimebundle_(self, include=None, exclude=None):
        from . import html

        bundle = {
            "text/html": html.render_view(self.view),
            "text/plain": f"{self.view['title']} ({len(self.view['questions'])} questions)",
        }
        if os.environ.get("KNOWTHELINE_STATIC_BUILD") != "1":
            from .widget import QuizWidget

            widget_bundle, _ = QuizWidget(self.view, learner=self.learner)._repr_mimebundle_()
            bundle.update({k: v for k, v in widget_bundle.items() if k != "text/plain"})
        return bundle


def show_quiz(chapter: int | str, lang: str = "en") -> QuizDisplay:
    """The quiz for a chapter (1 to 8, or an id such as 'ch01'), in `lang` ('en' or 'es')."""
    quiz_id = chapter if isinstance(chapter, str) else f"ch{int(chapter):02d}"
    return QuizDisplay(learner_view(book_bank(lang)[quiz_id]))
