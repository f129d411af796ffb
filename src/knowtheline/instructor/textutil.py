"""Small text helpers shared by the export formats."""

from __future__ import annotations

from knowtheline.quiz.model import Question

SCENARIO_LABELS = ("Who the officer is", "Where", "What the bystander does")


def one_line(text: str) -> str:
    """Collapse runs of whitespace (line breaks included) to single spaces."""
    return " ".join(text.split())


def scenario_pairs(q: Question) -> list[tuple[str, str]]:
    """[(label, value)] describing a scenario question's situation; [] for other types."""
    if not q.scenario:
        return []
    s = q.scenario
    return list(zip(SCENARIO_LABELS, (s.officer_label, s.place, s.action)))


def letters(q: Question) -> dict[str, str]:
    """Option id -> the letter it is printed with (A, B, C, ...)."""
    return {o.id: chr(ord("A") + i) for i, o in enumerate(q.options)}


def question_html(q: Question) -> str:
    """The question text as a small HTML fragment for an LMS: the scenario (if any) in one
    paragraph, then the prompt in its own paragraph. Every piece of bank text is escaped."""
    from html import escape

    parts = []
    if q.scenario:
        lines = "<br>".join(f"<strong>{escape(label)}:</strong> {escape(value, quote=False)}"
                            for label, value in scenario_pairs(q))
        parts.append(f'<p class="ktl-scenario">{lines}</p>')
    parts.append(f'<p class="ktl-prompt">{escape(q.prompt, quote=False)}</p>')
    return "".join(parts)
