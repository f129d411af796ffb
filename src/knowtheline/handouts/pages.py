"""The handouts as standalone HTML pages, ready to print."""

from __future__ import annotations

from html import escape
from pathlib import Path

from knowtheline.instructor.cards import render_cards
from knowtheline.instructor.export_text import to_html
from knowtheline.instructor.select import all_questions, as_quiz
from knowtheline.quiz.model import Quiz

#: Print rules for every handout: tables wrap instead of running off the page, rows,
#: figures and questions are not split, images fit, and folded sections are shown.
PRINT_CSS = """
@page { size: letter; margin: 14mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", system-ui, sans-serif; font-size: 10.5pt; line-height: 1.4; color: #111; }
table { border-collapse: collapse; width: 100%; table-layout: auto; }
th, td { border: 1px solid #777; padding: 4px 6px; vertical-align: top; overflow-wrap: normal; word-break: normal; hyphens: auto; white-space: normal !important; }
thead { display: table-header-group; }
tr, figure, img, svg, pre, blockquote, .ktl-card, .ktl-sheet-question, .admonition { break-inside: avoid; }
h1, h2, h3 { break-after: avoid; }
img, svg, video { max-width: 100% !important; height: auto !important; }
pre { white-space: pre-wrap; }
details > summary { list-style: none; }
"""


def document(title: str, body: str, extra_css: str = "") -> str:
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title><style>{PRINT_CSS}{extra_css}</style></head>"
            f"<body>{body}</body></html>\n")


def at_a_glance(source: Path) -> str:
    """The one-page comparison sheet, from `facilitators/at-a-glance.md` (landscape)."""
    import markdown

    body = markdown.markdown(source.read_text(encoding="utf-8"), extensions=["tables"])
    css = ("@page { size: letter landscape; margin: 10mm; } body { font-size: 9.5pt; }"
           "th:first-child, td:first-child { width: 12%; } h1 { font-size: 16pt; margin: 0 0 4px; }")
    return document("At a glance", body + "<p><small>Know the Line · education, not legal advice</small></p>", css)


def scenario_cards(bank: dict[str, Quiz]) -> str:
    return document("Scenario cards", "<h1>Scenario cards</h1>" + render_cards(bank).html)


def quiz_sheets(bank: dict[str, Quiz]) -> str:
    """Every question of the bank, chapter by chapter, for learners: no answers."""
    quiz = as_quiz(all_questions(bank), "bank", "Know the Line: quiz sheets")
    return to_html(quiz, answer_key=False, extra_css=PRINT_CSS)


# The key on its own: the sheets' page with its questions left out (numbers match the sheets).
KEY_ONLY_CSS = ".ktl-sheet-question, main > h1 + p { display: none; } .ktl-sheet-key { break-before: auto; }"


def quiz_key(bank: dict[str, Quiz]) -> str:
    """The answer key to `quiz_sheets`, a separate file, so learners' copies never carry it."""
    quiz = as_quiz(all_questions(bank), "bank", "Know the Line: answer key to the quiz sheets")
    return to_html(quiz, answer_key=True, extra_css=PRINT_CSS + KEY_ONLY_CSS)
