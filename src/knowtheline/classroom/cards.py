"""Role-play scenario cards, made from the bank's scenario questions.

In the book, `facilitators/scenario-cards.ipynb` shows `render_cards()`; the handouts print
the same HTML. Each card gives the situation (who the officer is, where, what the bystander
does) and the question to discuss; the answers, with the chapter that explains them, come
after all the cards so the cards can be handed out on their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowtheline.bank.model import Question, Quiz
from knowtheline.render import render

def scenario_questions(bank: dict[str, Quiz]) -> list[Question]:
    """Every scenario question, in chapter order."""
    return [q for quiz_id in sorted(bank) for q in bank[quiz_id].questions if q.scenario]


@dataclass(frozen=True)
class Cards:
    """The cards as HTML; a notebook cell displays it."""

    questions: tuple[Question, ...]
    lang: str = "en"

    @property
    def html(self) -> str:
        return render("cards.html", lang=self.lang, questions=self.questions)

    def _repr_html_(self) -> str:
        return self.html


def render_cards(bank: dict[str, Quiz] | None = None, lang: str = "en") -> Cards:
    """Cards for every scenario question of `bank` (default: this checkout's validated bank,
    in `lang`)."""
    if bank is None:
        from knowtheline.quiz import book_bank

        bank = book_bank(lang)
    return Cards(tuple(scenario_questions(bank)), lang)
