"""Role-play scenario cards, made from the bank's scenario questions.

In the book, `facilitators/scenario-cards.ipynb` shows `render_cards()`; the handouts print
the same HTML. Each card gives the situation (who the officer is, where, what the bystander
does) and the question to discuss; the answers, with the chapter that explains them, come
after all the cards so the cards can be handed out on their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from knowtheline.quiz.model import Question, Quiz

from .textutil import scenario_pairs

CARD_CSS = """
.ktl-scenario-cards { background: #ffffff; color: #1a1a1a; padding: 0.5rem; }
.ktl-scenario-cards h2 { color: #1a1a1a; }
.ktl-cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 0.75rem; }
.ktl-card { background: #ffffff; color: #1a1a1a; border: 2px solid #1a1a1a; border-radius: 6px; padding: 0.6rem 0.8rem; break-inside: avoid; }
.ktl-card h2 { margin: 0 0 0.3rem; font-size: 1rem; }
.ktl-card dl { margin: 0 0 0.4rem; } .ktl-card dt { font-weight: 600; } .ktl-card dd { margin: 0 0 0.25rem; }
.ktl-card .ktl-card-q { border-top: 1px dashed #666; padding-top: 0.3rem; margin: 0.3rem 0 0; }
.ktl-card-meta { font-size: 0.8em; color: #4a4a4a; margin: 0.3rem 0 0; }
.ktl-card-answers { break-before: page; }
.ktl-card-answers li { break-inside: avoid; margin-bottom: 0.5rem; }
@media print { .ktl-cards { grid-template-columns: 1fr 1fr; } }
"""


def scenario_questions(bank: dict[str, Quiz]) -> list[Question]:
    """Every scenario question, in chapter order."""
    return [q for quiz_id in sorted(bank) for q in bank[quiz_id].questions if q.scenario]


def _card(q: Question, number: int) -> str:
    situation = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in scenario_pairs(q))
    return (f'<article class="ktl-card" data-card="{number}"><h2>Card {number}</h2><dl>{situation}</dl>'
            f'<p class="ktl-card-q"><strong>Discuss:</strong> {escape(q.prompt)}</p>'
            f'<p class="ktl-card-meta">Chapter {q.chapter}</p></article>')


def _answer(q: Question, number: int) -> str:
    letter = q.letters
    right = "; ".join(f"{letter[a]}. {escape(q.option(a).text)}" for a in q.answer)
    return (f'<li value="{number}" data-qid="{escape(q.id)}"><strong>Card {number}:</strong> {right} '
            f"{escape(q.explanation)} <em>(Chapter {q.chapter} explains this and cites the sources.)</em></li>")


@dataclass(frozen=True)
class Cards:
    """The cards as HTML; a notebook cell displays it."""

    questions: tuple[Question, ...]

    @property
    def html(self) -> str:
        if not self.questions:
            return '<p class="ktl-cards-empty">The question bank has no scenario questions yet.</p>'
        cards = "".join(_card(q, n) for n, q in enumerate(self.questions, start=1))
        answers = "".join(_answer(q, n) for n, q in enumerate(self.questions, start=1))
        return (f'<div class="ktl-scenario-cards"><style>{CARD_CSS}</style>'
                f'<div class="ktl-cards">{cards}</div>'
                f'<section class="ktl-card-answers"><h2>Answers for the facilitator</h2><ol>{answers}</ol>'
                "<p>Education, not legal advice: point people to the chapter, and to a lawyer for their own "
                "situation.</p></section></div>")

    def _repr_html_(self) -> str:
        return self.html


def render_cards(bank: dict[str, Quiz] | None = None) -> Cards:
    """Cards for every scenario question of `bank` (default: this checkout's validated bank)."""
    if bank is None:
        from .select import load

        bank = load()
    return Cards(tuple(scenario_questions(bank)))
