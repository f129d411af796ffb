"""Small text helpers shared by the export formats."""

from __future__ import annotations

from knowtheline.bank.model import Question
from knowtheline.render import render


def one_line(text: str) -> str:
    """Collapse runs of whitespace (line breaks included) to single spaces."""
    return " ".join(text.split())


def scenario_pairs(q: Question) -> list[tuple[str, str]]:
    """[(label, value)] describing a scenario question's situation; [] for other types."""
    return list(q.scenario.pairs) if q.scenario else []


def question_html(q: Question) -> str:
    """The question text as a small HTML fragment for an LMS (`templates/lms_question.html`):
    the scenario (if any), then the prompt in its own paragraph. Every piece of bank text is
    escaped."""
    return render("lms_question.html", pairs=scenario_pairs(q), prompt=q.prompt).strip()
