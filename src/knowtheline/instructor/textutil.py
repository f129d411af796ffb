"""Small text helpers shared by the export formats."""

from __future__ import annotations

from knowtheline.quiz.model import Question

def one_line(text: str) -> str:
    """Collapse runs of whitespace (line breaks included) to single spaces."""
    return " ".join(text.split())


def scenario_pairs(q: Question) -> list[tuple[str, str]]:
    """[(label, value)] describing a scenario question's situation; [] for other types."""
    return list(q.scenario.pairs) if q.scenario else []


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
